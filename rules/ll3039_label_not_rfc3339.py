"""A label that the schema declares as a date is not an RFC 3339 date and time.

## Why is this bad?

Dates in labels such as `org.opencontainers.image.created` are compared and sorted by
machines. The OCI annotation specification requires RFC 3339 (`2024-05-01T12:30:00Z`,
or with an offset `+02:00`); other formats (`01/05/2024`, a Unix timestamp) are
misread or rejected.

Only labels listed in the `label-schema` option with the type `rfc3339` are checked;
values that depend on an unknown variable are not, nor are empty values (LL3037).

## Example

```toml
label-schema = {"org.opencontainers.image.created" = "rfc3339"}
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="01/05/2024"
```

## Use instead

```toml
label-schema = {"org.opencontainers.image.created" = "rfc3339"}
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01T12:30:00Z"
```

## Options

- `label-schema` (table, default empty): label name → type; this rule checks the
  labels of type `rfc3339`. A top-level option shared by the label rules.

## Fix

None.

## References

- [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
- [Dockerfile reference: LABEL](https://docs.docker.com/reference/dockerfile/#label)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Label
from layerlint.rule import Context, Rule

from ._labels import SCHEMA, is_rfc3339, typed_findings

RULE = Rule(
    code="LL3039",
    name="label-not-rfc3339",
    severity=Severity.WARNING,
    message="label {label} must be an RFC 3339 date and time, not {value!r};"
    " write it like 2024-05-01T12:30:00Z",
    visits=("LABEL",),
    tags=("labels",),
    aliases=("DL3053",),
    options=(SCHEMA,),
)


def check(node: Label, ctx: Context) -> Iterator[Finding]:
    yield from typed_findings(node, ctx, "rfc3339", is_rfc3339)
