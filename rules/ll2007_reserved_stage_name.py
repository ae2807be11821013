"""A build stage is named `scratch` or `context`.

## Why is this bad?

`scratch` is the empty image and `context` the build context: BuildKit gives both
names a meaning of their own, so `FROM scratch` or `COPY --from=context` after such
a stage is ambiguous, and build tools that set named contexts cannot address the
stage.

## Example

```dockerfile
FROM alpine:3.20 AS context
RUN apk add --no-cache git
```

## Use instead

```dockerfile
FROM alpine:3.20 AS sources
RUN apk add --no-cache git
```

## Fix

None.

## References

- [BuildKit check ReservedStageName](https://docs.docker.com/reference/build-checks/reserved-stage-name/)
- [hadolint DL3063](https://github.com/hadolint/hadolint/wiki/DL3063)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import From
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2007",
    name="reserved-stage-name",
    severity=Severity.WARNING,
    message='Stage name should not use the same name as reserved stage "{name}"',
    visits=("FROM",),
    tags=("correctness",),
    aliases=("DL3063", "ReservedStageName"),
    precision="very-high",
)

RESERVED = frozenset({"scratch", "context"})


def check(node: From, ctx: Context) -> Iterator[Finding]:
    if node.stage_name is None:
        return
    name = node.stage_name.text.lower()
    if name in RESERVED:
        yield ctx.report(node.stage_name.span, name=name)
