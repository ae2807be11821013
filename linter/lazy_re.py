"""`lazy_compile`: module-level regular expressions compiled on first use.

Compiling a regular expression costs 0.1-1 ms. layerlint imports every rule module on
every run, and compiling their patterns at import took about a third of the import
time of a cold single-file run, although a typical file exercises few of them.

A `LazyPattern` compiles on the first method call and then binds the compiled
pattern's methods to its own slots, so later calls go straight to the compiled
pattern with no extra Python frame (hot patterns run hundreds of thousands of times
over a corpus).
"""

from __future__ import annotations

import re
from typing import Any

_BOUND = (
    "search",
    "match",
    "fullmatch",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    """A `re.Pattern` stand-in that compiles itself when first used."""

    __slots__ = ("_source", "_flags", *_BOUND)

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only reached while a slot is unset, i.e. before the first compilation.
        if name not in _BOUND:
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for attribute in _BOUND:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source!r}, {self._flags!r})"


def lazy_compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """Like `re.compile`, compiled on first use (typed as a pattern for callers)."""
    return LazyPattern(source, flags)  # type: ignore[return-value]
