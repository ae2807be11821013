"""`yum install` installs a package without pinning its version.

## Why is this bad?

Without a version, yum installs the newest package in the enabled repositories at
build time, so rebuilding the same Dockerfile can give a different image. Name the
version (`httpd-2.4.57`, with an epoch `openssl-1:3.0.7`) or a module stream
(`yum module install nodejs:20`).

Not reported: `.rpm` files, paths and URLs, groups (`@core`, `group install`),
versions held in a variable the model knows (`git-core-${GIT_VERSION}`), and operands
it cannot read.

## Example

```dockerfile
FROM rockylinux:9
RUN yum install -y httpd && yum clean all
```

## Use instead

```dockerfile
FROM rockylinux:9
ARG HTTPD_VERSION=2.4.57
RUN yum install -y "httpd-${HTTPD_VERSION}" && yum clean all
```

## Fix

None.

## References

- [yum(8)](https://man7.org/linux/man-pages/man8/yum.8.html)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import invocations, unpinned_report

RULE = Rule(
    code="LL3021",
    name="yum-unpinned",
    severity=Severity.WARNING,
    message="{packages} {count} installed without a version; pin {it} as {first}-<version>",
    visits=("RUN",),
    tags=("reproducibility",),
    aliases=("DL3033",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for _, invocation in invocations(ctx, node, ("yum",), ("install", "module install")):
        finding = unpinned_report(ctx, node, invocation, invocation.packages)
        if finding is not None:
            yield finding
