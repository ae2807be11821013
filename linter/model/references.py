"""Variable references inside one word of an instruction, with their positions.

`word_references` lists every `$NAME` and `${NAME…}` the builder would expand in a
word (not those in single quotes or escaped), nested ones included, with the
operator that follows the name: `""` for a plain reference, else one of `:-`, `-`,
`:+`, `+`, `:?`, `?`, `#`, `##`, `%`, `%%`, `/`, `//`. A reference whose operator
supplies a value for an unset variable (`-`, `:-`, `+`, `:+`, `?`, `:?`) shows that
the author expects the variable may be missing.
"""

from __future__ import annotations

from typing import NamedTuple

from ..findings import Span
from ..nodes import Word
from .variables import references


class Reference(NamedTuple):
    name: str
    operator: str
    start: int
    end: int


def word_references(text: str, escape: str = "\\") -> list[Reference]:
    """References in a word as written (quotes and variables untouched)."""
    found = []
    for name, start, end in references(text, escape):
        operator = ""
        if text.startswith("${", start):
            after = start + 2 + len(name)
            rest = text[after:end]
            for candidate in (":-", ":+", ":?", "##", "%%", "//", "-", "+", "?", "#", "%", "/"):
                if rest.startswith(candidate):
                    operator = candidate
                    break
        found.append(Reference(name, operator, start, end))
    return found


def span_in_word(word: Word, start: int, end: int) -> Span:
    """The span of `word.text[start:end]`, or the whole word when it is not laid out
    on one line exactly as written (continuation lines, decoded JSON strings)."""
    span = word.span
    if span.line != span.end_line or span.end - span.start != len(word.text):
        return span
    return Span(
        span.start + start,
        span.start + end,
        span.line,
        span.column + start,
        span.line,
        span.column + end,
    )
