"""An ENV value refers to a variable that the same ENV instruction defines.

## Why is this bad?

All values of one ENV instruction are expanded with the variables as they were
before the instruction: in `ENV DIR=/opt/app BIN=$DIR/bin`, `$DIR` is not
`/opt/app` but whatever `DIR` was before (usually empty), so `BIN` becomes `/bin`.
Define the variable in an earlier ENV instruction, then refer to it.

A variable that an earlier ARG or ENV (or the base stage) defined is not reported:
there the old value is what the author most likely means, as in
`ENV PATH=/opt/app/bin:$PATH`.

## Example

```dockerfile
FROM eclipse-temurin:21-jre
ENV APP_HOME=/opt/app APP_LOGS=$APP_HOME/logs
```

## Use instead

```dockerfile
FROM eclipse-temurin:21-jre
ENV APP_HOME=/opt/app
ENV APP_LOGS=$APP_HOME/logs
```

## Fix

None.

## References

- [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
- [Dockerfile reference: environment replacement](https://docs.docker.com/reference/dockerfile/#environment-replacement)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.variables import references
from layerlint.nodes import Env
from layerlint.rule import Context, Rule, source_span

RULE = Rule(
    code="LL3030",
    name="env-self-reference",
    severity=Severity.ERROR,
    message="${name} is defined by this same ENV, so it expands to its previous value here;"
    " define {name} in an earlier ENV instruction",
    visits=("ENV",),
    tags=("correctness",),
    aliases=("DL3044",),
)


def check(node: Env, ctx: Context) -> Iterator[Finding]:
    escape = ctx.file.escape
    defined = {ctx.model.unquote(pair.key): index for index, pair in enumerate(node.pairs)}
    before = None  # the variables before the ENV, looked up only when needed
    for index, pair in enumerate(node.pairs):
        for name, start, end in references(pair.value.text, escape):
            if name not in defined or defined[name] == index:
                continue
            if before is None:
                before = ctx.model.variables_at(node)
            if name in before:
                continue
            span = pair.value.span
            if span.line == span.end_line:
                span = source_span(ctx.file, span.start + start, span.start + end)
            yield ctx.report(span, name=name)
