"""`dnf install` (or microdnf) leaves dnf's cache in the layer: `dnf clean all` is missing.

## Why is this bad?

dnf keeps repository metadata in its cache directory (`/var/cache/dnf`, or
`/var/cache/libdnf5` for dnf5, `/var/cache/yum` for microdnf): often over a hundred
megabytes that the image never needs. Run `dnf clean all` in the same RUN; a later
RUN only hides the files, their bytes still ship in the earlier layer.

Reported only where the layer ships (the build target and the stages it is built
FROM, before any FROM, ONBUILD triggers). Not reported when the cache is cleaned
later in the same RUN or is under a `RUN --mount`. The directory is the one the
stage's image uses (dnf5 on Fedora 41 and later); on an image the model cannot
place, removing or mounting any of dnf's and yum's cache directories counts.

## Example

```dockerfile
FROM fedora:40
RUN dnf install -y httpd-2.4.62
```

## Use instead

```dockerfile
FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y git-core-2.46.2
```

## Fix

None.

## References

- [dnf: clean command](https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import cache_reports

RULE = Rule(
    code="LL3027",
    name="dnf-clean-missing",
    severity=Severity.WARNING,
    message="{program} {action} leaves its cache in {path};"
    " run {program} clean all in the same RUN",
    visits=("RUN",),
    tags=("size", "layers"),
    aliases=("DL3040",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    yield from cache_reports(ctx, node, ("dnf",))
