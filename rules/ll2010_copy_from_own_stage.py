"""`COPY --from` or `RUN --mount=from=` refers to the stage it is in.

## Why is this bad?

A stage cannot read from itself while it is being built: BuildKit refuses the build
with a circular dependency. Usually the name of the previous stage was meant, or
the files are already in this stage and a plain `COPY`/`RUN` is enough.

## Example

```dockerfile
FROM node:20 AS build
RUN npm ci && npm run build
COPY --from=build /app/dist /srv/www
```

## Use instead

```dockerfile
FROM node:20 AS build
RUN npm ci && npm run build

FROM nginx:1.27-alpine
COPY --from=build /app/dist /usr/share/nginx/html
```

## Fix

None.

## References

- [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
- [hadolint DL3023](https://github.com/hadolint/hadolint/wiki/DL3023)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.stage_refs import from_references
from layerlint.nodes import Copy, Run
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2010",
    name="copy-from-own-stage",
    severity=Severity.ERROR,
    message="{written} refers to the stage it is in ({stage}); a stage cannot copy from"
    " itself, so name an earlier stage",
    visits=("COPY", "RUN"),
    tags=("correctness",),
    aliases=("DL3023",),
    precision="very-high",
    visits_onbuild=False,
)


def check(node: Copy | Run, ctx: Context) -> Iterator[Finding]:
    for reference in from_references(ctx.model, node):
        if reference.kind != "own" or reference.stage is None:
            continue
        written = f"--from={reference.text}" if isinstance(node, Copy) else f"from={reference.text}"
        yield ctx.report(reference.flag.span, written=written, stage=reference.stage.label)
