"""`yarn install` keeps its package cache in the layer.

## Why is this bad?

yarn keeps a copy of every package it downloads in its cache directory
(`/usr/local/share/.cache/yarn` for root with yarn 1). In an image that cache
duplicates `node_modules` and is never used again. Run `yarn cache clean` in the same
RUN, or mount a build cache over the directory.

Reported only where the layer ships (the build target and the stages it is built
FROM, before any FROM, ONBUILD triggers). Not reported when the cache is cleaned
later in the same RUN, or when a `RUN --mount` covers a yarn cache directory (yarn 1
and berry keep it in different places, so any of them counts).

## Example

```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
```

## Use instead

```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile && yarn cache clean
```

## Fix

None.

## References

- [yarn cache](https://classic.yarnpkg.com/en/docs/cli/cache)
- [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import cache_reports

RULE = Rule(
    code="LL3044",
    name="yarn-cache-not-cleaned",
    severity=Severity.INFO,
    message="{program} keeps its package cache in {path}; run yarn cache clean in the same RUN",
    visits=("RUN",),
    tags=("size", "layers"),
    aliases=("DL3060",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    yield from cache_reports(ctx, node, ("yarn",))
