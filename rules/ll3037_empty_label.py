"""A label that the label schema requires is set to an empty value.

## Why is this bad?

An empty value satisfies a "label is present" check while carrying no information:
the image still cannot be traced to its source, version or owner. It is often a
build argument that was not passed (`LABEL version=$VERSION` with an empty default).

Only labels listed in the `label-schema` option are checked. Values that depend on
an unknown variable are not reported.

## Example

```toml
label-schema = {"org.opencontainers.image.version" = "semver"}
```

```dockerfile
FROM alpine:3.20
ARG VERSION=""
LABEL org.opencontainers.image.version="${VERSION}"
```

## Use instead

```toml
label-schema = {"org.opencontainers.image.version" = "semver"}
```

```dockerfile
FROM alpine:3.20
ARG VERSION=1.4.2
LABEL org.opencontainers.image.version="${VERSION}"
```

## Options

- `label-schema` (table, default empty): label name → type; each of these labels
  must not be empty.

## Fix

None.

## References

- [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Label
from layerlint.rule import Context, Rule

from ._labels import SCHEMA, label_pairs, schema

RULE = Rule(
    code="LL3037",
    name="empty-label",
    severity=Severity.WARNING,
    message="label {key} is empty; give it a value",
    visits=("LABEL",),
    tags=("labels",),
    aliases=("DL3051",),
    options=(SCHEMA,),
)


def check(node: Label, ctx: Context) -> Iterator[Finding]:
    required = schema(ctx)
    for entry in label_pairs(node, ctx):
        if entry.key is not None and entry.key in required and entry.value == "":
            yield ctx.report(entry.pair.key.span, key=entry.key)
