"""FROM uses a variable that no ARG before the first FROM declares.

Checked: the image and the `--platform` value. Only ARGs declared before the first
FROM (and the platform arguments BuildKit predefines, such as `BUILDPLATFORM`) can
be used in FROM; an ARG declared inside a stage cannot. A default written in the
reference (`${BASE:-alpine}`) does not declare it either: the `--build-arg` would be
ignored and the default always used.

## Why is this bad?

An undeclared variable expands to an empty string, so `FROM node:${NODE_VERSION}`
becomes `FROM node:` (an error) or silently a different image, and passing
`--build-arg` has no effect. Most often the ARG is misspelt or declared after the
first FROM.

## Example

```dockerfile
ARG NODE_VERSION=20
FROM node:${NODE_VERISON}-alpine
```

## Use instead

```dockerfile
ARG NODE_VERSION=20
FROM node:${NODE_VERSION}-alpine
```

## Fix

None.

## References

- [BuildKit check UndefinedArgInFrom](https://docs.docker.com/reference/build-checks/undefined-arg-in-from/)
- [Dockerfile reference: how ARG and FROM interact](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity, Span
from layerlint.model import PREDEFINED_ARGS
from layerlint.model.references import span_in_word, word_references
from layerlint.model.variables import substitution_errors, unquote
from layerlint.nodes import From
from layerlint.rule import Context, Rule
from layerlint.suggest import suggestion

RULE = Rule(
    code="LL2011",
    name="undefined-arg-in-from",
    severity=Severity.WARNING,
    message="FROM argument '{name}' is not declared{hint}",
    visits=("FROM",),
    tags=("correctness",),
    aliases=("UndefinedArgInFrom",),
    precision="very-high",
)


def check(node: From, ctx: Context) -> Iterator[Finding]:
    escape = ctx.file.escape
    declared: list[str] = []
    for instruction in ctx.model.global_arg_instructions:
        for declaration in instruction.declarations:
            declared.append(unquote(declaration.name.text, escape))
    known = set(declared) | PREDEFINED_ARGS
    candidates = declared + sorted(PREDEFINED_ARGS)
    found: list[tuple[str, Span]] = []
    # A word BuildKit refuses (LL1003) stops the build before any name is looked up.
    if node.image is not None and not substitution_errors(node.image.text, escape):
        for reference in word_references(node.image.text, escape):
            span = span_in_word(node.image, reference.start, reference.end)
            found.append((reference.name, span))
    flag = node.flag("platform")
    if flag is not None and flag.value and not substitution_errors(flag.value, escape):
        found.extend(
            (reference.name, flag.span) for reference in word_references(flag.value, escape)
        )
    reported: set[str] = set()
    for name, span in found:
        if name in known or name in reported:
            continue
        reported.add(name)
        match = suggestion(name, candidates)
        yield ctx.report(span, name=name, hint=f" (did you mean {match}?)" if match else "")
