"""A RUN deletes a file that an earlier layer of the image created, which saves no space.

Deletions are `rm`, `rmdir`, `unlink`, `find ... -delete`, `mv` (the source path
goes away), package-manager cache cleaning (`apt-get clean`, `yum clean all`,
`npm cache clean` ...) and package removal (`apt-get purge`, `apk del`). The rule
reports a deletion only when layerlint knows which earlier layer of this Dockerfile
created the path: a file of the base image, a path behind an unknown variable or
written by a command layerlint does not know stays unreported. A directory made by
`mkdir` or a file made by `touch` is empty, so removing it saves nothing and is not
reported either, unless a later command wrote into it (`>>`, `sed -i`, a command of
unknown effect), whose copies the earlier layers keep. Deletions in the RUN
that created the path (or made it again, as a second `apt-get update` refills
/var/lib/apt/lists), deletions in build-only stages (stages the image does not
ship) and paths under a `RUN --mount` target are fine and not reported. ONBUILD
triggers are not layers of this image and are not checked.

## Why is this bad?

An image is a stack of layers, and a layer can only add to the ones below it. When
a later RUN deletes a file, the file's bytes stay in the earlier layer; the new
layer only records that the path is hidden (a "whiteout"). The image is exactly as
large as before, and anyone who pulls it can still read the file from the earlier
layer. The deletion must happen in the same RUN that created the file, so that the
file never reaches a layer, or the file must be produced in a build stage and only
the result copied into the final image.

## Example

```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl xz-utils
RUN curl -fsSLo /tmp/node.tar.xz https://nodejs.org/dist/v20.11.1/node-v20.11.1-linux-x64.tar.xz \
 && tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1
RUN rm /tmp/node.tar.xz && rm -rf /var/lib/apt/lists/*
```

## Use instead

```dockerfile
FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl xz-utils \
 && rm -rf /var/lib/apt/lists/*
RUN curl -fsSLo /tmp/node.tar.xz https://nodejs.org/dist/v20.11.1/node-v20.11.1-linux-x64.tar.xz \
 && tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1 \
 && rm /tmp/node.tar.xz
```

## Fix

None. Move the deletion into the RUN that creates the path, or create the path in a
build stage and `COPY --from` only what the image needs. A file that a COPY or ADD
brought in only for a RUN to use (an installer, wheels, a `.deb`) need not enter a
layer at all: the RUN can read it through `RUN --mount=type=bind` from the build
context or a build stage. A `mv` of such a file stores it twice (the earlier layer
keeps it): copy it to its final path instead. What a COPY of a directory brings in
and a RUN deletes (tests, docs, `.git`) is best kept out of the copy with
`.dockerignore` or `COPY --exclude`.

## References

- [Docker docs: Best practices, minimize the number of layers](https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers)
- [Docker docs: Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
- [OCI image spec: whiteouts](https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.fs import DELETED, Effect, Origin
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._layers import origin_layers, shipping_layer, touched_name

RULE = Rule(
    code="LL5001",
    name="delete-in-later-layer",
    severity=Severity.WARNING,
    message="{path} was created by {layers}; {change} it here {cost}: {remedy}",
    visits=("RUN",),
    tags=("layers", "size"),
    visits_onbuild=False,
)

_PACKAGE_MESSAGE = (
    "package {name} was installed by {layers}; removing it here saves no"
    " space: remove it in the RUN that installs it, or install it in a build stage"
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    layer = shipping_layer(ctx.model, node)
    if layer is None:
        return
    fs = ctx.model.fs(layer.stage)
    for effect in layer.of_kind(DELETED):
        origins = fs.origins_of(effect)
        if not origins:
            continue
        layers = origin_layers(origins)
        if effect.is_package:
            name = effect.path.split(":", 2)[2]
            yield ctx.report(effect.span, _PACKAGE_MESSAGE, name=name, layers=layers)
        else:
            yield ctx.report(
                effect.span,
                path=touched_name(effect, origins),
                layers=layers,
                **_wording(effect, origins),
            )


def _wording(effect: Effect, origins: list[Origin]) -> dict[str, str]:
    """What the deletion costs and what to do instead, by how the path came in."""
    copied = all(origin.created.action in ("COPY", "ADD") for origin in origins)
    if effect.action == "mv":
        # The earlier layer keeps the file, and this one writes it again elsewhere.
        remedy = "COPY it to its final path" if copied else "move it in the RUN that creates it"
        return {"change": "moving", "cost": "stores it twice", "remedy": remedy}
    inside = any(effect.path.startswith(o.created.path.rstrip("/") + "/") for o in origins) or (
        # `find /app -name '*.pyc' -delete` takes some of the files of a copied tree
        effect.name_filter is not None and any(o.created.contents for o in origins)
    )
    if copied and inside:
        # Part of a copied tree (`COPY . /app`, then `rm -rf /app/tests`).
        remedy = "keep it out of the copy with .dockerignore or COPY --exclude"
    elif copied:
        remedy = (
            "let the RUN that needs it read it through RUN --mount=type=bind (from the"
            " context or a build stage) instead of copying it into a layer"
        )
    else:
        remedy = "delete it in the RUN that creates it, or build it in another stage"
    return {"change": "deleting", "cost": "saves no space", "remedy": remedy}
