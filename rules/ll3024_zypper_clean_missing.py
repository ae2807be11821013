"""`zypper install` leaves zypper's cache in the layer: `zypper clean` is missing.

## Why is this bad?

zypper keeps the packages it downloads in `/var/cache/zypp/packages`, and the
repository metadata it refreshes in `raw/` and `solv/` beside them; all of it then
ships with the image. Run `zypper clean --all` (`zypper cc -a`) in the same RUN; a
later RUN only hides the files, their bytes still ship in the earlier layer. A plain
`zypper clean` empties only the package cache: this rule accepts it, as hadolint's
DL3036 does, while `layerlint layers` still lists the metadata left in the layer.

Reported only where the layer ships (the build target and the stages it is built
FROM, before any FROM, ONBUILD triggers). Not reported when the cache is cleaned
later in the same RUN or is under a `RUN --mount` (cache or tmpfs).

## Example

```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install mariadb=10.11.9
```

## Use instead

```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install mariadb=10.11.9 && zypper clean --all
```

## Fix

None.

## References

- [zypper manual: clean](https://en.opensuse.org/SDB:Zypper_manual)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import cache_reports

RULE = Rule(
    code="LL3024",
    name="zypper-clean-missing",
    severity=Severity.WARNING,
    message="{program} {action} leaves its cache in {path};"
    " run {program} clean --all in the same RUN",
    visits=("RUN",),
    tags=("size", "layers"),
    aliases=("DL3036",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    # The packages an install downloaded, and the metadata of an explicit refresh; the
    # metadata an install refreshes stays after a plain `zypper clean` (the layer
    # table lists it), which this rule, like hadolint's DL3036, accepts.
    yield from cache_reports(ctx, node, ("zypper",), categories=("cache",))
    yield from cache_reports(ctx, node, ("zypper",), ("refresh",), ("package-index",))
