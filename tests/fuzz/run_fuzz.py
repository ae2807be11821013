"""A long fuzzing run: `python -m tests.fuzz.run_fuzz --minutes 30`.

Runs the property checks of tests/fuzz/properties.py on inputs from the Hypothesis
strategies (generated Dockerfiles, arbitrary bytes, damaged corpus files) until the
time is up, and prints how many cases ran and how many failed. Every failure is
printed with its input so that it can become a regression test. Set
LAYERLINT_FUZZ_LAST_CASE=FILE to keep each input in FILE before it is checked (for
crashes of the process itself, such as a segfault in a C extension).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .properties import check_properties
from .strategies import dockerfiles, mutated_corpus_files

LAST_CASE = os.environ.get("LAYERLINT_FUZZ_LAST_CASE", "")


def _fuzz(
    strategy: st.SearchStrategy[object], batch: int, counts: dict[str, int], name: str
) -> None:
    """One Hypothesis run of `batch` cases (it shrinks and raises on a failure)."""

    @settings(
        max_examples=batch,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        derandomize=False,
    )
    @given(strategy)
    def run(case: object) -> None:
        counts[name] += 1
        if LAST_CASE:
            # Written before the check, so that a crash of the process itself (a
            # segfault in a C extension) leaves its input behind.
            data = case if isinstance(case, bytes) else str(case).encode("utf-8", "surrogatepass")
            with open(LAST_CASE, "wb") as handle:
                handle.write(data)
        check_properties(case)  # type: ignore[arg-type]

    run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.run_fuzz")
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--batch", type=int, default=500, help="cases per Hypothesis run")
    options = parser.parse_args(argv)
    deadline = time.monotonic() + options.minutes * 60
    counts = {"generated": 0, "bytes": 0, "corpus": 0}
    failures: list[str] = []
    strategies = {
        "generated": dockerfiles(),
        "bytes": st.binary(max_size=4000),
        "corpus": mutated_corpus_files(),
    }
    rounds = 0
    while time.monotonic() < deadline:
        rounds += 1
        for name, strategy in strategies.items():
            if time.monotonic() >= deadline:
                break
            try:
                _fuzz(strategy, options.batch, counts, name)
            except Exception as error:  # record, keep fuzzing
                failures.append(f"{name}: {type(error).__name__}: {error}")
                traceback.print_exc()
        print(
            f"round {rounds}: {sum(counts.values())} cases {counts}; {len(failures)} failures",
            flush=True,
        )
    total = sum(counts.values())
    print(f"finished: {total} cases in {options.minutes:g} minutes, {len(failures)} failures")
    for failure in failures:
        print("FAILURE", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
