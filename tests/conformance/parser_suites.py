"""The parser conformance suites, usable from pytest and from the runner script.

- BuildKit's parser test files: positive cases parse without LL1000 and dump exactly
  like BuildKit's `Node.Dump()`; negative cases give LL1000; the line-info case has
  the instruction line ranges BuildKit asserts.
- The corpus differential: for every real Dockerfile, (keyword, start line, end line,
  flags) of each instruction equal those of the official parser (PyPI `dockerfile`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from layerlint.parse import parse_source
from layerlint.source import Source

from .buildkit_dump import dump_file
from .shared import CONFORMANCE, corpus_files

PARSER_DIR = CONFORMANCE / "buildkit-parser"


@dataclass
class SuiteResult:
    name: str
    passed: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.passed + len(self.failures)


def _parse(path: Path):  # type: ignore[no-untyped-def]
    return parse_source(Source.from_bytes(path.read_bytes(), str(path)))


def positive_cases() -> list[Path]:
    return sorted(p for p in (PARSER_DIR / "positive").iterdir() if p.is_dir())


def negative_cases() -> list[Path]:
    return sorted(p for p in (PARSER_DIR / "negative").iterdir() if p.is_dir())


def check_positive(case: Path) -> str | None:
    """None when the case passes, else why not."""
    file = _parse(case / "Dockerfile")
    if file.problems:
        return f"LL1000: {[p.message for p in file.problems]}"
    expected = (case / "result").read_text(encoding="utf-8").replace("\r\n", "\n")
    actual = dump_file(file.instructions)
    if actual != expected:
        import difflib

        diff = "\n".join(
            difflib.unified_diff(
                expected.splitlines(), actual.splitlines(), "result", "layerlint", lineterm=""
            )
        )
        return "dump differs:\n" + diff
    return None


def check_negative(case: Path) -> str | None:
    file = _parse(case / "Dockerfile")
    return None if file.problems else "no LL1000 for a file BuildKit rejects"


def check_line_info() -> str | None:
    file = _parse(PARSER_DIR / "line-info" / "Dockerfile")
    ranges = [(node.span.line, node.end_line) for node in file.instructions]
    expected = [(5, 5), (11, 12), (17, 31)]
    return None if ranges == expected else f"line ranges {ranges} != {expected}"


def run_parser_suite() -> SuiteResult:
    result = SuiteResult("buildkit parser test files")
    for case in positive_cases():
        _record(result, f"positive/{case.name}", check_positive(case))
    for case in negative_cases():
        _record(result, f"negative/{case.name}", check_negative(case))
    _record(result, "line-info", check_line_info())
    return result


def oracle_instructions(data: bytes) -> list[tuple[str, int, int, tuple[str, ...]]]:
    import dockerfile

    commands = dockerfile.parse_string(data.decode("utf-8", "replace"))
    return [(c.cmd.upper(), c.start_line, c.end_line, tuple(c.flags)) for c in commands]


def our_instructions(
    data: bytes, path: str
) -> tuple[list[tuple[str, int, int, tuple[str, ...]]], list[str]]:
    file = parse_source(Source.from_bytes(data, path))
    rows = [
        (node.keyword.upper(), node.span.line, node.end_line, tuple(f.text for f in node.flags))
        for node in file.instructions
    ]
    syntax = [p.message for p in file.problems if not p.message.startswith("unknown instruction")]
    return rows, syntax


def check_corpus_file(path: Path) -> str | None:
    data = path.read_bytes()
    rows, syntax = our_instructions(data, str(path))
    if syntax:
        return f"LL1000: {syntax}"
    expected = oracle_instructions(data)
    if rows != expected:
        for ours, theirs in zip(rows, expected, strict=False):
            if ours != theirs:
                return f"layerlint {ours} != buildkit {theirs}"
        return f"{len(rows)} instructions != buildkit's {len(expected)}"
    return None


def run_corpus_suite() -> SuiteResult:
    result = SuiteResult("corpus differential against the official parser")
    for path in corpus_files():
        _record(result, path.parent.name + "/" + path.name, check_corpus_file(path))
    return result


def _record(result: SuiteResult, name: str, failure: str | None) -> None:
    if failure is None:
        result.passed += 1
    else:
        result.failures.append(f"{name}: {failure}")
