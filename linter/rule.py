"""The rule framework: metadata declaration, the per-file context, and findings.

A rule is a module in `rules/` with:

- a module docstring: the rule's documentation (Markdown with fixed headings);
- `RULE = Rule(...)`: its metadata in one declaration;
- `check(node, ctx)`: a generator of findings. `node` is an instruction of one of the
  kinds in `RULE.visits`, or the whole `Dockerfile` when `visits` is `FILE`.

Rules never parse, never read configuration or pragmas and never format output:
they ask the AST and the model (`ctx.model`) and call `ctx.report(...)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .findings import Finding, Fix, Severity, Span
from .lazy_re import lazy_compile
from .records import Record, init

if TYPE_CHECKING:
    from types import ModuleType

    from .model import Model
    from .nodes import Dockerfile, Instruction

FILE = "FILE"
"""`visits` value of a rule that looks at the whole file once."""

DOCS_URL = "https://github.com/layerlint/layerlint/blob/main/docs/rules.md"

_CODE = lazy_compile(r"LL[1-9]\d{3}\Z")
_NAME = lazy_compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")
REQUIRED_HEADINGS = (
    "## Why is this bad?",
    "## Example",
    "## Use instead",
    "## Fix",
    "## References",
)


class Option(Record):
    """A rule option: its key in configuration, default value and meaning."""

    __slots__ = ("name", "default", "description")

    name: str
    default: Any
    description: str

    def __init__(
        self,
        name: str,
        default: Any,
        description: str,
    ) -> None:
        init(self, "name", name)
        init(self, "default", default)
        init(self, "description", description)


class Rule(Record):
    """Metadata of one rule, declared once at the top of its module."""

    __slots__ = (
        "code",
        "name",
        "severity",
        "message",
        "visits",
        "tags",
        "aliases",
        "options",
        "enabled",
        "security_severity",
        "precision",
        "fix",
        "visits_onbuild",
        "subcodes",
    )

    code: str
    name: str
    severity: Severity
    message: str
    visits: tuple[str, ...]
    tags: tuple[str, ...]
    aliases: tuple[str, ...]
    options: tuple[Option, ...]
    enabled: bool
    security_severity: float | None
    precision: str
    fix: str
    visits_onbuild: bool
    subcodes: str
    """A regular expression of the codes this rule reports its findings under instead
    of its own (ShellCheck's `SC2086` ...); empty for ordinary rules."""

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        message: str,
        visits: tuple[str, ...],
        tags: tuple[str, ...] = (),
        aliases: tuple[str, ...] = (),
        options: tuple[Option, ...] = (),
        enabled: bool = True,
        security_severity: float | None = None,
        precision: str = "high",
        fix: str = "none",
        visits_onbuild: bool = True,
        subcodes: str = "",
    ) -> None:
        init(self, "code", code)
        init(self, "name", name)
        init(self, "severity", severity)
        init(self, "message", message)
        init(self, "visits", visits)
        init(self, "tags", tags)
        init(self, "aliases", aliases)
        init(self, "options", options)
        init(self, "enabled", enabled)
        init(self, "security_severity", security_severity)
        init(self, "precision", precision)
        init(self, "fix", fix)
        init(self, "visits_onbuild", visits_onbuild)
        init(self, "subcodes", subcodes)
        self.validate()

    def validate(self) -> None:
        """Refuse malformed metadata when the rule module is imported."""
        if not _CODE.match(self.code):
            raise ValueError(f"bad rule code {self.code!r}")
        if not _NAME.match(self.name):
            raise ValueError(f"bad rule name {self.name!r}")
        if self.fix not in ("none", "safe", "unsafe"):
            raise ValueError(f"{self.code}: fix must be none, safe or unsafe")
        if self.precision not in ("very-high", "high", "medium", "low"):
            raise ValueError(f"{self.code}: bad precision {self.precision!r}")
        if self.security_severity is not None and not 0.1 <= self.security_severity <= 10.0:
            raise ValueError(f"{self.code}: security_severity must be 0.1-10.0")
        if self.subcodes:
            re.compile(self.subcodes)

    def reports_as(self, code: str) -> bool:
        """Whether `code` is one of this rule's subcodes."""
        return bool(self.subcodes) and re.fullmatch(self.subcodes, code.upper()) is not None

    @property
    def url(self) -> str:
        return f"{DOCS_URL}#{self.code.lower()}-{self.name}"

    def option_defaults(self) -> dict[str, Any]:
        return {option.name: option.default for option in self.options}


CheckFunction = Callable[[Any, "Context"], Iterator[Finding]]


class LoadedRule:
    """A registered rule: metadata, check function and documentation."""

    __slots__ = ("_summary", "check", "doc", "meta", "module")

    def __init__(self, meta: Rule, check: CheckFunction, doc: str, module: str) -> None:
        self.meta = meta
        self.check = check
        self.doc = doc
        self.module = module
        self._summary: str | None = None

    @property
    def code(self) -> str:
        return self.meta.code

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def summary(self) -> str:
        """First line of the documentation."""
        if self._summary is None:
            text = self.doc.strip()
            self._summary = text.splitlines()[0].strip() if text else self.meta.name
        return self._summary

    def section(self, heading: str) -> str:
        """The text under `## heading` of the documentation ('' when absent)."""
        return doc_section(self.doc, heading)


def doc_section(doc: str, heading: str) -> str:
    lines = doc.splitlines()
    out: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("## "):
            if inside:
                break
            inside = line[3:].strip().lower() == heading.lower()
            continue
        if inside:
            out.append(line)
    return "\n".join(out).strip()


def doc_examples(doc: str, heading: str) -> list[tuple[str, str]]:
    """(info string, code) of the fenced blocks under a heading (Example / Use instead).

    An info string `dockerfile bytes` marks an example written with `\\xNN` escapes
    for bytes that are not valid UTF-8.
    """
    text = doc_section(doc, heading)
    return re.findall(r"```([^\n]*)\n(.*?)```", text, flags=re.S)


def load_rule(module: ModuleType) -> LoadedRule:
    """Pair a rule module's RULE with its check function and docstring."""
    meta = module.RULE
    check = module.check
    return LoadedRule(meta, check, module.__doc__ or "", module.__name__)


class Context:
    """What a rule sees of one file. One instance per (rule, file)."""

    __slots__ = ("file", "model_provider", "options", "rule")

    def __init__(
        self,
        file: Dockerfile,
        rule: Rule,
        options: dict[str, Any] | None = None,
        model_provider: Callable[[], Model] | None = None,
    ) -> None:
        self.file = file
        self.rule = rule
        self.options = options if options is not None else {}
        self.model_provider = model_provider

    @property
    def source_path(self) -> str:
        return self.file.source.path

    @property
    def model(self) -> Model:
        """The semantic model of the file (built on first use, shared by all rules)."""
        assert self.model_provider is not None
        return self.model_provider()

    def option(self, name: str) -> Any:
        return self.options.get(name, self.rule.option_defaults().get(name))

    def report(
        self,
        span: Span,
        message: str | None = None,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
        aliases: tuple[str, ...] | None = None,
        **values: object,
    ) -> Finding:
        """A finding of this rule at `span`; the message template is filled from `values`.
        `aliases`: those of the rule's aliases this finding is (a rule that stands for
        several of hadolint's rules, one per instruction, names the one it is)."""
        text = message if message is not None else self.rule.message
        if values:
            text = text.format(**values)
        return Finding(
            path=self.file.source.path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            code=self.rule.code,
            name=self.rule.name,
            severity=severity or self.rule.severity,
            message=text,
            aliases=self.rule.aliases if aliases is None else aliases,
            url=self.rule.url,
            fix=fix,
        )

    def head(self, instruction: Instruction) -> Span:
        """Span of an instruction's first line (see `instruction_head`)."""
        return instruction_head(self.file, instruction)

    def span(self, instruction: Instruction, start: int, end: int) -> Span:
        """Span of logical offsets [start, end) of an instruction's logical line."""
        return logical_span(self.file, instruction, start, end)


def reported_by_engine(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    """The check of a rule whose findings the engine itself reports (a timeout, an
    internal error, a file too large to analyse): there is nothing for it to look at."""
    return iter(())


def logical_span(file: Dockerfile, instruction: Instruction, start: int, end: int) -> Span:
    """Map logical offsets of `instruction.text` to a physical span."""
    offsets = instruction.offsets
    source_start = offsets.to_source(start)
    source_end = offsets.to_source_end(end) if end > start else source_start
    line, column = file.source.position(source_start)
    end_line, end_column = file.source.position(source_end)
    return Span(source_start, source_end, line, column, end_line, end_column)


def source_span(file: Dockerfile, start: int, end: int) -> Span:
    """Span of source offsets [start, end)."""
    line, column = file.source.position(start)
    end_line, end_column = file.source.position(end)
    return Span(start, end, line, column, end_line, end_column)


def instruction_head(file: Dockerfile, instruction: Instruction) -> Span:
    """From the keyword to the end of the instruction's first physical line.

    Used where a finding concerns the whole instruction, so that a report on a long
    RUN stays on one line.
    """
    span = instruction.span
    if span.end_line == span.line:
        return span
    end = file.source.line_end(span.line)
    line, column = file.source.position(end)
    return Span(span.start, end, span.line, span.column, line, column)


__all__ = [
    "FILE",
    "REQUIRED_HEADINGS",
    "Context",
    "LoadedRule",
    "Option",
    "Rule",
    "Severity",
    "doc_examples",
    "doc_section",
    "instruction_head",
    "load_rule",
    "logical_span",
    "source_span",
]
