"""`zypper install` installs a package without pinning its version.

## Why is this bad?

Without a version, zypper installs the newest package in the repositories at build
time, so rebuilding the same Dockerfile can give a different image. Name the version
(`tomcat=9.0.87`, `tomcat-9.0.87`) or constrain it (`'tomcat>=9.0'`).

Not reported: `.rpm` files, paths and URLs, patterns and patches (`-t pattern`),
versions held in a variable the model knows, and operands it cannot read.

## Example

```dockerfile
FROM opensuse/leap:15.6
RUN zypper install -y tomcat && zypper clean --all
```

## Use instead

```dockerfile
FROM opensuse/leap:15.6
RUN zypper install -y tomcat=9.0.87 'curl>=8.6' && zypper clean --all
```

## Fix

None.

## References

- [zypper(8)](https://en.opensuse.org/SDB:Zypper_manual)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import invocations, unpinned_report

RULE = Rule(
    code="LL3025",
    name="zypper-unpinned",
    severity=Severity.WARNING,
    message="{packages} {count} installed without a version; pin {it} as {first}=<version>",
    visits=("RUN",),
    tags=("reproducibility",),
    aliases=("DL3037",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for _, invocation in invocations(ctx, node, ("zypper",), ("install",)):
        finding = unpinned_report(ctx, node, invocation, invocation.packages)
        if finding is not None:
            yield finding
