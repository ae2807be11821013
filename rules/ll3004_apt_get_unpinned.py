"""`apt-get install` installs a package without pinning its version.

## Why is this bad?

Without a version, every build installs whatever the archive holds that day: two
builds of the same Dockerfile can differ, and a new upstream release can break the
image without any change to the file. Pinning (`curl=8.5.0-2ubuntu10.6`) makes the
build repeatable and lets tools such as Renovate propose the upgrades.

Only packages that are certainly unpinned are reported. A version held in a variable
(`curl=${CURL_VERSION}`, an ARG or ENV, or a shell variable set earlier in the RUN)
counts as pinned, `.deb` files and paths carry their own version, and operands the
model cannot read (`$PACKAGES` from an unknown variable) are not judged. A variable
that holds several packages is split into them, as the shell does.

## Example

```dockerfile
FROM debian:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
```

## Use instead

```dockerfile
FROM debian:12
ARG CURL_VERSION=7.88.1-10+deb12u12
RUN apt-get update \
 && apt-get install -y --no-install-recommends "curl=${CURL_VERSION}" ./vendor/tool_1.2_amd64.deb \
 && rm -rf /var/lib/apt/lists/*
```

## Fix

None.

## References

- [Dockerfile best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
- [apt-get(8): install pkg=version](https://manpages.debian.org/stable/apt/apt-get.8.en.html)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import invocations, unpinned_report

RULE = Rule(
    code="LL3004",
    name="apt-get-unpinned",
    severity=Severity.WARNING,
    message="{packages} {count} installed without a version; pin {it} as {first}=<version>",
    visits=("RUN",),
    tags=("reproducibility",),
    aliases=("DL3008",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for _, invocation in invocations(ctx, node, ("apt",), ("install",), ("apt-get",)):
        finding = unpinned_report(ctx, node, invocation, invocation.packages)
        if finding is not None:
            yield finding
