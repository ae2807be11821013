"""Layers and a simulated filesystem per stage.

Every RUN, COPY and ADD of a stage is a `Layer`. A layer's `effects` say which paths
it creates, modifies (chmod, chown, touch, append, overwrite) and deletes (rm, rmdir,
`mv` away, `find -delete`, package-manager clean and purge), each with evidence: the
instruction and the exact command or argument. Effects come from COPY/ADD and from
the command table in linter/model/effects.py; a command that is not in the table has
unknown effects and adds nothing (the model says "don't know", never guesses).

`FileSystem.replay()` plays the layers of a stage in order (a stage built FROM another
stage of the file starts with that stage's layers) and records, for every deletion
and modification, the earlier layer that created the path -- or None when its origin
is unknown (the base image, an unknown command).

Paths are absolute and normalised. Patterns keep their glob characters (`/tmp/*`).
A "tree" entry (`contents=True`) stands for a directory filled with files whose names
are not known (`apt-get update` fills /var/lib/apt/lists, `tar -x -C /opt` fills /opt).
Installed packages are entries too (`package:apt:curl`), so that removing a package
that an earlier layer installed is seen for what it is.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..findings import Span
from ..nodes import Add, Copy, Instruction, Run

if TYPE_CHECKING:
    from . import Model, Stage
    from .shell import SimpleCommand

CREATED = "created"
MODIFIED = "modified"
DELETED = "deleted"
PACKAGE_PREFIX = "package:"


class Effect:
    """One thing a layer does to a path.

    `kind`: created, modified or deleted. `pattern`: `path` holds glob characters.
    `contents`: the effect is on the files inside `path` (a tree whose names are
    unknown, or `rm -r dir/*`-like deletions). `recursive`: a deletion or
    modification reaches everything below `path`. `name_filter`: only names matching
    this glob below `path` (find -name). `category`: what the path is (cache,
    package-index, tmp, docs, package) when the model knows; `span` is the argument
    or command that causes the effect; `command` a short description of it.

    `span`, `command` and `category` are worked out on first use (most effects are
    never reported), from an anchor (anything with a `.span`) and a describer.
    """

    __slots__ = ("_anchor", "_category", "_command", "_home", "_span", "contents", "kind",
                 "name_filter", "path", "pattern", "recursive")

    def __init__(
        self,
        kind: str,
        path: str,
        span: Span | object,
        command: str | Callable[[], str],
        pattern: bool = False,
        contents: bool = False,
        recursive: bool = False,
        name_filter: str | None = None,
        category: str | None = None,
        home: str | None = None,
    ) -> None:
        self.kind = kind
        self.path = path
        self.pattern = pattern
        self.contents = contents
        self.recursive = recursive
        self.name_filter = name_filter
        self._span = span if isinstance(span, Span) else None
        self._anchor = None if isinstance(span, Span) else span
        self._command = command
        self._category = category
        self._home = home

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = self._anchor.span  # type: ignore[attr-defined]
        return self._span

    @property
    def command(self) -> str:
        if not isinstance(self._command, str):
            self._command = self._command()
        return self._command

    @property
    def category(self) -> str | None:
        if self._category is None and not self.path.startswith(PACKAGE_PREFIX):
            from .effects import classify

            self._category = classify(self.path, self._home) or ""
        return self._category or None

    @property
    def is_package(self) -> bool:
        return self.path.startswith(PACKAGE_PREFIX)

    @property
    def display(self) -> str:
        """The path as shown to people (`dir/*` for a tree of unknown files)."""
        if self.is_package:
            return self.path
        if self.contents and not self.pattern:
            return self.path.rstrip("/") + "/*"
        if self.name_filter is not None:
            return f"{self.path.rstrip('/')}/**/{self.name_filter}"
        return self.path

    def __repr__(self) -> str:
        return f"Effect({self.kind}, {self.display!r})"


@dataclass(eq=False)
class Layer:
    """One layer-creating instruction of a stage, and what it does to files."""

    index: int
    instruction: Instruction
    stage: Stage
    effects: list[Effect] = field(default_factory=list)
    unknown_commands: list[SimpleCommand] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.instruction.span.line

    @property
    def end_line(self) -> int:
        return self.instruction.span.end_line

    def of_kind(self, kind: str) -> list[Effect]:
        return [effect for effect in self.effects if effect.kind == kind]


@dataclass(frozen=True, slots=True)
class Origin:
    """What an earlier layer created that a later effect touches."""

    effect: Effect
    created: Effect
    layer: Layer


@dataclass
class _Entry:
    effect: Effect
    layer: Layer
    removed_by: int | None = None


class FileSystem:
    """The layers of one stage (ancestor stages' layers first) and their replay."""

    def __init__(self, stage: Stage, inherited: list[Layer], own: list[Layer]) -> None:
        self.stage = stage
        self.own_layers = own
        self.layers = inherited + own
        # For every deletion / modification effect: the earlier creations it touches.
        self.origins: dict[int, list[Origin]] = {}
        self.same_layer: dict[int, list[Origin]] = {}
        self._replay()

    def origins_of(self, effect: Effect) -> list[Origin]:
        """Earlier layers' creations that a deletion or modification touches."""
        return self.origins.get(id(effect), [])

    def created_in_same_layer(self, effect: Effect) -> list[Origin]:
        return self.same_layer.get(id(effect), [])

    def _replay(self) -> None:
        entries: list[_Entry] = []
        exact: dict[str, list[_Entry]] = {}
        for position, layer in enumerate(self.layers):
            for effect in layer.effects:
                if effect.kind == CREATED:
                    entry = _Entry(effect, layer)
                    entries.append(entry)
                    if not effect.pattern:
                        exact.setdefault(effect.path, []).append(entry)
                    continue
                matched = _matching(effect, entries, exact)
                earlier: list[Origin] = []
                same: list[Origin] = []
                for entry in matched:
                    if entry.removed_by is not None:
                        continue
                    origin = Origin(effect, entry.effect, entry.layer)
                    if entry.layer is layer:
                        same.append(origin)
                    else:
                        earlier.append(origin)
                    if effect.kind == DELETED and _removes(effect, entry.effect):
                        entry.removed_by = position
                if earlier:
                    self.origins[id(effect)] = earlier
                if same:
                    self.same_layer[id(effect)] = same
            # Paths created and removed in the same layer never reach the image.


def _matching(effect: Effect, entries: list[_Entry], exact: dict[str, list[_Entry]]) -> list[_Entry]:
    if not effect.pattern and not effect.recursive and not effect.contents and effect.name_filter is None:
        found = list(exact.get(effect.path, []))
        # A file created by a pattern (COPY *.tgz /tmp/) can be deleted by name.
        found += [
            entry for entry in entries
            if entry.effect.pattern and _glob_match(entry.effect.path, effect.path)
        ]
        return found
    return [entry for entry in entries if touches(effect, entry.effect)]


def touches(target: Effect, created: Effect) -> bool:
    """Whether a deletion or modification certainly reaches something `created` made."""
    if target.is_package or created.is_package:
        return target.path == created.path
    path = created.path
    if target.name_filter is not None:
        # find DIR -name PATTERN -delete: names below DIR matching PATTERN.
        if created.contents or created.pattern:
            return False
        return _is_below(path, target.path) and _glob_match(target.name_filter, posixpath.basename(path))
    if target.pattern:
        if created.pattern:
            return target.path == created.path
        if _glob_match(target.path, path):
            return True
        if created.contents and _glob_covers_contents(target.path, path):
            return True
        if target.recursive:
            # rm -rf /a/* reaches everything below a matched directory.
            parts = path.split("/")
            return any(
                _glob_match(target.path, "/".join(parts[:depth]))
                for depth in range(2, len(parts))
            )
        return False
    if target.contents:
        # rm -rf dir/* (written as contents of dir) reaches what was created below dir.
        return _is_below(path, target.path) or (created.contents and path == target.path)
    if path == target.path:
        return True
    if target.recursive and _is_below(path, target.path):
        return True
    if created.pattern and not target.recursive:
        return _glob_match(created.path, target.path)
    return False


def _removes(deletion: Effect, created: Effect) -> bool:
    """Whether the deletion removes the created entry as a whole."""
    if created.contents and deletion.name_filter is not None:
        return False
    return True


def _is_below(path: str, directory: str) -> bool:
    directory = directory.rstrip("/")
    return path.startswith(directory + "/") if directory else path.startswith("/")


@lru_cache(maxsize=1024)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Shell glob to regex: `*` and `?` stay within one path component."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "*":
            if pattern.startswith("**", index):
                out.append(".*")
                index += 2
                continue
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            close = pattern.find("]", index + 2)
            if close == -1:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1 : close].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                index = close + 1
                continue
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


def _glob_match(pattern: str, path: str) -> bool:
    return _glob_regex(pattern).match(path) is not None


def _glob_covers_contents(pattern: str, directory: str) -> bool:
    """`dir/*` or `dir/**` covers the (unknown) files of tree `dir`."""
    head, tail = posixpath.split(pattern)
    return head == directory and tail in ("*", "**", ".*", "*.*") and tail != ".*"


# ---------------------------------------------------------------------------
# Building layers


def build_filesystems(model: Model) -> dict[int, FileSystem]:
    """A FileSystem for every stage, keyed by id(stage)."""
    from .effects import command_effects, copy_effects

    result: dict[int, FileSystem] = {}
    for stage in model.stages:
        inherited: list[Layer] = []
        if stage.base_stage is not None and id(stage.base_stage) in result:
            inherited = list(result[id(stage.base_stage)].layers)
        own: list[Layer] = []
        index = len(inherited)
        for node in stage.instructions:
            if not isinstance(node, (Run, Copy, Add)):
                continue
            layer = Layer(index, node, stage)
            index += 1
            if isinstance(node, Run):
                excluded = [m.target for m in model.mounts(node) if m.target]
                layer.excluded = [path for path in excluded if path]
                for command in model.commands(node):
                    if not command.certain:
                        continue
                    effects = command_effects(model, node, command)
                    if effects is None:
                        layer.unknown_commands.append(command)
                        continue
                    layer.effects.extend(
                        effect for effect in effects if not _excluded(effect, layer.excluded)
                    )
            else:
                layer.effects.extend(copy_effects(model, node))
            own.append(layer)
        result[id(stage)] = FileSystem(stage, inherited, own)
    return result


def _excluded(effect: Effect, mount_targets: list[str]) -> bool:
    """Effects under a RUN --mount target are not part of the layer."""
    if effect.is_package:
        return False
    return any(
        effect.path == target or _is_below(effect.path, target) for target in mount_targets
    )
