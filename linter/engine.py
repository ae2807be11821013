"""Running the rules over one file.

parse → (model, lazily) → rules dispatched by node kind → findings → suppressions,
per-file ignores and severity overrides → sorted findings.

A rule that raises does not stop the others: its exception becomes an LL1002 finding
naming the rule. When a time budget is given and runs out, the remaining rules are
skipped and the file gets LL1001.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .findings import Finding, Severity
from .nodes import Dockerfile, Instruction, Onbuild
from .parse import parse_source
from .registry import all_rules, resolve_many, rule_code_of
from .rule import FILE, Context, LoadedRule, instruction_head
from .settings import DEFAULT_SETTINGS, Settings
from .source import Source

if TYPE_CHECKING:
    from .model import Model

INTERNAL_ERROR = "LL1002"
TIMEOUT = "LL1001"


def select_rules(settings: Settings) -> list[LoadedRule]:
    """The rules a run uses: default (or `select`) plus `extend_select`, minus `ignore`.

    Raises registry.UnknownSelector for a selector that matches nothing.
    """
    rules = all_rules()
    if settings.select:
        chosen = set(resolve_many(settings.select))
    else:
        chosen = {rule.code for rule in rules if rule.meta.enabled}
    chosen |= resolve_many(settings.extend_select)
    chosen -= resolve_many(settings.ignore)
    # A selected subcode (`SC2086`) runs its rule; `subcodes_kept` filters the rest.
    chosen |= {rule_code_of(code) for code in chosen}
    return [rule for rule in rules if rule.code in chosen]


def subcodes_kept(findings: list[Finding], settings: Settings) -> list[Finding]:
    """Findings reported under a subcode (ShellCheck's `SC2086` ...) that the selection
    keeps: `--ignore SC2086` drops them, `--select SC2086` keeps only those."""
    if not any(finding.code != rule_code_of(finding.code) for finding in findings):
        return findings
    ignored = resolve_many(settings.ignore)
    selected = resolve_many(settings.select) | resolve_many(settings.extend_select)
    kept = []
    for finding in findings:
        owner = rule_code_of(finding.code)
        if owner != finding.code:
            if finding.code in ignored:
                continue
            if settings.select and owner not in selected and finding.code not in selected:
                continue
        kept.append(finding)
    return kept


class FileResult:
    """Everything linting one file produced."""

    __slots__ = ("errors", "file", "findings", "path", "tracebacks")

    def __init__(
        self,
        path: str,
        findings: list[Finding],
        file: Dockerfile | None = None,
        errors: list[str] | None = None,
        tracebacks: list[str] | None = None,
    ) -> None:
        self.path = path
        self.findings = findings
        self.file = file
        self.errors = errors if errors is not None else []
        self.tracebacks = tracebacks if tracebacks is not None else []

    @property
    def internal_error(self) -> bool:
        return any(finding.code == INTERNAL_ERROR for finding in self.findings)


class _ModelProvider:
    """Builds the model on first request; shared by every rule of one file."""

    def __init__(self, file: Dockerfile, settings: Settings) -> None:
        self.file = file
        self.settings = settings
        self._model: Model | None = None

    def __call__(self) -> Model:
        if self._model is None:
            from .model import Model

            self._model = Model(
                self.file,
                target=self.settings.target,
                context=self.settings.context,
                build_args=self.settings.build_args,
            )
        return self._model


def _dispatch_table(
    rules: Iterable[LoadedRule],
) -> tuple[list[LoadedRule], dict[str, list[LoadedRule]]]:
    file_rules: list[LoadedRule] = []
    by_kind: dict[str, list[LoadedRule]] = {}
    for rule in rules:
        for kind in rule.meta.visits:
            if kind == FILE:
                file_rules.append(rule)
            else:
                by_kind.setdefault(kind, []).append(rule)
    return file_rules, by_kind


def lint_source(
    source: Source,
    settings: Settings = DEFAULT_SETTINGS,
    rules: list[LoadedRule] | None = None,
    deadline: float | None = None,
) -> FileResult:
    """Lint one decoded file. Never raises for any input."""
    from .suppress import rules_for_file

    if rules is None:
        rules = select_rules(settings)
    if len(source.text) > LARGE_FILE_CHARACTERS:
        return _lint_large(source, rules)
    file = parse_source(source)
    rules = rules_for_file(file, rules, settings)  # `# check=experimental=` adds rules
    provider = _ModelProvider(file, settings)
    file_rules, by_kind = _dispatch_table(rules)
    contexts: dict[str, Context] = {}
    findings: list[Finding] = []
    result = FileResult(source.path, findings, file)

    def context_of(rule: LoadedRule) -> Context:
        context = contexts.get(rule.code)
        if context is None:
            options = rule.meta.option_defaults()
            # Top-level options go to every rule that declares one of that name.
            options.update((k, v) for k, v in settings.options.items() if k in options)
            options.update(settings.rule_options.get(rule.code, {}))
            context = Context(file, rule.meta, options, provider)
            contexts[rule.code] = context
        return context

    def run(rule: LoadedRule, node: Any) -> None:
        try:
            findings.extend(rule.check(node, context_of(rule)))
        except Exception as error:  # one broken rule must not stop the others
            import traceback

            where = node if isinstance(node, Instruction) else None
            findings.append(_internal_error(file, rule, error, where))
            result.tracebacks.append(traceback.format_exc())

    timed_out = False
    for rule in file_rules:
        if deadline is not None and time.monotonic() > deadline:
            timed_out = True
            break
        run(rule, file)
    if not timed_out and by_kind:
        for instruction in file.instructions:
            if deadline is not None and time.monotonic() > deadline:
                timed_out = True
                break
            for rule in by_kind.get(instruction.kind, ()):
                run(rule, instruction)
            if isinstance(instruction, Onbuild) and instruction.trigger is not None:
                for rule in by_kind.get(instruction.trigger.kind, ()):
                    if rule.meta.visits_onbuild:
                        run(rule, instruction.trigger)
    if timed_out:
        findings.append(_timeout(file))
    result.findings = postprocess(file, subcodes_kept(findings, settings), settings, rules)
    return result


LARGE_FILE_CHARACTERS = 16 * 1024 * 1024
FILE_TOO_LARGE = "LL1014"


def _lint_large(source: Source, rules: list[LoadedRule]) -> FileResult:
    """Syntax only, in bounded memory, for files too large to analyse (LL1014)."""
    from .directives import Directives
    from .parse import check_syntax

    problems = tuple(check_syntax(source))
    file = Dockerfile(source, Directives(), (), (), problems, ())
    findings: list[Finding] = []
    wanted = {rule.code for rule in rules}
    for rule in rules:
        if rule.code in ("LL1000", "LL1004"):
            findings.extend(rule.check(file, Context(file, rule.meta)))
    if FILE_TOO_LARGE in wanted:
        size = len(source.text) / (1024 * 1024)
        message = (
            f"the file has {size:.0f} MiB of text, more than layerlint analyses fully"
            f" ({LARGE_FILE_CHARACTERS // (1024 * 1024)} MiB): only its syntax was checked"
        )
        findings.append(meta_finding(source.path, FILE_TOO_LARGE, message))
    findings.sort(key=lambda finding: finding.sort_key)
    return FileResult(source.path, findings)


def postprocess(
    file: Dockerfile,
    findings: list[Finding],
    settings: Settings,
    rules: list[LoadedRule] | None = None,
) -> list[Finding]:
    """Suppressions, per-file ignores, severity overrides and `# check=error=true`,
    then a stable order. `rules` are the rules that ran (for LL1005/LL1006)."""
    from .suppress import apply_suppressions, raise_check_errors

    kept = apply_suppressions(file, findings, settings, rules)
    if settings.severity:
        kept = [_overridden(finding, settings.severity) for finding in kept]
    kept = raise_check_errors(file, kept, settings)
    kept.sort(key=lambda finding: finding.sort_key)
    return kept


def _overridden(finding: Finding, severities: Mapping[str, Severity]) -> Finding:
    """The finding with the severity configured for its code (or a subcode's rule)."""
    severity = severities.get(finding.code) or severities.get(rule_code_of(finding.code))
    return finding.replace(severity=severity) if severity is not None else finding


def _meta_finding(file: Dockerfile, code: str, message: str, line: int, column: int) -> Finding:
    return meta_finding(file.source.path, code, message, line, column)


def meta_finding(path: str, code: str, message: str, line: int = 1, column: int = 1) -> Finding:
    """A finding of a rule the engine reports itself (LL1001, LL1002)."""
    from .registry import find_rule

    rule = find_rule(code)
    assert rule is not None
    return Finding(
        path=path,
        line=line,
        column=column,
        end_line=line,
        end_column=column + 1,
        code=code,
        name=rule.name,
        severity=rule.meta.severity,
        message=message,
        aliases=rule.meta.aliases,
        url=rule.meta.url,
    )


def _internal_error(
    file: Dockerfile, rule: LoadedRule, error: Exception, node: Instruction | None
) -> Finding:
    line, column = 1, 1
    if node is not None:
        span = instruction_head(file, node)
        line, column = span.line, span.column
    detail = f"{type(error).__name__}: {error}"
    if len(detail) > 200:
        detail = detail[:197] + "..."
    message = (
        f"rule {rule.code} ({rule.name}) crashed here and was skipped: {detail};"
        " please report this with the Dockerfile"
    )
    return _meta_finding(file, INTERNAL_ERROR, message, line, column)


TIMEOUT_MESSAGE = (
    "linting this file took longer than the time budget (--timeout);"
    " the rules that had not run yet were skipped"
)


def _timeout(file: Dockerfile) -> Finding:
    return _meta_finding(file, TIMEOUT, TIMEOUT_MESSAGE, 1, 1)


def severity_at_least(finding: Finding, threshold: Severity | None) -> bool:
    return threshold is not None and finding.severity >= threshold
