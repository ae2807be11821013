"""`--format tty`: one block per finding, like a modern compiler, then a summary.

    Dockerfile:3:5: warning: LL5001 delete-in-later-layer: /tmp/x.tgz was created by ...
       |
     3 | RUN rm -rf /tmp/x.tgz
       |     ^^^^^^^^^^^^^^^^^
    3 findings (1 error, 2 warnings) in 1 file

Colour comes from colorama and only when asked for (`--color`, NO_COLOR,
FORCE_COLOR); every piece of text from the Dockerfile is made printable first.
"""

from __future__ import annotations

from collections import Counter

from ..findings import Finding, Severity
from .base import Report, printable, summary_line

_SEVERITY_STYLE = {
    Severity.ERROR: "RED",
    Severity.WARNING: "YELLOW",
    Severity.INFO: "CYAN",
    Severity.STYLE: "MAGENTA",
}


class _Palette:
    """ANSI styles from colorama, or nothing at all."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled:
            from colorama import Fore, Style

            self._fore = Fore
            self._style = Style

    def paint(self, text: str, color: str | None = None, bright: bool = False) -> str:
        if not self.enabled:
            return text
        prefix = self._style.BRIGHT if bright else ""
        if color:
            prefix += getattr(self._fore, color)
        return f"{prefix}{text}{self._style.RESET_ALL}"


def render(report: Report) -> str:
    palette = _Palette(report.color)
    blocks: list[str] = []
    if not report.quiet:
        for finding in report.findings:
            blocks.append(_block(finding, report, palette))
    for path, reason in report.skipped:
        skipped = f"{printable(path)}: skipped: {printable(reason)}"
        blocks.append(palette.paint(skipped, bright=True))
    lines = ["\n".join(blocks)] if blocks else []
    if report.statistics and report.findings:
        lines.append(_statistics(report))
    summary = summary_line(report)
    if report.findings:
        worst = max(finding.severity for finding in report.findings)
        summary = palette.paint(summary, _SEVERITY_STYLE[worst], bright=True)
    else:
        summary = palette.paint(summary, "GREEN", bright=True)
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _block(finding: Finding, report: Report, palette: _Palette) -> str:
    where = palette.paint(
        f"{printable(finding.path)}:{finding.line}:{finding.column}:", bright=True
    )
    # The severity is written out, not left to the colour alone (logs, NO_COLOR).
    style = _SEVERITY_STYLE[finding.severity]
    level = palette.paint(f"{finding.severity.label}:", style, bright=True)
    code = palette.paint(finding.code, style, bright=True)
    head = f"{where} {level} {code} {finding.name}: {printable(finding.message)}"
    source = report.sources.get(finding.path)
    if source is None or finding.line > source.line_count:
        return head
    text = source.line_text(finding.line)
    shown = _display(text)
    caret_start = len(_display(text[: finding.column - 1]))
    if finding.end_line == finding.line:
        caret_end = len(_display(text[: max(finding.end_column - 1, finding.column)]))
    else:
        caret_end = len(shown)
    width = max(1, caret_end - caret_start)
    gutter = str(finding.line)
    pad = " " * len(gutter)
    bar = palette.paint("|", "BLUE", bright=True)
    marker = palette.paint("^" * width, _SEVERITY_STYLE[finding.severity], bright=True)
    return (
        f"{head}\n"
        f" {pad} {bar}\n"
        f" {palette.paint(gutter, 'BLUE', bright=True)} {bar} {shown}\n"
        f" {pad} {bar} {' ' * caret_start}{marker}"
    )


def _display(text: str) -> str:
    """How a piece of a source line is shown: tabs expanded, controls made visible.

    Both steps work character by character, so the display width of a prefix is the
    display column of the character after it.
    """
    return printable(text.expandtabs(4))


def _statistics(report: Report) -> str:
    counts = Counter((finding.code, finding.name) for finding in report.findings)
    rows = [f"{count:6d}  {code}  {name}" for (code, name), count in counts.most_common()]
    return "\n".join(rows)
