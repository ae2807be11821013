"""A language package manager leaves its download or build cache in a layer that ships.

The rule covers the managers no other rule covers: npm (`~/.npm`), Go (the build
cache `~/.cache/go-build` and the module cache `GOPATH/pkg/mod`), Cargo
(`CARGO_HOME/registry`), Composer (`COMPOSER_CACHE_DIR`, `COMPOSER_HOME/cache`), conda
(its `pkgs` directory) and RubyGems and Bundler (`GEM_HOME/cache`). apt, apk, pip,
yarn, dnf, yum and zypper have rules of their own (LL3005, LL3013, LL3029, LL3044,
LL3020, LL3027, LL3024). pnpm is left out: its store is hard-linked into
`node_modules`, so it takes no more room than the packages themselves.

The cache directory comes from the layer model: variables such as `GOPATH`,
`GOCACHE`, `npm_config_cache` or `CONDA_PKGS_DIRS` move it, and a setting whose value
is unknown leaves it unknown (nothing is reported). Reported only where the layer
ships (the build target and the stages it is built FROM, and ONBUILD triggers). Not
reported when a later command of the same RUN removes the cache, or when a `RUN
--mount` covers it, nor for a cache that an earlier `go mod download` or `cargo
fetch` of the stage filled (`go build` after `go mod download`: the finding is at the
download, whose product the cache is). The message names the command that empties
the cache and the cache mount to use instead; for `go mod download` and `cargo
fetch`, whose purpose is to fill the cache for a later RUN, it suggests the mount (in
both RUNs) or a build stage.

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

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.leftovers import PREFETCHES, CacheLeftover, caches_left, prefetched_before
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


def _remedy(manager: str, action: str, paths: list[str]) -> str:
    """What to do instead, for the message: the command that empties these caches, or
    a cache mount (in full, so that it can be pasted)."""
    mounts = " ".join(f"--mount=type=cache,target={path}" for path in paths)
    if (manager, action) in PREFETCHES:
        return (
            f"mount a build cache there (RUN {mounts}) in this RUN and the RUN that builds,"
            " or build in a stage that does not ship"
        )
    if manager == "npm":
        command = "npm cache clean --force"
    elif manager == "go":
        flags = ["-modcache" if path.endswith("/pkg/mod") else "-cache" for path in paths]
        command = "go clean " + " ".join(sorted(set(flags)))
    elif manager == "composer":
        command = "composer clear-cache"
    elif manager == "conda":
        command = "conda clean --all --yes"
    else:
        command = "rm -rf " + " ".join(paths)  # Cargo's registry, the gems' cache
    return f"run `{command}` in the same RUN, or mount a build cache there (RUN {mounts})"


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    if not ships(ctx, node):
        return
    by_command: dict[int, list[CacheLeftover]] = {}
    prefetched = prefetched_before(ctx.model, node)
    for leftover in caches_left(ctx.model, node):
        if leftover.path in prefetched:
            continue  # reported at the prefetch, whose product it is
        if leftover.invocation.manager in _MANAGERS and leftover.category == "cache":
            by_command.setdefault(id(leftover.command), []).append(leftover)
    for leftovers in by_command.values():
        first = leftovers[0]
        paths = list(dict.fromkeys(leftover.path for leftover in leftovers))
        invocation = first.invocation
        yield ctx.report(
            program_span(first.command),
            program=invocation.program,
            action=invocation.action,
            paths=", ".join(paths),
            remedy=_remedy(invocation.manager, invocation.action, paths),
        )
