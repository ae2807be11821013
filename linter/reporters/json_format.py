"""`--format json`: a JSON array of findings (the stable interface for editors).

Each element: path, line, column, end_line, end_column (1-based; end column points
one past the last character), code, name, aliases, severity (error, warning, info,
style), message, url.
"""

from __future__ import annotations

import json

from .base import Report


def render(report: Report) -> str:
    return json.dumps([finding.to_dict() for finding in report.findings], indent=2) + "\n"
