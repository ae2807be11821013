"""COPY or ADD with several sources needs a destination that ends with `/`.

## Why is this bad?

With more than one source the destination must be a directory. Written without the
trailing slash it reads like a file name, and the classic builder refuses to build
it ("the destination must be a directory and end with a /"). The slash says, and
guarantees, that the sources land inside the directory.

`.` and `..` name directories already and are not reported; nor is a destination
whose value is unknown.

## Example

```dockerfile
FROM node:20-slim
WORKDIR /srv/app
COPY package.json package-lock.json /srv/app
```

## Use instead

```dockerfile
FROM node:20-slim
WORKDIR /srv/app
COPY package.json package-lock.json /srv/app/
```

## Fix

Safe: append `/` to the destination.

## References

- [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Edit, Finding, Fix, Severity
from layerlint.nodes import Add, Copy
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3015",
    name="copy-destination-not-directory",
    severity=Severity.ERROR,
    message="{keyword} with {count} sources copies into a directory; end the destination"
    " {destination} with /",
    visits=("COPY", "ADD"),
    tags=("correctness",),
    aliases=("DL3021",),
    fix="safe",
)


def check(node: Copy | Add, ctx: Context) -> Iterator[Finding]:
    destination = node.destination
    if destination is None or len(node.sources) < 2:
        return
    value = ctx.model.expand(destination, node)
    if value is None or value.endswith(("/", "\\")) or value in (".", ".."):
        return
    fix = None
    if not node.json:
        text = destination.text
        end = destination.span.end - (1 if text[-1:] in "\"'" and len(text) > 1 else 0)
        fix = Fix("append / to the destination", (Edit(end, end, "/"),), safe=True)
    yield ctx.report(
        destination.span,
        fix=fix,
        keyword=node.kind,
        count=len(node.sources),
        destination=destination.text,
    )
