"""The result cache: findings of a file, keyed by everything that decides them.

A key is the BLAKE2b hash of the file's bytes, its path (per-file ignores depend on it),
the effective configuration, the build context's `.dockerignore`, and a signature of
layerlint itself (version, rule codes, and the size and time of every module, so that
a development checkout never reads stale results). Values are JSON (never pickle: the
cache directory is written by whoever can write the user's home). Findings of
timeouts (LL1001) and internal errors (LL1002) are never cached.

Location: `$LAYERLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/layerlint/results`, else
`~/.cache/layerlint/results`. `--no-cache` skips it.
"""

from __future__ import annotations

import contextlib
import json
import os
from functools import lru_cache
from typing import Any

try:  # BLAKE2 is built into CPython; hashlib would load OpenSSL (~5 ms at start-up).
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

from . import __version__
from .findings import Edit, Finding, Fix, Severity
from .settings import Settings

_UNCACHED = frozenset({"LL1001", "LL1002"})


def cache_directory() -> str:
    explicit = os.environ.get("LAYERLINT_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "layerlint", "results")


@lru_cache(maxsize=1)
def code_signature() -> str:
    """What identifies this layerlint: version, rules, and its modules on disk."""
    digest = blake2b(__version__.encode())
    package = os.path.dirname(os.path.abspath(__file__))
    from . import rules

    for directory in (package, os.path.dirname(os.path.abspath(rules.__file__))):
        for root, _dirs, files in os.walk(directory):
            for name in sorted(files):
                if name.endswith((".py", ".lark")):
                    try:
                        status = os.stat(os.path.join(root, name))
                    except OSError:
                        continue
                    digest.update(f"{name}:{status.st_size}:{status.st_mtime_ns}".encode())
    from .executables import find_executable

    digest.update(str(find_executable("shellcheck")).encode())
    return digest.hexdigest()


def _context_files(path: str, settings: Settings) -> bytes:
    """The .dockerignore files that CopyIgnoredFile and the layer model (`COPY .`) may
    read for this Dockerfile."""
    if path == "-":
        return b""
    context = settings.context or os.path.dirname(os.path.abspath(path))
    if not context:
        return b""
    contents = b""
    for name in (os.path.basename(path) + ".dockerignore", ".dockerignore"):
        candidate = os.path.join(os.path.dirname(os.path.abspath(path)), name)
        if name == ".dockerignore":
            candidate = os.path.join(context, name)
        try:
            with open(candidate, "rb") as handle:
                contents += name.encode() + b"\0" + handle.read() + b"\0"
        except OSError:
            continue
    return contents


def cache_key(data: bytes, path: str, settings: Settings) -> str:
    digest = blake2b()
    for part in (
        code_signature().encode(),
        os.path.abspath(path).encode("utf-8", "surrogateescape"),
        settings.fingerprint().encode("utf-8", "surrogateescape"),
        _context_files(path, settings),
        data,
    ):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _finding_to_json(finding: Finding) -> dict[str, Any]:
    data = finding.to_dict()
    del data["path"]
    data["severity"] = int(finding.severity)
    if finding.fix is not None:
        data["fix"] = {
            "description": finding.fix.description,
            "safe": finding.fix.safe,
            "edits": [[edit.start, edit.end, edit.replacement] for edit in finding.fix.edits],
        }
    return data


def _finding_from_json(data: dict[str, Any], path: str) -> Finding:
    fix = None
    if data.get("fix"):
        raw = data["fix"]
        fix = Fix(raw["description"], tuple(Edit(*edit) for edit in raw["edits"]), raw["safe"])
    return Finding(
        path,
        data["line"],
        data["column"],
        data["end_line"],
        data["end_column"],
        data["code"],
        data["name"],
        Severity(data["severity"]),
        data["message"],
        tuple(data["aliases"]),
        data["url"],
        fix,
    )


class ResultCache:
    """Reads and writes cached findings; every failure is a cache miss, never an error."""

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or cache_directory()

    def _file(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], key[2:] + ".json")

    def load(self, key: str, path: str) -> list[Finding] | None:
        payload = read_json(self._file(key))
        if not isinstance(payload, dict):
            return None
        try:
            return [_finding_from_json(item, path) for item in payload["findings"]]
        except (ValueError, KeyError, TypeError):
            return None

    def store(self, key: str, findings: list[Finding]) -> None:
        if any(finding.code in _UNCACHED for finding in findings):
            return
        write_json(self._file(key), {"findings": [_finding_to_json(f) for f in findings]})


def read_json(path: str) -> Any:
    """The JSON value stored at `path`; None when it cannot be read."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def write_json(path: str, value: Any) -> None:
    """Store `value` at `path` atomically (readers in other processes see the old file
    or the new one); failures are ignored: a cache that cannot be written is a miss."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(value, handle)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
