"""Linting many files: reading, skipping what cannot be linted, collecting results."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from .engine import FileResult, lint_source
from .files import looks_binary
from .findings import Finding
from .settings import DEFAULT_SETTINGS, Settings
from .source import Source

SettingsFor = Callable[[str], Settings]

MAX_FILE_BYTES = 64 * 1024 * 1024


class RunResult:
    """All files of a run: results in input order, plus files that were skipped."""

    def __init__(self) -> None:
        self.results: list[FileResult] = []
        self.sources: dict[str, Source] = {}
        self.skipped: list[tuple[str, str]] = []
        self.unreadable: list[tuple[str, str]] = []

    @property
    def findings(self) -> list[Finding]:
        return [finding for result in self.results for finding in result.findings]

    @property
    def internal_error(self) -> bool:
        return any(result.internal_error for result in self.results)


def read_file(path: str) -> bytes:
    """The bytes of a file (OSError for an unreadable one; ValueError when too big)."""
    size = os.path.getsize(path)
    if size > MAX_FILE_BYTES:
        raise ValueError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    with open(path, "rb") as handle:
        return handle.read()


def lint_bytes(
    data: bytes,
    path: str,
    settings: Settings = DEFAULT_SETTINGS,
    timeout: float | None = None,
) -> tuple[FileResult, Source]:
    source = Source.from_bytes(data, path)
    deadline = time.monotonic() + timeout if timeout is not None else None
    return lint_source(source, settings, deadline=deadline), source


def lint_files(
    paths: list[str],
    settings_for: SettingsFor = lambda path: DEFAULT_SETTINGS,
    stdin_data: bytes | None = None,
    stdin_name: str = "-",
    timeout: float | None = None,
) -> RunResult:
    """Lint every path in order; `-` stands for standard input (`stdin_data`)."""
    run = RunResult()
    for path in paths:
        if path == "-":
            data = stdin_data or b""
            display = stdin_name
        else:
            display = path
            try:
                data = read_file(path)
            except (OSError, ValueError) as error:
                reason = (
                    error.strerror if isinstance(error, OSError) and error.strerror else str(error)
                )
                run.unreadable.append((path, reason))
                continue
        if looks_binary(data):
            run.skipped.append((display, "binary file (it contains NUL bytes)"))
            continue
        result, source = lint_bytes(data, display, settings_for(display), timeout)
        run.results.append(result)
        run.sources[display] = source
    return run
