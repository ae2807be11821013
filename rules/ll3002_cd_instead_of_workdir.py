"""A RUN changes directory with `cd` where WORKDIR says it once for every instruction.

## Why is this bad?

A `cd` lasts until the end of its RUN: the next RUN, COPY, CMD and the container
itself start in the WORKDIR again. Scripts that `cd` into the application directory
in every RUN repeat the path, hide where files land and break when one RUN forgets
the `cd`. WORKDIR sets the directory once, creates it if needed and documents it.

Reported: a `cd` that ends a RUN (it has no effect at all) and a `cd` into a
directory that several RUN instructions of the stage `cd` into. A single `cd` into a
source or build directory within one RUN is the normal way to build something and
is not reported, nor is a `cd` into `/tmp`, `/var/tmp`, `/` or `-`, or one whose
target the model cannot resolve.

## Example

```dockerfile
FROM node:20-slim
COPY . /srv/app
RUN cd /srv/app && npm ci
RUN cd /srv/app && npm run build
```

## Use instead

```dockerfile
FROM node:20-slim
WORKDIR /srv/app
COPY . .
RUN npm ci
RUN npm run build
```

## Fix

None.

## References

- [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import TYPE_CHECKING

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._stage_order import after, before

if TYPE_CHECKING:
    from layerlint.model.shell import SimpleCommand

RULE = Rule(
    code="LL3002",
    name="cd-instead-of-workdir",
    severity=Severity.WARNING,
    message="`cd {path}` {why}; set WORKDIR {path} instead",
    visits=("RUN",),
    tags=("style", "best-practice"),
    aliases=("DL3003",),
)

_SCRATCH_DIRECTORIES = ("/tmp", "/var/tmp")


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    commands = ctx.model.commands(node)
    for position, command in enumerate(commands):
        target = _target(command)
        if target is None:
            continue
        if position == len(commands) - 1:
            why = "is the last command of this RUN and has no effect"
        elif target in _targets_elsewhere(node, ctx):
            why = "is repeated in several RUN instructions of this stage"
        else:
            continue
        yield ctx.report(command.argv_words[0].span, path=target, why=why)


def _target(command: SimpleCommand) -> str | None:
    """The directory a `cd` moves to, when known and not a scratch directory."""
    if command.name != "cd":
        return None
    operands = [word for word in command.args if not (word.value or "-x").startswith("-")]
    if not operands or operands[0].value is None:
        return None
    target = operands[0].value
    if target in ("-", "~"):
        return None
    if not target.startswith("/"):
        if command.cwd is None:
            return None
        target = posixpath.join(command.cwd, target)
    target = posixpath.normpath(target)
    if target == "/" or any(
        target == d or target.startswith(d + "/") for d in _SCRATCH_DIRECTORIES
    ):
        return None
    return target


def _targets_elsewhere(node: Run, ctx: Context) -> set[str]:
    """Directories that other RUN instructions of the stage `cd` into."""
    found: set[str] = set()
    for other in (*before(node, ctx), *after(node, ctx)):
        if isinstance(other, Run):
            for command in ctx.model.commands(other):
                target = _target(command)
                if target is not None:
                    found.add(target)
    return found
