"""Property tests: no input breaks layerlint, every position is inside the file, and
the output is deterministic. `LAYERLINT_FUZZ_EXAMPLES` raises the number of examples
(the suite's default keeps this file well under a minute)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layerlint import lint_text
from layerlint.source import Source

from ..conformance.shared import corpus_files
from .properties import check_properties
from .strategies import dockerfiles, mutated_corpus_files

EXAMPLES = int(os.environ.get("LAYERLINT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 60,
)


@FUZZ
@given(dockerfiles())
def test_generated_dockerfiles(text: str) -> None:
    check_properties(text)


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    check_properties(data)


@FUZZ
@given(st.text(max_size=500))
def test_arbitrary_text_through_the_api(text: str) -> None:
    findings = lint_text(text)
    source = Source(text)
    for finding in findings:
        assert 1 <= finding.line <= source.line_count


@pytest.mark.skipif(not corpus_files(), reason="shared corpus not found (set LAYERLINT_SHARED)")
@FUZZ
@given(mutated_corpus_files())
def test_mutated_corpus_files(data: bytes) -> None:
    check_properties(data)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "\ufeff",
        "FROM a\x00b\n",
        "RUN \\",
        "RUN <<EOF",
        "FROM a\r\rRUN b\r\n\nCMD c",
        "# escape=`\nRUN a `\n`\n b",
        "RUN " + "(" * 5000 + "x" + ")" * 5000,
        "RUN echo " + "$(" * 5000 + "x" + ")" * 5000,
        "ENV A=" + "${B:-" * 5000 + "x" + "}" * 5000,
        "RUN " + "sh -c '" * 200 + "x",
        "ONBUILD " * 3000 + "RUN x",
        "CMD " + "[" * 20000,
        "LABEL " + "a=b " * 20000,
        "RUN echo \\\n" + " x \\\n" * 20000 + " y",
        "RUN x" + " \\\n" * 20000,
        "\x1b[2J\x1b[H" * 100,
    ],
    ids=lambda text: repr(text[:24]),
)
def test_known_hostile_inputs(text: str) -> None:
    check_properties(text)
