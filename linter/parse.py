"""Parsing: logical instructions to typed AST nodes, through the Lark grammar.

`parse_source` runs the whole front end: directives, lexer (logical lines and
heredocs), then for each logical line the instruction tokenizer below and the LALR
parser built from `grammars/dockerfile.lark`. A malformed instruction becomes a
`SyntaxProblem` with its position and parsing goes on with the next one.

The Lark parser is built once per process and cached on disk (Lark's own cache, in
the user cache directory), so a cold start only unpickles the tables.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .directives import Directives, parse_directives
from .findings import Span
from .lalr import ParseError, Token, Tree
from .lexer import HeredocBody, LogicalLine, OffsetMap, lex
from .nodes import (
    Add,
    Arg,
    ArgDeclaration,
    Cmd,
    Command,
    Copy,
    Dockerfile,
    Entrypoint,
    Env,
    ExecForm,
    Expose,
    Flag,
    From,
    Healthcheck,
    Heredoc,
    Instruction,
    KeyValue,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    ShellForm,
    Stopsignal,
    SyntaxProblem,
    Unknown,
    User,
    Volume,
    Word,
    Workdir,
)
from .source import Source
from .words import (
    JSONNotStrings,
    RawWord,
    json_string_spans,
    parse_json_array,
    rstrip_position,
    skip_spaces,
    split_env_words,
    split_flags,
    split_keyword,
    split_legacy_pair,
    split_whitespace,
)

if TYPE_CHECKING:
    pass

KEYWORDS = {
    "from": "FROM",
    "run": "RUN",
    "cmd": "CMD",
    "entrypoint": "ENTRYPOINT",
    "shell": "SHELL",
    "copy": "COPY",
    "add": "ADD",
    "env": "ENV",
    "label": "LABEL",
    "arg": "ARG",
    "expose": "EXPOSE",
    "volume": "VOLUME",
    "user": "USER",
    "workdir": "WORKDIR",
    "maintainer": "MAINTAINER",
    "stopsignal": "STOPSIGNAL",
    "healthcheck": "HEALTHCHECK",
    "onbuild": "ONBUILD",
}
_COMMAND_KINDS = frozenset({"RUN", "CMD", "ENTRYPOINT", "SHELL"})
_LIST_KINDS = frozenset({"COPY", "ADD", "VOLUME"})
_WORD_KINDS = frozenset({"FROM", "EXPOSE"})
_PAIR_KINDS = frozenset({"ENV", "LABEL"})
_TEXT_KINDS = frozenset({"USER", "WORKDIR", "MAINTAINER", "STOPSIGNAL", "UNKNOWN"})


class InstructionError(Exception):
    """A problem in one instruction, with logical offsets."""

    def __init__(self, message: str, start: int, end: int) -> None:
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end


# ---------------------------------------------------------------------------
# The Lark parser, built once.


_PARSER: Any = None


def _cache_path() -> str | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    directory = os.path.join(base, "layerlint")
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
    except OSError:
        return None
    if not os.access(directory, os.W_OK):
        return None
    return os.path.join(directory, "grammar.lark-cache")


def grammar_text() -> str:
    """The text of `grammars/dockerfile.lark` as installed."""
    from importlib import resources

    return resources.files("layerlint.grammars").joinpath("dockerfile.lark").read_text("utf-8")


def build_lark_parser() -> Any:
    """Lark's LALR parser for the grammar (tables cached on disk by Lark)."""
    from lark import Lark

    from .lark_stream import TokenStream

    return Lark(
        grammar_text(),
        parser="lalr",  # deterministic, linear time
        lexer=TokenStream,  # tokens come from `tokenize`
        cache=_cache_path() or False,  # unpickle the tables instead of rebuilding
        maybe_placeholders=False,  # optional parts are simply absent
    )


def get_parser() -> Any:
    """The parser for one instruction's tokens, built once per process.

    By default the tables Lark generated ahead of time (linter/parse_tables.py) run
    in the small driver of linter/lalr.py, which spares importing Lark at every
    start; `LAYERLINT_PARSER=lark` uses Lark itself.
    """
    global _PARSER
    if _PARSER is None:
        if os.environ.get("LAYERLINT_PARSER") == "lark":
            _PARSER = build_lark_parser()
            _PARSER.lark_parser = True
        else:
            from . import parse_tables
            from .lalr import Parser

            _PARSER = Parser(
                parse_tables.STATES,
                parse_tables.RULES,
                parse_tables.START_STATE,
                parse_tables.END_STATE,
            )
    return _PARSER


# ---------------------------------------------------------------------------
# Tokenizer: one logical instruction line to grammar tokens.


MAX_ONBUILD_NESTING = 16


def tokenize(text: str, escape: str, position: int = 0, nesting: int = 0) -> list[Token]:
    """Tokens of the instruction that starts at `position` of the logical line."""
    keyword, position = split_keyword(text, position)
    if keyword is None:
        return []
    if nesting > MAX_ONBUILD_NESTING:
        # BuildKit's parser nests ONBUILD without limit (and the build refuses even
        # one level); past a few levels it is garbage, and we must not recurse deeper.
        raise InstructionError("ONBUILD nested too deeply", keyword.start, len(text))
    kind = KEYWORDS.get(keyword.value.lower(), "UNKNOWN")
    tokens = [Token(kind, keyword.value, keyword.start, keyword.end)]
    flags, position = split_flags(text, position)
    for flag in flags:
        tokens.append(Token("FLAG", flag.value, flag.start, flag.end))
    end = rstrip_position(text, len(text), position)
    if position >= end:
        return tokens

    def add(kind_: str, word: RawWord) -> None:
        tokens.append(Token(kind_, word.value, word.start, word.end))

    if kind == "ONBUILD":
        tokens.extend(tokenize(text, escape, position, nesting + 1))
    elif kind in _COMMAND_KINDS:
        tokens.append(_command_token(text, position, end))
    elif kind in _LIST_KINDS:
        array = _json_array(text, position, end)
        if array is not None:
            tokens.append(Token("JSON_ARRAY", text[position:array], position, array))
        else:
            for word in split_whitespace(text, position, end):
                add("WORD", word)
    elif kind in _WORD_KINDS:
        for index, word in enumerate(split_whitespace(text, position, end)):
            is_as = kind == "FROM" and index == 1 and word.value.lower() == "as"
            add("AS" if is_as else "WORD", word)
    elif kind in _PAIR_KINDS:
        _pair_tokens(text, position, end, escape, add)
    elif kind == "ARG":
        for word in split_env_words(text, position, end, escape):
            _declaration_tokens(word, add)
    elif kind == "HEALTHCHECK":
        type_end = position
        while type_end < end and not text[type_end].isspace():
            type_end += 1
        word = RawWord(text[position:type_end], position, type_end)
        upper = word.value.upper()
        add("NONE" if upper == "NONE" else "HC_CMD" if upper == "CMD" else "HC_TYPE", word)
        rest = skip_spaces(text, type_end, end)
        if rest < end:
            tokens.append(_command_token(text, rest, end))
    else:  # USER, WORKDIR, MAINTAINER, STOPSIGNAL and unknown keywords
        add("TEXT", RawWord(text[position:end], position, end))
    return tokens


def _json_array(text: str, start: int, end: int) -> int | None:
    """End offset of a JSON string array at `start`, or None (then: shell form)."""
    try:
        parsed = parse_json_array(text, start, end)
    except JSONNotStrings as error:
        raise InstructionError(str(error), start, end) from None
    return None if parsed is None else parsed[1]


def _command_token(text: str, start: int, end: int) -> Token:
    array = _json_array(text, start, end)
    if array is not None:
        return Token("JSON_ARRAY", text[start:array], start, array)
    return Token("SHELL_TEXT", text[start:end], start, end)


def _pair_tokens(
    text: str, start: int, end: int, escape: str, add: Callable[[str, RawWord], None]
) -> None:
    words = split_env_words(text, start, end, escape)
    if not words:
        return
    if "=" not in words[0].value:
        key, value = split_legacy_pair(text, start, end)
        add("KEY", key)
        if value is not None:
            add("VALUE", value)
        return
    for word in words:
        _declaration_tokens(word, add)


def _declaration_tokens(word: RawWord, add: Callable[[str, RawWord], None]) -> None:
    """`key=value` to KEY EQUALS VALUE; a word without `=` to KEY alone."""
    key, equals, value = word.value.partition("=")
    if not equals:
        add("KEY", word)
        return
    split = word.start + len(key)
    add("KEY", RawWord(key, word.start, split))
    add("EQUALS", RawWord("=", split, split + 1))
    add("VALUE", RawWord(value, split + 1, word.end))


# ---------------------------------------------------------------------------
# Syntax error messages.


def _explain(tokens: list[Token], bad: Token | None) -> str:
    """A one-line message for a token stream the grammar rejected.

    Only ENV and LABEL can be rejected (BuildKit's parser accepts any other shape):
    a legacy `KEY` without a value, or a word without `=` among `key=value` pairs.
    """
    kinds = [token.type for token in tokens if token.type not in ("FLAG", "ONBUILD")]
    kind = kinds[0] if kinds else "instruction"
    if bad is None:
        key = next((token for token in reversed(tokens) if token.type == "KEY"), None)
        if key is not None and "EQUALS" not in kinds:
            return f"{kind} {key} has no value: write {key}=value"
        if key is not None:
            return f"{kind}: can't find = in {str(key)!r}; write name=value"
        return f"incomplete {kind} instruction"
    shown = str(bad)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    if kind in ("ENV", "LABEL") and bad.type == "KEY":
        return f"{kind}: can't find = in {shown!r}; write name=value"
    return f"unexpected {shown!r} in {kind} instruction"


# ---------------------------------------------------------------------------
# Lark tree to AST nodes.


class _Builder:
    """Turns the parse tree of one instruction into a node, with physical spans."""

    def __init__(self, source: Source, line: LogicalLine, escape: str) -> None:
        self.source = source
        self.line = line
        self.text = line.text
        self.offsets: OffsetMap = line.offsets
        self.escape = escape

    # Positions -------------------------------------------------------------

    def span(self, start: int, end: int) -> Span:
        """Span of logical offsets [start, end)."""
        source_start = self.offsets.to_source(start)
        source_end = self.offsets.to_source_end(end) if end > start else source_start
        line, column = self.source.position(source_start)
        end_line, end_column = self.source.position(source_end)
        return Span(source_start, source_end, line, column, end_line, end_column)

    def token_span(self, token: Token) -> Span:
        return self.span(token.start_pos or 0, token.end_pos or 0)

    def word(self, token: Token) -> Word:
        return Word(str(token), self.token_span(token))

    def instruction_span(self, keyword: Token) -> Span:
        start = self.offsets.to_source(keyword.start_pos or 0)
        line, column = self.source.position(start)
        end_line, end_column = self.source.position(self.line.end)
        return Span(start, self.line.end, line, column, end_line, end_column)

    # Tree walk ---------------------------------------------------------------

    def build(self, tree: Tree) -> Instruction:
        node = tree.children[0] if tree.data == "start" else tree
        return self.instruction(node)  # type: ignore[arg-type]

    def instruction(self, tree: Tree) -> Instruction:
        children = tree.children
        keyword: Token = children[0]  # type: ignore[assignment]
        flags_tree: Tree = children[1]  # type: ignore[assignment]
        rest = children[2:]
        flags = tuple(self.flag(token) for token in flags_tree.children)  # type: ignore[arg-type]
        common = (
            str(keyword),
            self.token_span(keyword),
            flags,
            self.instruction_span(keyword),
            self.text,
            self.offsets,
        )
        method = getattr(self, "build_" + str(tree.data))
        node: Instruction = method(common, rest)
        return node

    def flag(self, token: Token) -> Flag:
        text = str(token)
        body = text[2:]
        name, equals, value = body.partition("=")
        return Flag(name, value if equals else None, text, self.token_span(token))

    def command(self, tree: Tree | None) -> Command | None:
        if tree is None:
            return None
        token: Token = tree.children[0]  # type: ignore[assignment]
        if tree.data == "exec_form":
            return self.exec_form(token)
        return ShellForm(str(token), self.token_span(token), token.start_pos or 0)

    def exec_form(self, token: Token) -> ExecForm:
        start = token.start_pos or 0
        stop = token.end_pos or start
        parsed = parse_json_array(self.text, start, stop)
        values = parsed[0] if parsed else []
        spans = json_string_spans(self.text, start, stop)
        words = tuple(
            Word(value, self.span(*spans[index]) if index < len(spans) else self.span(start, stop))
            for index, value in enumerate(values)
        )
        return ExecForm(words, self.span(start, stop))

    def heredocs(self) -> tuple[Heredoc, ...]:
        return tuple(self.heredoc(body) for body in self.line.heredocs)

    def heredoc(self, body: HeredocBody) -> Heredoc:
        marker = body.marker
        source = self.source
        line, column = source.position(body.content_start)
        end_line, end_column = source.position(body.content_end)
        content_span = Span(
            body.content_start, body.content_end, line, column, end_line, end_column
        )
        return Heredoc(
            marker.name,
            marker.file_descriptor,
            marker.chomp,
            marker.expand,
            body.content,
            self.span(marker.start, marker.end),
            content_span,
            body.first_line,
            body.terminator_line,
            body.terminated,
        )

    # One method per grammar rule ------------------------------------------------

    def build_from_instruction(self, common: tuple, rest: list) -> From:  # type: ignore[type-arg]
        image = self.word(rest[0]) if rest else None
        stage_name = as_keyword = None
        extra: list[Word] = []
        for tree in rest[1:]:
            if tree.data == "stage_name":
                as_keyword = self.word(tree.children[0])
                if len(tree.children) > 1:
                    stage_name = self.word(tree.children[1])
            else:
                extra.append(self.word(tree.children[0]))
        return From(*common, image, stage_name, as_keyword, tuple(extra))

    def build_run_instruction(self, common: tuple, rest: list) -> Run:  # type: ignore[type-arg]
        command = self.command(rest[0] if rest else None)
        heredocs = self.heredocs() if not isinstance(command, ExecForm) else ()
        return Run(*common, command, heredocs)

    def build_cmd_instruction(self, common: tuple, rest: list) -> Cmd:  # type: ignore[type-arg]
        return Cmd(*common, self.command(rest[0] if rest else None))

    def build_entrypoint_instruction(self, common: tuple, rest: list) -> Entrypoint:  # type: ignore[type-arg]
        return Entrypoint(*common, self.command(rest[0] if rest else None))

    def build_shell_instruction(self, common: tuple, rest: list) -> Shell:  # type: ignore[type-arg]
        return Shell(*common, self.command(rest[0] if rest else None))

    def _paths(self, rest: list) -> tuple[tuple[Word, ...], Word | None, bool]:  # type: ignore[type-arg]
        if not rest:
            return (), None, False
        tree = rest[0]
        first = tree.children[0]
        if getattr(first, "data", None) == "exec_form":
            words = self.exec_form(first.children[0]).arguments  # type: ignore[union-attr]
            is_json = True
        else:
            words = tuple(self.word(token) for token in tree.children)  # type: ignore[arg-type]
            is_json = False
        if not words:
            return (), None, is_json
        return words[:-1], words[-1], is_json

    def build_copy_instruction(self, common: tuple, rest: list) -> Copy:  # type: ignore[type-arg]
        sources, destination, is_json = self._paths(rest)
        heredocs = () if is_json else self.heredocs()
        return Copy(*common, sources, destination, is_json, heredocs)

    def build_add_instruction(self, common: tuple, rest: list) -> Add:  # type: ignore[type-arg]
        sources, destination, is_json = self._paths(rest)
        heredocs = () if is_json else self.heredocs()
        return Add(*common, sources, destination, is_json, heredocs)

    def _pairs(self, rest: list) -> tuple[KeyValue, ...]:  # type: ignore[type-arg]
        pairs = []
        for tree in rest:
            key_token = tree.children[0]
            value_token = tree.children[-1]
            key = self.word(key_token)
            value = self.word(value_token)
            span = self.span(key_token.start_pos or 0, value_token.end_pos or 0)
            pairs.append(KeyValue(key, value, tree.data == "legacy_pair", span))
        return tuple(pairs)

    def build_env_instruction(self, common: tuple, rest: list) -> Env:  # type: ignore[type-arg]
        return Env(*common, self._pairs(rest))

    def build_label_instruction(self, common: tuple, rest: list) -> Label:  # type: ignore[type-arg]
        return Label(*common, self._pairs(rest))

    def build_arg_instruction(self, common: tuple, rest: list) -> Arg:  # type: ignore[type-arg]
        declarations = []
        for tree in rest:
            name_token = tree.children[0]
            default = self.word(tree.children[2]) if len(tree.children) == 3 else None
            end = tree.children[-1].end_pos or 0
            declarations.append(
                ArgDeclaration(
                    self.word(name_token), default, self.span(name_token.start_pos or 0, end)
                )
            )
        return Arg(*common, tuple(declarations))

    def build_expose_instruction(self, common: tuple, rest: list) -> Expose:  # type: ignore[type-arg]
        return Expose(*common, tuple(self.word(token) for token in rest))

    def build_volume_instruction(self, common: tuple, rest: list) -> Volume:  # type: ignore[type-arg]
        if rest and getattr(rest[0], "data", None) == "exec_form":
            return Volume(*common, self.exec_form(rest[0].children[0]).arguments, True)
        return Volume(*common, tuple(self.word(token) for token in rest), False)

    def build_user_instruction(self, common: tuple, rest: list) -> User:  # type: ignore[type-arg]
        return User(*common, self.word(rest[0]) if rest else None)

    def build_workdir_instruction(self, common: tuple, rest: list) -> Workdir:  # type: ignore[type-arg]
        return Workdir(*common, self.word(rest[0]) if rest else None)

    def build_maintainer_instruction(self, common: tuple, rest: list) -> Maintainer:  # type: ignore[type-arg]
        return Maintainer(*common, self.word(rest[0]) if rest else None)

    def build_stopsignal_instruction(self, common: tuple, rest: list) -> Stopsignal:  # type: ignore[type-arg]
        return Stopsignal(*common, self.word(rest[0]) if rest else None)

    def build_healthcheck_instruction(self, common: tuple, rest: list) -> Healthcheck:  # type: ignore[type-arg]
        kind = self.word(rest[0].children[0]) if rest else None
        command = self.command(rest[1]) if len(rest) > 1 else None
        return Healthcheck(*common, kind, command)

    def build_onbuild_instruction(self, common: tuple, rest: list) -> Onbuild:  # type: ignore[type-arg]
        trigger = self.instruction(rest[0]) if rest else None
        return Onbuild(*common, trigger)

    def build_unknown_instruction(self, common: tuple, rest: list) -> Unknown:  # type: ignore[type-arg]
        return Unknown(*common, self.word(rest[0]) if rest else None)


# ---------------------------------------------------------------------------
# Entry points.


def parse_source(source: Source) -> Dockerfile:
    """Parse a whole file; never raises for any input text."""
    directives = parse_directives(source.text)
    escape = directives.escape
    lexed = lex(source.text, escape)
    parser = get_parser()
    problems = _header_problems(source, directives)
    for error in lexed.errors:
        problems.append(SyntaxProblem(error.message, _source_span(source, error.start, error.end)))
    instructions: list[Instruction] = []
    for line in lexed.lines:
        instruction = _parse_line(source, line, escape, parser, problems)
        if instruction is not None:
            instructions.append(instruction)
    if not instructions and not problems:
        end = len(source.text)
        problems.append(SyntaxProblem("file with no instructions", _source_span(source, 0, end)))
    problems.sort(key=lambda p: (p.span.start, p.message))
    empty_lines = tuple(number for line in lexed.lines for number in line.empty_continuation_lines)
    return Dockerfile(
        source, directives, tuple(instructions), lexed.comments, tuple(problems), empty_lines
    )


def check_syntax(source: Source) -> list[SyntaxProblem]:
    """The syntax problems of a file, parsed one instruction at a time and not kept.

    For files too large to analyse fully: memory stays that of the text plus one
    instruction, and time stays linear.
    """
    from .lexer import Comment, iter_lex
    from .records import TextProblem

    directives = parse_directives(source.text)
    escape = directives.escape
    parser = get_parser()
    problems = _header_problems(source, directives)
    comments: list[Comment] = []
    errors: list[TextProblem] = []
    seen = False
    for line in iter_lex(source.text, escape, comments, errors):
        comments.clear()  # nothing reads them here
        seen = _parse_line(source, line, escape, parser, problems) is not None or seen
    for error in errors:
        problems.append(SyntaxProblem(error.message, _source_span(source, error.start, error.end)))
    if not seen and not problems:
        problems.append(SyntaxProblem("file with no instructions", _source_span(source, 0, 0)))
    problems.sort(key=lambda p: (p.span.start, p.message))
    return problems


def _header_problems(source: Source, directives: Directives) -> list[SyntaxProblem]:
    return [
        SyntaxProblem(problem.message, _source_span(source, problem.start, problem.end))
        for problem in directives.problems
    ]


def _parse_line(
    source: Source,
    line: LogicalLine,
    escape: str,
    parser: Any,
    problems: list[SyntaxProblem],
) -> Instruction | None:
    """One logical instruction to a node; its syntax problems go to `problems`."""
    builder = _Builder(source, line, escape)
    tokens: list[Token] = []
    try:
        tokens = tokenize(line.text, escape)
        if not tokens:
            return None
        tree = _run_parser(parser, tokens)
        instruction = builder.build(tree)
    except InstructionError as error:
        span = builder.span(error.start, max(error.end, error.start + 1))
        problems.append(SyntaxProblem(error.message, span))
        return None
    except ParseError as error:
        bad = error.token
        if bad is not None and bad.type == "$END":
            bad = None
        message = _explain(tokens, bad)
        bad_at = tokens[-1] if bad is None and tokens else bad
        if bad_at is not None:
            span = builder.span(bad_at.start_pos or 0, bad_at.end_pos or 0)
        else:
            end = len(line.text)
            span = builder.span(max(end - 1, 0), end)
        problems.append(SyntaxProblem(message, span))
        return None
    unknown = instruction.trigger if isinstance(instruction, Onbuild) else instruction
    if isinstance(unknown, Unknown):
        problems.append(SyntaxProblem(_unknown_message(unknown.keyword), unknown.keyword_span))
    return instruction


def _run_parser(parser: Any, tokens: list[Token]) -> Tree:
    """Parse with our table driver, or with Lark (whose errors become ParseError)."""
    if not getattr(parser, "lark_parser", False):
        result: Tree = parser.parse(tokens)
        return result
    from lark.exceptions import UnexpectedInput

    try:
        tree: Tree = parser.parse(tokens)
        return tree
    except UnexpectedInput as error:
        raise ParseError(getattr(error, "token", None), []) from None


def parse_text(text: str, path: str = "Dockerfile") -> Dockerfile:
    """Parse Dockerfile text (the public API's `layerlint.parse_text`)."""
    return parse_source(Source(text, path))


def _unknown_message(keyword: str) -> str:
    import difflib

    upper = keyword.upper()
    close = difflib.get_close_matches(upper, [k.upper() for k in KEYWORDS], n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"unknown instruction {keyword}{hint}"


def _source_span(source: Source, start: int, end: int) -> Span:
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    return Span(start, end, line, column, end_line, end_column)


__all__ = ["Directives", "InstructionError", "get_parser", "parse_source", "parse_text", "tokenize"]
