"""A stage name is not all lower case.

## Why is this bad?

BuildKit lowercases stage names, so `AS Build` defines the stage `build`. References
are matched case-insensitively by `COPY --from`, but not in every position (a
`FROM Build` may be read as an image name), and mixed-case names invite exactly
that confusion.

## Example

```dockerfile
FROM rust:1.79 AS Builder
RUN cargo build --release
```

## Use instead

```dockerfile
FROM rust:1.79 AS builder
RUN cargo build --release
```

## Fix

Safe: write the name in lower case (BuildKit already uses that name).

## References

- [BuildKit check StageNameCasing](https://docs.docker.com/reference/build-checks/stage-name-casing/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Edit, Finding, Fix, Severity
from layerlint.nodes import From
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2008",
    name="stage-name-casing",
    severity=Severity.WARNING,
    message="Stage name '{name}' should be lowercase",
    visits=("FROM",),
    tags=("style",),
    aliases=("StageNameCasing",),
    precision="very-high",
    fix="safe",
)


def check(node: From, ctx: Context) -> Iterator[Finding]:
    word = node.stage_name
    if word is None or word.text == word.text.lower():
        return
    lowered = word.text.lower()
    span = word.span
    fix = Fix(f"rename the stage {lowered}", (Edit(span.start, span.end, lowered),), safe=True)
    yield ctx.report(span, fix=fix, name=word.text)
