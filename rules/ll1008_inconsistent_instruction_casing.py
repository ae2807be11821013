"""An instruction keyword is not written in the casing most of the file uses.

The majority casing is counted over every keyword written all in upper case or all in
lower case (`FROM`, `from`); mixed-case keywords (`From`) are never consistent and
are always reported. A tie counts as upper case. As in BuildKit, the majority is
counted over the stages' instructions (FROM and what follows it), not over ARGs
before the first FROM or the instructions of ONBUILD triggers; those are checked
against it too (BuildKit does not check them).

## Why is this bad?

Dockerfile keywords are case-insensitive, so mixed casing builds fine, but it makes
the file harder to scan and to search, and usually marks lines pasted in from
elsewhere. Upper case is the common convention.

## Example

```dockerfile
FROM alpine:3.20
run apk add --no-cache curl
COPY app.sh /usr/local/bin/
```

## Use instead

```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
COPY app.sh /usr/local/bin/
```

## Fix

Safe: rewrite the keyword in the majority casing.

## References

- [BuildKit check ConsistentInstructionCasing](https://docs.docker.com/reference/build-checks/consistent-instruction-casing/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Edit, Finding, Fix, Severity
from layerlint.nodes import Dockerfile, From, Instruction, Onbuild
from layerlint.rule import FILE, Context, Rule

RULE = Rule(
    code="LL1008",
    name="inconsistent-instruction-casing",
    severity=Severity.WARNING,
    message="Command '{keyword}' should match the case of the command majority ({casing})",
    visits=(FILE,),
    tags=("style",),
    aliases=("ConsistentInstructionCasing",),
    precision="very-high",
    fix="safe",
)


def _keywords(file: Dockerfile) -> Iterator[tuple[Instruction, bool]]:
    """Every instruction, with whether it counts for the majority: from the first FROM
    on (everything in a fragment without FROM), not the triggers of ONBUILD."""
    counts = not any(isinstance(node, From) for node in file.instructions)
    for instruction in file.instructions:
        counts = counts or isinstance(instruction, From)
        yield instruction, counts
        if isinstance(instruction, Onbuild) and instruction.trigger is not None:
            yield instruction.trigger, False


def check(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    keywords = [(node, counts) for node, counts in _keywords(file) if node.kind != "UNKNOWN"]
    instructions = [node for node, _ in keywords]
    counted = [node.keyword for node, counts in keywords if counts]
    lower = sum(1 for keyword in counted if keyword == keyword.lower())
    upper = sum(1 for keyword in counted if keyword == keyword.upper())
    majority_lower = lower > upper
    for node in instructions:
        wanted = node.keyword.lower() if majority_lower else node.keyword.upper()
        if node.keyword == wanted:
            continue
        span = node.keyword_span
        fix = Fix(f"write {wanted}", (Edit(span.start, span.end, wanted),), safe=True)
        yield ctx.report(
            span,
            fix=fix,
            keyword=node.keyword,
            casing="lowercase" if majority_lower else "uppercase",
        )
