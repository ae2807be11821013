"""A suppression comment that suppresses nothing.

Reported for `# layerlint: …ignore=`, `# hadolint …ignore=` and BuildKit `# check=skip=`
suppressions when a rule code in them matched no finding: the rule reports nothing
there, is not enabled in the run, or it is a hadolint or BuildKit code that no
layerlint rule implements. A suppression that cannot be read, is misplaced, or names
a code no rule has is LL1015's (on by default). Off by default; enable it with
`extend-select = ["LL1005"]`. Suppressions are inactive under
`--disable-inline-ignores`, and then none is reported.

## Why is this bad?

A suppression that matches nothing hides nothing today, but it will silently hide a
real finding the day the instruction changes. It also misleads readers, who take it
as a sign that the line was reviewed. A suppression that cannot be read looks like it
works and does not, which is the trap hadolint users fall into with trailing text
after the codes (hadolint#370).

## Example

```dockerfile
FROM alpine:3.20
# layerlint: ignore=LL1003
RUN apk add --no-cache curl
```

## Use instead

```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Fix

None. Remove the suppression, or the codes of it that match nothing.

## References

- layerlint README, "Suppressing findings"
- [ruff RUF100, unused-noqa](https://docs.astral.sh/ruff/rules/unused-noqa/)
- [hadolint#370](https://github.com/hadolint/hadolint/issues/370)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Dockerfile
from layerlint.rule import FILE, Context, Rule

RULE = Rule(
    code="LL1005",
    name="unused-suppression",
    severity=Severity.WARNING,
    message="this suppression suppresses nothing; remove it",
    visits=(FILE,),
    tags=("suppression",),
    enabled=False,
    precision="very-high",
)


def check(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    """Reported by the suppression step after every rule ran (linter/suppress.py)."""
    return iter(())
