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
            end = pattern.find("]", index + 2)
            if end == -1:
                out.append(re.escape(char))
                index += 1
                continue
            body = pattern[index + 1 : end]
            if body.startswith(("!", "^")):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            index = end + 1
        else:
            out.append(re.escape(char))
            index += 1
    return re.compile("".join(out) + r"\Z")


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
