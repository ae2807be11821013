"""The output formats: escaping of hostile text, SARIF structure, paths and fingerprints."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from layerlint.findings import Finding, Severity
from layerlint.registry import find_rule
from layerlint.reporters import Report, renderer
from layerlint.reporters import sarif as sarif_module
from layerlint.reporters.github import escape_data, escape_property
from layerlint.reporters.locations import (
    find_repository_root,
    line_hashes,
    relative_path,
    relative_uri,
    repository_root,
    utf16_column,
)
from layerlint.rule import LoadedRule, Rule
from layerlint.runner import lint_bytes
from layerlint.settings import Settings

from ..sarif_checks import github_problems, requires_schema, schema_errors

HOSTILE = "bad <x> & \"q\" 's' ]]> </file> \x1b[31m\x07\x0b\x00 tab\t [a](b) 50% :, \r\nnext"
HOSTILE_PATH = "dir:1,2/we<ird>&%0A name.Dockerfile"


def finding(
    path: str = "Dockerfile",
    line: int = 1,
    column: int = 1,
    code: str = "LL1000",
    message: str = "message",
    severity: Severity = Severity.ERROR,
    end_line: int | None = None,
    end_column: int | None = None,
) -> Finding:
    rule = find_rule(code)
    name = rule.name if rule is not None else "custom"
    return Finding(
        path=path,
        line=line,
        column=column,
        end_line=end_line if end_line is not None else line,
        end_column=end_column if end_column is not None else column + 1,
        code=code,
        name=name,
        severity=severity,
        message=message,
    )


def report_of(findings: list[Finding], **changes: object) -> Report:
    paths = list(dict.fromkeys(f.path for f in findings)) or ["Dockerfile"]
    report = Report(findings=findings, paths=paths, repository_root=os.getcwd())
    for key, value in changes.items():
        setattr(report, key, value)
    return report


def lint(text: str, path: str = "Dockerfile") -> Report:
    result, source = lint_bytes(
        text.encode(), path, Settings(select=("LL1000", "LL1003", "LL1004"))
    )
    return Report(
        findings=result.findings,
        paths=[path],
        sources={path: source},
        repository_root=os.getcwd(),
    )


# -- escaping ---------------------------------------------------------------------------


@pytest.mark.parametrize("format_name", ["checkstyle", "junit"])
def test_xml_formats_stay_well_formed_with_hostile_text(format_name: str) -> None:
    text = renderer(format_name)(report_of([finding(path=HOSTILE_PATH, message=HOSTILE)]))
    root = ElementTree.fromstring(text)  # raises on anything that is not well-formed XML
    messages = [element.get("message") for element in root.iter() if element.get("message")]
    assert len(messages) == 1
    message = messages[0]
    assert message is not None
    # Markup arrives as text; characters XML cannot carry arrive as visible escapes;
    # CR, LF and tab survive attribute normalisation.
    assert '<x> & "q"' in message and "]]> </file>" in message
    assert "\\x1b[31m\\x07\\x0b\\x00" in message
    assert "tab\t" in message and "\r\nnext" in message
    names = {element.get("name") for element in root.iter()} | {
        element.get("classname") for element in root.iter()
    }
    assert HOSTILE_PATH in names


def test_xml_formats_list_clean_files() -> None:
    report = report_of([finding(path="bad/Dockerfile")])
    report.paths = ["bad/Dockerfile", "good/Dockerfile"]
    checkstyle = ElementTree.fromstring(renderer("checkstyle")(report))
    files = {f.get("name"): len(f.findall("error")) for f in checkstyle.iter("file")}
    assert files == {"bad/Dockerfile": 1, "good/Dockerfile": 0}
    junit = ElementTree.fromstring(renderer("junit")(report))
    assert junit.get("tests") == "2" and junit.get("failures") == "1"
    suites = {s.get("name"): s.get("failures") for s in junit.iter("testsuite")}
    assert suites == {"bad/Dockerfile": "1", "good/Dockerfile": "0"}


def test_github_commands_cannot_be_injected() -> None:
    report = report_of([finding(path=HOSTILE_PATH, message="x\n::error file=a::pwned\r%")])
    text = renderer("github")(report)
    assert text.count("\n") == 1 and text.startswith("::error file=")
    properties, message = text.rstrip("\n")[len("::error ") :].split("::", 1)
    assert message == "x%0A::error file=a::pwned%0D%25"
    listed = dict(item.split("=", 1) for item in properties.split(","))
    assert listed["file"] == "dir%3A1%2C2/we<ird>&%250A name.Dockerfile"
    assert listed["title"] == "LL1000"


def test_github_escaping_functions() -> None:
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"
    assert escape_data("\x1b[31m") == "\\x1b[31m"


@pytest.mark.parametrize(
    ("severity", "command"),
    [
        (Severity.ERROR, "error"),
        (Severity.WARNING, "warning"),
        (Severity.INFO, "notice"),
        (Severity.STYLE, "notice"),
    ],
)
def test_github_levels(severity: Severity, command: str) -> None:
    text = renderer("github")(report_of([finding(severity=severity)]))
    assert text.startswith(f"::{command} file=Dockerfile,line=1,col=1,endLine=1,endColumn=2,")


def test_gnu_is_one_line_per_finding() -> None:
    report = report_of(
        [
            finding(message=HOSTILE, line=2, column=5),
            finding(severity=Severity.STYLE, line=3, column=1, code="LL1003", message="m"),
        ]
    )
    lines = renderer("gnu")(report).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Dockerfile:2:5: error: LL1000 bad <x>")
    assert "\x1b" not in lines[0] and "\\x1b[31m" in lines[0] and "\\x0d\\x0anext" in lines[0]
    assert lines[1] == "Dockerfile:3:1: style: LL1003 m"


@pytest.mark.parametrize("format_name", ["json", "sarif", "codeclimate"])
def test_json_formats_carry_hostile_text_exactly(format_name: str) -> None:
    text = renderer(format_name)(report_of([finding(path=HOSTILE_PATH, message=HOSTILE)]))
    data = json.loads(text)
    if format_name == "json":
        assert data[0]["message"] == HOSTILE and data[0]["path"] == HOSTILE_PATH
    elif format_name == "codeclimate":
        assert data[0]["description"] == HOSTILE and data[0]["location"]["path"] == HOSTILE_PATH
    else:
        message = data["runs"][0]["results"][0]["message"]["text"]
        assert message.replace("\\[", "[").replace("\\]", "]") == HOSTILE


def test_sarif_message_escapes_embedded_link_syntax() -> None:
    assert sarif_module.message_text("see [x](1)") == "see \\[x\\](1)"
    assert sarif_module.message_text("a\\[b") == "a\\\\\\[b"
    assert sarif_module.message_text("C:\\path") == "C:\\path"


# -- SARIF structure ------------------------------------------------------------------------


def sarif_of(report: Report) -> dict[str, object]:
    data = json.loads(renderer("sarif")(report))
    assert isinstance(data, dict)
    return data


def test_sarif_lists_every_rule_a_result_names_and_the_engine_rules() -> None:
    report = report_of([finding(code="LL1003"), finding(code="LL1002", line=2)])
    report.rules = [rule for rule in [find_rule("LL1000")] if rule is not None]
    run = sarif_of(report)["runs"][0]  # type: ignore[index]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids == ["LL1000", "LL1001", "LL1002", "LL1003"]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]


def test_sarif_with_no_findings_has_an_empty_results_array() -> None:
    run = sarif_of(report_of([]))["runs"][0]  # type: ignore[index]
    assert run["results"] == []
    assert "automationDetails" not in run


@pytest.mark.parametrize(
    ("category", "expected"), [("dockerfiles", "dockerfiles/"), ("a/b/", "a/b/")]
)
def test_sarif_category(category: str, expected: str) -> None:
    run = sarif_of(report_of([], sarif_category=category))["runs"][0]  # type: ignore[index]
    assert run["automationDetails"] == {"id": expected}


@pytest.mark.parametrize(
    ("severity", "level"),
    [
        (Severity.ERROR, "error"),
        (Severity.WARNING, "warning"),
        (Severity.INFO, "note"),
        (Severity.STYLE, "note"),
    ],
)
def test_sarif_levels(severity: Severity, level: str) -> None:
    run = sarif_of(report_of([finding(severity=severity)]))["runs"][0]  # type: ignore[index]
    assert run["results"][0]["level"] == level


def _security_rule(tags: tuple[str, ...]) -> LoadedRule:
    meta = Rule(
        code="LL4999",
        name="test-secret",
        severity=Severity.ERROR,
        message="m",
        visits=("RUN",),
        tags=tags,
        security_severity=7.5,
        precision="medium",
    )
    doc = (
        "A test rule.\n\n## Why is this bad?\n\nBecause.\n\n"
        "## Example\n\n```dockerfile\nFROM a\n```\n"
    )
    return LoadedRule(meta, lambda node, ctx: iter(()), doc, "tests.rule")


@pytest.mark.parametrize("tags", [("security",), ("secrets",)])
def test_sarif_security_rules(tags: tuple[str, ...]) -> None:
    report = report_of([finding(code="LL4999")], rules=[_security_rule(tags)])
    text = renderer("sarif")(report)
    driver = json.loads(text)["runs"][0]["tool"]["driver"]
    rule = next(rule for rule in driver["rules"] if rule["id"] == "LL4999")
    assert rule["properties"]["security-severity"] == "7.5"
    assert "security" in rule["properties"]["tags"]
    assert rule["properties"]["precision"] == "medium"
    assert rule["fullDescription"]["text"] == "A test rule.\n\nBecause."
    assert rule["help"]["markdown"].startswith("A test rule.")
    assert "```" not in rule["help"]["text"] and "## " not in rule["help"]["text"]
    assert github_problems(text) == []


@requires_schema
def test_sarif_of_real_findings_is_valid() -> None:
    report = lint("FROM alpine:3.20 builder\nENV PATH\nCOPY --chmod app.sh\nFORM x\n")
    text = renderer("sarif")(report)
    assert schema_errors(json.loads(text)) == []
    assert github_problems(text) == []


def test_sarif_limits_are_reported_and_output_stays_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif_module, "MAX_RESULTS", 2)
    monkeypatch.setattr(sarif_module, "MAX_GZIPPED_BYTES", 100)
    report = report_of([finding(line=line) for line in range(1, 4)])
    data = json.loads(renderer("sarif")(report))
    assert len(data["runs"][0]["results"]) == 3
    assert len(report.notices) == 2
    assert "3 results exceed GitHub code scanning's limit of 2" in report.notices[0]
    assert "gzipped, over GitHub code scanning's limit of 10 MB" in report.notices[1]


def test_sarif_within_limits_says_nothing() -> None:
    report = report_of([finding()])
    renderer("sarif")(report)
    assert report.notices == []


def test_sarif_uris_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    inside = tmp_path / "repo" / "sub dir" / "Dockerfile#1"
    outside = tmp_path / "elsewhere" / "Dockerfile"
    report = report_of([finding(path=str(inside)), finding(path=str(outside))])
    report.repository_root = str(tmp_path / "repo")
    (tmp_path / "repo").mkdir()
    run = sarif_of(report)["runs"][0]  # type: ignore[index]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert locations[0] == {"uri": "sub%20dir/Dockerfile%231", "uriBaseId": "%SRCROOT%"}
    assert locations[1]["uri"].startswith("file:///") and "uriBaseId" not in locations[1]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == (tmp_path / "repo").resolve().as_uri() + "/"
    assert len(report.notices) == 1 and "outside the repository root" in report.notices[0]


def test_sarif_columns_count_utf16_units() -> None:
    report = lint('LABEL a="\U0001f600" b\n')
    region = sarif_of(report)["runs"][0]["results"][0]["locations"][0]  # type: ignore[index]
    assert report.findings[0].column == 13
    assert region["physicalLocation"]["region"]["startColumn"] == 14


# -- locations and fingerprints ------------------------------------------------------------


def test_utf16_column() -> None:
    assert utf16_column("abc", 3) == 3
    assert utf16_column("\U0001f600b", 2) == 3
    assert utf16_column("é\U0001f600b", 3) == 4
    assert utf16_column("ab", 10) == 10


def test_relative_uri_escapes_bytes() -> None:
    assert relative_uri("a b/c#d?.Dockerfile") == "a%20b/c%23d%3F.Dockerfile"
    assert relative_uri("ü/Dockerfile") == "%C3%BC/Dockerfile"
    assert relative_uri(os.fsdecode(b"bad\xff/Dockerfile")) == "bad%FF/Dockerfile"


def test_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    (root / "services").mkdir(parents=True)
    monkeypatch.chdir(root / "services")
    assert relative_path("Dockerfile", str(root)) == "services/Dockerfile"
    assert relative_path("../Dockerfile", str(root)) == "Dockerfile"
    assert relative_path("../../Dockerfile", str(root)) is None


def test_repository_root_is_the_enclosing_work_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nested = tmp_path / "repo" / "a" / "b"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    assert find_repository_root() == str(nested.resolve())
    (tmp_path / "repo" / ".git").mkdir()
    assert find_repository_root() == str((tmp_path / "repo").resolve())
    # A worktree or submodule has a .git file instead of a directory.
    (nested / ".git").write_text("gitdir: elsewhere\n")
    assert find_repository_root() == str(nested.resolve())


def test_files_outside_the_work_tree_get_a_root_of_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "here" / ".git").mkdir(parents=True)
    (tmp_path / "elsewhere" / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "elsewhere" / "repo" / "api").mkdir()
    (tmp_path / "loose" / "a").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "here")
    inside = report_of([finding(path="Dockerfile")], repository_root=None)
    assert repository_root(inside) == str((tmp_path / "here").resolve())
    in_repo = str(tmp_path / "elsewhere" / "repo" / "api" / "Dockerfile")
    other = report_of([finding(path=in_repo)], repository_root=None)
    assert repository_root(other) == str((tmp_path / "elsewhere" / "repo").resolve())
    loose = [str(tmp_path / "loose" / "a" / "Dockerfile"), str(tmp_path / "loose" / "Dockerfile")]
    scattered = report_of([finding(path=path) for path in loose], repository_root=None)
    assert repository_root(scattered) == str((tmp_path / "loose").resolve())
    run = sarif_of(scattered)["runs"][0]  # type: ignore[index]
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ]
    assert uris == ["a/Dockerfile", "Dockerfile"]
    assert scattered.notices == []


BASE = "FROM alpine:3.20\nENV PATH\nRUN echo\nFORM x\n"


def test_fingerprints_survive_unrelated_line_moves() -> None:
    before = lint(BASE)
    after = lint("# a comment\n\nLABEL a=b\n" + BASE.replace("RUN echo\n", "RUN echo\n\n\n"))
    assert [f.line for f in after.findings] != [f.line for f in before.findings]
    assert line_hashes(after) == line_hashes(before)


def test_fingerprints_change_with_the_flagged_line() -> None:
    before = line_hashes(lint(BASE))
    after = line_hashes(lint(BASE.replace("FORM x", "FORM y")))
    assert before[0] == after[0] and before[1] != after[1]


def test_identical_lines_get_distinct_fingerprints() -> None:
    hashes = line_hashes(lint("FROM alpine:3.20\nENV A\nENV A\n"))
    assert len(hashes) == 2 and hashes[0].split(":")[0] == hashes[1].split(":")[0]
    assert hashes[0].endswith(":0") and hashes[1].endswith(":1")


def test_codeclimate_issue_shape() -> None:
    report = lint("FROM alpine:3.20\nENV PATH\n")
    issues = json.loads(renderer("codeclimate")(report))
    assert len(issues) == 1
    issue = issues[0]
    assert issue["check_name"] == "LL1000" and issue["severity"] == "critical"
    assert issue["location"] == {"path": "Dockerfile", "lines": {"begin": 2, "end": 2}}
    assert issue["type"] == "issue" and issue["categories"] == ["Bug Risk"]
    assert len(issue["fingerprint"]) == 32
    moved = json.loads(renderer("codeclimate")(lint("FROM alpine:3.20\n\n\nENV PATH\n")))
    assert moved[0]["fingerprint"] == issue["fingerprint"]


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@given(
    paths=st.lists(_TEXT, min_size=0, max_size=4),
    message=_TEXT,
    line=st.integers(1, 10**9),
    severity=st.sampled_from(list(Severity)),
    code=st.sampled_from(["LL1000", "LL3004", "LL5001", "SC2086", "XX9999"]),
)
@settings(max_examples=200, deadline=None)
def test_json_text_is_exactly_the_standard_indented_encoding(
    paths: list[str], message: str, line: int, severity: Severity, code: str
) -> None:
    # The json reporter writes the text by hand for speed; it must be byte-for-byte
    # what json.dumps(indent=2) writes, for any text, aliases or none, and no finding.
    findings = [
        finding(path=path, message=message + HOSTILE, line=line, severity=severity, code=code)
        for path in paths
    ]
    expected = json.dumps([item.to_dict() for item in findings], indent=2) + "\n"
    assert renderer("json")(report_of(findings)) == expected


def test_json_text_of_an_unexpected_value_is_still_the_standard_encoding() -> None:
    from layerlint.reporters.json_format import _object

    fields = {"a": {"b": [1, {"c": None}], "d": 1.5}, "e": [1, "x"], "f": True, "g": None}
    expected = json.dumps([fields], indent=2)
    assert "[\n" + _object(fields) + "\n]" == expected
