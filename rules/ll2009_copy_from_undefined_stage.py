"""`COPY --from` or `RUN --mount=from=` names a stage that is not defined before it.

Reported: a plain name that no earlier stage has (names are compared
case-insensitively), a stage defined later in the file, and a stage index with no
earlier stage. References written like image references (`nginx:1.27`,
`ghcr.io/org/tool`) are images and not reported; nor are references whose value is
unknown. ONBUILD triggers are not checked: they are resolved in the image built
from this one.

## Why is this bad?

A stage must be defined before a stage can copy from it; a later one is an error.
A name that matches no stage at all is pulled as an image from Docker Hub
(`docker.io/library/<name>:latest`): the build fails, or worse, copies files from
an unrelated public image, instead of the stage the author meant.

## Example

```dockerfile
FROM golang:1.22 AS builder
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
```

## Use instead

```dockerfile
FROM golang:1.22 AS builder
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12
COPY --from=builder /out/app /app
```

## Fix

None.

## References

- [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
- [hadolint DL3022](https://github.com/hadolint/hadolint/wiki/DL3022)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.stage_refs import from_references
from layerlint.nodes import Copy, Run
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2009",
    name="copy-from-undefined-stage",
    severity=Severity.WARNING,
    message="{problem}",
    visits=("COPY", "RUN"),
    tags=("correctness",),
    aliases=("DL3022",),
    visits_onbuild=False,
)


def check(node: Copy | Run, ctx: Context) -> Iterator[Finding]:
    for reference in from_references(ctx.model, node):
        written = f"--from={reference.text}" if isinstance(node, Copy) else f"from={reference.text}"
        if reference.kind == "later":
            problem = (
                f"{written} refers to a stage defined later in the file; move that stage"
                " before this one"
            )
        elif reference.kind == "undefined" and (reference.value or "").isdigit():
            problem = (
                f"{written} refers to stage number {reference.value}, but no such stage"
                " comes before it; use the name of an earlier stage"
            )
        elif reference.kind == "undefined":
            problem = (
                f"{written} names no stage defined before it, so it would be pulled as"
                " an image; define the stage first, or give an image with its tag"
            )
        else:
            continue
        yield ctx.report(reference.flag.span, problem=problem)
