"""Inline suppressions and per-file ignores, applied to findings after the rules ran."""

from __future__ import annotations

from .findings import Finding
from .nodes import Dockerfile
from .settings import Settings


def apply_suppressions(file: Dockerfile, findings: list[Finding], settings: Settings) -> list[Finding]:
    """The findings that no pragma or per-file ignore removes."""
    return list(findings)
