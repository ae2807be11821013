"""A script is downloaded and run in one go, with nothing checking what arrived.

Checked: `curl`/`wget` output piped into a shell or an interpreter (`sh`, `bash`,
`zsh`, `python`, `perl`, `ruby`, `node`, `php`) that reads the program from its
standard input, and the forms `sh -c "$(curl ...)"` and `bash <(curl ...)`.

## Why is this bad?

Whatever the server sends is executed as the build user, usually root: a compromised
download site, a hijacked domain or a changed script changes the image without any
change to the Dockerfile, and the build cannot be reproduced. A script cut off in
transit may even run half-way. Download to a file, check it against a pinned
checksum (or a signature), then run it.

## Example

```dockerfile
FROM debian:12
RUN curl -fsSL https://get.example.com/install.sh | sh
```

## Use instead

```dockerfile
FROM debian:12
ARG INSTALL_SHA256=0f343b0931126a20f133d67c2b018a3b5a1f7f9f8c3d5e2a4b6c8d0e2f4a6b8c
RUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \
 && echo "${INSTALL_SHA256}  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh && rm /tmp/install.sh
```

## Fix

None.

## References

- [CWE-494: Download of Code Without Integrity Check](https://cwe.mitre.org/data/definitions/494.html)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from layerlint.findings import Finding, Severity
from layerlint.lazy_re import lazy_compile
from layerlint.model.options import command_options
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

if TYPE_CHECKING:
    from layerlint.model.shell import SimpleCommand

RULE = Rule(
    code="LL4003",
    name="download-piped-to-shell",
    severity=Severity.WARNING,
    message="{downloader} output is run by {interpreter} unchecked; download to a file,"
    " verify its checksum or signature, then run it",
    visits=("RUN",),
    tags=("security", "supply-chain"),
    security_severity=6.5,
)

_SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"})
_INTERPRETERS = frozenset({"python", "python2", "python3", "perl", "ruby", "node", "php"})
_DOWNLOADERS = frozenset({"curl", "wget"})
# `"$(curl ...)"`, `` `wget -qO- ...` `` and `<(curl ...)` in an argument.
_SUBSTITUTED = lazy_compile(r"(?:\$\(|`|<\()\s*(?:\S*/)?(curl|wget)\b")
_CURL_FILE_OPTIONS = ("-o", "--output", "-O", "--remote-name", "--remote-name-all")


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    script = ctx.model.script(node)
    if script is None:
        return
    for pipeline in script.pipelines():
        downloader = next((c for c in pipeline[:-1] if _writes_download(c)), None)
        if downloader is None:
            continue
        for command in pipeline[pipeline.index(downloader) + 1 :]:
            if _runs_stdin(command):
                yield ctx.report(
                    command.argv_words[0].span,
                    downloader=downloader.name,
                    interpreter=command.name,
                )
                break
    for command in script.commands:
        if command.name not in _SHELLS and command.name not in _INTERPRETERS:
            continue
        for word in command.args:
            match = _SUBSTITUTED.search(word.raw)
            if match:
                yield ctx.report(word.span, downloader=match.group(1), interpreter=command.name)
                break


def _writes_download(command: SimpleCommand) -> bool:
    """curl or wget writing what it downloads to standard output."""
    if command.name == "curl":
        return not command_options(command, frozenset({"-o", "--output"})).has(*_CURL_FILE_OPTIONS)
    if command.name == "wget":
        options = command_options(command, frozenset({"-O", "--output-document"}))
        return options.value("-O", "--output-document") == "-"
    return False


def _runs_stdin(command: SimpleCommand) -> bool:
    """A shell or interpreter that takes its program from standard input."""
    name = command.name
    if name not in _SHELLS and name not in _INTERPRETERS:
        return False
    for word in command.args:
        value = word.value
        if value is None:
            return False
        if value in ("-", "--", "-s"):
            return True
        if value.startswith("-"):
            if name in _SHELLS and "c" in value[1:] and not value.startswith("--"):
                return False  # `sh -c 'script'` runs its argument, not the download
            if name in _INTERPRETERS and value in ("-c", "-e", "-m", "-r"):
                return False
            continue
        return False  # a script file: the download is its input, not its program
    return True
