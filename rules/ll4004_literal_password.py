"""A RUN sets a password that is written literally in the Dockerfile.

Checked: `chpasswd` fed by `echo`/`printf` or a here-string, `passwd` fed the same
way (`passwd --stdin` included), `useradd`/`usermod -p HASH`, `openssl passwd ...
PASSWORD` and `htpasswd -b FILE USER PASSWORD`, when the password is a literal (or an
ARG or ENV default written in the file). Locked-account markers such as `-p '*'` are
not passwords.

## Why is this bad?

The Dockerfile lives in version control and the command line of every RUN is kept in
the image history (`docker history --no-trunc`): everyone who can pull the image or
read the repository has the password, and it is the same in every container started
from the image. A password hash is no better, since it can be cracked offline. Set
passwords at run time (an entrypoint reading a secret), or pass them to the build as
a secret (`RUN --mount=type=secret`), which is not stored in the image.

## Example

```dockerfile
FROM debian:12
RUN useradd -m app && echo "app:changeme" | chpasswd
```

## Use instead

```dockerfile
FROM debian:12
RUN --mount=type=secret,id=app_password \
    useradd -m app && printf 'app:%s\\n' "$(cat /run/secrets/app_password)" | chpasswd
```

## Fix

None.

## References

- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
- [Docker build secrets](https://docs.docker.com/build/building/secrets/)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from layerlint.findings import Finding, Severity
from layerlint.model.options import command_options
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

if TYPE_CHECKING:
    from layerlint.model.shell import ShellWord, SimpleCommand

RULE = Rule(
    code="LL4004",
    name="literal-password",
    severity=Severity.ERROR,
    message="a literal password for {what} is kept in the Dockerfile and the image"
    " history; set it at run time or pass it as a build secret",
    visits=("RUN",),
    tags=("security", "secrets"),
    security_severity=8.0,
)

_LOCKED = frozenset({"", "*", "!", "!!", "x", "!*"})
_ECHOES = frozenset({"echo", "printf"})
_USER_VALUE_OPTIONS = frozenset(
    {"-p", "--password", "-u", "--uid", "-g", "--gid", "-G", "--groups", "-d",
     "--home-dir", "-s", "--shell", "-c", "--comment", "-e", "--expiredate", "-f",
     "--inactive", "-k", "--skel", "-K", "--key", "-R", "--root", "-l", "--login"}
)  # fmt: skip


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    script = ctx.model.script(node)
    if script is None:
        return
    for pipeline in script.pipelines():
        for position, command in enumerate(pipeline[1:], start=1):
            if _reads_password(command):
                word = _literal_echo(pipeline[position - 1])
                if word is not None:
                    yield ctx.report(word.span, what=command.name)
    for command in script.commands:
        word = _literal_argument(command)
        if word is not None:
            yield ctx.report(word.span, what=command.name)


def _reads_password(command: SimpleCommand) -> bool:
    return command.name in ("chpasswd", "passwd")


def _literal_echo(command: SimpleCommand) -> ShellWord | None:
    """The first known, non-option argument of an `echo`/`printf` (None otherwise)."""
    if command.name not in _ECHOES:
        return None
    operands = [word for word in command.args if not (word.value or "").startswith("-")]
    if not operands or any(word.value is None for word in operands):
        return None
    return operands[0] if operands[0].value else None


def _literal_argument(command: SimpleCommand) -> ShellWord | None:
    name = command.name
    if name in ("chpasswd", "passwd"):
        for redirect in command.redirects:
            target = redirect.target
            if redirect.operator == "<<<" and target is not None and target.value:
                return target
        return None
    if name in ("useradd", "usermod", "adduser"):
        options = command_options(command, _USER_VALUE_OPTIONS)
        word = options.word("-p", "--password")
        value = options.value("-p", "--password")
        if word is None or value is None or value in _LOCKED:
            return None
        password = _value_word(command, word)
        return password if password is not None and password.value is not None else None
    if name == "openssl" and command.args and command.args[0].value == "passwd":
        operands = command_options(command, frozenset({"-salt", "-in"})).operands[1:]
        if operands and all(word.value is not None for word in operands):
            return operands[-1]
        return None
    if name == "htpasswd":
        options = command_options(command)
        if options.has("-b") and len(options.operands) >= 3 and options.operands[-1].value:
            return options.operands[-1]
    return None


def _value_word(command: SimpleCommand, option: ShellWord) -> ShellWord | None:
    """The word holding an option's value: the option word itself (`-pHASH`,
    `--password=HASH`) or the next one."""
    text = option.value or ""
    if text not in ("-p", "--password"):
        return option
    args = command.args
    for index, word in enumerate(args[:-1]):
        if word is option:
            return args[index + 1]
    return None
