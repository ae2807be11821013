"""`pip install` keeps its download cache in the layer.

## Why is this bad?

pip caches every wheel and source archive it downloads in `~/.cache/pip`. In an image
that cache is dead weight, often as large as the installed packages. Pass
`--no-cache-dir`, set `PIP_NO_CACHE_DIR` (pip turns the cache off for any valid
value, `0` and `false` included), or mount a build cache over the directory.

Reported only where the layer ships (the build target and the stages it is built
FROM, before any FROM, ONBUILD triggers). Not reported when the cache directory is
under a `RUN --mount`, when it is removed later in the same RUN (`pip cache purge`,
`rm -rf ~/.cache/pip`), when pip's configuration may turn it off (`PIP_CONFIG_FILE`,
a `no-cache-dir` setting written earlier), or when the cache directory is unknown
(a non-root user without HOME).

## Example

```dockerfile
FROM python:3.12-slim
RUN pip install flask==3.0.3
```

## Use instead

```dockerfile
FROM python:3.12-slim
ENV PIP_NO_CACHE_DIR=1
RUN pip install flask==3.0.3
RUN --mount=type=cache,target=/root/.cache/pip pip install gunicorn==23.0.0
```

## Fix

None.

## References

- [pip: caching](https://pip.pypa.io/en/stable/topics/caching/)
- [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.shell import SimpleCommand
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import cache_reports, configured_before

RULE = Rule(
    code="LL3029",
    name="pip-cache",
    severity=Severity.WARNING,
    message="{program} {action} keeps its download cache in {path}; add --no-cache-dir",
    visits=("RUN",),
    tags=("size", "layers"),
    aliases=("DL3042",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    def configured(command: SimpleCommand) -> bool:
        return command.has_env("PIP_CONFIG_FILE") or configured_before(
            ctx, node, command, ("no-cache-dir",), ("/etc/pip", "/etc/xdg/pip")
        )

    yield from cache_reports(ctx, node, ("pip",), ("install",), silenced=configured)
