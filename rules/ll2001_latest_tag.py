"""A base image is pinned to the `latest` tag.

Variable-aware: `FROM node:${TAG}` with `ARG TAG=latest` is reported; an unknown
value is not. An image with a digest (`@sha256:…`) is pinned whatever its tag says.

## Why is this bad?

`latest` is only a name the publisher moves to each new release. A build from
`:latest` is not reproducible: rebuilding the same commit can pull a new major
version of the base image and break, or silently change, the result.

## Example

```dockerfile
FROM nginx:latest
COPY site/ /usr/share/nginx/html/
```

## Use instead

```dockerfile
FROM nginx:1.27-alpine
COPY site/ /usr/share/nginx/html/
```

## Fix

None.

## References

- [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
- [hadolint DL3007](https://github.com/hadolint/hadolint/wiki/DL3007)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.images import is_valid_reference
from layerlint.nodes import From
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL2001",
    name="latest-tag",
    severity=Severity.WARNING,
    message="base image {image} uses the moving tag latest; pin a version tag or a digest",
    visits=("FROM",),
    tags=("reproducibility",),
    aliases=("DL3007",),
)


def check(node: From, ctx: Context) -> Iterator[Finding]:
    stage = ctx.model.stage_of(node)
    if stage is None or node.image is None:
        return
    image = stage.base_image
    if image is None or not is_valid_reference(image.text):
        return
    if image.tag == "latest" and image.digest is None:
        yield ctx.report(node.image.span, image=image.text)
