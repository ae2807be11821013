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
--mount` covers it.

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
from layerlint.model.leftovers import CacheLeftover, caches_left
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import program_span, ships

RULE = Rule(
    code="LL5008",
    name="package-cache-in-layer",
    severity=Severity.WARNING,
    message=(
        "{program} {action} leaves its cache in the layer ({paths}); run `{remedy}` in"
        " the same RUN, or mount a build cache there (RUN --mount=type=cache,target=...)"
    ),
    visits=("RUN",),
    tags=("layers", "size"),
)

_MANAGERS = frozenset({"npm", "go", "cargo", "composer", "conda", "gem", "bundle"})


def _remedy(manager: str, paths: list[str]) -> str:
    """The command that empties these caches, for the message."""
    if manager == "npm":
        return "npm cache clean --force"
    if manager == "go":
        flags = ["-modcache" if path.endswith("/pkg/mod") else "-cache" for path in paths]
        return "go clean " + " ".join(sorted(set(flags)))
    if manager == "composer":
        return "composer clear-cache"
    if manager == "conda":
        return "conda clean --all --yes"
    return "rm -rf " + " ".join(paths)  # Cargo's registry, the gems' cache


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    if not ships(ctx, node):
        return
    by_command: dict[int, list[CacheLeftover]] = {}
    for leftover in caches_left(ctx.model, node):
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
            remedy=_remedy(invocation.manager, paths),
        )
