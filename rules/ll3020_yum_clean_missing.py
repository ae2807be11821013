"""`yum install` leaves yum's cache in the layer: `yum clean all` is missing.

## Why is this bad?

yum keeps repository metadata (and, depending on the configuration, packages) in
its cache: `/var/cache/yum`, or `/var/cache/dnf` where yum is dnf (RHEL 8 and later,
Rocky, Alma, CentOS Stream, Fedora, Amazon Linux 2023), often over a hundred
megabytes that the image never needs. Run `yum clean all` in the same RUN; a later
RUN only hides the files, their bytes still ship in the earlier layer.

Reported only where the layer ships (the build target and the stages it is built
FROM, before any FROM, ONBUILD triggers). Not reported when the cache is cleaned
later in the same RUN or is under a `RUN --mount`. The directory is the one the
stage's image uses (`rm -rf /var/cache/yum` does not empty the cache on
`rockylinux:9`); on an image the model cannot place, any of yum's and dnf's cache
directories counts.

## Example

```dockerfile
FROM rockylinux:9
RUN yum install -y httpd-2.4.57
```

## Use instead

```dockerfile
FROM rockylinux:9
RUN yum install -y httpd-2.4.57 && yum clean all
```

## Fix

None.

## References

- [yum(8): clean](https://man7.org/linux/man-pages/man8/yum.8.html)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import cache_reports

RULE = Rule(
    code="LL3020",
    name="yum-clean-missing",
    severity=Severity.WARNING,
    message="{program} {action} leaves its cache in {path};"
    " run {program} clean all in the same RUN",
    visits=("RUN",),
    tags=("size", "layers"),
    aliases=("DL3032",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    yield from cache_reports(ctx, node, ("yum",))
