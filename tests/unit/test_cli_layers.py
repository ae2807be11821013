"""`layerlint layers` as a harness drives it: the JSON shape for one and several
paths, errors, the build context and configuration, help; and `check --target`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from layerlint.cli import main

DOCKERFILE = (
    "FROM alpine:3.20 AS build\nRUN touch /a\n"
    "FROM alpine:3.20\nCOPY . /app\nRUN rm -rf /app/tests\n"
)


def run(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(arguments)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    return tmp_path


def test_one_dockerfile_gives_one_object(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["layers", "-f", "json", str(project / "Dockerfile")], capsys)
    assert status == 0
    document = json.loads(out)
    assert document["path"] == str(project / "Dockerfile")
    assert [stage["ships"] for stage in document["stages"]] == [False, True]


def test_several_paths_or_a_directory_give_a_list(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dockerfile = str(project / "Dockerfile")
    status, out, err = run(["layers", "-f", "json", dockerfile, str(project / "nope")], capsys)
    assert status == 2 and "nope" in err
    assert [document["path"] for document in json.loads(out)] == [dockerfile]
    status, out, _ = run(["layers", "-f", "json", str(project)], capsys)
    assert status == 0 and isinstance(json.loads(out), list)


def test_errors_leave_stdout_empty(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["layers", "-f", "json", str(project / "nope")], capsys)
    assert (status, out) == (2, "") and "no such file" in err
    empty = project / "empty"
    empty.mkdir()
    status, out, err = run(["layers", "-f", "json", str(empty)], capsys)
    assert (status, out) == (2, "") and "no Dockerfile found" in err
    dockerfile = str(project / "Dockerfile")
    status, out, err = run(["layers", "--target", "nope", dockerfile], capsys)
    assert (status, out) == (2, "") and "no stage named 'nope'" in err


def test_context_and_configuration(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "ctx").mkdir()
    (project / "ctx" / ".dockerignore").write_text("tests\n")
    dockerfile = str(project / "Dockerfile")
    arguments = ["layers", "-f", "json", "--context", str(project / "ctx"), dockerfile]
    _, out, _ = run(arguments, capsys)
    deleted = json.loads(out)["stages"][1]["layers"][-1]["deleted"]
    assert deleted == [{"path": "/app/tests", "created_line": None}]
    config = project / "layerlint.toml"
    config.write_text('target = "build"\n')
    _, out, _ = run(["layers", "-f", "json", "--config", str(config), dockerfile], capsys)
    assert [stage["ships"] for stage in json.loads(out)["stages"]] == [True, False]


def test_binary_files_are_skipped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "binary.Dockerfile").write_bytes(b"FROM x\x00\x1b[31m\n")
    status, out, err = run(["layers", str(project / "binary.Dockerfile")], capsys)
    assert status == 2 and "binary file" in err and out == ""


def test_layers_defaults_to_the_current_directory(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    status, out, _ = run(["layers"], capsys)
    assert status == 0 and "stage 1" in out


def test_help_and_unknown_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["help", "layers"])
    assert "usage: layerlint layers" in capsys.readouterr().out
    status, _, err = run(["layers", "--bogus", "x"], capsys)
    assert status == 2 and "see `layerlint layers --help`" in err


def test_check_fails_on_a_target_that_names_no_stage(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dockerfile = str(project / "Dockerfile")
    status, _, err = run(["check", "--no-cache", "--target", "nope", dockerfile], capsys)
    assert status == 2 and "no stage named 'nope'" in err
    status, _, err = run(["check", "--no-cache", "--target", "BUILD", dockerfile], capsys)
    assert "no stage named" not in err
