"""USER names a user instead of a numeric UID.

## Why is this bad?

A user name is resolved through the image's `/etc/passwd` when the container starts;
the host and the orchestrator cannot resolve it. Kubernetes, for instance, cannot
check `runAsNonRoot` against a name and refuses to start the pod. A numeric UID
works everywhere, whether or not the user exists in the image.

Not reported: `root` (always UID 0), values the model cannot resolve (an ARG without
a default), and Windows stages, whose users have no numeric form.

## Example

```dockerfile
FROM node:20-slim
USER node
```

## Use instead

```dockerfile
FROM node:20-slim
USER 1000:1000
```

## Fix

None.

## References

- [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
- [Kubernetes: security context](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import User
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3046",
    name="non-numeric-user",
    severity=Severity.INFO,
    message="USER {user} names a user that the host cannot resolve; use a numeric UID",
    visits=("USER",),
    tags=("portability",),
    aliases=("DL3066",),
)


def check(node: User, ctx: Context) -> Iterator[Finding]:
    if node.user is None:
        return
    stage = ctx.model.stage_of(node)
    if stage is not None and stage.is_windows:
        return
    value = ctx.model.expand(node.user, node)
    if value is None:
        return
    user = value.partition(":")[0]
    if user in ("root", "") or user.isdigit():
        return
    yield ctx.report(node.user.span, user=value)
