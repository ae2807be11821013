"""A base image is used without a tag or digest.

The image is read after expanding the ARGs declared before the first FROM, so
`FROM ${BASE}` with `ARG BASE=node` is reported and `ARG BASE=node:20` is not; when
a value is not known (an ARG without default) nothing is reported. `scratch` and the
names of earlier stages are not images and need no tag.

## Why is this bad?

Without a tag the builder pulls `:latest`, which changes whenever the publisher
pushes a new release: the same Dockerfile builds a different image from one day to
the next, and a major upgrade of the base can break the build or the application
without any change to the repository.

## Example

```dockerfile
FROM python
RUN pip install --no-cache-dir flask==3.0.3
```

## Use instead

```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3
```

## Fix

None.

## References

- [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
- [hadolint DL3006](https://github.com/hadolint/hadolint/wiki/DL3006)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.images import is_valid_reference
from layerlint.nodes import From
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2000",
    name="untagged-image",
    severity=Severity.WARNING,
    message="base image {image} has no tag, so every build takes whatever :latest is then;"
    " pin a version tag or a digest",
    visits=("FROM",),
    tags=("reproducibility",),
    aliases=("DL3006",),
)


def check(node: From, ctx: Context) -> Iterator[Finding]:
    stage = ctx.model.stage_of(node)
    if stage is None or node.image is None:
        return
    image = stage.base_image
    if image is None or image.is_scratch or not is_valid_reference(image.text):
        return
    if image.tag is None and image.digest is None:
        yield ctx.report(node.image.span, image=image.text)
