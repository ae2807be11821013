"""An image stage lacks a label that the label schema requires.

## Why is this bad?

Organisations list the labels every image must carry (source repository, version,
licence, owner...) in the `label-schema` option; images without them cannot be
traced back to their source or owner. Each stage that can become an image is checked:
labels set in the stage or inherited from an earlier stage it is built on count, and
a stage that another stage is built FROM is complete when that stage sets the label.
Stages that only serve as a source for `COPY --from` or `RUN --mount=from=` are build
stages and are not checked. A LABEL whose key depends on an unknown variable may set
any label, so its stage is not reported.

## Example

```toml
label-schema = {"org.opencontainers.image.source" = "url"}
```

```dockerfile
FROM alpine:3.20
CMD ["sh"]
```

## Use instead

```toml
label-schema = {"org.opencontainers.image.source" = "url"}
```

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/example/app"
CMD ["sh"]
```

## Options

- `label-schema` (table, default empty): label name → type; every label in it is
  required. A top-level option shared by the label rules.

## Fix

None.

## References

- [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
- [Dockerfile reference: LABEL](https://docs.docker.com/reference/dockerfile/#label)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model import Stage
from layerlint.nodes import From, Label
from layerlint.rule import Context, Rule

from ._labels import SCHEMA, schema

RULE = Rule(
    code="LL3035",
    name="missing-label",
    severity=Severity.INFO,
    message="stage {stage} has no label {label}; add LABEL {label}=...",
    visits=("FROM",),
    tags=("labels",),
    aliases=("DL3049",),
    options=(SCHEMA,),
)


def check(node: From, ctx: Context) -> Iterator[Finding]:
    required = schema(ctx)
    stage = ctx.model.stage_of(node)
    if not required or stage is None or _is_build_source(stage, ctx):
        return
    present = _labels_of(stage, ctx)
    if present is None:
        return
    # A stage built FROM this one that sets the label completes it (this stage is its
    # base, as hadolint reads it).
    for child in ctx.model.stages:
        if child.base_stage is stage:
            present |= _own_labels(child, ctx) or set()
    for label in required:
        if label not in present:
            yield ctx.report(ctx.head(node), stage=stage.label, label=label)


def _is_build_source(stage: Stage, ctx: Context) -> bool:
    """Whether a later stage copies or mounts files from this one."""
    return any(edge.stage is stage for other in ctx.model.stages for edge in other.edges)


def _labels_of(stage: Stage, ctx: Context) -> set[str] | None:
    """Label keys set in the stage and the stages it is built on (None: unknown)."""
    keys: set[str] = set()
    for current in (stage, *stage.ancestors()):
        own = _own_labels(current, ctx)
        if own is None:
            return None
        keys |= own
    return keys


def _own_labels(stage: Stage, ctx: Context) -> set[str] | None:
    """Label keys the stage's own LABELs set (None: a key is unknown)."""
    keys: set[str] = set()
    for instruction in stage.instructions:
        if not isinstance(instruction, Label):
            continue
        for pair in instruction.pairs:
            key = ctx.model.expand(pair.key, instruction)
            if key is None:
                return None
            keys.add(key)
    return keys
