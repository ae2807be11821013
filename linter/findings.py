"""Findings: the immutable values rules produce and reporters format."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    """Severities, ordered so that a larger value is more severe."""

    STYLE = 1
    INFO = 2
    WARNING = 3
    ERROR = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """`error|warning|info|style` (case-insensitive) to a Severity."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r} (expected error, warning, info or style)"
            ) from None


@dataclass(frozen=True, slots=True)
class Span:
    """A region of the source: 1-based lines and columns, end column exclusive.

    `start` and `end` are offsets into `Source.text`; the end column points one
    past the last character, as SARIF's endColumn does.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text between two offsets of `Source.text` by `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A suggested change; `safe` when applying it cannot change the build's meaning."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one file."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    aliases: tuple[str, ...] = ()
    url: str = ""
    fix: Fix | None = None

    def to_dict(self) -> dict[str, object]:
        """The stable JSON shape of a finding (see README, "JSON output")."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "aliases": list(self.aliases),
            "severity": self.severity.label,
            "message": self.message,
            "url": self.url,
        }

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)
