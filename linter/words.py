"""Word-level scanning of one logical instruction, following BuildKit's parser.

These functions answer "where are the words?" with offsets into the logical line, so
that every word can be mapped back to its physical line and column:

- `split_keyword` / `split_flags`: the keyword and the leading `--flag[=value]` words
  (BuildKit's splitCommand and extractBuilderFlags: quotes and backslashes inside a
  flag are processed, a lone `--` ends the flags and is dropped);
- `split_env_words`: quote-aware words of ENV, LABEL and ARG (BuildKit's parseWords,
  with the file's escape character; quotes and escapes are kept);
- `split_whitespace`: plain whitespace splitting (FROM, EXPOSE, COPY, ADD, VOLUME);
- `split_shell_words_raw`: shell-like words with quotes kept, used to find heredocs;
- `parse_json_array`: the exec (JSON) form as BuildKit's decoder reads it.
"""

from __future__ import annotations

import json
import re

from .lazy_re import lazy_compile
from .records import Record, init

# Go's unicode.IsSpace for the characters that matter in practice.
_SPACE = frozenset(
    " \t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# BuildKit's reWhitespace: the separator of whitespace-delimited arguments.
_WHITESPACE_RUN = lazy_compile(r"[\t\v\f\r ]+")
_HEREDOC_WORD = lazy_compile(r"(\d*)<<(-?)([^<]*)\Z")


def is_space(char: str) -> bool:
    return char in _SPACE


class RawWord(Record):
    """A word as found in the logical line: processed value and its offsets."""

    __slots__ = ("value", "start", "end")

    value: str
    start: int
    end: int

    def __init__(
        self,
        value: str,
        start: int,
        end: int,
    ) -> None:
        init(self, "value", value)
        init(self, "start", start)
        init(self, "end", end)


def skip_spaces(text: str, position: int, end: int | None = None) -> int:
    limit = len(text) if end is None else end
    while position < limit and text[position] in _SPACE:
        position += 1
    return position


def rstrip_position(text: str, end: int, start: int = 0) -> int:
    """The end offset once trailing white space before `end` is dropped."""
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return end


def split_keyword(text: str, position: int = 0) -> tuple[RawWord | None, int]:
    """The instruction keyword at or after `position` and where its arguments start."""
    start = skip_spaces(text, position)
    if start >= len(text):
        return None, start
    end = start
    length = len(text)
    while end < length and text[end] not in " \t\v\f\r":
        end += 1
    keyword = RawWord(text[start:end], start, end)
    rest = end
    while rest < length and text[rest] in " \t\v\f\r":
        rest += 1
    return keyword, rest


def split_flags(text: str, position: int, end: int | None = None) -> tuple[list[RawWord], int]:
    """Leading `--flag` words from `position`; returns them and where arguments start.

    Flag values have quotes removed and backslash escapes applied, as BuildKit does.
    """
    limit = len(text) if end is None else end
    flags: list[RawWord] = []
    pos = skip_spaces(text, position, limit)
    while pos < limit:
        if not (text.startswith("--", pos) and pos + 1 < limit):
            return flags, pos
        word_start = pos
        chars: list[str] = []
        quote = ""
        blank_ok = False
        while pos < limit:
            char = text[pos]
            if quote:
                if char == quote:
                    quote = ""
                elif char == "\\":
                    if pos + 1 == limit:
                        quote = ""
                    else:
                        pos += 1
                        chars.append(text[pos])
                else:
                    chars.append(char)
                pos += 1
                continue
            if char in _SPACE:
                break
            if char in "'\"":
                quote = char
                blank_ok = True
            elif char == "\\":
                if pos + 1 < limit:
                    pos += 1
                    chars.append(text[pos])
            else:
                chars.append(char)
            pos += 1
        value = "".join(chars)
        if value == "--":
            return flags, skip_spaces(text, pos, limit)
        if blank_ok or value:
            flags.append(RawWord(value, word_start, pos))
        pos = skip_spaces(text, pos, limit)
    return flags, pos


def split_whitespace(text: str, start: int, end: int) -> list[RawWord]:
    """Words separated by runs of spaces and tabs (BuildKit's reWhitespace)."""
    words = []
    for match in re.finditer(r"[^\t\v\f\r ]+", text[start:end]):
        words.append(RawWord(match.group(), start + match.start(), start + match.end()))
    return words


def split_env_words(text: str, start: int, end: int, escape: str) -> list[RawWord]:
    """BuildKit's parseWords: words with quotes and escapes kept in the value."""
    words: list[RawWord] = []
    pos = start
    while True:
        pos = skip_spaces(text, pos, end)
        if pos >= end:
            return words
        word_start = pos
        chars: list[str] = []
        quote = ""
        blank_ok = False
        while pos < end:
            char = text[pos]
            if quote:
                if char == quote:
                    quote = ""
                if char == escape and quote != "'":
                    if pos + 1 == end:
                        quote = ""
                        pos += 1
                        continue
                    chars.append(char)
                    pos += 1
                    char = text[pos]
                chars.append(char)
                pos += 1
                continue
            if char in _SPACE:
                break
            if char in "'\"":
                quote = char
                blank_ok = True
            if char == escape:
                if pos + 1 == end:
                    pos += 1
                    continue
                chars.append(char)
                pos += 1
                char = text[pos]
            chars.append(char)
            pos += 1
        if blank_ok or chars:
            words.append(RawWord("".join(chars), word_start, pos))


def split_legacy_pair(text: str, start: int, end: int) -> tuple[RawWord, RawWord | None]:
    """`KEY value with spaces`: the first word and the raw rest (BuildKit's legacy form)."""
    match = _WHITESPACE_RUN.search(text, start, end)
    if match is None:
        return RawWord(text[start:end], start, end), None
    key = RawWord(text[start : match.start()], start, match.start())
    value_start = match.end()
    if value_start >= end:
        return key, None
    return key, RawWord(text[value_start:end], value_start, end)


def split_shell_words_raw(text: str) -> list[RawWord] | None:
    """Shell-like words with quotes and escapes kept (None when a quote is unclosed).

    This is how BuildKit finds heredoc markers (`<<EOF`, `<<-'EOF'`, `2<<EOF`) in an
    instruction: a marker must be a word of its own, so `echo "<<EOF"` has none.
    """
    words: list[RawWord] = []
    pos = 0
    length = len(text)
    while True:
        while pos < length and text[pos] in _SPACE:
            pos += 1
        if pos >= length:
            return words
        start = pos
        while pos < length and text[pos] not in _SPACE:
            char = text[pos]
            if char == "\\":
                pos += 2
            elif char == "'":
                close = text.find("'", pos + 1)
                if close == -1:
                    return None
                pos = close + 1
            elif char == '"':
                pos += 1
                while pos < length and text[pos] != '"':
                    pos += 2 if text[pos] == "\\" else 1
                if pos >= length:
                    return None
                pos += 1
            elif char == "$" and pos + 1 < length and text[pos + 1] == "{":
                depth = 0
                while pos < length:
                    if text[pos] == "{":
                        depth += 1
                    elif text[pos] == "}":
                        depth -= 1
                        if depth == 0:
                            break
                    pos += 1
                pos += 1
            else:
                pos += 1
        pos = min(pos, length)
        words.append(RawWord(text[start:pos], start, pos))


class HeredocMarker(Record):
    """A `<<NAME` word: the delimiter, flags and where the word is in the line."""

    __slots__ = ("name", "file_descriptor", "chomp", "expand", "start", "end")

    name: str
    file_descriptor: int | None
    chomp: bool
    expand: bool
    start: int
    end: int

    def __init__(
        self,
        name: str,
        file_descriptor: int | None,
        chomp: bool,
        expand: bool,
        start: int,
        end: int,
    ) -> None:
        init(self, "name", name)
        init(self, "file_descriptor", file_descriptor)
        init(self, "chomp", chomp)
        init(self, "expand", expand)
        init(self, "start", start)
        init(self, "end", end)


def parse_heredoc_marker(word: str, start: int = 0) -> HeredocMarker | None:
    """Read `[n]<<[-]WORD` as BuildKit does; None when the word is no heredoc marker."""
    match = _HEREDOC_WORD.match(word)
    if match is None:
        return None
    digits, dash, rest = match.groups()
    if not rest:
        return None
    name = unquote_heredoc_name(rest)
    if name is None:
        return None
    expand = not any(char in rest for char in "'\"")
    descriptor = int(digits) if digits else None
    return HeredocMarker(name, descriptor, dash == "-", expand, start, start + len(word))


def unquote_heredoc_name(rest: str) -> str | None:
    """The delimiter with quotes removed; None unless `rest` is exactly one word."""
    chars: list[str] = []
    pos = 0
    length = len(rest)
    while pos < length:
        char = rest[pos]
        if char in _SPACE:
            return None
        if char == "\\" and pos + 1 < length:
            chars.append(rest[pos + 1])
            pos += 2
        elif char == "'":
            close = rest.find("'", pos + 1)
            if close == -1:
                return None
            chars.append(rest[pos + 1 : close])
            pos = close + 1
        elif char == '"':
            close = rest.find('"', pos + 1)
            if close == -1:
                return None
            chars.append(rest[pos + 1 : close])
            pos = close + 1
        else:
            chars.append(char)
            pos += 1
    name = "".join(chars)
    return name or None


def heredoc_markers(text: str) -> list[HeredocMarker]:
    """All heredoc markers of a logical instruction line, in order."""
    if "<<" not in text:
        return []
    words = split_shell_words_raw(text)
    if not words:
        return []
    markers = []
    for word in words:
        if "<<" in word.value:
            marker = parse_heredoc_marker(word.value, word.start)
            if marker is not None:
                markers.append(marker)
    return markers


class JSONNotStrings(ValueError):
    """A JSON array whose elements are not all strings (BuildKit rejects the file)."""


def _reject_constant(name: str) -> object:
    raise ValueError(name)


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def parse_json_array(text: str, start: int, end: int) -> tuple[list[str], int] | None:
    """Decode an exec-form array at `start`.

    Returns the strings and the offset just past the closing bracket, or None when the
    text is not a JSON array (then the instruction is in shell form). Like BuildKit's
    decoder, content after the array is ignored. Raises JSONNotStrings for a valid
    array holding anything but strings.
    """
    if start >= end or text[start] != "[":
        return None
    try:
        value, stop = _DECODER.raw_decode(text[start:end])
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, list):
        return None
    if not all(isinstance(item, str) for item in value):
        raise JSONNotStrings(
            "when using JSON array syntax, arrays must be comprised of strings only"
        )
    # Go's decoder (BuildKit's) turns a lone surrogate (`\ud83d`) into U+FFFD.
    return [_LONE_SURROGATE.sub("\ufffd", item) for item in value], start + stop


_LONE_SURROGATE = lazy_compile("[\ud800-\udfff]")


def json_string_spans(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Offsets of each string literal (quotes included) of a JSON array."""
    spans = []
    pos = start + 1
    while pos < stop:
        char = text[pos]
        if char == '"':
            begin = pos
            pos += 1
            while pos < stop and text[pos] != '"':
                pos += 2 if text[pos] == "\\" else 1
            pos += 1
            spans.append((begin, min(pos, stop)))
        else:
            pos += 1
    return spans
