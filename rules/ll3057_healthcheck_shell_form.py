"""HEALTHCHECK CMD is written in shell form.

The shell form `HEALTHCHECK CMD curl -f http://localhost/` runs as `/bin/sh -c "…"`
at every interval. Not reported once a SHELL instruction is in effect (earlier in the
stage or in a stage it is built FROM): choosing a shell says the shell form is
intended. hadolint reports this under DL3025 (since 2.15); BuildKit's
JSONArgsRecommended does not look at HEALTHCHECK, which is why this is a rule of its
own. ONBUILD triggers are checked like plain instructions.

## Why is this bad?

The check needs a shell in the image: on distroless or `scratch`-based images there
is none, the check fails every time and the container is marked unhealthy. Where a
shell exists, one more process is started at every interval, and the shell's
quoting rules apply to the command.

## Example

```dockerfile
FROM python:3.12-slim
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/')"
```

## Use instead

```dockerfile
FROM python:3.12-slim
HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/')"]
```

## Fix

None. (A check that uses shell features, such as `||` or pipes, needs a script.)

## References

- [hadolint DL3025](https://github.com/hadolint/hadolint/wiki/DL3025)
- [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Healthcheck, ShellForm
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3057",
    name="healthcheck-shell-form",
    severity=Severity.WARNING,
    message="JSON arguments recommended for HEALTHCHECK CMD: the shell form needs a shell"
    " in the image",
    visits=("HEALTHCHECK",),
    tags=("best-practice",),
    aliases=("DL3025",),
    precision="very-high",
)


def check(node: Healthcheck, ctx: Context) -> Iterator[Finding]:
    if not isinstance(node.command, ShellForm) or node.type is None:
        return
    if node.type.text.upper() != "CMD":
        return  # an invalid type (`HEALTHCHECK CONNECT ...`) is LL1003's
    if ctx.model.state_at(node).shell_instruction is not None:
        return
    yield ctx.report(node.command.span)
