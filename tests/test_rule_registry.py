"""The meta-test: the registry, the documentation and the test coverage of rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from layerlint.registry import all_rules
from layerlint.rule import REQUIRED_HEADINGS, doc_examples

from .expectations import read_expectations
from .rule_harness import example_bytes, examples_with_settings, of_rule, run_rule, skip_reason

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
FIXTURES = Path(__file__).parent / "fixtures" / "rules"
# Rules the engine reports itself; their tests live in tests/unit/test_engine.py.
ENGINE_RULES = {"LL1001", "LL1002", "LL1014"}


def test_every_rule_module_is_registered() -> None:
    modules = {p.stem for p in RULES_DIR.glob("ll[0-9]*.py")}
    registered = {rule.module.rsplit(".", 1)[-1] for rule in all_rules()}
    assert modules == registered, f"not registered: {sorted(modules - registered)}"


def test_module_names_match_codes_and_names() -> None:
    for rule in all_rules():
        module = rule.module.rsplit(".", 1)[-1]
        assert module.startswith(rule.code.lower() + "_"), module


# Aliases that name more than one rule on purpose: hadolint's DL3025 covers CMD and
# ENTRYPOINT (LL3016, with BuildKit's JSONArgsRecommended) and HEALTHCHECK (LL3057).
SHARED_ALIASES = {"DL3025": {"LL3016", "LL3057"}}


def test_codes_names_and_aliases_are_unique() -> None:
    seen: dict[str, str] = {}
    shared: dict[str, set[str]] = {}
    for rule in all_rules():
        for key in (rule.code, rule.name, *rule.meta.aliases):
            if key.upper() in SHARED_ALIASES:
                shared.setdefault(key.upper(), set()).add(rule.code)
                continue
            assert key.upper() not in seen, f"{key} used by {seen.get(key.upper())} and {rule.code}"
            seen[key.upper()] = rule.code
    assert shared == SHARED_ALIASES


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_documentation_has_the_headings(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.doc.strip(), f"{rule.code} has no docstring"
    summary = rule.doc.strip().splitlines()[0]
    assert summary.endswith("."), f"{rule.code}: summary should be one sentence: {summary!r}"
    for heading in REQUIRED_HEADINGS:
        assert re.search("^" + re.escape(heading) + r"\s*$", rule.doc, re.M), (
            f"{rule.code} docs lack {heading!r}"
        )
    assert doc_examples(rule.doc, "Example"), f"{rule.code}: no example block"
    assert doc_examples(rule.doc, "Use instead"), f"{rule.code}: no use-instead block"
    if "security" in rule.meta.tags:
        assert rule.meta.security_severity, f"{rule.code}: security rules need a security severity"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_documentation_examples_behave(rule) -> None:  # type: ignore[no-untyped-def]
    if rule.code in ENGINE_RULES:
        pytest.skip("reported by the engine itself")
    reason = skip_reason(rule.code)
    if reason:
        pytest.skip(f"{rule.code}: {reason}")
    # A `toml` block under the heading is the configuration its Dockerfile blocks use.
    for info, code, settings in examples_with_settings(rule.doc, "Example"):
        found = run_rule(rule.code, example_bytes(info, code), settings=settings)
        assert found, f"{rule.code}: the Example does not trigger the rule:\n{code}"
    for info, code, settings in examples_with_settings(rule.doc, "Use instead"):
        found = run_rule(rule.code, example_bytes(info, code), settings=settings)
        assert not found, f"{rule.code}: the Use-instead example triggers it: {found}"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_has_a_positive_fixture(rule) -> None:  # type: ignore[no-untyped-def]
    if rule.code in ENGINE_RULES:
        pytest.skip("reported by the engine itself")
    fixtures = list(FIXTURES.glob(f"{rule.code}*.Dockerfile")) + [
        p / "Dockerfile" for p in FIXTURES.glob(f"{rule.code}*") if p.is_dir()
    ]
    assert fixtures, f"{rule.code}: no fixture in tests/fixtures/rules"
    positives = sum(
        1
        for fixture in fixtures
        for expected in read_expectations(fixture.read_bytes().decode("utf-8", "replace"))
        if of_rule(expected.code, rule.code)
    )
    assert positives, f"{rule.code}: fixtures expect no finding of this rule"
