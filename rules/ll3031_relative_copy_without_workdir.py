"""COPY to a relative destination in a stage that never sets WORKDIR.

## Why is this bad?

A relative destination is resolved against the working directory, which then comes
from the base image and is invisible in this Dockerfile: the files land in `/` for
one base image and somewhere else for the next. Set WORKDIR first (it is inherited
from an earlier stage used as the base), or give an absolute destination.

Not reported: stages `FROM scratch` (their working directory is `/`), destinations
that start with a variable, and Windows drive paths such as `C:\\app`. For a COPY
inside ONBUILD, a WORKDIR anywhere in the stage counts, since the trigger runs in
the child image after all of this image's instructions.

## Example

```dockerfile
FROM python:3.12-slim
COPY requirements.txt app/
```

## Use instead

```dockerfile
FROM python:3.12-slim
WORKDIR /srv
COPY requirements.txt app/
```

## Fix

None.

## References

- [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
- [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.lazy_re import lazy_compile
from layerlint.nodes import Copy, From, Instruction, Onbuild, Workdir
from layerlint.rule import Context, Rule

from ._stage_order import stage_instructions

RULE = Rule(
    code="LL3031",
    name="relative-copy-without-workdir",
    severity=Severity.WARNING,
    message="relative destination {destination} depends on the base image's working"
    " directory; set WORKDIR first or use an absolute path",
    visits=("COPY",),
    tags=("correctness", "best-practice"),
    aliases=("DL3045",),
)

_WINDOWS_ABSOLUTE = lazy_compile(r"[A-Za-z]:[\\/]")


def check(node: Copy, ctx: Context) -> Iterator[Finding]:
    destination = node.destination
    if destination is None or not node.sources:
        return
    text = destination.text.strip("\"'")  # raw text keeps Windows separators
    if text.startswith(("/", "$", "\\")) or _WINDOWS_ABSOLUTE.match(text):
        return
    if _workdir_set(node, ctx):
        return
    yield ctx.report(destination.span, destination=destination.text)


def _workdir_set(node: Copy, ctx: Context) -> bool:
    """A WORKDIR that applies to `node`: earlier in its stage, in a stage it is built
    on, or (for an ONBUILD trigger) anywhere in its stage or in an earlier trigger."""
    model = ctx.model
    stage = model.stage_of(node)
    parent = model.onbuild_parent(node)
    if parent is not None and _workdir_trigger_before(ctx.file.instructions, parent):
        return True
    if stage is None:
        # Before any FROM (a fragment): a WORKDIR earlier there.
        for instruction in stage_instructions(node, ctx):
            if instruction is node:
                return False
            if isinstance(instruction, Workdir):
                return True
        return False
    for ancestor in (stage, *stage.ancestors()):
        instructions = ancestor.instructions
        if ancestor is stage and parent is None:
            instructions = instructions[: _index(instructions, node)]
        if any(isinstance(instruction, Workdir) for instruction in instructions):
            return True
    root = stage.root_image
    return root is not None and root.is_scratch


def _workdir_trigger_before(instructions: tuple[Instruction, ...], parent: Onbuild) -> bool:
    """An `ONBUILD WORKDIR` in the same stage before this ONBUILD."""
    found = False
    for instruction in instructions:
        if instruction is parent:
            return found
        if isinstance(instruction, From):
            found = False
        elif isinstance(instruction, Onbuild) and isinstance(instruction.trigger, Workdir):
            found = True
    return False


def _index(instructions: list[Instruction], node: Instruction) -> int:
    for index, instruction in enumerate(instructions):
        if instruction is node:
            return index
    return len(instructions)
