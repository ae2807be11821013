"""Findings: the immutable values rules produce and reporters format."""

from __future__ import annotations

from enum import IntEnum

from .records import Record, init


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


class Span(Record):
    """A region of the source: 1-based lines and columns, end column exclusive.

    `start` and `end` are offsets into `Source.text`; the end column points one
    past the last character, as SARIF's endColumn does.
    """

    __slots__ = ("start", "end", "line", "column", "end_line", "end_column")

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def __init__(
        self,
        start: int,
        end: int,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
    ) -> None:
        init(self, "start", start)
        init(self, "end", end)
        init(self, "line", line)
        init(self, "column", column)
        init(self, "end_line", end_line)
        init(self, "end_column", end_column)


class Edit(Record):
    """Replace the text between two offsets of `Source.text` by `replacement`."""

    __slots__ = ("start", "end", "replacement")

    start: int
    end: int
    replacement: str

    def __init__(
        self,
        start: int,
        end: int,
        replacement: str,
    ) -> None:
        init(self, "start", start)
        init(self, "end", end)
        init(self, "replacement", replacement)


class Fix(Record):
    """A suggested change; `safe` when applying it cannot change the build's meaning."""

    __slots__ = ("description", "edits", "safe")

    description: str
    edits: tuple[Edit, ...]
    safe: bool

    def __init__(
        self,
        description: str,
        edits: tuple[Edit, ...],
        safe: bool,
    ) -> None:
        init(self, "description", description)
        init(self, "edits", edits)
        init(self, "safe", safe)


class Finding(Record):
    """One problem found in one file."""

    __slots__ = (
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
        "aliases",
        "url",
        "fix",
    )

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    aliases: tuple[str, ...]
    url: str
    fix: Fix | None

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        code: str,
        name: str,
        severity: Severity,
        message: str,
        aliases: tuple[str, ...] = (),
        url: str = "",
        fix: Fix | None = None,
    ) -> None:
        init(self, "path", path)
        init(self, "line", line)
        init(self, "column", column)
        init(self, "end_line", end_line)
        init(self, "end_column", end_column)
        init(self, "code", code)
        init(self, "name", name)
        init(self, "severity", severity)
        init(self, "message", message)
        init(self, "aliases", aliases)
        init(self, "url", url)
        init(self, "fix", fix)

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
