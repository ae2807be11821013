"""What `COPY --from=` and `RUN --mount=…,from=` refer to.

BuildKit resolves a reference against the stages of the file: a number is a stage
index, a name is a stage name (case-insensitive); anything else is pulled as an
image. A reference to the instruction's own stage, or to a stage defined after it,
is an error at build time. A plain name that matches no stage is classified as
`undefined` here rather than as an image: it is far more often a misspelt or missing
stage than an untagged image (the builder would pull `docker.io/library/<name>`).
Works before the first FROM too (there is no stage then, and every stage is later).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..nodes import Copy, Flag, Instruction, Run
from .images import ImageRef, parse_image

if TYPE_CHECKING:
    from . import Model, Stage


class FromReference(NamedTuple):
    """One `--from` reference of an instruction.

    `kind` is `stage` (an earlier stage: `stage`), `own` (the instruction's stage),
    `later` (a stage defined after it: `stage`), `image` (`image`), `undefined` (no
    such stage, and not written like an image reference) or `variable` (written with
    a variable, which BuildKit does not expand in `--from`: the build fails).
    """

    text: str
    value: str | None
    flag: Flag
    kind: str
    stage: Stage | None
    image: ImageRef | None


def has_variable(reference: str) -> bool:
    """Whether a `--from` value refers to a variable (`$SRC`, `${IMAGE}`): BuildKit
    refuses it ("'from' doesn't support variable expansion", and for COPY since
    moby/buildkit#6153 "variable expansion is not supported for --from"); a `$` at
    the end is a plain character."""
    index = reference.find("$")
    while index != -1:
        following = reference[index + 1 : index + 2]
        if following == "{" or following.isalpha() or following == "_":
            return True
        index = reference.find("$", index + 1)
    return False


def looks_like_image(reference: str) -> bool:
    """Written as an image reference: with a registry/repository path, tag or digest."""
    return any(char in reference for char in "/:@")


def from_references(model: Model, node: Instruction) -> list[FromReference]:
    """The `--from` references of a COPY or a RUN's mounts, classified."""
    raw: list[tuple[str, Flag]] = []
    if isinstance(node, Copy):
        flag = node.flag("from")
        if flag is not None and flag.value:
            raw.append((flag.value, flag))
    elif isinstance(node, Run):
        for mount in model.mounts(node):
            if mount.options.get("from"):
                raw.append((mount.options["from"], mount.flag))
    return [_classify(model, node, text, flag) for text, flag in raw]


def _classify(model: Model, node: Instruction, text: str, flag: Flag) -> FromReference:
    if has_variable(text):
        return FromReference(text, None, flag, "variable", None, None)
    value = model.unquote(text)
    current = model.stage_of(node)
    stages = model.stages
    position = current.index if current is not None else -1
    key = value.lower()
    matches = [
        stage
        for stage in stages
        if (stage.name is not None and stage.name == key)
        or (key.isdigit() and int(key) == stage.index)
    ]
    # A name defined twice (LL2006): the latest definition before this stage.
    earlier = [stage for stage in matches if stage.index < position]
    for stage in earlier[-1:] or matches[:1]:
        if stage is current:
            return FromReference(text, value, flag, "own", stage, None)
        kind = "stage" if stage.index < position else "later"
        return FromReference(text, value, flag, kind, stage, None)
    if key.isdigit() or not looks_like_image(value):
        return FromReference(text, value, flag, "undefined", None, None)
    return FromReference(text, value, flag, "image", None, parse_image(value))
