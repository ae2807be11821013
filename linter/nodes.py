"""The typed, immutable AST: one class per instruction of the Dockerfile reference.

Every node carries a `Span` with physical 1-based lines and columns. The AST holds
what BuildKit's parser accepts; parts that a build would still refuse may be missing
(those fields are Optional) and rule LL1003 reports them. Argument values
are kept as written (`Word.text`: quotes and variables untouched) so that rules and the
model decide how to interpret them; exec-form arguments are the decoded JSON strings.
Nothing here refers to Lark. Nodes are `Record`s (linter/records.py): immutable and
compared by value, with the fields in constructor order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .findings import Span
from .records import Record, init

if TYPE_CHECKING:
    from .directives import Directives
    from .lexer import Comment, OffsetMap
    from .source import Source


class Word(Record):
    """An argument as written in the file."""

    __slots__ = ("text", "span")

    text: str
    span: Span

    def __init__(self, text: str, span: Span) -> None:
        init(self, "text", text)
        init(self, "span", span)


class Flag(Record):
    """`--name=value` (value None for a bare `--name`); `text` is the whole word."""

    __slots__ = ("name", "value", "text", "span")

    name: str
    value: str | None
    text: str
    span: Span

    def __init__(
        self,
        name: str,
        value: str | None,
        text: str,
        span: Span,
    ) -> None:
        init(self, "name", name)
        init(self, "value", value)
        init(self, "text", text)
        init(self, "span", span)


class ShellForm(Record):
    """The shell form of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD.

    `text` is the command as the shell receives it (continuations joined); `start` is
    its offset in the instruction's logical line, to map positions inside it.
    """

    __slots__ = ("text", "span", "start")

    text: str
    span: Span
    start: int

    def __init__(self, text: str, span: Span, start: int) -> None:
        init(self, "text", text)
        init(self, "span", span)
        init(self, "start", start)


class ExecForm(Record):
    """The exec (JSON array) form; `arguments` are the decoded strings."""

    __slots__ = ("arguments", "span")

    arguments: tuple[Word, ...]
    span: Span

    def __init__(self, arguments: tuple[Word, ...], span: Span) -> None:
        init(self, "arguments", arguments)
        init(self, "span", span)

    @property
    def argv(self) -> tuple[str, ...]:
        return tuple(word.text for word in self.arguments)


Command = ShellForm | ExecForm


class Heredoc(Record):
    """A heredoc attached to RUN, COPY or ADD.

    `content` is the body as written (every line with its newline); `text` applies
    `<<-` tab stripping. `marker` is the `<<EOF` word in the instruction line.
    """

    __slots__ = (
        "name",
        "file_descriptor",
        "chomp",
        "expand",
        "content",
        "marker",
        "body",
        "first_line",
        "terminator_line",
        "terminated",
    )

    name: str
    file_descriptor: int | None
    chomp: bool
    expand: bool
    content: str
    marker: Span
    body: Span
    first_line: int
    terminator_line: int
    terminated: bool

    def __init__(
        self,
        name: str,
        file_descriptor: int | None,
        chomp: bool,
        expand: bool,
        content: str,
        marker: Span,
        body: Span,
        first_line: int,
        terminator_line: int,
        terminated: bool,
    ) -> None:
        init(self, "name", name)
        init(self, "file_descriptor", file_descriptor)
        init(self, "chomp", chomp)
        init(self, "expand", expand)
        init(self, "content", content)
        init(self, "marker", marker)
        init(self, "body", body)
        init(self, "first_line", first_line)
        init(self, "terminator_line", terminator_line)
        init(self, "terminated", terminated)

    @property
    def text(self) -> str:
        if not self.chomp:
            return self.content
        return "".join(line.lstrip("\t") for line in self.content.splitlines(keepends=True))


class KeyValue(Record):
    """One ENV or LABEL pair: raw key and value; `legacy` for `ENV KEY value`."""

    __slots__ = ("key", "value", "legacy", "span")

    key: Word
    value: Word
    legacy: bool
    span: Span

    def __init__(
        self,
        key: Word,
        value: Word,
        legacy: bool,
        span: Span,
    ) -> None:
        init(self, "key", key)
        init(self, "value", value)
        init(self, "legacy", legacy)
        init(self, "span", span)


class ArgDeclaration(Record):
    """`NAME` or `NAME=default` in an ARG instruction (raw text)."""

    __slots__ = ("name", "default", "span")

    name: Word
    default: Word | None
    span: Span

    def __init__(self, name: Word, default: Word | None, span: Span) -> None:
        init(self, "name", name)
        init(self, "default", default)
        init(self, "span", span)


class Instruction(Record):
    """Fields every instruction has.

    `keyword` is as written; `kind` (a class constant) is the upper-case keyword.
    `span` covers the instruction from its keyword to its last physical line,
    heredoc bodies included. `text` is the logical line and `offsets` maps offsets in
    it back to the source.
    """

    kind: ClassVar[str] = ""

    __slots__ = ("keyword", "keyword_span", "flags", "span", "text", "offsets")

    keyword: str
    keyword_span: Span
    flags: tuple[Flag, ...]
    span: Span
    text: str
    offsets: OffsetMap

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
    ) -> None:
        init(self, "keyword", keyword)
        init(self, "keyword_span", keyword_span)
        init(self, "flags", flags)
        init(self, "span", span)
        init(self, "text", text)
        init(self, "offsets", offsets)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def end_line(self) -> int:
        return self.span.end_line

    def flag(self, name: str) -> Flag | None:
        """The last flag called `name` (without dashes), if any."""
        found = None
        for flag in self.flags:
            if flag.name == name:
                found = flag
        return found

    def flags_named(self, name: str) -> tuple[Flag, ...]:
        return tuple(flag for flag in self.flags if flag.name == name)


class From(Instruction):
    kind: ClassVar[str] = "FROM"

    __slots__ = ("image", "stage_name", "as_keyword", "extra")

    image: Word | None
    stage_name: Word | None
    as_keyword: Word | None
    extra: tuple[Word, ...]

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        image: Word | None,
        stage_name: Word | None,
        as_keyword: Word | None,
        extra: tuple[Word, ...],
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "image", image)
        init(self, "stage_name", stage_name)
        init(self, "as_keyword", as_keyword)
        init(self, "extra", extra)


class Run(Instruction):
    kind: ClassVar[str] = "RUN"

    __slots__ = ("command", "heredocs")

    command: Command | None
    heredocs: tuple[Heredoc, ...]

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        command: Command | None,
        heredocs: tuple[Heredoc, ...],
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "command", command)
        init(self, "heredocs", heredocs)


class Cmd(Instruction):
    kind: ClassVar[str] = "CMD"

    __slots__ = ("command",)

    command: Command | None

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        command: Command | None,
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "command", command)


class Entrypoint(Instruction):
    kind: ClassVar[str] = "ENTRYPOINT"

    __slots__ = ("command",)

    command: Command | None

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        command: Command | None,
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "command", command)


class Shell(Instruction):
    kind: ClassVar[str] = "SHELL"

    __slots__ = ("command",)

    command: Command | None

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        command: Command | None,
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "command", command)


class Copy(Instruction):
    """COPY: `sources` then `destination`; heredoc sources are words like `<<EOF`.

    `destination` is None only in a malformed COPY without arguments (LL1003).
    """

    kind: ClassVar[str] = "COPY"

    __slots__ = ("sources", "destination", "json", "heredocs")

    sources: tuple[Word, ...]
    destination: Word | None
    json: bool
    heredocs: tuple[Heredoc, ...]

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        sources: tuple[Word, ...],
        destination: Word | None,
        json: bool,
        heredocs: tuple[Heredoc, ...],
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "sources", sources)
        init(self, "destination", destination)
        init(self, "json", json)
        init(self, "heredocs", heredocs)


class Add(Instruction):
    kind: ClassVar[str] = "ADD"

    __slots__ = ("sources", "destination", "json", "heredocs")

    sources: tuple[Word, ...]
    destination: Word | None
    json: bool
    heredocs: tuple[Heredoc, ...]

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        sources: tuple[Word, ...],
        destination: Word | None,
        json: bool,
        heredocs: tuple[Heredoc, ...],
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "sources", sources)
        init(self, "destination", destination)
        init(self, "json", json)
        init(self, "heredocs", heredocs)


class Env(Instruction):
    kind: ClassVar[str] = "ENV"

    __slots__ = ("pairs",)

    pairs: tuple[KeyValue, ...]

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        pairs: tuple[KeyValue, ...],
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "pairs", pairs)


class Label(Instruction):
    kind: ClassVar[str] = "LABEL"

    __slots__ = ("pairs",)

    pairs: tuple[KeyValue, ...]

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        pairs: tuple[KeyValue, ...],
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "pairs", pairs)


class Arg(Instruction):
    kind: ClassVar[str] = "ARG"

    __slots__ = ("declarations",)

    declarations: tuple[ArgDeclaration, ...]

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        declarations: tuple[ArgDeclaration, ...],
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "declarations", declarations)


class Expose(Instruction):
    kind: ClassVar[str] = "EXPOSE"

    __slots__ = ("ports",)

    ports: tuple[Word, ...]

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        ports: tuple[Word, ...],
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "ports", ports)


class Volume(Instruction):
    kind: ClassVar[str] = "VOLUME"

    __slots__ = ("paths", "json")

    paths: tuple[Word, ...]
    json: bool

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        paths: tuple[Word, ...],
        json: bool,
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "paths", paths)
        init(self, "json", json)


class User(Instruction):
    kind: ClassVar[str] = "USER"

    __slots__ = ("user",)

    user: Word | None

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        user: Word | None,
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "user", user)


class Workdir(Instruction):
    kind: ClassVar[str] = "WORKDIR"

    __slots__ = ("path",)

    path: Word | None

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        path: Word | None,
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "path", path)


class Maintainer(Instruction):
    kind: ClassVar[str] = "MAINTAINER"

    __slots__ = ("maintainer",)

    maintainer: Word | None

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        maintainer: Word | None,
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "maintainer", maintainer)


class Stopsignal(Instruction):
    kind: ClassVar[str] = "STOPSIGNAL"

    __slots__ = ("signal",)

    signal: Word | None

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        signal: Word | None,
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "signal", signal)


class Healthcheck(Instruction):
    """HEALTHCHECK NONE or HEALTHCHECK [flags] CMD command (`type` is NONE or CMD
    in a valid file; None for a bare HEALTHCHECK)."""

    kind: ClassVar[str] = "HEALTHCHECK"

    __slots__ = ("type", "command")

    type: Word | None
    command: Command | None

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        type: Word | None,
        command: Command | None,
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "type", type)
        init(self, "command", command)


class Onbuild(Instruction):
    kind: ClassVar[str] = "ONBUILD"

    __slots__ = ("trigger",)

    trigger: Instruction | None

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        trigger: Instruction | None,
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "trigger", trigger)


class Unknown(Instruction):
    """An instruction the Dockerfile reference does not define (kept, and reported)."""

    kind: ClassVar[str] = "UNKNOWN"

    __slots__ = ("arguments",)

    arguments: Word | None

    def __init__(
        self,
        keyword: str,
        keyword_span: Span,
        flags: tuple[Flag, ...],
        span: Span,
        text: str,
        offsets: OffsetMap,
        arguments: Word | None,
    ) -> None:
        Instruction.__init__(self, keyword, keyword_span, flags, span, text, offsets)
        init(self, "arguments", arguments)


INSTRUCTION_CLASSES: dict[str, type[Instruction]] = {
    cls.kind: cls
    for cls in (
        From,
        Run,
        Cmd,
        Entrypoint,
        Shell,
        Copy,
        Add,
        Env,
        Label,
        Arg,
        Expose,
        Volume,
        User,
        Workdir,
        Maintainer,
        Stopsignal,
        Healthcheck,
        Onbuild,
        Unknown,
    )
}


class SyntaxProblem(Record):
    """A part of the file that could not be parsed; reported as LL1000."""

    __slots__ = ("message", "span")

    message: str
    span: Span

    def __init__(self, message: str, span: Span) -> None:
        init(self, "message", message)
        init(self, "span", span)


class Dockerfile(Record):
    """A parsed file: instructions in order, comments, directives and problems.

    `empty_continuation_lines` are the 1-based numbers of the empty lines that a
    continued instruction skipped over (BuildKit warns about them).
    """

    __slots__ = (
        "source",
        "directives",
        "instructions",
        "comments",
        "problems",
        "empty_continuation_lines",
    )

    source: Source
    directives: Directives
    instructions: tuple[Instruction, ...]
    comments: tuple[Comment, ...]
    problems: tuple[SyntaxProblem, ...]
    empty_continuation_lines: tuple[int, ...]

    def __init__(
        self,
        source: Source,
        directives: Directives,
        instructions: tuple[Instruction, ...],
        comments: tuple[Comment, ...],
        problems: tuple[SyntaxProblem, ...],
        empty_continuation_lines: tuple[int, ...] = (),
    ) -> None:
        init(self, "source", source)
        init(self, "directives", directives)
        init(self, "instructions", instructions)
        init(self, "comments", comments)
        init(self, "problems", problems)
        init(self, "empty_continuation_lines", empty_continuation_lines)

    @property
    def escape(self) -> str:
        return self.directives.escape
