"""`zypper dist-upgrade` upgrades the whole distribution in a build step.

## Why is this bad?

`zypper dist-upgrade` (`dup`) moves every package to the newest version in the
repositories, possibly to another release of the distribution. The base image's
contents then depend on the day of the build, the layer grows by a copy of most of
the system, and an upgrade that changes vendors or removes packages can break the
image. Use an up-to-date base image instead, or `zypper patch` / `zypper update` for
fixes within the release.

## Example

```dockerfile
FROM opensuse/tumbleweed
RUN zypper --non-interactive dup
```

## Use instead

```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive patch && zypper clean --all
```

## Fix

None.

## References

- [zypper manual: dist-upgrade](https://en.opensuse.org/SDB:Zypper_manual)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import invocations

RULE = Rule(
    code="LL3023",
    name="zypper-dist-upgrade",
    severity=Severity.WARNING,
    message="{program} {word} upgrades the whole distribution;"
    " use a newer base image or zypper patch",
    visits=("RUN",),
    tags=("reproducibility", "best-practice"),
    aliases=("DL3035",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for _, invocation in invocations(ctx, node, ("zypper",), ("dist-upgrade",)):
        word = invocation.action_word
        if word is not None:
            yield ctx.report(word.span, program=invocation.program, word=word.text)
