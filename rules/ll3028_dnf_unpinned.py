"""`dnf install` (or microdnf) installs a package without pinning its version.

## Why is this bad?

Without a version, dnf installs the newest package in the enabled repositories at
build time, so rebuilding the same Dockerfile can give a different image. Name the
version (`tomcat-9.0.87`, with an epoch `openssl-1:3.0.7`) or a module stream
(`dnf module install nodejs:20`).

Not reported: `.rpm` files, paths and URLs, groups (`@core`, `group install`),
versions held in a variable the model knows (`git-core-${GIT_VERSION}`), and operands
it cannot read.

## Example

```dockerfile
FROM fedora:40
RUN dnf install -y tomcat && dnf clean all
```

## Use instead

```dockerfile
FROM fedora:40
ARG GIT_VERSION=2.46.2-1.fc40
RUN dnf install -y "git-core-${GIT_VERSION}" \
 && dnf group install -y "Development Tools" \
 && dnf clean all
```

## Fix

None.

## References

- [dnf: install command](https://dnf.readthedocs.io/en/latest/command_ref.html#install-command)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import invocations, unpinned_report

RULE = Rule(
    code="LL3028",
    name="dnf-unpinned",
    severity=Severity.WARNING,
    message="{packages} {count} installed without a version; pin {it} as {first}-<version>",
    visits=("RUN",),
    tags=("reproducibility",),
    aliases=("DL3041",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for _, invocation in invocations(ctx, node, ("dnf",), ("install", "module install")):
        finding = unpinned_report(ctx, node, invocation, invocation.packages)
        if finding is not None:
            yield finding
