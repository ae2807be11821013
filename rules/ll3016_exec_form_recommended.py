"""CMD or ENTRYPOINT is written in shell form.

As BuildKit decides: not reported once a SHELL instruction is in effect (earlier in
the stage or in a stage it is built FROM), since choosing a shell says the shell
form is intended. hadolint reports these too. ONBUILD triggers are checked like
plain instructions. HEALTHCHECK CMD is LL3057's (BuildKit does not check it).

## Why is this bad?

In shell form the command runs as `/bin/sh -c "…"`: the shell is PID 1 and does not
forward SIGTERM, so `docker stop` waits for the timeout and then kills the process
without a clean shutdown. An ENTRYPOINT in shell form also ignores the arguments of
`docker run` and CMD.

## Example

```dockerfile
FROM python:3.12-slim
CMD gunicorn --bind 0.0.0.0:8000 app:app
```

## Use instead

```dockerfile
FROM python:3.12-slim
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
```

## Fix

None. (A shell form that uses shell features needs `exec` or a script.)

## References

- [BuildKit check JSONArgsRecommended](https://docs.docker.com/reference/build-checks/json-args-recommended/)
- [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
- [hadolint DL3025](https://github.com/hadolint/hadolint/wiki/DL3025)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Cmd, Entrypoint, ShellForm
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3016",
    name="exec-form-recommended",
    severity=Severity.WARNING,
    message="JSON arguments recommended for {keyword} to prevent unintended behavior related"
    " to OS signals",
    visits=("CMD", "ENTRYPOINT"),
    tags=("best-practice",),
    aliases=("DL3025", "JSONArgsRecommended"),
    precision="very-high",
)


def check(node: Cmd | Entrypoint, ctx: Context) -> Iterator[Finding]:
    if not isinstance(node.command, ShellForm):
        return
    if ctx.model.state_at(node).shell_instruction is not None:
        return
    yield ctx.report(node.command.span, keyword=node.kind)
