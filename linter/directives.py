"""Parser directives: `# syntax=`, `# escape=` and `# check=` at the top of a file.

BuildKit's rules, which this module follows: directives are read from the first line
on; each line, with leading white space removed, must look like `#key=value` (white
space allowed around `#`, key and `=`, keys case-insensitive). BuildKit's linter
reads `check` a little differently: it skips a `#!` first line and wants `#` in the
first column. The header ends at the
first line that is not a directive, including an empty line, an ordinary comment, an
unknown key or an instruction. A directive may appear only once; `escape` takes a
backslash or a backtick.
"""

from __future__ import annotations

from collections.abc import Iterator

from .lazy_re import lazy_compile
from .records import Record, TextProblem, init

# BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`, with the trailing white
# space removed in code: a lazy group before `\s*$` backtracks quadratically in
# Python's regex engine on long lines (Go's is linear).
_DIRECTIVE = lazy_compile(r"#[ \t\f\v]*([a-zA-Z][a-zA-Z0-9]*)[ \t\f\v]*=[ \t\f\v]*(\S.*)?\Z")
KNOWN_DIRECTIVES = frozenset({"syntax", "escape", "check"})


class Directive(Record):
    """One directive: key in lower case, value as written, 1-based line."""

    __slots__ = ("name", "value", "line", "start", "end", "value_start")

    name: str
    value: str
    line: int
    start: int
    end: int
    value_start: int

    def __init__(
        self,
        name: str,
        value: str,
        line: int,
        start: int,
        end: int,
        value_start: int,
    ) -> None:
        init(self, "name", name)
        init(self, "value", value)
        init(self, "line", line)
        init(self, "start", start)
        init(self, "end", end)
        init(self, "value_start", value_start)


class CheckSettings(Record):
    """The parsed value of `# check=`: rules skipped, error mode, experimental rules."""

    __slots__ = ("skip", "skip_all", "error", "experimental", "experimental_all")

    skip: frozenset[str]
    skip_all: bool
    error: bool
    experimental: frozenset[str]
    experimental_all: bool

    def __init__(
        self,
        skip: frozenset[str] = frozenset(),
        skip_all: bool = False,
        error: bool = False,
        experimental: frozenset[str] = frozenset(),
        experimental_all: bool = False,
    ) -> None:
        init(self, "skip", skip)
        init(self, "skip_all", skip_all)
        init(self, "error", error)
        init(self, "experimental", experimental)
        init(self, "experimental_all", experimental_all)


_NO_CHECK = CheckSettings()


class Directives(Record):
    """Everything the directive header says."""

    __slots__ = ("escape", "items", "problems", "check")

    escape: str
    items: tuple[Directive, ...]
    problems: tuple[TextProblem, ...]
    check: CheckSettings

    def __init__(
        self,
        escape: str = "\\",
        items: tuple[Directive, ...] = (),
        problems: tuple[TextProblem, ...] = (),
        check: CheckSettings = _NO_CHECK,
    ) -> None:
        init(self, "escape", escape)
        init(self, "items", items)
        init(self, "problems", problems)
        init(self, "check", check)

    def get(self, name: str) -> Directive | None:
        for item in self.items:
            if item.name == name:
                return item
        return None


def parse_directives(text: str) -> Directives:
    """Read the directive header of `text` (line endings already normalised)."""
    items: list[Directive] = []
    problems: list[TextProblem] = []
    seen: set[str] = set()
    escape = "\\"
    check = CheckSettings()
    for line_number, offset, raw in _lines(text, 0):
        stripped = raw.lstrip()
        match = _DIRECTIVE.match(stripped.rstrip(" \t\f\v"))
        if match is None or match.group(2) is None:
            break
        key = match.group(1).lower()
        if key not in KNOWN_DIRECTIVES:
            break
        base = offset + (len(raw) - len(stripped))
        start, end = base, base + match.end()
        value = match.group(2)
        value_start = base + match.start(2)
        if key in seen:
            problems.append(TextProblem(start, end, f"only one {key} parser directive can be used"))
        else:
            seen.add(key)
            items.append(Directive(key, value, line_number, start, end, value_start))
            if key == "escape":
                if value in ("\\", "`"):
                    escape = value
                else:
                    problems.append(
                        TextProblem(
                            value_start,
                            value_start + len(value),
                            f"invalid escape token {value!r}: use a backslash or a backtick",
                        )
                    )
    # BuildKit's linter looks for `check` on its own terms (see _check_directive).
    items = [item for item in items if item.name != "check"]
    directive = _check_directive(text)
    if directive is not None:
        items.append(directive)
        check, check_problems = _parse_check(directive.value, directive.value_start)
        problems.extend(check_problems)
    return Directives(escape, tuple(items), tuple(problems), check)


def _check_directive(text: str) -> Directive | None:
    """`# check=` where BuildKit's linter finds it (parser.ParseDirective), which is not
    quite where the parser reads `escape`: a `#!` first line is skipped, and each line
    must start with `#` in its first column. The first line that is not a known
    directive ends the header."""
    shebang = 1 if text.startswith("#!") else 0
    for line_number, offset, raw in _lines(text, shebang):
        body = raw[1:].lstrip()
        match = _DIRECTIVE.match("#" + body.rstrip(" \t\f\v")) if raw[:1] == "#" else None
        if match is None or match.group(2) is None:
            return None
        key = match.group(1).lower()
        if key not in KNOWN_DIRECTIVES:
            return None
        if key == "check":
            base = offset + len(raw) - len(body) - 1  # where "#" + body would start
            value_start = base + match.start(2)
            value = match.group(2)
            return Directive(key, value, line_number, offset, base + match.end(), value_start)
    return None


def _lines(text: str, skip: int) -> Iterator[tuple[int, int, str]]:
    """(1-based number, offset, text) of each line of `text` after the first `skip`."""
    offset = line_number = 0
    length = len(text)
    while offset < length:
        line_end = text.find("\n", offset)
        if line_end == -1:
            line_end = length
        line_number += 1
        if line_number > skip:
            yield line_number, offset, text[offset:line_end]
        offset = line_end + 1


def _parse_check(value: str, value_start: int) -> tuple[CheckSettings, list[TextProblem]]:
    """Parse `skip=A,B;error=true;experimental=C` as BuildKit does."""
    skip: set[str] = set()
    experimental: set[str] = set()
    skip_all = error = experimental_all = False
    problems: list[TextProblem] = []
    for part in value.split(";"):
        part = part.strip()
        if not part:
            continue
        key, separator, setting = part.partition("=")
        key = key.strip().lower()
        setting = setting.strip()
        names = [name.strip() for name in setting.split(",") if name.strip()]
        if not separator:
            problems.append(_check_problem(value, value_start, part, "expected key=value"))
        elif key == "skip":
            if any(name.lower() == "all" for name in names):
                skip_all = True
            skip.update(names)
        elif key == "error":
            if setting.lower() in ("true", "1"):
                error = True
            elif setting.lower() not in ("false", "0"):
                problems.append(
                    _check_problem(value, value_start, part, "error takes true or false")
                )
        elif key == "experimental":
            if any(name.lower() == "all" for name in names):
                experimental_all = True
            experimental.update(names)
        else:
            problems.append(
                _check_problem(value, value_start, part, f"unknown check option {key!r}")
            )
    settings = CheckSettings(
        frozenset(skip), skip_all, error, frozenset(experimental), experimental_all
    )
    return settings, problems


def _check_problem(value: str, value_start: int, part: str, why: str) -> TextProblem:
    index = max(value.find(part), 0)
    start = value_start + index
    return TextProblem(start, start + len(part), f"invalid check directive {part!r}: {why}")
