"""A suppression comment that cannot work: it cannot be read, or it names no rule.

Reported for `# layerlint: …ignore=`, `# hadolint …ignore=` and BuildKit `# check=skip=`
comments that layerlint cannot read (a misspelt keyword, codes not separated by
commas, trailing text hadolint does not accept), a stage suppression that is not
directly above a `FROM`, and a code that no rule has and that is not a hadolint code
or BuildKit check name (`# layerlint: ignore=LL9999`, `crazy` in a hadolint pragma).
A hadolint or BuildKit code that layerlint does not implement is left alone: the
file may be linted by those tools too. On by default, since such a comment silently
suppresses nothing; suppressions that are valid but match no finding are LL1005's
(off by default). Suppressions are inactive under `--disable-inline-ignores`, and
then none is reported.

## Why is this bad?

The comment looks like it hides a finding and does not: the finding it was written
for is still reported (or will be), and readers take the comment for a reviewed
exception. hadolint ignores such comments without a word (hadolint#370).

## Example

```dockerfile
FROM alpine:3.20
# hadolint ignore=DL3018 DL3019
RUN apk add --no-cache git
```

## Use instead

```dockerfile
FROM alpine:3.20
# hadolint ignore=DL3018,DL3019
RUN apk add --no-cache git
```

## Fix

None. Correct the comment, or remove it.

## References

- layerlint README, "Suppressing findings"
- [hadolint#370](https://github.com/hadolint/hadolint/issues/370)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Dockerfile
from layerlint.rule import FILE, Context, Rule

RULE = Rule(
    code="LL1015",
    name="invalid-suppression",
    severity=Severity.WARNING,
    message="this suppression cannot work; correct it",
    visits=(FILE,),
    tags=("suppression",),
    precision="very-high",
)


def check(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    """Reported by the suppression step after every rule ran (linter/suppress.py)."""
    return iter(())
