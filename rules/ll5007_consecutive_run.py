"""Two consecutive RUN instructions that each run one command could be one layer.

The rule reports a RUN that directly follows another RUN (comments may stand
between them) when both have the same flags (`--mount`, `--network`, `--security`)
and each runs a single command. As in hadolint, a RUN that already chains several
commands (`a && b`, `a; b`, a pipeline, a heredoc script) is taken as a deliberate
layer boundary, and RUNs with different flags cannot be merged, so neither is
reported. Where the shell is not a POSIX shell (PowerShell, cmd) the commands cannot
be counted and nothing is reported.

## Why is this bad?

Every RUN makes a layer, and every layer costs a little: metadata, a separate
download and unpack step, and a snapshot during the build. Single commands in a row,
such as a download followed by an unpack, usually belong together; in one RUN they
also let a later command delete what an earlier one left behind before the layer is
written.

## Example

```dockerfile
FROM alpine:3.20
RUN wget -q -O /tmp/tool.tgz https://example.com/tool-1.2.3.tgz
RUN tar -xzf /tmp/tool.tgz -C /usr/local/bin
```

## Use instead

```dockerfile
FROM alpine:3.20
RUN wget -q -O /tmp/tool.tgz https://example.com/tool-1.2.3.tgz \
 && tar -xzf /tmp/tool.tgz -C /usr/local/bin \
 && rm /tmp/tool.tgz
```

## Fix

None. Join the commands with `&&` (or use a heredoc) in one RUN.

## References

- [Docker docs: Best practices, minimize the number of layers](https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers)
- [hadolint DL3059](https://github.com/hadolint/hadolint/wiki/DL3059)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.effects import reads_heredoc_script
from layerlint.nodes import Dockerfile, Run
from layerlint.rule import FILE, Context, Rule

RULE = Rule(
    code="LL5007",
    name="consecutive-run",
    severity=Severity.INFO,
    message=(
        "this RUN and the RUN at line {line} each run one command: join them with && into"
        " one RUN, which makes one layer instead of two"
    ),
    visits=(FILE,),
    tags=("layers", "style"),
    aliases=("DL3059",),
)


def _single_command(ctx: Context, run: Run) -> bool:
    if run.heredocs and any(reads_heredoc_script(run, c) for c in ctx.model.commands(run)):
        return False  # `RUN <<EOF bash`, `RUN bash <<EOF`: a heredoc script, a boundary
    script = ctx.model.script(run)
    if script is None:
        return False
    return len([command for command in script.commands if command.nesting == 0]) == 1


def _flags(run: Run) -> tuple[str, ...]:
    return tuple(sorted(flag.text for flag in run.flags))


def check(node: Dockerfile, ctx: Context) -> Iterator[Finding]:
    previous: Run | None = None
    for instruction in node.instructions:
        if instruction.kind != "RUN":
            previous = None
            continue
        run: Run = instruction  # type: ignore[assignment]
        if (
            previous is not None
            and _flags(previous) == _flags(run)
            and _single_command(ctx, previous)
            and _single_command(ctx, run)
        ):
            yield ctx.report(run.keyword_span, line=previous.line)
        previous = run
