"""The command line with configuration: discovery per file, precedence of flags,
--config, --show-config, --disable-inline-ignores, --build-arg, --context, and exit
status 2 with a one-line message for every configuration error."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from layerlint.cli import main

from .stand_ins import stand_ins  # noqa: F401 (fixture)

BAD_USER = "FROM alpine:3.20\nUSER\n"  # LL1003 on line 2 (error)


@pytest.fixture(autouse=True)
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


def write(path: Path | str, text: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict], str]:  # type: ignore[type-arg]
    status = main(["check", "--format", "json", *args])
    captured = capsys.readouterr()
    findings = json.loads(captured.out) if captured.out.strip() else []
    return status, findings, captured.err


def where(findings: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return [f"{f['path']}:{f['code']}@{f['line']}" for f in findings]


def test_discovered_configuration_applies_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    write("svc/layerlint.toml", 'ignore = ["LL1003"]\n')
    write("svc/Dockerfile", BAD_USER)
    write("web/Dockerfile", BAD_USER)
    status, findings, _ = run(capsys, "svc/Dockerfile", "web/Dockerfile")
    assert where(findings) == ["web/Dockerfile:LL1003@2"]
    assert status == 1


def test_exit_status_follows_each_files_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    write("svc/layerlint.toml", 'failure-threshold = "none"\n')
    write("svc/Dockerfile", BAD_USER)
    status, findings, _ = run(capsys, "svc/Dockerfile")
    assert (status, len(findings)) == (0, 1)
    write("web/Dockerfile", BAD_USER)
    assert run(capsys, "svc/Dockerfile", "web/Dockerfile")[0] == 1


def test_flags_override_configuration(capsys: pytest.CaptureFixture[str]) -> None:
    write("layerlint.toml", 'ignore = ["LL1003"]\nfailure-threshold = "none"\n')
    write("Dockerfile", BAD_USER)
    assert run(capsys, "Dockerfile")[:2] == (0, [])
    status, findings, _ = run(
        capsys, "Dockerfile", "--extend-select", "LL1003", "--failure-threshold", "error"
    )
    assert (status, where(findings)) == (1, ["Dockerfile:LL1003@2"])


def test_explicit_config_over_discovered(capsys: pytest.CaptureFixture[str]) -> None:
    write("layerlint.toml", 'failure-threshold = "none"\n')
    write("ci/strict.toml", 'failure-threshold = "info"\n')
    write("Dockerfile", BAD_USER)
    assert run(capsys, "Dockerfile")[0] == 0
    assert run(capsys, "Dockerfile", "--config", "ci/strict.toml")[0] == 1


def test_config_accepts_a_hadolint_file(capsys: pytest.CaptureFixture[str]) -> None:
    write("hadolint.yaml", "override:\n  info:\n    - LL1003\nfailure-threshold: warning\n")
    write("Dockerfile", BAD_USER)
    status, findings, _ = run(capsys, "Dockerfile", "--config", "hadolint.yaml")
    assert (status, findings[0]["severity"]) == (0, "info")


def test_hadolint_file_in_the_current_directory_is_used(capsys: pytest.CaptureFixture[str]) -> None:
    write(".hadolint.yaml", "ignored:\n  - LL1003\n")
    write("Dockerfile", BAD_USER)
    assert run(capsys, "Dockerfile")[:2] == (0, [])


def test_pragmas_and_disable_inline_ignores(capsys: pytest.CaptureFixture[str]) -> None:
    write("Dockerfile", "FROM alpine:3.20\n# layerlint: ignore=LL1003\nUSER\n")
    assert run(capsys, "Dockerfile")[:2] == (0, [])
    status, findings, _ = run(capsys, "Dockerfile", "--disable-inline-ignores")
    assert (status, where(findings)) == (1, ["Dockerfile:LL1003@3"])
    write("layerlint.toml", "disable-inline-ignores = true\n")
    assert run(capsys, "Dockerfile")[0] == 1


def test_per_file_ignores_from_the_configuration(capsys: pytest.CaptureFixture[str]) -> None:
    write("layerlint.toml", '[per-file-ignores]\n"legacy/*" = ["LL1003"]\n"*.dev" = ["LL1"]\n')
    write("legacy/Dockerfile", BAD_USER)
    write("app/Dockerfile.dev", BAD_USER)
    write("app/Dockerfile", BAD_USER)
    _, findings, _ = run(capsys, "legacy/Dockerfile", "app/Dockerfile.dev", "app/Dockerfile")
    assert where(findings) == ["app/Dockerfile:LL1003@2"]


def test_stdin_filename_finds_the_configuration(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write("svc/layerlint.toml", 'ignore = ["LL1003"]\n')
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(BAD_USER.encode())))
    assert run(capsys, "-", "--stdin-filename", "svc/Dockerfile")[:2] == (0, [])
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(BAD_USER.encode())))
    _, findings, _ = run(capsys, "-", "--stdin-filename", "web/Dockerfile")
    assert where(findings) == ["web/Dockerfile:LL1003@2"]


def test_build_arg_check_override(capsys: pytest.CaptureFixture[str], stand_ins) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    write("Dockerfile", "#check=skip=all\nFROM scratch as base\n")
    assert run(capsys, "Dockerfile")[:2] == (0, [])
    status, findings, _ = run(
        capsys, "Dockerfile", "--build-arg", "BUILDKIT_DOCKERFILE_CHECK=skip=none;error=true"
    )
    assert (status, [f["code"] for f in findings], findings[0]["severity"]) == (
        1,
        ["LL9010"],
        "error",
    )


def test_build_arg_without_value_comes_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUILDKIT_DOCKERFILE_CHECK", "skip=all")
    assert main(["check", "--show-config", ".", "--build-arg", "BUILDKIT_DOCKERFILE_CHECK"]) == 0
    assert 'BUILDKIT_DOCKERFILE_CHECK = "skip=all"' in capsys.readouterr().out


def test_show_config(capsys: pytest.CaptureFixture[str]) -> None:
    write("pyproject.toml", '[tool.layerlint]\nignore = ["LL1003"]\n')
    write("Dockerfile", BAD_USER)
    status = main(["check", "--show-config", "Dockerfile", "--target", "final", "--context", "ctx"])
    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("# effective configuration for Dockerfile\n")
    assert "([tool.layerlint])" in out and "#   command line" in out
    assert 'ignore = ["LL1003"]' in out
    assert 'target = "final"' in out
    assert f'context = "{Path.cwd() / "ctx"}"' in out


def test_show_config_for_a_missing_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--show-config", "nope/Dockerfile"]) == 2
    assert (
        capsys.readouterr().err == "layerlint: error: nope/Dockerfile: no such file or directory\n"
    )


@pytest.mark.parametrize(
    ("file", "text", "message"),
    [
        (
            "layerlint.toml",
            'select = ["LL1"]\nignroe = ["LL1003"]\n',
            "{root}/layerlint.toml:2: unknown key 'ignroe' (did you mean 'ignore'?)",
        ),
        (
            "pyproject.toml",
            '[tool.layerlint]\nextend-select = ["unused-supression"]\n',
            "{root}/pyproject.toml:2: unknown rule 'unused-supression' in 'extend-select'"
            " (did you mean unused-suppression?)",
        ),
        (
            "layerlint.toml",
            'failure-threshold = "fatal"\n',
            "{root}/layerlint.toml:1: 'failure-threshold' must be one of error, warning, info,"
            " style, none, not 'fatal'",
        ),
        (
            "layerlint.toml",
            "select = [\n",
            "{root}/layerlint.toml:2:1: invalid TOML: ",
        ),
        (
            ".hadolint.yaml",
            "ignored: [DL3008\n",
            "{root}/.hadolint.yaml:2:1: invalid YAML: ",
        ),
    ],
)
def test_configuration_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], project: Path, file: str, text: str, message: str
) -> None:
    write(file, text)
    write("Dockerfile", BAD_USER)
    status = main(["check", "Dockerfile"])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert captured.err.startswith("layerlint: error: " + message.format(root=project))
    assert captured.err.count("\n") == 1


def test_bad_explicit_config_and_flags_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    write("Dockerfile", BAD_USER)
    assert main(["check", "Dockerfile", "--config", "missing.toml"]) == 2
    assert capsys.readouterr().err.startswith(
        "layerlint: error: missing.toml: cannot read the configuration: "
    )
    assert main(["check", "Dockerfile", "--ignore", "LL1003,nonsense-rule"]) == 2
    assert capsys.readouterr().err == "layerlint: error: --ignore: unknown rule 'nonsense-rule'\n"
    assert main(["check", "Dockerfile", "--build-arg", "=x"]) == 2
    assert capsys.readouterr().err == "layerlint: error: --build-arg '=x': expected NAME=VALUE\n"
