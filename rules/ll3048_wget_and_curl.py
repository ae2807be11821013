"""A stage downloads with both `wget` and `curl`.

## Why is this bad?

The two tools do the same job. Using both means both must be present in the image,
and a stage that installs one of them for a single download carries an extra program
and its libraries for nothing. Pick one per stage.

## Example

```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl wget
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz
RUN wget -q -O /tmp/b.tgz https://example.com/b.tgz
```

## Use instead

```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz
RUN curl -fsSLo /tmp/b.tgz https://example.com/b.tgz
```

## Fix

None.

## References

- [Dockerfile best practices](https://docs.docker.com/build/building/best-practices/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._stage_order import before

RULE = Rule(
    code="LL3048",
    name="wget-and-curl",
    severity=Severity.WARNING,
    message="this stage uses both wget and curl (first {other} on line {line});"
    " download with one of them",
    visits=("RUN",),
    tags=("size", "style"),
    aliases=("DL4001",),
)

_TOOLS = ("curl", "wget")


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    mine = [command for command in ctx.model.commands(node) if command.name in _TOOLS]
    if not mine:
        return
    first_use: dict[str, int] = {}
    for earlier in before(node, ctx):
        if isinstance(earlier, Run):
            for command in ctx.model.commands(earlier):
                if command.name in _TOOLS:
                    first_use.setdefault(command.name, command.span.line)
    for command in mine:
        first_use.setdefault(command.name or "", command.span.line)
    if len(first_use) < 2:
        return
    # Report at the first use here of the tool the stage did not start with.
    first_tool = next(iter(first_use))
    command = next((c for c in mine if c.name != first_tool), mine[0])
    other = "curl" if command.name == "wget" else "wget"
    yield ctx.report(command.argv_words[0].span, other=other, line=first_use[other])
