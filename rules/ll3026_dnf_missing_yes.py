"""`dnf install` (or microdnf) runs without `-y`, so it stops at a confirmation prompt.

## Why is this bad?

Before it changes packages, dnf asks "Is this ok [y/N]". A build has no terminal:
dnf reads end of input, answers no, and the build fails. Pass `-y` (`--assumeyes`).
microdnf, tdnf and dnf5 take the same switch.

Also accepted: `--setopt=assumeyes=True`, an `assumeyes` setting written into dnf's
configuration earlier, a COPY into `/etc/dnf` (its content is unknown), and answers
piped in.

## Example

```dockerfile
FROM fedora:40
RUN dnf install httpd-2.4.62 && dnf clean all
```

## Use instead

```dockerfile
FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
```

## Fix

None.

## References

- [dnf: options, --assumeyes](https://dnf.readthedocs.io/en/latest/command_ref.html#options)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import RPM_CONFIRMING, invocations, program_span, rpm_assumes_yes

RULE = Rule(
    code="LL3026",
    name="dnf-missing-yes",
    severity=Severity.WARNING,
    message="{program} {action} asks for confirmation, which a build cannot give; add -y",
    visits=("RUN",),
    tags=("correctness",),
    aliases=("DL3038",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for command, invocation in invocations(ctx, node, ("dnf",), RPM_CONFIRMING):
        if not rpm_assumes_yes(ctx, node, command, invocation):
            yield ctx.report(
                program_span(command), program=invocation.program, action=invocation.action
            )
