"""What known commands and COPY/ADD do to files: the model's command table.

`command_effects` returns the effects of one simple command, or None when the
command is not in the table (unknown effects). `copy_effects` does the same for COPY
and ADD. Only certain facts are recorded: an argument whose value is unknown, or a
relative path in an unknown directory, produces nothing.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..findings import Span
from ..lazy_re import lazy_compile
from ..nodes import Add, Copy, Run
from ..words import parse_heredoc_marker
from .fs import CREATED, DELETED, MODIFIED, PACKAGE_PREFIX, Effect
from .shell import MAX_SCRIPT_NESTING, inline_script

if TYPE_CHECKING:
    from . import Model
    from .packages import PackageCommand
    from .shell import ShellWord, SimpleCommand

Handler = Callable[["_Call"], "list[Effect] | None"]

_URL = lazy_compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")
_ARCHIVE = lazy_compile(
    r"\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma)\Z", re.I
)
_FILE_LIKE = lazy_compile(r"[^/]\.[A-Za-z0-9]{1,8}\Z")  # searched: linear
# Single-file compression that may hold a tar archive (ADD unpacks it when it does).
_COMPRESSED = lazy_compile(r"\.(gz|bz2|xz|zst|lz|lzma)\Z", re.I)


def is_tar_archive_name(name: str) -> bool:
    """Whether a file name is that of a tar archive, which ADD unpacks."""
    return _ARCHIVE.search(name) is not None


def may_be_tar_archive_name(name: str) -> bool:
    """A tar archive, or a compressed file that may be one (`.gz`, `.xz` ...)."""
    return is_tar_archive_name(name) or _COMPRESSED.search(name) is not None


_TMP_DIRS = ("/tmp", "/var/tmp")
_DOC_DIRS = (
    "/usr/share/doc",
    "/usr/share/man",
    "/usr/share/info",
    "/usr/share/locale",
    "/usr/share/i18n/locales",
    "/usr/share/gtk-doc",
    "/usr/share/help",
)
_CACHE_DIRS = (
    "/var/cache",
    "/root/.cache",
    "/var/lib/apt/lists",
    "/root/.npm",
    "/usr/local/share/.cache",
    "/var/lib/yum",
    "/var/lib/dnf/repos",
)


def classify(path: str, home: str | None = None) -> str | None:
    """The kind of a path that cleanup commands remove: cache, package-index, tmp, docs."""

    def under(directory: str) -> bool:
        return path == directory or path.startswith(directory.rstrip("/") + "/")

    if under("/var/lib/apt/lists"):
        return "package-index"
    if any(under(directory) for directory in _TMP_DIRS):
        return "tmp"
    if any(under(directory) for directory in _DOC_DIRS):
        return "docs"
    if any(under(directory) for directory in _CACHE_DIRS):
        return "cache"
    if home and (under(home.rstrip("/") + "/.cache") or under(home.rstrip("/") + "/.npm")):
        return "cache"
    if "/.cache/" in path + "/" or path.endswith("/__pycache__") or "/__pycache__/" in path:
        return "cache"
    return None


_CACHE_NAMES = ("*.pyc", "*.pyo", "__pycache__", "*.py[co]", "*.pyc[o]")


def classify_name(name: str) -> str | None:
    """The kind of files a name pattern selects (`find -name '*.pyc'`): cache or None."""
    return "cache" if name in _CACHE_NAMES else None


def _wrappers(command: SimpleCommand) -> set[str]:
    """Programs a command runs through (`sudo -u` when sudo switches user)."""
    count = len(command.words) - len(command.argv_words)
    found: set[str] = set()
    for word in command.words[:count]:
        value = word.value or ""
        name = posixpath.basename(value)
        if name in ("gosu", "su-exec", "chroot", "sudo"):
            found.add(name)
        elif value in ("-u", "--user") or value.startswith("--user="):
            found.add("sudo -u")
    return found


class _Call:
    """One simple command with the helpers handlers need."""

    def __init__(self, model: Model, run: Run, command: SimpleCommand) -> None:
        self.model = model
        self.run = run
        self.command = command
        self.words = command.argv_words
        wrappers = _wrappers(command)
        switches_user = bool(wrappers & {"gosu", "su-exec", "sudo -u"})
        if switches_user:
            # `gosu node npm ...` runs with node's home, unknown unless set on the command.
            explicit = [word for key, word in command.assignments if key == "HOME"]
            self.home = explicit[-1].value if explicit and explicit[-1] is not None else None
        else:
            self.home = command.env("HOME") or model.home_at(run)

    @property
    def args(self) -> tuple[ShellWord, ...]:
        return self.words[1:]

    def describe(self) -> str:
        text = " ".join(word.text for word in self.words)
        return text if len(text) <= 80 else text[:77] + "..."

    def resolve(self, word: ShellWord) -> str | None:
        """Absolute, normalised path of an argument (None when unknown)."""
        value = word.value
        if value is None or value == "":
            return None
        return self.resolve_text(value)

    def resolve_text(self, value: str) -> str | None:
        if value.startswith("~"):
            if self.home is None:
                return None
            value = self.home + value[1:]
        if not value.startswith("/"):
            if self.command.cwd is None:
                return None
            value = posixpath.join(self.command.cwd, value)
        trailing = value.endswith("/") and len(value) > 1
        normal = posixpath.normpath(value)
        if normal.startswith("//"):
            normal = "/" + normal.lstrip("/")
        return normal + ("/" if trailing and not normal.endswith("/") else "")

    def effect(self, kind: str, word: ShellWord, path: str, **details: object) -> Effect:
        clean = path.rstrip("/") or "/"
        return Effect(
            kind, clean, word, self.describe, home=self.home, action=self.command.name, **details
        )  # type: ignore[arg-type]

    def effect_at(self, kind: str, path: str, **details: object) -> Effect:
        """An effect whose evidence is the whole command (package managers)."""
        clean = path.rstrip("/") or "/"
        return Effect(
            kind,
            clean,
            self.command,
            self.describe,
            home=self.home,
            action=self.command.name,
            **details,
        )  # type: ignore[arg-type]


def _options(
    words: tuple[ShellWord, ...], with_values: frozenset[str] = frozenset()
) -> tuple[set[str], list[ShellWord], dict[str, ShellWord]]:
    """Split arguments into option letters/names, operands and option values."""
    flags: set[str] = set()
    operands: list[ShellWord] = []
    values: dict[str, ShellWord] = {}
    index = 0
    only_operands = False
    while index < len(words):
        word = words[index]
        value = word.value
        if value is None:
            operands.append(word)
            index += 1
            continue
        if only_operands or not value.startswith("-") or value == "-":
            operands.append(word)
        elif value == "--":
            only_operands = True
        elif value.startswith("--"):
            name, equals, _ = value.partition("=")
            flags.add(name)
            if name in with_values and not equals and index + 1 < len(words):
                values[name] = words[index + 1]
                index += 1
        else:
            letters = value[1:]
            for position, letter in enumerate(letters):
                flags.add("-" + letter)
                if "-" + letter in with_values:
                    if position + 1 < len(letters):
                        break
                    if index + 1 < len(words):
                        values["-" + letter] = words[index + 1]
                        index += 1
                    break
        index += 1
    return flags, operands, values


# ---------------------------------------------------------------------------
# File commands


def _rm(call: _Call) -> list[Effect]:
    flags, operands, _ = _options(call.args)
    recursive = bool(flags & {"-r", "-R", "--recursive"})
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is None:
            continue
        effects.append(call.effect(DELETED, word, path, recursive=recursive, pattern=word.glob))
    return effects


def _rmdir(call: _Call) -> list[Effect]:
    _, operands, _ = _options(call.args)
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None:
            effects.append(call.effect(DELETED, word, path, pattern=word.glob))
    return effects


def _mkdir(call: _Call) -> list[Effect]:
    _, operands, _ = _options(call.args, frozenset({"-m", "--mode", "--context"}))
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None and not word.glob:
            effects.append(call.effect(CREATED, word, path))
    return effects


def _touch(call: _Call) -> list[Effect]:
    _, operands, _ = _options(call.args, frozenset({"-d", "-r", "-t", "--date", "--reference"}))
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None and not word.glob:
            effects.append(call.effect(CREATED, word, path))
    return effects


_TARGET_OPTIONS = frozenset({"-t", "--target-directory", "-S", "--suffix"})


def _short(value: str) -> bool:
    """`-xyz`: short options, not `--long`."""
    return value.startswith("-") and not value.startswith("--")


def _destination(call: _Call, operands: list[ShellWord]) -> tuple[str | None, bool]:
    """Target of cp/mv/ln: (path, is_directory). A directory: written with a trailing
    slash, the target of several sources, a standard directory, the working
    directory, or a directory that `mkdir` makes in the same RUN (`mkdir -p /out &&
    mv app /out`)."""
    target = call.resolve(operands[-1])
    if target is None:
        return None, False
    path = target.rstrip("/") or "/"
    is_directory = (
        target.endswith("/")
        or len(operands) > 2
        or path in _EXISTING_DIRECTORIES
        or path == call.command.cwd
        or path in _made_directories(call.model, call.run)
    )
    return path, is_directory


def _made_directories(model: Model, run: Run) -> frozenset[str]:
    """Paths that `mkdir` creates anywhere in a RUN (computed once per RUN)."""

    def compute() -> frozenset[str]:
        made: set[str] = set()
        for command in model.commands(run):
            if command.name == "mkdir" and command.certain:
                for effect in _mkdir(_Call(model, run, command)):
                    made.add(effect.path)
        return frozenset(made)

    return model.memo(("made-directories", id(run)), compute)


def _copy_like(call: _Call, move: bool) -> list[Effect]:
    """cp and mv. A directory copied with -r/-a, or anything moved, arrives with what
    is inside it; `SRC/.` and a glob put their files into the target itself."""
    flags, operands, values = _options(call.args, _TARGET_OPTIONS)
    recursive = move or bool(flags & {"-r", "-R", "-a", "--recursive", "--archive"})
    target_word = values.get("-t") or values.get("--target-directory")
    if target_word is not None:
        target = call.resolve(target_word)
        sources = operands
        is_directory = True
    else:
        if len(operands) < 2:
            return []
        target, is_directory = _destination(call, operands)
        sources = operands[:-1]
        target_word = operands[-1]
    effects: list[Effect] = []
    for word in sources:
        source = call.resolve(word)
        if move and source is not None:
            effects.append(call.effect(DELETED, word, source, recursive=True, pattern=word.glob))
        if target is None:
            continue
        value = word.value or ""
        into_target = value == "." or value.endswith("/.") or (word.glob and is_directory)
        if into_target:
            if recursive or word.glob:
                effects.append(call.effect(CREATED, target_word, target, contents=True))
            continue
        if is_directory and source is None:
            continue
        path = (
            posixpath.join(target, posixpath.basename(source))
            if source and is_directory
            else target
        )
        # A file or a whole directory, as with COPY: what lies below it came with it.
        effects.append(call.effect(CREATED, target_word, path, copied=recursive))
    return effects


def _cp(call: _Call) -> list[Effect]:
    return _copy_like(call, move=False)


def _mv(call: _Call) -> list[Effect]:
    return _copy_like(call, move=True)


def _ln(call: _Call) -> list[Effect]:
    _, operands, _ = _options(call.args, _TARGET_OPTIONS)
    if len(operands) < 2:
        return []
    target, is_directory = _destination(call, operands)
    if target is None:
        return []
    if is_directory:
        return [
            call.effect(
                CREATED, operands[-1], posixpath.join(target, posixpath.basename(word.value))
            )
            for word in operands[:-1]
            if word.value and not word.glob
        ]
    return [call.effect(CREATED, operands[-1], target)]


def _permissions(call: _Call) -> list[Effect]:
    flags, operands, _ = _options(call.args, frozenset({"--reference", "--from"}))
    recursive = bool(flags & {"-R", "--recursive"})
    has_reference = any(flag.startswith("--reference") for flag in flags)
    paths = operands if has_reference else operands[1:]
    effects = []
    for word in paths:
        path = call.resolve(word)
        if path is not None:
            effect = call.effect(MODIFIED, word, path, recursive=recursive, pattern=word.glob)
            effects.append(effect)
    return effects


def _tar(call: _Call) -> list[Effect]:
    args = call.args
    if not args or args[0].value is None:
        return []
    words = list(args)
    first = words[0].value or ""
    mode_letters = ""
    if not first.startswith("-"):
        mode_letters = first
        words = words[1:]
    flags, operands, values = _options(
        tuple(words),
        frozenset(
            {
                "-f",
                "--file",
                "-C",
                "--directory",
                "-T",
                "--files-from",
                "-X",
                "--exclude-from",
                "--strip-components",
                "-I",
                "--use-compress-program",
                "--transform",
                "--owner",
                "--group",
                "--mode",
            }
        ),
    )
    letters = set("-" + letter for letter in mode_letters)
    flags |= letters
    archive_word = values.get("-f") or values.get("--file")
    if "f" in mode_letters and archive_word is None and operands:
        archive_word = operands.pop(0)
    directory_word = values.get("-C") or values.get("--directory")
    for word in call.args:
        value = word.value or ""
        if value.startswith("--directory="):
            directory = call.resolve_text(value.split("=", 1)[1])
            return [call.effect(CREATED, word, directory, contents=True)] if directory else []
    if flags & {"-x", "--extract", "--get"}:
        if directory_word is not None:
            directory = call.resolve(directory_word)
            evidence = directory_word
        else:
            directory = call.command.cwd
            evidence = archive_word or call.words[0]
        if directory is None:
            return []
        return [call.effect(CREATED, evidence, directory, contents=True)]
    if flags & {"-c", "--create"} and archive_word is not None:
        path = call.resolve(archive_word)
        if path is not None and archive_word.value != "-":
            return [call.effect(CREATED, archive_word, path)]
    return []


def _unzip(call: _Call) -> list[Effect]:
    _, operands, values = _options(call.args, frozenset({"-d", "-x", "-P"}))
    directory_word = values.get("-d")
    if directory_word is not None:
        directory = call.resolve(directory_word)
        evidence = directory_word
    else:
        directory = call.command.cwd
        evidence = operands[0] if operands else call.words[0]
    if directory is None or not operands:
        return []
    return [call.effect(CREATED, evidence, directory, contents=True)]


def _url_name(url: str) -> str | None:
    path = url.split("?", 1)[0].split("#", 1)[0]
    name = posixpath.basename(path.rstrip("/")) if "://" in path else posixpath.basename(path)
    if "://" in path and path.count("/") < 3:
        return None
    return name or None


def _curl(call: _Call) -> list[Effect]:
    words = call.args
    effects: list[Effect] = []
    output_dir: str | None = None
    remote_name = False
    outputs: list[ShellWord] = []
    urls: list[ShellWord] = []
    index = 0
    with_values = {
        "-o",
        "--output",
        "-H",
        "--header",
        "-d",
        "--data",
        "-u",
        "--user",
        "-X",
        "--request",
        "-A",
        "--user-agent",
        "-e",
        "--referer",
        "--retry",
        "-m",
        "--max-time",
        "--connect-timeout",
        "-w",
        "--write-out",
        "-T",
        "--upload-file",
        "--cacert",
        "--cert",
        "--key",
        "-b",
        "--cookie",
        "-c",
        "--cookie-jar",
        "--retry-delay",
        "--retry-max-time",
        "-x",
        "--proxy",
        "--output-dir",
        "-F",
        "--form",
        "--data-binary",
        "--data-raw",
        "--resolve",
        "-r",
        "--range",
        "--limit-rate",
        "--proto",
        "--proto-redir",
        "-K",
        "--config",
        "--create-file-mode",
    }
    while index < len(words):
        word = words[index]
        value = word.value
        if value is None:
            index += 1
            continue
        if value in ("-o", "--output") and index + 1 < len(words):
            outputs.append(words[index + 1])
            index += 2
            continue
        if value.startswith("--output="):
            outputs.append(word)
        elif value == "--output-dir" and index + 1 < len(words):
            output_dir = call.resolve(words[index + 1])
            index += 2
            continue
        elif value in ("-O", "--remote-name") or (
            _short(value) and "O" in value[1:] and "o" not in value[1:]
        ):
            remote_name = True
        elif _short(value) and value[-1:] == "o" and len(value) > 2 and index + 1 < len(words):
            outputs.append(words[index + 1])
            index += 2
            continue
        elif value in with_values:
            index += 2
            continue
        elif _URL.match(value):
            urls.append(word)
        index += 1
    for word in outputs:
        value = word.value or ""
        if value.startswith("--output="):
            value = value.split("=", 1)[1]
        if value in ("-", "/dev/null") or value.startswith("/dev/"):
            continue
        if output_dir and not value.startswith("/"):
            path: str | None = posixpath.join(output_dir, value)
        else:
            path = call.resolve_text(value)
        if path is not None:
            effects.append(call.effect(CREATED, word, path))
    if remote_name:
        directory = output_dir or call.command.cwd
        for word in urls:
            name = _url_name(word.value or "")
            if directory is not None and name:
                effects.append(call.effect(CREATED, word, posixpath.join(directory, name)))
    return effects


def _wget(call: _Call) -> list[Effect]:
    words = call.args
    output: ShellWord | None = None
    output_value: str | None = None
    prefix: str | None = None
    urls: list[ShellWord] = []
    index = 0
    with_values = {
        "-O",
        "--output-document",
        "-P",
        "--directory-prefix",
        "-t",
        "--tries",
        "-T",
        "--timeout",
        "-U",
        "--user-agent",
        "--header",
        "-o",
        "--output-file",
        "-a",
        "--append-output",
        "--user",
        "--password",
        "-e",
        "--execute",
        "-i",
        "--input-file",
        "--ca-certificate",
        "--certificate",
        "--post-data",
    }
    while index < len(words):
        word = words[index]
        value = word.value
        if value is None:
            index += 1
            continue
        if value in ("-O", "--output-document") and index + 1 < len(words):
            output = words[index + 1]
            output_value = output.value
            index += 2
            continue
        if value.startswith("--output-document="):
            output, output_value = word, value.split("=", 1)[1]
        elif value.startswith("-O") and len(value) > 2 and not value.startswith("--"):
            output, output_value = word, value[2:]
        elif value in ("-P", "--directory-prefix") and index + 1 < len(words):
            prefix = call.resolve(words[index + 1])
            index += 2
            continue
        elif value.startswith("--directory-prefix="):
            prefix = call.resolve_text(value.split("=", 1)[1])
        elif value in with_values:
            index += 2
            continue
        elif _URL.match(value):
            urls.append(word)
        index += 1
    if output is not None:
        if output_value is None or output_value == "-" or output_value.startswith("/dev/"):
            return []
        path = call.resolve_text(output_value)
        return [call.effect(CREATED, output, path)] if path else []
    directory = prefix or call.command.cwd
    effects = []
    for word in urls:
        name = _url_name(word.value or "")
        if directory is not None and name:
            effects.append(call.effect(CREATED, word, posixpath.join(directory, name)))
    return effects


def _git(call: _Call) -> list[Effect] | None:
    args = call.args
    values = [word.value for word in args]
    if "clone" not in values:
        return None if not values or values[0] is None else []
    start = values.index("clone") + 1
    with_values = {
        "-b",
        "--branch",
        "--depth",
        "-o",
        "--origin",
        "-c",
        "--config",
        "--reference",
        "--filter",
        "-j",
        "--jobs",
        "--shallow-since",
        "--shallow-exclude",
        "-u",
        "--upload-pack",
        "--separate-git-dir",
        "--template",
    }
    operands: list[ShellWord] = []
    index = start
    while index < len(args):
        value = args[index].value
        if value is None:
            return []
        if value in with_values:
            index += 2
            continue
        if not value.startswith("-"):
            operands.append(args[index])
        index += 1
    if not operands:
        return []
    if len(operands) >= 2:
        path = call.resolve(operands[1])
        evidence = operands[1]
    else:
        name = posixpath.basename((operands[0].value or "").rstrip("/"))
        if name.endswith(".git"):
            name = name[:-4]
        path = call.resolve_text(name) if name else None
        evidence = operands[0]
    return [call.effect(CREATED, evidence, path, contents=True)] if path else []


def _find(call: _Call) -> list[Effect]:
    args = call.args
    roots: list[ShellWord] = []
    index = 0
    while index < len(args) and (args[index].value or "").startswith(("-", "(", "!")) is False:
        roots.append(args[index])
        index += 1
    expression = [word.value for word in args[index:]]
    if any(value is None for value in expression) or not roots:
        return []
    deletes = "-delete" in expression or (
        "-exec" in expression
        and expression[expression.index("-exec") + 1 : expression.index("-exec") + 2]
        in (["rm"], ["/bin/rm"])
    )
    if not deletes:
        return []
    allowed = {
        "-name",
        "-iname",
        "-type",
        "-mindepth",
        "-maxdepth",
        "-delete",
        "-print",
        "-exec",
        "-depth",
        "-xdev",
        "-mount",
        "-prune",
    }
    name_filter: str | None = "*"
    position = 0
    while position < len(expression):
        value = expression[position] or ""
        if value == "-exec":
            break
        if value not in allowed:
            return []
        if value in ("-name", "-iname"):
            if name_filter != "*" or position + 1 >= len(expression):
                return []
            name_filter = expression[position + 1]
            position += 2
            continue
        if value in ("-type", "-mindepth", "-maxdepth"):
            position += 2
            continue
        position += 1
    effects = []
    for word in roots:
        root = call.resolve(word)
        if root is not None:
            effect = call.effect(DELETED, word, root, name_filter=name_filter, recursive=True)
            effects.append(effect)
    return effects


# dpkg options that only read (`dpkg --print-architecture`); others install or remove.
_DPKG_QUERIES = frozenset(
    {
        "--print-architecture",
        "--print-foreign-architectures",
        "-l",
        "--list",
        "-L",
        "--listfiles",
        "-s",
        "--status",
        "-S",
        "--search",
        "--compare-versions",
        "--get-selections",
        "--version",
        "--help",
        "-c",
        "--contents",
        "-I",
        "--info",
        "--verify",
        "-V",
    }
)


def _dpkg(call: _Call) -> list[Effect] | None:
    first = call.args[0].value if call.args else None
    return [] if first in _DPKG_QUERIES else None


_FILE_COMMANDS: dict[str, Handler] = {
    "rm": _rm,
    "rmdir": _rmdir,
    "unlink": _rmdir,
    "mkdir": _mkdir,
    "touch": _touch,
    "cp": _cp,
    "mv": _mv,
    "ln": _ln,
    "chmod": _permissions,
    "chown": _permissions,
    "chgrp": _permissions,
    "tar": _tar,
    "unzip": _unzip,
    "curl": _curl,
    "wget": _wget,
    "git": _git,
    "find": _find,
    "dpkg": _dpkg,
}

_SHELLS_WITH_SCRIPTS = frozenset({"sh", "bash", "dash", "ash", "ksh", "zsh", "mksh"})

# Commands that change no files (or only files outside the image, like /dev/null).
_NO_EFFECT = frozenset(
    {
        "echo",
        "printf",
        "true",
        "false",
        ":",
        "set",
        "export",
        "cd",
        "pushd",
        "popd",
        "test",
        "[",
        "[[",
        "exit",
        "sleep",
        "which",
        "command",
        "type",
        "hash",
        "env",
        "printenv",
        "whoami",
        "id",
        "uname",
        "cat",
        "grep",
        "egrep",
        "fgrep",
        "head",
        "tail",
        "ls",
        "pwd",
        "wc",
        "sort",
        "uniq",
        "cut",
        "tr",
        "awk",
        "sed",
        "basename",
        "dirname",
        "readlink",
        "realpath",
        "stat",
        "file",
        "du",
        "df",
        "date",
        "sha256sum",
        "sha512sum",
        "sha1sum",
        "md5sum",
        "gpg",
        "gpgv",
        "dpkg-query",
        "local",
        "declare",
        "readonly",
        "unset",
        "shift",
        "return",
        "trap",
        "umask",
        "ulimit",
        "wait",
        "seq",
        "xargs",
        "tee",
        "nproc",
        "getent",
        "update-alternatives",
        "ldconfig",
    }
)
# `eval`, `source` and `.` run code layerlint does not see: their effects are unknown.


def redirect_effects(model: Model, run: Run, command: SimpleCommand) -> list[Effect]:
    """Files a command's redirections write (`> file` creates, `>> file` appends),
    whatever the command itself is."""
    call = _Call(model, run, command)
    effects: list[Effect] = []
    for redirect in command.redirects:
        if redirect.target is None or not redirect.writes:
            continue
        value = redirect.target.value
        if value is None or value.startswith("/dev/") or value.isdigit():
            continue
        path = call.resolve(redirect.target)
        if path is not None:
            kind = MODIFIED if redirect.appends else CREATED
            effects.append(call.effect(kind, redirect.target, path))
    return effects


def command_effects(model: Model, run: Run, command: SimpleCommand) -> list[Effect] | None:
    """Effects of one certain command; None when its effects are unknown."""
    if len(command.words) != len(command.argv_words) and "chroot" in _wrappers(command):
        return None  # its paths are inside another root
    effects = redirect_effects(model, run, command) if command.redirects else []
    name = command.name
    if name is None:
        return effects if not command.words else None
    handler = _FILE_COMMANDS.get(name)
    if handler is not None:
        found = handler(_Call(model, run, command))
        if found is None:
            return None
        return effects + found
    packages = model.package_command(command)
    if packages is not None:
        return effects + _package_effects(_Call(model, run, command), packages)
    if name in _SHELLS_WITH_SCRIPTS:
        # `sh -c 'script'`: the script's commands are commands of this RUN too (the
        # walker parses them); the shell itself changes nothing. An unknown script or
        # a script file has unknown effects.
        script = inline_script(command)
        known = (
            script is not None and script.value is not None and command.nesting < MAX_SCRIPT_NESTING
        ) or (script is None and reads_heredoc_script(run, command))
        return effects if known else None
    if name in _NO_EFFECT:
        # sed -i and tee write files; tee targets are files too.
        in_place = ("-i", "--in-place")
        if name == "sed" and any((w.value or "").startswith(in_place) for w in command.args):
            return effects + _in_place(_Call(model, run, command))
        if name == "tee":
            return effects + _tee(_Call(model, run, command))
        return effects
    return None


def _in_place(call: _Call) -> list[Effect]:
    operands = [w for w in call.args if w.value and not w.value.startswith("-")]
    effects = []
    for word in operands[1:]:
        path = call.resolve(word)
        if path is not None:
            effects.append(call.effect(MODIFIED, word, path, pattern=word.glob))
    return effects


def _tee(call: _Call) -> list[Effect]:
    flags, operands, _ = _options(call.args)
    kind = MODIFIED if flags & {"-a", "--append"} else CREATED
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None and not path.startswith("/dev/"):
            effects.append(call.effect(kind, word, path))
    return effects


# ---------------------------------------------------------------------------
# Package managers


def _package_effects(call: _Call, invocation: object) -> list[Effect]:
    from .packages import PackageCommand

    assert isinstance(invocation, PackageCommand)
    effects: list[Effect] = []
    for path, category in invocation.cache_paths(call.command, call.home):
        resolved = call.resolve_text(path)
        if resolved is not None:
            effects.append(call.effect_at(CREATED, resolved, contents=True, category=category))
    for path, category in invocation.cleaned_paths(call.command, call.home):
        resolved = call.resolve_text(path)
        if resolved is not None:
            effects.append(
                call.effect_at(DELETED, resolved, contents=True, recursive=True, category=category)
            )
    built = _go_build_output(invocation)
    if built is not None:
        resolved = call.resolve_text(built)
        if resolved is not None:
            # `go build -o DIR/` writes into DIR, `-o FILE` writes FILE.
            effects.append(call.effect_at(CREATED, resolved, contents=built.endswith("/")))
    if _fills_node_modules(invocation):
        # npm ci / npm install / yarn / pnpm install write the project's node_modules.
        resolved = call.resolve_text("node_modules")
        if resolved is not None:
            effects.append(call.effect_at(CREATED, resolved, contents=True))
    for package in invocation.installed:
        effects.append(
            Effect(
                CREATED,
                f"{PACKAGE_PREFIX}{invocation.manager}:{package.name}",
                package.word,
                call.describe,
                category="package",
                action=call.command.name,
            )
        )
    for package in invocation.removed:
        effects.append(
            Effect(
                DELETED,
                f"{PACKAGE_PREFIX}{invocation.manager}:{package.name}",
                package.word,
                call.describe,
                category="package",
                action=call.command.name,
            )
        )
    return effects


def _go_build_output(invocation: PackageCommand) -> str | None:
    """The `-o` path of `go build` (None without one, with `-C`, or when not known)."""
    if invocation.manager != "go" or invocation.action != "build" or invocation.has("-C"):
        return None
    outputs = invocation.option_values.get("-o", [])
    if not outputs or "$" in outputs[-1] or outputs[-1] in ("", "/dev/null"):
        return None
    return outputs[-1]


def _fills_node_modules(invocation: PackageCommand) -> bool:
    """A local install of a JavaScript package manager (not `-g`, not `--prefix`)."""
    if invocation.manager not in ("npm", "yarn", "pnpm"):
        return False
    if invocation.action not in ("install", "ci", "add", "update"):
        return False
    return not invocation.has("-g", "--global", "--prefix", "--location")


# ---------------------------------------------------------------------------
# COPY and ADD


def copy_effects(model: Model, node: Copy | Add) -> list[Effect]:
    """Paths a COPY or ADD creates (destination rules of the Dockerfile reference)."""
    if node.destination is None or not node.sources:
        return []
    destination = model.expand(node.destination, node)
    if destination is None:
        return []
    workdir = model.state_at(node).workdir
    if not destination.startswith("/"):
        if workdir is None:
            return []
        destination = posixpath.join(workdir, destination)
    target = posixpath.normpath(destination)
    if target.startswith("//"):
        target = "/" + target.lstrip("/")
    # A destination that is an existing directory receives the sources by name:
    # `COPY app.py .` writes WORKDIR/app.py, `COPY tool /usr/local/bin` too.
    to_directory = (
        destination.endswith(("/", "/.", "/.."))
        or len(node.sources) > 1
        or target == workdir
        or target in _EXISTING_DIRECTORIES
    )
    heredoc_names = {heredoc.name for heredoc in getattr(node, "heredocs", ())}
    is_add = isinstance(node, Add)
    unpack = node.flag("unpack")
    keyword = node.kind
    parents_flag = node.flag("parents")
    keeps_parents = parents_flag is not None and (parents_flag.value or "true") != "false"
    description = f"{keyword} " + " ".join(word.text for word in (*node.sources, node.destination))
    if len(description) > 80:
        description = description[:77] + "..."

    def created(path: str, span: Span, **details: bool) -> Effect:
        return Effect(CREATED, path, span, description, action=keyword, copied=True, **details)

    effects: list[Effect] = []
    for word in node.sources:
        marker = parse_heredoc_marker(word.text)
        if marker is not None and marker.name in heredoc_names:
            path = posixpath.join(target, marker.name) if to_directory else target
            effects.append(created(path, word.span))
            continue
        source = model.expand(word, node)
        if source is None:
            continue
        span = word.span
        if is_add and _GIT_SOURCE.search(source):
            # ADD of a git repository: its files land in the destination directory.
            effects.append(created(target, span, contents=True))
            continue
        if is_add and _URL.match(source):
            name = _url_name(source)
            if to_directory:
                if name:
                    effects.append(created(posixpath.join(target, name), span))
            else:
                effects.append(created(target, span))
            continue
        unpacks = unpack is None or (unpack.value or "true") != "false"
        if is_add and _ARCHIVE.search(source) and unpacks and not node.flag("from"):
            effects.append(created(target, span, contents=True))
            continue
        parents = _parents_of(source) if keeps_parents else ""
        if parents:
            # COPY --parents a/b/c.txt /p/ writes /p/a/b/c.txt.
            effects.extend(_copied(source, posixpath.join(target, parents), True, span, created))
            continue
        effects.extend(_copied(source, target, to_directory, span, created))
    return effects


def _parents_of(source: str) -> str:
    """The directories of a `COPY --parents` source kept under the destination (up to
    a `./` pivot, and not below the first wildcard)."""
    if "/./" in source:
        source = source.split("/./", 1)[1]
    directory = posixpath.dirname(source.rstrip("/"))
    kept: list[str] = []
    for part in directory.split("/"):
        if any(char in part for char in "*?["):
            break
        if part not in ("", "."):
            kept.append(part)
    return "/".join(kept)


# A git repository as an ADD source: `https://host/repo.git#ref`, `git@host:repo.git`.
_GIT_SOURCE = lazy_compile(r"\A(git@|git://|ssh://)|\.git(#[^/]*)?/?\Z|\.git#")


# Dot-names that are directories; other dot-names (.npmrc, .env, .bashrc) are files.
_DOT_DIRECTORIES = frozenset(
    {
        ".ssh",
        ".git",
        ".aws",
        ".config",
        ".cache",
        ".m2",
        ".gradle",
        ".kube",
        ".docker",
        ".npm",
        ".vscode",
        ".github",
        ".local",
        ".gnupg",
        ".cargo",
        ".rustup",
        ".venv",
        ".yarn",
        ".devcontainer",
        ".idea",
        ".terraform",
    }
)


def _dotfile(name: str) -> bool:
    return name.startswith(".") and name not in _DOT_DIRECTORIES and name not in (".", "..")


# Directories every Linux base image has: a COPY to one of them copies into it.
_EXISTING_DIRECTORIES = frozenset(
    {
        "/",
        "/bin",
        "/sbin",
        "/etc",
        "/opt",
        "/root",
        "/srv",
        "/tmp",
        "/usr",
        "/usr/bin",
        "/usr/sbin",
        "/usr/lib",
        "/usr/local",
        "/usr/local/bin",
        "/usr/local/sbin",
        "/usr/local/lib",
        "/usr/share",
        "/var",
        "/var/tmp",
        "/var/lib",
        "/home",
    }
)


def _copied(
    source: str, target: str, to_directory: bool, span: Span, created: Callable[..., Effect]
) -> Iterator[Effect]:
    glob = any(char in source for char in "*?[")
    clean = source.rstrip("/")
    name = posixpath.basename(clean)
    whole = clean in ("", ".", "..") or name in (".", "..")
    if whole or (source.endswith("/") and not to_directory):
        # The contents of a directory land in the destination.
        yield created(target, span, contents=True)
        return
    if not to_directory:
        yield created(target, span)
        return
    if glob:
        if "/" in clean:
            clean_name = name
        else:
            clean_name = clean
        yield created(posixpath.join(target, clean_name), span, pattern=True)
        return
    program = target.endswith(("/bin", "/sbin")) or posixpath.dirname(clean).endswith(
        ("/bin", "/sbin")
    )
    if source.endswith("/") or not (_FILE_LIKE.search(name) or _dotfile(name) or program):
        # A directory (or so it seems; a name without extension copied into or out of a
        # bin directory is a program): its contents land in the destination.
        yield created(target, span, contents=True)
        return
    yield created(posixpath.join(target, name), span)


# ---------------------------------------------------------------------------
# Cleanup

CLEANUP_CATEGORIES = frozenset({"cache", "tmp", "docs", "package-index"})
"""Categories of paths whose removal is cleanup: caches, package indexes, temporary
files and documentation (see `classify`)."""

# Package-manager actions that only clean: (manager, action) -> the operand that
# must follow, or "" when none is needed.
_CLEANUP_ACTIONS: dict[tuple[str, str], frozenset[str]] = {
    ("apt", "clean"): frozenset(),
    ("apt", "autoclean"): frozenset(),
    ("apt", "autoremove"): frozenset(),
    ("dnf", "clean"): frozenset(),
    ("dnf", "autoremove"): frozenset(),
    ("yum", "clean"): frozenset(),
    ("yum", "autoremove"): frozenset(),
    ("zypper", "clean"): frozenset(),
    ("apk", "cache"): frozenset({"clean", "purge"}),
    ("npm", "cache"): frozenset({"clean"}),
    ("yarn", "cache"): frozenset({"clean"}),
    ("pnpm", "store"): frozenset({"prune"}),
    ("pip", "cache"): frozenset({"purge", "remove"}),
    ("conda", "clean"): frozenset(),
    ("gem", "cleanup"): frozenset(),
    ("composer", "clear-cache"): frozenset(),
    ("composer", "clearcache"): frozenset(),
    ("composer", "cc"): frozenset(),
    ("go", "clean"): frozenset(),
}


def is_cleanup_command(
    model: Model, command: SimpleCommand, effects: tuple[Effect, ...] | None
) -> bool:
    """Whether a command only cleans up: a package manager's clean, cache purge or
    autoremove, or a deletion of caches, package indexes, temporary files and docs.

    Removing a named package, a configuration file or anything else is not cleanup
    (it may be what the image needs).
    """
    invocation = model.package_command(command)
    if invocation is not None:
        operands = _CLEANUP_ACTIONS.get((invocation.manager, invocation.action))
        if operands is None:
            return False
        if invocation.manager == "go":
            return invocation.has("-cache", "-modcache")
        if not operands:
            return True
        return any((word.value or "") in operands for word in invocation.operands[:1])
    if not effects:
        return False
    return all(
        effect.kind == DELETED and not effect.is_package and effect.category in CLEANUP_CATEGORIES
        for effect in effects
    )


# Commands that certainly change no file when they have no redirection (readers,
# shell builtins); unlike _NO_EFFECT this leaves out sed, tee, xargs, eval, source
# and the like, whose effects depend on their arguments.
_INERT = _NO_EFFECT - frozenset(
    {
        "awk",
        "dpkg-query",
        "env",
        "gpg",
        "gpgv",
        "ldconfig",
        "sed",
        "tee",
        "trap",
        "ulimit",
        "umask",
        "update-alternatives",
        "xargs",
    }
)


def reads_heredoc_script(run: Run, command: SimpleCommand) -> bool:
    """`RUN <<EOF bash`, `bash <<EOF`: a shell with no script operand that reads a
    heredoc of the RUN (the walker parses its body) or nothing (a RUN's stdin is
    empty), not a pipe (`curl ... | sh`) or a file."""
    if command.name not in _SHELLS_WITH_SCRIPTS or command.nesting >= MAX_SCRIPT_NESTING:
        return False
    if any(word.value is None or not word.value.startswith("-") for word in command.args):
        return False  # a script file, or an unknown word
    if command.pipeline is not None and command.pipeline_length > 1 and command.pipeline_index:
        return False
    names = {heredoc.name for heredoc in run.heredocs}
    return all(
        redirect.operator != "<"
        or (redirect.target is not None and (redirect.target.value or "") in names)
        for redirect in command.redirects
    )


def is_inert_command(command: SimpleCommand, effects: tuple[Effect, ...] | None) -> bool:
    """Whether a command certainly changes no file (`echo done`, `ls -la /tmp`, `true`)."""
    if effects is None or effects:
        return False
    name = command.name
    return name in _INERT or (name in _SHELLS_WITH_SCRIPTS and inline_script(command) is not None)


# Commands that write files; when none of them is named (an unknown directory, a
# relative path without a known working directory, stdout) they went somewhere.
_WRITERS = frozenset({"tar", "unzip", "git", "curl", "wget", "cp", "mv", "ln", "install"})


def may_write_unnamed_files(
    model: Model, command: SimpleCommand, effects: tuple[Effect, ...] | None
) -> bool:
    """Whether a command may have written files the model cannot name: a command of
    unknown effect, a package manager (node_modules, site-packages, vendor/, build
    outputs), or a writer whose destination is unknown."""
    if effects is None:
        return True
    if model.package_command(command) is not None:
        return not is_cleanup_command(model, command, effects)
    if command.name == "curl" and not any(_curl_writes(word.value) for word in command.args):
        return False  # to standard output
    if command.name in _WRITERS:
        return not any(effect.kind == CREATED for effect in effects)
    return False


def _curl_writes(value: str | None) -> bool:
    if value is None:
        return False
    if value.startswith("--"):
        return value.split("=", 1)[0] in (
            "--output",
            "--remote-name",
            "--remote-name-all",
            "--output-dir",
        )
    return value.startswith("-") and ("o" in value[1:] or "O" in value[1:])
