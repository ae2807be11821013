"""Linting many files: order, the result cache, worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from layerlint.cache import ResultCache
from layerlint.runner import lint_files
from layerlint.settings import Settings

BAD = "FROM alpine:3.20\nENV PATH\nHEALTHCHECK CMD\n"
GOOD = "FROM alpine:3.20\nRUN echo ok\n"
SETTINGS = Settings(select=("LL1",))


def _files(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for index in range(count):
        path = tmp_path / f"{index:02d}.Dockerfile"
        path.write_text(BAD if index % 2 else GOOD)
        paths.append(str(path))
    return paths


def _codes(run) -> list[tuple[str, int, str]]:  # type: ignore[no-untyped-def]
    return [(Path(f.path).name, f.line, f.code) for f in run.findings]


def test_processes_give_the_same_results_in_the_same_order(tmp_path: Path) -> None:
    paths = _files(tmp_path, 12)
    alone = lint_files(paths, lambda path: SETTINGS, jobs=1)
    forked = lint_files(paths, lambda path: SETTINGS, jobs=2)
    assert [r.path for r in forked.results] == paths
    assert _codes(forked) == _codes(alone)
    assert _codes(alone)  # the bad files do have findings
    assert set(forked.sources) == {f.path for f in forked.findings}


def test_cache_hits_return_the_same_findings_without_linting(tmp_path: Path) -> None:
    cache = ResultCache(str(tmp_path / "cache"))
    paths = _files(tmp_path, 4)
    first = lint_files(paths, lambda path: SETTINGS, cache=cache)
    stored = list((tmp_path / "cache").rglob("*.json"))
    assert len(stored) == 4
    second = lint_files(paths, lambda path: SETTINGS, cache=cache)
    assert _codes(second) == _codes(first)
    assert [f.message for f in second.findings] == [f.message for f in first.findings]
    # A hit does not parse: the results carry no AST.
    assert all(result.file is None for result in second.results)


def test_cache_key_changes_with_content_and_configuration(tmp_path: Path) -> None:
    cache = ResultCache(str(tmp_path / "cache"))
    paths = _files(tmp_path, 2)
    lint_files(paths, lambda path: SETTINGS, cache=cache)
    other = Settings(select=("LL1003",))
    narrowed = lint_files(paths, lambda path: other, cache=cache)
    assert {f.code for f in narrowed.findings} == {"LL1003"}
    Path(paths[1]).write_text(GOOD)
    changed = lint_files(paths, lambda path: SETTINGS, cache=cache)
    assert not changed.findings


def test_corrupt_cache_entries_are_misses(tmp_path: Path) -> None:
    cache = ResultCache(str(tmp_path / "cache"))
    paths = _files(tmp_path, 2)
    first = lint_files(paths, lambda path: SETTINGS, cache=cache)
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text("{not json")
    again = lint_files(paths, lambda path: SETTINGS, cache=cache)
    assert _codes(again) == _codes(first)


@pytest.mark.parametrize("jobs", [1, 2])
def test_unreadable_and_binary_files_are_reported_not_linted(tmp_path: Path, jobs: int) -> None:
    binary = tmp_path / "bin.Dockerfile"
    binary.write_bytes(b"FROM a\x00\x01")
    missing = str(tmp_path / "missing.Dockerfile")
    run = lint_files([str(binary), missing], lambda path: SETTINGS, jobs=jobs)
    assert run.skipped == [(str(binary), "binary file (it contains NUL bytes)")]
    assert run.unreadable[0][0] == missing
    assert not run.results


def test_a_timeout_swallowed_once_still_stops_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # Python drops exceptions raised inside garbage-collector callbacks and __del__;
    # the alarm must fire again so the file still ends with LL1001.
    import contextlib
    import time

    from layerlint import runner

    def slow_lint(source, settings, deadline=None):  # type: ignore[no-untyped-def]
        with contextlib.suppress(BaseException):  # the first alarm is lost, as in a gc callback
            time.sleep(0.5)
        end = time.monotonic() + 5
        while time.monotonic() < end:
            pass
        return runner.FileResult(source.path, [])

    monkeypatch.setattr(runner, "lint_source", slow_lint)
    started = time.monotonic()
    result, _ = runner.lint_bytes(b"FROM a\n", "Dockerfile", timeout=0.1)
    assert [f.code for f in result.findings] == ["LL1001"]
    assert time.monotonic() - started < 2


def test_a_worker_that_dies_costs_one_file_not_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal

    from layerlint import runner

    paths = _files(tmp_path, 12)
    alone = lint_files(paths, lambda path: SETTINGS, jobs=1)
    real_lint_bytes = runner.lint_bytes

    def crashing(data, path, settings, timeout=None):  # type: ignore[no-untyped-def]
        if path.endswith("05.Dockerfile"):  # as a segfault in native code would
            os.kill(os.getpid(), signal.SIGKILL)
        return real_lint_bytes(data, path, settings, timeout)

    monkeypatch.setattr(runner, "lint_bytes", crashing)
    forked = lint_files(paths, lambda path: SETTINGS, jobs=2)
    assert [r.path for r in forked.results] == paths
    crashed = [f for f in forked.findings if f.path.endswith("05.Dockerfile")]
    assert [f.code for f in crashed] == ["LL1002"]
    others = [c for c in _codes(forked) if c[0] != "05.Dockerfile"]
    assert others == [c for c in _codes(alone) if c[0] != "05.Dockerfile"]


def test_sources_of_cached_and_forked_files_are_decoded_when_asked(tmp_path: Path) -> None:
    paths = _files(tmp_path, 12)
    cache = ResultCache(str(tmp_path / "cache"))
    lint_files(paths, lambda path: SETTINGS, cache=cache)
    for jobs, reused in ((1, cache), (2, None)):
        run = lint_files(paths, lambda path: SETTINGS, jobs=jobs, cache=reused)
        with_findings = {f.path for f in run.findings}
        assert set(run.sources) == with_findings and len(run.sources) == len(with_findings)
        for path in with_findings:
            assert path in run.sources
            source = run.sources.get(path)
            assert source is not None and source.text == BAD and source.path == path
        assert run.sources.get(paths[0]) is None  # a good file: no findings, no source
