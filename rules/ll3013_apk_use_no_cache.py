"""`apk add` without `--no-cache` leaves the package index in the layer.

## Why is this bad?

`apk add` (and `apk add --update`) stores the repository indexes in
`/var/cache/apk`, which then ships with the image. `apk add --no-cache` fetches a
fresh index, uses it and keeps nothing, so no `apk update` and no cleanup are needed.

Reported only where the layer ships (the build target and the stages it is built
FROM, before any FROM, ONBUILD triggers). Not reported when `/var/cache/apk` is
emptied later in the same RUN, or is under a `RUN --mount` (cache or tmpfs).

## Example

```dockerfile
FROM alpine:3.20
RUN apk add curl=8.9.1-r2
```

## Use instead

```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r2
RUN --mount=type=cache,target=/var/cache/apk apk add --update git=2.45.2-r0
```

## Fix

None.

## References

- [Alpine wiki: apk --no-cache](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper)
- [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import cache_reports

RULE = Rule(
    code="LL3013",
    name="apk-use-no-cache",
    severity=Severity.INFO,
    message="{program} {action} keeps its index in {path}; use apk add --no-cache",
    visits=("RUN",),
    tags=("size", "layers"),
    aliases=("DL3019",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    yield from cache_reports(ctx, node, ("apk",), ("add",))
