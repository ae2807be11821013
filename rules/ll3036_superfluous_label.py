"""With `strict-labels`, a LABEL sets a label that the label schema does not list.

## Why is this bad?

Teams that keep a strict label schema want every label on their images to be one
they know: unlisted labels are typos of required ones (`org.opencontainers.image.url`
as `...image.uri`), leftovers, or data that does not belong in image metadata.

Off unless the `strict-labels` option is true. Keys that depend on an unknown
variable are not reported.

## Example

```toml
label-schema = {"org.opencontainers.image.source" = "url"}
strict-labels = true
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/example/app" build-host="ci-7"
```

## Use instead

```toml
label-schema = {"org.opencontainers.image.source" = "url"}
strict-labels = true
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/example/app"
```

## Options

- `strict-labels` (boolean, default false): report labels that are not in
  `label-schema`.
- `label-schema` (table, default empty): the labels that are allowed.

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

from ._labels import SCHEMA, STRICT, label_pairs, schema

RULE = Rule(
    code="LL3036",
    name="superfluous-label",
    severity=Severity.INFO,
    message="label {key} is not in the label schema and strict-labels is on;"
    " remove it or add it to label-schema",
    visits=("LABEL",),
    tags=("labels",),
    aliases=("DL3050",),
    options=(SCHEMA, STRICT),
)


def check(node: Label, ctx: Context) -> Iterator[Finding]:
    if not ctx.option(STRICT.name):
        return
    allowed = schema(ctx)
    for entry in label_pairs(node, ctx):
        if entry.key is not None and entry.key not in allowed:
            yield ctx.report(entry.pair.key.span, key=entry.key)
