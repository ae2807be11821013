"""A label that the schema declares as a URL is not a URL.

## Why is this bad?

Tools read such labels as links: `org.opencontainers.image.source` and
`.url` open the project or its source from a registry page, and scanners follow
`.documentation`. A value that is not an absolute URL (a bare host name, a path, a
placeholder) is a dead link.

Only labels listed in the `label-schema` option with the type `url` are checked;
values that depend on an unknown variable are not, nor are empty values (LL3037).

## Example

```toml
label-schema = {"org.opencontainers.image.source" = "url"}
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="github.com/example/app"
```

## Use instead

```toml
label-schema = {"org.opencontainers.image.source" = "url"}
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/example/app"
```

## Options

- `label-schema` (table, default empty): label name → type; this rule checks the
  labels of type `url`. A top-level option shared by the label rules.

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

from ._labels import SCHEMA, is_url, typed_findings

RULE = Rule(
    code="LL3038",
    name="label-not-url",
    severity=Severity.WARNING,
    message="label {label} must be a URL, not {value!r}; give an absolute URL such as https://example.com/project",
    visits=("LABEL",),
    tags=("labels",),
    aliases=("DL3052",),
    options=(SCHEMA,),
)


def check(node: Label, ctx: Context) -> Iterator[Finding]:
    yield from typed_findings(node, ctx, "url", is_url)
