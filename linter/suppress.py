"""Suppressions, BuildKit's check directive and per-file ignores, applied after the rules.

Rules never see any of this: the engine runs them, then `apply_suppressions` drops
the findings that a pragma, the `# check=` directive or a per-file ignore removes, and
`raise_check_errors` applies `# check=error=true`.

Three dialects of comments are read (`#` is the comment; keywords are
case-insensitive):

- layerlint: `# layerlint: ignore=CODES` (the next instruction),
  `# layerlint: stage ignore=CODES` (the stage of the FROM directly below),
  `# layerlint: global ignore=CODES` (the whole file). CODES are codes, names,
  aliases or code prefixes, separated by commas; anything after them (best after a
  `#`) is the reason.
- hadolint: `# hadolint ignore=…`, `# hadolint stage ignore=…`,
  `# hadolint global ignore=…` with the same scopes; codes are hadolint's (`DL3008`,
  `SC2086`), mapped to layerlint rules through their aliases. As in hadolint,
  `ignore=` covers only an instruction that starts on the next line. Unlike hadolint,
  text after the codes is a reason and does not void the pragma (hadolint#370).
- BuildKit: the `# check=skip=A,B|all` parser directive (the whole file; `all` means
  every rule that implements a BuildKit check), and a `# check=skip=…` comment among
  the comments directly above an instruction (that instruction only; not the checks
  BuildKit runs over the whole file, `_FILE_LEVEL_CHECKS`).
  `BUILDKIT_DOCKERFILE_CHECK` in the `build-args` option replaces the directive, as
  the build argument does in BuildKit; it is configuration, not a pragma.
  `# check=experimental=A|all` enables, for that file, rules that are off by default
  and implement those BuildKit checks (`rules_for_file`); `# check=error=true` makes
  the findings of BuildKit-check rules errors (`raise_check_errors`).

`--disable-inline-ignores` (`Settings.disable_inline_ignores`) turns every comment
above off. LL1005 reports suppressions that suppress nothing (or cannot be read);
LL1006 reports every suppression written in a Dockerfile.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from .findings import Finding, Severity, Span
from .lazy_re import lazy_compile
from .nodes import Dockerfile
from .records import Record, init
from .rule import Context, source_span
from .settings import Settings

if TYPE_CHECKING:
    from .lexer import Comment
    from .rule import LoadedRule, Rule

UNUSED_SUPPRESSION = "LL1005"
INLINE_SUPPRESSION = "LL1006"
INVALID_SUPPRESSION = "LL1015"
TIMEOUT = "LL1001"
INTERNAL_ERROR = "LL1002"
CHECK_BUILD_ARG = "BUILDKIT_DOCKERFILE_CHECK"


# A BuildKit check name is CamelCase with lower-case letters (`JSONArgsRecommended`);
# hadolint codes are letters and digits only (`DL3008`, `SC2086`).
_BUILDKIT_NAME = lazy_compile(r"[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*\Z")
_HADOLINT_CODE = lazy_compile(r"(?:DL|SC)\d+\Z", re.I)

_LAYERLINT = lazy_compile(r"\s*layerlint\s*:\s*", re.I)
_LAYERLINT_IGNORE = lazy_compile(r"(?:(global|stage)\s+)?ignore\s*=\s*", re.I)
_HADOLINT = lazy_compile(r"\s*hadolint\s+(?:(global|stage)\s+)?ignore(?![\w-])\s*", re.I)
_CHECK = lazy_compile(r"\s*check\s*=\s*", re.I)

# A selector of our dialect: a code, name, alias or prefix. hadolint's: a code.
_LAYERLINT_TOKEN = lazy_compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![\w-])")
_HADOLINT_TOKEN = lazy_compile(r"[A-Za-z]+\d+(?![\w-])")
_CODE_LIKE = lazy_compile(r"[A-Za-z]{2}\d{3,}(?![\w-])")
_COMMA = lazy_compile(r"\s*,\s*")
_TRAILING_COMMENT = lazy_compile(r"\s+//.*\Z", re.S)

SCOPE_INSTRUCTION = "instruction"
SCOPE_STAGE = "stage"
SCOPE_FILE = "file"


def buildkit_names(aliases: Iterable[str]) -> tuple[str, ...]:
    """The aliases that are BuildKit check names."""
    return tuple(alias for alias in aliases if _BUILDKIT_NAME.match(alias))


def is_hadolint_code(text: str) -> bool:
    return _HADOLINT_CODE.match(text) is not None


def is_peer_code(text: str) -> bool:
    """A hadolint code or a BuildKit check name (which layerlint may not implement)."""
    return is_hadolint_code(text) or _BUILDKIT_NAME.match(text) is not None


# ---------------------------------------------------------------------------
# What suppressions a file holds


class Entry:
    """One rule selector of a suppression, the codes it names and whether it was used.

    (Plain classes with slots here and below: this module is imported on every run,
    and dataclasses cost import time; see linter/records.py.)
    """

    __slots__ = ("codes", "known", "span", "text", "used")

    def __init__(self, text: str, span: Span | None, codes: frozenset[str], known: bool) -> None:
        self.text = text
        self.span = span
        self.codes = codes
        self.known = known
        self.used = False


class Suppression:
    """One suppression: a pragma comment, a check directive or the build argument.

    `first_line`..`last_line` are the lines whose findings it covers. `problem` is
    set when it cannot be read or is misplaced; it then covers nothing.
    """

    __slots__ = (
        "active",
        "dialect",
        "entries",
        "first_line",
        "last_line",
        "problem",
        "reason",
        "scope",
        "span",
    )

    def __init__(self, dialect: str, scope: str, span: Span | None) -> None:
        self.dialect = dialect
        self.scope = scope
        self.span = span
        self.entries: list[Entry] = []
        self.first_line = 0
        self.last_line = 0
        self.reason = ""
        self.problem: str | None = None
        self.active = True

    @property
    def in_file(self) -> bool:
        """Written in the Dockerfile (not the build argument)."""
        return self.span is not None

    def covers(self, finding: Finding) -> Entry | None:
        if not self.active or self.problem is not None:
            return None
        if not self.first_line <= finding.line <= self.last_line:
            return None
        for entry in self.entries:
            if _matches(finding.code, entry.codes):
                return entry
        return None


class CheckOptions(Record):
    """A parsed `check=` value: skipped names with their offsets, the offset of
    `skip=all`, error, experimental names or all, and a problem when unreadable."""

    __slots__ = ("skip", "skip_all_at", "error", "experimental", "experimental_all", "problem")

    skip: tuple[tuple[str, int], ...]
    skip_all_at: int | None
    error: bool | None
    experimental: tuple[str, ...]
    experimental_all: bool
    problem: str | None

    def __init__(
        self,
        skip: tuple[tuple[str, int], ...] = (),
        skip_all_at: int | None = None,
        error: bool | None = None,
        experimental: tuple[str, ...] = (),
        experimental_all: bool = False,
        problem: str | None = None,
    ) -> None:
        init(self, "skip", skip)
        init(self, "skip_all_at", skip_all_at)
        init(self, "error", error)
        init(self, "experimental", experimental)
        init(self, "experimental_all", experimental_all)
        init(self, "problem", problem)


def parse_check_value(value: str) -> CheckOptions:
    """Parse `skip=A,B;error=true;experimental=C` (offsets relative to `value`).

    A trailing `// comment` is dropped and each name is its first word, so that
    `skip=all // only here` reads as `skip=all`, as BuildKit reads it.
    """
    cut = _TRAILING_COMMENT.search(value)
    text = value[: cut.start()] if cut else value
    skip: list[tuple[str, int]] = []
    skip_all_at: int | None = None
    error: bool | None = None
    experimental: list[str] = []
    experimental_all = False
    position = 0
    for part in text.split(";"):
        part_start = position
        position += len(part) + 1
        if not part.strip():
            continue
        key, separator, setting = part.partition("=")
        if not separator:
            return CheckOptions(problem=f"expected key=value, found {part.strip()!r}")
        setting_start = part_start + len(key) + 1
        key = key.strip().lower()
        if key == "error":
            word = setting.strip().lower()
            if word in ("true", "1", "t"):
                error = True
            elif word in ("false", "0", "f"):
                error = False
            else:
                return CheckOptions(problem=f"error takes true or false, not {setting.strip()!r}")
            continue
        if key not in ("skip", "experimental"):
            return CheckOptions(problem=f"unknown check option {key!r}")
        offset = 0
        for raw in setting.split(","):
            stripped = raw.strip()
            name = stripped.split()[0] if stripped else ""
            start = setting_start + offset + (len(raw) - len(raw.lstrip()))
            offset += len(raw) + 1
            if not name:
                continue
            if key == "skip":
                if name.lower() == "all":
                    skip_all_at = start
                else:
                    skip.append((name, start))
            elif name.lower() == "all":
                experimental_all = True
            else:
                experimental.append(name)
    return CheckOptions(tuple(skip), skip_all_at, error, tuple(experimental), experimental_all)


def _build_arg_check(settings: Settings) -> CheckOptions | None:
    """`BUILDKIT_DOCKERFILE_CHECK` from the `build-args` option, when set."""
    build_args = settings.build_args
    if CHECK_BUILD_ARG not in build_args:
        return None
    return parse_check_value(str(build_args[CHECK_BUILD_ARG]))


def _header_check(file: Dockerfile) -> tuple[CheckOptions, int] | None:
    """The `# check=` parser directive and the offset of its value."""
    directive = file.directives.get("check")
    if directive is None:
        return None
    return parse_check_value(directive.value), directive.value_start


def check_options(file: Dockerfile, settings: Settings) -> CheckOptions:
    """The check configuration of a file: the build argument, else the directive."""
    from_build_arg = _build_arg_check(settings)
    if from_build_arg is not None:
        return from_build_arg
    header = _header_check(file)
    return header[0] if header is not None else CheckOptions()


# ---------------------------------------------------------------------------
# Rules enabled by `# check=experimental=`


def experimental_codes(file: Dockerfile, settings: Settings) -> frozenset[str]:
    """Codes of the off-by-default rules the file's check options enable."""
    options = check_options(file, settings)
    if not options.experimental and not options.experimental_all:
        return frozenset()
    from .registry import all_rules

    wanted = {name.lower() for name in options.experimental}
    codes = set()
    for rule in all_rules():
        if rule.meta.enabled:
            continue
        names = buildkit_names(rule.meta.aliases)
        if names and (options.experimental_all or any(n.lower() in wanted for n in names)):
            codes.add(rule.code)
    return frozenset(codes)


def rules_for_file(
    file: Dockerfile, rules: list[LoadedRule], settings: Settings
) -> list[LoadedRule]:
    """The run's rules plus those `# check=experimental=` enables for this file.

    Only a default selection is extended (an explicit `select` is the user's word),
    and never with a rule the configuration ignores.
    """
    has_check = file.directives.get("check") is not None or _build_arg_check(settings) is not None
    if settings.select or not has_check:
        return rules
    extra = experimental_codes(file, settings) - {rule.code for rule in rules}
    if not extra:
        return rules
    from .registry import UnknownSelector, all_rules, resolve_many

    with suppress(UnknownSelector):
        extra -= resolve_many(settings.ignore)
    if not extra:
        return rules
    return rules + [rule for rule in all_rules() if rule.code in extra]


# ---------------------------------------------------------------------------
# Reading the suppressions of a file


def _resolve(selector: str) -> tuple[frozenset[str], bool]:
    from .registry import UnknownSelector, resolve

    try:
        return resolve(selector), True
    except UnknownSelector:
        return frozenset(), False


def _buildkit_rule_codes(exempt: frozenset[str]) -> frozenset[str]:
    from .registry import all_rules

    return frozenset(
        rule.code
        for rule in all_rules()
        if buildkit_names(rule.meta.aliases) and rule.code not in exempt
    )


class _CodeList:
    """Selectors (text, offset) of a pragma, its reason, or why it cannot be read."""

    __slots__ = ("problem", "reason", "tokens")

    def __init__(self, tokens: list[tuple[str, int]], reason: str, problem: str | None) -> None:
        self.tokens = tokens
        self.reason = reason
        self.problem = problem


def _parse_code_list(text: str, start: int, token: re.Pattern[str]) -> _CodeList:
    """Comma-separated selectors from `text[start:]`, then an optional reason."""
    tokens: list[tuple[str, int]] = []
    position = start
    while True:
        match = token.match(text, position)
        if match is None:
            found = re.split(r"[\s,]+", text[position:].strip())[0]
            what = f"found {found!r}" if found else "found nothing"
            return _CodeList(tokens, "", f"expected a rule code, {what}")
        tokens.append((match.group(), match.start()))
        position = match.end()
        comma = _COMMA.match(text, position)
        if comma is None:
            break
        position = comma.end()
    rest = text[position:]
    if not rest.strip():
        return _CodeList(tokens, "", None)
    if rest[0] not in " \t#":
        return _CodeList(tokens, "", f"unexpected {rest.split()[0]!r} after the rule codes")
    tail = rest.strip()
    if tail.startswith("#"):
        return _CodeList(tokens, tail.lstrip("#").strip(), None)
    if _CODE_LIKE.match(tail):
        return _CodeList(tokens, "", "separate rule codes with commas")
    return _CodeList(tokens, tail, None)


def _span_in_comment(file: Dockerfile, comment: Comment, start: int, end: int) -> Span:
    base = comment.start + 1
    return source_span(file, base + start, base + end)


def _comment_span(file: Dockerfile, comment: Comment) -> Span:
    return source_span(file, comment.start, comment.end)


class _Extent:
    """The lines of one instruction as the lexer delimits it (parsed or not)."""

    __slots__ = ("first", "is_from", "last")

    def __init__(self, first: int, last: int, is_from: bool) -> None:
        self.first = first
        self.last = last
        self.is_from = is_from


class _Layout:
    """Where instructions and stages are, to find what a comment applies to.

    Built from the lexer's logical lines, so that an instruction that failed to parse
    (an LL1000 finding) can be suppressed like any other.
    """

    def __init__(self, file: Dockerfile) -> None:
        from .lexer import lex

        self.extents: list[_Extent] = []
        for line in lex(file.source.text, file.escape).lines:
            keyword = line.text.split(None, 1)[0].upper() if line.text.strip() else ""
            self.extents.append(_Extent(line.start_line, line.end_line, keyword == "FROM"))
        self.starts = [extent.first for extent in self.extents]
        self.stage_starts = [extent.first for extent in self.extents if extent.is_from]

    def next_instruction(self, line: int) -> _Extent | None:
        index = bisect_right(self.starts, line)
        return self.extents[index] if index < len(self.extents) else None

    def containing(self, line: int) -> _Extent | None:
        index = bisect_right(self.starts, line) - 1
        if index >= 0 and self.extents[index].last >= line:
            return self.extents[index]
        return None

    def stage_end(self, from_line: int) -> int:
        index = bisect_right(self.stage_starts, from_line)
        if index < len(self.stage_starts):
            return self.stage_starts[index] - 1
        return 1 << 30


def _place(suppression: Suppression, scope: str, comment: Comment, layout: _Layout) -> None:
    """Set the lines a comment pragma covers, or its problem when misplaced."""
    if scope == SCOPE_FILE:
        suppression.first_line, suppression.last_line = 1, 1 << 30
        return
    if comment.in_continuation:
        # A comment inside a continued instruction belongs to that instruction.
        if scope == SCOPE_STAGE:
            suppression.problem = "move this stage suppression directly above a FROM instruction"
            return
        target = layout.containing(comment.line)
    else:
        target = layout.next_instruction(comment.line)
    if target is None:
        suppression.problem = "no instruction follows this suppression; remove it"
        return
    if scope == SCOPE_STAGE:
        if not target.is_from:
            suppression.problem = "move this stage suppression directly above a FROM instruction"
            return
        suppression.first_line = target.first
        suppression.last_line = layout.stage_end(target.first)
        return
    suppression.first_line, suppression.last_line = target.first, target.last


def _pragma(file: Dockerfile, comment: Comment, layout: _Layout) -> Suppression | None:
    """The suppression a comment holds (layerlint or hadolint dialect), if any."""
    text = comment.text
    match = _LAYERLINT.match(text)
    if match is not None:
        ignore = _LAYERLINT_IGNORE.match(text, match.end())
        if ignore is None:
            suppression = Suppression("layerlint", SCOPE_INSTRUCTION, _comment_span(file, comment))
            suppression.problem = (
                "unknown layerlint pragma; write `layerlint: ignore=CODE`,"
                " `layerlint: stage ignore=CODE` or `layerlint: global ignore=CODE`"
            )
            return suppression
        scope = (ignore.group(1) or SCOPE_INSTRUCTION).lower()
        scope = SCOPE_FILE if scope == "global" else scope
        return _with_codes(
            file, comment, layout, "layerlint", scope, ignore.end(), _LAYERLINT_TOKEN
        )
    match = _HADOLINT.match(text)
    if match is not None:
        scope = (match.group(1) or SCOPE_INSTRUCTION).lower()
        scope = SCOPE_FILE if scope == "global" else scope
        if not text.startswith("=", match.end()):
            suppression = Suppression("hadolint", scope, _comment_span(file, comment))
            suppression.problem = "expected `=` after `ignore`; write `hadolint ignore=DL3008`"
            return suppression
        start = match.end() + 1
        while start < len(text) and text[start] in " \t":
            start += 1
        return _with_codes(file, comment, layout, "hadolint", scope, start, _HADOLINT_TOKEN)
    return None


def _with_codes(
    file: Dockerfile,
    comment: Comment,
    layout: _Layout,
    dialect: str,
    scope: str,
    start: int,
    token: re.Pattern[str],
) -> Suppression:
    suppression = Suppression(dialect, scope, _comment_span(file, comment))
    parsed = _parse_code_list(comment.text, start, token)
    if parsed.problem is not None:
        suppression.problem = f"cannot read this suppression: {parsed.problem}"
        return suppression
    suppression.reason = parsed.reason
    for text, offset in parsed.tokens:
        codes, known = _resolve(text)
        span = _span_in_comment(file, comment, offset, offset + len(text))
        suppression.entries.append(Entry(text, span, codes, known))
    _place(suppression, scope, comment, layout)
    # hadolint applies `ignore=` to the line after the comment only.
    misplaced = comment.in_continuation or suppression.first_line != comment.line + 1
    hadolint_instruction = dialect == "hadolint" and scope == SCOPE_INSTRUCTION
    if hadolint_instruction and misplaced and suppression.problem is None:
        suppression.problem = (
            "hadolint applies this only to an instruction on the next line;"
            " move it directly above the instruction"
        )
    return suppression


def _check_entries(
    file: Dockerfile,
    options: CheckOptions,
    base: int | None,
    exempt: frozenset[str],
) -> list[Entry]:
    """Entries of a `check=skip=` list; `base` is the source offset of the value."""
    entries: list[Entry] = []
    exempt_codes = exempt

    def span(offset: int, length: int) -> Span | None:
        return None if base is None else source_span(file, base + offset, base + offset + length)

    for name, offset in options.skip:
        codes, known = _resolve(name)
        entries.append(Entry(name, span(offset, len(name)), codes - exempt_codes, known))
    if options.skip_all_at is not None:
        entries.append(
            Entry("all", span(options.skip_all_at, 3), _buildkit_rule_codes(exempt), True)
        )
    return entries


def _inline_check(
    file: Dockerfile,
    layout: _Layout,
    header_lines: frozenset[int],
    exempt: frozenset[str],
) -> list[Suppression]:
    """`# check=skip=` comments directly above instructions (BuildKit's rule: the
    comments since the previous instruction, restarted by an empty `#` line; the
    first that reads as a check directive counts)."""
    found: list[Suppression] = []
    comments = [c for c in file.comments if not c.in_continuation and c.line not in header_lines]
    index = 0
    for extent in layout.extents:
        candidates: list[Comment] = []
        while index < len(comments) and comments[index].line < extent.first:
            comment = comments[index]
            index += 1
            if not comment.text.strip():
                candidates = []
            else:
                candidates.append(comment)
        for comment in candidates:
            match = _CHECK.match(comment.text)
            if match is None:
                continue
            value = comment.text[match.end() :]
            options = parse_check_value(value)
            suppression = Suppression("check", SCOPE_INSTRUCTION, _comment_span(file, comment))
            if options.problem is not None:
                suppression.problem = f"cannot read this check comment: {options.problem}"
            else:
                base = comment.start + 1 + match.end()
                suppression.entries = _check_entries(
                    file, options, base, exempt | _file_level_check_codes()
                )
                suppression.first_line, suppression.last_line = extent.first, extent.last
            found.append(suppression)
            break
    return found


# BuildKit runs these checks over the whole file with the file's settings only: a
# `# check=skip=` comment above one instruction does not silence them.
_FILE_LEVEL_CHECKS = (
    "ConsistentInstructionCasing",
    "DuplicateStageName",
    "ReservedStageName",
    "InvalidDefaultArgInFrom",
    "NoEmptyContinuation",
)


def _file_level_check_codes() -> frozenset[str]:
    from .registry import resolve_many

    return resolve_many(_FILE_LEVEL_CHECKS)


def _may_suppress(text: str) -> bool:
    lowered = text.lower()
    return "layerlint" in lowered or "hadolint" in lowered or "check" in lowered


def collect_suppressions(file: Dockerfile, settings: Settings) -> list[Suppression]:
    """Every suppression of a file, in source order (the build argument last).

    Comment suppressions are inactive under `disable_inline_ignores`; they are still
    returned, for LL1006.
    """
    header_lines = frozenset(item.line for item in file.directives.items)
    exempt = experimental_codes(file, settings)
    inline = not settings.disable_inline_ignores
    suppressions: list[Suppression] = []
    header = _header_check(file)
    build_arg = _build_arg_check(settings)
    if header is not None and (header[0].skip or header[0].skip_all_at is not None):
        options, base = header
        directive = file.directives.get("check")
        assert directive is not None
        suppression = Suppression(
            "check", SCOPE_FILE, source_span(file, directive.start, directive.end)
        )
        suppression.entries = _check_entries(file, options, base, exempt)
        suppression.first_line, suppression.last_line = 1, 1 << 30
        # The build argument replaces the directive, as in BuildKit.
        suppression.active = inline and build_arg is None
        suppressions.append(suppression)
    candidates = [
        comment
        for comment in file.comments
        if comment.line not in header_lines and _may_suppress(comment.text)
    ]
    if candidates:  # the layout costs a second lexing pass: only when it is needed
        layout = _Layout(file)
        for comment in candidates:
            pragma = _pragma(file, comment, layout)
            if pragma is not None:
                pragma.active = inline
                suppressions.append(pragma)
        for suppression in _inline_check(file, layout, header_lines, exempt):
            suppression.active = inline
            suppressions.append(suppression)
    suppressions.sort(key=lambda s: s.span.start if s.span else 0)
    if build_arg is not None and (build_arg.skip or build_arg.skip_all_at is not None):
        suppression = Suppression("check", SCOPE_FILE, None)
        suppression.entries = _check_entries(file, build_arg, None, exempt)
        suppression.first_line, suppression.last_line = 1, 1 << 30
        suppressions.append(suppression)
    return suppressions


# ---------------------------------------------------------------------------
# Applying them


def _first_cover(suppressions: Sequence[Suppression], finding: Finding) -> bool:
    """Whether any suppression removes the finding; marks every entry that does."""
    covered = False
    for suppression in suppressions:
        entry = suppression.covers(finding)
        if entry is not None:
            entry.used = True
            covered = True
    return covered


def apply_suppressions(
    file: Dockerfile,
    findings: list[Finding],
    settings: Settings,
    rules: Sequence[LoadedRule] | None = None,
) -> list[Finding]:
    """The findings that no suppression, check directive or per-file ignore removes,
    plus LL1005/LL1006 findings when those rules are part of the run."""
    if rules is None:
        from .engine import select_rules

        rules = select_rules(settings)
    ran = {rule.code for rule in rules}
    wants_meta = bool({UNUSED_SUPPRESSION, INLINE_SUPPRESSION, INVALID_SUPPRESSION} & ran)
    if not file.comments and not settings.options.get("build-args") and not wants_meta:
        return _per_file(findings, settings)
    suppressions = collect_suppressions(file, settings)
    kept = [finding for finding in findings if not _first_cover(suppressions, finding)]
    meta: list[Finding] = []
    if INVALID_SUPPRESSION in ran:
        meta.extend(_invalid(file, suppressions))
    if UNUSED_SUPPRESSION in ran:
        meta.extend(_unused(file, suppressions, ran, findings))
    if INLINE_SUPPRESSION in ran:
        meta.extend(_inline(file, suppressions, settings))
    kept.extend(finding for finding in meta if not _first_cover(suppressions, finding))
    return _per_file(kept, settings)


def _per_file(findings: list[Finding], settings: Settings) -> list[Finding]:
    if not settings.per_file_ignores or not findings:
        return findings
    from .globs import path_matches
    from .registry import UnknownSelector, resolve_many

    path = findings[0].path
    ignored: set[str] = set()
    for pattern, selectors in settings.per_file_ignores:
        if path_matches(pattern, path):
            try:
                ignored |= resolve_many(selectors)
            except UnknownSelector:
                continue
    if not ignored:
        return findings
    return [finding for finding in findings if not _matches(finding.code, ignored)]


def _rule_context(file: Dockerfile, code: str) -> Context:
    from .registry import find_rule

    rule = find_rule(code)
    assert rule is not None, f"{code} is not registered"
    meta: Rule = rule.meta
    return Context(file, meta)


def _names_no_rule(entry: Entry) -> bool:
    """A code no rule has that is no hadolint code or BuildKit name either (`crazy`)."""
    return not entry.known and not is_peer_code(entry.text)


def _invalid(file: Dockerfile, suppressions: list[Suppression]) -> list[Finding]:
    """LL1015: suppressions that cannot be read, are misplaced, or name no rule."""
    context = _rule_context(file, INVALID_SUPPRESSION)
    out: list[Finding] = []
    for suppression in suppressions:
        if not suppression.active or not suppression.in_file:
            continue
        if suppression.problem is not None:
            assert suppression.span is not None
            out.append(context.report(suppression.span, suppression.problem))
            continue
        for entry in suppression.entries:
            if entry.span is not None and not entry.used and _names_no_rule(entry):
                message = f"{entry.text!r} names no rule; remove it or correct the code"
                out.append(context.report(entry.span, message))
    return out


def _unused(
    file: Dockerfile, suppressions: list[Suppression], ran: set[str], findings: list[Finding]
) -> list[Finding]:
    """LL1005: readable suppressions of real codes that suppress nothing (the others
    are LL1015's)."""
    context = _rule_context(file, UNUSED_SUPPRESSION)
    incomplete = any(finding.code in (TIMEOUT, INTERNAL_ERROR) for finding in findings)
    out: list[Finding] = []
    for suppression in suppressions:
        if not suppression.active or not suppression.in_file or suppression.problem:
            continue
        if incomplete:
            continue
        for entry in suppression.entries:
            if entry.used or entry.span is None or entry.codes == {UNUSED_SUPPRESSION}:
                continue
            if _names_no_rule(entry):
                continue
            out.append(context.report(entry.span, _unused_message(entry, ran)))
    return out


def _unused_message(entry: Entry, ran: set[str]) -> str:
    if not entry.known:
        return f"no layerlint rule implements {entry.text}, so this suppresses nothing; remove it"
    if not {_rule_code_of(code) for code in entry.codes} & ran:
        return f"{entry.text} is not enabled in this run, so this suppresses nothing; remove it"
    return f"{entry.text} reports nothing here; remove this suppression"


def _inline(file: Dockerfile, suppressions: list[Suppression], settings: Settings) -> list[Finding]:
    """LL1006: every suppression written in the Dockerfile."""
    context = _rule_context(file, INLINE_SUPPRESSION)
    suffix = (
        " (ignored: inline suppressions are disabled)" if settings.disable_inline_ignores else ""
    )
    out: list[Finding] = []
    for suppression in suppressions:
        if not suppression.in_file:
            continue
        assert suppression.span is not None
        names = ", ".join(entry.text for entry in suppression.entries) or "rules"
        message = (
            f"inline suppression of {names}{suffix}: record the exception in the"
            " configuration (ignore or per-file-ignores) instead"
        )
        out.append(context.report(suppression.span, message))
    return out


# ---------------------------------------------------------------------------
# `# check=error=true`


def raise_check_errors(
    file: Dockerfile, findings: list[Finding], settings: Settings
) -> list[Finding]:
    """With `check=error=true` (directive or build argument), findings of rules that
    implement BuildKit checks become errors: BuildKit fails the build on them, so
    they reach any failure threshold except `none`."""
    if file.directives.get("check") is None and _build_arg_check(settings) is None:
        return findings
    if not check_options(file, settings).error:
        return findings
    return [
        finding.replace(severity=Severity.ERROR)
        if finding.severity != Severity.ERROR and buildkit_names(finding.aliases)
        else finding
        for finding in findings
    ]


def describe(suppressions: Iterable[Suppression]) -> list[dict[str, Any]]:
    """A plain description of suppressions (for tests and debugging)."""
    return [
        {
            "dialect": s.dialect,
            "scope": s.scope,
            "lines": (s.first_line, s.last_line),
            "codes": [entry.text for entry in s.entries],
            "reason": s.reason,
            "problem": s.problem,
            "active": s.active,
        }
        for s in suppressions
    ]


def _matches(code: str, codes: frozenset[str] | set[str]) -> bool:
    """A finding code selected by `codes` (a subcode also by its rule's code)."""
    if code in codes:
        return True
    from .registry import matches

    return matches(code, codes)


def _rule_code_of(code: str) -> str:
    from .registry import rule_code_of

    return rule_code_of(code)
