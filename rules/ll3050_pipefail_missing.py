"""A RUN pipes commands without `pipefail`, so a failure before the last `|` is lost.

## Why is this bad?

A pipeline's exit status is that of its last command. In
`RUN curl -fsSL https://example.com/key | gpg --dearmor -o /etc/apt/key.gpg`, a
failed download still exits 0 through `gpg`, and the build goes on with a broken
file. With `pipefail` the pipeline fails when any command in it fails. Set it for
every RUN with `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (bash, zsh, ash, ksh;
on Alpine and BusyBox images, which have no bash unless a RUN installs it, the
message names `/bin/ash`), or with `set -o pipefail` at the start of the RUN. A
pipeline in the value of an assignment counts too: `SUM=$(curl ... | sha256sum) &&
...` goes on with whatever the last command printed. A group or subshell before a `|`
counts by its own status:
`(cd /src && git archive HEAD) | tar -x` loses a failed `git`; a group's status is
its last command's, or, under `set -e`, that of any command in it.

A `SHELL` of `/bin/sh -o pipefail` is not counted: on Debian and Ubuntu `/bin/sh` is
dash, which may reject the option. Not reported: pipelines whose commands before the
last `|` are only `echo`, `printf`, `yes` or `true` (nothing to lose, and `yes` would
make a `pipefail` pipeline fail), pipelines in a command substitution that is an
argument of another command (`cp a "$(ls | sed ...)"`: the shell throws the
substitution's status away, so `pipefail` changes nothing), and non-POSIX shells
(PowerShell, cmd). An exec-form RUN is checked in the shell it starts (`["bash", "-c",
"curl x | sh"]`), with that shell's own options (`["bash", "-o", "pipefail", "-c",
...]` is fine).

## Example

```dockerfile
FROM debian:12
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
```

## Use instead

```dockerfile
FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
```

## Fix

None.

## References

- [Dockerfile best practices: using pipes](https://docs.docker.com/build/building/best-practices/#using-pipes)
- [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from layerlint.findings import Finding, Severity, Span
from layerlint.model import shell_program
from layerlint.model.shell import PIPEFAIL_SHELLS, member_status_commands
from layerlint.nodes import Run
from layerlint.rule import Context, Rule, source_span

from ._packages import busybox_userland, installed_in_stage

if TYPE_CHECKING:
    from layerlint.model.shell import Pipeline, SimpleCommand

RULE = Rule(
    code="LL3050",
    name="pipefail-missing",
    severity=Severity.WARNING,
    message="a failure of `{command}` before this pipe is ignored; set -o pipefail ({how})",
    visits=("RUN",),
    tags=("correctness",),
    aliases=("DL4006",),
)

_HARMLESS = frozenset({"echo", "printf", "yes", "true", ":"})


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    script = ctx.model.script(node)
    if script is None:
        return  # (an exec-form RUN has pipes only in a shell it starts: `["bash", "-c", ...]`)
    shell_pipefail = _shell_sets_pipefail(script.shell)
    for pipeline in script.pipeline_structure:
        if pipeline.status_discarded:
            continue  # `cp a "$(ls | sed ...)"`: pipefail or not, nobody reads the status
        before_last = [
            command
            for member in pipeline.members[:-1]
            for command in member_status_commands(member)
        ]
        if all(command.name in _HARMLESS for command in before_last):
            continue
        first = next(command for member in pipeline.members for command in member)
        # In a nested `bash -o pipefail -c '...'` the state is that shell's own.
        nested = first.nesting > 0
        if pipeline.pipefail and (
            shell_pipefail or nested or _set_in_script(script.commands, first)
        ):
            continue
        culprit = next(c for c in before_last if c.name not in _HARMLESS)
        # A shell the RUN starts does not inherit the SHELL's options.
        how = "bash -o pipefail -c, or in the script" if nested else _shell_remedy(node, ctx)
        yield ctx.report(_pipe_span(ctx, pipeline), command=_describe(culprit), how=how)
        return  # one finding per RUN


def _shell_remedy(node: Run, ctx: Context) -> str:
    """A SHELL that exists: on Alpine or BusyBox without bash, BusyBox's ash."""
    if busybox_userland(ctx, node) and not installed_in_stage(ctx, node, "bash", False):
        return 'SHELL ["/bin/ash", "-o", "pipefail", "-c"]'
    return 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]'


def _shell_sets_pipefail(shell: tuple[str, ...]) -> bool:
    """SHELL [..., "-o", "pipefail", ...] with a shell known to accept it."""
    if shell_program(shell) not in PIPEFAIL_SHELLS:
        return False
    return any(
        value == "pipefail" and previous.startswith("-") and previous.endswith("o")
        for previous, value in pairwise(shell)
    )


def _set_in_script(commands: list[SimpleCommand], first: SimpleCommand) -> bool:
    """`set -o pipefail` (or `set -eo pipefail`) ran before `first`."""
    for command in commands:
        if command is first:
            return False
        if command.name == "set":
            values = [word.value for word in command.args]
            if "pipefail" in values:
                return True
    return False


def _pipe_span(ctx: Context, pipeline: Pipeline) -> Span:
    """The first `|` of the pipeline (its first command when it cannot be found)."""
    first_member, second_member = pipeline.members[0], pipeline.members[1]
    text = ctx.file.source.text
    after = max(command.span.end for command in first_member) if first_member else 0
    end = second_member[0].span.start if second_member else len(text)
    position = text.find("|", after, end)
    if position == -1:
        return next(command for member in pipeline.members for command in member).span
    return source_span(ctx.file, position, position + 1)


def _describe(command: SimpleCommand) -> str:
    if command.name is not None:
        return command.name
    return command.words[0].text if command.words else "the command"
