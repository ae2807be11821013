"""One simple command as the command table's handlers see it (`Call`), and the
option scanning they share."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import TYPE_CHECKING

from .fs import CREATED, Effect
from .paths import EXISTING_DIRECTORIES
from .shell import scan_options

if TYPE_CHECKING:
    from ..nodes import Run
    from . import Model
    from .shell import ShellWord, SimpleCommand


Handler = Callable[["Call"], "list[Effect] | None"]


def wrappers_of(command: SimpleCommand) -> set[str]:
    """Programs a command runs through (`sudo -u` when sudo switches user)."""
    count = len(command.words) - len(command.argv_words)
    found: set[str] = set()
    for word in command.words[:count]:
        value = word.value or ""
        name = posixpath.basename(value)
        if name in ("gosu", "su-exec", "chroot", "sudo", "xargs"):
            found.add(name)
        elif value in ("-u", "--user") or value.startswith("--user="):
            found.add("sudo -u")
    return found


def command_home(model: Model, run: Run, command: SimpleCommand) -> str | None:
    """The HOME a command runs with; None when it is not known."""
    if wrappers_of(command) & {"gosu", "su-exec", "sudo -u"}:
        # `gosu node npm ...` runs with node's home, unknown unless set on the command.
        explicit = [word for key, word in command.assignments if key == "HOME"]
        return explicit[-1].value if explicit and explicit[-1] is not None else None
    if command.has_env("HOME"):
        # HOME set to an unknown value is unknown, not the user's home.
        return command.env("HOME") or None
    return model.home_at(run)


class Call:
    """One simple command with the helpers handlers need."""

    def __init__(self, model: Model, run: Run, command: SimpleCommand) -> None:
        self.model = model
        self.run = run
        self.command = command
        self.words = command.argv_words
        self.home = command_home(model, run, command)

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
        # `~` is the shell's to expand (unquoted, at a word's start); here it is a name.
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

    def made_directory(self, anchor: object, path: str) -> list[Effect]:
        """The directory a command makes for the files it writes (`git clone URL DIR`):
        a creation like `mkdir`'s, beside the tree of files of unknown names; none for
        a directory that surely exists (the working directory, `/usr/local` ...)."""
        clean = path.rstrip("/") or "/"
        if clean == self.command.cwd or clean in EXISTING_DIRECTORIES:
            return []
        return [Effect(CREATED, clean, anchor, self.describe, home=self.home, action="mkdir")]

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


def options(
    words: tuple[ShellWord, ...], with_values: frozenset[str] = frozenset()
) -> tuple[set[str], list[ShellWord], dict[str, ShellWord]]:
    """Split arguments into option letters/names, operands and option values."""
    flags: set[str] = set()
    operands: list[ShellWord] = []
    values: dict[str, ShellWord] = {}
    for name, word in scan(words, with_values):
        if not name:
            operands.append(word)
            continue
        flags.add(name)
        if word is not None:
            values[name] = word
    return flags, operands, values


def scan(
    words: tuple[ShellWord, ...],
    with_values: frozenset[str] = frozenset(),
    attached_only: frozenset[str] = frozenset(),
) -> list[tuple[str, ShellWord | None]]:
    """Arguments in order, as getopt reads them (see `shell.scan_options`): `(name,
    None)` for a flag, `(name, value)` for an option with its value, `("", word)` for
    an operand."""
    return [(name, value) for name, value, _ in scan_options(words, with_values, attached_only)]
