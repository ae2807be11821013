"""The peers' pragma, config and `# check=` cases pass with stand-in rules.

The real DL/BuildKit rules are written separately; until they land, the suppression
and configuration machinery is measured here on the peers' own cases, with the
stand-in rules of tests/unit/stand_ins.py carrying the aliases. Every case of the
pragma/config and `# check=` categories whose rules all have a stand-in must pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..unit.stand_ins import STAND_INS, stand_ins  # noqa: F401 (fixture)
from .shared import CONFORMANCE, requires_shared

pytestmark = requires_shared

ALIASES = {alias.upper() for rule in STAND_INS for alias in rule.meta.aliases} | {"DL1001"}
PSEUDO_RULES = {"check-directive", "warnings-before-parse-error"}


def _covered_cases() -> list:  # type: ignore[type-arg]
    if not CONFORMANCE.is_dir():
        return []
    from .rule_cases import BUILDKIT_CHECK, HADOLINT_PRAGMA, buildkit_cases, hadolint_cases

    cases = [
        case
        for case in hadolint_cases()
        if (case.category == HADOLINT_PRAGMA or case.rule == "DL1001")
        and case.rule.upper() in ALIASES
    ]
    for case in buildkit_cases():
        rules = {case.rule} | {w["rule"] for w in case.data["expected"]}
        rules -= PSEUDO_RULES
        if case.category == BUILDKIT_CHECK and all(r.upper() in ALIASES for r in rules):
            cases.append(case)
    return cases


COVERED = _covered_cases()


def test_enough_cases_are_covered() -> None:
    assert len(COVERED) >= 55, [case.id for case in COVERED]


@pytest.mark.parametrize("case", COVERED, ids=lambda case: case.id)
def test_case_passes_with_stand_ins(case, stand_ins, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from .rule_cases import _failure_lines, run_buildkit_case, run_hadolint_case

    if case.suite == "hadolint":
        outcome = run_hadolint_case(case, tmp_path)
    else:
        outcome = run_buildkit_case(case, tmp_path)
    assert outcome.passed, "\n".join(_failure_lines(outcome, True, {}))
