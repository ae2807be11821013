"""A RUN starts an interactive program or one that manages the running system.

Checked commands: `ssh`, editors (`vim`, `vi`, `nano`), process viewers (`top`,
`htop`, `ps`, `free`), `kill`, `mount`, `ifconfig`, `service`, `shutdown`, `reboot`,
`halt` and `poweroff`.

## Why is this bad?

A build step has no terminal and no running system to manage: an editor or `top`
waits for input that never comes, `shutdown` and `kill` act on processes that do not
outlive the step, `mount` needs privileges the build does not have and a service
started in one RUN is gone in the next. Such a command is a leftover from an
interactive session, or it belongs in the container's entrypoint.

`service NAME start` followed by other commands in the same RUN (to load a database
schema, for instance) is a legitimate build-time pattern and is not reported, nor is
`kill $pid` of a process the RUN started itself.

## Example

```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends nginx && top -b -n 1
```

## Use instead

```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends nginx
CMD ["nginx", "-g", "daemon off;"]
```

## Fix

None.

## References

- [Dockerfile reference: RUN](https://docs.docker.com/reference/dockerfile/#run)
- [Dockerfile best practices](https://docs.docker.com/build/building/best-practices/)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

if TYPE_CHECKING:
    from layerlint.model.shell import SimpleCommand

RULE = Rule(
    code="LL3001",
    name="interactive-or-system-command",
    severity=Severity.INFO,
    message="`{command}` is interactive or manages a running system, which a build step"
    " does not have; remove it or move it to the container's entrypoint",
    visits=("RUN",),
    tags=("correctness", "best-practice"),
    aliases=("DL3001",),
)

_COMMANDS = frozenset(
    {
        "free", "halt", "htop", "ifconfig", "kill", "mount", "nano", "poweroff", "ps",
        "reboot", "service", "shutdown", "ssh", "top", "vi", "vim",
    }
)  # fmt: skip
# A daemon started and then used in the same RUN (e.g. to load a schema) is fine,
# and so are the commands that stop it again.
_SERVICE_CONTROL = frozenset({"service", "kill"})


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    commands = ctx.model.commands(node)
    starts_service = any(
        command.name == "service" and _service_action(command) in ("start", "restart")
        for command in commands[:-1]
    )
    for command in commands:
        name = command.name
        if name not in _COMMANDS:
            continue
        if starts_service and name in _SERVICE_CONTROL:
            continue
        if name == "kill" and any("$" in word.raw or "%" in word.raw for word in command.args):
            continue  # stops a process this RUN started in the background
        yield ctx.report(command.argv_words[0].span, command=name)


def _service_action(command: SimpleCommand) -> str | None:
    """`start` of `service nginx start`."""
    args = command.args
    return args[1].value if len(args) > 1 else None
