"""The Dockerfile cannot be parsed here.

## Why is this bad?

BuildKit refuses to build a Dockerfile it cannot parse, so nothing after this point
would run: an ENV or LABEL key without a value, a JSON array holding something other
than strings, a heredoc whose delimiter line never comes, a malformed parser directive,
an instruction the Dockerfile reference does not define, or a file with no
instructions at all. layerlint reports the problem where it is and goes on with the
next instruction, so the rest of the file is still checked.

## Example

```dockerfile
FROM alpine:3.20
ENV PATH
FORM alpine:3.20
```

## Use instead

```dockerfile
FROM alpine:3.20
ENV PATH=/usr/local/bin:$PATH
```

## Fix

None.

## References

- [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
- [Parser directives](https://docs.docker.com/reference/dockerfile/#parser-directives)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Dockerfile
from layerlint.rule import FILE, Context, Rule

RULE = Rule(
    code="LL1000",
    name="syntax-error",
    severity=Severity.ERROR,
    message="{problem}",
    visits=(FILE,),
    tags=("syntax", "correctness"),
    precision="very-high",
)


def check(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    for problem in file.problems:
        yield ctx.report(problem.span, problem=problem.message)
