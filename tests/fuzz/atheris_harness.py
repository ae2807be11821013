"""Coverage-guided fuzzing with atheris (optional: `pip install "layerlint[fuzz]"`).

    python tests/fuzz/atheris_harness.py -max_total_time=1800 [corpus_dir ...]

Every input is linted with every rule (ShellCheck aside) and checked with the same
properties as the Hypothesis tests; a violated property is a crash atheris reports
with the input that caused it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from layerlint.source import Source

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.fuzz.properties import check_properties


def one_input(data: bytes) -> None:
    check_properties(data)
    Source.from_bytes(data)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
