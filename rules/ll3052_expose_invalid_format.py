"""EXPOSE gives an IP address or a host port, which only `docker run -p` can set.

## Why is this bad?

EXPOSE documents which container ports the image listens on; publishing them on the
host (and choosing the host port or address) is decided when the container is run.
`EXPOSE 8080:80` and `EXPOSE 127.0.0.1:80:80` are accepted for now but the host part
is ignored, so the image does not do what the line says. BuildKit announces that
this will become an error.

## Example

```dockerfile
FROM nginx:1.27-alpine
EXPOSE 8080:80
```

## Use instead

```dockerfile
FROM nginx:1.27-alpine
EXPOSE 80
```

## Fix

None.

## References

- [BuildKit check ExposeInvalidFormat](https://docs.docker.com/reference/build-checks/expose-invalid-format/)
- [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.ports import expose_specs
from layerlint.nodes import Expose
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3052",
    name="expose-invalid-format",
    severity=Severity.WARNING,
    message="EXPOSE instruction should not define an IP address or host-port mapping, found"
    " '{port}'; expose only the container port",
    visits=("EXPOSE",),
    tags=("correctness",),
    aliases=("ExposeInvalidFormat",),
    precision="very-high",
)


def check(node: Expose, ctx: Context) -> Iterator[Finding]:
    for word, spec in expose_specs(ctx.model, node):
        if spec.has_mapping:
            yield ctx.report(word.span, port=spec.text)
