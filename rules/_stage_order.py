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


def _region(node: Instruction, ctx: Context) -> tuple[list[Instruction], int]:
    """The instructions of node's stage (triggers unwrapped when node is one) and
    node's index among them."""
    parent = ctx.model.onbuild_parent(node)
    anchor = parent if parent is not None else node
    instructions = ctx.file.instructions
    index = next(i for i, instruction in enumerate(instructions) if instruction is anchor)
    start = index
    while start > 0 and not isinstance(instructions[start - 1], From):
        start -= 1
    end = index + 1
    while end < len(instructions) and not isinstance(instructions[end], From):
        end += 1
    region: list[Instruction] = []
    position = 0
    for instruction in instructions[start:end]:
        if isinstance(instruction, Onbuild):
            if parent is None or instruction.trigger is None:
                continue
            instruction = instruction.trigger
        elif parent is not None:
            continue
        if instruction is node:
            position = len(region)
        region.append(instruction)
    return region, position


def before(node: Instruction, ctx: Context) -> Iterator[Instruction]:
    """Earlier instructions of the same stage, nearest last."""
    region, position = _region(node, ctx)
    yield from region[:position]


def after(node: Instruction, ctx: Context) -> Iterator[Instruction]:
    """Later instructions of the same stage, in order."""
    region, position = _region(node, ctx)
    yield from region[position + 1 :]
