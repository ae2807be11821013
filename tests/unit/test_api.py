"""The Python API: lint_text, lint_paths, parse_text (README, "Python API")."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import layerlint
import pytest
from layerlint.settings import Settings

BAD = "FROM alpine:3.20\nUSER\nENV PATH\n"


def test_lint_text_returns_frozen_findings_with_the_json_fields() -> None:
    findings = layerlint.lint_text(BAD, filename="svc/Dockerfile", config=Settings(select=("LL1",)))
    assert [(f.code, f.line, f.column) for f in findings] == [("LL1003", 2, 1), ("LL1000", 3, 5)]
    first = findings[0]
    assert set(first.to_dict()) == {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "aliases",
        "severity",
        "message",
        "url",
    }
    assert first.path == "svc/Dockerfile"
    assert first.severity is layerlint.Severity.ERROR
    with pytest.raises(AttributeError):
        first.line = 3  # type: ignore[misc]
    assert not dataclasses.is_dataclass(first)  # a Record: immutable, compared by value


def test_lint_text_reads_a_configuration_file_when_given(tmp_path: Path) -> None:
    config = tmp_path / "layerlint.toml"
    config.write_text('select = ["LL1"]\nignore = ["LL1003"]\n')
    assert [f.code for f in layerlint.lint_text(BAD, config=str(config))] == ["LL1000"]


def test_lint_paths_discovers_configuration_like_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.layerlint]\nselect = ["LL1"]\nignore = ["LL1000"]\n'
    )
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "Dockerfile").write_text(BAD)
    (tmp_path / "notes.md").write_text("FROM nothing\n")
    findings = layerlint.lint_paths(str(tmp_path))
    assert [(Path(f.path).name, f.code) for f in findings] == [("Dockerfile", "LL1003")]
    explicit = layerlint.lint_paths(
        [str(tmp_path / "app" / "Dockerfile")], config=Settings(select=("LL1000",))
    )
    assert [f.code for f in explicit] == ["LL1000"]


def test_lint_paths_reports_missing_paths() -> None:
    with pytest.raises(FileNotFoundError):
        layerlint.lint_paths(["/nonexistent/Dockerfile"])


def test_parse_text_gives_the_typed_ast() -> None:
    tree = layerlint.parse_text("FROM alpine:3.20 AS base\nRUN echo hi\n")
    assert [node.kind for node in tree.instructions] == ["FROM", "RUN"]
    assert tree.instructions[0].stage_name.text == "base"
