r"""The file is not valid UTF-8.

## Why is this bad?

BuildKit reads Dockerfiles as UTF-8. Bytes that are not valid UTF-8 (often a comment
or a label saved in Latin-1 or Windows-1252) end up as garbage in labels, environment
values and commands, and editors show them differently on every machine. layerlint
replaces each invalid sequence by U+FFFD, reports where it is, and lints the rest.

## Example

```dockerfile bytes
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Ren\xe9"
```

(`\xe9` stands for the single byte E9, "é" in Latin-1.)

## Use instead

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="René"
```

## Fix

None. Re-save the file as UTF-8.

## References

- [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Dockerfile
from layerlint.rule import FILE, Context, Rule, source_span

RULE = Rule(
    code="LL1004",
    name="invalid-encoding",
    severity=Severity.WARNING,
    message="{problem}; save the file as UTF-8",
    visits=(FILE,),
    tags=("syntax",),
    precision="very-high",
)


def check(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    for problem in file.source.decode_problems:
        span = source_span(file, problem.offset, problem.offset + 1)
        yield ctx.report(span, problem=problem.message)
