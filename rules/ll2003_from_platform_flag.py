"""FROM forces a platform that is not one of the build's platform arguments.

hadolint's stricter form of LL2004: every `FROM --platform=` is reported unless its
value refers to one of the platform arguments BuildKit predefines
(`$BUILDPLATFORM`, `$TARGETPLATFORM`, `$BUILDOS`, `$BUILDARCH`, `$TARGETOS`,
`$TARGETARCH`, their variants). A value from another ARG is reported when its
default is known (it pins the platform just like a constant), and not when the ARG
has no default. Off by default: LL2004 (on by default) reports the harmful case,
constant platforms, with fewer false positives; enable this rule to forbid pinned
platforms altogether.

## Why is this bad?

A fixed platform makes every build of this stage use that platform, whatever
platform is requested: a multi-platform build produces, for example, amd64 binaries
in its arm64 image, which fail at run time or run under emulation.

## Example

```dockerfile
FROM --platform=linux/amd64 node:20-slim
```

## Use instead

```dockerfile
FROM --platform=$BUILDPLATFORM node:20-slim
```

## Fix

None.

## References

- [Dockerfile reference: FROM --platform](https://docs.docker.com/reference/dockerfile/#from)
- [Multi-platform builds](https://docs.docker.com/build/building/multi-platform/)
- [hadolint DL3029](https://github.com/hadolint/hadolint/wiki/DL3029)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.references import word_references
from layerlint.nodes import From
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2003",
    name="from-platform-flag",
    severity=Severity.WARNING,
    message="FROM --platform={platform} pins the platform of this stage; use $BUILDPLATFORM"
    " or $TARGETPLATFORM, or drop the flag",
    visits=("FROM",),
    tags=("portability",),
    aliases=("DL3029",),
    enabled=False,
)

PLATFORM_ARGS = frozenset(
    {
        "BUILDPLATFORM",
        "BUILDOS",
        "BUILDARCH",
        "BUILDVARIANT",
        "TARGETPLATFORM",
        "TARGETOS",
        "TARGETARCH",
        "TARGETVARIANT",
    }
)


def check(node: From, ctx: Context) -> Iterator[Finding]:
    flag = node.flag("platform")
    if flag is None or not flag.value:
        return
    names = {reference.name for reference in word_references(flag.value, ctx.file.escape)}
    if names & PLATFORM_ARGS:
        return
    if names and ctx.model.expand(flag.value, node) is None:
        return
    yield ctx.report(flag.span, platform=flag.value)
