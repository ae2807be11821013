"""`pip install` (or `pipx install`) installs a package without pinning its version.

## Why is this bad?

An unpinned requirement resolves to the newest release at build time, so rebuilding
the same Dockerfile can produce a different image, and a release that breaks the
application reaches it without any change to the file. Pin with `==`, or install
from a requirements or constraints file that pins.

Not reported: version constraints (`>=`, `~=`, `<`, `!=`), requirement and
constraint files (`-r`, `-c`, `PIP_CONSTRAINT`), local paths, archives and wheels,
URLs, VCS checkouts at a `@ref`, and versions held in a variable the model knows
(`"poetry==${POETRY_VERSION}"`). Operands the model cannot read are not judged.

## Example

```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask
```

## Use instead

```dockerfile
FROM python:3.12-slim
ARG FLASK_VERSION=3.0.3
COPY requirements.txt .
RUN pip install --no-cache-dir "flask==${FLASK_VERSION}" 'gunicorn>=22' -r requirements.txt
```

## Fix

None.

## References

- [pip: repeatable installs](https://pip.pypa.io/en/stable/topics/repeatable-installs/)
- [pip: requirement specifiers](https://pip.pypa.io/en/stable/reference/requirement-specifiers/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import invocations, unpinned_report

RULE = Rule(
    code="LL3008",
    name="pip-unpinned",
    severity=Severity.WARNING,
    message="{packages} {count} installed without a version; pin {it} with ==<version>"
    " (a VCS URL with @<ref>) or install from a requirements file",
    visits=("RUN",),
    tags=("reproducibility",),
    aliases=("DL3013",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for command, invocation in invocations(ctx, node, ("pip", "pipx"), ("install",)):
        if invocation.has("-c", "--constraint") or command.env("PIP_CONSTRAINT"):
            continue  # a constraints file pins what the command line leaves open
        finding = unpinned_report(ctx, node, invocation, invocation.packages)
        if finding is not None:
            yield finding
