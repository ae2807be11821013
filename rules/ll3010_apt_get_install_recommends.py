"""`apt-get install` without `--no-install-recommends` also installs recommended packages.

## Why is this bad?

By default apt-get installs every package that the requested ones *recommend*:
documentation, optional tools, sometimes whole desktop libraries. They make the image
larger, slower to pull, and add software to patch, without the application needing
them. `--no-install-recommends` installs what is needed and nothing else.

Also accepted: `-o APT::Install-Recommends=false`, an `Install-Recommends` setting
written into apt's configuration earlier (`echo 'APT::Install-Recommends "0";' >
/etc/apt/apt.conf.d/...`), and a COPY into `/etc/apt` (its content is unknown).

## Example

```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
```

## Use instead

```dockerfile
FROM debian:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \
 && rm -rf /var/lib/apt/lists/*
```

## Fix

None.

## References

- [Dockerfile best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
- [apt.conf(5): APT::Install-Recommends](https://manpages.debian.org/stable/apt/apt.conf.5.en.html)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import configured_before, invocations, program_span

RULE = Rule(
    code="LL3010",
    name="apt-get-install-recommends",
    severity=Severity.INFO,
    message="{program} install also installs recommended packages; add --no-install-recommends",
    visits=("RUN",),
    tags=("size",),
    aliases=("DL3015",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for command, invocation in invocations(ctx, node, ("apt",), ("install",), ("apt-get",)):
        if invocation.has("--no-install-recommends"):
            continue
        settings = invocation.option_values.get("-o", []) + invocation.option_values.get(
            "--option", []
        )
        if any(setting.lower().startswith("apt::install-recommends=") for setting in settings):
            continue
        if configured_before(ctx, node, command, ("Install-Recommends",), ("/etc/apt",)):
            continue
        yield ctx.report(program_span(command), program=invocation.program)
