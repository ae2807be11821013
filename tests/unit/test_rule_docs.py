"""docs/rules.md is generated from the rules; this test fails when it is stale."""

from __future__ import annotations

from pathlib import Path

from layerlint.registry import all_rules
from layerlint.rule_docs import rules_markdown

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
REGENERATE = "run `layerlint rules --format markdown > docs/rules.md` and commit the result"


def test_docs_rules_md_is_up_to_date() -> None:
    assert RULES_MD.is_file(), f"docs/rules.md is missing: {REGENERATE}"
    current = RULES_MD.read_text(encoding="utf-8")
    assert current == rules_markdown(), f"docs/rules.md is stale: {REGENERATE}"


def test_docs_rules_md_has_every_rule_with_its_anchor() -> None:
    text = rules_markdown()
    for rule in all_rules():
        meta = rule.meta
        assert f"## {meta.code} {meta.name}\n" in text
        # The anchor GitHub makes of that heading is the one rule URLs point at.
        assert meta.url.endswith(f"#{meta.code.lower()}-{meta.name}")
        assert f"Severity: {meta.severity.label}" in text
        for alias in meta.aliases:
            assert alias in text
