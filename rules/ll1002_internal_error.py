"""A rule crashed on this file; the other rules still ran.

The engine reports this rule itself: when a rule raises an exception, the exception
becomes this finding (naming the rule, at the instruction it was looking at), the
remaining rules run, and the exit status is 2 so that CI notices. `--verbose` prints
the traceback.

## Why is this bad?

The crashed rule's findings for this file are missing. It is a bug in layerlint,
never in the Dockerfile: please report it with the file.

## Example

```dockerfile
# (no Dockerfile triggers this on purpose)
FROM alpine:3.20
```

## Use instead

```dockerfile
FROM alpine:3.20
```

## Fix

None.

## References

- layerlint README, "Reliability"
"""

from __future__ import annotations

from layerlint.findings import Severity
from layerlint.rule import FILE, Rule, reported_by_engine

RULE = Rule(
    code="LL1002",
    name="internal-error",
    severity=Severity.ERROR,
    message="a rule crashed on this file",
    visits=(FILE,),
    tags=("internal",),
    precision="very-high",
)


check = reported_by_engine
