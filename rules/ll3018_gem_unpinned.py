"""`gem install` installs a gem without pinning its version.

## Why is this bad?

An unpinned gem resolves to the newest release at build time: rebuilding the same
Dockerfile can install a different version and break the application. Pin it as
`gem install bundler:2.5.22`, with `-v 2.5.22`, or install from a Gemfile and its
lock file (`bundle install`).

Not reported: `-v`/`--version`, `.gem` files and paths, build options after `--`,
versions held in a variable the model knows, and operands it cannot read.

## Example

```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler
```

## Use instead

```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler:2.5.22 \
 && gem install nokogiri -v 1.16.7 -- --use-system-libraries
```

## Fix

None.

## References

- [gem install](https://guides.rubygems.org/command-reference/#gem-install)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import invocations, unpinned_report

RULE = Rule(
    code="LL3018",
    name="gem-unpinned",
    severity=Severity.WARNING,
    message="{packages} {count} installed without a version; pin {it} as {first}:<version>",
    visits=("RUN",),
    tags=("reproducibility",),
    aliases=("DL3028",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for _, invocation in invocations(ctx, node, ("gem",), ("install",)):
        finding = unpinned_report(ctx, node, invocation, invocation.packages)
        if finding is not None:
            yield finding
