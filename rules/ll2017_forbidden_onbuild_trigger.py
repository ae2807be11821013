"""ONBUILD wraps an instruction it cannot run: ONBUILD, FROM or MAINTAINER.

## Why is this bad?

A trigger runs as the first step of a build that uses this image as its base. A
nested ONBUILD, a FROM or a MAINTAINER make no sense there, and BuildKit refuses to
build the Dockerfile that contains them.

## Example

```dockerfile
FROM node:20-slim
ONBUILD ONBUILD RUN npm ci
```

## Use instead

```dockerfile
FROM node:20-slim
ONBUILD RUN npm ci
```

## Fix

None.

## References

- [Dockerfile reference: ONBUILD](https://docs.docker.com/reference/dockerfile/#onbuild)
- [hadolint DL3043](https://github.com/hadolint/hadolint/wiki/DL3043)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Onbuild
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2017",
    name="forbidden-onbuild-trigger",
    severity=Severity.ERROR,
    message="{trigger} isn't allowed as an ONBUILD trigger; remove it or write it as a plain"
    " instruction",
    visits=("ONBUILD",),
    tags=("correctness",),
    aliases=("DL3043",),
    precision="very-high",
    visits_onbuild=False,
)

FORBIDDEN = frozenset({"ONBUILD", "FROM", "MAINTAINER"})


def check(node: Onbuild, ctx: Context) -> Iterator[Finding]:
    trigger = node.trigger
    if trigger is not None and trigger.kind in FORBIDDEN:
        yield ctx.report(trigger.keyword_span, trigger=trigger.kind)
