"""With the ARG defaults alone, a FROM names an empty or invalid image.

The image of each FROM that uses variables is expanded with the defaults of the ARGs
declared before the first FROM, as a build without `--build-arg` would: an ARG
without a default, and a name no ARG before the first FROM declares, is empty.
Reported when the result is empty or not a valid image reference (`busybox:` with an
empty tag, upper-case repository names, stray characters). Values that cannot be
known (platform arguments) are not guessed.

## Why is this bad?

The Dockerfile only builds when the right `--build-arg` is passed; a plain
`docker build .` fails with an unhelpful reference error. A usable default, or an
expression that stays valid when the variable is empty (`busybox:stable${VARIANT}`),
keeps the file buildable as it stands.

## Example

```dockerfile
ARG VERSION
FROM busybox:${VERSION}
```

## Use instead

```dockerfile
ARG VERSION=1.36
FROM busybox:${VERSION}
```

## Fix

None.

## References

- [BuildKit check InvalidDefaultArgInFrom](https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model import PREDEFINED_ARGS
from layerlint.model.images import is_valid_reference
from layerlint.model.references import word_references
from layerlint.model.variables import CompleteEnv, expand, unquote
from layerlint.nodes import From
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2012",
    name="invalid-default-arg-in-from",
    severity=Severity.WARNING,
    message="Default value for ARG {image} results in empty or invalid base image name",
    visits=("FROM",),
    tags=("correctness",),
    aliases=("InvalidDefaultArgInFrom",),
    precision="very-high",
)


def check(node: From, ctx: Context) -> Iterator[Finding]:
    escape = ctx.file.escape
    if node.image is None or not word_references(node.image.text, escape):
        return
    # A name no global ARG declares expands to nothing, as in BuildKit (`FROM
    # alpine:${TAG}` without `ARG TAG` is `alpine:`); the platform ARGs stay unknown.
    defaults: dict[str, str | None] = CompleteEnv({name: None for name in PREDEFINED_ARGS})
    for instruction in ctx.model.global_arg_instructions:
        for declaration in instruction.declarations:
            name = unquote(declaration.name.text, escape)
            if declaration.default is not None:
                defaults[name] = expand(declaration.default.text, defaults, escape)
            elif name not in PREDEFINED_ARGS:
                defaults[name] = ""
    value = expand(node.image.text, defaults, escape)
    if value is None or is_valid_reference(value):
        return
    yield ctx.report(node.image.span, image=node.image.text)
