"""Subcodes: a rule reporting findings under other codes (LL3056 → ShellCheck's
`SC2086` ...). Selection, ignores, pragmas, severities and SARIF treat each subcode
as a rule of its own, and the rule's code, name or family prefix as all of them."""

from __future__ import annotations

import json

import pytest
from layerlint.engine import lint_source, select_rules, subcodes_kept
from layerlint.findings import Finding, Severity
from layerlint.registry import find_rule, resolve, rule_code_of
from layerlint.settings import Settings
from layerlint.source import Source

from ..rule_harness import skip_reason


def _finding(code: str) -> Finding:
    return Finding("Dockerfile", 2, 5, 2, 9, code, "shellcheck", Severity.WARNING, "message")


def test_a_subcode_resolves_to_itself_and_its_rule_to_all() -> None:
    assert resolve("SC2086") == frozenset({"SC2086"})
    assert resolve("sc2086") == frozenset({"SC2086"})
    assert resolve("SC") == frozenset({"LL3056"})
    assert resolve("shellcheck") == frozenset({"LL3056"})
    assert find_rule("SC2086") is find_rule("LL3056")
    assert rule_code_of("SC2086") == "LL3056"
    assert rule_code_of("LL3001") == "LL3001"


def test_selecting_a_subcode_runs_its_rule_and_keeps_only_that_code() -> None:
    settings = Settings(select=("SC2154",))
    assert [rule.code for rule in select_rules(settings)] == ["LL3056"]
    kept = subcodes_kept([_finding("SC2086"), _finding("SC2154")], settings)
    assert [finding.code for finding in kept] == ["SC2154"]


def test_ignoring_a_subcode_keeps_the_rule_and_the_other_codes() -> None:
    settings = Settings(ignore=("SC2086",))
    assert "LL3056" in [rule.code for rule in select_rules(settings)]
    kept = subcodes_kept([_finding("SC2086"), _finding("SC2154")], settings)
    assert [finding.code for finding in kept] == ["SC2154"]


def test_selecting_the_rule_keeps_every_subcode() -> None:
    settings = Settings(select=("LL3056",))
    kept = subcodes_kept([_finding("SC2086"), _finding("SC2154")], settings)
    assert [finding.code for finding in kept] == ["SC2086", "SC2154"]


needs_shellcheck = pytest.mark.skipif(
    skip_reason("LL3056") is not None, reason=f"{skip_reason('LL3056')}"
)
DOCKERFILE = """FROM debian:12
# hadolint ignore=SC2086
RUN echo $HOME/$1
# layerlint: ignore=shellcheck
RUN echo $x
RUN echo $y
"""


def _codes(settings: Settings) -> list[tuple[str, int]]:
    findings = lint_source(Source(DOCKERFILE, "Dockerfile"), settings).findings
    return [(finding.code, finding.line) for finding in findings]


@needs_shellcheck
def test_pragmas_suppress_one_subcode_or_the_whole_rule() -> None:
    assert _codes(Settings(select=("SC",))) == [("SC2086", 6), ("SC2154", 6)]


@needs_shellcheck
def test_severity_of_a_subcode_and_of_its_rule() -> None:
    settings = Settings(
        select=("SC",), severity={"SC2154": Severity.ERROR, "LL3056": Severity.STYLE}
    )
    findings = lint_source(Source(DOCKERFILE, "Dockerfile"), settings).findings
    assert {(f.code, f.severity) for f in findings} == {
        ("SC2086", Severity.STYLE),
        ("SC2154", Severity.ERROR),
    }


@needs_shellcheck
def test_sarif_describes_every_subcode() -> None:
    from layerlint.reporters.base import Report
    from layerlint.reporters.sarif import render

    settings = Settings(select=("SC",))
    findings = lint_source(Source(DOCKERFILE, "Dockerfile"), settings).findings
    log = json.loads(render(Report(findings, ["Dockerfile"], rules=select_rules(settings))))
    run = log["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert {"SC2086", "SC2154", "LL3056"} <= set(ids)
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
