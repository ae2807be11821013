"""Helpers the layer rules (family 5) share: which layer ships, and how to name lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from layerlint.model import Model
    from layerlint.model.fs import Effect, Layer, Origin
    from layerlint.nodes import Instruction


def shipping_layer(model: Model, node: Instruction) -> Layer | None:
    """The layer an instruction adds to an image that ships (the build target or a
    stage it is built FROM); None for build-only stages and ONBUILD triggers."""
    layer = model.layer_of(node)
    if layer is None or not layer.stage.ships:
        return None
    return layer


def lines_text(lines: Iterable[int]) -> str:
    """`line 3`, `lines 3 and 5`, `lines 3, 5 and 9` (sorted, without repeats)."""
    numbers = sorted(set(lines))
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    head = ", ".join(str(number) for number in numbers[:-1])
    return f"lines {head} and {numbers[-1]}"


def layers_text(lines: Iterable[int]) -> str:
    """`the layer at line 3`, `the layers at lines 3 and 5`."""
    text = lines_text(lines)
    return ("the layers at " if text.startswith("lines") else "the layer at ") + text


def origin_layers(origins: Iterable[Origin]) -> str:
    """The layers that created what `origins` touch: `the layer at line 3`; `one of the
    layers at lines 3 and 4` when each filled a tree above the path with files the model
    cannot list (two archives unpacked into one directory)."""
    origins = list(origins)
    text = layers_text(origin.layer.line for origin in origins)
    several = len({origin.layer.line for origin in origins}) > 1
    return "one of " + text if several and all(map(_inside_unlisted_tree, origins)) else text


def _inside_unlisted_tree(origin: Origin) -> bool:
    created, path = origin.created, origin.effect.path
    return created.contents and path.startswith(created.path.rstrip("/") + "/")


def touched_name(effect: Effect, origins: list[Origin]) -> str:
    """The path to name for an effect: the one created file a broad command reaches
    (`rm -rf /tmp/*` removing /tmp/node.tar.xz), else the path the command names."""
    broad = effect.pattern or effect.contents or effect.recursive or effect.name_filter is not None
    created = {origin.created for origin in origins}
    if broad and len(created) == 1:
        only = created.pop()
        # Not a directory above what the command names (`rm /opt/scripts/*.bak` of the
        # copied /opt/scripts): that directory itself stays.
        above = effect.path.startswith(only.path.rstrip("/") + "/")
        if not (only.pattern or only.contents or above):
            return only.display
    return effect.display
