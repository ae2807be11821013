"""`useradd` with a large UID but without `-l` (`--no-log-init`).

## Why is this bad?

`useradd` records the new user in `/var/log/lastlog` and `/var/log/faillog`, sparse
files indexed by UID. Image layers do not keep files sparse: a UID such as 1000000
turns them into hundreds of megabytes of zeros in the layer. `-l` skips those
logs. UIDs of six digits or more are reported; a UID the model cannot resolve is not.

## Example

```dockerfile
FROM debian:12
RUN useradd -u 1000000 -m app
```

## Use instead

```dockerfile
FROM debian:12
RUN useradd -l -u 1000000 -m app
```

## Fix

None.

## References

- [Dockerfile best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
- [useradd(8)](https://man7.org/linux/man-pages/man8/useradd.8.html)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.options import command_options
from layerlint.model.users import USERADD_VALUES
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3032",
    name="useradd-high-uid",
    severity=Severity.WARNING,
    message="useradd with UID {uid} and without -l fills /var/log/lastlog and faillog in"
    " the layer; add -l (--no-log-init)",
    visits=("RUN",),
    tags=("size", "layers"),
    aliases=("DL3046",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for command in ctx.model.commands(node):
        if command.name != "useradd":
            continue
        options = command_options(command, USERADD_VALUES)
        if options.has("-l", "--no-log-init"):
            continue
        uid = options.value("-u", "--uid")
        if uid is None or not uid.isdigit() or len(uid) < 6:
            continue
        word = options.word("-u", "--uid")
        yield ctx.report(word.span if word is not None else command.span, uid=uid)
