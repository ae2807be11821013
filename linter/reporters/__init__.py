"""Reporters: one module per output format; each only formats findings.

Every module exposes `render(report: Report) -> str`. `FORMATS` maps the names that
`--format` accepts to module names, imported on first use so that a run pays only
for the format it prints.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from .base import Report

FORMATS: dict[str, str] = {
    "tty": "tty",
    "json": "json_format",
    "sarif": "sarif",
    "gnu": "gnu",
    "github": "github",
    "checkstyle": "checkstyle",
    "junit": "junit",
    "codeclimate": "codeclimate",
}
# Other names `--format` accepts for one of the formats: hadolint's.
FORMAT_ALIASES: dict[str, str] = {"gitlab_codeclimate": "codeclimate"}


def renderer(name: str) -> Callable[[Report], str]:
    """The render function of a format or alias (ValueError for an unknown one)."""
    module_name = FORMATS.get(FORMAT_ALIASES.get(name, name))
    if module_name is None:
        raise ValueError(f"unknown format {name!r} (choose from {', '.join(sorted(FORMATS))})")
    module = importlib.import_module(f"{__name__}.{module_name}")
    render: Callable[[Report], str] = module.render
    return render


__all__ = ["FORMATS", "FORMAT_ALIASES", "Report", "renderer"]
