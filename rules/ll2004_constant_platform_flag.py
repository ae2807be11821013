"""FROM pins a constant platform with `--platform`.

As BuildKit's check: reported when the value uses no variable and names a valid
platform, unless the stage name contains the platform's operating system or
architecture (`FROM --platform=linux/amd64 … AS build-amd64` says the pin is
intended).

## Why is this bad?

A constant platform overrides the platform the build was asked for: in a
multi-platform build every variant of the image gets this stage built for the one
fixed platform, so the arm64 image ends up with amd64 binaries (or the build runs
under emulation). `$BUILDPLATFORM` (cross-compile on the build machine) or
`$TARGETPLATFORM` (the default) keep the build portable.

## Example

```dockerfile
FROM --platform=linux/amd64 golang:1.22 AS build
RUN go build -o /out/app ./cmd/app
```

## Use instead

```dockerfile
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app
```

## Fix

None.

## References

- [BuildKit check FromPlatformFlagConstDisallowed](https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/)
- [Multi-platform builds](https://docs.docker.com/build/building/multi-platform/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.platforms import parse_platform
from layerlint.model.references import word_references
from layerlint.nodes import From
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2004",
    name="constant-platform-flag",
    severity=Severity.WARNING,
    message='FROM --platform flag should not use constant value "{platform}"',
    visits=("FROM",),
    tags=("portability",),
    aliases=("FromPlatformFlagConstDisallowed",),
)


def check(node: From, ctx: Context) -> Iterator[Finding]:
    flag = node.flag("platform")
    if flag is None or not flag.value or word_references(flag.value, ctx.file.escape):
        return
    platform = parse_platform(flag.value)
    if platform is None:
        return
    stage_name = node.stage_name.text.lower() if node.stage_name is not None else ""
    if platform.os in stage_name or platform.architecture in stage_name:
        return
    yield ctx.report(flag.span, platform=flag.value)
