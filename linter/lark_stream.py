"""The pass-through lexer Lark uses when layerlint runs Lark itself.

Kept in its own module so that Lark is imported only when it is needed: to generate
linter/parse_tables.py, or with `LAYERLINT_PARSER=lark`. It must be importable at
module level for Lark's on-disk cache to pickle a reference to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lark.lexer import Lexer


class TokenStream(Lexer):
    """Hands the tokens made by `layerlint.parse.tokenize` to Lark unchanged."""

    def __init__(self, lexer_conf: object) -> None:
        pass

    def lex(self, tokens: Any, parser_state: object = None) -> Iterator[Any]:
        return iter(tokens)
