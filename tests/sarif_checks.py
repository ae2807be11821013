"""Checks of a SARIF log: the OASIS schema, and GitHub code scanning's own rules.

The schema (draft-04) says what SARIF allows; GitHub additionally needs fields the
schema leaves optional (rule metadata, regions, fingerprints, relative URIs) and
caps sizes. `github_problems` lists every way a log falls short of that; an empty
list means GitHub can ingest it as one analysis with every alert placed.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from .conformance.shared import SHARED

SCHEMA_PATH = SHARED / "schemas" / "sarif-schema-2.1.0.json"
requires_schema = pytest.mark.skipif(
    not SCHEMA_PATH.is_file(),
    reason=f"SARIF schema not found at {SCHEMA_PATH} (set LAYERLINT_SHARED); "
    "schema checks run in .ci/run",
)

MAX_RESULTS = 25_000
MAX_RULES = 25_000
MAX_TAGS = 20
MAX_GZIPPED_BYTES = 10 * 1024 * 1024
LEVELS = {"none", "note", "warning", "error"}
PRECISIONS = {"very-high", "high", "medium", "low"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = json.loads(Path(SCHEMA_PATH).read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def schema_errors(log: object) -> list[str]:
    """Violations of the SARIF 2.1.0 schema, as `path: message` lines."""
    return [
        f"{'/'.join(str(part) for part in error.absolute_path)}: {error.message}"
        for error in _validator().iter_errors(log)
    ]


def _is_position(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def github_problems(text: str) -> list[str]:
    """Every way the SARIF `text` falls short of GitHub code scanning's requirements."""
    problems: list[str] = []
    size = len(gzip.compress(text.encode("utf-8")))
    if size > MAX_GZIPPED_BYTES:
        problems.append(f"{size} bytes gzipped, over the 10 MB limit")
    log = json.loads(text)
    if not isinstance(log.get("$schema"), str):
        problems.append("no $schema")
    if log.get("version") != "2.1.0":
        problems.append(f"version is {log.get('version')!r}, not '2.1.0'")
    runs = log.get("runs")
    if not isinstance(runs, list) or len(runs) != 1:
        return [*problems, "not exactly one run"]
    run = runs[0]
    driver = run.get("tool", {}).get("driver", {})
    for key in ("name", "version", "semanticVersion", "informationUri"):
        if not isinstance(driver.get(key), str) or not driver[key]:
            problems.append(f"tool.driver.{key} missing")
    rules = driver.get("rules")
    if not isinstance(rules, list) or not rules:
        return [*problems, "tool.driver.rules missing or empty"]
    if len(rules) > MAX_RULES:
        problems.append(f"{len(rules)} rules, over the limit of {MAX_RULES}")
    index: dict[str, int] = {}
    for position, rule in enumerate(rules):
        problems.extend(_rule_problems(rule))
        rule_id = rule.get("id")
        if rule_id in index:
            problems.append(f"rule {rule_id} listed twice")
        index[rule_id] = position
    automation = run.get("automationDetails")
    if automation is not None and not (isinstance(automation.get("id"), str) and automation["id"]):
        problems.append("automationDetails without an id")
    bases = run.get("originalUriBaseIds", {})
    results = run.get("results")
    if not isinstance(results, list):
        return [*problems, "results is not a list (write [] when nothing was found)"]
    if len(results) > MAX_RESULTS:
        problems.append(f"{len(results)} results, over the limit of {MAX_RESULTS}")
    seen: set[tuple[str, str, str]] = set()
    for number, result in enumerate(results):
        for problem in _result_problems(result, index, bases):
            problems.append(f"result {number}: {problem}")
        location = (result.get("locations") or [{}])[0]
        uri = location.get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "")
        key = (
            uri,
            result.get("ruleId", ""),
            result.get("partialFingerprints", {}).get("primaryLocationLineHash", ""),
        )
        if key in seen:
            problems.append(f"result {number}: same file, rule and fingerprint as an earlier one")
        seen.add(key)
    return problems


def _rule_problems(rule: dict[str, Any]) -> list[str]:
    problems = []
    rule_id = rule.get("id", "?")
    for path in (
        ("id",),
        ("name",),
        ("shortDescription", "text"),
        ("fullDescription", "text"),
        ("help", "text"),
        ("help", "markdown"),
        ("helpUri",),
    ):
        value: Any = rule
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if not isinstance(value, str) or not value.strip():
            problems.append(f"rule {rule_id}: {'.'.join(path)} missing")
    level = rule.get("defaultConfiguration", {}).get("level")
    if level not in LEVELS:
        problems.append(f"rule {rule_id}: defaultConfiguration.level is {level!r}")
    properties = rule.get("properties", {})
    tags = properties.get("tags")
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        problems.append(f"rule {rule_id}: properties.tags is not a list of strings")
        tags = []
    elif len(tags) > MAX_TAGS:
        problems.append(f"rule {rule_id}: {len(tags)} tags, over the limit of {MAX_TAGS}")
    if properties.get("precision") not in PRECISIONS:
        problems.append(f"rule {rule_id}: properties.precision is {properties.get('precision')!r}")
    severity = properties.get("security-severity")
    if severity is not None:
        try:
            number = float(severity)
        except (TypeError, ValueError):
            number = -1.0
        if not isinstance(severity, str) or not 0.1 <= number <= 10.0:
            problems.append(f"rule {rule_id}: security-severity {severity!r} is not '0.1'-'10.0'")
        if "security" not in tags:
            problems.append(f"rule {rule_id}: security-severity without the 'security' tag")
    elif "security" in tags:
        problems.append(f"rule {rule_id}: a security rule without security-severity")
    return problems


def _result_problems(
    result: dict[str, Any], index: dict[str, int], bases: dict[str, Any]
) -> list[str]:
    problems = []
    rule_id = result.get("ruleId")
    if rule_id not in index:
        problems.append(f"ruleId {rule_id!r} is not in tool.driver.rules")
    elif result.get("ruleIndex") != index[rule_id]:
        problems.append(f"ruleIndex {result.get('ruleIndex')} does not point at {rule_id}")
    if result.get("level") not in LEVELS:
        problems.append(f"level is {result.get('level')!r}")
    message = result.get("message", {}).get("text")
    if not isinstance(message, str) or not message.strip():
        problems.append("message.text missing")
    locations = result.get("locations")
    if not isinstance(locations, list) or len(locations) != 1:
        return [*problems, "not exactly one location"]
    physical = locations[0].get("physicalLocation", {})
    artifact = physical.get("artifactLocation", {})
    uri = artifact.get("uri")
    if not isinstance(uri, str) or not uri:
        problems.append("artifactLocation.uri missing")
    elif _SCHEME.match(uri) or uri.startswith("/") or ".." in uri.split("/"):
        problems.append(f"artifactLocation.uri {uri!r} is not relative to the repository")
    base = artifact.get("uriBaseId")
    if base != "%SRCROOT%":
        problems.append(f"uriBaseId is {base!r}, not '%SRCROOT%'")
    else:
        base_uri = bases.get(base, {}).get("uri", "")
        if not (base_uri.startswith("file:///") and base_uri.endswith("/")):
            problems.append(f"originalUriBaseIds[%SRCROOT%] is {base_uri!r}")
    region = physical.get("region", {})
    for key in ("startLine", "startColumn", "endLine", "endColumn"):
        if not _is_position(region.get(key)):
            problems.append(f"region.{key} is {region.get(key)!r}, not a position >= 1")
    if all(
        _is_position(region.get(key))
        for key in ("startLine", "startColumn", "endLine", "endColumn")
    ):
        start = (region["startLine"], region["startColumn"])
        if (region["endLine"], region["endColumn"]) < start:
            problems.append("region ends before it starts")
    line_hash = result.get("partialFingerprints", {}).get("primaryLocationLineHash")
    if not isinstance(line_hash, str) or not line_hash:
        problems.append("partialFingerprints.primaryLocationLineHash missing")
    return problems
