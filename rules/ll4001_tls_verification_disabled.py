"""A build step turns off TLS certificate verification.

Checked: `curl -k`/`--insecure`, `wget --no-check-certificate`, `pip --trusted-host`
and `pip config set ... trusted-host`, npm/yarn/pnpm `strict-ssl false`,
`git config http.sslVerify false` and `git -c http.sslVerify=false`,
`conda config --set ssl_verify false`, `composer config disable-tls true`,
`sslverify=0` for yum/dnf, apt's `Verify-Peer`/`Verify-Host false`, and the
variables `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY`, `PIP_TRUSTED_HOST`,
`PYTHONHTTPSVERIFY=0`, `NPM_CONFIG_STRICT_SSL=false` and `GOINSECURE`, whether set
by ENV, by an ARG default or in the RUN itself.

## Why is this bad?

Without certificate verification anyone between the build machine and the server (a
compromised proxy, a hostile network, DNS spoofing) can answer in the server's name
and hand the build any file or package: the image then runs code nobody reviewed.
Builds run on shared CI networks and are rarely watched, which makes them a good
target. Fix the cause instead: install the CA certificates (`ca-certificates`, or
your company's CA with `COPY` and `update-ca-certificates`) or point the tool at the
right CA bundle (`--cacert`, `PIP_CERT`, `NODE_EXTRA_CA_CERTS`).

## Example

```dockerfile
FROM node:20-slim
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
RUN curl -kfsSLo /tmp/tool.tgz https://downloads.example.com/tool.tgz
```

## Use instead

```dockerfile
FROM node:20-slim
COPY corporate-ca.crt /usr/local/share/ca-certificates/
RUN update-ca-certificates
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/corporate-ca.crt
RUN curl -fsSLo /tmp/tool.tgz https://downloads.example.com/tool.tgz
```

## Fix

None.

## References

- [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)
- [curl: SSL certificate verification](https://curl.se/docs/sslcerts.html)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from layerlint.findings import Finding, Severity, Span
from layerlint.lazy_re import lazy_compile
from layerlint.model.options import command_options
from layerlint.model.shell import environment_index
from layerlint.nodes import Arg, Env, Run
from layerlint.rule import Context, Rule

if TYPE_CHECKING:
    from layerlint.model.packages import PackageCommand
    from layerlint.model.shell import ShellWord, SimpleCommand

RULE = Rule(
    code="LL4001",
    name="tls-verification-disabled",
    severity=Severity.WARNING,
    message="{what} turns off TLS certificate verification, so anyone on the network can"
    " feed the build; install the right CA certificates instead",
    visits=("RUN", "ENV", "ARG"),
    tags=("security", "supply-chain"),
    security_severity=7.0,
)

# Variables that turn verification off, with the values that do it.
_VARIABLES: dict[str, Callable[[str], bool]] = {
    "NODE_TLS_REJECT_UNAUTHORIZED": lambda value: value.strip() == "0",
    "GIT_SSL_NO_VERIFY": lambda value: True,  # git only checks that it is set
    "PIP_TRUSTED_HOST": lambda value: bool(value.strip()),
    "PYTHONHTTPSVERIFY": lambda value: value.strip() == "0",
    "NPM_CONFIG_STRICT_SSL": lambda value: value.strip().lower() == "false",
    "npm_config_strict_ssl": lambda value: value.strip().lower() == "false",
    "GOINSECURE": lambda value: bool(value.strip()),
}
_CURL_VALUE_OPTIONS = frozenset(
    {"-o", "--output", "-u", "--user", "-H", "--header", "-d", "--data", "-X", "--request",
     "-A", "--user-agent", "-e", "--referer", "-T", "--upload-file", "-x", "--proxy",
     "-w", "--write-out", "-m", "--max-time", "-r", "--range", "-b", "--cookie", "-c",
     "--cookie-jar", "-F", "--form", "-E", "--cert", "--cacert", "--retry", "-z",
     "--connect-timeout", "--output-dir", "-K", "--config", "-Y", "-y", "-C"}
)  # fmt: skip
_OFF = ("false", "0", "no", "off")
_SSLVERIFY_OFF = lazy_compile(r"\bsslverify\s*=\s*(?:0|false|no|off)\b", re.I)
_APT_VERIFY_OFF = lazy_compile(r"Verify-(?:Peer|Host)\b\W*(?:false|0|no)\b", re.I)


def check(node: Run | Env | Arg, ctx: Context) -> Iterator[Finding]:
    if isinstance(node, Run):
        yield from _run(node, ctx)
        return
    if isinstance(node, Env):
        pairs = [(pair.key, pair.value) for pair in node.pairs]
    else:
        pairs = [(d.name, d.default) for d in node.declarations if d.default is not None]
    for key, word in pairs:
        name = ctx.model.unquote(key)
        value = ctx.model.expand(word, node) if word is not None else None
        if name in _VARIABLES and value is not None and _VARIABLES[name](value):
            yield ctx.report(key.span, what=f"{name}={value}")


def _run(node: Run, ctx: Context) -> Iterator[Finding]:
    previous: Mapping[str, str | None] = ctx.model.state_variables(ctx.model.state_at(node))
    for command in ctx.model.commands(node):
        found = _command_problem(command, ctx)
        if found is not None:
            span, what = found
            yield ctx.report(span, what=what)
        yield from _variables_set(command, previous, ctx)
        previous = environment_index(command.environment)


def _variables_set(
    command: SimpleCommand, previous: Mapping[str, str | None], ctx: Context
) -> Iterator[Finding]:
    """Variables that this command sets (prefix or export) to an insecure value."""
    assigned = {name: word for name, word in command.assignments}
    for name, test in _VARIABLES.items():
        value = command.env(name)
        if value is None or not test(value):
            continue
        if name in assigned:
            word = assigned[name]
            span = word.span if word is not None else command.span
        elif previous.get(name) != value:
            span = command.span  # `export NAME=value`, or a plain assignment before it
        else:
            continue
        yield ctx.report(span, what=f"{name}={value}")


def _command_problem(command: SimpleCommand, ctx: Context) -> tuple[Span, str] | None:
    name = command.name
    if name == "curl":
        options = command_options(command, _CURL_VALUE_OPTIONS)
        word = options.word("-k", "--insecure", "--proxy-insecure")
        return (word.span, f"curl {word.text}") if word is not None else None
    if name == "wget":
        word = command_options(command).word("--no-check-certificate")
        return (word.span, "wget --no-check-certificate") if word is not None else None
    if name == "git":
        return _git(command)
    invocation = ctx.model.package_command(command)
    if invocation is not None:
        found = _package_manager(command, invocation)
        if found is not None:
            return found
    for word in command.args:
        text = word.value or ""
        if _SSLVERIFY_OFF.search(text):
            return word.span, text
        if _APT_VERIFY_OFF.search(text):
            return word.span, text
    return None


def _package_manager(command: SimpleCommand, invocation: PackageCommand) -> tuple[Span, str] | None:
    manager = invocation.manager
    settings = _config_settings(invocation.action, invocation.operands)
    if manager == "pip":
        word = invocation.option_words.get("--trusted-host")
        if word is not None:
            return word.span, "pip --trusted-host"
        for key, value_word, _ in settings:
            if key.endswith("trusted-host"):
                return value_word.span, f"pip config {key}"
    elif manager in ("npm", "yarn", "pnpm"):
        word = invocation.option_words.get("--strict-ssl")
        values = invocation.option_values.get("--strict-ssl", [])
        if word is not None and values and values[-1].lower() in _OFF:
            return word.span, f"{manager} --strict-ssl=false"
        if invocation.option_words.get("--no-strict-ssl") is not None:
            return invocation.option_words["--no-strict-ssl"].span, f"{manager} --no-strict-ssl"
        for key, value_word, value in settings:
            if key == "strict-ssl" and value.lower() in _OFF:
                return value_word.span, f"{manager} config strict-ssl {value}"
    elif manager == "conda":
        for key, value_word, value in _set_options(command):
            if key == "ssl_verify" and value.lower() in _OFF:
                return value_word.span, f"conda config ssl_verify {value}"
    elif manager == "composer":
        for key, value_word, value in settings:
            if (key, value.lower()) in (("disable-tls", "true"), ("secure-http", "false")):
                return value_word.span, f"composer config {key} {value}"
    return None


def _config_settings(action: str, operands: list[ShellWord]) -> list[tuple[str, ShellWord, str]]:
    """(key, word holding the value, value) of `config set KEY VALUE`, `set KEY=VALUE`
    and composer's `config KEY VALUE`."""
    words = list(operands)
    if action == "config" and words and words[0].value == "set":
        words = words[1:]
    elif action not in ("set", "config"):
        return []
    if not words or words[0].value is None:
        return []
    key, equals, value = words[0].value.partition("=")
    if equals:
        return [(key, words[0], value)]
    if len(words) > 1 and words[1].value is not None:
        return [(key, words[1], words[1].value)]
    return []


def _set_options(command: SimpleCommand) -> list[tuple[str, ShellWord, str]]:
    """`--set KEY VALUE` pairs (conda config)."""
    args = command.args
    found = []
    for index, word in enumerate(args[:-2]):
        if word.value == "--set" and args[index + 1].value and args[index + 2].value is not None:
            found.append(
                (args[index + 1].value or "", args[index + 2], args[index + 2].value or "")
            )
    return found


def _git(command: SimpleCommand) -> tuple[Span, str] | None:
    args = command.args
    for index, word in enumerate(args):
        value = (word.value or "").lower()
        if value == "-c" and index + 1 < len(args):
            setting = (args[index + 1].value or "").lower()
            key, _, setting_value = setting.partition("=")
            if _is_ssl_verify(key) and setting_value in _OFF:
                return args[index + 1].span, f"git -c {args[index + 1].text}"
        if _is_ssl_verify(value) and index + 1 < len(args):
            setting_value = (args[index + 1].value or "").lower()
            if setting_value in _OFF and "config" in (w.value for w in args[:index]):
                return args[index + 1].span, f"git config {word.text} {args[index + 1].text}"
    return None


def _is_ssl_verify(key: str) -> bool:
    """`http.sslverify` or `http.<url>.sslverify` (git keys are case-insensitive)."""
    return key.startswith("http.") and key.endswith(".sslverify")
