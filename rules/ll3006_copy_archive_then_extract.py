"""A tar archive is copied into the image and extracted by a later RUN.

## Why is this bad?

The COPY adds the archive to one layer and the RUN adds its extracted contents to
another: the image carries both, even when the RUN deletes the archive afterwards
(a deleted file still ships in the earlier layer). `ADD` unpacks a local tar archive
(plain, gzip, bzip2 or xz) straight into the destination in a single layer.

Only tar archives are reported, since ADD does not unpack zip files, and only when
ADD can do the same as the RUN: not when `tar` picks members, strips path components,
excludes files or writes to standard output. Build-only stages (stages the image
does not ship) are not reported: neither layer reaches the image.

## Example

```dockerfile
FROM debian:12
COPY app-1.4.tar.gz /tmp/
RUN tar -xzf /tmp/app-1.4.tar.gz -C /opt && rm /tmp/app-1.4.tar.gz
```

## Use instead

```dockerfile
FROM debian:12
ADD app-1.4.tar.gz /opt/
```

## Fix

None.

## References

- [Dockerfile reference: ADD](https://docs.docker.com/reference/dockerfile/#add)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from layerlint.findings import Finding, Severity
from layerlint.model.options import command_options, parse_options
from layerlint.model.paths import is_tar_archive_name
from layerlint.nodes import Copy, Run, Word
from layerlint.rule import Context, Rule

from ._stage_order import after

if TYPE_CHECKING:
    from layerlint.model.shell import SimpleCommand

RULE = Rule(
    code="LL3006",
    name="copy-archive-then-extract",
    severity=Severity.INFO,
    message="{archive} is copied here and extracted on line {line}, so the image keeps"
    " both; ADD it to the target directory to unpack it in one layer",
    visits=("COPY",),
    tags=("layers", "size"),
    aliases=("DL3010",),
    visits_onbuild=False,
)

_TAR_VALUE_OPTIONS = frozenset(
    {"-f", "--file", "-C", "--directory", "-b", "--blocking-factor", "-H", "--format",
     "-I", "--use-compress-program", "--owner", "--group", "--mode", "-T", "--files-from",
     "-X", "--exclude-from", "--exclude", "--strip-components", "--transform"}
)  # fmt: skip
# What ADD cannot do: choose members, rename, exclude, or stream to stdout.
_ADD_CANNOT = (
    "--strip-components", "--exclude", "--exclude-from", "-X", "--wildcards", "--transform",
    "-T", "--files-from", "-O", "--to-stdout", "--to-command", "-K", "--starting-file",
)  # fmt: skip
_DECOMPRESSORS = frozenset({"gunzip", "bunzip2", "unxz", "unzstd", "unlzma"})


def check(node: Copy, ctx: Context) -> Iterator[Finding]:
    if node.flag("from") is not None or node.destination is None or node.heredocs:
        return
    stage = ctx.model.stage_of(node)
    if stage is not None and not stage.ships:
        return  # a build-only stage: neither copy reaches the image
    archives = _archives(node)
    if not archives:
        return
    for later in after(node, ctx):
        if not isinstance(later, Run):
            continue
        for command in ctx.model.commands(later):
            extracted = _extracted_name(command)
            if extracted is not None and extracted in archives:
                word = archives.pop(extracted)
                yield ctx.report(word.span, archive=word.text, line=command.span.line)
        if not archives:
            return


def _archives(node: Copy) -> dict[str, Word]:
    """Basename of each archive this COPY puts in the image → the word naming it.

    Raw text (quotes stripped, escapes kept) so that Windows paths keep their
    separators.
    """
    assert node.destination is not None
    found: dict[str, Word] = {}
    destination = _basename(node.destination.text.strip("\"'"))
    if is_tar_archive_name(destination):
        found[destination] = node.sources[0]
    for word in node.sources:
        name = _basename(word.text.strip("\"'"))
        if is_tar_archive_name(name) and not any(c in name for c in "$*?["):
            found[name] = word
    return found


def _extracted_name(command: SimpleCommand) -> str | None:
    """Basename of the tar archive a command unpacks whole, if it does."""
    name = command.name
    if name in _DECOMPRESSORS or (
        name in ("xz", "gzip", "bzip2", "zstd") and _decompresses(command)
    ):
        operands = [w for w in command.args if not (w.value or "").startswith("-")]
        if len(operands) == 1 and operands[0].value is not None:
            return _basename(operands[0].value)
        return None
    if name != "tar":
        return None
    args = command.args
    if args and args[0].value and not args[0].value.startswith("-"):
        # Old-style `tar xzf archive`: the first word is a cluster of option letters.
        letters = args[0].value
        if "x" not in letters or not letters.isalpha():
            return None
        rest = args[1:]
        if "f" not in letters or not rest or rest[0].value is None:
            return None
        options = parse_options(rest[1:], _TAR_VALUE_OPTIONS)
        archive = rest[0].value
        extra = options.operands
    else:
        options = command_options(command, _TAR_VALUE_OPTIONS)
        if not options.has("-x", "--extract", "--get"):
            return None
        archive = options.value("-f", "--file")
        extra = list(options.operands)
        if archive is None and extra and extra[0].value is not None:
            archive = extra.pop(0).value
    if archive is None or options.has(*_ADD_CANNOT) or extra:
        return None
    return _basename(archive)


def _decompresses(command: SimpleCommand) -> bool:
    return command_options(command).has("-d", "--decompress")


def _basename(path: str) -> str:
    """The file name, for POSIX and Windows separators alike."""
    return path.rstrip("/\\").replace("\\", "/").rsplit("/", 1)[-1]
