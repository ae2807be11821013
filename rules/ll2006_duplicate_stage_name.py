"""Two build stages have the same name.

Stage names are compared case-insensitively, as BuildKit compares them. Every stage
after the first that reuses a name is reported.

## Why is this bad?

`COPY --from=name` and `FROM name` can only mean one stage. BuildKit resolves the
name to one of them and the other is silently unreachable by name, so a copy may
take files from a different stage than its author expects.

## Example

```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/server ./cmd/server

FROM node:20 AS build
RUN npm ci && npm run build
```

## Use instead

```dockerfile
FROM golang:1.22 AS build-server
RUN go build -o /out/server ./cmd/server

FROM node:20 AS build-web
RUN npm ci && npm run build
```

## Fix

None.

## References

- [BuildKit check DuplicateStageName](https://docs.docker.com/reference/build-checks/duplicate-stage-name/)
- [hadolint DL3024](https://github.com/hadolint/hadolint/wiki/DL3024)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import From
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2006",
    name="duplicate-stage-name",
    severity=Severity.ERROR,
    message='Duplicate stage name "{name}", stage names should be unique',
    visits=("FROM",),
    tags=("correctness",),
    aliases=("DL3024", "DuplicateStageName"),
    precision="very-high",
)


def check(node: From, ctx: Context) -> Iterator[Finding]:
    stage = ctx.model.stage_of(node)
    if stage is None or stage.name is None or node.stage_name is None:
        return
    first = ctx.model.memo(("LL2006", "first stage of each name"), lambda: _first_of_name(ctx))
    if first[stage.name] < stage.index:
        yield ctx.report(node.stage_name.span, name=stage.name)


def _first_of_name(ctx: Context) -> dict[str, int]:
    """The index of the first stage of each name (once per file)."""
    first: dict[str, int] = {}
    for stage in ctx.model.stages:
        if stage.name is not None:
            first.setdefault(stage.name, stage.index)
    return first
