"""ENV or LABEL uses the legacy `KEY value` form instead of `KEY=value`.

## Why is this bad?

In the legacy form everything after the first space is the value, quotes and all,
so `ENV OPTS -a -b` and `ENV OPTS=-a -b` mean different things, and one instruction
can set only one variable. The `KEY=value` form is the documented one, takes several
pairs, and behaves like shell assignments. BuildKit warns about the legacy form.

## Example

```dockerfile
FROM python:3.12-slim
ENV PYTHONUNBUFFERED 1
LABEL maintainer team@example.org
```

## Use instead

```dockerfile
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
LABEL maintainer=team@example.org
```

## Fix

None. (Rewriting needs quoting decisions for values with spaces or quotes.)

## References

- [BuildKit check LegacyKeyValueFormat](https://docs.docker.com/reference/build-checks/legacy-key-value-format/)
- [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Env, Label
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL1010",
    name="legacy-key-value-format",
    severity=Severity.WARNING,
    message='{keyword} {key} uses the legacy "{keyword} key value" format;'
    ' write "{keyword} {key}=value"',
    visits=("ENV", "LABEL"),
    tags=("style",),
    aliases=("LegacyKeyValueFormat",),
    precision="very-high",
)


def check(node: Env | Label, ctx: Context) -> Iterator[Finding]:
    for pair in node.pairs:
        if pair.legacy:
            yield ctx.report(pair.key.span, keyword=node.kind, key=pair.key.text)
