"""MAINTAINER is deprecated; the author belongs in a label.

## Why is this bad?

MAINTAINER only sets the image's legacy `author` field, which most tools ignore.
The OCI label `org.opencontainers.image.authors` carries the same information where
registries and scanners look for it, next to the other `org.opencontainers.image.*`
labels.

## Example

```dockerfile
FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.org>
```

## Use instead

```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.org>"
```

## Fix

None.

## References

- [BuildKit check MaintainerDeprecated](https://docs.docker.com/reference/build-checks/maintainer-deprecated/)
- [Dockerfile reference: MAINTAINER](https://docs.docker.com/reference/dockerfile/#maintainer-deprecated)
- [hadolint DL4000](https://github.com/hadolint/hadolint/wiki/DL4000)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Maintainer
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3047",
    name="maintainer-deprecated",
    severity=Severity.ERROR,
    message="Maintainer instruction is deprecated in favor of using label; write LABEL"
    ' org.opencontainers.image.authors="{maintainer}"',
    visits=("MAINTAINER",),
    tags=("style", "deprecated"),
    aliases=("DL4000", "MaintainerDeprecated"),
    precision="very-high",
)


def check(node: Maintainer, ctx: Context) -> Iterator[Finding]:
    maintainer = ctx.model.unquote(node.maintainer) if node.maintainer is not None else "…"
    yield ctx.report(node.keyword_span, maintainer=maintainer.replace('"', '\\"'))
