"""`--format junit`: JUnit XML, for CI test report views (GitLab, Jenkins, Azure ...).

One `<testsuite>` per linted file; each finding is a failed `<testcase>` named after
its rule and position, a file without findings has one passing test case, so that
clean files show up as passed. Every finding counts as a failure here; whether the
run fails is the exit status's business (`--failure-threshold`).
"""

from __future__ import annotations

from collections import defaultdict

from ..findings import Finding
from . import xml_text
from .base import Report


def render(report: Report) -> str:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_path[finding.path].append(finding)
    paths = list(dict.fromkeys([*report.paths, *by_path]))
    failures = len(report.findings)
    tests = failures + sum(1 for path in paths if not by_path.get(path))
    lines = [
        xml_text.DECLARATION,
        f'<testsuites name="layerlint" tests="{tests}" failures="{failures}" errors="0">',
    ]
    for path in paths:
        findings = by_path.get(path, [])
        counts = {
            "name": path,
            "tests": str(max(len(findings), 1)),
            "failures": str(len(findings)),
            "errors": "0",
            "skipped": "0",
        }
        listed = "".join(f' {key}="{xml_text.attribute(value)}"' for key, value in counts.items())
        lines.append(f"  <testsuite{listed}>")
        if not findings:
            lines.append(
                "    " + xml_text.element("testcase", {"name": "layerlint", "classname": path})
            )
        for finding in findings:
            lines.extend("    " + line for line in _testcase(finding))
        lines.append("  </testsuite>")
    lines.append("</testsuites>")
    return "\n".join(lines) + "\n"


def _testcase(finding: Finding) -> list[str]:
    where = f"{finding.path}:{finding.line}:{finding.column}"
    attributes = {
        "name": f"{finding.code} {finding.name} at {finding.line}:{finding.column}",
        "classname": finding.path,
        "file": finding.path,
        "line": str(finding.line),
    }
    listed = "".join(f' {key}="{xml_text.attribute(value)}"' for key, value in attributes.items())
    body = xml_text.text(
        f"{where}: {finding.severity.label}: {finding.code} {finding.message}\n{finding.url}"
    )
    failure = xml_text.element("failure", {"message": finding.message, "type": finding.code}, body)
    return [f"<testcase{listed}>", f"  {failure}", "</testcase>"]
