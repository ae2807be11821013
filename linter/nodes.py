"""The typed, immutable AST: one class per instruction of the Dockerfile reference.

Every node carries a `Span` with physical 1-based lines and columns. The AST holds
what BuildKit's parser accepts; parts that a build would still refuse may be missing
(those fields are Optional) and rule LL1003 reports them. Argument values
are kept as written (`Word.text`: quotes and variables untouched) so that rules and the
model decide how to interpret them; exec-form arguments are the decoded JSON strings.
Nothing here refers to Lark.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from .findings import Span

if TYPE_CHECKING:
    from .directives import Directives
    from .lexer import Comment, OffsetMap
    from .source import Source


@dataclass(frozen=True, slots=True)
class Word:
    """An argument as written in the file."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Flag:
    """`--name=value` (value None for a bare `--name`); `text` is the whole word."""

    name: str
    value: str | None
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class ShellForm:
    """The shell form of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD.

    `text` is the command as the shell receives it (continuations joined); `start` is
    its offset in the instruction's logical line, to map positions inside it.
    """

    text: str
    span: Span
    start: int


@dataclass(frozen=True, slots=True)
class ExecForm:
    """The exec (JSON array) form; `arguments` are the decoded strings."""

    arguments: tuple[Word, ...]
    span: Span

    @property
    def argv(self) -> tuple[str, ...]:
        return tuple(word.text for word in self.arguments)


Command = ShellForm | ExecForm


@dataclass(frozen=True, slots=True)
class Heredoc:
    """A heredoc attached to RUN, COPY or ADD.

    `content` is the body as written (every line with its newline); `text` applies
    `<<-` tab stripping. `marker` is the `<<EOF` word in the instruction line.
    """

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

    @property
    def text(self) -> str:
        if not self.chomp:
            return self.content
        return "".join(line.lstrip("\t") for line in self.content.splitlines(keepends=True))


@dataclass(frozen=True, slots=True)
class KeyValue:
    """One ENV or LABEL pair: raw key and value; `legacy` for `ENV KEY value`."""

    key: Word
    value: Word
    legacy: bool
    span: Span


@dataclass(frozen=True, slots=True)
class ArgDeclaration:
    """`NAME` or `NAME=default` in an ARG instruction (raw text)."""

    name: Word
    default: Word | None
    span: Span


@dataclass(frozen=True, slots=True)
class Instruction:
    """Fields every instruction has.

    `keyword` is as written; `kind` (a class constant) is the upper-case keyword.
    `span` covers the instruction from its keyword to its last physical line,
    heredoc bodies included. `text` is the logical line and `offsets` maps offsets in
    it back to the source.
    """

    kind: ClassVar[str] = ""

    keyword: str
    keyword_span: Span
    flags: tuple[Flag, ...]
    span: Span
    text: str
    offsets: OffsetMap

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


@dataclass(frozen=True, slots=True)
class From(Instruction):
    kind: ClassVar[str] = "FROM"
    image: Word | None
    stage_name: Word | None
    as_keyword: Word | None
    extra: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class Run(Instruction):
    kind: ClassVar[str] = "RUN"
    command: Command | None
    heredocs: tuple[Heredoc, ...]


@dataclass(frozen=True, slots=True)
class Cmd(Instruction):
    kind: ClassVar[str] = "CMD"
    command: Command | None


@dataclass(frozen=True, slots=True)
class Entrypoint(Instruction):
    kind: ClassVar[str] = "ENTRYPOINT"
    command: Command | None


@dataclass(frozen=True, slots=True)
class Shell(Instruction):
    kind: ClassVar[str] = "SHELL"
    command: Command | None


@dataclass(frozen=True, slots=True)
class Copy(Instruction):
    """COPY: `sources` then `destination`; heredoc sources are words like `<<EOF`.

    `destination` is None only in a malformed COPY without arguments (LL1003).
    """

    kind: ClassVar[str] = "COPY"
    sources: tuple[Word, ...]
    destination: Word | None
    json: bool
    heredocs: tuple[Heredoc, ...]


@dataclass(frozen=True, slots=True)
class Add(Instruction):
    kind: ClassVar[str] = "ADD"
    sources: tuple[Word, ...]
    destination: Word | None
    json: bool
    heredocs: tuple[Heredoc, ...]


@dataclass(frozen=True, slots=True)
class Env(Instruction):
    kind: ClassVar[str] = "ENV"
    pairs: tuple[KeyValue, ...]


@dataclass(frozen=True, slots=True)
class Label(Instruction):
    kind: ClassVar[str] = "LABEL"
    pairs: tuple[KeyValue, ...]


@dataclass(frozen=True, slots=True)
class Arg(Instruction):
    kind: ClassVar[str] = "ARG"
    declarations: tuple[ArgDeclaration, ...]


@dataclass(frozen=True, slots=True)
class Expose(Instruction):
    kind: ClassVar[str] = "EXPOSE"
    ports: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class Volume(Instruction):
    kind: ClassVar[str] = "VOLUME"
    paths: tuple[Word, ...]
    json: bool


@dataclass(frozen=True, slots=True)
class User(Instruction):
    kind: ClassVar[str] = "USER"
    user: Word | None


@dataclass(frozen=True, slots=True)
class Workdir(Instruction):
    kind: ClassVar[str] = "WORKDIR"
    path: Word | None


@dataclass(frozen=True, slots=True)
class Maintainer(Instruction):
    kind: ClassVar[str] = "MAINTAINER"
    maintainer: Word | None


@dataclass(frozen=True, slots=True)
class Stopsignal(Instruction):
    kind: ClassVar[str] = "STOPSIGNAL"
    signal: Word | None


@dataclass(frozen=True, slots=True)
class Healthcheck(Instruction):
    """HEALTHCHECK NONE or HEALTHCHECK [flags] CMD command (`type` is NONE or CMD
    in a valid file; None for a bare HEALTHCHECK)."""

    kind: ClassVar[str] = "HEALTHCHECK"
    type: Word | None
    command: Command | None


@dataclass(frozen=True, slots=True)
class Onbuild(Instruction):
    kind: ClassVar[str] = "ONBUILD"
    trigger: Instruction | None


@dataclass(frozen=True, slots=True)
class Unknown(Instruction):
    """An instruction the Dockerfile reference does not define (kept, and reported)."""

    kind: ClassVar[str] = "UNKNOWN"
    arguments: Word | None


INSTRUCTION_CLASSES: dict[str, type[Instruction]] = {
    cls.kind: cls
    for cls in (
        From, Run, Cmd, Entrypoint, Shell, Copy, Add, Env, Label, Arg, Expose, Volume,
        User, Workdir, Maintainer, Stopsignal, Healthcheck, Onbuild, Unknown,
    )
}


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """A part of the file that could not be parsed; reported as LL1000."""

    message: str
    span: Span


@dataclass(frozen=True, slots=True)
class Dockerfile:
    """A parsed file: instructions in order, comments, directives and problems."""

    source: Source
    directives: Directives
    instructions: tuple[Instruction, ...]
    comments: tuple[Comment, ...]
    problems: tuple[SyntaxProblem, ...]

    @property
    def escape(self) -> str:
        return self.directives.escape
