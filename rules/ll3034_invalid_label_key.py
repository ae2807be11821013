"""A LABEL key does not follow Docker's format for label keys.

Keys should start with a lower-case letter, end with a lower-case letter or digit,
contain only lower-case letters, digits, `.`, `-`, `_` and `/` (Docker's label
documentation allows the last two, as hadolint 2.15's DL3048 does), never `..` or
`--`, and stay out of the namespaces Docker reserves (`com.docker.`, `io.docker.`,
`org.dockerproject.`).

## Why is this bad?

Tools that query labels (`docker ps --filter label=...`, registries, orchestrators)
treat keys as case-sensitive strings. Keys in mixed case or with other characters
collide with nothing today but are easy to mistype and hard to filter on, and keys in
Docker's own namespaces may be overwritten by Docker. Reverse-DNS keys such as
`org.opencontainers.image.title` avoid clashes between tools.

Keys that depend on an unknown variable are not checked.

## Example

```dockerfile
FROM alpine:3.20
LABEL Maintainer="dev@example.com" com.docker.compose.project="demo"
```

## Use instead

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="dev@example.com"
```

## Fix

None.

## References

- [Docker object labels: key format recommendations](https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Label
from layerlint.rule import Context, Rule

from ._labels import label_pairs

RULE = Rule(
    code="LL3034",
    name="invalid-label-key",
    severity=Severity.STYLE,
    message="label key {key!r} {problem}; use lower-case reverse-DNS keys such as org.example.name",
    visits=("LABEL",),
    tags=("labels", "style"),
    aliases=("DL3048",),
)

_RESERVED = ("com.docker.", "io.docker.", "org.dockerproject.")


def check(node: Label, ctx: Context) -> Iterator[Finding]:
    for entry in label_pairs(node, ctx):
        if entry.key is None:
            continue
        problem = _problem(entry.key)
        if problem is not None:
            yield ctx.report(entry.pair.key.span, key=entry.key, problem=problem)


def _problem(key: str) -> str | None:
    if key.startswith(_RESERVED):
        return "is in a namespace reserved for Docker"
    if not re.fullmatch(r"[a-z0-9._/-]+", key):
        return "has characters other than lower-case letters, digits, '.', '-', '_' and '/'"
    if not key[0].isalpha():
        return "does not start with a lower-case letter"
    if not key[-1].isalnum():
        return "does not end with a lower-case letter or digit"
    if ".." in key or "--" in key:
        return "has two separators in a row"
    return None
