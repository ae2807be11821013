"""`zypper install` runs without `-n`/`-y`, so it stops at a confirmation prompt.

## Why is this bad?

Before it changes packages, zypper asks "Continue? [y/n/v/...]". A build has no
terminal, so the prompt cannot be answered and the build fails. Run zypper
non-interactively: `zypper --non-interactive install ...` (`-n` before the command)
or `zypper install -y ...` (`--no-confirm`).

## Example

```dockerfile
FROM opensuse/leap:15.6
RUN zypper install httpd=2.4.58 && zypper clean --all
```

## Use instead

```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install httpd=2.4.58 && zypper clean --all
```

## Fix

None.

## References

- [zypper manual: --non-interactive](https://en.opensuse.org/SDB:Zypper_manual)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import configured_before, invocations, program_span, stdin_is_piped

RULE = Rule(
    code="LL3022",
    name="zypper-missing-yes",
    severity=Severity.WARNING,
    message="{program} {action} asks for confirmation, which a build cannot give;"
    " add --non-interactive (or -y)",
    visits=("RUN",),
    tags=("correctness",),
    aliases=("DL3034",),
)

_CONFIRMING = (
    "install",
    "remove",
    "update",
    "patch",
    "dist-upgrade",
    "source-install",
    "si",
    "install-new-recommends",
    "inr",
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for command, invocation in invocations(ctx, node, ("zypper",), _CONFIRMING):
        if invocation.has("-n", "--non-interactive", "-y", "--no-confirm"):
            continue
        if stdin_is_piped(command) or configured_before(
            ctx, node, command, ("non-interactive",), ("/etc/zypp",)
        ):
            continue
        yield ctx.report(
            program_span(command), program=invocation.program, action=invocation.action
        )
