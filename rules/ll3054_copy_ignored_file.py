"""COPY or ADD names a file that `.dockerignore` leaves out of the build context.

The ignore file is `<Dockerfile>.dockerignore` beside the Dockerfile, else
`.dockerignore` at the root of the build context (the `context` setting, by default
the Dockerfile's directory). A source is reported when a pattern excludes it (or a
directory above it) and no later `!` exception can bring it, or something inside
it, back. The context root (`COPY . .`) is reported only when a pattern excludes
everything (`*`, `**`). A wildcard source is reported when a pattern matches it as
written (`COPY *.txt` and the pattern `*.txt`, as BuildKit reads it; not when the
file has `!` exceptions) or excludes the directory before its first wildcard. Not
checked: `COPY --from`, URLs, heredocs, sources whose value is unknown, and ONBUILD
triggers (they copy from another build's context).

## Why is this bad?

Files excluded by `.dockerignore` are not sent to the builder, so the COPY fails
with "not found", or, with a wildcard or a directory, silently copies less than the
author expects. Either the pattern is too broad or the COPY is stale.

## Example

With a `.dockerignore` that excludes `.env` files:

```toml
dockerignore-patterns = [".env*", "!.env.example"]
```

```dockerfile
FROM python:3.12-slim
COPY .env /srv/app/.env
```

## Use instead

```toml
dockerignore-patterns = [".env*", "!.env.example"]
```

```dockerfile
FROM python:3.12-slim
COPY .env.example /srv/app/.env
```

## Options

- `dockerignore-patterns` (list of strings, default: none): `.dockerignore` patterns
  to use instead of the file in the build context, for linting a Dockerfile without
  its context (from standard input, for example).

## Fix

None.

## References

- [BuildKit check CopyIgnoredFile](https://docs.docker.com/reference/build-checks/copy-ignored-file/)
- [.dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from layerlint.dockerignore import DockerIgnore, clean_path, has_glob, load_for, parse_patterns
from layerlint.findings import Finding, Severity
from layerlint.nodes import Add, Copy
from layerlint.rule import Context, Option, Rule

RULE = Rule(
    code="LL3054",
    name="copy-ignored-file",
    severity=Severity.WARNING,
    message='Attempting to {verb} file "{path}" that is excluded by .dockerignore',
    visits=("COPY", "ADD"),
    tags=("correctness",),
    aliases=("CopyIgnoredFile",),
    options=(
        Option(
            "dockerignore-patterns",
            None,
            ".dockerignore patterns to use instead of the build context's file",
        ),
    ),
    visits_onbuild=False,
)

_REMOTE = ("http://", "https://", "git@", "git://", "ssh://")


def check(node: Copy | Add, ctx: Context) -> Iterator[Finding]:
    if node.flag("from") is not None or not node.sources:
        return
    ignore = _ignore_file(ctx)
    if ignore is None:
        return
    verb = "Copy" if node.kind == "COPY" else "Add"
    for word in node.sources:
        if word.text.startswith("<<"):
            continue
        value = ctx.model.expand(word, node)
        if value is None or value.startswith(_REMOTE):
            continue
        path = clean_path(value)
        if _ignored(ignore, path):
            yield ctx.report(word.span, verb=verb, path=path)


def _ignored(ignore: DockerIgnore, path: str) -> bool:
    if path == ".":
        return ignore.excludes_everything() and not ignore.reincludes_below(".")
    if has_glob(path):
        # A pattern that matches the source as written (`*.txt` by `*.txt`) excludes
        # what it names, as BuildKit reads it; with a `!` exception in the file, some
        # matches may be back.
        exceptions = any(pattern.exception for pattern in ignore.patterns)
        if not exceptions and ignore.excludes(path):
            return True
        parts = path.split("/")
        literal = []
        for part in parts:
            if has_glob(part):
                break
            literal.append(part)
        if not literal:
            return False
        path = "/".join(literal)
    return ignore.excludes(path) and not ignore.reincludes_below(path)


def _ignore_file(ctx: Context) -> DockerIgnore | None:
    patterns = ctx.option("dockerignore-patterns")
    if isinstance(patterns, (list, tuple)):
        return DockerIgnore(parse_patterns("\n".join(str(pattern) for pattern in patterns)))
    dockerfile = ctx.source_path
    if not os.path.isfile(dockerfile):
        return None
    context = ctx.model.context or os.path.dirname(os.path.abspath(dockerfile))
    return load_for(dockerfile, context)
