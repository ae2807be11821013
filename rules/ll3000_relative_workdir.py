"""The first WORKDIR of a stage is a relative path.

As BuildKit checks it: only the first WORKDIR of a stage and of the stages it is
built FROM is checked (fixing it fixes the ones after it); a relative path there is
resolved against the working directory of the base image. The value is read after
expanding ARG and ENV; unknown values are not reported. Windows paths (`C:\\app`,
`C:/app`, `\\app`) are absolute. ONBUILD triggers are not checked: they run in an
image whose working directory this file does not know.

## Why is this bad?

A relative WORKDIR depends on the base image's working directory, which the
Dockerfile does not show and which can change with the next base image release:
`WORKDIR app` is `/app` on one base and `/usr/src/app/app` on another, and the
following COPY and RUN instructions land there.

## Example

```dockerfile
FROM node:20-slim
WORKDIR app
COPY package.json .
```

## Use instead

```dockerfile
FROM node:20-slim
WORKDIR /app
COPY package.json .
```

## Fix

None.

## References

- [BuildKit check WorkdirRelativePath](https://docs.docker.com/reference/build-checks/workdir-relative-path/)
- [hadolint DL3000](https://github.com/hadolint/hadolint/wiki/DL3000)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.lazy_re import lazy_compile
from layerlint.nodes import Workdir
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3000",
    name="relative-workdir",
    severity=Severity.ERROR,
    message='Relative workdir "{path}" can have unexpected results if the base image'
    " changes; use an absolute path",
    visits=("WORKDIR",),
    tags=("correctness",),
    aliases=("DL3000", "WorkdirRelativePath"),
    visits_onbuild=False,
)

_ABSOLUTE = lazy_compile(r"(?:/|\\|[A-Za-z]:[\\/])")


def check(node: Workdir, ctx: Context) -> Iterator[Finding]:
    if node.path is None or _workdir_before(node, ctx):
        return
    if _ABSOLUTE.match(node.path.text.strip("\"'")):
        # Checked as written too: without `# escape=` a Windows path loses its
        # backslashes to expansion (`C:\app` reads `C:app`).
        return
    path = ctx.model.expand(node.path, node)
    if path is None:
        # Unknown value: still relative when it starts with a literal name (`app/$V`).
        written = node.path.text.strip("\"'")
        if not written or written[0] in "$/\\" or _ABSOLUTE.match(written):
            return
        path = written
    if not path or _ABSOLUTE.match(path):
        return
    yield ctx.report(node.path.span, path=path)


def _workdir_before(node: Workdir, ctx: Context) -> bool:
    """A WORKDIR earlier in the stage, or in a stage it is built on."""
    stage = ctx.model.stage_of(node)
    if stage is None:
        earlier = []
        for instruction in ctx.file.instructions:
            if instruction is node:
                break
            earlier.append(instruction)
        return any(isinstance(instruction, Workdir) for instruction in earlier)
    own = stage.instructions[: stage.instructions.index(node)]
    inherited = [
        instruction for ancestor in stage.ancestors() for instruction in ancestor.instructions
    ]
    return any(isinstance(instruction, Workdir) for instruction in own + inherited)
