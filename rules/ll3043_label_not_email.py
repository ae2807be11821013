"""A label that the schema declares as an email address is not an address.

## Why is this bad?

Contact labels such as `maintainer` or `org.opencontainers.image.authors` are how
people reach the owners of an image. A value that is not an RFC 5322 address (a
name alone, a URL) leaves them no way to do so. `Name <address>` is accepted.

Only labels listed in the `label-schema` option with the type `email` are checked;
values that depend on an unknown variable are not, nor are empty values (LL3037).

## Example

```toml
label-schema = {"maintainer" = "email"}
```

```dockerfile
FROM alpine:3.20
LABEL maintainer="The platform team"
```

## Use instead

```toml
label-schema = {"maintainer" = "email"}
```

```dockerfile
FROM alpine:3.20
LABEL maintainer="platform-team@example.com"
```

## Options

- `label-schema` (table, default empty): label name → type; this rule checks the
  labels of type `email`. A top-level option shared by the label rules.

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

from ._labels import SCHEMA, is_email, typed_findings

RULE = Rule(
    code="LL3043",
    name="label-not-email",
    severity=Severity.WARNING,
    message="label {label} must be an email address, not {value!r}; write it like dev@example.com",
    visits=("LABEL",),
    tags=("labels",),
    aliases=("DL3058",),
    options=(SCHEMA,),
)


def check(node: Label, ctx: Context) -> Iterator[Finding]:
    yield from typed_findings(node, ctx, "email", is_email)
