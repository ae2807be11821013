"""`COPY --from=… / /` copies the whole filesystem of another stage or image.

Reported when a source is the root directory of the other stage or image (`/`, or
`.`, which BuildKit reads from the root) and the destination is `/` too (also a
relative destination in WORKDIR `/`; quotes and trailing slashes do not matter).
Copying `/` into a subdirectory, and copying from the build context, are not
reported. Nor are the sources that are meant to be copied whole: a stage built
`FROM scratch` (an "export" stage that holds only the files copied into it), a stage
whose base image is not known, and helper images published for exactly this use
(`tonistiigi/xx`); nor a copy into a stage built `FROM scratch`, which squashes the
other stage into one layer without doubling anything.

## Why is this bad?

The copy brings everything: the other stage's package manager and its caches,
compilers, shells, secrets left in files, and the whole base image, layered on top
of this stage's own base image. Multi-stage builds exist to take only the artefacts;
copying `/` undoes that and usually doubles the image size. To start from another
stage, use `FROM <stage>`; otherwise copy the files you need.

## Example

```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12
COPY --from=build / /
```

## Use instead

```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
```

## Fix

None.

## References

- [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
- [hadolint DL3067](https://github.com/hadolint/hadolint/wiki/DL3067)
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.images import ImageRef
from layerlint.model.stage_refs import from_references
from layerlint.nodes import Copy
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2013",
    name="copy-entire-filesystem",
    severity=Severity.WARNING,
    message="COPY --from={source} / / copies the entire filesystem of {source}; copy only"
    " the files this stage needs, or build FROM it",
    visits=("COPY",),
    tags=("size", "layers"),
    aliases=("DL3067",),
    precision="very-high",
)


# Images built FROM scratch to be copied whole into a stage (`COPY --from=xx / /`).
WHOLE_COPY_IMAGES = frozenset({"tonistiigi/xx"})


def _is_root(path: str) -> bool:
    return bool(path) and posixpath.normpath(path) in ("/", "//")


def check(node: Copy, ctx: Context) -> Iterator[Finding]:
    origin = node.flag("from")
    if origin is None or not origin.value or node.destination is None:
        return
    destination = ctx.model.unquote(node.destination)
    if not destination.startswith("/"):
        workdir = ctx.model.state_at(node).workdir  # `COPY --from=x / .` in WORKDIR /
        destination = posixpath.join(workdir, destination) if workdir else ""
    if not _is_root(destination):
        return
    stage = ctx.model.stage_of(node)
    if stage is not None and stage.on_scratch:
        return  # `FROM scratch` + `COPY --from=x / /` squashes x: nothing is doubled
    if _meant_to_be_copied_whole(node, ctx):
        return
    for source in node.sources:
        # A --from source is relative to the other stage's root: `.` is `/`.
        if _is_root("/" + ctx.model.unquote(source)):
            yield ctx.report(source.span, source=origin.value)
            return


def _meant_to_be_copied_whole(node: Copy, ctx: Context) -> bool:
    for reference in from_references(ctx.model, node):
        if reference.kind == "variable":
            return True
        if reference.kind == "image":
            return _whole_copy_image(reference.image)
        if reference.stage is not None and reference.kind != "own":
            root = reference.stage.root_image
            return root is None or root.is_scratch or _whole_copy_image(root)
    return False


def _whole_copy_image(image: ImageRef | None) -> bool:
    return image is not None and image.registry is None and image.name in WHOLE_COPY_IMAGES
