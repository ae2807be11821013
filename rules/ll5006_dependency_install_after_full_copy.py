"""Dependencies are installed after a COPY of the whole build context, so edits re-install them.

The rule reports a dependency install that reads a manifest (`pip install -r` or
`pip install .`, `uv sync`, `poetry install`, `pipenv install`, `npm ci`,
`npm install`, `yarn install`, `pnpm install`, `bundle install`, `go mod download`,
`composer install`, `dotnet restore`, `mvn dependency:go-offline`,
`gradle dependencies`) in a RUN that comes after a `COPY .` or `ADD .` of the build
context in the same stage (or a stage it is built FROM), unless an install of the
same ecosystem ran before that copy, in the stage or the stages it is built FROM
(the manifest was copied and installed first). It applies to every stage, since it
is about the build cache, not the image; `pip install --no-deps .` and `poetry
install --only-root` (the project alone, once its dependencies are in) and installs
of named packages are fine.

## Why is this bad?

The builder reuses a cached layer only while the instruction and everything it
depends on are unchanged. After `COPY . .`, any edit of any file in the build
context invalidates that COPY and every instruction after it, so the install
downloads and builds every dependency again on each code change. Copying only the
manifest and lock file first, installing, and then copying the rest keeps the
install cached until the dependencies themselves change.

## Example

```dockerfile
FROM node:20-slim
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
CMD ["node", "server.js"]
```

## Use instead

```dockerfile
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]
```

## Fix

None. Copy the manifest files, run the install, then copy the rest of the sources.

## References

- [Docker docs: Optimize cache usage, order your layers](https://docs.docker.com/build/cache/optimize/#order-your-layers)
- [Docker docs: Build cache invalidation](https://docs.docker.com/build/cache/invalidation/)
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model import Stage
from layerlint.model.dependencies import dependency_install, manifest_names
from layerlint.nodes import Add, Copy, Instruction, Run
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL5006",
    name="dependency-install-after-full-copy",
    severity=Severity.INFO,
    message=(
        "{tool} runs after the {keyword} of the whole build context at line {line}, so every"
        " source change re-installs the dependencies: copy {manifests} first, install, then"
        " copy the rest"
    ),
    visits=("RUN",),
    tags=("layers", "cache", "performance"),
    visits_onbuild=False,
)

# Sources that stand for the whole build context.
_WHOLE_CONTEXT = frozenset({".", "*"})


def _copies_whole_context(ctx: Context, node: Copy | Add) -> bool:
    if node.flag("from") is not None:
        return False
    for word in node.sources:
        value = ctx.model.expand(word, node)
        if value is not None and posixpath.normpath(value) in _WHOLE_CONTEXT:
            return True
    return False


def _stage_facts(ctx: Context, stage: Stage) -> tuple[Instruction | None, frozenset[str]]:
    """The first COPY/ADD of the whole context in a stage (or the stages it is built
    FROM), and the ecosystems whose dependencies were installed before it (computed
    once per stage)."""
    model = ctx.model
    installed_first: set[str] = set()
    for instruction in [node for owner in stage.chain() for node in owner.instructions]:
        if instruction.kind in ("COPY", "ADD"):
            if _copies_whole_context(ctx, instruction):  # type: ignore[arg-type]
                return instruction, frozenset(installed_first)
        elif instruction.kind == "RUN":
            for command in model.commands(instruction):  # type: ignore[arg-type]
                install = dependency_install(model, command)
                if install is not None:
                    installed_first.add(install.ecosystem)
    return None, frozenset(installed_first)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    model = ctx.model
    stage = model.stage_of(node)
    if stage is None:
        return
    full_copy, installed_first = model.memo(("LL5006", id(stage)), lambda: _stage_facts(ctx, stage))
    if full_copy is None or full_copy.span.start > node.span.start:
        return
    for command in model.commands(node):
        install = dependency_install(model, command)
        if install is None or install.ecosystem in installed_first:
            continue
        yield ctx.report(
            command.span,
            tool=install.tool,
            keyword=full_copy.kind,
            line=full_copy.line,
            manifests=manifest_names(install),
        )
