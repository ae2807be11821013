"""A small LALR(1) driver for the parse tables Lark computes from our grammar.

Lark builds the LALR tables of `grammars/dockerfile.lark`; `layerlint.grammar_tables`
writes them into the generated module `linter/parse_tables.py`, and this driver runs
them. The trees it builds have the shape Lark's would (`?rule` with one child is
replaced by the child, `_rule` children are spliced into their parent), so the AST
builder does not care which one parsed. Importing Lark and loading its cached parser
costs about 50 ms at every start; a linter run on each save in an editor should not
pay that. `LAYERLINT_PARSER=lark` makes layerlint use Lark itself, and the tests
check that both give the same trees on every corpus file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SHIFT = 0
REDUCE = 1


class Token(str):
    """A grammar token: its type, text and logical offsets (like Lark's Token)."""

    __slots__ = ("column", "end_column", "end_line", "end_pos", "line", "start_pos", "type")

    type: str
    start_pos: int
    end_pos: int
    # Lark reads these when it runs the grammar itself; positions live in the offsets.
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None

    def __new__(cls, type_: str, value: str, start_pos: int = 0, end_pos: int = 0) -> Token:
        token = super().__new__(cls, value)
        token.type = type_
        token.start_pos = start_pos
        token.end_pos = end_pos
        token.line = token.column = token.end_line = token.end_column = None
        return token

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {str(self)!r})"


class Tree:
    """A parse tree node: the rule name and its children (trees and tokens)."""

    __slots__ = ("children", "data")

    def __init__(self, data: str, children: list[Any]) -> None:
        self.data = data
        self.children = children

    def __eq__(self, other: object) -> bool:
        other_data = getattr(other, "data", None)
        other_children = getattr(other, "children", None)
        return self.data == other_data and self.children == other_children

    def __hash__(self) -> int:
        return hash(self.data)

    def __repr__(self) -> str:
        return f"Tree({self.data!r}, {self.children!r})"


class ParseError(Exception):
    """The token stream does not fit the grammar; `token` is None at the end."""

    def __init__(self, token: Token | None, expected: Sequence[str]) -> None:
        super().__init__(f"unexpected {token!r}; expected one of {sorted(expected)}")
        self.token = token
        self.expected = list(expected)


class Parser:
    """Runs generated LALR tables over a token list."""

    def __init__(
        self,
        states: list[dict[str, tuple[int, int]]],
        rules: list[tuple[str, tuple[str, ...], bool]],
        start_state: int,
        end_state: int,
    ) -> None:
        self.states = states
        self.rules = rules
        self.start_state = start_state
        self.end_state = end_state

    def parse(self, tokens: Sequence[Token]) -> Tree:
        states = self.states
        rules = self.rules
        state_stack = [self.start_state]
        value_stack: list[Any] = []
        end = Token("$END", "", 0, 0)
        position = 0
        count = len(tokens)
        while True:
            token = tokens[position] if position < count else end
            state = state_stack[-1]
            action = states[state].get(token.type)
            if action is None:
                expected = [name for name in states[state] if name.isupper()]
                raise ParseError(None if token is end else token, expected)
            kind, argument = action
            if kind == SHIFT:
                state_stack.append(argument)
                value_stack.append(token)
                position += 1
                continue
            origin, expansion, expand_single = rules[argument]
            size = len(expansion)
            if size:
                values = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                values = []
            children: list[Any] = []
            for index, (symbol, value) in enumerate(zip(expansion, values, strict=True)):
                if symbol[0] == "_" and isinstance(value, Tree):
                    if index == 0:
                        # Left-recursive repetitions (`pair+`) grow one list in place
                        # instead of copying it at every step.
                        children = value.children
                    else:
                        children.extend(value.children)
                else:
                    children.append(value)
            node: Any = (
                children[0] if expand_single and len(children) == 1 else Tree(origin, children)
            )
            goto = states[state_stack[-1]][origin]
            state_stack.append(goto[1])
            value_stack.append(node)
            if token is end and state_stack[-1] == self.end_state:
                result: Tree = value_stack[-1]
                return result
