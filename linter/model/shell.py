"""Shell scripts of RUN instructions, parsed with tree-sitter-bash.

A RUN's script becomes a flat list of `SimpleCommand`s in execution order, each with
its argv (quotes removed, variables expanded where the model knows them), its
redirections, the working directory it runs in (WORKDIR, then `cd`), whether it runs
whenever the RUN succeeds (`certain`), and Dockerfile positions for every word.
`sh -c '...'` and `bash -c "..."` bodies and scripts fed to a shell through a heredoc
are parsed recursively; Python code (`python -c`, `python3 <<EOF`, a `#!...python`
heredoc) is collected for the embedded-Python checks.

Where the stage's SHELL is not a POSIX shell (PowerShell, cmd) there is no script:
silence rather than wrong answers. Exec-form RUN gives argv directly.
"""

from __future__ import annotations

import itertools
import os
import posixpath
import re
import time
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from ..findings import Span
from ..lazy_re import lazy_compile
from ..nodes import ExecForm, Heredoc, Run, ShellForm
from ..records import Record, init
from ..words import parse_heredoc_marker
from . import shell_program
from .images import busybox_userland, sh_is_bash
from .variables import ImageEnv, expand

if TYPE_CHECKING:
    from tree_sitter import Node, Parser, Tree

    from . import Model

MAX_DEPTH = 150  # nesting of tree-sitter nodes we follow (deeper: unknown)
MAX_SCRIPT_NESTING = 8  # sh -c inside sh -c ...
_PARSER: Parser | None = None
_GLOB = frozenset("*?[")
_SPECIAL_WORD = lazy_compile(r"[\\~*?\[]")
# Word nodes whose unquoted expansions the shell splits into fields.
_SPLIT_NODES = frozenset({"simple_expansion", "expansion", "concatenation"})
# Home directories `~user` names for sure (other users' are in /etc/passwd).
_HOMES = {"root": "/root"}
_VARIABLE_NAME = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*")
_REFERENCE = lazy_compile(r"\$(?:\{[^}\n]*\}|[A-Za-z_][A-Za-z0-9_]*)")
_ASSIGN_DEFAULT = lazy_compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*):?=")
_WRAPPERS = frozenset(
    {
        "sudo",
        "env",
        "nice",
        "nohup",
        "time",
        "exec",
        "command",
        "builtin",
        "doas",
        "gosu",
        "su-exec",
        "chroot",
        "xargs",
        "stdbuf",
        "ionice",
        "setsid",
        "timeout",
        "unshare",
        "fakeroot",
        "eatmydata",
    }
)
_SHELLS = frozenset({"sh", "bash", "dash", "ash", "ksh", "zsh", "mksh", "busybox"})
_PYTHONS = ("python", "python2", "python3", "pypy", "pypy3")


def _parser() -> Parser:
    global _PARSER
    if _PARSER is None:
        from tree_sitter import Language, Parser

        _PARSER = Parser(Language(_bash_language()))
    return _PARSER


def _bash_language() -> object:
    """The tree-sitter-bash grammar, without running the package's `__init__`.

    That `__init__` imports importlib.resources (and with it pathlib, tempfile,
    urllib.parse ...) only to read query files we never use: about 14 ms of every
    start. The grammar lives in the package's `_binding` extension module, loaded
    here directly; anything unexpected falls back to the plain import.
    """
    import importlib.machinery
    import importlib.util
    import sys

    name = "tree_sitter_bash._binding"
    module = sys.modules.get(name)
    if module is None:
        try:
            spec = importlib.util.find_spec("tree_sitter_bash")
            locations = list(spec.submodule_search_locations or []) if spec else []
            for directory in locations:
                for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                    path = f"{directory}/_binding{suffix}"
                    if not os.path.exists(path):
                        continue
                    loader = importlib.machinery.ExtensionFileLoader(name, path)
                    binding_spec = importlib.util.spec_from_loader(name, loader, origin=path)
                    if binding_spec is None:
                        continue
                    module = importlib.util.module_from_spec(binding_spec)
                    loader.exec_module(module)
                    sys.modules[name] = module
                    break
                if module is not None:
                    break
        except (ImportError, OSError, AttributeError):
            module = None
    if module is None:
        import tree_sitter_bash

        return tree_sitter_bash.language()
    return module.language()


PARSE_SECONDS = 1.0  # per script, plus PARSE_SECONDS_PER_MB of its size
PARSE_SECONDS_PER_MB = 2.0
_CHUNK = 65536


def _parse_bounded(data: bytes) -> tuple[Tree, bool]:
    """Parse a script within a time budget; False when the budget cut it short.

    tree-sitter-bash's error recovery is quadratic on some hostile inputs (thousands
    of `<<`, `|` or unclosed `a=(`), and a signal cannot interrupt C code. The
    parser reads the script through this callback; once the budget is spent the
    callback reports the end of the text, and the parse finishes with what it has.
    A normal script (1 MB in about 0.1 s) never comes near the budget.
    """
    budget = PARSE_SECONDS + PARSE_SECONDS_PER_MB * len(data) / 1_000_000
    start = time.monotonic()
    cut = False

    def read(offset: int, point: object) -> bytes:
        nonlocal cut
        if time.monotonic() - start > budget:
            cut = True
            return b""
        return data[offset : offset + _CHUNK]

    tree = _parser().parse(read)
    return tree, not cut


_NEGATED_GROUP = lazy_compile(r"!\s*\{")


def _ungroup_negations(text: str, data: bytes, tree: Tree) -> tuple[bytes, Tree]:
    """Work around tree-sitter-bash reading `! { a | b; }` as the command `{ a`.

    The model ignores exit statuses, so the `!` of such a negated group is replaced
    by a space (offsets do not move) and the script parsed again.
    """
    if not _NEGATED_GROUP.search(text):
        return data, tree
    for _ in range(MAX_DEPTH):
        misread = [
            node.start_byte
            for node in _nodes_of_type(tree.root_node, "negated_command")
            if _negates_brace_command(node, data)
        ]
        if not misread:
            break
        patched = bytearray(data)
        for offset in misread:
            patched[offset] = ord(" ")
        data = bytes(patched)
        tree = _parser().parse(data)
    return data, tree


def _nodes_of_type(root: Node, kind: str) -> Iterator[Node]:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == kind:
            yield node
        stack.extend(node.children)


def _negates_brace_command(node: Node, data: bytes) -> bool:
    command = node.named_children[0] if node.named_children else None
    if command is None or command.type != "command" or data[node.start_byte] != ord("!"):
        return False
    name = command.child_by_field_name("name")
    return name is not None and data[name.start_byte : name.end_byte] == b"{"


class LazySpan:
    """A position in the parsed script, mapped to the Dockerfile on first use."""

    __slots__ = ("_end", "_positions", "_span", "_start")

    def __init__(self, positions: _Positions, start: int, end: int) -> None:
        self._positions = positions
        self._start = start
        self._end = end
        self._span: Span | None = None

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = self._positions.span(self._start, self._end)
        return self._span


class ShellWord:
    """A word of a command.

    `value`: quotes removed and variables expanded (None when any part is unknown);
    `literal`: quotes removed, variables kept as written; `raw`: as written.
    `glob`: the word holds unquoted *, ? or [ (a pattern, not a name). `span` (its
    Dockerfile position) is computed on first use: most words are never reported.
    """

    __slots__ = (
        "_end",
        "_positions",
        "_span",
        "_start",
        "glob",
        "literal",
        "quoted",
        "raw",
        "value",
    )

    def __init__(
        self,
        raw: str,
        value: str | None,
        literal: str,
        span: Span | None,
        quoted: bool,
        glob: bool,
        positions: _Positions | None = None,
        start: int = 0,
        end: int = 0,
    ) -> None:
        self.raw = raw
        self.value = value
        self.literal = literal
        self.quoted = quoted
        self.glob = glob
        self._span = span
        self._positions = positions
        self._start = start
        self._end = end

    @property
    def span(self) -> Span:
        if self._span is None:
            assert self._positions is not None
            self._span = self._positions.span(self._start, self._end)
        return self._span

    @property
    def text(self) -> str:
        """The value when known, else the literal text (for messages)."""
        return self.value if self.value is not None else self.literal

    def unknown(self) -> ShellWord:
        """This word with its value unknown."""
        return ShellWord(
            self.raw,
            None,
            self.literal,
            self._span,
            self.quoted,
            self.glob,
            self._positions,
            self._start,
            self._end,
        )

    def with_value(self, value: str) -> ShellWord:
        """This word as one of the words its expansion makes (`$DIRS`, `{a,b}`)."""
        return ShellWord(
            self.raw,
            value,
            value,
            self._span,
            False,
            self.glob or any(char in _GLOB for char in value),
            self._positions,
            self._start,
            self._end,
        )

    def __repr__(self) -> str:
        return f"ShellWord({self.raw!r}, value={self.value!r})"


class Redirect(Record):
    """`> file`, `>> file`, `< file`, `2>&1` ...: operator, fd and target word."""

    __slots__ = ("operator", "descriptor", "target", "span")

    operator: str
    descriptor: int | None
    target: ShellWord | None
    span: Span

    def __init__(
        self,
        operator: str,
        descriptor: int | None,
        target: ShellWord | None,
        span: Span,
    ) -> None:
        init(self, "operator", operator)
        init(self, "descriptor", descriptor)
        init(self, "target", target)
        init(self, "span", span)

    @property
    def writes(self) -> bool:
        return (
            ">" in self.operator
            and not self.operator.endswith("&")
            and (self.target is None or not (self.target.value or "").isdigit())
        )

    @property
    def appends(self) -> bool:
        return self.operator in (">>", "&>>")


class SimpleCommand(Record):
    """One simple command as it runs.

    `words` is the full argv as written (wrappers such as `sudo` or `env X=1`
    included); `argv_words` drops those wrappers. `cwd` is the working directory when
    it runs (None = unknown). `certain` is True when the command runs whenever the
    RUN succeeds (not behind `||`, `if`, a loop or a function). `status_discarded` is
    True inside a command substitution whose exit status nobody reads: one that is a
    word of another command (`cp a "$(ls | sed ...)"`), not a bare assignment.
    """

    __slots__ = (
        "words",
        "assignments",
        "redirects",
        "location",
        "cwd",
        "certain",
        "pipeline",
        "pipeline_index",
        "pipeline_length",
        "operator_before",
        "pipefail",
        "errexit",
        "nesting",
        "environment",
        "status_discarded",
        "_stripped",
        "_name",
    )

    words: tuple[ShellWord, ...]
    assignments: tuple[tuple[str, ShellWord | None], ...]
    redirects: tuple[Redirect, ...]
    location: Span | LazySpan
    cwd: str | None
    certain: bool
    pipeline: int | None
    pipeline_index: int
    pipeline_length: int
    operator_before: str | None
    pipefail: bool
    errexit: bool
    nesting: int
    environment: tuple[tuple[str, str | None], ...]
    status_discarded: bool

    def __init__(
        self,
        words: tuple[ShellWord, ...],
        assignments: tuple[tuple[str, ShellWord | None], ...],
        redirects: tuple[Redirect, ...],
        location: Span | LazySpan,
        cwd: str | None,
        certain: bool,
        pipeline: int | None,
        pipeline_index: int,
        pipeline_length: int,
        operator_before: str | None,
        pipefail: bool,
        errexit: bool,
        nesting: int,
        environment: tuple[tuple[str, str | None], ...] = (),
        status_discarded: bool = False,
    ) -> None:
        # Rules ask for the program name of every command many times: derive it once.
        argv_words = _argv_words(words)
        if len(argv_words) < len(words):
            wrappers = words[: len(words) - len(argv_words)]
            # `env -C DIR cmd`, `sudo -D DIR cmd`: the program runs in DIR.
            cwd = _wrapper_directory(wrappers, cwd)
            # `env NAME=value cmd`, `sudo NAME=value cmd`: the program's environment.
            assignments = assignments + _wrapper_assignments(wrappers)
        init(self, "words", words)
        init(self, "assignments", assignments)
        init(self, "redirects", redirects)
        init(self, "location", location)
        init(self, "cwd", cwd)
        init(self, "certain", certain)
        init(self, "pipeline", pipeline)
        init(self, "pipeline_index", pipeline_index)
        init(self, "pipeline_length", pipeline_length)
        init(self, "operator_before", operator_before)
        init(self, "pipefail", pipefail)
        init(self, "errexit", errexit)
        init(self, "nesting", nesting)
        init(self, "environment", environment)
        init(self, "status_discarded", status_discarded)
        init(self, "_stripped", argv_words)
        first = argv_words[0].value if argv_words else None
        init(self, "_name", first.rsplit("/", 1)[-1] if first is not None else None)

    @property
    def span(self) -> Span:
        """Where the command is in the Dockerfile."""
        location = self.location
        return location if isinstance(location, Span) else location.span

    @property
    def argv_words(self) -> tuple[ShellWord, ...]:
        return self._stripped

    @property
    def name(self) -> str | None:
        """Basename of the program run (after wrappers), None when unknown."""
        return self._name

    @property
    def args(self) -> tuple[ShellWord, ...]:
        """Arguments after the program name (wrappers removed)."""
        return self.argv_words[1:]

    @property
    def argv(self) -> tuple[str | None, ...]:
        return tuple(word.value for word in self.argv_words)

    def env(self, name: str) -> str | None:
        """A variable as this command sees it (prefix assignments, script, ENV)."""
        for key, word in self.assignments:
            if key == name:
                return word.value if word is not None else ""
        return environment_index(self.environment).get(name)

    def has_env(self, name: str) -> bool:
        return any(key == name for key, _ in self.assignments) or (
            name in environment_index(self.environment)
        )


class EmbeddedCode(Record):
    """Code in another language inside a RUN (Python), with its position map."""

    __slots__ = ("language", "text", "to_source", "origin", "interpreter")

    language: str
    text: str
    to_source: Callable[[int], int]
    origin: str  # "heredoc", "-c" or "stdin"
    interpreter: str  # the program that runs it: "python3", "python" ...

    def __init__(
        self,
        language: str,
        text: str,
        to_source: Callable[[int], int],
        origin: str,
        interpreter: str = "",
    ) -> None:
        init(self, "language", language)
        init(self, "text", text)
        init(self, "to_source", to_source)
        init(self, "origin", origin)
        init(self, "interpreter", interpreter)


class Pipeline(Record):
    """A pipeline of two or more members as written (`a | b`, `{ a; b; } | c`).

    `members` holds, per member, the commands it runs in execution order (a group or
    subshell member has several; a simple command one, plus those of its command
    substitutions). `pipefail` and `status_discarded` are the state where it runs.
    """

    __slots__ = ("members", "pipefail", "status_discarded")

    members: tuple[tuple[SimpleCommand, ...], ...]
    pipefail: bool
    status_discarded: bool

    def __init__(
        self,
        members: tuple[tuple[SimpleCommand, ...], ...],
        pipefail: bool,
        status_discarded: bool,
    ) -> None:
        init(self, "members", members)
        init(self, "pipefail", pipefail)
        init(self, "status_discarded", status_discarded)


def member_status_commands(member: tuple[SimpleCommand, ...]) -> list[SimpleCommand]:
    """Commands of a pipeline member (`Pipeline.members`) whose failure makes it fail.

    A simple command's own status is the member's (substitutions in its words are
    thrown away). A group or subshell (`{ a; b; } | c`) fails with its last command,
    or, under `set -e`, with any command not guarded by a following `||` or `&&`.
    """
    # Commands without words are a compound member's own redirections (`{ ...; } 2>&1`).
    commands = [command for command in member if command.words and not command.status_discarded]
    if len(commands) <= 1:
        return commands
    if not commands[0].errexit:
        return commands[-1:]
    return [
        command
        for command, following in zip(commands, [*commands[1:], None], strict=True)
        if following is None or following.operator_before not in ("||", "&&")
    ]


class Script:
    """The parsed script of one RUN."""

    __slots__ = (
        "run",
        "commands",
        "embedded",
        "has_errors",
        "exec_form",
        "shell",
        "text",
        "to_source",
        "pipeline_structure",
        "interpreter",
    )

    def __init__(
        self,
        run: Run,
        commands: list[SimpleCommand] | None = None,
        embedded: list[EmbeddedCode] | None = None,
        has_errors: bool = False,
        exec_form: bool = False,
        shell: tuple[str, ...] = (),
        text: str = "",
        to_source: Callable[[int], int] | None = None,
    ) -> None:
        self.run = run
        self.commands: list[SimpleCommand] = commands if commands is not None else []
        self.embedded: list[EmbeddedCode] = embedded if embedded is not None else []
        self.has_errors = has_errors
        self.exec_form = exec_form
        self.shell = shell
        self.text = text  # the script as the shell reads it (shell form and heredoc scripts)
        self.to_source = to_source  # offsets of `text` → source offsets
        # Every pipeline with its members, compound members included.
        self.pipeline_structure: list[Pipeline] = []
        # A heredoc script run by another program (`#!/usr/bin/env node`): its effects
        # are unknown to the shell model.
        self.interpreter: str | None = None

    def pipelines(self) -> list[list[SimpleCommand]]:
        """Commands grouped by pipeline (pipelines of two or more commands)."""
        groups: dict[int, list[SimpleCommand]] = {}
        for command in self.commands:
            if command.pipeline is not None:
                groups.setdefault(command.pipeline, []).append(command)
        return [group for group in groups.values() if len(group) > 1]


def _argv_words(words: tuple[ShellWord, ...]) -> tuple[ShellWord, ...]:
    if not words or (words[0].value not in _WRAPPERS and "/" not in (words[0].value or "")):
        return words
    return strip_wrappers(words)


# Options of wrappers that take a value (`sudo -u user`, `nice -n 5`, `xargs -I {}`).
_WRAPPER_VALUE_OPTIONS: dict[str, frozenset[str]] = {
    "sudo": frozenset({"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"})
    | frozenset({"--user", "--group", "--close-from", "--chdir", "--host", "--prompt"})
    | frozenset({"--role", "--type", "--other-user", "--chroot", "--command-timeout"}),
    "xargs": frozenset({"-I", "-n", "-P", "-L", "-d", "-a", "-E", "-s"})
    | frozenset({"--max-args", "--max-procs", "--max-lines", "--delimiter", "--arg-file"}),
    "env": frozenset({"-u", "--unset", "-C", "--chdir", "-S", "--split-string"}),
    **dict.fromkeys(
        ("nice", "ionice", "timeout", "stdbuf"),
        frozenset({"-n", "-c", "-s", "-k", "-i", "-o", "-e"})
        | frozenset({"--adjustment", "--signal", "--kill-after", "--class", "--classdata"})
        | frozenset({"--input", "--output", "--error"}),
    ),
}


# The options of `env` (GNU coreutils 8.28+) and `sudo` that run the program elsewhere.
_CHDIR_OPTIONS = {"env": ("-C", "--chdir"), "sudo": ("-D", "--chdir")}


def _wrapper_directory(wrappers: tuple[ShellWord, ...], cwd: str | None) -> str | None:
    """The directory a command runs in after its wrappers: `cwd`, or the one an
    `env -C DIR` or `sudo -D DIR` names (None when that is not known)."""
    options: tuple[str, ...] = ()
    for position, word in enumerate(wrappers):
        value = word.value
        if value is None:
            continue
        name = posixpath.basename(value)
        if name in _WRAPPERS:
            options = _CHDIR_OPTIONS.get(name, ())
            continue
        short, long = options if options else ("", "")
        if value in options:
            following = wrappers[position + 1] if position + 1 < len(wrappers) else None
            directory = following.value if following is not None else None
        elif options and value.startswith(long + "="):
            directory = value[len(long) + 1 :]
        elif options and value.startswith(short) and len(value) > 2 and value[1] != "-":
            directory = value[2:]  # `-C/tmp`
        else:
            continue
        if not directory:
            cwd = None
        elif directory.startswith("/"):
            cwd = posixpath.normpath(directory)
        else:
            cwd = posixpath.normpath(posixpath.join(cwd, directory)) if cwd else None
    return cwd


def _wrapper_assignments(
    wrappers: tuple[ShellWord, ...],
) -> tuple[tuple[str, ShellWord | None], ...]:
    """The `NAME=value` words an `env` or `sudo` wrapper passes to the program."""
    found: list[tuple[str, ShellWord | None]] = []
    assigning = False
    for word in wrappers:
        text = word.value if word.value is not None else word.literal
        name, equals, value = text.partition("=")
        if posixpath.basename(text) in _WRAPPERS:
            assigning = posixpath.basename(text) in ("env", "sudo")
        elif assigning and equals and _VARIABLE_NAME.fullmatch(name):
            known = word.value is not None
            found.append((name, word.with_value(value) if known else word.unknown()))
    return tuple(found)


def _switched_user(wrappers: tuple[ShellWord, ...]) -> str | None:
    """The user a `gosu USER`, `su-exec USER` or `sudo [-u USER]` wrapper runs the
    command as ("" when unknown), or None when no wrapper switches user."""
    user: str | None = None
    for position, word in enumerate(wrappers):
        name = posixpath.basename(word.value or "")
        following = wrappers[position + 1].value if position + 1 < len(wrappers) else None
        if name in ("gosu", "su-exec"):
            user = following or ""
        elif name == "sudo":
            user = "root"
        elif user is not None and word.value in ("-u", "--user"):
            user = following or ""
        elif user is not None and (word.value or "").startswith("--user="):
            user = (word.value or "").split("=", 1)[1]
    return user


def strip_wrappers(words: tuple[ShellWord, ...]) -> tuple[ShellWord, ...]:
    """Drop `sudo -u x`, `env A=1`, `nice -n 5`, `timeout 10` ... before the program."""
    index = 0
    count = len(words)
    while index < count:
        value = words[index].value
        if value is None:
            break
        name = posixpath.basename(value)
        if name not in _WRAPPERS:
            break
        index += 1
        while index < count:
            value = words[index].value or ""
            if value == "--":
                index += 1
                break
            if name in ("env", "sudo") and "=" in value and not value.startswith("-"):
                index += 1
                continue
            if value.startswith("-"):
                takes_value = value in _WRAPPER_VALUE_OPTIONS.get(name, ())
                index += 2 if takes_value else 1
                continue
            if name in ("gosu", "su-exec", "chroot") or (name == "timeout" and value[:1].isdigit()):
                index += 1  # the user, root directory or duration argument
            break
    return words[index:]


# ---------------------------------------------------------------------------
# Position mapping


class _Positions:
    """Maps byte offsets of the parsed script to Dockerfile spans."""

    def __init__(self, model: Model, text: str, to_source: Callable[[int], int]) -> None:
        self.source = model.file.source
        self.text = text
        self.to_source = to_source
        self.ascii = text.isascii()
        if not self.ascii:
            # (byte offset, char offset) at every non-ASCII character.
            checkpoints: list[tuple[int, int]] = []
            byte = 0
            for index, char in enumerate(text):
                size = len(char.encode("utf-8"))
                if size > 1:
                    checkpoints.append((byte, index))
                byte += size
            self.checkpoints = checkpoints
            self.checkpoint_bytes = [b for b, _ in checkpoints]

    def char(self, byte: int) -> int:
        if self.ascii:
            return byte
        from bisect import bisect_right

        index = bisect_right(self.checkpoint_bytes, byte) - 1
        if index < 0:
            return byte
        checkpoint_byte, checkpoint_char = self.checkpoints[index]
        if byte == checkpoint_byte:
            return checkpoint_char
        size = len(self.text[checkpoint_char].encode("utf-8"))
        return checkpoint_char + 1 + max(0, byte - checkpoint_byte - size)

    def span(self, start_byte: int, end_byte: int) -> Span:
        start_char = self.char(start_byte)
        end_char = self.char(end_byte)
        start = self.to_source(start_char)
        end = self.to_source(end_char - 1) + 1 if end_char > start_char else start
        if end - start <= 1 and self.source.text.startswith("$", start):
            # Text that came from a variable (`bash -c "${SCRIPT}"`) maps to its `$`:
            # point at the whole reference.
            reference = _REFERENCE.match(self.source.text, start)
            if reference is not None:
                end = reference.end()
        line, column = self.source.position(start)
        end_line, end_column = self.source.position(end)
        return Span(start, end, line, column, end_line, end_column)


# ---------------------------------------------------------------------------
# Building scripts


def script_of_run(model: Model, run: Run) -> Script | None:
    """Parse the commands of a RUN (None where the shell is not POSIX)."""
    command = run.command
    stage = model.stage_of(run)
    state = model.state_at(run)
    home = model.home_at(run)

    def base_environment() -> tuple[dict[str, str | None], Environment]:
        environment = model.run_environment(run)
        if home is not None and "HOME" not in environment:
            environment["HOME"] = home
        return environment, Environment(environment.items())

    # The same for every RUN of one state and home: built once, shared read-only.
    environment, snapshot = model.memo(("run-environment", id(state), home), base_environment)
    pipefail = "pipefail" in " ".join(state.shell)
    script = Script(run, shell=state.shell)
    walker = _Walker(model, run, script, environment, state.workdir, pipefail)
    walker.environment_snapshot = snapshot
    root = stage.root_image if stage is not None else None
    # /bin/sh is bash on Fedora and the RHEL family (bash's POSIX mode expands braces).
    walker.sh_is_bash = root is not None and sh_is_bash(root)
    walker.sh_is_ash = root is not None and busybox_userland(root)
    walker.braces = _expands_braces(shell_program(state.shell), walker.sh_is_bash)
    walker.initial_errexit = _shell_errexit(state.shell)
    if isinstance(command, ExecForm):
        script.exec_form = True
        if not command.arguments:
            return script
        words = tuple(_exec_word(word.text, word.span) for word in command.arguments)
        walker.add_exec_command(words)
        return script
    if stage is not None and not model.is_posix_shell(run):
        return None
    if not isinstance(command, ShellForm):
        return script
    text = command.text
    offsets = run.offsets
    base = command.start
    heredocs = run.heredocs
    marker = parse_heredoc_marker(text.strip()) if heredocs else None
    if marker is not None and len(heredocs) == 1 and heredocs[0].name == marker.name:
        # `RUN <<EOF`: the heredoc body is the script (a shebang picks the interpreter).
        heredoc = heredocs[0]
        body, body_map = strip_heredoc_tabs(heredoc.content, heredoc.body.start, heredoc.chomp)
        first_line = body.split("\n", 1)[0]
        # BuildKit looks for the shebang before `<<-` strips tabs: `\t#!/bin/bash` is
        # none, and the body runs in the stage's shell.
        if heredoc.content.startswith("#!"):
            interpreter = shebang_interpreter(first_line)
            if interpreter.startswith(_PYTHONS) or "python" in first_line:
                script.embedded.append(
                    EmbeddedCode("python", body, body_map, "heredoc", interpreter or "python")
                )
                script.interpreter = interpreter or "python"
                return script
            if interpreter not in _SHELLS and "sh" not in interpreter:
                script.interpreter = interpreter or "?"
                return script
            walker.braces = _expands_braces(interpreter, walker.sh_is_bash)
        script.text, script.to_source = body, body_map
        walker.walk_text(body, body_map, nesting=0)
        return script
    if len(heredocs) > 1 or _code_after_marker(text):
        # tree-sitter-bash cannot parse two heredocs in one command line (`<<A cat > a
        # && <<B cat > b`), and hangs what follows a heredoc's marker on the marker
        # (`cat <<EOF | tee f`, `cat <<EOF > f && rm x`): the markers become
        # same-length input redirections (`< A`), the bodies are left out of the
        # script, and those fed to a shell or Python are read from the Dockerfile's
        # heredocs.
        text = _blank_heredoc_markers(text, heredocs, lambda index: offsets.to_source(base + index))
        script.text, script.to_source = text, lambda index: offsets.to_source(base + index)
        walker.walk_text(text, script.to_source, nesting=0)
        walker.feed_dockerfile_heredocs(heredocs)
    elif heredocs:
        text, text_map = _markers_after_command(text, heredocs)
        first = heredocs[0].body.start
        last = heredocs[-1]
        source = model.file.source
        tail_end = source.line_end(last.terminator_line) if last.terminated else last.body.end
        tail = model.file.source.text[first:tail_end] + "\n"
        full = text + "\n" + tail
        split = len(text)

        def to_source(index: int) -> int:
            if index < split:
                return offsets.to_source(base + text_map(index))
            if index == split:
                return offsets.to_source_end(base + text_map(split - 1) + 1) if split else first
            return first + (index - split - 1)

        script.text, script.to_source = full, to_source
        walker.walk_text(full, to_source, nesting=0)
    else:
        script.text, script.to_source = text, lambda index: offsets.to_source(base + index)
        walker.walk_text(text, script.to_source, nesting=0)
    return script


def _shell_errexit(shell: tuple[str, ...]) -> bool:
    """Whether a SHELL's options turn errexit on (`-e`, `-ec`, `-o errexit`; also
    `["/usr/bin/env", "bash", "-e", "-c"]`)."""
    words: list[str | None] = list(shell[1:])
    if shell and posixpath.basename(shell[0]) == "env":
        # env's own options and assignments, then the shell, then the shell's options
        while words and ((words[0] or "").startswith("-") or "=" in (words[0] or "")):
            words.pop(0)
        words = words[1:]
    return _applied_options(_options_of(words)[0], False, False)[0]


# Private-use characters that stand for the parts of a word brace expansion leaves
# alone (see _Walker._brace_words).
_PLACEHOLDER = 0xE000
_PLACEHOLDERS = 0x1000
_PLACEHOLDER_CHARACTERS = lazy_compile(r"[\uE000-\uEFFF]")


_NAME_AFTER_BRACE = lazy_compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*")


def _expands_braces(program: str, sh_is_bash: bool = False) -> bool:
    name = shell_program([program])
    return name in ("bash", "zsh", "ksh", "mksh") or (sh_is_bash and name == "sh")


_BRACE_SEQUENCE = lazy_compile(r"(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?\Z")
_BRACE_LETTERS = lazy_compile(r"([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?\Z")
MAX_BRACE_WORDS = 256


def _brace_range(first: int, last: int, increment: str | None) -> range:
    """`{1..9..2}`: from first to last by the increment's size, in the bounds' order."""
    size = abs(int(increment)) if increment else 1
    size = size or 1
    return range(first, last + 1, size) if last >= first else range(first, last - 1, -size)


def brace_expansion(text: str) -> list[str]:
    """bash's brace expansion of an unquoted word: `/app/{src,bin}` -> `/app/src`,
    `/app/bin`; `{1..3}` counts. A word without a complete `{a,b}` or `{m..n}` stays
    as it is; a word that would make more than MAX_BRACE_WORDS words too."""
    words = _brace_words(text)
    return [text] if words is None else words


def _brace_words(text: str) -> list[str] | None:
    """`brace_expansion`, None when the words would be too many."""
    start = text.find("{")
    while start != -1:
        depth, commas, end = 0, [], -1
        for index in range(start, len(text)):
            char = text[index]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    end = index
                    break
            elif char == "," and depth == 1:
                commas.append(index)
        if end == -1:
            return [text]
        inner = text[start + 1 : end]
        head, tail = text[:start], text[end + 1 :]
        if commas:
            bounds = [start, *commas, end]
            parts = [text[a + 1 : b] for a, b in itertools.pairwise(bounds)]
        elif (sequence := _BRACE_SEQUENCE.match(inner)) is not None:
            first, last = int(sequence.group(1)), int(sequence.group(2))
            if abs(last - first) >= MAX_BRACE_WORDS:
                return None
            numbers = _brace_range(first, last, sequence.group(3))
            # `{01..03}`: a leading zero pads every number to the widest bound.
            padded = any(
                bound.lstrip("-").startswith("0") and len(bound.lstrip("-")) > 1
                for bound in (sequence.group(1), sequence.group(2))
            )
            width = max(len(sequence.group(1)), len(sequence.group(2))) if padded else 0
            parts = [str(number).zfill(width) for number in numbers]
        elif (letters := _BRACE_LETTERS.match(inner)) is not None:
            first, last = ord(letters.group(1)), ord(letters.group(2))
            parts = [chr(code) for code in _brace_range(first, last, letters.group(3))]
        else:
            start = text.find("{", start + 1)
            continue
        words: list[str] = []
        tails = _brace_words(tail)
        if tails is None:
            return None
        for part in parts:
            for tail_word in tails:
                if "{" in part:
                    inner_words = _brace_words(head + part + tail_word)
                    if inner_words is None:
                        return None
                    words.extend(inner_words)
                else:
                    words.append(head + part + tail_word)
                if len(words) > MAX_BRACE_WORDS:
                    return None
        return words
    return [text]


def shebang_interpreter(line: str) -> str:
    """The program a `#!` line runs: `bash` for `#!/bin/bash -ex` and for
    `#!/usr/bin/env -S bash -e`, `python3` for `#!/usr/bin/env python3`."""
    return shell_program(line[2:].split())


def _code_after_marker(text: str) -> bool:
    """Whether a command line goes on after a heredoc's marker (`cat <<EOF > f`)."""
    match = _MARKER_WORD.search(text)
    return match is not None and bool(text[match.end() :].strip())


_MARKER_WORD = lazy_compile(r"\d*<<-?\S+")


def _blank_heredoc_markers(
    text: str, heredocs: tuple[Heredoc, ...], to_source: Callable[[int], int]
) -> str:
    """`<<EOF` → `< EOF` for the markers of the RUN's heredocs (offsets do not move)."""
    starts = {heredoc.marker.start for heredoc in heredocs}
    chars = list(text)
    index = text.find("<<")
    while index >= 0:
        # The marker word may start with a file descriptor (`0<<EOF`).
        digits = len(text[:index]) - len(text[:index].rstrip("0123456789"))
        if to_source(index - digits) in starts:
            chars[index + 1] = " "
            if index + 2 < len(chars) and chars[index + 2] == "-":
                chars[index + 2] = " "  # `<<-EOT`: the target is EOT
        index = text.find("<<", index + 2)
    return "".join(chars)


def strip_heredoc_tabs(content: str, start: int, chomp: bool) -> tuple[str, Callable[[int], int]]:
    """A heredoc body as the program reads it (`<<-` drops leading tabs) and a map from
    its offsets to source offsets (`start` is where the body starts in the source)."""
    if not chomp:
        return content, lambda index: start + index
    kept: list[str] = []
    positions: list[int] = []
    offset = 0
    for line in content.splitlines(keepends=True):
        tabs = len(line) - len(line.lstrip("\t"))
        kept.append(line[tabs:])
        positions.extend(range(start + offset + tabs, start + offset + len(line)))
        offset += len(line)
    positions.append(start + offset)
    last = len(positions) - 1
    return "".join(kept), lambda index: positions[min(max(index, 0), last)]


_LEADING_MARKER = lazy_compile(r"\s*(\d*<<-?\S+)[ \t]+(?=\S)")


def _markers_after_command(
    text: str, heredocs: tuple[Heredoc, ...]
) -> tuple[str, Callable[[int], int]]:
    """`<<EOF python3` → `python3 <<EOF`: tree-sitter-bash cannot parse a heredoc
    redirection written before the command; the shell runs both the same way. Returns
    the text to parse and a map from its offsets to offsets of `text`."""
    match = _LEADING_MARKER.match(text)
    names = {heredoc.name for heredoc in heredocs}
    marker = parse_heredoc_marker(match.group(1)) if match else None
    if match is None or marker is None or marker.name not in names:
        return text, lambda index: index
    rest_start = match.end()
    rest = text[rest_start:]
    moved = " " + match.group(1)
    marker_start = match.start(1)

    def to_text(index: int) -> int:
        if index < len(rest):
            return rest_start + index
        return marker_start + max(0, min(index - len(rest) - 1, len(moved) - 2))

    return rest + moved, to_text


def _shell_expands(start: bytes, body: str) -> bool:
    """Whether the shell changes this heredoc body: an unquoted delimiter (`<<EOF`,
    not `<<'EOF'`, `<<"EOF"` or `<<\\EOF`) and a `$`, backquote or backslash in it."""
    delimiter = start.split(b"\n", 1)[0]
    if any(quote in delimiter for quote in (b"'", b'"', b"\\")):
        return False
    return any(char in body for char in "$`\\")


def _align(positions: list[int], literal: str, value: str) -> list[int]:
    """Positions for the characters of `value`, which is `literal` (one position per
    character) with variables expanded: the text before the first and after the last
    expansion maps exactly, expanded text maps to where its variable is written."""
    if not positions or len(positions) != len(literal):
        return positions[: len(value)] or [0]
    prefix = 0
    limit = min(len(literal), len(value))
    while prefix < limit and literal[prefix] == value[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and literal[-1 - suffix] == value[-1 - suffix]:
        suffix += 1
    middle = positions[min(prefix, len(positions) - 1)]
    tail = positions[len(positions) - suffix :] if suffix else []
    return positions[:prefix] + [middle] * (len(value) - prefix - suffix) + tail


def _unquoted_positions(raw: str) -> list[int]:
    """For each character of a shell word after quote removal, its index in `raw`
    (quotes dropped, backslash escapes resolved, escaped newlines removed)."""
    positions: list[int] = []
    quote = ""
    index = 0
    while index < len(raw):
        char = raw[index]
        if quote == "'":
            if char == "'":
                quote = ""
            else:
                positions.append(index)
            index += 1
            continue
        if char == "\\" and index + 1 < len(raw):
            following = raw[index + 1]
            if quote == '"' and following not in '"\\$`\n':
                positions.append(index)
                index += 1
                continue
            if following != "\n":
                positions.append(index + 1)
            index += 2
            continue
        if char in "'\"" and (not quote or char == quote):
            quote = "" if quote else char
            index += 1
            continue
        positions.append(index)
        index += 1
    return positions


_JSON_ESCAPES = frozenset('"\\/bfnrt')


def _json_string_offsets(source: str, start: int, end: int) -> list[int] | None:
    """Source offset of each character of the JSON string `source[start:end]` after
    decoding (escapes map to their backslash); None when it is not one plain string
    on the line (an escape this reader does not map, a line continuation inside)."""
    if end - start < 2 or source[start] != '"' or source[end - 1] != '"':
        return None
    offsets: list[int] = []
    index = start + 1
    last = end - 1
    while index < last:
        char = source[index]
        if char == "\\":
            following = source[index + 1] if index + 1 < last else ""
            if following in _JSON_ESCAPES and following:
                offsets.append(index)
                index += 2
                continue
            if following == "u" and index + 6 <= last:
                code = source[index + 2 : index + 6]
                offsets.append(index)
                low = source[index + 6 : index + 12]
                high_surrogate = "D800" <= code.upper() <= "DBFF"  # one character with `low`
                index += 12 if high_surrogate and low.startswith("\\u") else 6
                continue
            return None
        if char == "\n":
            return None
        offsets.append(index)
        index += 1
    return offsets


def _exec_word(value: str, span: Span) -> ShellWord:
    return ShellWord(value, value, value, span, True, False)


class Environment(tuple):  # type: ignore[type-arg]
    """The variables a command sees, as (name, value) pairs in the order set, with a
    lookup table built on first use. Commands share one while nothing changes, so a
    stage of many ENVs and RUNs does not copy or scan its environment per command."""

    def index(self) -> dict[str, str | None]:
        found: dict[str, str | None] | None = self.__dict__.get("_index")
        if found is None:
            found = self.__dict__["_index"] = dict(self)
        return found


def environment_index(environment: tuple[tuple[str, str | None], ...]) -> dict[str, str | None]:
    """The environment of a command as a dict (read only)."""
    return environment.index() if isinstance(environment, Environment) else dict(environment)


class _Variables(dict):  # type: ignore[type-arg]
    """Shell variables; remembers its items as a tuple until the next change
    (`snapshot`: the items when the mapping was made from them, if known)."""

    __slots__ = ("_snapshot",)

    def __init__(self, items: object = (), snapshot: Environment | None = None) -> None:
        super().__init__(items)  # type: ignore[arg-type]
        self._snapshot: Environment | None = snapshot

    def __setitem__(self, key: str, value: str | None) -> None:
        super().__setitem__(key, value)
        self._snapshot = None

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self._snapshot = None

    def snapshot(self) -> Environment:
        if self._snapshot is None:
            self._snapshot = Environment(self.items())
        return self._snapshot


class _Context:
    """State that flows along the statements of a script."""

    __slots__ = (
        "certain",
        "cwd",
        "discarded",
        "errexit",
        "expansions",
        "nesting",
        "oldpwd",
        "pipefail",
        "variables",
    )

    def __init__(
        self,
        cwd: str | None,
        variables: _Variables,
        certain: bool,
        pipefail: bool,
        errexit: bool,
        nesting: int,
        discarded: bool = False,
        oldpwd: str | None = None,
    ) -> None:
        self.cwd = cwd
        self.variables = variables
        self.certain = certain
        self.pipefail = pipefail
        self.errexit = errexit
        self.nesting = nesting
        self.discarded = discarded  # in a substitution whose exit status is thrown away
        self.oldpwd = oldpwd  # where `cd -` goes (the shell's $OLDPWD)
        # What `$NAME` reads when not `variables`: in a heredoc fed to a shell through
        # an unquoted delimiter (`bash <<EOF`), the outer shell expanded the body, with
        # its own variables, before the inner one ran it.
        self.expansions: Mapping[str, str | None] | None = None

    def assign(self, name: str, value: str | None) -> None:
        self.variables[name] = value

    def lose_directory(self) -> None:
        """A `cd` may or may not have run: where the shell is, and was, is unknown."""
        self.cwd = None
        self.oldpwd = None

    def copy(self, variables: _Variables | None = None, certain: bool | None = None) -> _Context:
        """The same state (sharing the variables unless others are given)."""
        copied = _Context(
            self.cwd,
            self.variables if variables is None else variables,
            self.certain if certain is None else certain,
            self.pipefail,
            self.errexit,
            self.nesting,
            self.discarded,
            self.oldpwd,
        )
        copied.expansions = self.expansions
        return copied

    def isolated(self, nesting: int | None = None, discarded: bool = False) -> _Context:
        """A copy with its own variables (a subshell, `sh -c`, a substitution)."""
        inner = self.copy(variables=_Variables(self.variables))
        inner.nesting = self.nesting if nesting is None else nesting
        inner.discarded = self.discarded or discarded
        return inner

    def environment(self) -> tuple[tuple[str, str | None], ...]:
        return self.variables.snapshot()


_REDIRECTS = ("file_redirect", "heredoc_redirect", "herestring_redirect")


class _Walker:
    """Walks tree-sitter nodes in execution order, emitting SimpleCommands."""

    def __init__(
        self,
        model: Model,
        run: Run,
        script: Script,
        environment: dict[str, str | None],
        workdir: str | None,
        pipefail: bool,
    ) -> None:
        self.model = model
        self.run = run
        self.script = script
        self.environment = environment  # shared: read only
        self.environment_snapshot: Environment | None = None  # its items, when known
        # Names a RUN may find set; any other name missing from the environment is
        # unset, not unknown (None: every missing name is unknown). See
        # Model.names_run_may_find_set.
        self.may_be_set = model.names_run_may_find_set(run)
        self.workdir = workdir
        self.initial_pipefail = pipefail
        self.initial_errexit = False  # `SHELL ["/bin/sh", "-e", "-c"]` (see script_of_run)
        self.pipeline_counter = 0
        self.positions: _Positions | None = None
        self.data = b""
        # The script as text when it is ASCII (byte offsets are then character
        # offsets): words are sliced from it without decoding each one.
        self.ascii_text: str | None = ""
        self.exported: set[str] = set()
        # Per script being walked (nested `sh -c` included): its `trap ... EXIT` handler.
        self.exit_traps: list[list[tuple[ShellWord, _Context]]] = []
        self.braces = False  # the shell expands `{a,b}` (bash, zsh, ksh; not sh/dash)
        self.sh_is_bash = False  # the image's /bin/sh is bash
        self.sh_is_ash = False  # ... BusyBox ash (Alpine)
        # Functions the script defines: whether a call may change the directory, and
        # the names it may assign (see _function_changes).
        self.functions: dict[str, Node] = {}  # name -> body

    # -- entry points -----------------------------------------------------------

    def add_exec_command(self, words: tuple[ShellWord, ...]) -> None:
        span = Span(
            words[0].span.start,
            words[-1].span.end,
            words[0].span.line,
            words[0].span.column,
            words[-1].span.end_line,
            words[-1].span.end_column,
        )
        variables = _Variables(self.environment, self.environment_snapshot)
        context = _Context(self.workdir, variables, True, False, False, 0)
        command = self._command(words, (), (), span, context, None, 0, 1, None)
        self.script.commands.append(command)
        self._follow(command, context)

    def walk_text(
        self,
        text: str,
        to_source: Callable[[int], int],
        nesting: int,
        context: _Context | None = None,
    ) -> None:
        if context is None:
            context = _Context(
                self.workdir,
                _Variables(self.environment, self.environment_snapshot),
                True,
                self.initial_pipefail,
                self.initial_errexit,
                nesting,
            )
        data = text.encode("utf-8", "surrogatepass")
        tree, complete = _parse_bounded(data)
        if complete and "!" in text:
            data, tree = _ungroup_negations(text, data, tree)
        if not complete or tree.root_node.has_error:
            self.script.has_errors = True
        saved = (self.positions, self.data, self.ascii_text)
        self.positions = _Positions(self.model, text, to_source)
        self.data = data
        self.ascii_text = data.decode("ascii") if data.isascii() else None
        self.exit_traps.append([])
        try:
            self._statements(tree.root_node.children, context, 0)
        finally:
            self.positions, self.data, self.ascii_text = saved
            traps = self.exit_traps.pop()
        # `trap 'rm -rf /tmp/build' EXIT`: the handler runs as the shell exits.
        for handler, trap_context in traps:
            shell = "bash" if self.braces else "sh"
            self._walk_string(handler, handler.value or "", trap_context, shell)

    # -- statements -----------------------------------------------------------

    def _statements(
        self, nodes: list[Node], context: _Context, depth: int, final: bool = True
    ) -> None:
        """A sequence; `final`: whether it must succeed for the RUN to succeed."""
        statements = [node for node in nodes if node.is_named and node.type != "comment"]
        last = len(statements) - 1
        for index, node in enumerate(statements):
            following = node.next_sibling
            if following is not None and following.type == "&":
                # `dockerd &`: run in the background, in a subshell that may not finish
                # before the RUN ends: nothing it does is certain, nor its `cd`.
                self._statement(node, self._uncertain(context.isolated()), depth + 1, None, False)
                continue
            # Only the last statement's status is the sequence's (see `_list`).
            self._statement(node, context, depth + 1, None, final=final and index == last)
            if index < last and self._replaces_shell(node):
                # `exec app; rm x`: the shell became the program; the rest never runs.
                return

    def _replaces_shell(self, node: Node) -> bool:
        """`exec PROGRAM ...` as a statement of its own (not `exec > file`)."""
        if node.type != "command":
            return False
        words = [child for child in node.children if child.type in ("command_name", "word")]
        return len(words) >= 2 and self._node_text(words[0]) == "exec"

    def _statement(
        self, node: Node, context: _Context, depth: int, operator: str | None, final: bool = True
    ) -> None:
        if depth > MAX_DEPTH:
            self.script.has_errors = True
            return
        kind = node.type
        if kind == "command":
            self._simple(node, context, (), operator, None, 0, 1, depth)
        elif kind == "list":
            self._list(node, context, depth, final=final)
        elif kind == "pipeline":
            self._pipeline(node, context, depth, operator, final)
        elif kind == "redirected_statement":
            self._redirected(node, context, depth, operator, final=final)
        elif kind == "subshell":
            inner = context.isolated()
            self._statements(node.children, inner, depth, final)
        elif kind in ("compound_statement", "do_group"):
            self._statements(node.children, context, depth, final)
        elif kind == "negated_command":
            # `! cmd` that must succeed: cmd failed, so what it does is not certain.
            inner = self._uncertain(context) if final else context
            self._statements(node.children, inner, depth, final=False)
        elif kind in (
            "if_statement",
            "while_statement",
            "for_statement",
            "c_style_for_statement",
            "case_statement",
            "elif_clause",
            "else_clause",
            "case_item",
        ):
            self._conditional(node, context, depth)
        elif kind == "function_definition":
            body = node.child_by_field_name("body")
            name = node.child_by_field_name("name")
            if body is not None:
                self._statement(body, self._uncertain(context), depth, None)
                if name is not None:
                    self.functions[self._node_text(name)] = body
        elif kind == "variable_assignment":
            self._assign(node, context, depth, export=False)
        elif kind == "variable_assignments":
            for child in node.named_children:
                if child.type == "variable_assignment":
                    self._assign(child, context, depth, export=False)
        elif kind == "declaration_command":
            self._declaration(node, context, depth)
        elif kind == "unset_command":
            for child in node.named_children:
                context.assign(self._node_text(child), None)
        elif kind == "test_command":
            self._test(node, context, operator)
        elif kind == "ERROR":
            self.script.has_errors = True
            self._statements(node.children, self._uncertain(context), depth)

    def _uncertain(self, context: _Context) -> _Context:
        return context.copy(certain=False)

    def _function_changes(
        self, body: Node, calling: frozenset[str] = frozenset()
    ) -> tuple[bool, frozenset[str] | None]:
        """What calling a function may change in the calling shell, which it runs in:
        the directory (a `cd`, `pushd`, `popd`, or a call of a function that does) and
        the names it assigns (None: names the model cannot tell, after `eval` or `.`).
        Names it declares `local` stay inside. Worked out at the call, so that it may
        call functions defined after it; the body itself is walked where it is
        defined, and a call only makes these unknown."""
        changes_cwd = False
        names: set[str] | None = set()
        stack = [body]
        while stack:
            node = stack.pop()
            kind = node.type
            if kind == "subshell":
                continue  # its own shell
            if kind == "declaration_command":
                keyword = node.children[0].type if node.children else ""
                global_flag = b"-g" in self.data[node.start_byte : node.end_byte].split()
                if keyword in ("local", "declare", "typeset") and not global_flag:
                    continue
            if kind == "variable_assignment":
                name = node.child_by_field_name("name")
                if name is not None and names is not None:
                    names.add(self._node_text(name))
            elif kind == "for_statement":
                variable = node.child_by_field_name("variable")
                if variable is not None and names is not None:
                    names.add(self._node_text(variable))
            elif kind == "unset_command" and names is not None:
                names.update(self._node_text(child) for child in node.named_children)
            elif kind == "expansion" and names is not None:
                assigned = _ASSIGN_DEFAULT.match(self._node_text(node))
                if assigned:
                    names.add(assigned.group(1))
            elif kind == "command":
                words = [self._node_text(child) for child in node.named_children]
                program = words[0].rsplit("/", 1)[-1] if words else ""
                if program in ("builtin", "command") and len(words) > 1:
                    program, words = words[1], words[1:]
                if program in ("cd", "pushd", "popd"):
                    changes_cwd = True
                elif program in (".", "source", "eval"):
                    changes_cwd, names = True, None
                elif program in _ASSIGNING_BUILTINS and names is not None:
                    # Every name-like operand: `read -r A B`, `printf -v X ...`.
                    names.update(word for word in words[1:] if _VARIABLE_NAME.fullmatch(word))
                    names.update(("REPLY", "OPTARG", "OPTIND", "MAPFILE"))
                elif program in self.functions and program not in calling:
                    called = self._function_changes(self.functions[program], calling | {program})
                    changes_cwd = changes_cwd or called[0]
                    names = None if names is None or called[1] is None else names | called[1]
            stack.extend(node.named_children)
        return changes_cwd, (frozenset(names) if names is not None else None)

    def _home_of(self, user: str) -> str | None:
        """`~user`: root's home, or that of a user an earlier RUN made (or the
        official image has, `~node`); unknown otherwise."""
        if user in _HOMES:
            return _HOMES[user]
        run = self.run
        return self.model.memo(("home", id(run), user), lambda: self.model.home_of(run, user))

    def _acts(self, node: Node) -> bool:
        """Whether a list operand is an action rather than a test: a command whose
        program is in _ACTIONS (`mkdir`, `cd`, `apt-get` ...)."""
        if node.type != "command":
            return False
        name = node.child_by_field_name("name")
        if name is None:
            return False
        program = self._node_text(name).rsplit("/", 1)[-1]
        if program in _ACTIONS:
            return True
        actions = _ACTION_SUBCOMMANDS.get(program)
        if actions is None:
            return False
        # `apk add` acts; `apk info -e curl`, `pip show x`, `git diff --quiet` test.
        words = [
            self._node_text(child)
            for child in node.children
            if child.type == "word" and not self._node_text(child).startswith("-")
        ]
        return bool(words) and words[0] in actions

    def _never_succeeds(self, node: Node) -> bool:
        """`exit 1`, `false`, or a group or subshell ending with one."""
        if node.type in ("compound_statement", "subshell"):
            statements = [child for child in node.named_children if child.type != "comment"]
            return bool(statements) and self._never_succeeds(statements[-1])
        if node.type != "command":
            return False
        words = self._node_text(node).split()
        if words in (["false"], ["/bin/false"], ["exit"], ["exit", "$?"], ["exit", '"$?"']):
            return True  # a bare exit (or `exit $?`) returns the failed status that led here
        return len(words) == 2 and words[0] == "exit" and words[1].isdigit() and words[1] != "0"

    def _set_letters(self, node: Node) -> str | None:
        """The option letters of a `set -eux` (also `true`, `:` with none) that cannot
        fail; None for any other statement (`set -o pipefail` fails in some shs)."""
        if node.type != "command":
            return None
        words = self._node_text(node).split()
        if words in (["true"], [":"]):
            return ""
        if len(words) < 2 or words[0] != "set":
            return None
        letters = ""
        for word in words[1:]:
            if len(word) < 2 or word[0] not in "-+" or not set(word[1:]) <= set("euxvfCn"):
                return None
            letters += word[1:] if word[0] == "-" else ""
        return letters

    def _list(
        self,
        node: Node,
        context: _Context,
        depth: int,
        trailing: list[Node] | None = None,
        final: bool = True,
    ) -> None:
        """`a && b || c ...`: tree-sitter nests these lists to the left, one level per
        operator; they are flattened here so that a chain of any length costs no depth.

        tree-sitter-bash also hangs a redirection in the middle of a chain
        (`a && b > f && c`) on the list to its left; as in bash, it belongs to the
        operand just before it (`b`).

        Which operands surely run when the RUN succeeds, read from the end: the list
        must succeed, so after `&&` the operand ran and what precedes it succeeded;
        after `||` the operand may have been skipped, and what precedes it need not
        have succeeded, so its operands beyond the first may have been skipped too.
        The first operand always runs. `trailing` redirections (of a redirected
        statement around the whole list) belong to its last operand. A list that is not
        the last statement of its sequence (`a && b; c`) need not succeed, `set -e` or
        not (a failure before the last operand does not exit), so only its first
        operand surely runs. A `cd` in an operand that may not run leaves the working
        directory unknown.
        """
        tails: list[tuple[str, list[Node], list[Node]]] = []
        current = node
        while True:
            if current.type == "redirected_statement":
                body = current.child_by_field_name("body")
                if body is None or body.type != "list" or not tails:
                    break
                redirects = [c for c in current.children if c is not body and c.type in _REDIRECTS]
                # The redirections belong to the rightmost operand of the inner list.
                tails.append(("", [], redirects))
                current = body
                continue
            if current.type != "list":
                break
            children = current.children
            named = [child for child in children if child.is_named]
            if not named:
                break
            operator = next(
                (c.type for c in children if not c.is_named and c.type in ("&&", "||", ";", "&")),
                "&&",
            )
            tails.append((operator, named[1:], []))
            current = named[0]
        operands: list[Node] = [current]
        operators: list[str] = []
        attached: dict[int, list[Node]] = {}
        for operator, rights, redirects in reversed(tails):
            if not operator:
                # Redirections of a redirected statement on the spine: its body has just
                # been unfolded, and they belong to its last operand.
                attached.setdefault(len(operands) - 1, []).extend(redirects)
                continue
            for right in rights:
                operators.append(operator)
                operands.append(right)
        if trailing:
            attached.setdefault(len(operands) - 1, []).extend(trailing)
        if not final and operators[-1:] == ["||"] and self._never_succeeds(operands[-1]):
            # `a && b || exit 1; c`: a failure exits the shell, so the list succeeded.
            final = True
        certain = [True] * len(operands)
        required = final
        if not final:
            certain[1:] = [False] * (len(operands) - 1)
        for index in range(len(operands) - 1, 0, -1):
            if not required:
                certain[index] = False
            elif operators[index - 1] == "||":
                if self._never_succeeds(operands[index - 1]):
                    continue  # `false || mkdir /f`: the fallback surely ran
                certain[index] = False
                # `a && b || exit 1`: when the RUN succeeds the fallback did not run, so
                # what precedes it succeeded.
                required = self._never_succeeds(operands[index])
        # Which operands must succeed: the last when the list must; one followed by
        # `&&` when the next surely ran; one followed by a fallback that cannot
        # succeed (`|| exit 1`) when that fallback would have to.
        if not final:
            # Under `set -e` an operand before `&&` may fail only as a test would
            # (`[ -f x ] && rm x; ...`): an action the model takes to have worked
            # (`mkdir -p /app && cd /app; ...`) made the next operand run, and that one
            # must work too, or the shell exits. An operand that cannot fail (`set -e`,
            # `true`) always lets the next run, and `set -e` turns errexit on for the rest.
            errexit = context.errexit
            for index in range(1, len(operands)):
                if operators[index - 1] != "&&" or not certain[index - 1]:
                    break
                previous = operands[index - 1]
                options = self._set_letters(previous)
                if options is not None:
                    errexit = errexit or "e" in options
                elif not errexit or not self._acts(previous):
                    break
                certain[index] = True
        must = [False] * len(operands)
        must[-1] = final
        for index in range(len(operands) - 2, -1, -1):
            if operators[index] == "&&":
                must[index] = certain[index + 1]
            else:
                must[index] = must[index + 1] and self._never_succeeds(operands[index + 1])
        for index, operand in enumerate(operands):
            inner = context if certain[index] else self._uncertain(context)
            operator_before = operators[index - 1] if index else None
            extra = attached.get(index)
            # `cd /x || true`: the cd may have failed, and the shell went on.
            may_fail = (
                index + 1 < len(operands)
                and operators[index] == "||"
                and not self._never_succeeds(operands[index + 1])
            )
            before = (context.cwd, context.oldpwd)
            if not extra:
                self._statement(operand, inner, depth + 1, operator_before, final=must[index])
                moved = (inner.cwd, inner.oldpwd) != (context.cwd, context.oldpwd)
                if moved or (may_fail and (context.cwd, context.oldpwd) != before):
                    context.lose_directory()  # a cd that may not have run
                continue
            redirects: list[Redirect] = []
            heredoc_bodies: list[Node] = []
            for redirect in extra:
                self._collect_redirects(redirect, inner, redirects, heredoc_bodies)
            if operand.type == "command":
                self._simple(
                    operand, inner, tuple(redirects), operator_before, None, 0, 1, depth + 1
                )
            else:
                self._statement(operand, inner, depth + 1, operator_before)
                span = self._span(operand)
                self.script.commands.append(
                    self._command(
                        (), (), tuple(redirects), span, inner, None, 0, 1, operator_before
                    )
                )
            if may_fail and (context.cwd, context.oldpwd) != before:
                context.lose_directory()

    def _pipeline(
        self, node: Node, context: _Context, depth: int, operator: str | None, final: bool = True
    ) -> None:
        self.pipeline_counter += 1
        number = self.pipeline_counter
        parts = [child for child in node.children if child.is_named]
        commands = self.script.commands
        members: list[tuple[SimpleCommand, ...]] = []
        # Pipelines are listed in the order they start: an outer one before those
        # nested in its members (tree-sitter-bash nests some long chains).
        position = len(self.script.pipeline_structure)
        for index, child in enumerate(parts):
            before = len(commands)
            # Each member of a pipeline runs in a subshell: what it assigns stays there.
            inner = context.copy(_Variables(context.variables) if len(parts) > 1 else None)
            if child.type == "command":
                self._simple(
                    child,
                    inner,
                    (),
                    operator if index == 0 else "|",
                    number,
                    index,
                    len(parts),
                    depth + 1,
                )
            elif child.type == "redirected_statement":
                self._redirected(child, inner, depth + 1, operator, (number, index, len(parts)))
            else:
                # Only the last member's status is the pipeline's, unless pipefail.
                member_final = final and (index == len(parts) - 1 or context.pipefail)
                self._statement(
                    child, inner, depth + 1, operator if index == 0 else "|", member_final
                )
            members.append(tuple(commands[before:]))
        if len(members) > 1:
            self.script.pipeline_structure.insert(
                position, Pipeline(tuple(members), context.pipefail, context.discarded)
            )

    def _redirected(
        self,
        node: Node,
        context: _Context,
        depth: int,
        operator: str | None,
        pipeline: tuple[int, int, int] | None = None,
        final: bool = True,
    ) -> None:
        body = node.child_by_field_name("body")
        redirects: list[Redirect] = []
        heredoc_bodies: list[Node] = []
        arguments: list[ShellWord] = []
        for child in node.children:
            if child is body or child.type not in _REDIRECTS:
                continue
            self._collect_redirects(child, context, redirects, heredoc_bodies, arguments)
        if body is None:
            span = self._span(node)
            command = self._command((), (), tuple(redirects), span, context, None, 0, 1, operator)
            self.script.commands.append(command)
            return
        if body.type == "command":
            number, index, length = pipeline if pipeline else (None, 0, 1)
            command = self._simple(
                body,
                context,
                tuple(redirects),
                operator,
                number,
                index,
                length,
                depth + 1,
                tuple(arguments),
            )
            if command is not None:
                self._feed_heredocs(command, heredoc_bodies, context)
            return
        if body.type == "list" and not heredoc_bodies:
            # tree-sitter-bash hangs `a && b > f` on the list; the redirection is b's.
            trailing = [c for c in node.children if c is not body and c.type in _REDIRECTS]
            self._list(body, context, depth + 1, trailing, final)
            return
        # A compound statement or list with redirections: the statements run, and the
        # redirections (e.g. `{ ...; } > file`) are recorded on their own.
        before = len(self.script.commands)
        # The shell opens the files before the body runs: where a `cd` inside leads
        # does not move them (`{ cd /x; make; } > build.log`).
        opened_in = context.copy()
        self._statement(body, context, depth + 1, operator)
        if body.type == "list" and heredoc_bodies and len(self.script.commands) > before:
            # tree-sitter-bash hangs `a && b <<EOF` on the list; the heredoc is b's.
            self._feed_heredocs(self.script.commands[-1], heredoc_bodies, context)
        if redirects:
            span = self._span(node)
            command = self._command((), (), tuple(redirects), span, opened_in, None, 0, 1, operator)
            self.script.commands.append(command)

    def _collect_redirects(
        self,
        node: Node,
        context: _Context,
        redirects: list[Redirect],
        heredoc_bodies: list[Node],
        arguments: list[ShellWord] | None = None,
    ) -> None:
        """A redirection's operator, descriptor and target. tree-sitter-bash hangs the
        words that follow the target on the redirection (`rm -rf >/dev/null /x`): as
        in the shell, they are arguments of the command (`arguments`)."""
        if node.type == "heredoc_redirect":
            for child in node.children:
                if child.type == "heredoc_body":
                    heredoc_bodies.append(child)
                elif child.type in ("file_redirect", "herestring_redirect"):
                    self._collect_redirects(child, context, redirects, heredoc_bodies, arguments)
            return
        operator = ""
        descriptor = None
        target = None
        for child in node.children:
            if child.type == "file_descriptor":
                try:
                    descriptor = int(self._node_text(child))
                except ValueError:
                    descriptor = None
            elif not child.is_named:
                operator += child.type
            elif target is None:
                target = self._word(child, context)
            elif arguments is not None and child.type != "comment":
                arguments.extend(self._fields(child, context))
        redirects.append(Redirect(operator, descriptor, target, self._span(node)))

    def _conditional(self, node: Node, context: _Context, depth: int) -> None:
        loop_variable = None
        if node.type == "for_statement":
            loop_variable = node.child_by_field_name("variable")
        if loop_variable is not None:
            # Inside the body the name takes each item in turn: not one known value.
            context.assign(self._node_text(loop_variable), None)
        uncertain = self._uncertain(context)
        condition_done = False
        for child in node.children:
            if not child.is_named:
                continue
            field_name = node.field_name_for_child(list(node.children).index(child))
            first_condition = field_name == "condition" and not condition_done
            if first_condition and node.type in ("if_statement", "while_statement"):
                # The first condition runs whenever the statement does; it need not
                # succeed (`if ! yum install x; then`).
                self._statement(child, context, depth + 1, None, final=False)
                condition_done = True
            elif child.type in (
                "word",
                "string",
                "raw_string",
                "concatenation",
                "simple_expansion",
                "expansion",
                "variable_name",
                "number",
                "extglob_pattern",
            ):
                continue
            else:
                self._statement(child, uncertain, depth + 1, None)
        if (uncertain.cwd, uncertain.oldpwd) != (context.cwd, context.oldpwd):
            context.lose_directory()  # a branch or loop body may have changed directory
        if loop_variable is not None:
            context.assign(self._node_text(loop_variable), self._last_item(node, context))

    def _last_item(self, node: Node, context: _Context) -> str | None:
        """The value a `for NAME in ITEMS` loop leaves in NAME: its last item, when the
        items are known words and no `break` can end the loop early; else unknown."""
        items = [
            child
            for index, child in enumerate(node.children)
            if node.field_name_for_child(index) == "value"
        ]
        if not items or b"break" in self.data[node.start_byte : node.end_byte]:
            return None
        variable = node.child_by_field_name("variable")
        name = self._node_text(variable) if variable is not None else ""
        body = node.child_by_field_name("body")
        if body is not None and any(
            self._node_text(assignment.child_by_field_name("name") or assignment) == name
            for assignment in _nodes_of_type(body, "variable_assignment")
        ):
            return None  # the body assigns it too
        words = self._fields(items[-1], context)
        if not words or words[-1].value is None or words[-1].glob:
            return None
        return words[-1].value if context.certain else None

    def _test(self, node: Node, context: _Context, operator: str | None) -> None:
        words = []
        for child in node.children:
            if child.is_named:
                words.append(self._word(child, context))
        span = self._span(node)
        bracket = ShellWord(
            "[",
            "[",
            "[",
            Span(span.start, span.start + 1, span.line, span.column, span.line, span.column + 1),
            False,
            False,
        )
        command = self._command((bracket, *words), (), (), span, context, None, 0, 1, operator)
        self.script.commands.append(command)

    def _assign(
        self, node: Node, context: _Context, depth: int, export: bool, declared: bool = False
    ) -> tuple[str, ShellWord | None]:
        """`NAME=value` as a statement of its own, or in `export`/`local`/`readonly`.

        Commands in the value's `$(...)` run first. A bare assignment's status is
        theirs (`X=$(curl ... | sha256sum) && ...`); a declaration's is the builtin's
        own, so theirs is discarded.
        """
        name_node = node.child_by_field_name("name")
        value_node = node.child_by_field_name("value")
        name = self._node_text(name_node) if name_node is not None else ""
        if value_node is not None and depth < MAX_DEPTH and self._may_substitute(value_node):
            self._substitutions(value_node, context, depth + 1, discarded=declared)
        word = self._word(value_node, context) if value_node is not None else None
        value = word.value if word is not None else ""
        if any(child.type == "+=" for child in node.children):
            # bash appends; sh (dash) has no `+=` and runs `NAME+=...` as a command.
            previous = context.variables.get(name)
            appends = self.braces and previous is not None and value is not None
            value = previous + value if appends else None
        context.assign(name, value if context.certain else None)
        if name == "OLDPWD":
            context.oldpwd = value if context.certain else None  # where `cd -` goes
        if export:
            self.exported.add(name)
        return name, word

    def _declaration(self, node: Node, context: _Context, depth: int) -> None:
        keyword = node.children[0].type if node.children else ""
        words: list[ShellWord] = []
        for child in node.named_children:
            if child.type == "variable_assignment":
                self._assign(child, context, depth, export=keyword == "export", declared=True)
            else:
                word = self._word(child, context)
                if keyword == "export" and child.type == "variable_name" and word.value:
                    self.exported.add(word.value)  # `A=/x; export A`
                elif word.value is None or "=" in (word.value or ""):
                    # `export $(cat .env)`, `export "$k=$v"`: a name the model cannot see.
                    self.may_be_set = None
                words.append(word)
        span = self._span(node)
        head = ShellWord(keyword, keyword, keyword, span, False, False)
        command = self._command((head, *words), (), (), span, context, None, 0, 1, None)
        self.script.commands.append(command)

    # -- simple commands --------------------------------------------------------

    def _simple(
        self,
        node: Node,
        context: _Context,
        redirects: tuple[Redirect, ...],
        operator: str | None,
        pipeline: int | None,
        index: int,
        length: int,
        depth: int,
        trailing_words: tuple[ShellWord, ...] = (),
    ) -> SimpleCommand | None:
        assignments: list[tuple[str, ShellWord | None]] = []
        words: list[ShellWord] = []
        extra_redirects: list[Redirect] = []
        heredoc_bodies: list[Node] = []
        substitutes = self._may_substitute(node)
        # The status of a substitution is the command's only when there is no command.
        named = substitutes and any(child.type == "command_name" for child in node.children)
        for child in node.children:
            kind = child.type
            if kind == "variable_assignment":
                name_node = child.child_by_field_name("name")
                value_node = child.child_by_field_name("value")
                assignments.append(
                    (
                        self._node_text(name_node) if name_node is not None else "",
                        self._word(value_node, context) if value_node is not None else None,
                    )
                )
            elif kind == "command_name":
                inner = child.named_children[0] if child.named_children else child
                words.extend(self._fields(inner, context))
            elif kind in ("file_redirect", "heredoc_redirect", "herestring_redirect"):
                self._collect_redirects(child, context, extra_redirects, heredoc_bodies, words)
            elif child.is_named and kind != "comment":
                words.extend(self._fields(child, context))
            if substitutes and depth < MAX_DEPTH and child.is_named and self._may_substitute(child):
                self._substitutions(child, context, depth + 1, discarded=named)
        words.extend(trailing_words)  # (after a redirection: see `_collect_redirects`)
        all_redirects = tuple(extra_redirects) + redirects
        if not words:
            for name, word in assignments:
                value = (word.value if word is not None else "") if context.certain else None
                context.assign(name, value)
            if all_redirects:
                command = self._command(
                    (),
                    tuple(assignments),
                    all_redirects,
                    self._span(node),
                    context,
                    pipeline,
                    index,
                    length,
                    operator,
                )
                self.script.commands.append(command)
                return command
            return None
        command = self._command(
            tuple(words),
            tuple(assignments),
            all_redirects,
            self._lazy(node),
            context,
            pipeline,
            index,
            length,
            operator,
        )
        self.script.commands.append(command)
        self._follow(command, context)
        if heredoc_bodies:
            self._feed_heredocs(command, heredoc_bodies, context)
        return command

    def _command(
        self,
        words: tuple[ShellWord, ...],
        assignments: tuple[tuple[str, ShellWord | None], ...],
        redirects: tuple[Redirect, ...],
        span: Span | LazySpan,
        context: _Context,
        pipeline: int | None,
        index: int,
        length: int,
        operator: str | None,
    ) -> SimpleCommand:
        environment = context.environment()
        return SimpleCommand(
            words,
            assignments,
            redirects,
            span,
            context.cwd,
            context.certain,
            pipeline,
            index,
            length,
            operator,
            context.pipefail,
            context.errexit,
            context.nesting,
            environment,
            context.discarded,
        )

    def _follow(self, command: SimpleCommand, context: _Context) -> None:
        """Effects of a command on the walk itself: cd, set, sh -c, python -c."""
        name = command.name
        args = command.args
        if name == "popd":
            # bash's directory stack is not followed: where popd returns is unknown.
            if not pipeline_member(command):
                context.lose_directory()
        elif name == "cd" or name == "pushd":
            if name == "pushd":
                args = tuple(word for word in args if not (word.value or "").startswith(("-", "+")))
                if not args:
                    context.lose_directory()  # `pushd` alone swaps with the stack top
                    return
            else:
                args = _cd_operands(args)
            target = args[0].value if args else context.variables.get("HOME")
            if pipeline_member(command):
                return
            if target == "-" and name == "cd":
                target = context.oldpwd  # `cd -` goes back
            context.oldpwd = context.cwd if command.certain else None
            if target is None or target == "-":
                context.cwd = None
            elif target.startswith("/"):
                context.cwd = posixpath.normpath(target)
            elif context.cwd is not None:
                context.cwd = posixpath.normpath(posixpath.join(context.cwd, target))
            if not command.certain:
                context.cwd = None
        elif name == "set":
            self._set_options(args, context)
        elif name in (".", "source", "eval"):
            # It may set any name: a `${NAME:-word}` after it is no longer certain.
            self.may_be_set = None
            if name == "eval" and not pipeline_member(command):
                context.lose_directory()  # `eval "cd /b"`
        elif name in self.functions:
            changes_cwd, names = self._function_changes(self.functions[name], frozenset({name}))
            if changes_cwd and not pipeline_member(command):
                context.lose_directory()
            if names is None:
                self.may_be_set = None
                for assigned in list(context.variables):
                    context.assign(assigned, None)
            else:
                for assigned in names:
                    context.assign(assigned, None)
        elif name in _ASSIGNING_BUILTINS:
            for assigned in _assigned_names(name, args):
                context.assign(assigned, None)
        elif name == "trap":
            self._trap(command, args, context)
        elif name in _SHELLS:
            self._nested_shell(command, context)
        elif name is not None and name.startswith(_PYTHONS):
            self._python_argument(command)

    def _trap(self, command: SimpleCommand, args: tuple[ShellWord, ...], context: _Context) -> None:
        """Remember the handler of `trap HANDLER EXIT` (a later trap replaces it; `trap -
        EXIT` or an empty handler removes it)."""
        signals = {word.value for word in args[1:]}
        if not args or not self.exit_traps or not signals & {"EXIT", "0", "SIGEXIT"}:
            return
        handler = args[0]
        if handler.value is None:
            self.exit_traps[-1][:] = []  # an unknown handler: its effects are unknown
            return
        inner = context if command.certain else self._uncertain(context)
        kept = handler.value not in ("", "-")
        self.exit_traps[-1][:] = [(handler, inner)] if kept else []

    def _set_options(self, args: tuple[ShellWord, ...], context: _Context) -> None:
        """`set -e`, `set -eo pipefail`, `set +e`, `set +o errexit` ..."""
        context.errexit, context.pipefail = _applied_options(
            _shell_options(args)[0], context.errexit, context.pipefail
        )

    def _nested_shell(self, command: SimpleCommand, context: _Context) -> None:
        """`sh -c 'script'`: parse the script with positions inside the string."""
        if context.nesting >= MAX_SCRIPT_NESTING:
            return
        body = inline_script(command)
        if body is None:
            return
        inner_text = body.value if body.value is not None else body.literal
        child = self._child_context(command, context)
        # `sh -c 'rm -rf "$1"' _ /tmp/x`: the words after the script are $0, $1 ...
        at = next(index for index, word in enumerate(command.args) if word is body)
        after = command.args[at + 1 :]
        for position, word in enumerate(after[:10]):
            child.variables[str(position)] = word.value
        self._walk_string(body, inner_text, child, command.name or "")

    def _child_context(self, command: SimpleCommand, context: _Context) -> _Context:
        """What a child process (`sh -c`) sees: the environment, exported variables and
        the command's own assignments; a variable the script set without exporting it
        is not passed (the child's value is the base image's: unknown)."""
        child = context.isolated()
        # Shell options are not inherited: the child has those of its own command line
        # (`bash -eo pipefail -c ...`), not the caller's `set -e` or `set -o pipefail`.
        child.errexit, child.pipefail = invocation_options(command)
        for name in list(child.variables):
            if name not in self.exported and name not in self.environment:
                del child.variables[name]  # (a name from the environment stays exported)
        for name, word in command.assignments:
            child.variables[name] = word.value if word is not None else ""
        wrappers = command.words[: len(command.words) - len(command.argv_words)]
        user = _switched_user(wrappers)
        if user is not None:
            # `gosu app sh -c ...`, `su-exec`, `sudo`: the target user's home.
            child.variables["HOME"] = self.model.home_of(self.run, user) if user else None
        # `env NAME=value sh -c ...`, `sudo NAME=value ...`: the wrapper sets them.
        for word in wrappers:
            name, equals, value = (word.value or "").partition("=")
            if equals and _VARIABLE_NAME.fullmatch(name):
                child.variables[name] = value
        return child

    def _walk_string(self, word: ShellWord, inner_text: str, context: _Context, shell: str) -> None:
        to_source = self._word_map(word, inner_text)
        inner = context.isolated(context.nesting + 1)
        self._walk_as(shell, inner_text, to_source, context.nesting + 1, inner)

    def _walk_as(
        self,
        shell: str,
        text: str,
        to_source: Callable[[int], int],
        nesting: int,
        context: _Context,
    ) -> None:
        """Walk a script that `shell` runs (brace expansion is bash's, not sh's)."""
        outer = self.braces
        self.braces = _expands_braces(shell, self.sh_is_bash)
        try:
            self.walk_text(text, to_source, nesting, context)
        finally:
            self.braces = outer

    def _python_argument(self, command: SimpleCommand) -> None:
        args = command.args
        for position, word in enumerate(args):
            if word.value == "-c" and position + 1 < len(args):
                code = args[position + 1]
                if code.value is None:
                    return  # the code depends on a variable the model does not know
                text = code.value
                to_source = self._word_map(code, text)
                self.script.embedded.append(
                    EmbeddedCode("python", text, to_source, "-c", command.name or "python")
                )
                return
            if not (word.value or "").startswith("-"):
                return

    def _word_map(self, word: ShellWord, text: str) -> Callable[[int], int]:
        """Source offset of each character of a word's unquoted text (`text`)."""
        positions = word._positions
        if positions is None:
            # An exec-form argument: map through the JSON string as written.
            span = word.span
            offsets = _json_string_offsets(self.model.file.source.text, span.start, span.end)
            if offsets is None or len(offsets) != len(text):
                return lambda index: span.start
            end = len(offsets) - 1
            return lambda index: offsets[min(max(index, 0), end)] if index <= end else span.end - 1
        first = positions.char(word._start)
        raw_positions = _unquoted_positions(word.raw)
        if len(raw_positions) != len(text):
            raw_positions = _align(raw_positions, word.literal, text)
        last = len(raw_positions) - 1
        mapper = positions.to_source

        def to_source(index: int) -> int:
            if index > last:
                return mapper(first + raw_positions[last]) + 1
            return mapper(first + raw_positions[max(index, 0)])

        return to_source

    def _feed_heredocs(self, command: SimpleCommand, bodies: list[Node], context: _Context) -> None:
        """A heredoc fed to a shell or Python on stdin is code too."""
        name = command.name
        if name is None or not bodies or self.positions is None:
            return
        is_shell = name in _SHELLS and reads_script_from_stdin(command)
        is_python = name.startswith(_PYTHONS)
        if not (is_shell or is_python):
            return
        positions = self.positions
        for body in bodies:
            start_char = positions.char(body.start_byte)
            end_char = positions.char(body.end_byte)
            text = positions.text[start_char:end_char]
            parent_map = positions.to_source
            redirect = self.data[body.parent.start_byte : body.start_byte] if body.parent else b""
            text, body_map = strip_heredoc_tabs(text, start_char, redirect.startswith(b"<<-"))

            def to_source(
                index: int,
                inner: Callable[[int], int] = body_map,
                mapper: Callable[[int], int] = parent_map,
            ) -> int:
                return mapper(inner(index))

            if is_python:
                if _shell_expands(redirect, text):
                    continue  # the shell rewrites `$x`, backquotes and backslashes first
                code = EmbeddedCode("python", text, to_source, "stdin", name)
                self.script.embedded.append(code)
            elif context.nesting < MAX_SCRIPT_NESTING:
                inner = self._child_context(command, context)
                inner.nesting = context.nesting + 1
                if _shell_expands(redirect, text):
                    inner.expansions = dict(context.variables)
                self._walk_as(name, text, to_source, context.nesting + 1, inner)

    def feed_dockerfile_heredocs(self, heredocs: tuple[Heredoc, ...]) -> None:
        """Heredocs whose markers became `< NAME`: a body fed to a shell or Python is
        code too (see `_feed_heredocs` for the single-heredoc case)."""
        by_name = {heredoc.name: heredoc for heredoc in heredocs}
        for command in list(self.script.commands):
            name = command.name
            if name is None or command.nesting:
                continue
            is_shell = name in _SHELLS and reads_script_from_stdin(command)
            if not (is_shell or name.startswith(_PYTHONS)):
                continue
            for redirect in command.redirects:
                target = redirect.target.value if redirect.target is not None else None
                if redirect.operator != "<" or target is None:
                    continue
                heredoc = by_name.get(target.removeprefix("-"))
                if heredoc is None:
                    continue
                body, body_map = strip_heredoc_tabs(
                    heredoc.content, heredoc.body.start, heredoc.chomp
                )
                if not is_shell:
                    if not (heredoc.expand and any(char in body for char in "$`\\")):
                        self.script.embedded.append(
                            EmbeddedCode("python", body, body_map, "stdin", name)
                        )
                    continue
                outer = _Context(
                    command.cwd,
                    _Variables(command.environment),
                    command.certain,
                    command.pipefail,
                    command.errexit,
                    0,
                )
                context = self._child_context(command, outer)
                context.nesting = 1
                if heredoc.expand:
                    context.expansions = dict(command.environment)
                self._walk_as(name, body, body_map, 1, context)

    def _may_substitute(self, node: Node) -> bool:
        data, start, end = self.data, node.start_byte, node.end_byte
        return data.find(b"$(", start, end) >= 0 or data.find(b"`", start, end) >= 0

    def _substitutions(
        self, node: Node, context: _Context, depth: int, discarded: bool = False
    ) -> None:
        """Commands inside `$(...)` and backticks run too (`discarded`: their exit
        status is thrown away)."""
        if depth > MAX_DEPTH:
            return
        stack = [(node, depth)]
        while stack:
            current, level = stack.pop()
            if current.type == "command_substitution":
                if self._node_text(current).startswith("$(("):
                    continue  # arithmetic that tree-sitter-bash misread (`${D:-$((1+1))}`)
                inner = context.isolated(discarded=discarded)
                self._statements(current.children, inner, level)
                continue
            if level < MAX_DEPTH and current.child_count:
                stack.extend((child, level + 1) for child in reversed(current.children))

    # -- words --------------------------------------------------------------------

    def _node_text(self, node: Node) -> str:
        text = self.ascii_text
        if text is not None:
            return text[node.start_byte : node.end_byte]
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def _span(self, node: Node) -> Span:
        assert self.positions is not None
        return self.positions.span(node.start_byte, node.end_byte)

    def _lazy(self, node: Node) -> LazySpan:
        assert self.positions is not None
        return LazySpan(self.positions, node.start_byte, node.end_byte)

    def _word(self, node: Node, context: _Context) -> ShellWord:
        raw = self._node_text(node)
        if node.type == "word" and not _SPECIAL_WORD.search(raw):
            return ShellWord(
                raw, raw, raw, None, False, False, self.positions, node.start_byte, node.end_byte
            )
        value, literal, quoted, glob = self._evaluate(node, context, 0)
        if context.expansions is not None and ("\\$" in raw or "\\`" in raw):
            value = None  # `\$D` in `bash <<EOF`: the inner shell expands `$D`
        return ShellWord(
            raw, value, literal, None, quoted, glob, self.positions, node.start_byte, node.end_byte
        )

    def _reads_as_the_builder(self, raw: str) -> bool:
        """Whether the shell gives `${...}` the value the builder's rules (`expand`)
        do. Not when its word holds what only the shell expands (a command or
        arithmetic substitution, a `~`) or quotes (which keep a default in one
        field), nor for bash's anchored replacements (`${V/#p/r}`), nor for pattern
        replacement under dash, which refuses it."""
        if any(text in raw for text in ("$(", "`", "~", "'", '"')):
            return False
        match = _NAME_AFTER_BRACE.match(raw)
        operator = raw[match.end() : match.end() + 2] if match else ""
        if operator[:1] == "/":
            return operator not in ("/#", "/%") and (self.braces or self.sh_is_ash)
        return True

    def _brace_words(self, node: Node, context: _Context) -> list[str]:
        """bash's brace expansion of a word, done before any other expansion: only
        unquoted, unescaped braces and commas count (`"$A"/{bin,lib}` gives two
        words, `/a\\{b,c\\}` and a variable's value holding braces give none). Every
        other part of the word (quotes, expansions, escapes, a `~`) stands in the
        pattern as one placeholder character and gets its value back afterwards."""
        parts = node.children if node.type == "concatenation" else [node]
        pattern: list[str] = []
        values: list[str] = []
        for part in parts:
            raw = self._node_text(part)
            if part.type == "brace_expression" or (part.type == "word" and raw[:1] != "~"):
                index = 0
                while index < len(raw):
                    if raw[index] == "\\" and index + 1 < len(raw):
                        pattern.append(chr(_PLACEHOLDER + len(values)))
                        values.append(raw[index + 1])
                        index += 2
                        continue
                    pattern.append(raw[index])
                    index += 1
                continue
            value = self._evaluate(part, context, 0)[0]
            if value is None:
                return []
            pattern.append(chr(_PLACEHOLDER + len(values)))
            values.append(value)
        text = "".join(pattern)
        if len(values) > _PLACEHOLDERS or _PLACEHOLDER_CHARACTERS.search(
            "".join(self._node_text(part) for part in parts)
        ):
            return []  # (a script that writes these characters itself)
        return [
            "".join(
                values[ord(char) - _PLACEHOLDER]
                if _PLACEHOLDER <= ord(char) < _PLACEHOLDER + len(values)
                else char
                for char in expanded
            )
            for expanded in brace_expansion(text)
        ]

    def _fields(self, node: Node, context: _Context) -> list[ShellWord]:
        """The argv words a word node becomes: an unquoted expansion is split into
        fields at whitespace (`rm -rf $DIRS`), disappears when empty, and is a glob
        pattern when its value has `*`, `?` or `[` (`rm -f $ARCHIVES`)."""
        word = self._word(node, context)
        value = word.value
        if self.braces and value is not None and "{" in word.raw:
            expanded = self._brace_words(node, context)
            if len(expanded) > 1:
                return [word.with_value(text) for text in expanded]
        if (
            value is None
            or word.quoted
            or node.type not in _SPLIT_NODES
            or "\\" in word.raw  # an escaped blank is no field separator
        ):
            return [word]
        if "IFS" in context.variables and context.variables["IFS"] != " \t\n":
            # `IFS=:; P=/a:/b; touch $P`: fields split where IFS says.
            separators = context.variables["IFS"]
            if separators is None:
                return [ShellWord(word.raw, None, word.literal, word._span, False, word.glob)]
            if separators:
                pattern = f"[{re.escape(separators)}]+"
                fields = [part for part in re.split(pattern, value) if part]
            else:
                fields = [value] if value else []  # IFS empty: no splitting
        else:
            fields = value.split()
        if fields == [value] and (word.glob or not any(char in _GLOB for char in value)):
            return [word]
        return [word.with_value(field) for field in fields]

    def _evaluate(
        self, node: Node, context: _Context, depth: int
    ) -> tuple[str | None, str, bool, bool]:
        """(value, literal, quoted, glob) of a word node."""
        kind = node.type
        raw = self._node_text(node)
        if depth > MAX_DEPTH:
            return None, raw, False, False
        if kind in (
            "word",
            "number",
            "variable_name",
            "extglob_pattern",
            "test_operator",
            "regex",
            "special_variable_name",
        ):
            literal = _unescape(raw)
            glob = ("*" in raw or "?" in raw or "[" in raw) and any(
                char in _GLOB for char in _unescaped_glob_chars(raw)
            )
            if raw.startswith("~"):  # an unquoted, unescaped tilde prefix
                user, slash, rest = literal[1:].partition("/")
                home = context.variables.get("HOME") if not user else self._home_of(user)
                if home is None:
                    return None, literal, False, glob
                return home + slash + rest, literal, False, glob
            return literal, literal, False, glob
        if kind == "raw_string":
            inner = raw[1:-1] if len(raw) >= 2 else ""
            return inner, inner, True, False
        if kind == "ansi_c_string":
            inner = raw[2:-1] if len(raw) >= 3 else ""
            decoded = _ansi_c(inner)
            if not (self.braces or self.sh_is_ash):
                # dash (Debian's and Ubuntu's sh) reads `$'a'` as `$` and `'a'`, and
                # another image's sh may be either.
                return None, decoded, True, False
            return decoded, decoded, True, False
        if kind in ("string", "translated_string"):
            parts_value: list[str] = []
            parts_literal: list[str] = []
            known = True
            for child in node.children:
                if not child.is_named:
                    continue
                if child.type == "string_content":
                    text = _unescape_double(self._node_text(child))
                    parts_value.append(text)
                    parts_literal.append(text)
                else:
                    value, literal, _, _ = self._evaluate(child, context, depth + 1)
                    if value is None:
                        known = False
                    else:
                        parts_value.append(value)
                    parts_literal.append(literal)
            literal = "".join(parts_literal)
            if not known:
                return None, literal, True, False
            # Text between named children (e.g. spaces inside "a $b c") is in string_content.
            return "".join(parts_value), literal, True, False
        if kind == "concatenation":
            values: list[str] = []
            literals: list[str] = []
            known = True
            quoted = glob = False
            for child in node.children:
                value, literal, child_quoted, child_glob = self._evaluate(child, context, depth + 1)
                quoted = quoted or child_quoted
                glob = glob or child_glob
                literals.append(literal)
                if value is None:
                    known = False
                else:
                    values.append(value)
            return ("".join(values) if known else None), "".join(literals), quoted, glob
        if kind == "simple_expansion":
            name = raw[1:]
            if name == "PWD":
                return context.cwd, raw, False, False  # the shell keeps it with `cd`
            if name == "OLDPWD":
                return context.oldpwd, raw, False, False
            seen = context.variables if context.expansions is None else context.expansions
            if name in seen:
                return seen[name], raw, False, False
            return None, raw, False, False
        if kind == "expansion":
            assigned = _ASSIGN_DEFAULT.match(raw) if "=" in raw else None
            if assigned:
                context.assign(assigned.group(1), None)  # `${NAME:=word}` sets NAME
            variables: Mapping[str, str | None] = (
                context.variables if context.expansions is None else context.expansions
            )
            if "PWD" in raw:
                variables = {**variables, "PWD": context.cwd}
            if self.may_be_set is not None:
                variables = ImageEnv({**dict.fromkeys(self.may_be_set), **variables})
            if not self._reads_as_the_builder(raw):
                return None, raw, False, False
            return expand(raw, variables), raw, False, False
        if kind == "command_substitution" and raw in ("$(pwd)", "`pwd`"):
            return context.cwd, raw, False, False
        if kind in ("command_substitution", "process_substitution", "arithmetic_expansion"):
            return None, raw, False, False
        if kind == "brace_expression":
            # `{1..3}`: literal text in sh; bash expands it (see `brace_expansion`).
            return raw, raw, False, False
        return None, raw, False, False


def inline_script(command: SimpleCommand) -> ShellWord | None:
    """The script word of `sh -c SCRIPT` (also `bash -ec`, `ash -lc` ...), if any.

    The walker parses that script into commands of its own (see `_nested_shell`).
    """
    if command.name not in _SHELLS:
        return None
    options, position, readable = _shell_options(command.args)
    reads_script = any(sign == "-" and "c" in letters for sign, letters, _ in options)
    if not readable or not reads_script or position >= len(command.args):
        return None
    return command.args[position]


def reads_script_from_stdin(command: SimpleCommand) -> bool:
    """Whether a shell reads its script from stdin: no `-c`, and no script file
    operand (`bash`, `bash -o pipefail`, `sh -e`) or `-s` (`sh -s -- ARG ...`: the
    operands are its parameters)."""
    options, position, readable = _shell_options(command.args)
    if not readable:
        return False
    letters = "".join(letters for sign, letters, _ in options if sign == "-")
    return "c" not in letters and ("s" in letters or position >= len(command.args))


def _shell_options(
    args: tuple[ShellWord, ...],
) -> tuple[list[tuple[str, str, list[str | None]]], int, bool]:
    """A shell's own options, which come before its script or operands (`bash -eo
    pipefail -c SCRIPT`, `sh -c -e SCRIPT`): (sign, letters, values of `o`/`O`) each,
    the position of the first operand, and False when a word of unknown value stopped
    the reading. `-o`/`+o` (and bash's `-O`) take a value; `--login`-style long
    options take none."""
    return _options_of([word.value for word in args])


def _options_of(
    args: list[str | None],
) -> tuple[list[tuple[str, str, list[str | None]]], int, bool]:
    """_shell_options of words given by their values."""
    options: list[tuple[str, str, list[str | None]]] = []
    position = 0
    while position < len(args):
        value = args[position]
        if value is None:
            return options, position, False
        if value == "--":
            return options, position + 1, True
        if value.startswith("--"):
            position += 1  # --noprofile, --login, --norc
            continue
        if len(value) < 2 or value[0] not in "-+":
            break
        letters = value[1:]
        taking = letters.count("o") + letters.count("O")
        options.append((value[0], letters, args[position + 1 : position + 1 + taking]))
        position += 1 + taking
    return options, position, True


# Programs that act (rather than test something) as the left operand of `&&`: see
# `_list` on `set -e`.
_ACTIONS = frozenset(
    {
        "cd", "pushd", "mkdir", "touch", "cp", "mv", "rm", "ln", "chmod", "chown", "chgrp",
        "install", "tar", "unzip", "wget", "useradd", "groupadd", "adduser", "addgroup",
        "echo", "printf", "export",
    }
)  # fmt: skip
# Programs that act only with one of these subcommands (others may be tests).
_INSTALLS = frozenset(
    {"install", "add", "update", "upgrade", "i", "ci", "get", "build", "fetch", "remove"}
    | {"purge", "autoremove", "del", "uninstall", "clean", "dist-clean", "distclean"}
)
_ACTION_SUBCOMMANDS = {
    **dict.fromkeys(
        ("apt-get", "apt", "apk", "dnf", "yum", "microdnf", "zypper", "pip", "pip3", "npm"),
        _INSTALLS,
    ),
    **dict.fromkeys(
        ("yarn", "pnpm", "gem", "bundle", "go", "cargo", "composer", "conda", "mamba"),
        _INSTALLS,
    ),
    "git": frozenset({"clone", "fetch", "checkout", "pull", "init", "config"}),
}

# Shells known to take `-o pipefail` (dash, Debian's /bin/sh, may reject it).
PIPEFAIL_SHELLS = frozenset({"bash", "zsh", "ash", "ksh", "mksh"})


def invocation_options(command: SimpleCommand) -> tuple[bool, bool]:
    """(errexit, pipefail) a shell started as `command` runs with: `-e`, `-o errexit`,
    `-o pipefail` (also clustered, `-eo pipefail`; `+e`, `+o NAME` turn them off)
    before its script; pipefail only for the shells known to take it."""
    errexit, pipefail = _applied_options(_shell_options(command.args)[0], False, False)
    return errexit, pipefail and command.name in PIPEFAIL_SHELLS


def _applied_options(
    options: list[tuple[str, str, list[str | None]]], errexit: bool, pipefail: bool
) -> tuple[bool, bool]:
    """(errexit, pipefail) after these options (`-e`, `-o errexit`, `-o pipefail`; `+`
    turns them off)."""
    for sign, letters, values in options:
        on = sign == "-"
        if "e" in letters or "errexit" in values:
            errexit = on
        if "pipefail" in values:
            pipefail = on
    return errexit, pipefail


def scan_options(
    words: tuple[ShellWord, ...] | list[ShellWord],
    with_values: frozenset[str] = frozenset(),
    attached_only: frozenset[str] = frozenset(),
) -> list[tuple[str, ShellWord | None, ShellWord]]:
    """A command's arguments in order, as getopt reads them: `(name, None, word)` for
    a flag, `(name, value, word)` for an option with its value, `("", word, word)` for
    an operand; `word` is the argument the option was read from.

    A value is the next word or the rest of the option's word (`-qO-`, `-C/opt`,
    `--file=x.tar`); a cluster of letters (`-fsSLo`) ends at the first one that takes
    a value. Options in `attached_only` take a value only in their own word (`sed
    -i.bak`, `--in-place=.bak`), never the next word. A word of unknown value is read
    as written (`--target=$DIR` is an option whose value is unknown).
    """
    found: list[tuple[str, ShellWord | None, ShellWord]] = []
    index = 0
    only_operands = False
    while index < len(words):
        word = words[index]
        text = word.value if word.value is not None else word.literal
        index += 1
        if only_operands or not text.startswith("-") or text == "-":
            found.append(("", word, word))
        elif text == "--":
            only_operands = True
        elif text.startswith("--"):
            name, equals, _ = text.partition("=")
            if equals:
                found.append((name, _option_tail(word, len(name) + 1), word))
            elif name in with_values and index < len(words):
                found.append((name, words[index], word))
                index += 1
            else:
                found.append((name, None, word))
        else:
            for position in range(1, len(text)):
                name = "-" + text[position]
                rest = position + 1 < len(text)
                if name in attached_only:
                    found.append((name, _option_tail(word, position + 1) if rest else None, word))
                    break
                if name not in with_values:
                    found.append((name, None, word))
                elif rest:
                    found.append((name, _option_tail(word, position + 1), word))
                    break
                elif index < len(words):
                    found.append((name, words[index], word))
                    index += 1
                else:
                    found.append((name, None, word))
    return found


def _option_tail(word: ShellWord, start: int) -> ShellWord:
    """The value written in an option's own word (`/opt` of `-C/opt`), a word of its
    own so that paths resolve (unknown when the word's value is); its position is the
    whole word's."""
    text = word.value if word.value is not None else word.literal
    prefix = text[:start]

    def cut(part: str) -> str:
        return part[start:] if part.startswith(prefix) else part

    value = word.value[start:] if word.value is not None else None
    return ShellWord(cut(word.raw), value, cut(word.literal), word.span, word.quoted, word.glob)


# Builtins that assign the variables they name (their values are not known here).
_ASSIGNING_BUILTINS = frozenset({"read", "getopts", "mapfile", "readarray", "let", "printf"})


def _assigned_names(name: str, args: tuple[ShellWord, ...]) -> list[str]:
    """The variables `read -r A B`, `getopts SPEC NAME`, `mapfile NAME`, `let A=1`
    and `printf -v NAME ...` assign (for `let`, every name in its expressions)."""
    if name == "printf":
        values = [word.value for word in args]
        return [values[1]] if values[:1] == ["-v"] and len(values) > 1 and values[1] else []
    if name == "let":
        return [found for word in args for found in _VARIABLE_NAME.findall(word.literal)]
    scanned = scan_options(args, _OPTIONS_WITH_VALUES[name])
    operands = [value.value for option, value, _ in scanned if option == "" and value is not None]
    if name == "read":
        arrays = [value.value for option, value, _ in scanned if option == "-a" and value]
        return [name for name in operands + arrays if name] or ["REPLY"]
    if name == "getopts":
        return [name for name in operands[1:2] if name] + ["OPTARG", "OPTIND"]
    return [name for name in operands[-1:] if name] or ["MAPFILE"]  # mapfile, readarray


_OPTIONS_WITH_VALUES = {
    "read": frozenset({"-a", "-d", "-i", "-n", "-N", "-p", "-t", "-u"}),
    "getopts": frozenset(),
    "mapfile": frozenset({"-d", "-n", "-O", "-s", "-u", "-C", "-c"}),
    "readarray": frozenset({"-d", "-n", "-O", "-s", "-u", "-C", "-c"}),
}


def _cd_operands(args: tuple[ShellWord, ...]) -> tuple[ShellWord, ...]:
    """The operands of `cd` after its options (`-P`, `-L`, `-e`, `--`); `-` alone is
    an operand (the previous directory)."""
    for position, word in enumerate(args):
        value = word.value or ""
        if value == "--":
            return args[position + 1 :]
        if not value.startswith("-") or value == "-":
            return args[position:]
    return ()


def pipeline_member(command: SimpleCommand) -> bool:
    """Whether the command is part of a pipeline (runs in a subshell in POSIX sh)."""
    return command.pipeline is not None and command.pipeline_length > 1


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            out.append(text[index + 1])
            index += 2
            continue
        if char == "\\":
            index += 1
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _unescaped_glob_chars(text: str) -> Iterator[str]:
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        yield char
        index += 1


def _unescape_double(text: str) -> str:
    if "\\" not in text:
        return text
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in '"\\$`\n':
            if text[index + 1] != "\n":
                out.append(text[index + 1])
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


_ANSI = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "f": "\f",
    "v": "\v",
}


def _ansi_c(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in _ANSI:
            out.append(_ANSI[text[index + 1]])
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)
