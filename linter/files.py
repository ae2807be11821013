"""Finding Dockerfiles on disk and reading them safely."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator

from .lazy_re import lazy_compile
from .records import Record, init

# A file is taken as a Dockerfile when its name, in lower case, split at `.`, `-` and
# `_`, has `dockerfile` or `containerfile` as one of its parts (`Dockerfile`,
# `Dockerfile.dev`, `api.Dockerfile`, `Containerfile-arm`, `ci_dockerfile`) -- unless
# its extension says it is something else (documentation, source code, a template).
_STEMS = ("dockerfile", "containerfile")
_NAME_PARTS = lazy_compile(r"[._-]")
NOT_DOCKERFILE_EXTENSIONS = frozenset(
    {
        ".md",
        ".rst",
        ".txt",
        ".adoc",
        ".html",
        ".go",
        ".py",
        ".rs",
        ".js",
        ".ts",
        ".java",
        ".rb",
        ".json",
        ".yaml",
        ".yml",
        ".toml",
        ".sh",
        ".bash",
        ".ps1",
        ".bat",
        ".cmd",
        ".orig",
        ".rej",
        ".bak",
        ".swp",
        ".j2",
        ".jinja",
        ".jinja2",
        ".tmpl",
        ".tpl",
        ".template",
        ".erb",
        ".mustache",
        ".hbs",
        ".in",
        ".patch",
        ".diff",
        ".lock",
        ".xml",
    }
)
SKIPPED_DIRECTORIES = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".direnv",
        ".eggs",
    }
)
BINARY_SNIFF_BYTES = 8192


def is_dockerfile_name(name: str) -> bool:
    """Whether a directory walk should lint a file of this name (see above)."""
    lower = name.lower()
    if lower in _STEMS:
        return True
    extension = os.path.splitext(lower)[1]
    if extension in NOT_DOCKERFILE_EXTENSIONS:
        return False
    return any(part in _STEMS for part in _NAME_PARTS.split(lower))


class PathProblem(Record):
    """A path that could not be linted, and why (printed on stderr, exit status 2)."""

    __slots__ = ("path", "message")

    path: str
    message: str

    def __init__(
        self,
        path: str,
        message: str,
    ) -> None:
        init(self, "path", path)
        init(self, "message", message)


def discover(paths: list[str]) -> tuple[list[str], list[PathProblem]]:
    """Files to lint: named files as they are, directories searched for Dockerfiles.

    Symbolic links to directories are not followed while walking (no loops); a
    directory is never entered twice.
    """
    found: list[str] = []
    problems: list[PathProblem] = []
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            if path not in found:  # standard input can be read once
                found.append(path)
            continue
        if os.path.isdir(path):
            for file in _walk(path, problems):
                real = os.path.realpath(file)
                if real not in seen:
                    seen.add(real)
                    found.append(file)
        elif os.path.exists(path):
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                found.append(path)
        elif os.path.islink(path):
            problems.append(PathProblem(path, _link_problem(path)))
        else:
            problems.append(PathProblem(path, "no such file or directory"))
    return found, problems


def _walk(root: str, problems: list[PathProblem]) -> Iterator[str]:
    def on_error(error: OSError) -> None:
        problems.append(PathProblem(error.filename or root, error.strerror or str(error)))

    for directory, subdirectories, files in os.walk(root, onerror=on_error, followlinks=False):
        subdirectories[:] = sorted(d for d in subdirectories if d not in SKIPPED_DIRECTORIES)
        for name in sorted(files):
            # Only regular files: reading a named pipe or a device would block or never
            # end (one named on the command line is read: `layerlint <(...)`).
            if is_dockerfile_name(name) and os.path.isfile(path := os.path.join(directory, name)):
                yield path


def _link_problem(path: str) -> str:
    """Why a symbolic link leads nowhere: a loop, or a missing target."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "too many levels of symbolic links"
    return "broken symbolic link"


def looks_binary(data: bytes) -> bool:
    """Git's rule: a NUL byte in the first 8 KiB means binary."""
    return b"\x00" in data[:BINARY_SNIFF_BYTES]
