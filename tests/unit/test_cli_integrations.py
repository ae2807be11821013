"""The command line as CI systems and editors use it: formats, files, stdin, exit status."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from layerlint.cli import main
from layerlint.reporters import FORMATS

BAD = "FROM alpine:3.20\nENV PATH\n"  # one error (LL1000)
WARNING_ONLY = b'FROM alpine:3.20\nLABEL a="caf\xe9"\n'  # one warning (LL1004)
GOOD = "FROM alpine:3.20\nRUN echo hi\n"
RULES = "LL1000,LL1003,LL1004"


def run(
    arguments: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: bytes | None = None,
) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    # Only the syntax rules, so that rules added later cannot change these results.
    status = main([arguments[0], "--select", RULES, *arguments[1:]])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bad.Dockerfile").write_text(BAD)
    (tmp_path / "warn.Dockerfile").write_bytes(WARNING_ONLY)
    (tmp_path / "good.Dockerfile").write_text(GOOD)
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["bad.Dockerfile"], 1),
        (["good.Dockerfile"], 0),
        (["warn.Dockerfile"], 1),
        (["--failure-threshold", "error", "warn.Dockerfile"], 0),
        (["--failure-threshold", "warning", "warn.Dockerfile"], 1),
        (["--failure-threshold", "info", "warn.Dockerfile"], 1),
        (["--failure-threshold", "style", "warn.Dockerfile"], 1),
        (["--failure-threshold", "none", "bad.Dockerfile"], 0),
        (["--no-fail", "bad.Dockerfile"], 0),
        (["missing.Dockerfile"], 2),
        (["--format", "nonsense", "bad.Dockerfile"], 2),
        (["--repository-root", "missing-dir", "bad.Dockerfile"], 2),
    ],
)
@pytest.mark.parametrize("format_name", ["gnu", "sarif"])
def test_exit_status(
    files: Path,
    arguments: list[str],
    expected: int,
    format_name: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    command = ["check", "--format", format_name, *arguments]
    if "--format" in arguments:
        command = ["check", *arguments]
    status, _, errors = run(command, capsys, monkeypatch)
    assert status == expected
    if expected == 2:
        assert errors.startswith("layerlint: error:") and "Traceback" not in errors


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_output_file(
    files: Path,
    format_name: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = files / "out" / f"report.{format_name}"
    target.parent.mkdir()
    status, out, _ = run(
        ["check", "-f", format_name, "-o", str(target), "--color", "never", "bad.Dockerfile"],
        capsys,
        monkeypatch,
    )
    assert status == 1 and out == ""
    assert "LL1000" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("format_name", ["gnu", "json", "sarif", "github", "codeclimate"])
def test_stdin_filename_names_the_findings(
    files: Path,
    format_name: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (files / "services").mkdir()
    status, out, _ = run(
        ["check", "-f", format_name, "--stdin-filename", "services/api.Dockerfile", "-"],
        capsys,
        monkeypatch,
        stdin=BAD.encode(),
    )
    assert status == 1
    if format_name == "gnu":
        message = "ENV PATH has no value: write PATH=value"
        assert out == f"services/api.Dockerfile:2:5: error: LL1000 {message}\n"
    elif format_name == "json":
        assert json.loads(out)[0]["path"] == "services/api.Dockerfile"
    elif format_name == "sarif":
        result = json.loads(out)["runs"][0]["results"][0]
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": "services/api.Dockerfile", "uriBaseId": "%SRCROOT%"}
    elif format_name == "github":
        assert out.startswith("::error file=services/api.Dockerfile,line=2,col=5,")
    else:
        assert json.loads(out)[0]["location"]["path"] == "services/api.Dockerfile"


def test_paths_are_relative_to_the_work_tree_from_a_subdirectory(
    files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (files / "services").mkdir()
    (files / "services" / "Dockerfile").write_text(BAD)
    monkeypatch.chdir(files / "services")
    _, out, _ = run(["check", "-f", "github", "Dockerfile"], capsys, monkeypatch)
    assert out.startswith("::error file=services/Dockerfile,")
    _, out, _ = run(["check", "-f", "gnu", "Dockerfile"], capsys, monkeypatch)
    assert out.startswith("Dockerfile:2:5:")  # editors resolve against their own cwd


def test_statistics_go_to_stderr_for_machine_formats(
    files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, errors = run(
        ["check", "-f", "json", "--statistics", "bad.Dockerfile", "warn.Dockerfile"],
        capsys,
        monkeypatch,
    )
    assert status == 1
    assert len(json.loads(out)) == 2
    assert errors.splitlines() == [
        "     1  LL1000  syntax-error",
        "     1  LL1004  invalid-encoding",
    ]


def test_quiet_tty_prints_nothing_without_findings(
    files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(["check", "-q", "good.Dockerfile"], capsys, monkeypatch) == (0, "", "")
    status, out, _ = run(["check", "-q", "--color", "never", "bad.Dockerfile"], capsys, monkeypatch)
    assert status == 1 and out == "1 finding (1 error) in 1 file\n"


def test_sarif_category_option(
    files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = run(
        ["check", "-f", "sarif", "--sarif-category", "docker/api", "good.Dockerfile"],
        capsys,
        monkeypatch,
    )
    assert json.loads(out)["runs"][0]["automationDetails"] == {"id": "docker/api/"}


def test_skipped_files_are_reported_on_stderr_for_machine_formats(
    files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (files / "binary.Dockerfile").write_bytes(b"FROM a\x00\x01")
    status, out, errors = run(["check", "-f", "gnu", "binary.Dockerfile"], capsys, monkeypatch)
    assert status == 0 and out == ""
    assert "binary.Dockerfile: skipped: binary file" in errors


def test_cold_start_imports_no_output_library() -> None:
    """`import layerlint` and a tty run must not pay for sarif-om, attrs or an XML library."""
    code = (
        "import sys, layerlint\n"
        "from layerlint.cli import main\n"
        "main(['check', '--color', 'never', sys.argv[1]])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('sarif_om', 'attr', 'attrs', 'xml', 'gzip', 'jsonschema'))\n"
        "print(heavy)\n"
    )
    dockerfile = Path(__file__).parents[1] / "snapshots" / "inputs" / "multi-stage.Dockerfile"
    result = subprocess.run(
        [sys.executable, "-c", code, str(dockerfile)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("key", ["LL3004", "ll3004", "apt-get-unpinned", "DL3008", "dl3008"])
def test_explain_finds_a_rule_by_code_name_or_alias(
    key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", key]) == 0
    out = capsys.readouterr().out
    assert out.startswith("LL3004 apt-get-unpinned\n")
    assert "Aliases: DL3008" in out and "\n## Example\n" in out


def test_explain_a_subcode_shows_its_rule_and_an_unknown_key_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["explain", "SC2086"]) == 0
    assert capsys.readouterr().out.startswith("LL3056 shellcheck\n")
    assert main(["explain", "NOPE"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.strip() == "layerlint: error: unknown rule 'NOPE'"
