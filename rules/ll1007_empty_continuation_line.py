"""An empty line inside an instruction continued with `\\` does not end it.

Reported once per instruction, at the line where the instruction goes on after its
last empty line. Lines with only a comment are not empty lines here: BuildKit drops
them from continued instructions on purpose.

## Why is this bad?

An empty line looks like the end of the instruction, but the line before it ends
with the escape character, so the builder skips the empty line and glues the next
line onto the instruction: a following `RUN` or `COPY` silently becomes arguments
of the previous command. BuildKit warns that empty continuation lines will become
errors.

## Example

```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends \\
    curl \\

RUN curl --version
```

## Use instead

```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends \\
    curl

RUN curl --version
```

## Fix

None.

## References

- [BuildKit check NoEmptyContinuation](https://docs.docker.com/reference/build-checks/no-empty-continuation/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Dockerfile
from layerlint.rule import FILE, Context, Rule, source_span

RULE = Rule(
    code="LL1007",
    name="empty-continuation-line",
    severity=Severity.WARNING,
    message="Empty continuation line: {keyword} goes on here after the empty line {empty};"
    " remove the empty line, or end the instruction before it",
    visits=(FILE,),
    tags=("correctness",),
    aliases=("NoEmptyContinuation",),
    precision="very-high",
)


def check(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    empty_lines = file.empty_continuation_lines
    if not empty_lines:
        return
    source = file.source
    for node in file.instructions:
        inside = [line for line in empty_lines if node.line < line <= node.end_line]
        if not inside:
            continue
        line = _resumes_at(file, inside[-1], node.end_line)
        text = source.line_text(line)
        start = source.line_start(line) + len(text) - len(text.lstrip())
        end = source.line_start(line) + len(text.rstrip())
        yield ctx.report(
            source_span(file, start, max(end, start)), keyword=node.keyword, empty=inside[-1]
        )


def _resumes_at(file: Dockerfile, empty: int, last: int) -> int:
    """The first line after `empty` that carries instruction text (else `empty`)."""
    for line in range(empty + 1, last + 1):
        text = file.source.line_text(line).strip()
        if text and not text.startswith("#"):
            return line
    return empty
