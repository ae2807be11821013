"""Where a finding is, for the formats that CI systems read (sarif, github, codeclimate).

- Paths relative to the repository root: GitHub and GitLab place results by the path
  inside the repository, whatever directory layerlint ran in. The root is
  `--repository-root`, else the nearest enclosing git work tree of the current
  directory (else the current directory) when it holds every linted file, else the
  common directory of the files' own work trees (see `repository_root`).
- Columns in UTF-16 code units, the unit GitHub and VS Code count in.
- Fingerprints from the content of the flagged line, not its number, so that a result
  keeps its identity when unrelated lines above it move.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from ..findings import Finding
from .base import Report


def find_repository_root(start: str | None = None) -> str:
    """The nearest directory at or above `start` (default: cwd) holding `.git`, else `start`.

    `.git` may be a directory or, in worktrees and submodules, a file; both mark a
    work tree. No git process is started.
    """
    current = os.path.realpath(start or os.getcwd())
    probe = current
    while True:
        if os.path.exists(os.path.join(probe, ".git")):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return current
        probe = parent


def repository_root(report: Report) -> str:
    """The absolute root that reported paths are relative to.

    `--repository-root` when given; else the work tree around the current directory
    when every linted file lies inside it (the usual case in CI); else, for files
    linted from elsewhere, the common directory of their own work trees (or of their
    folders, outside any work tree), so that every path can still be relative.
    """
    if report.repository_root:
        return os.path.realpath(report.repository_root)
    root = find_repository_root()
    paths = list(dict.fromkeys([*report.paths, *(finding.path for finding in report.findings)]))
    outside = [path for path in paths if relative_path(path, root) is None]
    if not outside:
        return root
    folders = {os.path.dirname(_absolute(path)) for path in paths}
    return os.path.commonpath([find_repository_root(folder) for folder in folders])


def _absolute(path: str) -> str:
    # Resolve symbolic links in the directories only: a Dockerfile that is itself a
    # link is reported where it is, not where it points.
    absolute = os.path.abspath(path)
    return os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))


def relative_path(path: str, root: str) -> str | None:
    """`path` relative to `root` with `/` separators, or None when it lies outside."""
    try:
        relative = os.path.relpath(_absolute(path), root)
    except ValueError:  # another drive on Windows
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative.replace(os.sep, "/")


def repository_path(path: str, root: str) -> str:
    """The path to report: relative to the root when inside it, else as given."""
    relative = relative_path(path, root)
    return relative if relative is not None else path


def repository_paths(report: Report, root: str) -> dict[str, str]:
    """`repository_path` of every file with findings, each computed once."""
    paths = dict.fromkeys(finding.path for finding in report.findings)
    return {path: repository_path(path, root) for path in paths}


def relative_uri(relative: str) -> str:
    """A relative path as a URI reference: every byte outside [A-Za-z0-9_.~/-] escaped.

    Names that are not valid UTF-8 arrive as surrogate escapes; their original bytes
    are what the URI must carry.
    """
    return quote(os.fsencode(relative), safe="/")


def file_uri(path: str) -> str:
    """An absolute `file://` URI of a path."""
    return Path(_absolute(path)).as_uri()


def directory_uri(directory: str) -> str:
    """A `file://` URI of a directory, ending in `/` as SARIF requires of a base URI."""
    uri = Path(directory).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def utf16_column(line_text: str, column: int) -> int:
    """The 1-based UTF-16 column of a 1-based code point column of `line_text`."""
    prefix = line_text[: max(column - 1, 0)]
    if prefix.isascii():
        return column
    # Characters beyond the line (a span ending at the newline) count one unit each.
    beyond = max(column - 1 - len(prefix), 0)
    units = len(prefix.encode("utf-16-le", "surrogatepass")) // 2
    return units + beyond + 1


def _normalized(text: str) -> str:
    return " ".join(text.split())


def line_hashes(report: Report) -> list[str]:
    """One content fingerprint per finding of `report.findings`, in the same order.

    The hash covers the rule, the whitespace-normalised text of the finding's first
    line and the flagged text on it; `:N` counts earlier findings of the same file
    with the same hash, so that identical lines stay distinct. Line numbers are not
    part of it: inserting or deleting unrelated lines changes nothing.
    """
    seen: Counter[tuple[str, str]] = Counter()
    hashes: list[str] = []
    for finding in report.findings:
        digest = _content_digest(report, finding)
        occurrence = seen[(finding.path, digest)]
        seen[(finding.path, digest)] += 1
        hashes.append(f"{digest}:{occurrence}")
    return hashes


def _content_digest(report: Report, finding: Finding) -> str:
    source = report.sources.get(finding.path)
    if source is not None and 1 <= finding.line <= source.line_count:
        line = source.line_text(finding.line)
        end = finding.end_column if finding.end_line == finding.line else len(line) + 1
        flagged = line[finding.column - 1 : max(end - 1, finding.column - 1)]
        content = f"{_normalized(line)}\x00{_normalized(flagged)}"
    else:
        # No text to anchor to (a file-level finding past the end): the message is
        # the most stable thing left.
        content = f"\x00{finding.message}"
    key = f"{finding.code}\x00{content}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()[:16]
