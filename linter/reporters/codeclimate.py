"""`--format codeclimate`: Code Climate issues, the format of GitLab's code quality report.

A JSON array; each issue has `type`, `check_name` (the LL code), `description` (the
message), `categories`, `severity` (info, minor, major, critical),
`location.path` (relative to the repository root), `location.lines.begin`/`end` and a
`fingerprint` that stays the same while the flagged line's content does, even when
the line moves, so that GitLab can tell new issues from old ones.
"""

from __future__ import annotations

import hashlib
import json

from ..findings import Finding, Severity
from .base import Report
from .locations import line_hashes, repository_paths, repository_root

SEVERITIES = {
    Severity.ERROR: "critical",
    Severity.WARNING: "major",
    Severity.INFO: "minor",
    Severity.STYLE: "info",
}
# Rule tags to Code Climate categories; a rule without a matching tag is a bug risk.
CATEGORIES = {
    "security": "Security",
    "performance": "Performance",
    "layers": "Performance",
    "size": "Performance",
    "cache": "Performance",
    "style": "Style",
    "maintainability": "Clarity",
    "clarity": "Clarity",
    "portability": "Compatibility",
    "compatibility": "Compatibility",
}


def render(report: Report) -> str:
    paths = repository_paths(report, repository_root(report))
    categories = {code: _categories(report, code) for code in {f.code for f in report.findings}}
    issues = [
        _issue(finding, paths[finding.path], line_hash, categories[finding.code])
        for finding, line_hash in zip(report.findings, line_hashes(report), strict=True)
    ]
    if not issues:
        return "[]\n"
    # One issue per line: readable, and written by json's fast C encoder.
    return "[\n" + ",\n".join(json.dumps(issue) for issue in issues) + "\n]\n"


def _issue(finding: Finding, path: str, line_hash: str, categories: list[str]) -> dict[str, object]:
    fingerprint = hashlib.sha256(f"{path}\x00{line_hash}".encode("utf-8", "surrogatepass"))
    return {
        "type": "issue",
        "check_name": finding.code,
        "description": finding.message,
        "categories": categories,
        "severity": SEVERITIES[finding.severity],
        "fingerprint": fingerprint.hexdigest()[:32],
        "location": {
            "path": path,
            "lines": {"begin": finding.line, "end": max(finding.end_line, finding.line)},
        },
    }


def _categories(report: Report, code: str) -> list[str]:
    rule = report.rule(code)
    tags = rule.meta.tags if rule is not None else ()
    categories = list(dict.fromkeys(CATEGORIES[tag] for tag in tags if tag in CATEGORIES))
    return categories or ["Bug Risk"]
