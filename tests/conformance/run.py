"""The conformance runner: `python -m tests.conformance.run [--verbose]`.

Runs every suite over the shared data in ../shared (skipping, with the reason, when
it is absent) and prints pass counts; exits 1 when a suite is below its target.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from .parser_suites import SuiteResult, run_corpus_suite, run_parser_suite
from .shared import CONFORMANCE, CORPUS

# (suite, required pass rate)
SUITES: list[tuple[Callable[[], SuiteResult], float, str]] = [
    (run_parser_suite, 1.0, "conformance"),
    (run_corpus_suite, 1.0, "corpus"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.conformance.run")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every failure")
    options = parser.parse_args(argv)
    status = 0
    for suite, target, needs in SUITES:
        directory = CONFORMANCE if needs == "conformance" else CORPUS
        if not directory.is_dir():
            print(f"SKIP {suite.__name__}: {directory} not found (set LAYERLINT_SHARED)")
            continue
        result = suite()
        rate = result.passed / result.total if result.total else 1.0
        verdict = "ok" if rate >= target else "BELOW TARGET"
        print(
            f"{result.name}: {result.passed}/{result.total} passed ({rate:.1%};"
            f" target {target:.0%}) {verdict}"
        )
        shown = result.failures if options.verbose else result.failures[:10]
        for failure in shown:
            print("  - " + failure.replace("\n", "\n    "))
        if len(shown) < len(result.failures):
            print(f"  ... {len(result.failures) - len(shown)} more (--verbose)")
        if rate < target:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
