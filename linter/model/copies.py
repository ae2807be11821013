"""What COPY and ADD create, by the destination rules of the Dockerfile reference."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..findings import Span
from ..lazy_re import lazy_compile
from ..nodes import Add
from ..words import parse_heredoc_marker
from .file_commands import existing_directory
from .fs import CREATED, Effect
from .paths import ARCHIVE, GLOB_CHARS, URL, names_a_file, url_name
from .stage_refs import has_variable

if TYPE_CHECKING:
    from ..nodes import Copy
    from . import Model


def copy_effects(model: Model, node: Copy | Add) -> list[Effect]:
    """Paths a COPY or ADD creates (destination rules of the Dockerfile reference),
    worked out once per instruction."""
    return list(model.memo(("copy-effects", id(node)), lambda: _copy_effects(model, node)))


def _copy_effects(model: Model, node: Copy | Add) -> list[Effect]:
    if node.destination is None or not node.sources:
        return []
    source_stage = node.flag("from")
    if source_stage is not None and has_variable(source_stage.value or ""):
        return []  # the build fails here (see stage_refs.has_variable)
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
        or destination in (".", "..")
        or existing_directory(model, node, target)
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

    excludes = tuple(
        value
        for flag in node.flags_named("exclude")
        if (value := model.expand(flag.value or "", node)) is not None
    )

    def created(
        path: str, span: Span, copied: bool = True, left_out: tuple[str, ...] = (), **details: bool
    ) -> Effect:
        # `copied`: the path may be a directory holding the copied files; `left_out`:
        # names the tree surely does not hold, beside the --exclude patterns.
        return Effect(
            CREATED,
            path,
            span,
            description,
            action=keyword,
            copied=copied,
            excludes=excludes + left_out,
            **details,
        )

    effects: list[Effect] = []
    for word in node.sources:
        marker = parse_heredoc_marker(word.text)
        if marker is not None and marker.name in heredoc_names:
            path = posixpath.join(target, marker.name) if to_directory else target
            effects.append(created(path, word.span))
            continue
        source = model.expand(word, node)
        span = word.span
        if source is None:
            # What is copied is unknown, but not where: the destination (a file, or a
            # directory holding it), or files of unknown names in a directory.
            literal = model.unquote(word)
            remote = is_add and URL.match(literal) is not None
            if to_directory or (is_add and _is_git_source(literal)):  # a repository: a tree
                effects.append(created(target, span, contents=True))
            else:
                effects.append(created(target, span, copied=not remote))
            continue
        if is_add and _is_git_source(source):
            # ADD of a git repository: its files land in the destination directory,
            # without .git unless --keep-git-dir=true (or `?keep-git-dir=1`).
            keep = node.flag("keep-git-dir")
            kept = keep is not None and (keep.value or "true").lower() == "true"
            kept = kept or _query_flag(source, "keep-git-dir")
            effects.append(created(target, span, contents=True, left_out=() if kept else (".git",)))
            continue
        unpacks = unpack is None or (unpack.value or "true") != "false"
        if is_add and URL.match(source):
            name = url_name(source, "ADD")
            asked = unpack is not None and unpacks  # a remote archive only with --unpack
            if asked and name and ARCHIVE.search(name):
                left_out = ("/" + name,)
                effects.append(
                    created(target, span, contents=True, left_out=left_out, unpacked=True)
                )
            elif to_directory:
                if name:
                    effects.append(created(posixpath.join(target, name), span))
            else:
                effects.append(created(target, span, copied=False))  # a downloaded file
            continue
        if is_add and ARCHIVE.search(source) and unpacks and not node.flag("from"):
            # The members land in the destination; the archive itself never does.
            archive = "/" + posixpath.basename(source)
            effects.append(created(target, span, contents=True, left_out=(archive,), unpacked=True))
            continue
        if keeps_parents and GLOB_CHARS.search(posixpath.dirname(_after_pivot(source))):
            # COPY --parents ./services/*/config.yml /cfg/: each match keeps its
            # directories, /cfg/services/api/config.yml ...: a pattern of paths.
            relative = posixpath.normpath(_after_pivot(source).lstrip("/"))
            effects.append(created(posixpath.join(target, relative), span, pattern=True))
            continue
        if posixpath.normpath(source) == "." and not node.flag("from"):
            # `COPY . /app`: what the context's .dockerignore leaves out is not there.
            left_out = model.context_ignore_lines
            if left_out:
                effects.append(created(target, span, contents=True, left_out=left_out))
                continue
        parents = _parents_of(source) if keeps_parents else ""
        relative = posixpath.normpath(_after_pivot(source).lstrip("/")) if keeps_parents else ""
        if keeps_parents and relative not in ("", ".") and not names_a_file(relative):
            # COPY --parents services/api /app/ keeps the directory: /app/services/api.
            effects.append(created(posixpath.join(target, relative), span, contents=True))
            continue
        if parents:
            # COPY --parents a/b/c.txt /p/ writes /p/a/b/c.txt.
            effects.extend(_copied(source, posixpath.join(target, parents), True, span, created))
            continue
        effects.extend(_copied(source, target, to_directory, span, created))
    return effects


def _after_pivot(source: str) -> str:
    """A `COPY --parents` source from its `./` pivot on (all of it without one)."""
    return source.split("/./", 1)[1] if "/./" in source else source


def _parents_of(source: str) -> str:
    """The directories of a `COPY --parents` source kept under the destination (up to
    a `./` pivot, and not below the first wildcard)."""
    directory = posixpath.dirname(_after_pivot(source).rstrip("/"))
    kept: list[str] = []
    for part in directory.split("/"):
        if any(char in part for char in "*?["):
            break
        if part not in ("", "."):
            kept.append(part)
    return "/".join(kept)


# A git repository as an ADD source: `https://host/repo.git#ref`, `git@host:repo.git`.
_GIT_SOURCE = lazy_compile(r"\A(git@|git://|ssh://)|\.git(#[^/]*)?/?\Z|\.git#")


def _is_git_source(source: str) -> bool:
    """A git repository for ADD: `git@...`, `git://`, `ssh://`, or a URL whose path
    ends in `.git` (with a `#ref` fragment or `?ref=...` query, Dockerfile 1.18)."""
    if _GIT_SOURCE.search(source):
        return True
    if not URL.match(source):
        return False
    path = source.split("#", 1)[0].split("?", 1)[0]
    return path.rstrip("/").endswith(".git")


def _query_flag(url: str, name: str) -> bool:
    """Whether a URL's query sets `name` on (`?keep-git-dir=1`, `=true`)."""
    query = url.split("#", 1)[0].partition("?")[2]
    for part in query.split("&"):
        key, _, value = part.partition("=")
        if key == name and value.lower() in ("1", "true"):
            return True
    return False


# Names that, without an extension, name directories by custom, even when copied into
# a bin directory (`COPY rootfs/usr/local/bin /usr/local/bin`, `COPY scripts /usr/bin/`).
DIRECTORY_NAMES = frozenset(
    {"bin", "sbin", "scripts", "script", "tools", "utils", "helpers", "libexec", "rootfs"}
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
        yield created(target, span, copied=glob or not names_a_file(clean))
        return
    if glob:
        if not any(char in name for char in "*?[") and not names_a_file(name):
            # `COPY packages/*/dist /out/`: each matched directory's contents land in
            # the destination, not a `dist` directory.
            yield created(target, span, contents=True)
            return
        if "/" in clean:
            clean_name = name
        else:
            clean_name = clean
        yield created(posixpath.join(target, clean_name), span, pattern=True)
        return
    program = target.endswith(("/bin", "/sbin")) and name not in DIRECTORY_NAMES
    if source.endswith("/") or not (program or names_a_file(clean)):
        # A directory (or so it seems; a name without extension copied into a bin
        # directory is a program, unless it names a directory by custom, such as
        # `bin` or `scripts`): its contents land in the destination.
        yield created(target, span, contents=True)
        return
    yield created(posixpath.join(target, name), span)
