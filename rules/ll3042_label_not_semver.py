"""A label that the schema declares as a version is not a semantic version.

## Why is this bad?

Release tooling compares versions found in labels such as
`org.opencontainers.image.version`. Semantic Versioning (`MAJOR.MINOR.PATCH`, with
optional `-prerelease` and `+build` parts) orders correctly; `v1.2`, `latest` or
`1.2.3.4` do not.

Only labels listed in the `label-schema` option with the type `semver` are checked;
values that depend on an unknown variable are not, nor are empty values (LL3037).

## Example

```toml
label-schema = {"org.opencontainers.image.version" = "semver"}
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="v1.2"
```

## Use instead

```toml
label-schema = {"org.opencontainers.image.version" = "semver"}
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.2.0"
```

## Options

- `label-schema` (table, default empty): label name → type; this rule checks the
  labels of type `semver`. A top-level option shared by the label rules.

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

from ._labels import SCHEMA, is_semver, typed_findings

RULE = Rule(
    code="LL3042",
    name="label-not-semver",
    severity=Severity.WARNING,
    message="label {label} must be a semantic version, not {value!r};"
    " write it like 1.4.2 or 2.0.0-rc.1",
    visits=("LABEL",),
    tags=("labels",),
    aliases=("DL3056",),
    options=(SCHEMA,),
)


def check(node: Label, ctx: Context) -> Iterator[Finding]:
    yield from typed_findings(node, ctx, "semver", is_semver)
