"""Package-manager caches and indexes that a RUN leaves in its own layer.

`caches_left(model, run)` answers the question behind hadolint's cache rules
(`apt-get update` without removing the lists, `apk add` without `--no-cache`,
`pip install` without `--no-cache-dir`, `dnf install` without `dnf clean all` ...)
precisely, for one RUN (ONBUILD triggers included):

- the cache directories come from the package model (`PackageCommand.cache_paths`:
  options such as `--no-cache`, and variables such as `PIP_NO_CACHE_DIR`, are already
  taken into account there);
- a directory under a `RUN --mount` target (cache, tmpfs, bind ...) is not part of the
  layer, and a mount whose target is unknown might be over it: nothing is reported;
- a later command of the same RUN that deletes the directory (`rm -rf
  /var/lib/apt/lists/*`, `dnf clean all`, `yarn cache clean`) removes it from the
  layer, also in a branch (`if`, `||`): the model does not follow the paths through a
  script, and a cleanup written in it is taken to run. A deletion in a later RUN does
  not count: the bytes stay in the earlier layer.

Where a manager's cache directory depends on its version (dnf 4 or 5, yarn 1 or
berry), handling any of the candidate directories counts: the model cannot tell
which one the build uses and says "don't know" rather than guess.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from ..nodes import Run
from ..records import Record, init
from .calls import command_home
from .fs import CREATED, DELETED, Effect, in_runtime_mount, mount_covers, touches

if TYPE_CHECKING:
    from . import Model
    from .packages import PackageCommand
    from .shell import SimpleCommand

# Cache directories one manager may use instead of the one the package model names.
_RPM_CACHES = ("/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5", "/var/cache/tdnf")


class CacheLeftover(Record):
    """A cache or package index (`category`) that `command` leaves in the layer."""

    __slots__ = ("command", "invocation", "path", "category")

    command: SimpleCommand
    invocation: PackageCommand
    path: str
    category: str

    def __init__(
        self,
        command: SimpleCommand,
        invocation: PackageCommand,
        path: str,
        category: str,
    ) -> None:
        init(self, "command", command)
        init(self, "invocation", invocation)
        init(self, "path", path)
        init(self, "category", category)


def _candidates(
    invocation: PackageCommand, path: str, home: str | None, image_placed: bool
) -> list[str]:
    """The directory the model names, and those the same cache may live in instead:
    the RPM managers' on an image the model cannot place (`image_placed`: it knows
    what yum is there), yarn's default folders of either version unless the command
    chose its own."""
    if invocation.manager in ("dnf", "yum") and path in _RPM_CACHES and not image_placed:
        return list(_RPM_CACHES)
    if invocation.manager == "yarn":
        # yarn 1 as root: /usr/local/share/.cache/yarn, else ~/.cache/yarn; berry: ~/.yarn.
        defaults = ["/usr/local/share/.cache/yarn"]
        for directory in sorted({home or "/root", "/root"}):
            defaults += [
                posixpath.join(directory, ".cache/yarn"),
                posixpath.join(directory, ".yarn"),
            ]
        return (
            [path] + [found for found in defaults if found != path] if path in defaults else [path]
        )
    return [path]


def _empties(deletion: Effect, candidate: Effect, manager: str) -> bool:
    """Whether a deletion empties a cache: it covers the directory, or, for the gems'
    cache, which holds only `.gem` files, removes them all (`rm -rf cache/*.gem`)."""
    if touches(deletion, candidate):
        return True
    return manager in ("gem", "bundle") and deletion.path == candidate.path + "/*.gem"


def caches_left(model: Model, run: Run) -> list[CacheLeftover]:
    """Caches and indexes the package commands of a RUN leave in its layer (see above)."""
    # Asked by every package-manager cache rule at every RUN: computed once per RUN.
    return model.memo(("caches_left", id(run)), lambda: _caches_left(model, run))


def _caches_left(model: Model, run: Run) -> list[CacheLeftover]:
    mounts = model.mounts(run)
    if any(mount.target is None for mount in mounts):
        return []
    targets = [mount.target for mount in mounts if mount.target]
    stage = model.stage_of(run)
    image_placed = stage is not None and stage.rpm_frontend is not None
    pending: list[tuple[CacheLeftover, list[Effect]]] = []
    for step in model.steps(run):
        command, effects = step.command, step.effects
        if not effects:
            continue
        deletions = [effect for effect in effects if effect.kind == DELETED]
        if deletions:
            # A cleanup in a branch counts too: `if ...; then rm -rf lists; else apt-get
            # dist-clean; fi` cleans on every path, and the model does not follow paths.
            pending = [
                (leftover, candidates)
                for leftover, candidates in pending
                if not any(
                    _empties(deletion, created, leftover.invocation.manager)
                    for deletion in deletions
                    for created in candidates
                )
            ]
        invocation = model.package_command(command)
        if invocation is None:
            continue
        for effect in effects:
            category = effect.category
            if effect.kind != CREATED or category not in ("cache", "package-index"):
                continue
            paths = _candidates(
                invocation, effect.path, command_home(model, run, command), image_placed
            )
            if any(in_runtime_mount(path) for path in paths) or any(
                mount_covers(target, path, invocation.manager)
                for path in paths
                for target in targets
            ):
                continue  # under a mount: the RUN's or the container's own (/dev/shm)
            candidates = [
                Effect(CREATED, path, command, effect.path, contents=True) for path in paths
            ]
            pending.append((CacheLeftover(command, invocation, effect.path, category), candidates))
    return [leftover for leftover, _ in pending]


# Package actions whose purpose is to fill the cache for a later RUN (`go mod
# download` before `COPY . .` and `go build`): the cache is their product.
PREFETCHES = frozenset({("go", "mod download"), ("cargo", "fetch"), ("pnpm", "fetch")})


def prefetched_before(model: Model, run: Run) -> frozenset[str]:
    """Cache directories that a prefetch (see PREFETCHES) in an earlier RUN of the
    run's stage, or of the stages it is built FROM, left in its layer and no layer
    since deleted: a later command reading the same cache adds nothing to it (the
    model's package effects leave it out), and emptying it then saves nothing.

    Filled RUN by RUN up to `run` from the effects of the earlier RUNs only, so that
    the effects of `run` itself may ask (they are being computed)."""
    stage = model.stage_of(run)
    if stage is None or model.onbuild_parent(run) is not None:
        return frozenset()
    # What is present before each of the chain's first len(before) RUNs, filled as far
    # as asked so far (the answers do not depend on the RUN that asks).
    runs, positions = model.chain_runs(stage)
    before: list[frozenset[str]] = model.memo(("prefetched-before", id(stage)), list)
    index = positions.get(id(run))
    if index is None:
        return frozenset()
    while len(before) <= index:
        filled = len(before)
        present = (
            frozenset() if filled == 0 else _present_after(model, runs[filled - 1], before[-1])
        )
        if len(before) == filled:  # (unless a nested call filled it meanwhile)
            before.append(present)
    return before[index]


def _present_after(model: Model, node: Run, present: frozenset[str]) -> frozenset[str]:
    """The prefetched caches present after `node`: those before it that it did not
    delete, and those its own prefetches left."""
    kept = set(present)
    for step in model.steps(node):
        deletions = [e for e in step.effects or () if e.kind == DELETED]
        if deletions and step.command.certain:
            kept -= {
                path
                for path in kept
                if any(
                    touches(deletion, Effect(CREATED, path, node, path, contents=True))
                    for deletion in deletions
                )
            }
    kept.update(
        leftover.path
        for leftover in caches_left(model, node)
        if (leftover.invocation.manager, leftover.invocation.action) in PREFETCHES
    )
    return frozenset(kept)


def is_go_build_cache(model: Model, run: Run, leftover: CacheLeftover) -> bool:
    """Whether a Go command's leftover is its build cache (GOCACHE), not the module
    cache (GOMODCACHE, GOPATH/pkg/mod): `go clean -cache` or `-modcache` empties it."""
    from .packages import go_cache_directories

    command = leftover.command
    build_cache, _ = go_cache_directories(command, command_home(model, run, command))
    return leftover.path == build_cache
