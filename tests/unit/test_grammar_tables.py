"""The generated LALR tables match the grammar, and both parsers agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from layerlint import parse as parse_module
from layerlint.grammar_tables import generate, grammar_sha256
from layerlint.lexer import lex
from layerlint.parse import build_lark_parser, get_parser, tokenize

from ..conformance.shared import corpus_files

TABLES = Path(__file__).resolve().parents[2] / "linter" / "parse_tables.py"


def test_generated_tables_are_up_to_date() -> None:
    assert TABLES.read_text(encoding="utf-8") == generate(), (
        "linter/parse_tables.py is stale: run "
        "`python -m layerlint.grammar_tables > linter/parse_tables.py`"
    )


def test_tables_record_the_grammar_hash() -> None:
    from layerlint import parse_tables

    assert grammar_sha256() == parse_tables.GRAMMAR_SHA256


def _shape(tree: object) -> object:
    """A tree as nested tuples of rule names and (type, text, offsets) of tokens."""
    children = getattr(tree, "children", None)
    if children is None:
        token = tree
        return (token.type, str(token), token.start_pos, token.end_pos)  # type: ignore[attr-defined]
    return (str(tree.data), tuple(_shape(child) for child in children))  # type: ignore[attr-defined]


def _both(text: str) -> tuple[list[object], list[object]]:
    ours, theirs = [], []
    table_parser = get_parser()
    lark_parser = build_lark_parser()
    for line in lex(text).lines:
        try:
            tokens = tokenize(line.text, "\\")
        except parse_module.InstructionError:
            continue
        if not tokens:
            continue
        for parser, out in ((table_parser, ours), (lark_parser, theirs)):
            try:
                out.append(_shape(parser.parse(tokens)))
            except Exception as error:  # both must fail on the same instructions
                token_type = getattr(getattr(error, "token", None), "type", None)
                out.append(("error", token_type or "$END"))
    return ours, theirs


SAMPLES = [
    "FROM a AS b\nRUN --mount=type=cache,target=/x echo\nCOPY --from=b a b c/\n",
    "ENV A=1 B=2\nENV C d e\nLABEL x=y\nARG A B=2\nEXPOSE 80/tcp 90\n",
    'HEALTHCHECK\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5s CMD ["true"]\nSHELL ["sh"]\n',
    "ONBUILD RUN x\nONBUILD\nFORM x\nUSER\nWORKDIR /a\nSTOPSIGNAL 9\nMAINTAINER me\n",
    'ENV PATH\nENV A=1 B\nVOLUME ["/a"]\nVOLUME /b /c\nCMD\nENTRYPOINT ["a"]\n',
]


@pytest.mark.parametrize("text", SAMPLES)
def test_table_driver_and_lark_build_the_same_trees(text: str) -> None:
    ours, theirs = _both(text)
    assert ours == theirs


@pytest.mark.skipif(not corpus_files(), reason="shared corpus not found (set LAYERLINT_SHARED)")
def test_same_trees_on_the_whole_corpus() -> None:
    for path in corpus_files():
        text = path.read_bytes().decode("utf-8", "replace")
        ours, theirs = _both(text)
        assert ours == theirs, path
