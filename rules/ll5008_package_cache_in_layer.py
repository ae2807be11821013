"""A language package manager leaves its download or build cache in a layer that ships.

The rule covers the managers no other rule covers: npm (`~/.npm`), Go (the build
cache `~/.cache/go-build` and the module cache `GOPATH/pkg/mod`), Cargo
(`CARGO_HOME/registry`), Composer (`COMPOSER_CACHE_DIR`, `COMPOSER_HOME/cache`), conda
and mamba (the `pkgs` directory), RubyGems and Bundler (`GEM_HOME/cache`), and pnpm's
store after `pnpm fetch`. apt, apk, pip, yarn, dnf, yum and zypper have rules of their
own (LL3005, LL3013, LL3029, LL3044, LL3020, LL3027, LL3024). A pnpm store that the
same RUN links into `node_modules` is not reported: pnpm hard-links the packages
from it, so it takes no more room than they do.

The cache directory comes from the layer model: variables such as `GOPATH`,
`GOCACHE`, `npm_config_cache` or `CONDA_PKGS_DIRS` move it, and a setting whose value
is unknown leaves it unknown (nothing is reported). Reported only where the layer
ships (the build target and the stages it is built FROM, and ONBUILD triggers), once
per cache and RUN, at the first command that fills it. Not reported when a later
command of the same RUN removes the cache, or when a `RUN --mount` covers it, nor for
a cache that an earlier `go mod download`, `cargo fetch` or `pnpm fetch` of the stage
filled (`go build` after `go mod download`: the finding is at the download, whose
product the cache is).

The message names the command that empties the cache, with the settings the command
gave itself (`GOMODCACHE=/gm go clean -modcache`, `npm cache clean --force --cache
DIR`), and the cache mount to use instead; after a prefetch that no later command of
its RUN uses, it suggests the mount (in that RUN and the one that builds) or a build
stage.

## Why is this bad?

These caches hold a second copy of everything the manager downloaded (npm's
tarballs, Go's module sources, Cargo's crate registry, conda's package archives) or
built (Go's compiled packages), often hundreds of megabytes, and nothing in the
running container reads them. Deleting them in a later RUN does not help: the bytes
stay in this layer. Clean the cache in the same RUN, mount a build cache over it
(BuildKit keeps it between builds, outside the image), or build in a stage that does
not ship and copy only the result.

## Example

```dockerfile
FROM golang:1.23
RUN go install golang.org/x/tools/gopls@v0.16.2
```

## Use instead

```dockerfile
FROM golang:1.23
RUN --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=cache,target=/go/pkg/mod \
    go install golang.org/x/tools/gopls@v0.16.2
```

## Fix

None.

## References

- [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
- [npm cache](https://docs.npmjs.com/cli/commands/npm-cache)
- [go clean](https://pkg.go.dev/cmd/go#hdr-Remove_object_files_and_cached_files)
- [conda clean](https://docs.conda.io/projects/conda/en/latest/commands/clean.html)
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.leftovers import (
    PREFETCHES,
    CacheLeftover,
    caches_left,
    is_go_build_cache,
    prefetched_before,
)
from layerlint.model.packages import CACHE_VARIABLES, PackageCommand
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import program_span, ships

RULE = Rule(
    code="LL5008",
    name="package-cache-in-layer",
    severity=Severity.WARNING,
    message="{program} {action} leaves its cache in the layer ({paths}); {remedy}",
    visits=("RUN",),
    tags=("layers", "size"),
)

_MANAGERS = frozenset({"npm", "go", "cargo", "composer", "conda", "gem", "bundle"})


def _reported(leftovers: list[CacheLeftover]) -> bool:
    """Whether the commands of a RUN that leave one cache directory make a finding."""
    managers = {leftover.invocation.manager for leftover in leftovers}
    if "pnpm" in managers:
        # pnpm hard-links its store into node_modules, so a store filled and used in
        # one RUN takes no more room; a `pnpm fetch` layer ships the store alone.
        return all(leftover.invocation.action == "fetch" for leftover in leftovers)
    return bool(managers & _MANAGERS)


def _clean_command(ctx: Context, node: Run, leftovers: list[CacheLeftover]) -> str:
    """The command that empties these caches (`leftovers`, the first command's), as
    that command sees them (its own settings repeated)."""
    leftover = leftovers[0]
    invocation, command = leftover.invocation, leftover.command
    manager = invocation.manager
    # Settings the command gave itself (`GOMODCACHE=/gm go install ...`): the clean
    # command must see them too.
    prefix = "".join(
        f"{name}={word.value} "
        for name, word in command.assignments
        if name in CACHE_VARIABLES.get(manager, ()) and word is not None and word.value
    )
    if manager == "npm":
        given = invocation.option_values.get("--cache")
        return prefix + "npm cache clean --force" + (f" --cache {given[-1]}" if given else "")
    if manager == "go":
        flags = sorted(
            {
                "-cache" if is_go_build_cache(ctx.model, node, found) else "-modcache"
                for found in leftovers
            }
        )
        return prefix + "go clean " + " ".join(flags)
    if manager == "composer":
        return prefix + "composer clear-cache"
    if manager == "conda":
        program = posixpath.basename(invocation.program)
        name = program if program in ("mamba", "micromamba") else "conda"
        return prefix + f"{name} clean --all --yes"
    # Cargo's registry, the gems' cache
    return "rm -rf " + " ".join(found.path for found in leftovers)


def _action_text(invocation: PackageCommand) -> str:
    """The action as written: `env create` for conda's environment commands."""
    operands = invocation.operands
    if invocation.action == "env" and operands and operands[0].value:
        return f"env {operands[0].value}"
    return invocation.action


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    if not ships(ctx, node):
        return
    prefetched = prefetched_before(ctx.model, node)
    # Each cache once per RUN, at the first command that fills it (`go mod download &&
    # go build` fill one module cache).
    by_path: dict[str, list[CacheLeftover]] = {}
    for leftover in caches_left(ctx.model, node):
        if leftover.category == "cache" and leftover.path not in prefetched:
            by_path.setdefault(leftover.path, []).append(leftover)
    by_path = {path: found for path, found in by_path.items() if _reported(found)}
    # The caches each command fills first, as that command's leftovers.
    by_command: dict[int, list[CacheLeftover]] = {}
    for leftovers in by_path.values():
        by_command.setdefault(id(leftovers[0].command), []).append(leftovers[0])
    for firsts in by_command.values():
        leftover = firsts[0]
        paths = [found.path for found in firsts]
        invocation = leftover.invocation
        mounts = " ".join(f"--mount=type=cache,target={path}" for path in paths)
        # A prefetch whose cache no later command of the RUN uses fills it for a
        # later RUN: emptying it would undo it.
        only_prefetched = all(
            (other.invocation.manager, other.invocation.action) in PREFETCHES
            for path in paths
            for other in by_path[path]
        )
        if only_prefetched:
            remedy = (
                f"mount a build cache there (RUN {mounts}) in this RUN and the RUN that"
                " builds, or build in a stage that does not ship"
            )
        else:
            clean = _clean_command(ctx, node, firsts)
            remedy = f"run `{clean}` in the same RUN, or mount a build cache there (RUN {mounts})"
        yield ctx.report(
            program_span(leftover.command),
            program=invocation.program,
            action=_action_text(invocation),
            paths=", ".join(paths),
            remedy=remedy,
        )
