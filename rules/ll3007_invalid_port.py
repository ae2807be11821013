"""EXPOSE names a port number above 65535.

Checked: the container port, alone or as either end of a range (`8000-8100`), after
expanding ARG and ENV; values that are unknown or not numbers are not reported.

## Why is this bad?

TCP and UDP ports are 16-bit numbers, 0 to 65535. A larger number is a typo (often
an extra digit), and BuildKit rejects it when it builds the instruction.

## Example

```dockerfile
FROM nginx:1.27-alpine
EXPOSE 80800
```

## Use instead

```dockerfile
FROM nginx:1.27-alpine
EXPOSE 8080
```

## Fix

None.

## References

- [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
- [hadolint DL3011](https://github.com/hadolint/hadolint/wiki/DL3011)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.ports import MAX_PORT, expose_specs, port_numbers
from layerlint.nodes import Expose
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3007",
    name="invalid-port",
    severity=Severity.ERROR,
    message="EXPOSE {port}: {number} is not a valid port number; ports range from 0 to 65535",
    visits=("EXPOSE",),
    tags=("correctness",),
    aliases=("DL3011",),
    precision="very-high",
)


def check(node: Expose, ctx: Context) -> Iterator[Finding]:
    for word, spec in expose_specs(ctx.model, node):
        numbers = port_numbers(spec.port) or []
        too_large = [number for number in numbers if number > MAX_PORT]
        if too_large:
            yield ctx.report(word.span, port=spec.text, number=too_large[0])
