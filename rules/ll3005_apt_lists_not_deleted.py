"""`apt-get update` leaves the package lists in the layer.

## Why is this bad?

`apt-get update` downloads the package indexes into `/var/lib/apt/lists`: tens of
megabytes that the running container never needs. They stay in the image unless the
same RUN removes them; deleting them in a later RUN only hides them, the bytes still
ship in the earlier layer. Stale lists are also a trap for later `apt-get install`
steps built from cache.

Reported only where the layer ships: in the build target and the stages it is built
FROM (a builder stage whose files are copied selectively does not ship its lists),
before any FROM, and in ONBUILD triggers. Not reported when the lists are removed
later in the same RUN, or when `/var/lib/apt/lists` is under a `RUN --mount`
(cache or tmpfs) and so never part of the layer.

## Example

```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12
```

## Use instead

```dockerfile
FROM debian:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \
 && rm -rf /var/lib/apt/lists/*
RUN --mount=type=cache,target=/var/lib/apt/lists --mount=type=cache,target=/var/cache/apt \
    apt-get update && apt-get install -y --no-install-recommends git=1:2.39.5-0+deb12u1
```

## Fix

None.

## References

- [Dockerfile best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
- [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import cache_reports

RULE = Rule(
    code="LL3005",
    name="apt-lists-not-deleted",
    severity=Severity.INFO,
    message="{program} {action} leaves the package lists in {path};"
    " remove {path}/* in the same RUN",
    visits=("RUN",),
    tags=("size", "layers"),
    aliases=("DL3009",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    yield from cache_reports(ctx, node, ("apt",), categories=("package-index",))
