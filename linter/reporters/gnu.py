"""`--format gnu`: one line per finding, as compilers print them.

    path:line:column: severity: CODE message

Emacs' compilation mode, Vim's quickfix ('errorformat'), efm-langserver and most
CI log scanners read this shape. The path is as it was given on the command line
(or `--stdin-filename`); severity is error, warning, info or style. Control
characters are made visible, so that one finding is always one line.
"""

from __future__ import annotations

from .base import Report, printable


def render(report: Report) -> str:
    lines = [
        f"{printable(finding.path)}:{finding.line}:{finding.column}:"
        f" {finding.severity.label}: {finding.code} {printable(finding.message)}"
        for finding in report.findings
    ]
    return "".join(line + "\n" for line in lines)
