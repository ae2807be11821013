"""A package manager is told to install packages without checking their signatures.

Checked: `apt-get --allow-unauthenticated`, `--force-yes` and
`--allow-insecure-repositories` (and the same as `-o APT::...` settings), apt
sources marked `[trusted=yes]`, `apk --allow-untrusted`, `rpm --nosignature` and
`--nodigest`, `yum`/`dnf`/`microdnf`/`tdnf --nogpgcheck` and `gpgcheck=0` settings
(`--setopt`, or written into a `.repo` file), and `zypper --no-gpg-checks`.
Not reported for packages a stage of the same build made and this RUN reads through
a bind mount of that stage (`RUN --mount=type=bind,from=builder,target=/pkgs`): no
repository or transfer stands between their build and their install.

## Why is this bad?

Package signatures are what proves that a package comes from the distribution or
vendor and was not altered on a mirror, a proxy or in transit. Without the check any
package served to the build is installed as root, and the image ships whatever it
contains. When a repository's key is missing, import that key (`gpg --dearmor` into
`/etc/apt/keyrings` with `signed-by=`, `rpm --import`, `apk` keys in
`/etc/apk/keys`) instead of switching the check off.

## Example

```dockerfile
FROM alpine:3.20
COPY packages/ /tmp/packages/
RUN apk add --no-cache --allow-untrusted /tmp/packages/tool-1.2.apk
```

## Use instead

```dockerfile
FROM alpine:3.20
COPY packages/ /tmp/packages/
COPY keys/builder.rsa.pub /etc/apk/keys/
RUN apk add --no-cache /tmp/packages/tool-1.2.apk
```

## Fix

None.

## References

- [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
- [Debian wiki: SecureApt](https://wiki.debian.org/SecureApt)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from layerlint.findings import Finding, Severity
from layerlint.lazy_re import lazy_compile
from layerlint.model.options import command_options
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

if TYPE_CHECKING:
    from layerlint.model.shell import ShellWord, SimpleCommand

RULE = Rule(
    code="LL4002",
    name="signature-verification-disabled",
    severity=Severity.WARNING,
    message="{what} installs packages without checking their signatures; import the"
    " repository's signing key instead",
    visits=("RUN",),
    tags=("security", "supply-chain"),
    security_severity=7.5,
)

# Options that skip signature checks, by program.
_OPTIONS: dict[str, tuple[str, ...]] = {
    "apt-get": ("--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories"),
    "apt": ("--allow-unauthenticated", "--allow-insecure-repositories"),
    "aptitude": ("--allow-untrusted",),
    "apk": ("--allow-untrusted",),
    "rpm": ("--nosignature", "--nodigest", "--nogpgcheck"),
    "yum": ("--nogpgcheck", "--no-gpgcheck"),
    "dnf": ("--nogpgcheck", "--no-gpgcheck"),
    "dnf5": ("--nogpgcheck", "--no-gpgcheck"),
    "microdnf": ("--nogpgcheck", "--no-gpgcheck"),
    "tdnf": ("--nogpgcheck",),
    "zypper": ("--no-gpg-checks",),
}
# Settings that do the same, wherever they are written (an option value, a line
# echoed into a configuration file, a sed expression).
_SETTINGS = lazy_compile(
    r"\b(?:repo_)?gpgcheck\s*=\s*(?:0|false|no|off)\b"
    r"|AllowUnauthenticated\W*(?:true|1|yes)\b"
    r"|Allow(?:DowngradeTo)?InsecureRepositories\W*(?:true|1|yes)\b"
    # No `[` inside the brackets: each `[` starts one short attempt (linear time).
    r"|\[(?:[^\[\]]*\s)?trusted=yes[\s\]]",
    re.I,
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for command in ctx.model.commands(node):
        word = _option_word(command)
        if word is not None and _built_in_this_build(ctx, node, command):
            continue
        if word is not None:
            yield ctx.report(word.span, what=f"{command.name} {word.text}")
            continue
        for argument in command.args:
            text = argument.value or ""
            if _SETTINGS.search(text):
                yield ctx.report(argument.span, what=_shorten(text))
                break


def _option_word(command: SimpleCommand) -> ShellWord | None:
    name = command.name or ""
    options = _OPTIONS.get(name)
    if options is None:
        return None
    return command_options(command).word(*options)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _built_in_this_build(ctx: Context, node: Run, command: SimpleCommand) -> bool:
    """Whether every package the command installs is a file under a bind mount of a
    stage of this Dockerfile (built in this build, not downloaded)."""
    invocation = ctx.model.package_command(command)
    if invocation is None or not invocation.operands:
        return False
    targets = [
        mount.target.rstrip("/") + "/"
        for mount in ctx.model.mounts(node)
        if mount.type == "bind"
        and mount.target is not None
        and ctx.model.stage_named(mount.options.get("from", "")) is not None
    ]
    for operand in invocation.operands:
        # The part before any expansion: `/pkgs/module-${NAME}.apk` is still under /pkgs.
        path = operand.value if operand.value is not None else operand.literal.split("$")[0]
        if not any(path.startswith(target) for target in targets):
            return False
    return True
