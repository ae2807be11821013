"""Layers and a simulated filesystem per stage.

Every RUN, COPY and ADD of a stage is a `Layer`. A layer's `effects` say which paths
it creates, modifies (chmod, chown, touch, append, overwrite) and deletes (rm, rmdir,
`mv` away, `find -delete`, package-manager clean and purge), each with evidence: the
instruction and the exact command or argument. Effects come from COPY/ADD
(model/copies.py) and from the command table (model/effects.py); a command that is
not in the table has unknown effects and adds nothing (the model says "don't know", never guesses).

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
from functools import lru_cache
from typing import TYPE_CHECKING

from ..findings import Span
from ..globs import compile_glob
from ..lazy_re import lazy_compile
from ..nodes import Add, Copy, Instruction, Onbuild, Run
from ..records import Record, init
from .paths import classify, classify_name

if TYPE_CHECKING:
    from ..dockerignore import DockerIgnore
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
    `action` is the program or instruction behind the effect (`rm`, `chmod`, `COPY`,
    `apt-get` ...). `copied`: the path was written by COPY or ADD, so it may be a
    directory holding the copied files; `excludes`: the `COPY --exclude` patterns of
    such a tree (relative to it), whose files it does not hold; `unpacked`: the tree is
    a local archive ADD unpacked (its members keep their modes). `owned`: a tree only
    its maker writes to (a package manager's cache or index, wherever it is), so that
    what lies below it came from the layer that made it.
    """

    __slots__ = (
        "_anchor",
        "_category",
        "_command",
        "_home",
        "_span",
        "action",
        "contents",
        "copied",
        "excludes",
        "kind",
        "name_filter",
        "owned",
        "path",
        "pattern",
        "recursive",
        "unpacked",
    )

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
        action: str | None = None,
        copied: bool = False,
        excludes: tuple[str, ...] = (),
        owned: bool = False,
        unpacked: bool = False,
    ) -> None:
        self.kind = kind
        self.owned = owned
        self.unpacked = unpacked
        self.action = action
        self.copied = copied
        self.excludes = excludes
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
            found = classify(self.path, self._home)
            if found is None and self.name_filter is not None:
                # find DIR -name '*.pyc' -delete: what the names say.
                found = classify_name(self.name_filter)
            self._category = found or ""
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


class Step(Record):
    """One command of a RUN and its effects (None: the command's effects are unknown).

    Steps cover every command, also those that may not run (behind `||`, `if`);
    only the effects of `command.certain` steps enter the layer.
    """

    __slots__ = ("command", "effects")

    command: SimpleCommand
    effects: tuple[Effect, ...] | None

    def __init__(
        self,
        command: SimpleCommand,
        effects: tuple[Effect, ...] | None,
    ) -> None:
        init(self, "command", command)
        init(self, "effects", effects)

    @property
    def known(self) -> bool:
        return self.effects is not None


class Layer:
    """One layer-creating instruction of a stage, and what it does to files.

    `steps`: the RUN's commands with their effects (empty for COPY and ADD).
    `excluded`: mount targets of the RUN, whose contents are not part of the layer.
    `fills`: positions in `effects` where a command ran that may have written files
    the model cannot name (an unknown command, a package manager filling
    node_modules or site-packages, a download to an unknown directory).
    """

    __slots__ = (
        "index",
        "instruction",
        "stage",
        "effects",
        "unknown_commands",
        "excluded",
        "steps",
        "fills",
        "opaque_shell",
    )

    def __init__(
        self,
        index: int,
        instruction: Instruction,
        stage: Stage,
        effects: list[Effect] | None = None,
        unknown_commands: list[SimpleCommand] | None = None,
        excluded: list[str] | None = None,
        steps: list[Step] | None = None,
        fills: list[int] | None = None,
        opaque_shell: str | None = None,
    ) -> None:
        self.index = index
        self.instruction = instruction
        self.stage = stage
        self.effects: list[Effect] = effects if effects is not None else []
        self.unknown_commands: list[SimpleCommand] = (
            unknown_commands if unknown_commands is not None else []
        )
        self.excluded: list[str] = excluded if excluded is not None else []
        self.steps: list[Step] = steps if steps is not None else []
        self.fills: list[int] = fills if fills is not None else []
        # Not a POSIX shell script (PowerShell, cmd, a heredoc with a shebang): the
        # layer's effects are unknown.
        self.opaque_shell = opaque_shell

    @property
    def line(self) -> int:
        return self.instruction.span.line

    @property
    def end_line(self) -> int:
        return self.instruction.span.end_line

    def of_kind(self, kind: str) -> list[Effect]:
        return [effect for effect in self.effects if effect.kind == kind]


class Origin(Record):
    """What an earlier layer created that a later effect touches."""

    __slots__ = ("effect", "created", "layer")

    effect: Effect
    created: Effect
    layer: Layer

    def __init__(
        self,
        effect: Effect,
        created: Effect,
        layer: Layer,
    ) -> None:
        init(self, "effect", effect)
        init(self, "created", created)
        init(self, "layer", layer)


class Removal(Record):
    """A later deletion that reaches a created path: the deleting effect and its layer."""

    __slots__ = ("effect", "layer")

    effect: Effect
    layer: Layer

    def __init__(
        self,
        effect: Effect,
        layer: Layer,
    ) -> None:
        init(self, "effect", effect)
        init(self, "layer", layer)


class _Entry:
    __slots__ = ("effect", "layer", "position", "index", "removed_by", "cleared", "written")

    def __init__(
        self,
        effect: Effect,
        layer: Layer,
        position: int,
        index: int,
        removed_by: int | None = None,
    ) -> None:
        self.effect = effect
        self.layer = layer
        self.position = position
        self.index = index  # of the effect in its layer's effects
        self.removed_by = removed_by
        # Glob deletions right inside this tree (`rm -rf /app/*`): the names they
        # matched are gone, the tree and its dotfiles are not.
        self.cleared: list[str] = []
        # Content was written into it since (`>>`, `sed -i`): a touched file is no
        # longer empty.
        self.written = False


class FileSystem:
    """The layers of one stage (ancestor stages' layers first) and their replay."""

    def __init__(self, stage: Stage, inherited: list[Layer], own: list[Layer]) -> None:
        self.stage = stage
        self.own_layers = own
        self.layers = inherited + own
        # For every deletion / modification effect: the earlier creations it touches.
        self.origins: dict[int, list[Origin]] = {}
        self.same_layer: dict[int, list[Origin]] = {}
        # For deletions: earlier `mkdir`/`touch` entries they remove (see creators_of).
        self.empty_origins: dict[int, list[Origin]] = {}
        # For deletions: earlier layers' copies of a path the deleting layer made again.
        self.remade_origins: dict[int, list[Origin]] = {}
        # For every creation: the deletions in later layers that reach it.
        self.removals: dict[int, list[Removal]] = {}
        # For a RUN's creation of a path an earlier layer made and left in place
        # (`touch`, `> file`, `cp` over it, `mkdir -p` of it): those earlier creations.
        # It changes the file rather than creating it (see rewrites_of).
        self.rewrites: dict[int, list[Origin]] = {}
        self._replay()

    def origins_of(self, effect: Effect) -> list[Origin]:
        """Earlier layers' creations that a deletion or modification touches."""
        return self.origins.get(id(effect), [])

    def creators_of(self, deletion: Effect) -> list[Origin]:
        """Every earlier layer that made what a deletion removes: `origins_of`, plus
        directories made by `mkdir` and files made by `touch` (empty: removing them
        saves nothing, so the rules leave them out, but they are where the path
        came from), and earlier copies of a path the deleting layer made again."""
        return (
            self.origins_of(deletion)
            + self.empty_origins.get(id(deletion), [])
            + self.remade_origins.get(id(deletion), [])
        )

    def _record_empty_makers(
        self,
        deletion: Effect,
        candidates: list[_Entry],
        matched: list[_Entry],
        layer: Layer,
        position: int,
    ) -> None:
        root = _literal_directory(deletion.path) if deletion.pattern else deletion.path
        for entry in candidates:
            if (
                entry.effect.action in _EMPTY_MAKERS
                and entry.removed_by is None
                and entry not in matched
                and not _is_below(root, entry.effect.path)
            ):
                if entry.layer is not layer:
                    origin = Origin(deletion, entry.effect, entry.layer)
                    self.empty_origins.setdefault(id(deletion), []).append(origin)
                if _removes(deletion, entry.effect):
                    entry.removed_by = position

    def makers_of(self, deletion: Effect) -> list[Origin]:
        """`creators_of` without the layers that only wrote an existing path again
        (`touch`, `> file` over it: see rewrites_of); all of them when only such
        layers are known."""
        creators = self.creators_of(deletion)
        return [origin for origin in creators if not self.rewrites_of(origin.created)] or creators

    def rewrites_of(self, created: Effect) -> list[Origin]:
        """Earlier layers' creations of the very path a RUN's creation writes again:
        non-empty when the creation modifies a file that exists (`COPY app.conf`,
        then `RUN touch app.conf` or `echo x > app.conf`)."""
        return self.rewrites.get(id(created), [])

    def created_in_same_layer(self, effect: Effect) -> list[Origin]:
        return self.same_layer.get(id(effect), [])

    def removals_of(self, created: Effect) -> list[Removal]:
        """Deletions in later layers that reach what `created` made (it stays in the
        image history all the same)."""
        return self.removals.get(id(created), [])

    def _replay(self) -> None:
        index_of_entries = _EntryIndex()
        filled: list[int] = []  # positions of layers that may have written unnamed files
        for position, layer in enumerate(self.layers):
            first_fill = min(layer.fills) if layer.fills else None
            for index, effect in enumerate(layer.effects):
                if effect.kind == CREATED:
                    if isinstance(layer.instruction, Run) and _may_rewrite(effect):
                        self._record_rewrite(effect, layer, index_of_entries)
                    index_of_entries.add(_Entry(effect, layer, position, index))
                    continue
                filled_here = first_fill is not None and first_fill <= index
                candidates = index_of_entries.matching(effect)
                matched = _certain_matches(effect, candidates, filled, position, filled_here)
                if effect.kind == MODIFIED and effect.action not in _METADATA_CHANGES:
                    for entry in candidates:
                        entry.written = True
                if effect.kind == DELETED:
                    self._record_empty_makers(effect, candidates, matched, layer, position)
                live = [
                    entry
                    for entry in matched
                    if entry.removed_by is None
                    and not any(_glob_covers(cleared, effect.path) for cleared in entry.cleared)
                ]
                # A path this layer made again before (`apt-get update` refilling
                # /var/lib/apt/lists) is this layer's: deleting or changing it acts on the
                # new files, not on the copy an earlier layer left behind.
                remade = {
                    entry.effect.path
                    for entry in live
                    if entry.layer is layer and entry.effect.action not in _EMPTY_MAKERS
                }
                earlier: list[Origin] = []
                same: list[Origin] = []
                for entry in live:
                    origin = Origin(effect, entry.effect, entry.layer)
                    if entry.layer is layer:
                        same.append(origin)
                    elif entry.effect.path not in remade:
                        earlier.append(origin)
                        if effect.kind == DELETED:
                            removal = Removal(effect, layer)
                            self.removals.setdefault(id(entry.effect), []).append(removal)
                    elif effect.kind == DELETED:
                        # The earlier copy still ships in its layer, but the rules judge
                        # this layer's own files (see creators_of).
                        self.remade_origins.setdefault(id(effect), []).append(origin)
                    if effect.kind == DELETED and (
                        _removes(effect, entry.effect)
                        # what a layer makes and deletes itself never ships (see the
                        # `created` list of `layerlint layers`)
                        or (entry.layer is layer and deletion_covers(effect, entry.effect))
                    ):
                        entry.removed_by = position
                    elif effect.kind == DELETED and (
                        _empties(effect, entry.effect) or _removes_part(effect, entry.effect)
                    ):
                        entry.cleared.append(effect.path)
                if earlier:
                    self.origins[id(effect)] = earlier
                if same:
                    self.same_layer[id(effect)] = same
            if layer.fills:
                filled.append(position)
            # Paths created and removed in the same layer never reach the image.

    def _record_rewrite(self, effect: Effect, layer: Layer, entries: _EntryIndex) -> None:
        earlier = [
            Origin(effect, entry.effect, entry.layer)
            for entry in entries.exact.get(effect.path, ())
            if entry.layer is not layer
            and entry.removed_by is None
            and not entry.cleared
            and _may_rewrite(entry.effect)
        ]
        if earlier:
            self.rewrites[id(effect)] = earlier


def _may_rewrite(effect: Effect) -> bool:
    """A creation of one named path that may exist already (not a tree, a glob or a
    package). (`mkdir -p` of a directory that exists does nothing.)"""
    return not (effect.pattern or effect.contents or effect.is_package)


_EMPTY_MAKERS = frozenset({"mkdir", "touch"})
# Modifications that change a file's metadata, not its content.
_METADATA_CHANGES = frozenset({"chmod", "chown", "chgrp", "touch"})


def _certain_matches(
    effect: Effect, matched: list[_Entry], filled: list[int], position: int, filled_here: bool
) -> list[_Entry]:
    """The matches of an effect that certainly hold something an earlier layer made.

    - A path inside a tree may also come from a command that wrote files the model
      cannot name in a later layer (`COPY . /app`, `RUN make`, `RUN rm -rf
      /app/build`; `RUN npm run build && rm -rf node_modules/.cache`): such tree
      matches are dropped. Of nested trees (/steam, then /steam/tf2) only
      the innermost ones are kept: they are where the path most likely came from, and
      none when a layer made the path itself.
    - A directory made by `mkdir` or a file made by `touch` is empty: removing it or
      changing its mode later copies nothing, unless such a command may have filled
      it in a layer since (what this layer puts there is this layer's anyway).
    """

    def filled_between(entry: _Entry) -> bool:
        """Filled after the entry was made: later in its layer, or in a layer between."""
        later_in_its_layer = any(fill > entry.index for fill in entry.layer.fills)
        return any(entry.position < other < position for other in filled) or (
            later_in_its_layer and entry.position < position
        )

    def filled_in_another_layer(entry: _Entry) -> bool:
        """Filled by a later layer: one between, or this one before the effect. (What
        the entry's own layer wrote after it is that layer's too: `RUN npm ci && npm
        run build` makes node_modules/.cache in the same layer either way.)"""
        return any(entry.position < other < position for other in filled) or (
            filled_here and entry.position < position
        )

    root = _literal_directory(effect.path) if effect.pattern else effect.path
    # A glob for some names in a tree's own directory (`rm -rf /app/*.egg-info` after
    # `COPY . /app`) may match only what another command wrote: read it as a path in
    # the tree. (`/app/*` takes all of the tree's files: that is certain.)
    some_names = (effect.pattern and posixpath.basename(effect.path) != "*") or (
        effect.name_filter not in (None, "*")
    )

    def in_tree(entry: _Entry) -> bool:
        made = entry.effect
        if _is_below(root, made.path):
            return True
        return some_names and root == made.path.rstrip("/") and (made.contents or made.copied)

    direct = [
        entry
        for entry in matched
        if not in_tree(entry)
        and (entry.effect.action not in _EMPTY_MAKERS or entry.written or filled_between(entry))
    ]
    trees = [
        entry
        for entry in matched
        if in_tree(entry) and (entry.effect.owned or not filled_in_another_layer(entry))
    ]
    makers = [entry for entry in matched if not in_tree(entry)]
    if makers:
        # The path itself was made by a layer (maybe this one): it comes from a tree
        # around it only when the tree came later and surely holds it again, as a copy
        # of the build context does what an earlier COPY took from it (`COPY .env .env`,
        # then `COPY . .`); what a RUN made (`npm ci`'s node_modules) it may not hold.
        latest = max(entry.position for entry in makers)
        from_context = all(_copied_from_context(entry) for entry in makers)
        trees = [
            entry
            for entry in trees
            if entry.position > latest and from_context and _copied_from_context(entry)
        ]
    if trees:
        deepest = max(len(entry.effect.path) for entry in trees)
        trees = [entry for entry in trees if len(entry.effect.path) == deepest]
    return direct + trees


def _copied_from_context(entry: _Entry) -> bool:
    """Whether the entry is a COPY or ADD from the build context (no --from)."""
    node = entry.layer.instruction
    return isinstance(node, (Copy, Add)) and node.flag("from") is None


class _EntryIndex:
    """Created paths, indexed so that a deletion or modification looks only at the
    entries it could touch: the same path, patterns, trees, and the paths under the
    first component of its directory (a RUN of thousands of commands stays linear).
    """

    def __init__(self) -> None:
        self.exact: dict[str, list[_Entry]] = {}
        self.patterns: list[_Entry] = []
        self.trees: list[_Entry] = []
        self.by_top: dict[str, list[_Entry]] = {}
        self.all: list[_Entry] = []

    def add(self, entry: _Entry) -> None:
        effect = entry.effect
        self.all.append(entry)
        if effect.pattern:
            self.patterns.append(entry)
        else:
            self.exact.setdefault(effect.path, []).append(entry)
        if effect.contents or effect.copied:
            self.trees.append(entry)
        self.by_top.setdefault(_top(effect.path), []).append(entry)

    def matching(self, effect: Effect) -> list[_Entry]:
        simple = not (effect.pattern or effect.recursive or effect.contents)
        if effect.is_package:
            return list(self.exact.get(effect.path, []))
        if simple and effect.name_filter is None:
            found = list(self.exact.get(effect.path, []))
            # A file created by a pattern (COPY *.tgz /tmp/) can be deleted by name, and
            # a file inside a copied tree (COPY . /app) by its path.
            found += [
                entry for entry in self.patterns if _glob_match(entry.effect.path, effect.path)
            ]
            found += [
                entry
                for entry in self.trees
                if not entry.effect.pattern and _inside_tree(effect.path, entry.effect)
            ]
            return found
        root = _literal_directory(effect.path) if effect.pattern else effect.path
        top = _top(root)
        if not top:
            candidates = self.all
        else:
            seen: set[int] = set()
            candidates = []
            for group in (self.by_top.get(top, ()), self.patterns, self.trees):
                for entry in group:
                    if id(entry) not in seen:
                        seen.add(id(entry))
                        candidates.append(entry)
            # Keep the order entries were created in.
            candidates.sort(key=lambda entry: (entry.position, entry.index))
        return [entry for entry in candidates if touches(effect, entry.effect)]


def _top(path: str) -> str:
    """The first component of an absolute path (`/var/lib/x` -> `var`; `/` -> '')."""
    return path.split("/", 2)[1] if path.startswith("/") and len(path) > 1 else ""


def touches(target: Effect, created: Effect) -> bool:
    """Whether a deletion or modification certainly reaches something `created` made."""
    if target.is_package or created.is_package:
        return target.path == created.path
    path = created.path
    if target.name_filter is not None:
        if target.name_filter == "*":
            # find DIR -delete (no name test): DIR and everything below it.
            return (
                path == target.path
                or _is_below(path, target.path)
                or _inside_tree(target.path, created)
            )
        # find DIR -name PATTERN -delete: names below DIR matching PATTERN, also in
        # a tree of unknown names there (read like `rm DIR/PATTERN`: see
        # _certain_matches).
        if created.contents:
            # (or a copied tree below DIR: `COPY src/ /app/src/`, `find /app -name ...`)
            below = created.copied and _is_below(path, target.path) and private_tree(target.path)
            return below or _inside_tree(target.path, created, or_equal=True)
        if created.pattern:
            return False
        name = posixpath.basename(path)
        return _is_below(path, target.path) and _glob_match(target.name_filter, name)
    if target.pattern:
        if created.pattern:
            return target.path == created.path
        if _shell_glob_match(target.path, path):
            return True
        if created.contents and _glob_covers_contents(target.path, path):
            return True
        if _inside_tree(_literal_directory(target.path), created, or_equal=True):
            # rm -rf /app/docs/* after COPY . /app
            return True
        if target.recursive:
            # rm -rf /a/* reaches everything below a matched directory.
            parts = path.split("/")
            return any(
                _shell_glob_match(target.path, "/".join(parts[:depth]))
                for depth in range(2, len(parts))
            )
        return False
    if target.contents:
        # rm -rf dir/* (written as contents of dir) reaches what was created below dir.
        return (
            _is_below(path, target.path)
            or (created.contents and path == target.path)
            or _inside_tree(target.path, created)
        )
    if path == target.path:
        return True
    if target.recursive and _is_below(path, target.path):
        return True
    if created.pattern:
        # `COPY requirements*.txt /tmp/`, then `rm -rf /tmp/requirements.txt`.
        return _glob_match(created.path, target.path)
    return _inside_tree(target.path, created)


def deleted_later_in_layer(layer: Layer, effect: Effect) -> bool:
    """Whether a later effect of the same layer deletes the whole path `effect` acts on
    (`chmod +x /tmp/x.sh && /tmp/x.sh && rm /tmp/x.sh`), so that its result never
    reaches the layer."""
    later = False
    for other in layer.effects:
        if other is effect:
            later = True
        elif later and other.kind == DELETED and not other.is_package:
            if effect.pattern:
                # A glob (`chmod +x /opt/tools/*.sh`) is gone with the same glob or with
                # a directory above it, not with one of its files.
                gone = other.path == effect.path or (
                    other.recursive
                    and not other.pattern
                    and other.name_filter is None
                    and _is_below(effect.path, other.path)
                )
            else:
                gone = touches(other, effect) and _removes(other, effect)
            if gone:
                return True
    return False


def _removes(deletion: Effect, created: Effect) -> bool:
    """Whether the deletion removes the created entry as a whole (not a part of a tree)."""
    if deletion.is_package:
        return True
    if created.pattern and not deletion.pattern and not _is_below(created.path, deletion.path):
        return False  # one of the files `COPY *.sh /x/` made (see `_removes_part`)
    root = _literal_directory(deletion.path) if deletion.pattern else deletion.path
    if _is_below(root, created.path):
        return False  # only something inside the created tree is gone
    if _empties(deletion, created):
        return False
    # find -name '*.pyc' -delete removes some files of a tree, not the tree.
    return not (created.contents and deletion.name_filter not in (None, "*"))


# Directories that base images fill: what a COPY or an archive adds to them mixes with
# what was already there, so a path below them may come from anywhere.
_SHARED_ROOTS = (
    "/etc",
    "/usr",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/bin",
    "/sbin",
    "/var",
    "/proc",
    "/sys",
    "/dev",
    "/run",
    "/boot",
)
# /tmp: the scratch directory many commands share.
_SHARED_DIRECTORIES = frozenset(
    {"/", "/opt", "/root", "/home", "/tmp", "/mnt", "/media", "/var/www"}
)


def private_tree(path: str) -> bool:
    """Whether a directory filled by COPY, ADD or an archive holds only what that
    layer put there (an application directory such as /app or /usr/src/app), so that
    a path below it came from that layer."""
    if path in _SHARED_DIRECTORIES:
        return False
    if path == "/usr/src" or path.startswith(("/usr/src/", "/var/www/")):
        return True  # (base images leave /srv and /usr/src empty)
    return not any(path == root or path.startswith(root + "/") for root in _SHARED_ROOTS)


def _inside_tree(path: str, created: Effect, or_equal: bool = False) -> bool:
    """Whether `path` lies inside a tree of files that `created` made (a directory
    copied by COPY/ADD, an unpacked archive, a clone) in an application directory."""
    if created.pattern or created.is_package or not (created.contents or created.copied):
        return False
    if any(char in posixpath.basename(path) for char in "*?["):
        return False  # a quoted `"/var/lib/apt/lists/*"`: no file has that name
    inside = _is_below(path, created.path) or (or_equal and path == created.path)
    if inside and created.excludes and path != created.path:
        relative = path[len(created.path.rstrip("/")) + 1 :]
        if copy_exclusions(created.excludes).excludes(relative):
            return False  # `COPY --exclude=*.md . /app/` left README.md out
    return inside and (created.owned or private_tree(created.path))


@lru_cache(maxsize=64)
def copy_exclusions(patterns: tuple[str, ...]) -> DockerIgnore:
    """`COPY --exclude` patterns, matched from the copied tree's root as the lines of
    a `.dockerignore` are (a pattern leaves out the path and what is below it)."""
    from ..dockerignore import DockerIgnore, parse_patterns

    return DockerIgnore(parse_patterns("\n".join(patterns)))


def _removes_part(deletion: Effect, created: Effect) -> bool:
    """`rm -rf /app/tests` inside the tree `COPY . /app` made, or `rm /x/a.sh` of the
    files `COPY *.sh /x/` made: that part is gone, so a later deletion of it removes
    nothing the entry holds."""
    if deletion.pattern or deletion.name_filter is not None or created.is_package:
        return False
    if created.pattern:
        return not _is_below(created.path, deletion.path)
    return (created.contents or created.copied) and _is_below(deletion.path, created.path)


def _empties(deletion: Effect, created: Effect) -> bool:
    """`rm -rf /app/*` on a tree made at /app: names in it go, the tree does not."""
    return (
        deletion.pattern
        and deletion.name_filter is None
        and not created.pattern
        and _literal_directory(deletion.path) == created.path
    )


def deletion_covers(deletion: Effect, created: Effect) -> bool:
    """Whether a deletion certainly takes away what `created` made: the path itself,
    something below a deleted directory, a name its glob matches, or the files of a
    tree emptied with `dir/*`, or a path below the root of `find ROOT -name GLOB
    -delete` whose name the filter matches (find's globs match leading dots)."""
    if deletion.kind != DELETED or deletion.is_package:
        return False
    path = created.path
    if deletion.name_filter is not None:
        if created.contents or created.pattern or not _is_below(path, deletion.path):
            return False
        return compile_glob(deletion.name_filter).fullmatch(posixpath.basename(path)) is not None
    if deletion.pattern:
        emptied = created.contents and deletion.path == path.rstrip("/") + "/*"
        return emptied or _glob_covers(deletion.path, path)
    return path == deletion.path or _is_below(path, deletion.path)


def _glob_covers(pattern: str, path: str) -> bool:
    """Whether a shell glob deletion reached `path` (or a directory above it). As in
    the shell, a wildcard does not match a leading dot (`*` leaves `.env`)."""
    pattern_parts = pattern.strip("/").split("/")
    path_parts = path.strip("/").split("/")
    if len(path_parts) < len(pattern_parts):
        return False
    for pattern_part, path_part in zip(pattern_parts, path_parts, strict=False):
        if path_part.startswith(".") and not pattern_part.startswith("."):
            return False
        if not compile_glob(pattern_part).fullmatch(path_part):
            return False
    return True


def _shell_glob_match(pattern: str, path: str) -> bool:
    """Whether a shell glob names `path` itself (not a directory above it)."""
    same_depth = len(pattern.strip("/").split("/")) == len(path.strip("/").split("/"))
    return same_depth and _glob_covers(pattern, path)


def _literal_directory(pattern: str) -> str:
    """The directory part of a glob before its first glob character (`/a/b/*.c` -> /a/b)."""
    cut = min((pattern.find(char) for char in "*?[" if char in pattern), default=len(pattern))
    head = pattern[:cut]
    return head.rstrip("/") if head.endswith("/") else posixpath.dirname(head) or "/"


def _is_below(path: str, directory: str) -> bool:
    directory = directory.rstrip("/")
    return path.startswith(directory + "/") if directory else path.startswith("/")


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Shell glob to regex: `*` and `?` stay within one path component."""
    return compile_glob(pattern)


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
    result: dict[int, FileSystem] = {}
    for stage in model.stages:
        inherited: list[Layer] = []
        if stage.base_stage is not None and id(stage.base_stage) in result:
            inherited = list(result[id(stage.base_stage)].layers)
        own: list[Layer] = []
        for node in [*onbuild_triggers(stage), *stage.instructions]:
            if isinstance(node, (Run, Copy, Add)):
                own.append(_layer(model, stage, node, len(inherited) + len(own), result))
        result[id(stage)] = FileSystem(stage, inherited, own)
    return result


def onbuild_triggers(stage: Stage) -> list[Instruction]:
    """The ONBUILD triggers a stage runs first: those of the stage of this file it is
    built FROM (BuildKit runs them as if that stage were a base image; they are not
    passed on to the stages built FROM this one)."""
    base = stage.base_stage
    if base is None:
        return []
    return [
        node.trigger
        for node in base.instructions
        if isinstance(node, Onbuild) and node.trigger is not None
    ]


def _layer(
    model: Model, stage: Stage, node: Run | Copy | Add, index: int, built: dict[int, FileSystem]
) -> Layer:
    """The layer of one RUN, COPY or ADD of a stage (`built`: the stages before it)."""
    from . import shell_program
    from .copies import copy_effects
    from .effects import may_write_unnamed_files, partly_unknown_effects, redirect_effects

    layer = Layer(index, node, stage)
    if isinstance(node, Run):
        excluded = [m.target for m in model.mounts(node) if m.target]
        layer.excluded = [path for path in excluded if path]
        layer.steps = model.steps(node)
        script = model.script(node)
        if script is None:
            shell = model.state_at(node).shell
            layer.opaque_shell = shell_program(shell) or "?"
            layer.fills.append(0)
        elif script.interpreter is not None:
            layer.opaque_shell = script.interpreter  # `RUN <<EOF` with a shebang
            layer.fills.append(0)
        for step in layer.steps:
            if may_write_unnamed_files(model, step.command, step.effects):
                layer.fills.append(len(layer.effects))
            if not step.command.certain:
                continue
            effects = step.effects
            if effects is None:
                # What the command does is unknown; where its output goes is not.
                layer.unknown_commands.append(step.command)
                effects = tuple(redirect_effects(model, node, step.command))
            elif partly_unknown_effects(model, step.command):
                # `npm run build`, `npm pack`: its known caches count, the rest is unknown.
                layer.unknown_commands.append(step.command)
            layer.effects.extend(
                effect for effect in effects if not under_mount(effect, layer.excluded)
            )
    else:
        copied = copy_effects(model, node)
        if isinstance(node, Copy):
            known, files = _files_from_stage(model, node, copied, built)
            # A source the other stage made as a file is no directory.
            copied = [effect for effect in copied if id(effect) not in known]
            copied.extend(files)
        layer.effects.extend(copied)
    return layer


# How many known files of another stage a COPY --from looks at one by one.
MAX_FILES_FROM_STAGE = 500


def _files_from_stage(
    model: Model, node: Copy, copied: list[Effect], built: dict[int, FileSystem]
) -> tuple[set[int], list[Effect]]:
    """`COPY --from=build /out/ /usr/local/bin/`: the files the model knows in
    build:/out (`go build -o /out/app`) by name at the destination, besides the tree
    of unknown names (`/usr/local/bin/*`). Also returns the ids of the copy's effects
    that took a source for a directory when the stage made it as a file."""
    from .stage_refs import from_references

    references = from_references(model, node)
    if len(references) != 1 or references[0].kind != "stage" or references[0].stage is None:
        return set(), []
    source_fs = built.get(id(references[0].stage))
    sources = [model.expand(word, node) for word in node.sources]
    if source_fs is None or len(sources) != len(copied):
        return set(), []
    known: set[int] = set()
    effects = [effect for layer in source_fs.layers for effect in layer.effects]
    deletions = [(at, effect) for at, effect in enumerate(effects) if effect.kind == DELETED]
    directories = {effect.path for effect in effects if effect.action == "mkdir"}
    found: list[Effect] = []
    examined = 0
    for source, tree in zip(sources, copied, strict=True):
        # Files known below the source also show that it is a directory, whose
        # contents land at the destination (`COPY --from=build /out /opt/out`).
        if source is None or tree.pattern:
            continue
        root = posixpath.normpath("/" + source.lstrip("/"))  # from the stage's root
        if any(char in source for char in "*?["):
            # `COPY --from=build /repo/packages/*/dist /html/`: the contents of each
            # matched directory (see `_files_in_matches`).
            if tree.contents:
                found.extend(_files_in_matches(root, tree, effects, deletions))
            continue
        has_below = root == "/" or any(
            _is_below(effect.path, root) or (effect.contents and effect.path == root)
            for effect in effects
        )
        landing = tree.path
        if has_below and not tree.contents and tree.path != "/":
            # A directory there: its contents land at the destination, as for a source
            # written with a trailing slash (`COPY --from=a /out /data` is `/data/*`),
            # also where the copy took it for a file put into a directory under its own
            # name (`COPY --from=build /go/bin /usr/local/bin` is `/usr/local/bin/*`).
            landing = _directory_named_into(model, node, tree, root) or tree.path
            known.add(id(tree))
            found.append(
                Effect(
                    CREATED,
                    landing,
                    tree.span,
                    tree.command,
                    contents=True,
                    action=tree.action,
                    copied=True,
                    excludes=tree.excludes,
                )
            )
        for position, effect in enumerate(effects):
            if (
                effect.kind != CREATED
                or effect.pattern
                or effect.contents
                or effect.is_package
                or not (effect.path == root or _is_below(effect.path, root))
            ):
                continue
            examined += 1
            if examined > MAX_FILES_FROM_STAGE:
                return known, found
            if any(
                deletion_covers(deletion, effect)
                for later, deletion in deletions
                if later > position
            ):
                continue
            if effect.path == root:
                made_directory = effect.action == "mkdir" or (
                    effect.action == "touch" and root in directories  # touch only dates it
                )
                if made_directory or effect.copied or has_below:
                    continue  # a directory, or of unknown kind
                # The source is a file the stage made (`go build -o /out/app`): into a
                # directory taken for the source's contents, it keeps its name.
                name = posixpath.basename(root)
                path = posixpath.join(tree.path, name) if tree.contents else tree.path
                known.add(id(tree))
            else:
                below = effect.path[len(root.rstrip("/")) :]
                if tree.excludes and copy_exclusions(tree.excludes).excludes(below):
                    continue  # `COPY --from=build --exclude=cli /out/ /x/`
                path = landing.rstrip("/") + below
            found.append(
                Effect(CREATED, path, tree.span, tree.command, action=tree.action, copied=True)
            )
    return known, found


def _directory_named_into(model: Model, node: Copy, tree: Effect, root: str) -> str | None:
    """The destination directory, when the copy put the source into it under the
    source's own name (`tree.path` is DESTINATION/NAME); None otherwise."""
    if node.destination is None:
        return None
    if posixpath.basename(tree.path) != posixpath.basename(root):
        return None
    destination = model.expand(node.destination, node)
    if destination is None:
        return None
    if not destination.startswith("/"):
        workdir = model.state_at(node).workdir
        if not workdir:
            return None
        destination = posixpath.join(workdir, destination)
    directory = "/" + posixpath.normpath(destination).lstrip("/")
    return directory if posixpath.dirname(tree.path) == directory else None


def _files_in_matches(
    root: str, tree: Effect, effects: list[Effect], deletions: list[tuple[int, Effect]]
) -> list[Effect]:
    """Files the source stage made below the directories a wildcard source matches,
    named at the destination (each match's contents land there)."""
    pattern = compile_glob(root.strip("/"))
    depth = root.strip("/").count("/") + 1
    found = []
    for position, effect in enumerate(effects[: MAX_FILES_FROM_STAGE * 4]):
        if effect.kind != CREATED or effect.pattern or effect.contents or effect.is_package:
            continue
        parts = effect.path.strip("/").split("/")
        if len(parts) <= depth or not pattern.fullmatch("/".join(parts[:depth])):
            continue
        if any(
            deletion_covers(deletion, effect) for later, deletion in deletions if later > position
        ):
            continue
        path = tree.path.rstrip("/") + "/" + "/".join(parts[depth:])
        found.append(
            Effect(CREATED, path, tree.span, tree.command, action=tree.action, copied=True)
        )
    return found


def run_steps(model: Model, run: Run) -> list[Step]:
    """Every command of a RUN with its effects (see `Model.steps`)."""
    from .effects import command_effects

    steps = []
    for command in model.commands(run):
        effects = command_effects(model, run, command)
        steps.append(Step(command, tuple(effects) if effects is not None else None))
    return steps


# What a RUN's container mounts of its own (containerd's default spec, which BuildKit
# uses): /dev and /dev/shm are tmpfs, /proc and /sys the kernel's. Nothing written
# there reaches the layer (`pip --cache-dir /dev/shm/pip`, `COMPOSER_CACHE_DIR=/dev/null`).
RUNTIME_MOUNTS = ("/dev", "/proc", "/sys")


def in_runtime_mount(path: str) -> bool:
    return any(path == mount or path.startswith(mount + "/") for mount in RUNTIME_MOUNTS)


def under_mount(effect: Effect, mount_targets: list[str]) -> bool:
    """Effects under a RUN --mount target, or the container's own /dev, /proc and
    /sys, are not part of the layer."""
    if effect.is_package:
        return False
    if in_runtime_mount(effect.path):
        return True
    manager = effect.action if effect.owned else None
    return any(mount_covers(target, effect.path, manager) for target in mount_targets)


def mount_covers(target: str, path: str, manager: str | None = None) -> bool:
    """Whether a mount at `target` keeps `path` out of the layer: at or above it, or
    the directory inside it that holds all of a cache (yarn 1's `.cache/yarn/v6`, npm's
    `.npm/_cacache`; npm's few log files beside it are not the cache)."""
    if path == target or _is_below(path, target):
        return True
    head, name = posixpath.split(target.rstrip("/"))
    if head != path.rstrip("/"):
        return False
    if manager == "yarn":
        return _VERSIONED.fullmatch(name) is not None
    return manager == "npm" and name == "_cacache"


_VERSIONED = lazy_compile(r"v[0-9]+")
