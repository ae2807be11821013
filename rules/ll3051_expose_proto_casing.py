"""The protocol of an EXPOSE port is not written in lower case.

## Why is this bad?

`80/TCP` is accepted today, but protocols are lower case everywhere else (`tcp`,
`udp`, `sctp`), and tools that read the image configuration may compare them as
written. BuildKit warns about it.

## Example

```dockerfile
FROM nginx:1.27-alpine
EXPOSE 80/TCP
```

## Use instead

```dockerfile
FROM nginx:1.27-alpine
EXPOSE 80/tcp
```

## Fix

Safe: write the protocol in lower case (when the port is written without variables).

## References

- [BuildKit check ExposeProtoCasing](https://docs.docker.com/reference/build-checks/expose-proto-casing/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Edit, Finding, Fix, Severity
from layerlint.model.ports import expose_specs
from layerlint.nodes import Expose
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3051",
    name="expose-proto-casing",
    severity=Severity.WARNING,
    message="Defined protocol '{port}' in EXPOSE instruction should be lowercase",
    visits=("EXPOSE",),
    tags=("style",),
    aliases=("ExposeProtoCasing",),
    precision="very-high",
    fix="safe",
)


def check(node: Expose, ctx: Context) -> Iterator[Finding]:
    for word, spec in expose_specs(ctx.model, node):
        if spec.protocol == spec.protocol.lower():
            continue
        fix = None
        if word.text == spec.text:
            span = word.span
            lowered = spec.text[: len(spec.text) - len(spec.protocol)] + spec.protocol.lower()
            fix = Fix(f"write {lowered}", (Edit(span.start, span.end, lowered),), safe=True)
        yield ctx.report(word.span, fix=fix, port=spec.text)
