"""The comment right above an ARG or a named FROM does not start with its name.

BuildKit reads the comment lines directly above an `ARG` or a `FROM … AS name` as
the description of the build argument or stage (`docker build --call=outline`,
`--call=targets`); the description must start with the name. Checked: the last of
those comment lines (an empty `#` line or an empty line ends the block). Parser
directives and suppression comments (`# hadolint …`, `# layerlint: …`,
`# check=…`) are not descriptions. BuildKit's check is experimental: off by
default, and turned on by `# check=experimental=InvalidDefinitionDescription`.

## Why is this bad?

A comment that sits directly on an ARG or stage becomes its description in the
outline of the build; if it does not start with the name, BuildKit shows an odd
description or none. Either start it with the name, or separate it from the
instruction with an empty line.

## Example

```dockerfile
# the version of the app to build
ARG VERSION=1.4.2
FROM alpine:3.20
```

## Use instead

```dockerfile
# VERSION is the version of the app to build
ARG VERSION=1.4.2
FROM alpine:3.20
```

## Fix

None.

## References

- [BuildKit check InvalidDefinitionDescription](https://docs.docker.com/reference/build-checks/invalid-definition-description/)
- [docker build --call=outline](https://docs.docker.com/reference/cli/docker/buildx/build/#call)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.lazy_re import lazy_compile
from layerlint.lexer import Comment
from layerlint.nodes import Arg, Dockerfile, From, Instruction, Word
from layerlint.rule import FILE, Context, Rule

RULE = Rule(
    code="LL1012",
    name="invalid-definition-description",
    severity=Severity.WARNING,
    message="Comment for {keyword} should follow the format: `# {name} <description>`",
    visits=(FILE,),
    tags=("style", "documentation"),
    aliases=("InvalidDefinitionDescription",),
    enabled=False,
)

_PRAGMA = lazy_compile(r"(?:hadolint\s|layerlint\s*:|check\s*=)", re.I)


def check(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    comments = _description_comments(file)
    for node in file.instructions:
        defined = _defined_names(node)
        if not defined:
            continue
        comment = comments.get(node.line - 1)
        if comment is None:
            continue
        first_word = comment.text.strip().split(" ")[0]
        names = [name for name, _ in defined]
        if first_word in names:
            continue
        example = names[0] if len(names) == 1 else "<arg_key>"
        yield ctx.report(defined[0][1].span, keyword=node.kind, name=example)


def _defined_names(node: Instruction) -> list[tuple[str, Word]]:
    if isinstance(node, Arg):
        return [(declaration.name.text, declaration.name) for declaration in node.declarations]
    if isinstance(node, From) and node.stage_name is not None:
        return [(node.stage_name.text.lower(), node.stage_name)]
    return []


def _description_comments(file: Dockerfile) -> dict[int, Comment]:
    """Comment lines that may describe the instruction on the next line."""
    directive_lines = {item.line for item in file.directives.items}
    return {
        comment.line: comment
        for comment in file.comments
        if not comment.in_continuation
        and comment.line not in directive_lines
        and comment.text.strip()
        and not _PRAGMA.match(comment.text.strip())
    }
