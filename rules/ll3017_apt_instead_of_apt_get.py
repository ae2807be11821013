"""`apt` is used in a build step; use `apt-get` or `apt-cache`.

## Why is this bad?

`apt` is the interactive front end for people at a terminal. Its output and behaviour
may change between releases (it warns "apt does not have a stable CLI interface. Use
with caution in scripts"), it shows progress bars meant for a terminal, and its
defaults differ from apt-get's. `apt-get` and `apt-cache` are the stable interfaces
for scripts such as a Dockerfile.

## Example

```dockerfile
FROM ubuntu:24.04
RUN apt update && apt install -y --no-install-recommends curl=8.5.0-2ubuntu10.6
```

## Use instead

```dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6
```

## Fix

None.

## References

- [apt(8): script usage](https://manpages.debian.org/stable/apt/apt.8.en.html#SCRIPT_USAGE_AND_DIFFERENCES_FROM_OTHER_APT_TOOLS)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import invocations, program_span

RULE = Rule(
    code="LL3017",
    name="apt-instead-of-apt-get",
    severity=Severity.WARNING,
    message="apt{action} is meant for terminals; use apt-get{action} (or apt-cache) in a build",
    visits=("RUN",),
    tags=("best-practice",),
    aliases=("DL3027",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for command, invocation in invocations(ctx, node, ("apt",), programs=("apt",)):
        action = f" {invocation.action}" if invocation.action else ""
        yield ctx.report(program_span(command), action=action)
