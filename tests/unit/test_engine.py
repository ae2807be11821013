"""The engine's own findings: LL1001 (time budget), LL1002 (a rule crashed) and
LL1014 (file too large), and the isolation of rules from each other."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from layerlint import engine
from layerlint.engine import lint_source
from layerlint.findings import Finding, Severity
from layerlint.registry import all_rules
from layerlint.rule import Context, LoadedRule, Rule
from layerlint.runner import lint_bytes
from layerlint.settings import Settings
from layerlint.source import Source

TEXT = "FROM alpine:3.20\nUSER\nRUN echo hi\n"


def _crashing_rule() -> LoadedRule:
    def check(node: object, ctx: Context) -> Iterator[Finding]:
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover

    meta = Rule(
        code="LL9999",
        name="always-crashes",
        severity=Severity.ERROR,
        message="never",
        visits=("RUN",),
    )
    return LoadedRule(meta, check, "Crashes.", __name__)


def test_a_crashing_rule_becomes_ll1002_and_the_others_still_run() -> None:
    rules = [rule for rule in all_rules() if rule.code in ("LL1003",)] + [_crashing_rule()]
    result = lint_source(Source(TEXT), Settings(select=("LL1003", "LL1002")), rules=rules)
    codes = [(f.code, f.line) for f in result.findings]
    assert ("LL1003", 2) in codes  # the other rule ran
    crash = next(f for f in result.findings if f.code == "LL1002")
    assert crash.line == 3 and "LL9999" in crash.message and "ZeroDivisionError" in crash.message
    assert result.internal_error
    assert "ZeroDivisionError" in result.tracebacks[0]


def test_exit_status_is_2_when_a_rule_crashed(tmp_path: Path) -> None:
    from layerlint.cli import EXIT_ERROR, main

    path = tmp_path / "Dockerfile"
    path.write_text(TEXT)
    original = engine.select_rules
    engine.select_rules = lambda settings: [_crashing_rule()]  # type: ignore[assignment]
    try:
        status = main(["check", "--no-cache", "--format", "json", str(path)])
    finally:
        engine.select_rules = original  # type: ignore[assignment]
    assert status == EXIT_ERROR


def test_time_budget_gives_ll1001_and_the_run_goes_on() -> None:
    text = "FROM debian:12\n" + "RUN echo a && rm -rf /tmp/x\n" * 3000
    result, _ = lint_bytes(text.encode(), "Dockerfile", Settings(), timeout=0.001)
    assert [f.code for f in result.findings] == ["LL1001"]
    quick, _ = lint_bytes(b"FROM alpine:3.20\n", "Dockerfile", Settings(), timeout=30)
    assert "LL1001" not in [f.code for f in quick.findings]


def test_very_large_files_get_only_syntax_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "LARGE_FILE_CHARACTERS", 1000)
    text = "FROM alpine:3.20\n" + "RUN echo hello world\n" * 100 + "ENV BROKEN\n"
    result = lint_source(Source(text), Settings())
    assert [(f.code, f.line) for f in result.findings] == [("LL1014", 1), ("LL1000", 102)]
    assert result.findings[0].severity is Severity.WARNING


def test_the_cli_reports_a_crash_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text(TEXT)
    completed = subprocess.run(
        [sys.executable, "-m", "layerlint", "check", "--no-cache", "--select", "LL1", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in completed.stderr
    assert completed.returncode == 1
