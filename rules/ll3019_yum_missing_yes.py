"""`yum install` runs without `-y`, so it stops at a confirmation prompt.

## Why is this bad?

Before it changes packages, yum asks "Is this ok [y/N]". A build has no terminal:
yum reads end of input, answers no, and the build fails. Pass `-y` (`--assumeyes`).

Also accepted: `--setopt=assumeyes=1`, an `assumeyes` setting written into yum's
configuration earlier, a COPY into `/etc/yum` (its content is unknown), and answers
piped in.

## Example

```dockerfile
FROM rockylinux:9
RUN yum install httpd-2.4.57 && yum clean all
```

## Use instead

```dockerfile
FROM rockylinux:9
RUN yum install -y httpd-2.4.57 && yum clean all
```

## Fix

None.

## References

- [yum(8): -y, --assumeyes](https://man7.org/linux/man-pages/man8/yum.8.html)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import RPM_CONFIRMING, invocations, program_span, rpm_assumes_yes

RULE = Rule(
    code="LL3019",
    name="yum-missing-yes",
    severity=Severity.WARNING,
    message="{program} {action} asks for confirmation, which a build cannot give; add -y",
    visits=("RUN",),
    tags=("correctness",),
    aliases=("DL3030",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for command, invocation in invocations(ctx, node, ("yum",), RPM_CONFIRMING):
        if not rpm_assumes_yes(ctx, node, command, invocation):
            yield ctx.report(
                program_span(command), program=invocation.program, action=invocation.action
            )
