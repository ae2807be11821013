"""What every reporter receives, and the text helpers they share."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..findings import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..rule import LoadedRule
    from ..source import Source


class Report:
    """The outcome of a run, as reporters see it.

    `findings` are sorted by path, line and column. `sources` holds the decoded text
    of each linted file (for source excerpts); `paths` every file that was linted,
    with or without findings. `rules` are the rules the run used. `notices` are
    warnings a reporter raises about its own output (e.g. GitHub's SARIF limits); the
    CLI prints them on standard error so that the report itself stays valid. `errors`
    are the run's own failures (a path not found, a file not read), which the CLI
    prints too; SARIF records them so that a partial run does not look complete.
    """

    def __init__(
        self,
        findings: list[Finding],
        paths: list[str],
        sources: Mapping[str, Source] | None = None,
        rules: list[LoadedRule] | None = None,
        color: bool = False,
        statistics: bool = False,
        quiet: bool = False,
        sarif_category: str | None = None,
        repository_root: str | None = None,
        skipped: list[tuple[str, str]] | None = None,
        notices: list[str] | None = None,
        errors: list[str] | None = None,
    ) -> None:
        self.findings = findings
        self.paths = paths
        self.sources = sources if sources is not None else {}
        self.rules = rules if rules is not None else []
        self.color = color
        self.statistics = statistics
        self.quiet = quiet
        self.sarif_category = sarif_category
        self.repository_root = repository_root
        self.skipped = skipped if skipped is not None else []
        self.notices = notices if notices is not None else []
        self.errors = errors if errors is not None else []

    def severity_counts(self) -> Counter[Severity]:
        return Counter(finding.severity for finding in self.findings)

    def rule(self, code: str) -> LoadedRule | None:
        """The rule of a code: one of the run's rules, else any registered rule."""
        for rule in self.rules:
            if rule.code == code:
                return rule
        from ..registry import find_rule

        return find_rule(code)


def statistics_text(report: Report) -> str:
    """`--statistics`: one line per rule, `count  code  name`, most frequent first."""
    counts = Counter((finding.code, finding.name) for finding in report.findings)
    rows = [f"{count:6d}  {code}  {name}" for (code, name), count in counts.most_common()]
    return "\n".join(rows)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    """`3 findings (1 error, 2 warnings) in 2 files`."""
    count = len(report.findings)
    files = len(report.paths)
    if count == 0:
        return f"no findings in {plural(files, 'file')}"
    counts = report.severity_counts()
    parts = [
        plural(counts[severity], severity.label)
        for severity in sorted(counts, reverse=True)
        if counts[severity]
    ]
    return f"{plural(count, 'finding')} ({', '.join(parts)}) in {plural(files, 'file')}"


_CONTROL = {code: f"\\x{code:02x}" for code in range(0x20)} | {0x7F: "\\x7f"}
_CONTROL.pop(0x09)  # tab is expanded where it matters, not escaped


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (ESC, CR, BEL ...) made visible.

    A Dockerfile must not be able to send escape sequences to whoever reads the
    report. C1 controls (U+0080-U+009F) and bidirectional overrides are escaped too.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        if code in _CONTROL:
            out.append(_CONTROL[code])
        elif 0x80 <= code <= 0x9F or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
