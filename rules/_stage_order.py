"""Instructions around an instruction within its stage, in file order.

Shared by rules that compare an instruction with earlier or later ones of the same
stage (ONBUILD triggers are compared with the triggers of the same stage only, since
they run in another build). Works before the first FROM too, where the model has no
stage.
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.nodes import From, Instruction, Onbuild
from layerlint.rule import Context


def stage_instructions(node: Instruction, ctx: Context) -> list[Instruction]:
    """The instructions of node's stage, or, before the first FROM (a fragment, as
    hadolint's own cases are written), the instructions there."""
    stage = ctx.model.stage_of(node)
    if stage is not None:
        return list(stage.instructions)
    found: list[Instruction] = []
    for instruction in ctx.file.instructions:
        if isinstance(instruction, From):
            break
        found.append(instruction)
    return found


def _region(node: Instruction, ctx: Context) -> tuple[list[Instruction], int]:
    """The instructions of node's stage (triggers unwrapped when node is one) and
    node's index among them. Each stage's region is computed once per file."""
    model = ctx.model
    parent = model.onbuild_parent(node)
    stage = model.stage_of(node)
    triggers = parent is not None

    def compute() -> tuple[list[Instruction], dict[int, int]]:
        instructions = stage_instructions(node, ctx)
        region: list[Instruction] = []
        for instruction in instructions:
            if isinstance(instruction, Onbuild):
                if triggers and instruction.trigger is not None:
                    region.append(instruction.trigger)
            elif not triggers:
                region.append(instruction)
        return region, {id(item): position for position, item in enumerate(region)}

    key = ("stage-region", id(stage) if stage is not None else None, triggers)
    region, positions = model.memo(key, compute)
    return region, positions.get(id(node), 0)


def before(node: Instruction, ctx: Context) -> Iterator[Instruction]:
    """Earlier instructions of the same stage, nearest last."""
    region, position = _region(node, ctx)
    yield from region[:position]


def after(node: Instruction, ctx: Context) -> Iterator[Instruction]:
    """Later instructions of the same stage, in order."""
    region, position = _region(node, ctx)
    yield from region[position + 1 :]
