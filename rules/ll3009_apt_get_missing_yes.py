"""`apt-get install` runs without `-y`, so it may stop at a confirmation prompt.

## Why is this bad?

When apt-get has to install more than the packages named (their dependencies) or
remove something, it asks "Do you want to continue? [Y/n]". A build has no terminal:
apt-get reads end of input, aborts, and the build fails. Pass `-y` (`--yes`,
`--assume-yes`), or `-qq`, which implies it.

Also accepted: `-o APT::Get::Assume-Yes=true`, an `Assume-Yes` setting written into
apt's configuration earlier, a COPY into `/etc/apt` (its content is unknown), and
answers piped in (`yes | apt-get install ...`).

## Example

```dockerfile
FROM debian:12
RUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10+deb12u12
```

## Use instead

```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12
```

## Fix

None.

## References

- [apt-get(8): -y, --yes, --assume-yes](https://manpages.debian.org/stable/apt/apt-get.8.en.html)
- [Dockerfile best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.packages import PackageCommand
from layerlint.model.shell import ShellWord, SimpleCommand
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import configured_before, invocations, program_span, stdin_is_piped

RULE = Rule(
    code="LL3009",
    name="apt-get-missing-yes",
    severity=Severity.WARNING,
    message="{program} {action} may ask for confirmation, which a build cannot give; add -y",
    visits=("RUN",),
    tags=("correctness",),
    aliases=("DL3014",),
)

_CONFIRMING = (
    "install",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "remove",
    "purge",
    "autoremove",
    "autopurge",
    "build-dep",
)


def _quiet_level(words: tuple[ShellWord, ...]) -> int:
    """apt's quiet level: `-q` counts once per letter, `-q=2`/`--quiet=2` set it."""
    level = 0
    for word in words:
        text = word.value or ""
        if text in ("--quiet", "--silent"):
            level += 1
        elif text.startswith(("--quiet=", "-q=")):
            number = text.partition("=")[2]
            level = int(number) if number.isdigit() else level
        elif text.startswith("-") and not text.startswith("--"):
            level += text[1:].count("q")
    return level


def _assume_yes(
    ctx: Context, node: Run, command: SimpleCommand, invocation: PackageCommand
) -> bool:
    # (`--force-yes` answers the prompts about harmful actions, not "Do you want to
    # continue?")
    if invocation.has("-y", "--yes", "--assume-yes"):
        return True
    if _quiet_level(command.args) >= 2:
        return True  # quiet level 2 implies -y
    settings = invocation.option_values.get("-o", []) + invocation.option_values.get("--option", [])
    if any(setting.lower().startswith("apt::get::assume-yes=") for setting in settings):
        return True
    return stdin_is_piped(command) or configured_before(
        ctx, node, command, ("Assume-Yes",), ("/etc/apt",)
    )


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for command, invocation in invocations(ctx, node, ("apt",), _CONFIRMING, ("apt-get",)):
        if not _assume_yes(ctx, node, command, invocation):
            yield ctx.report(
                program_span(command), program=invocation.program, action=invocation.action
            )
