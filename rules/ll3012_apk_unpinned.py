"""`apk add` installs a package without pinning its version.

## Why is this bad?

Without a version, `apk add` installs whatever the repository holds at build time, so
rebuilds of the same Dockerfile can differ. Pin the package (`curl=8.9.1-r2`) or
constrain it (`curl~8.9`, `curl>=8.9`) to keep builds repeatable.

Not reported: any version constraint (`=`, `~`, `~=`, `=~`, `>=`, `<` ...), `.apk`
files and paths, virtual package names (`--virtual .build-deps`), versions held in a
variable the model knows, and operands it cannot read. An unquoted `curl>=8.9` is a
shell redirection (the package is installed unpinned and the output goes to a file
called `=8.9`), so it is reported: quote the constraint.

## Example

```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Use instead

```dockerfile
FROM alpine:3.20
ARG GIT_VERSION=2.45.2-r0
RUN apk add --no-cache "curl~8.9" "git=${GIT_VERSION}"
```

## Fix

None.

## References

- [Alpine wiki: package management](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper)
- [Dockerfile best practices](https://docs.docker.com/build/building/best-practices/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import invocations, unpinned_report

RULE = Rule(
    code="LL3012",
    name="apk-unpinned",
    severity=Severity.WARNING,
    message="{packages} {count} installed without a version; pin {it} as {first}=<version>",
    visits=("RUN",),
    tags=("reproducibility",),
    aliases=("DL3018",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for _, invocation in invocations(ctx, node, ("apk",), ("add",)):
        finding = unpinned_report(ctx, node, invocation, invocation.packages)
        if finding is not None:
            yield finding
