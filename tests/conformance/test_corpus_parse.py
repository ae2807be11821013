"""Differential test against the official BuildKit parser on the shared corpus.

Every real Dockerfile: no LL1000 (unknown instructions excepted: BuildKit's parser
keeps them and fails at build time) and the same (keyword, start line, end line,
flags) for every instruction as PyPI `dockerfile`, the Python binding of BuildKit's
parser.
"""

from __future__ import annotations

import pytest

from .shared import corpus_files, requires_corpus

pytestmark = requires_corpus


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_parses_like_buildkit(path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("dockerfile", reason="the `dockerfile` test dependency is missing")
    from .parser_suites import check_corpus_file

    failure = check_corpus_file(path)
    assert failure is None, failure
