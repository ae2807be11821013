"""The conformance runner: `python -m tests.conformance.run [--verbose] [--rule CODE]`.

Runs every suite over the shared data in ../shared (skipping, with the reason, when
it is absent) and prints pass counts; exits 1 when a suite is below its target. The
peers' rule cases are reported in four categories; `--rule` runs only those of one
rule, `--verbose` lists every failure with its Dockerfile and what layerlint reported.
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
    parser.add_argument(
        "--rule",
        metavar="CODE",
        help="run only the peers' rule cases of this rule (DL code, BuildKit name or LL code)",
    )
    options = parser.parse_args(argv)
    status = 0
    for suite, target, needs in [] if options.rule else SUITES:
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
    # hadolint's and BuildKit's rule cases, in four categories (tests/conformance/rule_cases.py).
    from .rule_cases import report

    return max(status, report(options.rule, options.verbose))


if __name__ == "__main__":
    sys.exit(main())
