"""The properties every input must keep, shared by the tests and the long fuzz run."""

from __future__ import annotations

from layerlint.engine import lint_source
from layerlint.findings import Finding
from layerlint.settings import Settings
from layerlint.source import Source

# Every rule but ShellCheck: that one runs an external program, tested on its own.
ALL_RULES = Settings(select=("ALL",), ignore=("LL3056",))


def lint(source: Source) -> list[Finding]:
    return lint_source(source, ALL_RULES).findings


def check_properties(data: str | bytes) -> list[Finding]:
    """Lint with every rule and assert the properties; returns the findings."""
    source = Source.from_bytes(data) if isinstance(data, bytes) else Source(data)
    findings = lint(source)
    crashed = [f for f in findings if f.code == "LL1002"]
    assert not crashed, f"a rule crashed: {crashed[0].message}"
    lines = source.line_count
    for finding in findings:
        assert 1 <= finding.line <= lines, f"line {finding.line} outside 1..{lines}: {finding}"
        text = source.line_text(finding.line)
        assert 1 <= finding.column <= len(text) + 1, (
            f"column {finding.column} outside line {finding.line} ({len(text)} chars): {finding}"
        )
        assert finding.end_line >= finding.line, finding
        assert finding.end_line <= max(lines, 1) + 1, finding
    fresh = Source.from_bytes(data) if isinstance(data, bytes) else Source(data)
    again = lint(fresh)
    assert [f.to_dict() for f in again] == [f.to_dict() for f in findings], "not deterministic"
    return findings
