"""`--format checkstyle`: Checkstyle XML, read by Jenkins, reviewdog, SonarQube and others.

One `<file>` per linted file (a clean file has no `<error>`), one `<error>` per
finding: line, column, severity (error, warning, info; style counts as info), the
message and `source` = `layerlint.CODE`.
"""

from __future__ import annotations

from collections import defaultdict

from ..findings import Finding, Severity
from . import xml_text
from .base import Report

SEVERITIES = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "info",
    Severity.STYLE: "info",
}


def render(report: Report) -> str:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_path[finding.path].append(finding)
    paths = list(dict.fromkeys([*report.paths, *by_path]))
    lines = [xml_text.DECLARATION, '<checkstyle version="4.3">']
    for path in paths:
        findings = by_path.get(path, [])
        if not findings:
            lines.append("  " + xml_text.element("file", {"name": path}))
            continue
        lines.append(f'  <file name="{xml_text.attribute(path)}">')
        for finding in findings:
            lines.append("    " + _error(finding))
        lines.append("  </file>")
    lines.append("</checkstyle>")
    return "\n".join(lines) + "\n"


def _error(finding: Finding) -> str:
    return xml_text.element(
        "error",
        {
            "line": str(finding.line),
            "column": str(finding.column),
            "severity": SEVERITIES[finding.severity],
            "message": finding.message,
            "source": f"layerlint.{finding.code}",
        },
    )
