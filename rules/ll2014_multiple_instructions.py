"""A stage has more than one CMD, ENTRYPOINT or HEALTHCHECK.

Each one but the last of its kind in a stage is reported: it has no effect. A stage
built FROM another stage may override the CMD it inherits; that is not reported.
ONBUILD triggers do not count (they run in images built from this one). Findings for
ENTRYPOINT and HEALTHCHECK are errors and for CMD warnings, as in hadolint, and each
finding carries the hadolint code of its instruction (DL4003 for CMD, DL4004 for
ENTRYPOINT, DL3012 for HEALTHCHECK). Instructions before any FROM (a fragment) count
as one stage.

## Why is this bad?

Only the last CMD, ENTRYPOINT and HEALTHCHECK of a stage end up in the image. The
earlier ones are dead code that misleads readers, and often a sign of a merge
mistake or of commands that were meant to be combined.

## Example

```dockerfile
FROM python:3.12-slim
CMD ["python", "-m", "migrations"]
CMD ["gunicorn", "app:app"]
```

## Use instead

```dockerfile
FROM python:3.12-slim
COPY entrypoint.sh /usr/local/bin/
CMD ["/usr/local/bin/entrypoint.sh"]
```

## Fix

None.

## References

- [BuildKit check MultipleInstructionsDisallowed](https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/)
- [hadolint DL4003](https://github.com/hadolint/hadolint/wiki/DL4003),
  [DL4004](https://github.com/hadolint/hadolint/wiki/DL4004),
  [DL3012](https://github.com/hadolint/hadolint/wiki/DL3012)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Cmd, Entrypoint, Healthcheck
from layerlint.rule import Context, Rule

from ._stage_order import stage_instructions

RULE = Rule(
    code="LL2014",
    name="multiple-instructions",
    severity=Severity.WARNING,
    message="Multiple {keyword} instructions should not be used in the same stage because"
    " only the last one will be used",
    visits=("CMD", "ENTRYPOINT", "HEALTHCHECK"),
    tags=("correctness",),
    aliases=("DL4003", "DL4004", "DL3012", "MultipleInstructionsDisallowed"),
    precision="very-high",
    visits_onbuild=False,
)

_SEVERITY = {"CMD": Severity.WARNING, "ENTRYPOINT": Severity.ERROR, "HEALTHCHECK": Severity.ERROR}
# hadolint has one rule per instruction; BuildKit one for all three.
_ALIASES = {
    "CMD": ("DL4003", "MultipleInstructionsDisallowed"),
    "ENTRYPOINT": ("DL4004", "MultipleInstructionsDisallowed"),
    "HEALTHCHECK": ("DL3012", "MultipleInstructionsDisallowed"),
}


def check(node: Cmd | Entrypoint | Healthcheck, ctx: Context) -> Iterator[Finding]:
    instructions = stage_instructions(node, ctx)
    position = next((index for index, other in enumerate(instructions) if other is node), None)
    if position is None:
        return
    if any(other.kind == node.kind for other in instructions[position + 1 :]):
        yield ctx.report(
            node.keyword_span,
            severity=_SEVERITY[node.kind],
            aliases=_ALIASES[node.kind],
            keyword=node.kind,
        )
