"""Handlers of the command table for commands that work on local files: rm, rmdir,
mkdir, touch, cp, mv, install, ln, chmod/chown/chgrp, tar, unzip, find, dpkg, the
writes of `sed -i`, `tee`, `sort -o`, `uniq IN OUT` and of an awk program; and the
query of which paths are surely directories."""

from __future__ import annotations

import fnmatch
import posixpath
from typing import TYPE_CHECKING

from ..lazy_re import lazy_compile
from ..nodes import Add, Copy, Run, Workdir
from .calls import Call, Handler, options, scan
from .fs import CREATED, DELETED, MODIFIED, Effect
from .images import official_image_directories
from .paths import EXISTING_DIRECTORIES, GLOB_CHARS, names_a_file, names_a_release

if TYPE_CHECKING:
    from . import Model, Stage
    from .shell import ShellWord


def _on_operands(
    call: Call, kind: str, operands: list[ShellWord], recursive: bool = False
) -> list[Effect]:
    """One effect per operand whose path is known (a glob stays a pattern)."""
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None:
            effects.append(call.effect(kind, word, path, recursive=recursive, pattern=word.glob))
    return effects


def _rm(call: Call) -> list[Effect]:
    flags, operands, _ = options(call.args)
    return _on_operands(call, DELETED, operands, bool(flags & {"-r", "-R", "--recursive"}))


def _rmdir(call: Call) -> list[Effect]:
    _, operands, _ = options(call.args)
    return _on_operands(call, DELETED, operands)


def _mkdir(call: Call) -> list[Effect]:
    _, operands, _ = options(call.args, frozenset({"-m", "--mode", "--context"}))
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None and not word.glob:
            effects.append(call.effect(CREATED, word, path))
    return effects


_TOUCH_VALUE_OPTIONS = frozenset({"-d", "-r", "-t", "--date", "--reference", "--time"})


def _touch(call: Call) -> list[Effect]:
    flags, operands, _ = options(call.args, _TOUCH_VALUE_OPTIONS)
    # `touch -c` creates nothing: it only changes the times of a file that exists.
    kind = MODIFIED if flags & {"-c", "--no-create"} else CREATED
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None and not word.glob:
            effects.append(call.effect(kind, word, path))
    return effects


_TARGET_OPTIONS = frozenset({"-t", "--target-directory", "-S", "--suffix"})


def _destination(call: Call, operands: list[ShellWord]) -> tuple[str | None, bool]:
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
        or path == call.command.cwd
        or path in made_directories(call.model, call.run)
        or (existing_directory(call.model, call.run, path) and not _removed_before(call, path))
    )
    return path, is_directory


def _removed_before(call: Call, path: str) -> bool:
    """Whether rm or rmdir removes `path` earlier in the same RUN (`rmdir /var/www/html;
    ln -s /opt/app/web /var/www/html` makes a link, not a file inside a directory)."""
    for command in call.model.commands(call.run):
        if command is call.command:
            return False
        if command.name in ("rm", "rmdir"):
            handler = _rm if command.name == "rm" else _rmdir
            for effect in handler(Call(call.model, call.run, command)):
                if effect.path == path or path.startswith(effect.path.rstrip("/") + "/"):
                    return True
    return False


def made_directories(model: Model, run: Run) -> frozenset[str]:
    """Paths that `mkdir` (or `install -d`) creates anywhere in a RUN (computed once per RUN)."""

    def compute() -> frozenset[str]:
        made: set[str] = set()
        for command in model.commands(run):
            if command.name == "mkdir" and command.certain:
                for effect in _mkdir(Call(model, run, command)):
                    made.add(effect.path)
            elif command.name == "install" and command.certain:
                # Only `install -d`: a copy would ask for the directories made here.
                call = Call(model, run, command)
                flags, operands, _ = options(call.args, _INSTALL_VALUE_OPTIONS)
                if flags & {"-d", "--directory"}:
                    made.update(effect.path for effect in _install_directories(call, operands))
        return frozenset(made)

    return model.memo(("made-directories", id(run)), compute)


def existing_directory(model: Model, node: Run | Copy | Add, path: str) -> bool:
    """Whether `path` is surely a directory when `node` runs: a standard directory of
    a Linux base image (none on `scratch`), one its official base image makes
    (`golang`'s /go/bin), or one an earlier instruction made (see _Directories)."""
    stage = model.stage_of(node)
    image = stage.root_image if stage is not None else None
    on_scratch = image is not None and image.is_scratch
    if not on_scratch and (
        path in EXISTING_DIRECTORIES or path in official_image_directories(image)
    ):
        return True
    return is_directory_before(model, node, path)


def is_directory_before(model: Model, node: Run | Copy | Add, path: str) -> bool:
    """Whether an earlier instruction of the node's stage, or of the stages it is built
    FROM, surely made `path` a directory that is still there."""
    stage = model.stage_of(node)
    if stage is None:
        return False
    if isinstance(node, Run) and model.state_at(node).workdir == path:
        return True  # the runtime makes a RUN's working directory when it is missing
    return _directories(model, stage).holds(path, node)


_FOREVER = 1 << 62


class _Directories:
    """The directories each instruction of a stage finds, read from the instructions
    before it: WORKDIRs, and the certain effects of RUN, COPY and ADD (what they make
    inside a path shows it is a directory; `mkdir`, a tree of unknown names, and the
    parents of every path made; a deletion ends it). Instructions are read in order
    and only as far as a question needs, because reading a COPY or a `cp` asks this
    very question about the instructions before it."""

    def __init__(self, model: Model, stage: Stage) -> None:
        self.model = model
        self.stage = stage
        self.index_of = {id(node): index for index, node in enumerate(stage.instructions)}
        self.read = 0  # instructions read so far
        # path -> [first index that sees it, index from which it is gone]
        self.spans: dict[str, list[list[int]]] = {}
        self.children: dict[str, set[str]] = {}  # so that a deletion visits only its tree
        base = stage.base_stage
        first = model.state_at(stage.instructions[0]).workdir if stage.instructions else None
        if base is not None and base.index < stage.index:
            inherited = _directories(model, base)  # built already: see _directories
            inherited.read_up_to(len(base.instructions))
            for path, spans in inherited.spans.items():
                if spans[-1][1] == _FOREVER:
                    self._add(path, -1)
            if first is not None and inherited.ends_with_workdir():
                self._add(first, -1)  # the base stage's last WORKDIR made it
        elif base is None and first is not None:
            self._add(first, -1)  # the image's own working directory (redis: /data)

    def holds(self, path: str, node: Run | Copy | Add) -> bool:
        index = self.index_of.get(id(node))
        if index is None and self.model.onbuild_parent(node) is not None:
            # An ONBUILD trigger runs where the stage ends (in the stages built FROM
            # it), in the stage's last working directory.
            index = len(self.stage.instructions)
            if self.ends_with_workdir() and self.model.state_at(node).workdir == path:
                return True
        elif index is None:
            index = -1
        self.read_up_to(index)
        return any(start <= index < end for start, end in self.spans.get(path, ()))

    def ends_with_workdir(self) -> bool:
        """Whether the stage's last instruction is a WORKDIR (whose directory no later
        instruction of the stage reads, so `_read` never added it)."""
        return bool(self.stage.instructions) and isinstance(self.stage.instructions[-1], Workdir)

    def read_up_to(self, count: int) -> None:
        while self.read < count:
            index = self.read
            self._read(self.stage.instructions[index], index)
            self.read = index + 1

    def _add(self, path: str, at: int) -> None:
        while path not in ("/", ""):
            spans = self.spans.setdefault(path, [])
            if spans and spans[-1][1] == _FOREVER:
                return  # there already, and so are its parents
            spans.append([at, _FOREVER])
            parent = posixpath.dirname(path)
            self.children.setdefault(parent, set()).add(path)
            path = parent

    def _remove(self, path: str, at: int, itself: bool = True) -> None:
        """End `path` (unless not `itself`) and everything known below it."""
        pending = [path] if itself else list(self.children.get(path, ()))
        while pending:
            known = pending.pop()
            spans = self.spans.get(known)
            if spans and spans[-1][1] == _FOREVER:
                spans[-1][1] = at
            pending.extend(self.children.get(known, ()))

    def _below(self, path: str) -> list[str]:
        """The known paths below `path`."""
        found: list[str] = []
        pending = list(self.children.get(path, ()))
        while pending:
            known = pending.pop()
            found.append(known)
            pending.extend(self.children.get(known, ()))
        return found

    def _read(self, node: object, index: int) -> None:
        from .copies import copy_effects

        # WORKDIR makes its directory (seen in the state of the instruction after it),
        # and so does the runtime for a RUN, where COPY and ADD do not: after `RUN rm
        # -rf /app`, `COPY a.txt /app` writes a file.
        instructions = self.stage.instructions
        if isinstance(node, Workdir) and index + 1 < len(instructions):
            workdir = self.model.state_at(instructions[index + 1]).workdir
            if workdir is not None:
                self._add(workdir, index + 1)
        elif isinstance(node, Run):
            workdir = self.model.state_at(node).workdir
            if workdir is not None:
                self._add(workdir, index)
        if isinstance(node, Run):
            effects = [
                effect
                for step in self.model.steps(node)
                if step.command.certain and step.effects
                for effect in step.effects
            ]
        elif isinstance(node, (Copy, Add)):
            effects = copy_effects(self.model, node)
        else:
            return
        for effect in effects:
            if effect.is_package:
                continue
            path = _fixed_part(effect.path) if effect.pattern else effect.path
            if effect.kind == DELETED:
                if effect.name_filter:
                    continue  # `find DIR -name X -delete`: some files, not the directories
                if effect.pattern:
                    # `rm -rf /app/*`: every known directory the pattern matches
                    for known in self._below(path):
                        if fnmatch.fnmatchcase(known, effect.path):
                            self._remove(known, index + 1)
                else:
                    self._remove(path, index + 1, itself=not effect.contents)
            elif effect.kind == CREATED:
                itself = effect.contents or effect.action == "mkdir" or effect.pattern
                self._add(path if itself else posixpath.dirname(path), index + 1)


def _fixed_part(path: str) -> str:
    """The directory a glob path surely lies in (`/app/*.txt` -> `/app`)."""
    while GLOB_CHARS.search(path):
        path = posixpath.dirname(path)
    return path


def _directories(model: Model, stage: Stage) -> _Directories:
    """The stage's _Directories, built once, after those of the stages it is built FROM
    (oldest first: a long chain of stages must not nest one build in another)."""
    built: dict[int, _Directories] = model.memo(("directories",), dict)
    found = built.get(id(stage))
    if found is not None:
        return found
    chain = [stage]
    while True:
        base = chain[-1].base_stage
        if base is None or base.index >= chain[-1].index or id(base) in built:
            break
        chain.append(base)
    for member in reversed(chain):
        built[id(member)] = _Directories(model, member)
    return built[id(stage)]


def _copy_like(
    call: Call, move: bool, value_options: frozenset[str] = _TARGET_OPTIONS
) -> list[Effect]:
    """cp and mv (and install). A directory copied with -r/-a, or anything moved,
    arrives with what is inside it; `SRC/.` and a glob put their files into the target
    itself. `-T` makes the target the file itself (install's `-D` only makes the
    target's parents)."""
    flags, operands, values = options(call.args, value_options)
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
        if flags & {"-T", "--no-target-directory"}:
            is_directory = False
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
            head, name = posixpath.split(value.rstrip("/"))
            if word.glob and name != "*" and not GLOB_CHARS.search(head):
                # `cp conf/*.yml /srv/`: files named like the glob (`/srv/*.yml`).
                path = posixpath.join(target, name)
                effects.append(call.effect(CREATED, target_word, path, pattern=True))
            elif recursive or word.glob:
                effects.append(call.effect(CREATED, target_word, target, contents=True))
            continue
        if is_directory and source is None:
            continue
        path = (
            posixpath.join(target, posixpath.basename(source))
            if source and is_directory
            else target
        )
        # A file or a whole directory, as with COPY: what lies below it came with it
        # (unless the source is by its name a file).
        tree = recursive and not (
            source is not None and names_a_file(source) and not names_a_release(source)
        )
        effects.append(call.effect(CREATED, target_word, path, copied=tree))
    return effects


def _cp(call: Call) -> list[Effect]:
    return _copy_like(call, move=False)


def _mv(call: Call) -> list[Effect]:
    return _copy_like(call, move=True)


_INSTALL_VALUE_OPTIONS = _TARGET_OPTIONS | frozenset(
    {"-m", "--mode", "-o", "--owner", "-g", "--group", "--strip-program"}
)


def _install(call: Call) -> list[Effect]:
    """coreutils install: `-d DIR...` makes directories (parents too), else it copies
    files as cp does (`install -m 755 tool /usr/local/bin/`)."""
    flags, operands, _ = options(call.args, _INSTALL_VALUE_OPTIONS)
    if flags & {"-d", "--directory"}:
        return _install_directories(call, operands)
    return _copy_like(call, move=False, value_options=_INSTALL_VALUE_OPTIONS)


def _install_directories(call: Call, operands: list[ShellWord]) -> list[Effect]:
    """`install -d DIR...`: each DIR made as by `mkdir -p`."""
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None and not word.glob:
            effects.extend(call.made_directory(word, path))
    return effects


def _ln(call: Call) -> list[Effect]:
    flags, operands, values = options(call.args, _TARGET_OPTIONS)
    directory_word = values.get("-t") or values.get("--target-directory")
    if directory_word is not None:
        directory = call.resolve(directory_word)
        sources = operands
    elif len(operands) == 1:
        # `ln -s /opt/tool/bin/tool`: the link is made in the working directory.
        directory, directory_word = call.command.cwd, operands[0]
        sources = operands
    elif operands:
        target, is_directory = _destination(call, operands)
        if target is None:
            return []
        if not is_directory or flags & {"-T", "--no-target-directory"}:
            return [call.effect(CREATED, operands[-1], target)]
        directory, directory_word = target, operands[-1]
        sources = operands[:-1]
    else:
        return []
    if directory is None:
        return []
    effects = []
    for word in sources:
        name = posixpath.basename((word.value or "").rstrip("/"))
        if name in ("", ".", ".."):
            continue
        # `ln -s /opt/app/* /usr/local/bin/`: a link for each match, named as it is.
        path = posixpath.join(directory, name)
        pattern = word.glob and GLOB_CHARS.search(name) is not None
        effects.append(call.effect(CREATED, directory_word, path, pattern=pattern))
    return effects


# `chmod -x f`, `chmod -R -rwx dir`: a symbolic mode that looks like an option.
_DASH_MODE = lazy_compile(r"-[rwxXst]+(,[ugoa]*[-+=][rwxXstugo]*)*\Z")


def _permissions(call: Call) -> list[Effect]:
    words = call.args
    dash_mode = False
    if call.command.name == "chmod":
        # GNU chmod takes such a word for the mode; every operand is then a file.
        for position, word in enumerate(words):
            if word.value == "--":
                break
            if _DASH_MODE.match(word.value or ""):
                words = words[:position] + words[position + 1 :]
                dash_mode = True
                break
    flags, operands, _ = options(words, frozenset({"--reference", "--from"}))
    recursive = bool(flags & {"-R", "--recursive"})
    has_reference = "--reference" in flags
    paths = operands if has_reference or dash_mode else operands[1:]
    return _on_operands(call, MODIFIED, paths, recursive)


_TAR_VALUE_OPTIONS = frozenset(
    {
        "-f",
        "--file",
        "-C",
        "--directory",
        "-T",
        "--files-from",
        "-X",
        "--exclude-from",
        "--exclude",
        "--strip-components",
        "-I",
        "--use-compress-program",
        "--transform",
        "--owner",
        "--group",
        "--mode",
        "--to-command",
        "-b",
        "--blocking-factor",
        "-H",
        "--format",
        "-K",
        "--starting-file",
        "-N",
        "--newer",
        "-V",
        "--label",
        "-g",
        "--listed-incremental",
    }
)


def _tar(call: Call) -> list[Effect]:
    args = call.args
    if not args or args[0].value is None:
        return []
    words = list(args)
    first = words[0].value or ""
    old_values: dict[str, ShellWord] = {}
    mode_letters = ""
    if not first.startswith("-"):
        # `tar xzfC a.tgz /opt`: old-style letters; their values follow in order.
        mode_letters = first
        words = words[1:]
        for letter in mode_letters:
            if "-" + letter in _TAR_VALUE_OPTIONS and words:
                old_values["-" + letter] = words.pop(0)
    flags, _, values = options(tuple(words), _TAR_VALUE_OPTIONS)
    flags |= {"-" + letter for letter in mode_letters}
    values = {**old_values, **values}
    archive_word = values.get("-f") or values.get("--file")
    if flags & {"-x", "--extract", "--get"}:
        if flags & {"-O", "--to-stdout", "--to-command"}:
            return []  # members go to standard output or a program, not to files
        # -C and --directory say where members land; they do not move the archive.
        directory_word = values.get("-C") or values.get("--directory")
        if directory_word is not None:
            directory = call.resolve(directory_word)
            evidence = directory_word
        else:
            directory = call.command.cwd
            evidence = archive_word or call.words[0]
        if directory is None:
            return []
        return [call.effect(CREATED, evidence, directory, contents=True)]
    if archive_word is None or archive_word.value in ("-", None):
        return []
    path = call.resolve(archive_word)
    if path is None or path.startswith("/dev/"):
        return []
    if flags & {"-c", "--create"}:
        return [call.effect(CREATED, archive_word, path)]
    if flags & {"-r", "--append", "-u", "--update", "-A", "--catenate", "--concatenate"}:
        return [call.effect(MODIFIED, archive_word, path)]
    if "--delete" in flags:
        return [call.effect(MODIFIED, archive_word, path)]
    return []


def _unzip(call: Call) -> list[Effect]:
    flags, operands, values = options(call.args, frozenset({"-d", "-x", "-P"}))
    if flags & {"-l", "-p", "-t", "-Z", "-v", "-z"}:
        return []  # lists, tests, or writes to standard output
    directory_word = values.get("-d")
    if directory_word is not None:
        directory = call.resolve(directory_word)
        evidence = directory_word
    else:
        directory = call.command.cwd
        evidence = operands[0] if operands else call.words[0]
    if directory is None or not operands:
        return []
    tree = call.effect(CREATED, evidence, directory, contents=True)
    # `-d DIR` makes the directory when it is missing.
    return [*call.made_directory(evidence, directory), tree] if directory_word else [tree]


_FIND_TESTS = {
    "-name": 1,
    "-iname": 1,
    "-type": 1,
    "-mindepth": 1,
    "-maxdepth": 1,
    "-depth": 0,
    "-xdev": 0,
    "-mount": 0,
    "-print": 0,
    "-print0": 0,
    "-delete": 0,
}


# Actions that write or run something the model does not follow.
_FIND_OPAQUE_ACTIONS = frozenset(
    {"-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fprint0", "-fprintf", "-fls"}
)


# Programs that only read the files `find -exec` gives them, with the options that
# make them write after all (scanelf's fixes and output file, file's compiled magic).
_PLAIN_READERS = ("ldd", "readlink", "realpath", "stat", "ls", "cat", "grep", "head", "wc")
_FIND_READERS: dict[str, tuple[str, frozenset[str]]] = {
    name: ("", frozenset())
    for name in (*_PLAIN_READERS, "sha256sum", "sha512sum", "md5sum", "echo", "printf", "test")
}
_FIND_READERS["scanelf"] = ("Xzo", frozenset({"--fix", "--setpax", "--file"}))
_FIND_READERS["file"] = ("C", frozenset({"--compile"}))


def _only_reads(program: str, arguments: list[str]) -> bool:
    """Whether `program ARGUMENTS` (run by `find -exec`) surely writes no file."""
    reader = _FIND_READERS.get(program)
    if reader is None:
        return False
    letters, names = reader
    for argument in arguments:
        if argument.startswith("--"):
            if argument.split("=", 1)[0] in names:
                return False
        elif argument.startswith("-") and any(letter in argument[1:] for letter in letters):
            return False
    return True


def _execs_only_readers(values: list[str]) -> bool:
    """Whether every `-exec`/`-execdir` of a find expression runs a reader, with
    no `-delete`, no `-ok` and no `-fprint` (which write files)."""
    if "-delete" in values:
        return False
    position = 0
    found = False
    while position < len(values):
        value = values[position]
        if value in _FIND_OPAQUE_ACTIONS:
            if value not in ("-exec", "-execdir") or position + 1 >= len(values):
                return False
            program = values[position + 1].rsplit("/", 1)[-1]
            end = position + 1
            while end < len(values) and values[end] not in (";", "+"):
                end += 1
            if not _only_reads(program, values[position + 2 : end]):
                return False
            found = True
            position = end
        position += 1
    return found


def _find(call: Call) -> list[Effect] | None:
    """`find ROOT ... -delete` (or `-exec rm`): what it deletes, when the expression
    is simple enough to know (None when it is not, or runs other commands)."""
    args = call.args
    start = 0
    while start < len(args) and (args[start].value or "") in ("-H", "-L", "-P"):
        start += 1
    roots: list[ShellWord] = []
    index = start
    while index < len(args) and not (args[index].value or "-").startswith(("-", "(", "!")):
        roots.append(args[index])
        index += 1
    expression = [word.value for word in args[index:]]
    if any(value is None for value in expression):
        return None
    values = [value for value in expression if value is not None]
    exec_at = next((at for at, value in enumerate(values) if value in _FIND_OPAQUE_ACTIONS), None)
    if exec_at is not None:
        if _execs_only_readers(values):
            return []  # `find /usr/local -type f -exec ldd '{}' ';'`
        runs = values[exec_at + 1 : exec_at + 2]
        if values[exec_at] not in ("-exec", "-execdir") or runs not in (["rm"], ["/bin/rm"]):
            return None  # runs or writes something else: its effects are unknown
        values = [*values[:exec_at], "-delete"]
    if "-delete" not in values:
        return []  # only reads
    name_filter: str | None = None
    contents = False
    max_depth: str | None = None
    position = 0
    while position < len(values):
        value = values[position]
        arity = _FIND_TESTS.get(value)
        if arity is None or position + arity >= len(values):
            return None  # -o, !, -path, -mtime ...: which files go is not known
        if value in ("-name", "-iname"):
            if name_filter is not None:
                return None
            name_filter = values[position + 1]
        elif value == "-type" or (value == "-mindepth" and values[position + 1] != "0"):
            contents = True  # the root itself stays
        elif value == "-maxdepth":
            max_depth = values[position + 1]
        position += 1 + arity
    if max_depth is not None and max_depth != "1":
        return None  # names down to some depth: not what the model can say
    effects = []
    for word in roots or ():
        root = call.resolve(word)
        if root is None:
            continue
        if name_filter is not None and max_depth == "1":
            # `find DIR -maxdepth 1 -name PATTERN -delete` is `rm -rf DIR/PATTERN`.
            path = posixpath.join(root, name_filter)
            pattern = GLOB_CHARS.search(name_filter) is not None
            effects.append(call.effect(DELETED, word, path, recursive=True, pattern=pattern))
        elif max_depth == "1" and not contents:
            return None  # the root and what is directly in it
        elif name_filter is not None:
            effects.append(
                call.effect(DELETED, word, root, name_filter=name_filter, recursive=True)
            )
        else:
            effects.append(call.effect(DELETED, word, root, recursive=True, contents=contents))
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


def _dpkg(call: Call) -> list[Effect] | None:
    first = call.args[0].value if call.args else None
    return [] if first in _DPKG_QUERIES else None


_SED_VALUE_OPTIONS = frozenset({"-e", "--expression", "-f", "--file", "-l", "--line-length"})


def sed_in_place(call: Call) -> list[Effect]:
    """Files `sed -i` edits: its operands, but for the first when it is the script
    (no `-e` or `-f` gives one). `-i.bak` and `--in-place=.bak` carry a suffix,
    never the next word."""
    items = scan(call.args, _SED_VALUE_OPTIONS, frozenset({"-i", "--in-place"}))
    names = {name for name, _ in items}
    if not names & {"-i", "--in-place"}:
        return []
    operands = [word for name, word in items if not name and word is not None]
    if not names & {"-e", "--expression", "-f", "--file"}:
        operands = operands[1:]
    return _on_operands(call, MODIFIED, operands)


def tee(call: Call) -> list[Effect]:
    flags, operands, _ = options(call.args)
    kind = MODIFIED if flags & {"-a", "--append"} else CREATED
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None and not path.startswith("/dev/"):
            effects.append(call.effect(kind, word, path))
    return effects


_SORT_VALUES = frozenset(
    {"-o", "--output", "-k", "--key", "-t", "--field-separator", "-T", "--temporary-directory"}
    | {"-S", "--buffer-size", "--parallel", "--batch-size", "--compress-program"}
    | {"--files0-from", "--random-source", "--sort"}
)


def _sort(call: Call) -> list[Effect] | None:
    """sort prints, unless `-o FILE` names a file to (over)write."""
    _, _, values = options(call.args, _SORT_VALUES)
    output = values.get("-o") or values.get("--output")
    return [] if output is None else _written(call, output)


def _uniq(call: Call) -> list[Effect] | None:
    """`uniq [INPUT [OUTPUT]]`: the second operand is the file it writes."""
    values = frozenset({"-f", "--skip-fields", "-s", "--skip-chars", "-w", "--check-chars"})
    _, operands, _ = options(call.args, values)
    return [] if len(operands) < 2 else _written(call, operands[1])


def _written(call: Call, word: ShellWord) -> list[Effect] | None:
    """The file a command's output option or operand names (`-` is standard output)."""
    if word.value in ("-", "/dev/stdout", "/dev/null"):
        return []
    path = call.resolve(word)
    return [call.effect(CREATED, word, path)] if path is not None else None


def _file(call: Call) -> list[Effect] | None:
    """file reads; `-C` compiles magic files into `*.mgc` files beside them."""
    flags, _, _ = options(call.args, frozenset({"-m", "--magic-file", "-e", "--exclude", "-F"}))
    return None if flags & {"-C", "--compile"} else []


_AWK_VALUES = frozenset({"-F", "--field-separator", "-v", "--assign", "-f", "--file"})
# What in an awk program may write or run something: output redirection after print
# or printf (`print > "out"`, `>>`, but not to /dev/stderr), a pipe (`print | "cmd"`,
# `"cmd" | getline`, not `||`), and system() of anything but a test (`system("[ -e "
# f " ]")`, as the official images' Dockerfiles use it) or `kill`.
_AWK_PIPE = lazy_compile(r"(?<!\|)\|(?!\|)")
_AWK_PRINT_TO = lazy_compile(r"\bprintf?\b[^;{}]*?>>?\s*(\"[^\"]*\")?")
_AWK_SYSTEM = lazy_compile(r"\bsystem\s*\(\s*(\"[^\"\s]*)?")
_AWK_HARMLESS_OUTPUTS = frozenset({'"/dev/stderr"', '"/dev/stdout"', '"/dev/null"'})
_AWK_HARMLESS_COMMANDS = frozenset({'"[', '"test', '"kill'})


def awk_program_writes(program: str) -> bool:
    """Whether an awk program may write a file or run a command that may (see above)."""
    if _AWK_PIPE.search(program):
        return True
    if any(
        match.group(1) not in _AWK_HARMLESS_OUTPUTS for match in _AWK_PRINT_TO.finditer(program)
    ):
        return True
    return any(
        match.group(1) not in _AWK_HARMLESS_COMMANDS for match in _AWK_SYSTEM.finditer(program)
    )


def _awk(call: Call) -> list[Effect] | None:
    """An awk program that writes nothing changes nothing; one that may write (see
    above), comes from a file (`-f`), or is gawk's in-place editing, is unknown."""
    flags, operands, _ = options(call.args, _AWK_VALUES | {"-i", "--include", "-l", "--load"})
    if flags & {"-f", "--file", "-i", "--include", "-l", "--load", "-E", "--exec"}:
        return None
    program = operands[0].value if operands else None
    if program is None or awk_program_writes(program):
        return None
    return []


_GPG_VALUE_OPTIONS = frozenset(
    {"-o", "--output", "--homedir", "--keyserver", "-r", "--recipient", "-u", "--local-user"}
    | {"--keyring", "--secret-keyring", "--trustdb-name", "--default-key", "--passphrase"}
    | {"--passphrase-file", "--passphrase-fd", "--status-fd", "--logger-fd", "--options"}
    | {"--keyserver-options", "--trust-model", "--pinentry-mode", "--digest-algo"}
)
# gpg commands that store keys or trust in the keyring directory.
_GPG_KEYRING_WRITES = frozenset(
    {"--import", "--recv-keys", "--receive-keys", "--recv-key", "--fetch-keys"}
    | {"--refresh-keys", "--gen-key", "--generate-key", "--full-generate-key"}
    | {"--quick-gen-key", "--quick-generate-key", "--lsign-key", "--sign-key"}
    | {"--import-ownertrust", "--update-trustdb", "--delete-keys", "--delete-key"}
)


def _gpg(call: Call) -> list[Effect] | None:
    """`gpg -o FILE` (`--dearmor`, `--export`, `--decrypt` ...) writes FILE; key
    imports write the keyring directory (`--homedir`, else GNUPGHOME, else ~/.gnupg).
    Everything else writes to standard output or only reads (`--verify`)."""
    flags, _, values = options(call.args, _GPG_VALUE_OPTIONS)
    effects: list[Effect] = []
    output = values.get("-o") or values.get("--output")
    if output is not None and output.value not in ("-", None):
        path = call.resolve(output)
        if path is not None and not path.startswith("/dev/"):
            effects.append(call.effect(CREATED, output, path))
    if flags & _GPG_KEYRING_WRITES:
        homedir = values.get("--homedir")
        if homedir is not None:
            directory = call.resolve(homedir)
        elif call.command.has_env("GNUPGHOME"):
            value = call.command.env("GNUPGHOME")
            directory = call.resolve_text(value) if value else None
        else:
            directory = posixpath.join(call.home, ".gnupg") if call.home else None
        if directory is not None:
            effects.append(call.effect_at(CREATED, directory, contents=True))
    return effects


FILE_COMMANDS: dict[str, Handler] = {
    "rm": _rm,
    "rmdir": _rmdir,
    "unlink": _rmdir,
    "mkdir": _mkdir,
    "touch": _touch,
    "cp": _cp,
    "mv": _mv,
    "install": _install,
    "ln": _ln,
    "chmod": _permissions,
    "chown": _permissions,
    "chgrp": _permissions,
    "tar": _tar,
    "unzip": _unzip,
    "find": _find,
    "dpkg": _dpkg,
    "gpg": _gpg,
    "gpg2": _gpg,
    "sort": _sort,
    "file": _file,
    "uniq": _uniq,
    "awk": _awk,
    "gawk": _awk,
    "mawk": _awk,
    "nawk": _awk,
}
