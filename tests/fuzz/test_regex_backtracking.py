"""Every regular expression of layerlint against catastrophic backtracking.

All compiled patterns found in layerlint's modules and rules are run, the way the
project calls them (`match` or `search`), on adversarial strings: 10,000 repetitions
of characters that patterns commonly loop on, then a character that makes the match
fail. A linear pattern answers in about a millisecond; a quadratic one needs
seconds, an exponential one forever. The limit of 1 s per call (an alarm, so that a
runaway pattern cannot hang the suite) leaves a gap of three orders of magnitude:
machine load cannot make this test flaky.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import signal
import sys
import time
from functools import cache
from pathlib import Path

import layerlint
import layerlint.rules
import pytest
from layerlint.lazy_re import LazyPattern

REPEATED = [
    " ",
    "a",
    "0",
    "-",
    ".",
    "/",
    ":",
    "=",
    "$",
    "{",
    "(",
    "[",
    '"',
    "'",
    "\\",
    "*",
    "a=",
    "a ",
    "${",
    "$(",
    "a.",
    "a-",
    "\t",
    "#",
    "<<",
    "@",
    "a/",
    "1.",
    "--",
]
ENDINGS = ["!", "\x00", "\n", "", "}"]
SIZE = 10_000
LIMIT_SECONDS = 1.0


SOURCES = Path(__file__).resolve().parents[2]
_SEARCHING = frozenset({"search", "finditer", "findall", "sub", "subn", "split"})


# Patterns handed to a function under another name, and how that function calls them.
_PASSED_AS_ARGUMENT = {
    # suppress._parse_code_list(..., token) calls `token.match(text, position)`.
    "_LAYERLINT_TOKEN": ["match"],
    "_HADOLINT_TOKEN": ["match"],
}


@cache
def _methods(name: str) -> list[str]:
    """How the project calls a pattern of this name: `match` (anchored at the start:
    `match`, `fullmatch`) and/or `search` (tried at every position: `search`,
    `finditer`, `sub` ...). A pattern passed around rather than called is tried both
    ways."""
    if name in _PASSED_AS_ARGUMENT:
        return _PASSED_AS_ARGUMENT[name]
    used: set[str] = set()
    call = re.compile(rf"\b{re.escape(name)}\.(\w+)\b")
    for folder in ("linter", "rules"):
        for path in (SOURCES / folder).rglob("*.py"):
            for method in call.findall(path.read_text(encoding="utf-8")):
                if method == "pattern":
                    used.add("building block")  # its text is part of another pattern
                elif method in _SEARCHING:
                    used.add("search")
                else:
                    used.add("match")
    if used == {"building block"}:
        return []
    used.discard("building block")
    return sorted(used) or ["match", "search"]


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    for package in (layerlint, layerlint.rules):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith(("lark_stream", "grammar_tables", "__main__")):
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, LazyPattern):
                    value = re.compile(value.pattern, value.flags)  # compiles it
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found[id(value)] = (f"{info.name}.{name}", value)
    return sorted(found.values(), key=lambda item: item[0])


def test_patterns_are_found() -> None:
    # Guards the discovery above: module-level patterns are lazy, and a discovery that
    # missed them would leave the test below with nothing to check.
    assert len(_patterns()) > 60


class _TooSlow(Exception):
    pass


def _expire(signum: int, frame: object) -> None:
    raise _TooSlow


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
@pytest.mark.parametrize("name,pattern", _patterns(), ids=lambda value: str(value)[:60])
def test_pattern_is_linear_on_adversarial_input(name: str, pattern: re.Pattern[str]) -> None:
    methods = [getattr(pattern, kind) for kind in _methods(name.rsplit(".", 1)[1])]
    previous = signal.signal(signal.SIGALRM, _expire)
    try:
        for repeated in REPEATED:
            for ending in ENDINGS:
                text = repeated * (SIZE // len(repeated)) + ending
                for method in methods:
                    signal.setitimer(signal.ITIMER_REAL, LIMIT_SECONDS)
                    start = time.perf_counter()
                    try:
                        method(text)
                    except _TooSlow:
                        pytest.fail(
                            f"{name} ({pattern.pattern!r}) took over {LIMIT_SECONDS} s on"
                            f" {SIZE} x {repeated!r} + {ending!r}"
                        )
                    finally:
                        signal.setitimer(signal.ITIMER_REAL, 0)
                    assert time.perf_counter() - start < LIMIT_SECONDS
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_there_are_patterns_to_check() -> None:
    assert len(_patterns()) > 20, "module scanning found too few regular expressions"
    assert "layerlint.directives._DIRECTIVE" in {name for name, _ in _patterns()}
    assert sys.modules.get("layerlint.rules.ll1000_syntax_error") is not None
