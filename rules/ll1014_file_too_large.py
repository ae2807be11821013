"""The file is too large to analyse fully; only its syntax was checked.

The engine reports this rule itself. A Dockerfile larger than 16 MiB (real ones are
kilobytes; this is a generated or damaged file) is parsed one instruction at a time
without keeping the syntax tree, so that time stays linear and memory stays close to
the size of the file: syntax errors (LL1000) and invalid UTF-8 (LL1004) are
reported, the other rules and inline suppressions are not applied.

## Why is this bad?

Most findings of this file are missing. A Dockerfile this large is almost always a
mistake: a file generated with a runaway loop, a binary or log file given the wrong
name, or a concatenation of many Dockerfiles.

## Example

```dockerfile
# (any file larger than 16 MiB)
FROM alpine:3.20
```

## Use instead

```dockerfile
FROM alpine:3.20
```

## Fix

None. Split the file, or lint the Dockerfiles it was generated from.

## References

- layerlint README, "Reliability"
"""

from __future__ import annotations

from layerlint.findings import Severity
from layerlint.rule import FILE, Rule, reported_by_engine

RULE = Rule(
    code="LL1014",
    name="file-too-large",
    severity=Severity.WARNING,
    message="the file is too large to analyse fully; only its syntax was checked",
    visits=(FILE,),
    tags=("internal",),
    precision="very-high",
)


check = reported_by_engine
