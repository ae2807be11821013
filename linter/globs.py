"""Glob patterns of `per-file-ignores`, matched against POSIX paths.

`*` and `?` stay inside one path component, `**` spans components (`**/` also matches
no directory at all), `[...]` is a character class. A pattern without `/` is matched
against the file name only; any other pattern against the whole (absolute) path.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache


@lru_cache(maxsize=1024)
def compile_glob(pattern: str, backslash_escapes: bool = False) -> re.Pattern[str]:
    """The regular expression of a glob pattern (matching the whole text).

    The one glob dialect of layerlint (per-file ignores, `.dockerignore`, paths in the
    filesystem model): `*` and `?` stay inside one path component, `**/` spans any
    number of directories (none included), `**` at the end anything, `[...]` is a
    class (`[!...]` negated). With `backslash_escapes` (`.dockerignore`), a backslash
    makes the next character literal.
    """
    out: list[str] = []
    index = 0
    length = len(pattern)
    while index < length:
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif char == "*":
            out.append("[^/]*")
            index += 1
        elif char == "?":
            out.append("[^/]")
            index += 1
        elif char == "\\" and backslash_escapes and index + 1 < length:
            out.append(re.escape(pattern[index + 1]))
            index += 2
        elif char == "[":
            bracket = _bracket(pattern, index)
            if bracket is None:
                out.append(re.escape(char))
                index += 1
                continue
            regex, index = bracket
            out.append(regex)
        else:
            out.append(re.escape(char))
            index += 1
    return re.compile("".join(out) + r"\Z")


# POSIX character classes inside a bracket expression (`[[:digit:]]`).
_POSIX_CLASSES = {
    "alpha": "a-zA-Z",
    "digit": "0-9",
    "alnum": "a-zA-Z0-9",
    "upper": "A-Z",
    "lower": "a-z",
    "xdigit": "0-9A-Fa-f",
    "space": " \\t\\n\\r\\f\\v",
    "blank": " \\t",
    "punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "cntrl": "\\x00-\\x1f\\x7f",
    "print": "\\x20-\\x7e",
    "graph": "\\x21-\\x7e",
}


def _bracket(pattern: str, start: int) -> tuple[str, int] | None:
    """The regular expression of the bracket expression at `start` and the index after
    it, or None when it is not closed (the `[` is then a literal character)."""
    index = start + 1
    negated = index < len(pattern) and pattern[index] in "!^"
    if negated:
        index += 1
    parts: list[str] = []
    first = True
    while index < len(pattern):
        char = pattern[index]
        if char == "]" and not first:
            body = "".join(parts) or "^\\s\\S"
            return "[" + ("^" if negated else "") + body + "]", index + 1
        first = False
        if pattern.startswith("[:", index):
            close = pattern.find(":]", index + 2)
            name = pattern[index + 2 : close] if close != -1 else ""
            if name in _POSIX_CLASSES:
                parts.append(_POSIX_CLASSES[name])
                index = close + 2
                continue
        if char == "-" and parts and index + 1 < len(pattern) and pattern[index + 1] != "]":
            parts.append("-")
        else:
            parts.append(re.escape(char))
        index += 1
    return None


def anchor_pattern(pattern: str, base_directory: str) -> str:
    """A configured pattern made absolute against the directory of its config file.

    Basename patterns (no `/`) stay as they are; `./x` and `x/y` become
    `<base>/x`, `<base>/x/y`.
    """
    if "/" not in pattern:
        return pattern
    if pattern.startswith("/"):
        return pattern
    base = to_posix(os.path.abspath(base_directory))
    relative = pattern[2:] if pattern.startswith("./") else pattern
    return base.rstrip("/") + "/" + relative


def to_posix(path: str) -> str:
    return path.replace(os.sep, "/") if os.sep != "/" else path


def path_matches(pattern: str, path: str) -> bool:
    """Whether a file path matches an anchored pattern (see `anchor_pattern`)."""
    absolute = to_posix(os.path.abspath(path))
    if "/" not in pattern:
        return compile_glob(pattern).match(absolute.rsplit("/", 1)[-1]) is not None
    return compile_glob(pattern).match(absolute) is not None
