"""The image that ships runs as root: its last USER is `root` or `0`.

Checked: the build target (the last stage, or `--target`), with the USER it inherits
from the stages it is built FROM. Builder stages that only produce files may switch
to root as they like. Variable-aware: `USER ${APP_USER}` counts as root when the
variable's known value is root, and is not reported when the value is unknown.
Without any USER the user comes from the base image, which the Dockerfile does not
show, and nothing is reported.

## Why is this bad?

A process running as root in the container is root on the host's kernel: a
vulnerability in the application or a mounted socket becomes a full host
compromise much more easily. Switching to root for the installation steps is fine;
the image should end with an unprivileged USER.

## Example

```dockerfile
FROM debian:12-slim
RUN useradd --create-home app
USER root
CMD ["/usr/local/bin/server"]
```

## Use instead

```dockerfile
FROM debian:12-slim
RUN useradd --create-home app
USER app
CMD ["/usr/local/bin/server"]
```

## Fix

None.

## References

- [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
- [hadolint DL3002](https://github.com/hadolint/hadolint/wiki/DL3002)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Dockerfile, User
from layerlint.rule import FILE, Context, Rule

RULE = Rule(
    code="LL2016",
    name="last-user-root",
    severity=Severity.WARNING,
    message="the image runs as {user}: USER {value} is the last USER of the shipped stage;"
    " end with an unprivileged USER",
    visits=(FILE,),
    tags=("security",),
    aliases=("DL3002",),
    security_severity=6.0,
)

_ROOT = frozenset({"root", "0"})


def check(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    target = ctx.model.target
    if target is None:
        return
    last = None
    for stage in (target, *target.ancestors()):
        users = [
            node for node in stage.instructions if isinstance(node, User) and node.user is not None
        ]
        if users:
            last = users[-1]
            break
    if last is None or last.user is None:
        return
    value = ctx.model.expand(last.user, last)
    if value is None:
        return
    name = value.split(":", 1)[0].strip()
    if name in _ROOT:
        yield ctx.report(last.user.span, user="root", value=value)
