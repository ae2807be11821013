"""The image that ships has no HEALTHCHECK.

Checked: the build target (the last stage, or `--target`) and the stages it is built
FROM. A `HEALTHCHECK NONE` counts: it states that no check is wanted. A health check
defined by the external base image cannot be seen from the Dockerfile. Off by
default, as in hadolint: many images run under an orchestrator that probes health
itself.

## Why is this bad?

Without a health check, Docker and Swarm only know whether the main process is
running, not whether it works: a hung server stays "up", is not restarted, and keeps
receiving traffic.

## Example

```dockerfile
FROM nginx:1.27-alpine
COPY site/ /usr/share/nginx/html/
```

## Use instead

```dockerfile
FROM nginx:1.27-alpine
COPY site/ /usr/share/nginx/html/
HEALTHCHECK --interval=30s --timeout=3s CMD wget -q -O /dev/null http://localhost/ || exit 1
```

## Fix

None.

## References

- [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
- [hadolint DL3057](https://github.com/hadolint/hadolint/wiki/DL3057)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Dockerfile
from layerlint.rule import FILE, Context, Rule

RULE = Rule(
    code="LL2015",
    name="missing-healthcheck",
    severity=Severity.INFO,
    message="the image built by stage {stage} has no HEALTHCHECK; add one (or HEALTHCHECK"
    " NONE to say none is wanted)",
    visits=(FILE,),
    tags=("best-practice",),
    aliases=("DL3057",),
    enabled=False,
)


def check(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    target = ctx.model.target
    if target is None:
        return
    for stage in (target, *target.ancestors()):
        if any(node.kind == "HEALTHCHECK" for node in stage.instructions):
            return
    yield ctx.report(target.from_instruction.keyword_span, stage=target.label)
