"""The peers' rule cases: hadolint's and BuildKit's own tests, run through layerlint.

Data: ../shared/conformance/hadolint-cases.jsonl and buildkit-lint-cases.jsonl (their
README explains every field). Judging:

- hadolint: a case for `DL3008` looks at the findings of the rule whose aliases
  contain `DL3008` (that rule is run even when it is off by default, as hadolint's
  test helpers run it). `SHELLCHECK` looks at findings of rules aliased to `SC*`
  codes; `ALL` means no finding of any rule in hadolint's default rule set (rules
  aliased to hadolint codes that hadolint does not ignore by default, plus
  ShellCheck). `count` is exact when given, else "at least one" (`catches`) or
  none (`passes`). hadolint appends "\\n" before parsing; `onbuild` cases wrap each
  RUN in ONBUILD; `config` is written as `.hadolint.yaml` and read with layerlint's
  own loader.
- BuildKit: the expected warnings (check name, line) must equal, as a multiset, the
  findings of rules aliased to BuildKit check names, with every non-experimental
  check's rule running (as `docker build --check` does). `.dockerignore` goes beside
  the Dockerfile (the build context), `build-arg:` front-end attributes become build
  arguments (`BUILDKIT_DOCKERFILE_CHECK` included). When BuildKit fails the lint with
  "lint violation found for rules: …" (`check=error=true`), those rules' findings
  must be errors. Messages (`detail`) are compared only as a statistic.

Four categories, with the issues' targets: hadolint without pragma or config (98 %),
hadolint with a pragma or a config (95 %), BuildKit without `# check=` (95 %),
BuildKit with `# check=` (90 %). Cases listed in known-differences.md are still
failures; the report tells them apart from unexplained ones.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from layerlint.engine import lint_source
from layerlint.findings import Finding, Severity
from layerlint.settings import Settings
from layerlint.source import Source

from .shared import CONFORMANCE

HERE = Path(__file__).parent
KNOWN_DIFFERENCES = HERE / "known-differences.md"

HADOLINT_PLAIN = "hadolint"
HADOLINT_PRAGMA = "hadolint-pragma-config"
BUILDKIT_PLAIN = "buildkit"
BUILDKIT_CHECK = "buildkit-check-directive"

TARGETS: dict[str, float] = {
    HADOLINT_PLAIN: 0.98,
    HADOLINT_PRAGMA: 0.95,
    BUILDKIT_PLAIN: 0.95,
    BUILDKIT_CHECK: 0.90,
}
TITLES: dict[str, str] = {
    HADOLINT_PLAIN: "hadolint cases without pragma or config",
    HADOLINT_PRAGMA: "hadolint cases with a pragma or a config",
    BUILDKIT_PLAIN: "BuildKit cases without # check=",
    BUILDKIT_CHECK: "BuildKit cases with # check=",
}

_HADOLINT_PRAGMA = re.compile(r"^\s*#\s*hadolint\s", re.M | re.I)
_CHECK_DIRECTIVE = re.compile(r"^\s*#\s*check\s*=", re.M | re.I)
_SHELLCHECK = re.compile(r"SC\d+\Z", re.I)
_HADOLINT_CODE = re.compile(r"(?:DL|SC)\d+\Z", re.I)
_LINT_ERROR = "lint violation found for rules: "


@dataclass(frozen=True)
class Case:
    """One case of either suite."""

    id: str
    suite: str
    category: str
    rule: str
    data: dict[str, Any]

    @property
    def dockerfile(self) -> str:
        return str(self.data["dockerfile"])


@dataclass
class Outcome:
    """How layerlint did on one case."""

    case: Case
    passed: bool
    detail: str = ""
    findings: list[Finding] = field(default_factory=list)
    message_matches: int = 0
    message_total: int = 0


@dataclass
class CategoryResult:
    category: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def passed(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.passed)

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 1.0

    @property
    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.passed]


# ---------------------------------------------------------------------------
# Loading cases


def _jsonl(name: str) -> list[dict[str, Any]]:
    path = CONFORMANCE / name
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def hadolint_cases() -> list[Case]:
    cases = []
    for data in _jsonl("hadolint-cases.jsonl"):
        stem = Path(data["spec_file"]).stem.removesuffix("Spec")
        case_id = f"{stem}:{data['spec_line']}" + ("/onbuild" if data.get("onbuild") else "")
        uses = data.get("config") is not None or _HADOLINT_PRAGMA.search(data["dockerfile"])
        category = HADOLINT_PRAGMA if uses else HADOLINT_PLAIN
        cases.append(Case(case_id, "hadolint", category, data["rule"], data))
    return cases


def buildkit_cases() -> list[Case]:
    cases = []
    for data in _jsonl("buildkit-lint-cases.jsonl"):
        attrs = data.get("frontend_attrs") or {}
        uses = _CHECK_DIRECTIVE.search(data["dockerfile"]) or any(
            key.endswith("BUILDKIT_DOCKERFILE_CHECK") for key in attrs
        )
        category = BUILDKIT_CHECK if uses else BUILDKIT_PLAIN
        cases.append(Case(data["test_name"], "buildkit", category, data["rule"], data))
    return cases


def _tsv(name: str) -> list[dict[str, str]]:
    path = CONFORMANCE / name
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:] if line.strip()]


@lru_cache(maxsize=1)
def hadolint_default_codes() -> frozenset[str]:
    """hadolint's rules that run by default (its README severity is not `Ignore`)."""
    return frozenset(
        row["code"].upper()
        for row in _tsv("hadolint-rules.tsv")
        if row["default_severity"] != "Ignore"
    )


@lru_cache(maxsize=1)
def buildkit_checks() -> dict[str, bool]:
    """BuildKit check name → experimental."""
    return {row["name"]: row["experimental"] == "true" for row in _tsv("buildkit-checks.tsv")}


# ---------------------------------------------------------------------------
# Rules by alias


def _rules() -> tuple[Any, ...]:
    from layerlint.registry import all_rules

    return all_rules()


def rule_with_alias(alias: str) -> Any:
    wanted = alias.upper()
    for rule in _rules():
        if any(a.upper() == wanted for a in rule.meta.aliases):
            return rule
    return None


def _codes_with_alias(predicate: Any) -> tuple[str, ...]:
    return tuple(rule.code for rule in _rules() if any(predicate(a) for a in rule.meta.aliases))


def _shellcheck_codes() -> tuple[str, ...]:
    """Rules that report ShellCheck findings under their `SCnnnn` codes (subcodes)."""
    return tuple(rule.code for rule in _rules() if rule.meta.reports_as("SC2086"))


def wrap_runs_in_onbuild(text: str) -> str:
    """Every top-level RUN becomes `ONBUILD RUN …` on the same lines."""
    from layerlint.parse import parse_text

    file = parse_text(text)
    out = file.source.text
    for node in sorted(file.instructions, key=lambda n: n.keyword_span.start, reverse=True):
        if node.kind == "RUN":
            start = node.keyword_span.start
            out = out[:start] + "ONBUILD " + out[start:]
    return out


def _show(findings: Iterable[Finding]) -> list[str]:
    shown = []
    for finding in findings:
        alias = ",".join(finding.aliases)
        shown.append(f"{finding.code}{'(' + alias + ')' if alias else ''}@{finding.line}")
    return shown


# ---------------------------------------------------------------------------
# hadolint


def run_hadolint_case(case: Case, workdir: Path) -> Outcome:
    data = case.data
    text = case.dockerfile + "\n"
    if data.get("onbuild"):
        text = wrap_runs_in_onbuild(text)
    settings = Settings()
    if data.get("config") is not None:
        import yaml
        from layerlint.config import ConfigError, load_config_file

        config_path = workdir / ".hadolint.yaml"
        config_path.write_text(yaml.safe_dump(data["config"]), encoding="utf-8")
        try:
            settings = load_config_file(str(config_path))
        except ConfigError as error:
            return Outcome(case, False, f"configuration rejected: {error}")
    rule = case.rule.upper()
    defaults = hadolint_default_codes()
    if rule in ("ALL", "SHELLCHECK"):
        if rule == "ALL":
            extra = _codes_with_alias(lambda a: a.upper() in defaults or _SHELLCHECK.match(a))
            extra += _shellcheck_codes()
        else:
            extra = _codes_with_alias(lambda a: _SHELLCHECK.match(a)) + _shellcheck_codes()
        if not extra:
            # Nothing to judge yet: a pass would be vacuous.
            what = "hadolint default" if rule == "ALL" else "ShellCheck (SC)"
            return Outcome(case, False, f"no layerlint rule has a {what} alias")
    else:
        target = rule_with_alias(rule)
        if target is None:
            return Outcome(case, False, f"no layerlint rule has the alias {rule}")
        extra = (target.code,)
    settings = settings.with_changes(extend_select=tuple(settings.extend_select) + extra)
    findings = lint_source(Source(text, "Dockerfile"), settings).findings

    if rule == "ALL":
        relevant = [
            f
            for f in findings
            if _SHELLCHECK.match(f.code)
            or any(a.upper() in defaults or _SHELLCHECK.match(a) for a in f.aliases)
        ]
    elif rule == "SHELLCHECK":
        relevant = [
            f
            for f in findings
            if _SHELLCHECK.match(f.code) or any(_SHELLCHECK.match(a) for a in f.aliases)
        ]
    else:
        relevant = [f for f in findings if rule in (a.upper() for a in f.aliases)]
    count = data.get("count")
    if data["expect"] == "passes":
        passed, wanted = not relevant, "none"
    elif count is None:
        passed, wanted = bool(relevant), "at least one"
    else:
        passed, wanted = len(relevant) == count, f"exactly {count}"
    detail = f"{case.rule}: expected {wanted}, got {len(relevant)} {_show(relevant)}"
    return Outcome(case, passed, detail, findings)


# ---------------------------------------------------------------------------
# BuildKit


def _buildkit_name(finding: Finding, checks: dict[str, bool]) -> str | None:
    for alias in finding.aliases:
        if alias in checks:
            return alias
    return None


def run_buildkit_case(case: Case, workdir: Path) -> Outcome:
    data = case.data
    checks = buildkit_checks()
    context = workdir / re.sub(r"[^A-Za-z0-9_.-]", "_", case.id)
    context.mkdir(parents=True, exist_ok=True)
    dockerfile = context / "Dockerfile"
    dockerfile.write_bytes(data["dockerfile"].encode("utf-8"))
    if data.get("dockerignore") is not None:
        (context / ".dockerignore").write_text(data["dockerignore"], encoding="utf-8")
    attrs = data.get("frontend_attrs") or {}
    build_args = {
        key.split(":", 1)[1]: str(value)
        for key, value in attrs.items()
        if key.startswith("build-arg:")
    }
    if case.rule in checks and rule_with_alias(case.rule) is None:
        return Outcome(case, False, f"no layerlint rule has the alias {case.rule}")
    # `docker build --check` runs every check that is not experimental.
    stable = {name for name, experimental in checks.items() if not experimental}
    extra = _codes_with_alias(lambda a: a in stable)
    settings = Settings(
        extend_select=extra,
        context=str(context),
        options={"build-args": build_args} if build_args else {},
    )
    source = Source.from_bytes(dockerfile.read_bytes(), str(dockerfile))
    findings = lint_source(source, settings).findings
    ours = [(name, f) for f in findings if (name := _buildkit_name(f, checks)) is not None]
    actual = Counter((name, f.line) for name, f in ours)
    expected = Counter((w["rule"], w["line"]) for w in data["expected"])
    problems = []
    if actual != expected:
        missing = sorted((expected - actual).elements(), key=lambda item: (item[1], item[0]))
        extra_found = sorted((actual - expected).elements(), key=lambda item: (item[1], item[0]))
        if missing:
            problems.append("missing " + ", ".join(f"{r}@{line}" for r, line in missing))
        if extra_found:
            problems.append("unexpected " + ", ".join(f"{r}@{line}" for r, line in extra_found))
    error = data.get("build_error") or ""
    if error.startswith(_LINT_ERROR):
        failing = {name.strip() for name in error[len(_LINT_ERROR) :].split(",")}
        weak = [
            f"{name}@{f.line}"
            for name, f in ours
            if name in failing and f.severity != Severity.ERROR
        ]
        if weak:
            problems.append("check=error=true, but not errors: " + ", ".join(weak))
    details = Counter((w["rule"], w["line"], w["detail"]) for w in data["expected"])
    mine = Counter((name, f.line, f.message) for name, f in ours)
    matches = sum((details & mine).values())
    outcome = Outcome(
        case, not problems, "; ".join(problems), findings, matches, len(data["expected"])
    )
    if not problems:
        outcome.detail = "ok"
    return outcome


# ---------------------------------------------------------------------------
# Running and reporting


def case_matches(case: Case, selector: str) -> bool:
    """`--rule`: the case's rule, an expected BuildKit check, or their LL rule."""
    from layerlint.registry import find_rule

    names = {case.rule}
    if case.suite == "buildkit":
        names |= {w["rule"] for w in case.data["expected"]}
    wanted = selector.strip().upper()
    if wanted in {name.upper() for name in names}:
        return True
    rule = find_rule(selector)
    return rule is not None and any(find_rule(name) is rule for name in names)


def run_all(rule: str | None = None) -> list[CategoryResult]:
    """Every case of both suites, by category (all four, possibly empty)."""
    results = {category: CategoryResult(category) for category in TARGETS}
    cases = hadolint_cases() + buildkit_cases()
    with tempfile.TemporaryDirectory(prefix="layerlint-cases-") as temporary:
        workdir = Path(temporary)
        for case in cases:
            if rule is not None and not case_matches(case, rule):
                continue
            if case.suite == "hadolint":
                outcome = run_hadolint_case(case, workdir)
            else:
                outcome = run_buildkit_case(case, workdir)
            results[case.category].outcomes.append(outcome)
    return list(results.values())


def known_differences() -> dict[str, str]:
    """Case id → reason, from the bullet lists of known-differences.md."""
    if not KNOWN_DIFFERENCES.exists():
        return {}
    known = {}
    for line in KNOWN_DIFFERENCES.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*[-*]\s+`([^`]+)`\s*[:—-]?\s*(.*)", line)
        if match:
            known[match.group(1)] = match.group(2).strip()
    return known


def _missing_rules(outcomes: Iterable[Outcome]) -> Counter[str]:
    missing: Counter[str] = Counter()
    for outcome in outcomes:
        if outcome.detail.startswith("no layerlint rule has"):
            missing[outcome.case.rule] += 1
    return missing


def format_report(results: list[CategoryResult], verbose: bool = False) -> tuple[str, bool]:
    """The printed report and whether every category reached its target."""
    known = known_differences()
    lines: list[str] = []
    ok = True
    for result in results:
        target = TARGETS[result.category]
        reached = result.rate >= target
        ok = ok and reached
        verdict = "ok" if reached else "BELOW TARGET"
        lines.append(
            f"{TITLES[result.category]}: {result.passed}/{result.total} passed"
            f" ({result.rate:.1%}; target {target:.0%}) {verdict}"
        )
        failures = result.failures
        listed = [f for f in failures if f.case.id in known]
        if listed:
            lines.append(f"  {len(listed)} of the failures are listed in known-differences.md")
        stale = [o.case.id for o in result.outcomes if o.passed and o.case.id in known]
        if stale:
            lines.append(f"  passing now, remove from known-differences.md: {', '.join(stale)}")
        missing = _missing_rules(failures)
        if missing:
            top = ", ".join(f"{code} ({n})" for code, n in missing.most_common(12))
            more = len(missing) - 12
            lines.append(
                f"  {sum(missing.values())} fail because no rule has the alias yet: {top}"
                + (f" and {more} more" if more > 0 else "")
            )
        if result.category in (BUILDKIT_PLAIN, BUILDKIT_CHECK):
            total = sum(o.message_total for o in result.outcomes)
            same = sum(o.message_matches for o in result.outcomes)
            if total:
                lines.append(f"  messages equal to BuildKit's: {same}/{total}")
        unexplained = [f for f in failures if f.case.id not in known]
        if not verbose:
            unexplained = [f for f in unexplained if f.case.rule not in missing]
        shown = unexplained if verbose else unexplained[:10]
        for outcome in shown:
            lines.extend(_failure_lines(outcome, verbose, known))
        if len(shown) < len(unexplained):
            lines.append(f"  ... {len(unexplained) - len(shown)} more (--verbose)")
    return "\n".join(lines) + "\n", ok


def _failure_lines(outcome: Outcome, verbose: bool, known: dict[str, str]) -> list[str]:
    case = outcome.case
    where = case.data.get("spec_file") or case.data.get("test_file")
    line = case.data.get("spec_line") or case.data.get("test_line")
    lines = [f"  - {case.id} [{case.rule}] {outcome.detail}"]
    if case.id in known:
        lines[0] += f" (known: {known[case.id]})"
    if not verbose:
        return lines
    lines.append(f"    source: {where}:{line} {case.data.get('test_name', '')!r}")
    if case.data.get("config") is not None:
        lines.append(f"    config: {json.dumps(case.data['config'])}")
    if case.data.get("onbuild"):
        lines.append("    onbuild: every RUN wrapped in ONBUILD")
    if case.suite == "buildkit":
        expected = [f"{w['rule']}@{w['line']}" for w in case.data["expected"]]
        lines.append(f"    expected: {expected}")
        if case.data.get("frontend_attrs"):
            lines.append(f"    frontend attrs: {json.dumps(case.data['frontend_attrs'])}")
        if case.data.get("dockerignore") is not None:
            lines.append(f"    .dockerignore: {case.data['dockerignore']!r}")
    reported = [f"{f.code}@{f.line}:{f.column} {f.message}" for f in outcome.findings]
    lines.append(f"    layerlint reported: {reported or 'nothing'}")
    lines.append("    Dockerfile:")
    for number, text in enumerate(case.dockerfile.split("\n"), start=1):
        lines.append(f"    {number:3} | {text}")
    return lines


def report(rule: str | None = None, verbose: bool = False) -> int:
    """Print the four categories; 1 when one is below its target (for run.py)."""
    if not CONFORMANCE.is_dir():
        print(f"SKIP rule cases: {CONFORMANCE} not found (set LAYERLINT_SHARED)")
        return 0
    text, ok = format_report(run_all(rule), verbose)
    print(text, end="")
    return 0 if ok else 1


__all__ = [
    "TARGETS",
    "Case",
    "CategoryResult",
    "Outcome",
    "buildkit_cases",
    "format_report",
    "hadolint_cases",
    "known_differences",
    "report",
    "run_all",
    "run_buildkit_case",
    "run_hadolint_case",
    "wrap_runs_in_onbuild",
]
