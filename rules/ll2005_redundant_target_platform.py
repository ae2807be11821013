"""FROM sets `--platform=$TARGETPLATFORM`, which is what it does anyway.

Reported when the whole value is `$TARGETPLATFORM` or `${TARGETPLATFORM}` (with or
without quotes, or with a default such as `${TARGETPLATFORM:-linux/amd64}`, which
never applies since BuildKit always defines it). `$BUILDPLATFORM` is different and
useful: it runs the stage on the build machine for cross-compilation.

## Why is this bad?

Stages are built for the target platform by default, so the flag changes nothing.
It suggests the author meant something else (often `$BUILDPLATFORM`) and is noise
for readers.

## Example

```dockerfile
FROM --platform=$TARGETPLATFORM alpine:3.20
```

## Use instead

```dockerfile
FROM alpine:3.20
```

## Fix

None.

## References

- [BuildKit check RedundantTargetPlatform](https://docs.docker.com/reference/build-checks/redundant-target-platform/)
- [hadolint DL3065](https://github.com/hadolint/hadolint/wiki/DL3065)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.references import word_references
from layerlint.nodes import From
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2005",
    name="redundant-target-platform",
    severity=Severity.WARNING,
    message="Setting platform to predefined {platform} in FROM is redundant as this is the"
    " default behavior",
    visits=("FROM",),
    tags=("style",),
    aliases=("DL3065", "RedundantTargetPlatform"),
    precision="very-high",
)

_SAME_VALUE = ("", "-", ":-", "?", ":?")


def check(node: From, ctx: Context) -> Iterator[Finding]:
    flag = node.flag("platform")
    if flag is None or not flag.value:
        return
    references = word_references(flag.value, ctx.file.escape)
    if len(references) != 1:
        return
    reference = references[0]
    whole = reference.start == 0 and reference.end == len(flag.value)
    if reference.name == "TARGETPLATFORM" and whole and reference.operator in _SAME_VALUE:
        yield ctx.report(flag.span, platform=flag.value)
