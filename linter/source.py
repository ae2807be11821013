"""Decoding of Dockerfile bytes and the mapping from offsets to lines and columns.

Every later stage works on `Source.text`: UTF-8 decoded, byte-order mark removed and
all line endings (CRLF, CR, LF) turned into LF, so that one offset maps to exactly one
1-based line and column as an editor shows them. Invalid bytes never stop the linter:
each run of them becomes U+FFFD and is remembered with its position, to be reported.
"""

from __future__ import annotations

import codecs
from bisect import bisect_right

from .lazy_re import lazy_compile
from .records import Record, init

_BOM = "\ufeff"


class DecodeProblem(Record):
    """A run of bytes that is not valid UTF-8, at `offset` of the decoded text."""

    __slots__ = ("offset", "byte_offset", "message")

    offset: int
    byte_offset: int
    message: str

    def __init__(
        self,
        offset: int,
        byte_offset: int,
        message: str,
    ) -> None:
        init(self, "offset", offset)
        init(self, "byte_offset", byte_offset)
        init(self, "message", message)


class Source:
    """The decoded text of one file plus a line index."""

    __slots__ = ("_line_starts", "decode_problems", "had_bom", "path", "text")

    def __init__(
        self,
        text: str,
        path: str = "Dockerfile",
        decode_problems: tuple[DecodeProblem, ...] = (),
        had_bom: bool = False,
    ) -> None:
        if text.startswith(_BOM):
            text = text[1:]
            had_bom = True
            decode_problems = tuple(
                DecodeProblem(p.offset - 1, p.byte_offset, p.message) for p in decode_problems
            )
        if "\r" in text:
            if decode_problems:
                decode_problems = _shift_for_crlf(text, decode_problems)
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.text = text
        self.path = path
        self.decode_problems = decode_problems
        self.had_bom = had_bom
        starts = [0]
        find = text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        self._line_starts = starts

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "Dockerfile") -> Source:
        """Decode `data` as UTF-8; invalid byte runs become U+FFFD and are recorded."""
        had_bom = data.startswith(codecs.BOM_UTF8)
        if had_bom:
            data = data[len(codecs.BOM_UTF8) :]
        try:
            return cls(data.decode("utf-8"), path, had_bom=had_bom)
        except UnicodeDecodeError:
            pass
        text, problems = _decode_with_replacement(data, len(codecs.BOM_UTF8) if had_bom else 0)
        return cls(text, path, tuple(problems), had_bom=had_bom)

    @property
    def line_count(self) -> int:
        """Number of lines as an editor counts them (a final newline opens no line)."""
        count = len(self._line_starts)
        if count > 1 and self._line_starts[-1] == len(self.text):
            count -= 1
        return count

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, clamped into the text."""
        if offset < 0:
            offset = 0
        elif offset > len(self.text):
            offset = len(self.text)
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        line = max(1, min(line, len(self._line_starts)))
        return self._line_starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset just past the last character of a 1-based line (before its newline)."""
        line = max(1, min(line, len(self._line_starts)))
        if line < len(self._line_starts):
            return self._line_starts[line] - 1
        return len(self.text)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its newline."""
        return self.text[self.line_start(line) : self.line_end(line)]


def _shift_for_crlf(text: str, problems: tuple[DecodeProblem, ...]) -> tuple[DecodeProblem, ...]:
    """Move problem offsets to where they land once each CRLF became one LF."""
    shifted = []
    removed = 0
    scan = 0
    for problem in sorted(problems, key=lambda p: p.offset):
        while True:
            found = text.find("\r\n", scan, problem.offset)
            if found == -1:
                break
            removed += 1
            scan = found + 2
        shifted.append(
            DecodeProblem(problem.offset - removed, problem.byte_offset, problem.message)
        )
    return tuple(shifted)


_INVALID_RUN = lazy_compile("[\udc80-\udcff]+")


def _decode_with_replacement(data: bytes, byte_base: int) -> tuple[str, list[DecodeProblem]]:
    """Decode in one linear pass; every invalid byte becomes one U+FFFD.

    Decoding with `surrogateescape` turns each invalid byte into one lone surrogate,
    so positions in the text stay exact; each run of them is one problem.
    """
    escaped = data.decode("utf-8", "surrogateescape")
    problems: list[DecodeProblem] = []
    byte_position = 0
    last = 0
    for match in _INVALID_RUN.finditer(escaped):
        byte_position += len(escaped[last : match.start()].encode("utf-8"))
        run = match.end() - match.start()
        problems.append(
            _problem(match.start(), byte_base + byte_position, byte_base + byte_position + run)
        )
        byte_position += run
        last = match.end()
    text = _INVALID_RUN.sub(lambda match: "\ufffd" * len(match.group()), escaped)
    return text, problems


def _problem(char_offset: int, byte_start: int, byte_end: int) -> DecodeProblem:
    count = byte_end - byte_start
    return DecodeProblem(
        char_offset,
        byte_start,
        f"invalid UTF-8 ({count} byte{'s' if count != 1 else ''} at byte offset {byte_start})"
        " replaced by U+FFFD",
    )
