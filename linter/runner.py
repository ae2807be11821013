"""Linting many files: reading, skipping what cannot be linted, collecting results."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from . import shellcheck
from .cache import ResultCache, cache_key
from .engine import INTERNAL_ERROR, TIMEOUT, TIMEOUT_MESSAGE, FileResult, lint_source, meta_finding
from .files import looks_binary
from .findings import Finding
from .settings import DEFAULT_SETTINGS, Settings
from .source import Source

SettingsFor = Callable[[str], Settings]

MAX_FILE_BYTES = 64 * 1024 * 1024


class SourceTexts(Mapping[str, Source]):
    """The decoded sources of the files with findings, for reporters that show code.

    Files whose findings came from the cache or a worker process are decoded only
    when a reporter asks (the json reporter never does; decoding them all took a
    tenth of a cached re-run over the corpus).
    """

    def __init__(self) -> None:
        self._decoded: dict[str, Source] = {}
        self._undecoded: dict[str, bytes] = {}

    def add(self, source: Source) -> None:
        self._decoded[source.path] = source

    def add_bytes(self, path: str, data: bytes) -> None:
        if path not in self._decoded:
            self._undecoded[path] = data

    def __getitem__(self, path: str) -> Source:
        source = self._decoded.get(path)
        if source is None:
            source = Source.from_bytes(self._undecoded.pop(path), path)  # KeyError if absent
            self._decoded[path] = source
        return source

    def __contains__(self, path: object) -> bool:
        return path in self._decoded or path in self._undecoded

    def __iter__(self) -> Iterator[str]:
        return iter([*self._decoded, *self._undecoded])

    def __len__(self) -> int:
        return len(self._decoded) + len(self._undecoded)


class RunResult:
    """All files of a run: results in input order, plus files that were skipped."""

    def __init__(self) -> None:
        self.results: list[FileResult] = []
        self.sources = SourceTexts()
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


class _OverBudget(BaseException):
    """Raised by the alarm when a file exceeds its time budget.

    A BaseException, so that the engine's per-rule isolation (which catches
    Exception) does not swallow it.
    """


@contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """Interrupt the work after `seconds` (Unix, main thread); otherwise do nothing.

    The engine also checks the deadline between rules; the alarm covers the case
    where one step (a parse, one rule) itself runs too long.
    """
    if seconds is None:
        yield
        return
    import signal
    import threading

    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    # The alarm repeats: an exception raised where Python swallows it (a garbage
    # collector callback, a __del__) would otherwise leave the work running unbounded.
    signal.setitimer(signal.ITIMER_REAL, max(seconds or 0.0, 0.001), 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def lint_bytes(
    data: bytes,
    path: str,
    settings: Settings = DEFAULT_SETTINGS,
    timeout: float | None = None,
) -> tuple[FileResult, Source]:
    """Lint one file's bytes; never raises.

    An unexpected failure outside the rules (which the engine isolates one by one)
    becomes an LL1002 finding; running out of `timeout` seconds becomes LL1001.
    """
    source = Source.from_bytes(data, path)
    deadline = time.monotonic() + timeout if timeout is not None else None
    try:
        with _alarm(timeout):
            return lint_source(source, settings, deadline=deadline), source
    except _OverBudget:
        return FileResult(path, [meta_finding(path, TIMEOUT, TIMEOUT_MESSAGE)]), source
    except Exception as error:  # a bug outside any rule: report it, go on with other files
        import traceback

        message = (
            f"layerlint failed on this file ({type(error).__name__}: {error});"
            " please report this with the Dockerfile"
        )
        result = FileResult(path, [meta_finding(path, INTERNAL_ERROR, message[:300])])
        result.tracebacks.append(traceback.format_exc())
        return result, source


def prepare() -> None:
    """Load what every file needs before any time budget starts ticking.

    An alarm that fires while a module is being imported could leave it half
    initialised for the files that follow.
    """
    from .parse import get_parser
    from .registry import all_rules

    all_rules()
    get_parser()


class _Task:
    """A file to lint in a worker process (inherited through fork, never pickled)."""

    __slots__ = ("data", "display", "settings")

    def __init__(self, data: bytes, display: str, settings: Settings) -> None:
        self.data = data
        self.display = display
        self.settings = settings


_TASKS: list[_Task] = []
_TIMEOUT: float | None = None


def _lint_task(index: int) -> tuple[int, list[Finding], list[str]]:
    task = _TASKS[index]
    result, _ = lint_bytes(task.data, task.display, task.settings, _TIMEOUT)
    return index, result.findings, result.tracebacks


_DIED_MESSAGE = (
    "layerlint's process died on this file (a crash in native code or out of memory);"
    " please report this with the Dockerfile"
)


def _lint_chunk(indices: range) -> list[tuple[int, list[Finding], list[str]]]:
    return [_lint_task(index) for index in indices]


def _lint_in_processes(tasks: list[_Task], jobs: int, timeout: float | None) -> list[FileResult]:
    """Lint tasks in `jobs` forked processes; results in task order.

    A worker that dies (a crash in native code, the kernel's out-of-memory killer)
    must not hang or end the run: the files it had not finished are linted again,
    each in a process of its own, and the one that kills its process gets LL1002.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _TASKS, _TIMEOUT
    _TASKS, _TIMEOUT = tasks, timeout
    results: list[FileResult | None] = [None] * len(tasks)

    def keep(index: int, findings: list[Finding], tracebacks: list[str]) -> None:
        results[index] = FileResult(tasks[index].display, findings, None, [], tracebacks)

    try:
        context = multiprocessing.get_context("fork")
        size = max(1, len(tasks) // (jobs * 8))
        chunks = [range(i, min(i + size, len(tasks))) for i in range(0, len(tasks), size)]
        try:
            with ProcessPoolExecutor(jobs, mp_context=context) as pool:
                for chunk in pool.map(_lint_chunk, chunks):
                    for outcome in chunk:
                        keep(*outcome)
        except BrokenProcessPool:
            for index in range(len(tasks)):
                if results[index] is not None:
                    continue
                try:
                    with ProcessPoolExecutor(1, mp_context=context) as alone:
                        keep(*alone.submit(_lint_task, index).result())
                except BrokenProcessPool:
                    path = tasks[index].display
                    finding = meta_finding(path, INTERNAL_ERROR, _DIED_MESSAGE)
                    results[index] = FileResult(path, [finding])
    finally:
        _TASKS, _TIMEOUT = [], None
    return [result for result in results if result is not None]


def default_jobs() -> int:
    """One process per available core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def lint_files(
    paths: list[str],
    settings_for: SettingsFor = lambda path: DEFAULT_SETTINGS,
    stdin_data: bytes | None = None,
    stdin_name: str = "-",
    timeout: float | None = None,
    jobs: int = 1,
    cache: ResultCache | None = None,
) -> RunResult:
    """Lint every path; `-` stands for standard input (`stdin_data`).

    Results keep the order of `paths`. With a cache, files whose findings are cached
    are not parsed at all; with `jobs` > 1 (and fork available) the others are linted
    in that many processes.
    """
    run = RunResult()
    if timeout is not None:
        prepare()
    # ShellCheck's answers are cached beside the results (forked workers inherit this).
    shellcheck.use_cache(os.path.join(cache.directory, "shellcheck") if cache is not None else None)
    pending: list[tuple[int, _Task, str | None]] = []
    slots: list[FileResult | None] = []
    data_of: dict[str, bytes] = {}
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
        settings = settings_for(display)
        key = None
        if cache is not None and path != "-":
            key = cache_key(data, path, settings)
            cached = cache.load(key, display)
            if cached is not None:
                slots.append(FileResult(display, cached))
                data_of[display] = data
                continue
        pending.append((len(slots), _Task(data, display, settings), key))
        slots.append(None)
        data_of[display] = data
    fork_ok = jobs > 1 and len(pending) >= 2 * jobs and hasattr(os, "fork")
    if fork_ok:
        done = _lint_in_processes([task for _, task, _ in pending], jobs, timeout)
    else:
        done = []
        for _, task, _ in pending:
            result, source = lint_bytes(task.data, task.display, task.settings, timeout)
            done.append(result)
            if result.findings:
                run.sources.add(source)
    for (slot, _task, key), result in zip(pending, done, strict=True):
        slots[slot] = result
        if cache is not None and key is not None:
            cache.store(key, result.findings)
    for result in slots:
        if result is None:
            continue
        run.results.append(result)
        if result.findings and result.path not in run.sources:
            run.sources.add_bytes(result.path, data_of[result.path])
    return run
