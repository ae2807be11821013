"""A RUN uses `sudo`.

## Why is this bad?

Build steps run as the user set by the last USER instruction, root by default, so
`sudo` is not needed. It adds a package to the image, needs a sudoers entry and, when
the user has none, stops the build at a password prompt that nobody can answer. To
run some steps as root, switch with `USER root` and back; to drop privileges at run
time, use a tool such as `gosu` or `su-exec` in the entrypoint.

## Example

```dockerfile
FROM ubuntu:24.04
USER ubuntu
RUN sudo apt-get update
```

## Use instead

```dockerfile
FROM ubuntu:24.04
RUN apt-get update
USER ubuntu
```

## Fix

None.

## References

- [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
- [Dockerfile best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3003",
    name="sudo",
    severity=Severity.ERROR,
    message="`sudo` in a build step; switch users with the USER instruction instead"
    " (gosu or su-exec at run time)",
    visits=("RUN",),
    tags=("correctness", "best-practice"),
    aliases=("DL3004",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for command in ctx.model.commands(node):
        # Wrappers such as sudo are stripped from argv: look at the words before it.
        wrappers = command.words[: len(command.words) - len(command.argv_words)]
        for word in wrappers:
            if word.value is not None and posixpath.basename(word.value) == "sudo":
                yield ctx.report(word.span)
                break
