"""The cache of ShellCheck's answers: keyed by script, options and binary; misses on
failure; off without a directory. A stand-in ShellCheck records what it was asked."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from layerlint import shellcheck
from layerlint.runner import lint_files

STAND_IN = """\
import json, sys
names = [a for a in sys.argv[1:] if not a.startswith("--")]
with open({log!r}, "a") as log:
    log.write(json.dumps([open(n).read() for n in names]) + "\\n")
if {fail!r}:
    sys.exit(3)
print(json.dumps({{"comments": [
    {{"file": n, "line": len(open(n).read().splitlines()), "column": 1,
      "endLine": len(open(n).read().splitlines()), "endColumn": 2, "code": 2086,
      "level": "info", "message": "seen " + open(n).read(), "fix": None}}
    for n in names]}}))
"""


def _stand_in(tmp_path: Path, fail: bool = False) -> tuple[str, Path]:
    log = tmp_path / "calls.log"
    script = tmp_path / ("failing" if fail else "shellcheck")
    script.write_text(f"#!{sys.executable}\n" + STAND_IN.format(log=str(log), fail=fail))
    script.chmod(0o755)
    return str(script), log


def _calls(log: Path) -> list[list[str]]:
    """The scripts of each run of the stand-in."""
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


@pytest.fixture(autouse=True)
def _no_cache_after() -> Iterator[None]:
    yield
    shellcheck.use_cache(None)


def test_answers_are_cached_by_script(tmp_path: Path) -> None:
    executable, log = _stand_in(tmp_path)
    shellcheck.use_cache(str(tmp_path / "cache"))
    first = shellcheck.check_scripts(executable, ["echo a", "echo b", "echo a"], [])
    assert first is not None
    assert [[c["message"] for c in comments] for comments in first] == [
        ["seen echo a"],
        ["seen echo b"],
        ["seen echo a"],
    ]
    assert _calls(log) == [["echo a", "echo b"]]  # the repeated script is checked once
    second = shellcheck.check_scripts(executable, ["echo b", "echo c"], [])
    assert second is not None
    assert [c["message"] for c in second[0]] == ["seen echo b"]
    assert _calls(log) == [["echo a", "echo b"], ["echo c"]]  # only the new script runs
    assert shellcheck.check_scripts(executable, ["echo a"], []) == [first[0]]
    assert len(_calls(log)) == 2
    # other options are another question
    shellcheck.check_scripts(executable, ["echo a"], ["--exclude=SC2086"])
    assert _calls(log)[-1] == ["echo a"]


def test_another_binary_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    executable, log = _stand_in(tmp_path)
    shellcheck.use_cache(str(tmp_path / "cache"))
    shellcheck.check_scripts(executable, ["echo a"], [])
    status = os.stat(executable)
    os.utime(executable, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    shellcheck.check_scripts(executable, ["echo a"], [])
    assert _calls(log) == [["echo a"], ["echo a"]]


def test_a_failed_run_gives_none_and_is_not_cached(tmp_path: Path) -> None:
    failing, log = _stand_in(tmp_path, fail=True)
    cache = tmp_path / "cache"
    shellcheck.use_cache(str(cache))
    assert shellcheck.check_scripts(failing, ["echo a"], []) is None
    assert shellcheck.check_scripts(failing, ["echo a"], []) is None
    assert len(_calls(log)) == 2
    assert not cache.exists()


def test_without_a_cache_every_call_runs(tmp_path: Path) -> None:
    executable, log = _stand_in(tmp_path)
    shellcheck.use_cache(None)
    shellcheck.check_scripts(executable, ["echo a"], [])
    shellcheck.check_scripts(executable, ["echo a"], [])
    assert len(_calls(log)) == 2


def test_the_runner_caches_beside_the_results_only_when_caching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from layerlint.cache import ResultCache
    from layerlint.rules import ll3056_shellcheck

    executable, log = _stand_in(tmp_path)
    monkeypatch.setenv("LAYERLINT_SHELLCHECK", executable)
    ll3056_shellcheck.shellcheck_path.cache_clear()
    try:
        dockerfile = tmp_path / "Dockerfile"
        dockerfile.write_text("FROM alpine:3.20\nRUN echo $X\n")
        lint_files([str(dockerfile)])
        assert not (tmp_path / "results").exists()
        cache = ResultCache(str(tmp_path / "results"))
        run = lint_files([str(dockerfile)], cache=cache)
        assert [f.code for f in run.results[0].findings] == ["SC2086"]
        assert len(os.listdir(tmp_path / "results" / "shellcheck")) == 1
        dockerfile.write_text("FROM alpine:3.20\nRUN echo $X\nLABEL a=b\n")
        run = lint_files([str(dockerfile)], cache=cache)  # the file changed, the script not
        assert [f.code for f in run.results[0].findings] == ["SC2086"]
        assert len(_calls(log)) == 2  # the uncached run and the first cached one
    finally:
        ll3056_shellcheck.shellcheck_path.cache_clear()
