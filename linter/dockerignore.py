"""`.dockerignore` files: which build-context paths a build cannot see.

The syntax and matching follow Docker's (moby/patternmatcher):

- one pattern per line; lines starting with `#` and blank lines are ignored; leading
  and trailing white space is dropped; a leading `/` is dropped; patterns are
  cleaned like paths (`a//b/./c` is `a/b/c`);
- `*` matches any characters but `/`, `?` one character but `/`, `[...]` a class,
  `\\` escapes the next character, `**` any number of directories (also none);
- a pattern matches a path when it matches the path itself or one of its parent
  directories, so `build` excludes everything under `build/`;
- `!pattern` re-includes what it matches; the last matching pattern decides.

`DockerIgnore.excludes(path)` answers for a context path; `reincludes_below(path)`
tells whether an exception written after the pattern that excludes `path` could
re-include `path` or something inside it (then copying `path` still copies files).
"""

from __future__ import annotations

import os
import posixpath
import re
from functools import lru_cache
from typing import NamedTuple

from .globs import compile_glob

_GLOB_CHARS = frozenset("*?[\\")


class Pattern(NamedTuple):
    text: str
    exception: bool
    regex: re.Pattern[str]


def clean_path(path: str) -> str:
    """A context path as Docker compares it: slashes, no `./`, no leading `/`."""
    path = path.replace("\\", "/") if os.sep == "\\" else path
    cleaned = posixpath.normpath(path) if path else "."
    cleaned = cleaned.lstrip("/")
    return cleaned or "."


def translate(pattern: str) -> re.Pattern[str]:
    """The regular expression of one (cleaned) pattern, matching a whole path."""
    return compile_glob(pattern, backslash_escapes=True)


def parse_patterns(text: str) -> list[Pattern]:
    """The patterns of a `.dockerignore` text, in order."""
    patterns = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        if exception:
            line = line[1:].strip()
            if not line:
                continue
        cleaned = clean_path(line)
        patterns.append(Pattern(cleaned, exception, translate(cleaned)))
    return patterns


def _candidates(path: str) -> list[str]:
    """The path and each of its parent directories."""
    parts = path.split("/")
    return ["/".join(parts[: index + 1]) for index in range(len(parts))]


class DockerIgnore:
    """The patterns of one `.dockerignore` file."""

    def __init__(self, patterns: list[Pattern]) -> None:
        self.patterns = patterns

    def _deciding(self, path: str) -> int | None:
        """Index of the last pattern matching `path` or a parent of it."""
        candidates = _candidates(path)
        decided = None
        for index, pattern in enumerate(self.patterns):
            if any(pattern.regex.match(candidate) for candidate in candidates):
                decided = index
        return decided

    def excludes(self, path: str) -> bool:
        """Whether the context path (file or directory) is left out of the context."""
        index = self._deciding(clean_path(path))
        return index is not None and not self.patterns[index].exception

    def reincludes_below(self, path: str) -> bool:
        """Whether an exception after the excluding pattern may bring back `path` or a
        path inside it."""
        path = clean_path(path)
        index = self._deciding(path)
        start = 0 if index is None else index + 1
        return any(
            pattern.exception and _may_match_within(pattern.text, path)
            for pattern in self.patterns[start:]
        )

    def excludes_everything(self) -> bool:
        """Whether a pattern leaves out every entry of the context root (`*`, `**`)."""
        return any(
            not pattern.exception and pattern.text in ("*", "**", "**/*")
            for pattern in self.patterns
        )


def _may_match_within(pattern: str, path: str) -> bool:
    """Whether `pattern` can match `path` or a path below it."""
    if path == ".":
        return True
    pattern_parts = pattern.split("/")
    for index, part in enumerate(path.split("/")):
        if index >= len(pattern_parts):
            return False
        piece = pattern_parts[index]
        if piece.startswith("**"):
            return True
        if not translate(piece).match(part):
            return False
    return True


def has_glob(path: str) -> bool:
    """Whether a COPY source contains wildcard characters."""
    return any(char in _GLOB_CHARS for char in path)


@lru_cache(maxsize=64)
def _load(path: str, mtime: float) -> DockerIgnore:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return DockerIgnore(parse_patterns(handle.read()))


def load_for(dockerfile: str, context: str) -> DockerIgnore | None:
    """The ignore file that applies to a build: `<Dockerfile>.dockerignore` beside the
    Dockerfile, else `.dockerignore` at the root of the context; None without one."""
    for candidate in (dockerfile + ".dockerignore", os.path.join(context, ".dockerignore")):
        try:
            mtime = os.stat(candidate).st_mtime
        except OSError:
            continue
        try:
            return _load(candidate, mtime)
        except OSError:
            return None
    return None
