"""An instruction other than ARG comes before the first FROM.

## Why is this bad?

Only ARG (and parser directives and comments) may come before the first FROM: every
other instruction needs a build stage to act on, and BuildKit stops with "no build
stage in current context". Often a FROM line was deleted or mistyped.

## Example

```dockerfile
LABEL org.opencontainers.image.source=https://example.org/app
FROM alpine:3.20
```

## Use instead

```dockerfile
ARG ALPINE_VERSION=3.20
FROM alpine:${ALPINE_VERSION}
LABEL org.opencontainers.image.source=https://example.org/app
```

## Fix

None.

## References

- [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
- [hadolint DL3061](https://github.com/hadolint/hadolint/wiki/DL3061)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Dockerfile
from layerlint.rule import FILE, Context, Rule

RULE = Rule(
    code="LL1011",
    name="instruction-before-from",
    severity=Severity.ERROR,
    message="{keyword} comes before the first FROM; only ARG may precede FROM, so move it"
    " into a build stage",
    visits=(FILE,),
    tags=("correctness",),
    aliases=("DL3061",),
    precision="very-high",
)


def check(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    for node in file.instructions:
        if node.kind == "FROM":
            return
        if node.kind in ("ARG", "UNKNOWN"):
            continue
        yield ctx.report(node.keyword_span, keyword=node.keyword.upper())
