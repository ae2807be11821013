"""A RUN replaces `/bin/sh` with a link to another shell (`ln -sf`, or a forced hard link).

## Why is this bad?

Relinking `/bin/sh` changes the shell of every later RUN without saying so, and of
every script in the image that starts with `#!/bin/sh`, including the system's own
maintainer scripts that expect a strictly POSIX shell. The SHELL instruction changes
the shell of the build steps only, visibly, and can be set per stage.

## Example

```dockerfile
FROM debian:12
RUN ln -sf /bin/bash /bin/sh
```

## Use instead

```dockerfile
FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
```

## Fix

None.

## References

- [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.options import command_options
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3049",
    name="shell-symlink",
    severity=Severity.WARNING,
    message="relinking {path} changes the shell of every later step and script;"
    " use the SHELL instruction instead",
    visits=("RUN",),
    tags=("correctness", "best-practice"),
    aliases=("DL4005",),
)

_SYSTEM_SHELLS = frozenset({"/bin/sh", "/usr/bin/sh"})
_VALUE_OPTIONS = frozenset({"-t", "--target-directory", "-S", "--suffix"})


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for command in ctx.model.commands(node):
        if command.name != "ln":
            continue
        options = command_options(command, _VALUE_OPTIONS)
        # A symbolic link, or a hard link that replaces the file (`ln -f`).
        replaces = options.has("-s", "--symbolic", "-f", "--force")
        if not replaces or options.has("-t", "--target-directory"):
            continue
        if len(options.operands) < 2:
            continue
        link = options.operands[-1]
        if link.value is not None and posixpath.normpath(link.value) in _SYSTEM_SHELLS:
            yield ctx.report(link.span, path=link.value)
