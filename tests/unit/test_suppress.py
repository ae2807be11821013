"""Suppressions: the three comment dialects, the check directive, per-file ignores,
LL1005 (unused suppression), LL1006 (inline suppression) and LL1015 (invalid
suppression).

Real rules used: LL1003 invalid-instruction (`USER` without a user) and LL1000
syntax-error (`ENV PATH` without a value). Rules with hadolint or BuildKit aliases
are the stand-ins of tests/unit/stand_ins.py (LL9001 = DL3011 port out of range,
LL9002 = DL3002 last user root, LL9010 = FromAsCasing, LL9012 = DL3025 and
JSONArgsRecommended, LL9016 = InvalidDefinitionDescription, off by default).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import pytest
from layerlint.engine import lint_source
from layerlint.findings import Finding, Severity
from layerlint.settings import Settings
from layerlint.source import Source

from .stand_ins import stand_ins  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("stand_ins")


# The rules these tests are about; the product's other rules (which also fire on
# such small files, e.g. LL2000 on `FROM ubuntu`) would only add noise.
RULES_UNDER_TEST = ("LL1000", "LL1003", "LL9")


def lint(text: str, path: str = "Dockerfile", **changes: Any) -> list[Finding]:
    changes.setdefault("select", RULES_UNDER_TEST)
    return lint_source(Source(text, path), Settings(**changes)).findings


def codes(text: str, **changes: Any) -> list[str]:
    """`CODE@line` of every finding."""
    return [f"{f.code}@{f.line}" for f in lint(text, **changes)]


def unused(text: str, **changes: Any) -> list[tuple[int, int, str]]:
    """(line, column, message) of LL1005 findings, with LL1005 enabled."""
    changes.setdefault("extend_select", ("LL1005",))
    return [(f.line, f.column, f.message) for f in lint(text, **changes) if f.code == "LL1005"]


def invalid(text: str, **changes: Any) -> list[tuple[int, int, str]]:
    """(line, column, message) of LL1015 findings, with LL1015 selected."""
    changes.setdefault("extend_select", ("LL1015",))
    return [(f.line, f.column, f.message) for f in lint(text, **changes) if f.code == "LL1015"]


# ---------------------------------------------------------------------------
# layerlint's own pragmas


@pytest.mark.parametrize(
    "selector",
    ["LL1003", "ll1003", "invalid-instruction", "LL100", "LL1", "ALL", "LL1000,LL1003"],
)
def test_ignore_accepts_codes_names_prefixes_and_lists(selector: str) -> None:
    text = f"FROM alpine:3.20\n# layerlint: ignore={selector}\nUSER\nUSER\n"
    assert codes(text) == ["LL1003@4"]


def test_ignore_accepts_aliases() -> None:
    text = "FROM alpine:3.20\n# layerlint: ignore=DL3011\nEXPOSE 80000\nEXPOSE 70000\n"
    assert codes(text) == ["LL9001@4"]


@pytest.mark.parametrize(
    "comment",
    [
        "# layerlint: ignore=LL1003 # user set by the base image",
        "# layerlint: ignore=LL1003 user set by the base image",
        "# layerlint: ignore = LL1003 ,  LL1000",
        "#layerlint:ignore=LL1003",
        "# LayerLint: Ignore=LL1003",
        "   # layerlint: ignore=LL1003   ",
    ],
)
def test_ignore_spellings_and_reasons(comment: str) -> None:
    assert codes(f"FROM alpine:3.20\n{comment}\nUSER\n") == []


def test_ignore_covers_the_next_instruction_across_blank_lines_and_comments() -> None:
    text = "FROM alpine:3.20\n# layerlint: ignore=LL1003\n\n# why: see README\nUSER\nUSER\n"
    assert codes(text) == ["LL1003@6"]


def test_ignore_covers_every_line_of_a_continued_instruction() -> None:
    text = "FROM alpine:3.20\n# layerlint: ignore=LL1000\nENV A=1 \\\n    PATH\nENV PATH\n"
    assert codes(text) == ["LL1000@5"]


def test_a_pragma_inside_a_continuation_covers_that_instruction() -> None:
    text = "FROM alpine:3.20\nENV A=1 \\\n    # layerlint: ignore=LL1000\n    PATH\nENV PATH\n"
    assert codes(text) == ["LL1000@5"]


def test_stage_ignore_covers_the_stage_below_only() -> None:
    text = (
        "FROM alpine:3.20 AS build\nUSER\n"
        "# layerlint: stage ignore=LL1003\nFROM alpine:3.20\nUSER\nUSER\n"
        "FROM alpine:3.20\nUSER\n"
    )
    assert codes(text) == ["LL1003@2", "LL1003@8"]


def test_stage_ignore_not_above_from_has_no_effect_and_is_reported() -> None:
    text = "FROM alpine:3.20\n# layerlint: stage ignore=LL1003\nUSER\n"
    assert "LL1003@3" in codes(text)
    assert invalid(text) == [
        (2, 1, "move this stage suppression directly above a FROM instruction")
    ]
    assert unused(text) == []  # LL1015's, not LL1005's as well


def test_global_ignore_covers_the_file_wherever_it_is() -> None:
    text = "FROM alpine:3.20\nUSER\nFROM alpine:3.20\nUSER\n# layerlint: global ignore=LL1003\n"
    assert codes(text) == []


def test_unknown_selectors_do_not_crash_and_the_known_ones_apply() -> None:
    text = "FROM alpine:3.20\n# layerlint: ignore=no-such-rule,DL9999,LL1003\nUSER\n"
    assert codes(text) == []
    assert [message for _, _, message in invalid(text)] == [
        "'no-such-rule' names no rule; remove it or correct the code",
    ]
    assert [message for _, _, message in unused(text)] == [
        "no layerlint rule implements DL9999, so this suppresses nothing; remove it",
    ]


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        (
            "# layerlint: ignore=",
            "cannot read this suppression: expected a rule code, found nothing",
        ),
        ("# layerlint: ignore LL1003", "unknown layerlint pragma"),
        ("# layerlint: disable=LL1003", "unknown layerlint pragma"),
        ("# layerlint: ignore=LL1003 LL1000", "cannot read this suppression: separate rule codes"),
        ("# layerlint: ignore=LL1003;LL1000", "cannot read this suppression: unexpected ';LL1000'"),
    ],
)
def test_unreadable_pragmas_suppress_nothing_and_are_reported(comment: str, problem: str) -> None:
    text = f"FROM alpine:3.20\n{comment}\nUSER\n"
    assert "LL1003@3" in codes(text)
    [(line, column, message)] = invalid(text)
    assert (line, column) == (2, 1)
    assert message.startswith(problem)


# ---------------------------------------------------------------------------
# hadolint's pragmas


def test_hadolint_ignore_maps_codes_through_aliases() -> None:
    text = "FROM ubuntu\n# hadolint ignore=DL3002\nUSER root\n"
    assert codes(text) == []


def test_hadolint_ignore_only_the_named_rule() -> None:
    text = "FROM ubuntu\n# hadolint ignore=DL3001\nUSER root\n"
    assert codes(text) == ["LL9002@3"]


@pytest.mark.parametrize(
    "comment",
    [
        "# hadolint ignore=DL3002 # foobar",
        "# hadolint ignore=DL3002 the base image needs root",  # hadolint#370
        "# hadolint ignore=DL3002 - the base image needs root",
        "# hadolint ignore=DL3001, DL3002",
        "# hadolint ignore=DL3002 ",
    ],
)
def test_hadolint_reasons_and_spacing(comment: str) -> None:
    assert codes(f"FROM ubuntu\n{comment}\nUSER root\n") == []


def test_hadolint_pragma_with_an_invalid_code_is_void_as_in_hadolint() -> None:
    text = "FROM scratch\n# hadolint ignore=crazy,DL3002\nUSER root\n"
    assert codes(text) == ["LL9002@3"]
    [(_, _, message)] = invalid(text)
    assert message == "cannot read this suppression: expected a rule code, found 'crazy'"


def test_hadolint_global_and_stage_ignore() -> None:
    text = "FROM node AS foo\nEXPOSE 80000\n# hadolint global ignore = DL3011 , DL3021\n"
    assert codes(text) == []
    text = (
        "FROM ubuntu\nEXPOSE 80000\n# hadolint stage ignore=DL3011\n"
        "FROM ubuntu\nEXPOSE 80000\nFROM ubuntu\nEXPOSE 80000\n"
    )
    assert codes(text) == ["LL9001@2", "LL9001@7"]


def test_hadolint_shell_pragma_is_not_a_suppression() -> None:
    text = "# hadolint shell=powershell # foobar\nFROM ubuntu\nUSER root\n"
    assert codes(text) == ["LL9002@3"]
    assert unused(text) == []


def test_hadolint_ignore_without_equals_is_reported() -> None:
    text = "FROM ubuntu\n# hadolint ignore DL3002\nUSER root\n"
    assert codes(text) == ["LL9002@3"]
    assert invalid(text)[0][2].startswith("expected `=` after `ignore`")


# ---------------------------------------------------------------------------
# BuildKit's check directive and comments


def test_check_skip_directive_by_check_name() -> None:
    text = "# check=skip=FromAsCasing\nFROM scratch as base\n"
    assert codes(text) == []
    assert codes("FROM scratch as base\n") == ["LL9010@1"]


def test_check_skip_all_covers_buildkit_checks_only() -> None:
    text = "#check=skip=all\nFROM scratch as base\nUSER\nEXPOSE 80000\n"
    assert codes(text) == ["LL1003@3", "LL9001@4"]


def test_check_comment_above_an_instruction_covers_it_only() -> None:
    text = (
        "\nFROM scratch\n# check=skip=JSONArgsRecommended // shell form on purpose\n"
        "CMD mycommand\nCMD other\n"
    )
    assert codes(text) == ["LL9012@5"]


def test_check_comment_skip_all_is_local_and_an_empty_comment_restarts() -> None:
    text = "\nFROM scratch\n# check=skip=all // here only\nCMD a\n# check=skip=all\n#\nCMD b\n"
    assert codes(text) == ["LL9012@7"]


def test_check_error_true_makes_buildkit_findings_errors() -> None:
    text = "#check=error=true\nFROM scratch as base\nEXPOSE 80000\n"
    by_code = {f.code: f.severity for f in lint(text)}
    assert by_code == {"LL9010": Severity.ERROR, "LL9001": Severity.WARNING}


def test_build_arg_replaces_the_directive() -> None:
    text = "#check=skip=all\nFROM scratch as base\n"
    build_args = MappingProxyType(
        {"BUILDKIT_DOCKERFILE_CHECK": "skip=ConsistentInstructionCasing;error=true"}
    )
    [finding] = lint(text, options={"build-args": build_args})
    assert (finding.code, finding.severity) == ("LL9010", Severity.ERROR)
    text = "#check=error=true\nFROM scratch as base\n"
    assert codes(text, options={"build-args": {"BUILDKIT_DOCKERFILE_CHECK": "skip=all"}}) == []


def test_experimental_enables_an_off_by_default_rule_for_that_file() -> None:
    text = "# check=experimental=InvalidDefinitionDescription\n# bar the bar\nARG foo=bar\n"
    assert codes(text) == ["LL9016@3"]
    assert codes(text.replace("experimental=InvalidDefinitionDescription", "skip=all")) == []
    # skip=all does not skip a rule the file enables explicitly, as in BuildKit
    both = "# check=skip=all;experimental=all\n# bar the bar\nARG foo=bar\n"
    assert codes(both) == ["LL9016@3"]


def test_experimental_respects_an_explicit_selection_and_ignore() -> None:
    text = "# check=experimental=InvalidDefinitionDescription\n# bar the bar\nARG foo=bar\n"
    assert codes(text, select=("LL1003",)) == []
    assert codes(text, ignore=("LL9016",)) == []


# ---------------------------------------------------------------------------
# --disable-inline-ignores, per-file ignores


def test_disable_inline_ignores_turns_every_comment_off() -> None:
    text = (
        "# check=skip=FromAsCasing\nFROM scratch as base\n"
        "# hadolint ignore=DL3002\nUSER root\n# layerlint: ignore=LL1003\nUSER\n"
        "# layerlint: global ignore=LL1003\n"
    )
    assert codes(text) == []
    assert codes(text, disable_inline_ignores=True) == ["LL9010@2", "LL9002@4", "LL1003@6"]


def test_disable_inline_ignores_keeps_the_build_arg() -> None:
    text = "FROM scratch as base\n"
    options = {"build-args": {"BUILDKIT_DOCKERFILE_CHECK": "skip=FromAsCasing"}}
    assert codes(text, disable_inline_ignores=True, options=options) == []


@pytest.mark.parametrize(
    ("pattern", "path", "ignored"),
    [
        ("Dockerfile", "/src/app/Dockerfile", True),
        ("*.Dockerfile", "/src/app/api.Dockerfile", True),
        ("*.Dockerfile", "/src/app/Dockerfile", False),
        ("/src/app/*", "/src/app/Dockerfile", True),
        ("/src/*", "/src/app/Dockerfile", False),
        ("/src/**/Dockerfile", "/src/app/x/Dockerfile", True),
        ("/src/**/Dockerfile", "/src/Dockerfile", True),
        ("/src/legacy/**", "/src/app/Dockerfile", False),
    ],
)
def test_per_file_ignores(pattern: str, path: str, ignored: bool) -> None:
    findings = lint("FROM alpine:3.20\nUSER\n", path, per_file_ignores=((pattern, ("LL1003",)),))
    assert (findings == []) is ignored


def test_per_file_ignores_accept_selectors() -> None:
    text = "FROM alpine:3.20\nUSER\nEXPOSE 80000\n"
    found = lint(text, per_file_ignores=(("Dockerfile", ("invalid-instruction", "DL3011")),))
    assert found == []


# ---------------------------------------------------------------------------
# LL1005 and LL1006


def test_used_suppressions_are_not_reported() -> None:
    text = (
        "FROM alpine:3.20\n# layerlint: ignore=LL1003\nUSER\nEXPOSE 80000\n"
        "# hadolint global ignore=DL3011\n"
    )
    assert unused(text) == []


def test_unused_suppression_points_at_the_code() -> None:
    text = "FROM alpine:3.20\n# layerlint: ignore=LL1003, LL1000 # x\nUSER\n"
    assert unused(text) == [(2, 29, "LL1000 reports nothing here; remove this suppression")]


def test_suppressing_a_rule_that_did_not_run_is_reported() -> None:
    text = "FROM alpine:3.20\n# layerlint: ignore=LL1003\nUSER\n"
    assert unused(text, ignore=("LL1003",)) == [
        (2, 21, "LL1003 is not enabled in this run, so this suppresses nothing; remove it")
    ]


def test_unused_check_skip_entries_are_reported_with_their_position() -> None:
    text = "# check=skip=FromAsCasing,JSONArgsRecommended\nFROM scratch as base\n"
    assert unused(text) == [
        (1, 27, "JSONArgsRecommended reports nothing here; remove this suppression")
    ]


def test_no_unused_report_when_pragmas_are_disabled_or_rules_were_cut_short() -> None:
    import time

    text = "FROM alpine:3.20\n# layerlint: ignore=LL1000\nUSER\n"
    assert unused(text, disable_inline_ignores=True) == []
    settings = Settings(extend_select=("LL1005",))
    late = lint_source(Source(text, "Dockerfile"), settings, deadline=time.monotonic() - 1)
    assert [f.code for f in late.findings] == ["LL1001"]


def test_heredoc_lines_are_not_pragmas() -> None:
    text = "FROM alpine:3.20\nRUN <<EOF\n# layerlint: global ignore=LL1003\nEOF\nUSER\n"
    assert codes(text) == ["LL1003@5"]


def test_ll1005_can_be_silenced_by_a_global_pragma() -> None:
    text = "FROM alpine:3.20\n# layerlint: ignore=LL1000\nUSER\n# layerlint: global ignore=LL1005\n"
    assert unused(text) == []


def test_inline_suppressions_are_reported_by_ll1006() -> None:
    text = (
        "# check=skip=FromAsCasing\nFROM scratch as base\n# hadolint ignore=DL3002\nUSER root\n"
        "# layerlint: stage ignore=LL1003\nFROM alpine\n# hadolint shell=bash\nRUN true\n"
    )
    found = [
        (f.line, f.column) for f in lint(text, extend_select=("LL1006",)) if f.code == "LL1006"
    ]
    assert found == [(1, 1), (3, 1), (5, 1)]
    disabled = lint(text, extend_select=("LL1006",), disable_inline_ignores=True)
    messages = [f.message for f in disabled if f.code == "LL1006"]
    assert len(messages) == 3
    assert all("(ignored: inline suppressions are disabled)" in message for message in messages)


def test_ll1006_answers_to_hadolint_dl1001() -> None:
    text = "# hadolint ignore=DL3003\nRUN foo bar\n"
    assert codes(text, extend_select=("DL1001",)) == ["LL1006@1"]
