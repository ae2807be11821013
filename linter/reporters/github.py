"""`--format github`: GitHub Actions workflow commands, shown as annotations.

    ::warning file=Dockerfile,line=3,col=5,endLine=3,endColumn=9,title=LL5001::message

error stays error, warning stays warning, info and style become notice. `file` is
relative to the repository root, as the runner resolves it against the workspace.
Text from the Dockerfile cannot start a command of its own: `%`, CR and LF are
percent-encoded in the message, and `:` and `,` as well in property values; other
control characters (terminal escapes) are made visible.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from .base import Report, printable
from .locations import repository_paths, repository_root

COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
    Severity.STYLE: "notice",
}


def escape_data(text: str) -> str:
    """A workflow command's message."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    paths = repository_paths(report, repository_root(report))
    return "".join(_command(finding, paths[finding.path]) for finding in report.findings)


def _command(finding: Finding, path: str) -> str:
    properties = {
        "file": path,
        "line": str(finding.line),
        "col": str(finding.column),
        "endLine": str(finding.end_line),
        "endColumn": str(finding.end_column),
        "title": finding.code,
    }
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {listed}::{escape_data(finding.message)}\n"
