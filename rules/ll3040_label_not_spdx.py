"""A label that the schema declares as a license is not an SPDX license expression.

## Why is this bad?

License scanners and registries read `org.opencontainers.image.licenses` as an SPDX
license expression. A free-form value (`Apache 2`, `GPL`, `see LICENSE`) cannot be
matched to a license, so compliance tools flag the image as unknown. Identifiers are
checked against the SPDX License List (deprecated identifiers accepted);
`LicenseRef-...` and expressions with `AND`, `OR`, `WITH` and parentheses are
accepted.

Only labels listed in the `label-schema` option with the type `spdx` are checked;
values that depend on an unknown variable are not, nor are empty values (LL3037).

## Example

```toml
label-schema = {"org.opencontainers.image.licenses" = "spdx"}
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache 2"
```

## Use instead

```toml
label-schema = {"org.opencontainers.image.licenses" = "spdx"}
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache-2.0"
```

## Options

- `label-schema` (table, default empty): label name → type; this rule checks the
  labels of type `spdx`. A top-level option shared by the label rules.

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

from ._labels import SCHEMA, is_spdx, typed_findings

RULE = Rule(
    code="LL3040",
    name="label-not-spdx",
    severity=Severity.WARNING,
    message="label {label} must be an SPDX license identifier or expression, not {value!r};"
    " write it like MIT or Apache-2.0 OR MIT",
    visits=("LABEL",),
    tags=("labels",),
    aliases=("DL3054",),
    options=(SCHEMA,),
)


def check(node: Label, ctx: Context) -> Iterator[Finding]:
    yield from typed_findings(node, ctx, "spdx", is_spdx)
