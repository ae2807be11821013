"""Physical lines to logical instructions, as BuildKit reads them.

- A line whose first non-blank character is `#` is a comment. Blank lines and
  comments between instructions produce nothing (comments are kept for pragmas).
- A line ending in the escape character (backslash, or backtick after
  `# escape=``), optionally followed by spaces or tabs, continues on the next line;
  the escape character is removed and the lines are joined without a separator.
  Comment lines and empty lines inside a continuation are dropped (remembered for the
  empty-continuation check). The first line loses its leading white space, the
  continuation lines keep theirs.
- After a RUN, COPY or ADD (also under ONBUILD) that is not in JSON form, each
  heredoc marker (`<<EOF`, `<<-EOF`, `<<'EOF'`, `2<<EOF`) consumes the following lines
  up to its delimiter; with `<<-` leading tabs are ignored when matching it.

The result keeps an offset map so that any position in the logical text maps back to
a physical offset of the source.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from .records import Record, TextProblem, init
from .words import (
    HeredocMarker,
    JSONNotStrings,
    heredoc_markers,
    parse_json_array,
    split_flags,
    split_keyword,
)

_HEREDOC_KEYWORDS = frozenset({"run", "copy", "add"})


class OffsetMap(Record):
    """Maps offsets of a logical line to offsets of the source text.

    `pieces` holds (logical_start, source_start) for each joined physical segment.
    """

    __slots__ = ("pieces", "logical_starts", "length", "source_end")

    pieces: tuple[tuple[int, int], ...]
    logical_starts: tuple[int, ...]
    length: int
    source_end: int

    def __init__(
        self,
        pieces: tuple[tuple[int, int], ...],
        logical_starts: tuple[int, ...],
        length: int,
        source_end: int,
    ) -> None:
        init(self, "pieces", pieces)
        init(self, "logical_starts", logical_starts)
        init(self, "length", length)
        init(self, "source_end", source_end)

    @classmethod
    def build(cls, pieces: list[tuple[int, int]], length: int, source_end: int) -> OffsetMap:
        return cls(tuple(pieces), tuple(p[0] for p in pieces), length, source_end)

    def to_source(self, offset: int) -> int:
        """Source offset of a logical offset (the end maps to just past the text)."""
        if offset >= self.length:
            if not self.pieces:
                return self.source_end
            logical_start, source_start = self.pieces[-1]
            return source_start + (self.length - logical_start)
        index = bisect_right(self.logical_starts, offset) - 1
        if index < 0:
            index = 0
        logical_start, source_start = self.pieces[index]
        return source_start + (offset - logical_start)

    def to_source_end(self, offset: int) -> int:
        """Source offset just past the character before logical `offset`."""
        if offset <= 0:
            return self.to_source(0)
        return self.to_source(offset - 1) + 1


class HeredocBody(Record):
    """The lines a heredoc marker consumed."""

    __slots__ = (
        "marker",
        "content",
        "content_start",
        "content_end",
        "first_line",
        "terminator_line",
        "terminated",
    )

    marker: HeredocMarker
    content: str
    content_start: int
    content_end: int
    first_line: int
    terminator_line: int
    terminated: bool

    def __init__(
        self,
        marker: HeredocMarker,
        content: str,
        content_start: int,
        content_end: int,
        first_line: int,
        terminator_line: int,
        terminated: bool,
    ) -> None:
        init(self, "marker", marker)
        init(self, "content", content)
        init(self, "content_start", content_start)
        init(self, "content_end", content_end)
        init(self, "first_line", first_line)
        init(self, "terminator_line", terminator_line)
        init(self, "terminated", terminated)


class Comment(Record):
    """A comment line: text after `#`, its 1-based line and source offsets."""

    __slots__ = ("text", "line", "start", "end", "in_continuation")

    text: str
    line: int
    start: int
    end: int
    in_continuation: bool

    def __init__(
        self,
        text: str,
        line: int,
        start: int,
        end: int,
        in_continuation: bool,
    ) -> None:
        init(self, "text", text)
        init(self, "line", line)
        init(self, "start", start)
        init(self, "end", end)
        init(self, "in_continuation", in_continuation)


class LogicalLine(Record):
    """One instruction as BuildKit sees it, plus what is needed to map it back."""

    __slots__ = (
        "text",
        "offsets",
        "start",
        "end",
        "start_line",
        "end_line",
        "heredocs",
        "empty_continuation_lines",
    )

    text: str
    offsets: OffsetMap
    start: int
    end: int
    start_line: int
    end_line: int
    heredocs: tuple[HeredocBody, ...]
    empty_continuation_lines: tuple[int, ...]

    def __init__(
        self,
        text: str,
        offsets: OffsetMap,
        start: int,
        end: int,
        start_line: int,
        end_line: int,
        heredocs: tuple[HeredocBody, ...],
        empty_continuation_lines: tuple[int, ...],
    ) -> None:
        init(self, "text", text)
        init(self, "offsets", offsets)
        init(self, "start", start)
        init(self, "end", end)
        init(self, "start_line", start_line)
        init(self, "end_line", end_line)
        init(self, "heredocs", heredocs)
        init(self, "empty_continuation_lines", empty_continuation_lines)


class LexResult(Record):
    __slots__ = ("lines", "comments", "errors")

    lines: tuple[LogicalLine, ...]
    comments: tuple[Comment, ...]
    errors: tuple[TextProblem, ...]

    def __init__(
        self,
        lines: tuple[LogicalLine, ...],
        comments: tuple[Comment, ...],
        errors: tuple[TextProblem, ...],
    ) -> None:
        init(self, "lines", lines)
        init(self, "comments", comments)
        init(self, "errors", errors)


def _trim_continuation(line: str, escape: str) -> tuple[str, bool]:
    """Remove a trailing escape character; True when the instruction goes on."""
    trimmed = line.rstrip(" \t")
    if trimmed.endswith(escape) and (len(trimmed) == 1 or trimmed[-2] != escape):
        return trimmed[:-1], True
    return line, False


def lex(text: str, escape: str = "\\") -> LexResult:
    """Split normalised source text into logical instructions."""
    comments: list[Comment] = []
    errors: list[TextProblem] = []
    lines = tuple(iter_lex(text, escape, comments, errors))
    return LexResult(lines, tuple(comments), tuple(errors))


def iter_lex(
    text: str, escape: str, comments: list[Comment], errors: list[TextProblem]
) -> Iterator[LogicalLine]:
    """The logical instructions one by one (comments and errors go to the lists)."""
    physical = text.split("\n")
    starts: list[int] = []
    offset = 0
    for raw in physical:
        starts.append(offset)
        offset += len(raw) + 1
    # A final newline does not open another line.
    if len(physical) > 1 and physical[-1] == "":
        physical.pop()
        starts.pop()
    count = len(physical)
    index = 0
    while index < count:
        raw = physical[index]
        line_start = starts[index]
        stripped = raw.lstrip()
        lead = len(raw) - len(stripped)
        if stripped.startswith("#"):
            comments.append(
                Comment(stripped[1:], index + 1, line_start + lead, line_start + len(raw), False)
            )
            index += 1
            continue
        body, continues = _trim_continuation(stripped, escape)
        if not continues and body == "":
            index += 1
            continue
        start_line = index + 1
        pieces: list[tuple[int, int]] = [(0, line_start + lead)]
        parts = [body]
        length = len(body)
        empty_lines: list[int] = []
        last_end = line_start + lead + len(body)
        index += 1
        while continues and index < count:
            raw = physical[index]
            line_start = starts[index]
            stripped = raw.lstrip()
            if stripped.startswith("#"):
                comments.append(
                    Comment(
                        stripped[1:],
                        index + 1,
                        line_start + len(raw) - len(stripped),
                        line_start + len(raw),
                        True,
                    )
                )
                index += 1
                continue
            if not stripped:
                empty_lines.append(index + 1)
                index += 1
                continue
            body, continues = _trim_continuation(raw, escape)
            pieces.append((length, line_start))
            parts.append(body)
            length += len(body)
            last_end = line_start + len(body)
            index += 1
        logical = "".join(parts)
        offsets = OffsetMap.build(pieces, length, last_end)
        end_line = index
        heredocs: list[HeredocBody] = []
        end = starts[index - 1] + len(physical[index - 1])
        for marker in _heredoc_markers_of(logical):
            body_start_line = index + 1
            content_start = starts[index] if index < count else len(text)
            content: list[str] = []
            terminated = False
            while index < count:
                raw = physical[index]
                index += 1
                candidate = raw.lstrip("\t") if marker.chomp else raw
                if candidate == marker.name:
                    terminated = True
                    break
                content.append(raw + "\n")
            end_line = index
            end = starts[index - 1] + len(physical[index - 1]) if index > 0 else 0
            content_end = (starts[index - 1] if terminated else end) if index > 0 else 0
            heredocs.append(
                HeredocBody(
                    marker,
                    "".join(content),
                    content_start,
                    max(content_start, content_end),
                    body_start_line,
                    index,
                    terminated,
                )
            )
            if not terminated:
                marker_start = offsets.to_source(marker.start)
                errors.append(
                    TextProblem(
                        marker_start,
                        offsets.to_source_end(marker.end),
                        f"unterminated heredoc {marker.name} started at line {start_line}:"
                        f" no line reads {marker.name!r}",
                    )
                )
                break
        yield (
            LogicalLine(
                logical,
                offsets,
                line_start_of(pieces),
                end,
                start_line,
                end_line,
                tuple(heredocs),
                tuple(empty_lines),
            )
        )


def line_start_of(pieces: list[tuple[int, int]]) -> int:
    return pieces[0][1]


def _heredoc_markers_of(logical: str) -> list[HeredocMarker]:
    """Heredoc markers, if this instruction may carry heredocs (BuildKit's rule)."""
    if "<<" not in logical:
        return []
    keyword, rest = split_keyword(logical)
    if keyword is None:
        return []
    name = keyword.value.lower()
    if name == "onbuild":
        _, rest = split_flags(logical, rest)
        keyword, rest = split_keyword(logical, rest)
        if keyword is None:
            return []
        name = keyword.value.lower()
    if name not in _HEREDOC_KEYWORDS:
        return []
    _, arguments = split_flags(logical, rest)
    try:
        if parse_json_array(logical, arguments, len(logical)) is not None:
            return []
    except JSONNotStrings:
        return []
    return heredoc_markers(logical)
