"""A finding is suppressed by a comment in the Dockerfile instead of the configuration.

Reports every suppression written in a Dockerfile: `# layerlint: …ignore=`,
`# hadolint …ignore=`, and BuildKit's `# check=skip=` (directive or comment). This is
hadolint's DL1001. Off by default: it is a policy some organisations want, usually
together with `--disable-inline-ignores` (which makes the suppressions ineffective;
this rule makes them visible).

## Why is this bad?

A suppression in the file lets anyone who edits the Dockerfile switch a check off,
unseen by whoever owns the CI policy. Exceptions recorded in the configuration
(`ignore`, `per-file-ignores`) are reviewed in one place.

## Example

```dockerfile
FROM alpine:3.20
# hadolint ignore=DL3018
RUN apk add --no-cache curl
```

## Use instead

```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r2
```

## Fix

None. Remove the comment and fix the finding, or record the exception in the
configuration.

## References

- layerlint README, "Suppressing findings"
- [hadolint DL1001](https://github.com/hadolint/hadolint/wiki/DL1001)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Dockerfile
from layerlint.rule import FILE, Context, Rule

RULE = Rule(
    code="LL1006",
    name="inline-suppression",
    severity=Severity.WARNING,
    message="inline suppression: record the exception in the configuration instead",
    visits=(FILE,),
    tags=("suppression",),
    aliases=("DL1001",),
    enabled=False,
    precision="very-high",
)


def check(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    """Reported by the suppression step after every rule ran (linter/suppress.py)."""
    return iter(())
