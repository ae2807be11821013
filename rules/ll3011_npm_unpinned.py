"""`npm install` installs a package without pinning its version.

## Why is this bad?

`npm install express` takes whatever release is newest when the image is built:
rebuilding the same Dockerfile can give a different application. Name a version
(`express@4.21.1`), a range or tag you accept, or install from `package.json` and
its lock file (`npm ci`).

Not reported: `npm install`/`npm ci` without package names (they read
`package.json`), folders and tarballs, git URLs with a `#ref`, versions held in a
variable the model knows, and operands it cannot read. `@latest` is a tag, not a
pin, and is reported.

## Example

```dockerfile
FROM node:22-alpine
RUN npm install --global pm2
```

## Use instead

```dockerfile
FROM node:22-alpine
ARG PM2_VERSION=5.4.2
RUN npm install --global "pm2@${PM2_VERSION}"
```

## Fix

None.

## References

- [npm install](https://docs.npmjs.com/cli/commands/npm-install)
- [npm ci](https://docs.npmjs.com/cli/commands/npm-ci)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import invocations, unpinned_report

RULE = Rule(
    code="LL3011",
    name="npm-unpinned",
    severity=Severity.WARNING,
    message="{packages} {count} installed without a fixed version; pin {it} with @<version>"
    " (a git URL with #<ref>)",
    visits=("RUN",),
    tags=("reproducibility",),
    aliases=("DL3016",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for _, invocation in invocations(ctx, node, ("npm",), ("install", "add"), ("npm",)):
        finding = unpinned_report(ctx, node, invocation, invocation.packages, floating=("latest",))
        if finding is not None:
            yield finding
