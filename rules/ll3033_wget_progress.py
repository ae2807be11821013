"""`wget` without `--progress`, `-q`, `-nv` or a log file floods the build log.

## Why is this bad?

Without a terminal, `wget` prints its progress as rows of dots: tens of thousands of
lines for a large download, which bury the useful part of the build log and slow log
viewers down. `--progress=dot:giga` prints one dot per megabyte; `-nv` and `-q`
print one line or nothing; `-o`/`-a` send the output to a file.

Not reported in stages based on Alpine or BusyBox, whose BusyBox `wget` has neither
the dots nor the option, unless the stage installs GNU wget. An image counts as
Alpine-based when it is `alpine` or `busybox`, or when its tag says so, as the
official images' tags do (`node:22-alpine`, `golang:1.24-alpine3.21`).

## Example

```dockerfile
FROM debian:12
RUN wget https://downloads.example.com/tool-2.1.tar.gz
```

## Use instead

```dockerfile
FROM debian:12
RUN wget --progress=dot:giga https://downloads.example.com/tool-2.1.tar.gz
```

## Fix

None.

## References

- [GNU Wget manual: --progress](https://www.gnu.org/software/wget/manual/wget.html#Download-Options)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.options import command_options
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import busybox_userland, installed_in_stage

RULE = Rule(
    code="LL3033",
    name="wget-progress",
    severity=Severity.INFO,
    message="wget prints its progress dot by dot in a build log; add --progress=dot:giga,"
    " -nv or -q",
    visits=("RUN",),
    tags=("style",),
    aliases=("DL3047",),
)

_QUIET = ("--progress", "-q", "--quiet", "-nv", "--no-verbose", "-o", "--output-file",
          "-a", "--append-output", "--show-progress")  # fmt: skip
_VALUE_OPTIONS = frozenset({"-o", "--output-file", "-a", "--append-output", "-O",
                            "--output-document", "-P", "--directory-prefix", "-e",
                            "--execute", "-U", "--user-agent", "-t", "--tries", "-T",
                            "--timeout", "--header"})  # fmt: skip


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    busybox: bool | None = None
    for command in ctx.model.commands(node):
        if command.name != "wget":
            continue
        if any((word.value or "") == "-nv" for word in command.args):
            continue  # one option, not -n -v
        if command_options(command, _VALUE_OPTIONS).has(*_QUIET):
            continue
        if busybox is None:
            busybox = _busybox_wget(node, ctx)
        if busybox:
            continue
        yield ctx.report(command.argv_words[0].span)


def _busybox_wget(node: Run, ctx: Context) -> bool:
    """Alpine and BusyBox images ship BusyBox wget, which has no dot progress (and no
    --progress option) unless GNU wget was installed in the stage."""
    return busybox_userland(ctx, node) and not installed_in_stage(ctx, node, "wget", True)
