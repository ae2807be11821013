"""A label that the schema declares as a git commit is not a commit hash.

## Why is this bad?

`org.opencontainers.image.revision` and similar labels tie an image to the commit
it was built from. A branch name or a tag moves, and a typo is not a commit:
the label then points nowhere. A hash has 40 (SHA-1) or 64 (SHA-256) hexadecimal
digits, or at least 7 when abbreviated.

Only labels listed in the `label-schema` option with the type `hash` are checked;
values that depend on an unknown variable are not, nor are empty values (LL3037).

## Example

```toml
label-schema = {"org.opencontainers.image.revision" = "hash"}
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="main"
```

## Use instead

```toml
label-schema = {"org.opencontainers.image.revision" = "hash"}
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="3f2a9c1e8b7d4a6f5e0c2b1a9d8e7f6a5b4c3d2e"
```

## Options

- `label-schema` (table, default empty): label name → type; this rule checks the
  labels of type `hash`. A top-level option shared by the label rules.

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

from ._labels import SCHEMA, is_git_hash, typed_findings

RULE = Rule(
    code="LL3041",
    name="label-not-git-hash",
    severity=Severity.WARNING,
    message="label {label} must be a git commit hash, not {value!r};"
    " use the full or abbreviated commit id",
    visits=("LABEL",),
    tags=("labels",),
    aliases=("DL3055",),
    options=(SCHEMA,),
)


def check(node: Label, ctx: Context) -> Iterator[Finding]:
    yield from typed_findings(node, ctx, "hash", is_git_hash)
