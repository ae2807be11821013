"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

One run. `tool.driver.rules` describes every rule that can appear in it (the run's
rules, the engine's LL1001/LL1002 and any rule a result names), with the rule's
documentation as help. Each result has one location: a URI relative to the
repository root (`uriBaseId` `%SRCROOT%`, resolved by `originalUriBaseIds`), a region
in UTF-16 columns and a `primaryLocationLineHash` taken from the line's content.
`--sarif-category` sets `automationDetails.id` (GitHub keeps one analysis per
category); without it the field is left out, so that the category given to
`github/codeql-action/upload-sarif` applies.

GitHub rejects uploads over 25,000 results per run or 10 MB gzipped; the output stays
complete and valid, and a notice says so.

The object model is sarif-om's; it is imported here only, so other formats never pay
for it.
"""

from __future__ import annotations

import gzip
import json
from typing import TYPE_CHECKING, Any

import attr
import sarif_om as om

from .. import __version__
from ..engine import INTERNAL_ERROR, TIMEOUT
from ..findings import Finding, Severity
from ..lazy_re import lazy_compile
from ..rule import doc_section
from .base import Report
from .locations import (
    directory_uri,
    file_uri,
    line_hashes,
    relative_path,
    relative_uri,
    repository_root,
    utf16_column,
)

if TYPE_CHECKING:
    from ..rule import LoadedRule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/layerlint/layerlint"
SRCROOT = "%SRCROOT%"

MAX_RESULTS = 25_000
MAX_GZIPPED_BYTES = 10 * 1024 * 1024

LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.STYLE: "note",
}
# GitHub shows `problem.severity` for rules without a security severity.
PROBLEM_SEVERITIES = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "recommendation",
    Severity.STYLE: "recommendation",
}

# sarif-om fields that must be written even when they hold their default: GitHub
# wants `level` on every result and rule configuration.
_ALWAYS_WRITTEN = frozenset({"level"})
_MESSAGE_ESCAPES = lazy_compile(r"[\[\]]|\\(?=[\[\]])")
# No `[` inside the link text: each `[` then starts at most one short attempt (linear).
_MARKDOWN_LINK = lazy_compile(r"\[([^\[\]]+)\]\(([^)\s]+)\)")


def render(report: Report) -> str:
    root = repository_root(report)
    rules = _rules_of(report)
    index = {rule_id: position for position, (rule_id, _) in enumerate(rules)}
    hashes = line_hashes(report)
    outside: list[str] = []
    artifacts: dict[str, om.ArtifactLocation] = {}
    results = [
        _result(
            report,
            finding,
            index[finding.code],
            line_hash,
            _artifact(finding.path, root, artifacts, outside),
        )
        for finding, line_hash in zip(report.findings, hashes, strict=True)
    ]
    run = om.Run(
        tool=om.Tool(
            driver=om.ToolComponent(
                name="layerlint",
                version=__version__,
                semantic_version=__version__,
                information_uri=INFORMATION_URI,
                rules=[_descriptor(rule, rule_id) for rule_id, rule in rules],
            )
        ),
        results=results,
        original_uri_base_ids={SRCROOT: om.ArtifactLocation(uri=directory_uri(root))},
        column_kind="utf16CodeUnits",
        automation_details=_automation_details(report.sarif_category),
        invocations=[_invocation(report)],
    )
    log = _to_json(om.SarifLog(version="2.1.0", schema_uri=SCHEMA_URI, runs=[run]))
    assert isinstance(log, dict)
    # `$schema` and `version` first, as people and sniffing tools expect them.
    ordered = {"$schema": log.pop("$schema"), "version": log.pop("version"), **log}
    text = json.dumps(ordered, indent=2) + "\n"
    _check_limits(report, text, len(results), outside)
    return text


def _rules_of(report: Report) -> list[tuple[str, LoadedRule]]:
    """(ruleId, rule) of the run's rules, the engine's own and every rule or subcode
    (ShellCheck's `SC2086`, reported by its LL rule) a result names, by id."""
    codes = {rule.code for rule in report.rules} | {INTERNAL_ERROR, TIMEOUT}
    codes |= {finding.code for finding in report.findings}
    rules = []
    for code in sorted(codes):
        rule = report.rule(code)
        if rule is None:
            raise ValueError(f"a finding names {code}, which is not a registered rule")
        rules.append((code, rule))
    return rules


def _descriptor(rule: LoadedRule, rule_id: str | None = None) -> om.ReportingDescriptor:
    if rule_id is not None and rule_id != rule.code:
        return _subcode_descriptor(rule, rule_id)
    meta = rule.meta
    tags = list(meta.tags)
    properties: dict[str, Any] = {"precision": meta.precision}
    if meta.security_severity is not None:
        # GitHub reads security-severity only on rules tagged "security".
        if "security" not in tags:
            tags.append("security")
        properties["security-severity"] = f"{meta.security_severity:.1f}"
    properties["problem.severity"] = PROBLEM_SEVERITIES[meta.severity]
    properties["tags"] = tags
    if meta.aliases:
        properties["aliases"] = list(meta.aliases)
    doc = rule.doc.strip()
    return om.ReportingDescriptor(
        id=meta.code,
        name=meta.name,
        short_description=om.MultiformatMessageString(text=rule.summary),
        full_description=om.MultiformatMessageString(text=_full_description(rule)),
        help=om.MultiformatMessageString(
            text=plain_text(doc) or rule.summary, markdown=doc or rule.summary
        ),
        help_uri=meta.url,
        default_configuration=om.ReportingConfiguration(level=LEVELS[meta.severity]),
        # sarif-om's PropertyBag only knows `tags`; SARIF property bags are open, so
        # the bag is written as a plain mapping.
        properties=properties,
    )


def _subcode_descriptor(rule: LoadedRule, code: str) -> om.ReportingDescriptor:
    """A subcode such as `SC2086`: its own ruleId, documented by its rule."""
    meta = rule.meta
    summary = f"{code}, reported by {meta.code} ({meta.name})"
    doc = rule.doc.strip()
    return om.ReportingDescriptor(
        id=code,
        name=f"{meta.name}/{code}",
        short_description=om.MultiformatMessageString(text=summary),
        full_description=om.MultiformatMessageString(text=_full_description(rule)),
        help=om.MultiformatMessageString(text=plain_text(doc) or summary, markdown=doc or summary),
        help_uri=meta.url,
        default_configuration=om.ReportingConfiguration(level=LEVELS[meta.severity]),
        properties={
            "precision": meta.precision,
            "problem.severity": PROBLEM_SEVERITIES[meta.severity],
            "tags": list(meta.tags),
            "rule": meta.code,
        },
    )


def _full_description(rule: LoadedRule) -> str:
    """The summary and any introduction, then "Why is this bad?"."""
    doc = rule.doc.strip()
    introduction = doc.split("\n## ", 1)[0].strip()
    why = doc_section(doc, "Why is this bad?")
    parts = [part for part in (introduction or rule.summary, why) if part]
    return "\n\n".join(parts)


def plain_text(markdown: str) -> str:
    """The rule documentation for viewers that do not render Markdown: no heading
    marks, no code fences, links as `text (target)`."""
    lines = []
    for line in markdown.splitlines():
        if line.startswith("```"):
            continue
        lines.append(line[3:] if line.startswith("## ") else line)
    return _MARKDOWN_LINK.sub(r"\1 (\2)", "\n".join(lines)).strip()


def _artifact(
    path: str, root: str, artifacts: dict[str, om.ArtifactLocation], outside: list[str]
) -> om.ArtifactLocation:
    """The location of a file, computed once per file of the run."""
    artifact = artifacts.get(path)
    if artifact is None:
        relative = relative_path(path, root)
        if relative is not None:
            artifact = om.ArtifactLocation(uri=relative_uri(relative), uri_base_id=SRCROOT)
        else:
            outside.append(path)
            artifact = om.ArtifactLocation(uri=file_uri(path))
        artifacts[path] = artifact
    return artifact


def _result(
    report: Report,
    finding: Finding,
    rule_index: int,
    line_hash: str,
    artifact: om.ArtifactLocation,
) -> om.Result:
    return om.Result(
        rule_id=finding.code,
        rule_index=rule_index,
        level=LEVELS[finding.severity],
        message=om.Message(text=message_text(finding.message)),
        locations=[
            om.Location(
                physical_location=om.PhysicalLocation(
                    artifact_location=artifact, region=_region(report, finding)
                )
            )
        ],
        partial_fingerprints={"primaryLocationLineHash": line_hash},
    )


def _region(report: Report, finding: Finding) -> om.Region:
    start_line = max(finding.line, 1)
    end_line = max(finding.end_line, start_line)
    start_column = max(finding.column, 1)
    end_column = max(finding.end_column, 1)
    source = report.sources.get(finding.path)
    if source is not None:
        if start_line <= source.line_count:
            start_column = utf16_column(source.line_text(start_line), start_column)
        if end_line <= source.line_count:
            end_column = utf16_column(source.line_text(end_line), end_column)
    if end_line == start_line:
        end_column = max(end_column, start_column)
    return om.Region(
        start_line=start_line,
        start_column=start_column,
        end_line=end_line,
        end_column=end_column,
    )


def message_text(text: str) -> str:
    """A SARIF plain-text message: brackets escaped so that no text from a Dockerfile
    becomes an embedded link (`[text](target)`) in a viewer.

    A backslash is literal unless it precedes a bracket; such a backslash is doubled.
    """
    if "[" not in text and "]" not in text:
        return text
    return _MESSAGE_ESCAPES.sub(lambda match: "\\" + match.group(), text)


def _automation_details(category: str | None) -> om.RunAutomationDetails | None:
    if not category:
        return None
    # GitHub takes the part of the id up to the last `/` as the category; a trailing
    # slash makes the whole text the category (as upload-sarif's `category` does).
    return om.RunAutomationDetails(id=category if category.endswith("/") else category + "/")


def _invocation(report: Report) -> om.Invocation:
    notifications = [
        om.Notification(
            message=om.Message(text=f"{path}: skipped: {reason}"),
            level="note",
        )
        for path, reason in report.skipped
    ]
    notifications += [
        om.Notification(message=om.Message(text=error), level="error") for error in report.errors
    ]
    return om.Invocation(
        execution_successful=not report.errors,
        tool_execution_notifications=notifications or None,
    )


def _check_limits(report: Report, text: str, results: int, outside: list[str]) -> None:
    if results > MAX_RESULTS:
        report.notices.append(
            f"SARIF: {results} results exceed GitHub code scanning's limit of {MAX_RESULTS}"
            " per run, so GitHub will reject the upload; select fewer rules (--select,"
            " --ignore) or lint fewer paths per run (with a --sarif-category each)"
        )
    size = len(gzip.compress(text.encode("utf-8"), compresslevel=6))
    if size > MAX_GZIPPED_BYTES:
        report.notices.append(
            f"SARIF: the report is {size / 1024 / 1024:.1f} MB gzipped, over GitHub code"
            " scanning's limit of 10 MB, so GitHub will reject the upload; select fewer"
            " rules or lint fewer paths per run"
        )
    if outside:
        report.notices.append(
            f"SARIF: {len(outside)} file(s) lie outside the repository root"
            f" {repository_root(report)} (e.g. {outside[0]}) and are reported with"
            " absolute URIs, which GitHub cannot place; run from inside the repository"
            " or pass --repository-root"
        )


_NOT_WRITTEN = object()
_FIELDS: dict[type, list[tuple[str, str, object]]] = {}


def _fields(kind: type) -> list[tuple[str, str, object]]:
    """(attribute, JSON name, value not to write) of a sarif-om class, computed once."""
    fields = _FIELDS.get(kind)
    if fields is None:
        fields = []
        for field in attr.fields(kind):
            default = field.default
            if isinstance(default, attr.Factory):  # type: ignore[arg-type]
                default = default.factory()
            if default is attr.NOTHING or field.name in _ALWAYS_WRITTEN:
                default = _NOT_WRITTEN
            fields.append((field.name, field.metadata["schema_property_name"], default))
        _FIELDS[kind] = fields
    return fields


def _to_json(value: object) -> object:
    """sarif-om objects to JSON values: fields left at their defaults are omitted."""
    if isinstance(value, (str, int, float)):
        return value
    if isinstance(value, dict):
        return {key: _to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_json(item) for item in value]
    out: dict[str, object] = {}
    for name, json_name, default in _fields(type(value)):
        item = getattr(value, name)
        if item is None or item == default:
            continue
        out[json_name] = _to_json(item)
    return out
