"""Linting this file took longer than the time budget.

The engine reports this rule itself when `--timeout SECONDS` is given and a file
takes longer: the rules that had not run yet are skipped for that file, the finding
is placed on line 1, and the run goes on with the other files.

## Why is this bad?

Some findings of this file may be missing. layerlint's parser and rules run in time
linear in the size of the file, so a timeout points to a very large or machine-made
file, or to a bug worth reporting.

## Example

```dockerfile
# (any file that takes longer than --timeout to lint)
FROM alpine:3.20
```

## Use instead

```dockerfile
FROM alpine:3.20
```

## Fix

None. Raise `--timeout`, or split the file.

## References

- layerlint README, "Reliability"
"""

from __future__ import annotations

from layerlint.findings import Severity
from layerlint.rule import FILE, Rule, reported_by_engine

RULE = Rule(
    code="LL1001",
    name="timeout",
    severity=Severity.ERROR,
    message="linting this file took longer than the time budget",
    visits=(FILE,),
    tags=("internal",),
    precision="very-high",
)


check = reported_by_engine
