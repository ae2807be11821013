"""The command line as a user switching from hadolint meets it (review u): hadolint's
option spellings, the severity in tty lines, hadolint's default failure threshold,
and clear messages where a run cannot do what was asked."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path

import pytest
from layerlint.cli import main

STYLE_ONLY = "FROM alpine:3.20\nLABEL Bad_Key=1\n"  # LL3034 (style)
UNTRUSTED = "FROM myreg.example/base:1\n"


def run(
    arguments: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: str | None = None,
) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    status = main(arguments)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "style.Dockerfile").write_text(STYLE_ONLY)
    (tmp_path / "untrusted.Dockerfile").write_text(UNTRUSTED)
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_tty_lines_say_the_severity(project: Path, capsys, monkeypatch) -> None:
    _, out, _ = run(
        ["check", "--select", "LL3034", "--no-color", "style.Dockerfile"], capsys, monkeypatch
    )
    assert out.startswith("style.Dockerfile:2:7: style: LL3034 invalid-label-key: ")


@pytest.mark.parametrize(
    ("options", "status"),
    [([], 0), (["-t", "style"], 1), (["--failure-threshold", "ignore"], 1), (["-t", "none"], 0)],
)
def test_style_findings_fail_only_below_the_default_threshold(
    project: Path, capsys, monkeypatch, options: list[str], status: int
) -> None:
    arguments = ["check", "--select", "LL3034", *options, "style.Dockerfile"]
    assert run(arguments, capsys, monkeypatch)[0] == status


def test_hadolint_options_are_accepted(project: Path, capsys, monkeypatch) -> None:
    base = ["check", "-f", "json", "--select", "LL2002,LL3035,LL3034"]
    status, out, _ = run([*base, "untrusted.Dockerfile"], capsys, monkeypatch)
    assert status == 0 and json.loads(out) == []  # no registry is trusted by default
    arguments = [*base, "--trusted-registry", "docker.io", "--require-label", "maintainer:email"]
    status, out, _ = run(
        [*arguments, "--error", "LL3035", "untrusted.Dockerfile"], capsys, monkeypatch
    )
    found = {(item["code"], item["severity"]) for item in json.loads(out)}
    assert found == {("LL2002", "error"), ("LL3035", "error")} and status == 1
    (project / "h.yaml").write_text("failure-threshold: none\n")
    status, out, _ = run([*arguments, "-c", "h.yaml", "untrusted.Dockerfile"], capsys, monkeypatch)
    assert status == 0 and len(json.loads(out)) == 2


def test_hadolint_option_values_are_checked(project: Path, capsys, monkeypatch) -> None:
    status, _, err = run(
        ["check", "--require-label", "maintainer:mail", "style.Dockerfile"], capsys, monkeypatch
    )
    assert status == 2 and "did you mean 'email'?" in err
    status, _, err = run(["check", "--error", "DL9999x", "style.Dockerfile"], capsys, monkeypatch)
    assert status == 2 and err.startswith("layerlint: error: --error")


def test_version_short_option(capsys, monkeypatch) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["-V"])
    assert stop.value.code == 0 and capsys.readouterr().out.startswith("layerlint ")


def test_a_directory_walk_reads_regular_files_only(project: Path, capsys, monkeypatch) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    (project / "pipes").mkdir()
    os.mkfifo(project / "pipes" / "Dockerfile")  # reading it would block forever
    (project / "pipes" / "app.Dockerfile").write_text(STYLE_ONLY)
    status, out, _ = run(["check", "-f", "gnu", "--select", "LL3034", "pipes"], capsys, monkeypatch)
    assert status == 0 and out.startswith(os.path.join("pipes", "app.Dockerfile") + ":2:7:")


def test_stdin_filename_alone_reads_standard_input(project: Path, capsys, monkeypatch) -> None:
    arguments = ["check", "-f", "gnu", "--select", "LL3034", "--stdin-filename", "x/Dockerfile"]
    _, out, _ = run(arguments, capsys, monkeypatch, stdin=STYLE_ONLY)
    assert out.splitlines() == [out.splitlines()[0]] and out.startswith("x/Dockerfile:2:7:")
    _, out, _ = run(
        ["check", "-f", "gnu", "--select", "LL3034", "-", "-"], capsys, monkeypatch, STYLE_ONLY
    )
    assert len(out.splitlines()) == 1  # standard input is read and reported once


def test_sarif_says_when_the_run_failed(project: Path, capsys, monkeypatch) -> None:
    status, out, _ = run(
        ["check", "-f", "sarif", "style.Dockerfile", "missing"], capsys, monkeypatch
    )
    (invocation,) = json.loads(out)["runs"][0]["invocations"]
    assert status == 2 and invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert {"message": {"text": "missing: no such file or directory"}, "level": "error"} in notes


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--context", "no-such-dir"], "--context no-such-dir: not a directory"),
        (["--timeout", "0"], "--timeout 0: must be a positive number of seconds"),
        (["-o", "/dev/full"], "cannot write /dev/full: No space left on device"),
        (["--target", "nope"], "no stage named 'nope' (the file names no stage"),
    ],
)
def test_bad_requests_get_one_clear_line(
    project: Path, capsys, monkeypatch, arguments, message
) -> None:
    if arguments[-1] == "/dev/full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    status, _, err = run(["check", *arguments, "style.Dockerfile"], capsys, monkeypatch)
    assert status == 2 and message in err and "Traceback" not in err


def test_warnings_for_runs_that_check_nothing(project: Path, capsys, monkeypatch) -> None:
    (project / "empty").mkdir()
    status, _, err = run(["check", "empty"], capsys, monkeypatch)
    assert status == 0 and "layerlint: warning: no Dockerfile found in empty" in err
    _, _, err = run(
        ["check", "--select", "ALL", "--ignore", "ALL", "style.Dockerfile"], capsys, monkeypatch
    )
    assert "layerlint: warning: no rule is selected" in err


def test_a_misspelt_command_is_named(project: Path, capsys, monkeypatch) -> None:
    status, _, err = run(["explian", "DL3008"], capsys, monkeypatch)
    assert status == 2 and "unknown command 'explian' (did you mean 'explain'?)" in err
    status, _, err = run(["check", "explian"], capsys, monkeypatch)  # a file, as asked
    assert status == 2 and "explian: no such file or directory" in err


def test_explain_shows_every_rule_of_a_shared_alias(capsys, monkeypatch) -> None:
    _, out, _ = run(["explain", "DL3025"], capsys, monkeypatch)
    assert (
        out.startswith("LL3016 exec-form-recommended") and "\nLL3057 healthcheck-shell-form" in out
    )


def test_hadolint_gitlab_codeclimate_format_is_the_codeclimate_report(
    project: Path, capsys, monkeypatch
) -> None:
    base = ["check", "--select", "LL3034", "style.Dockerfile", "-f"]
    _, ours, _ = run([*base, "codeclimate"], capsys, monkeypatch)
    _, theirs, _ = run([*base, "gitlab_codeclimate"], capsys, monkeypatch)
    assert ours == theirs and json.loads(ours)[0]["check_name"] == "LL3034"


def test_trusted_registries_on_the_command_line_add_to_the_configured(
    project: Path, capsys, monkeypatch
) -> None:
    (project / ".hadolint.yaml").write_text("trustedRegistries: [docker.io]\n")
    (project / "Dockerfile").write_text(
        "FROM alpine:3.20\nFROM quay.io/x/y:1\nFROM ghcr.io/a/b:1\n"
    )
    arguments = ["check", "-f", "json", "--select", "LL2002", "--trusted-registry", "quay.io"]
    _, out, _ = run([*arguments, "Dockerfile"], capsys, monkeypatch)
    assert [item["line"] for item in json.loads(out)] == [3]


@pytest.mark.parametrize("command", [["layers"], ["rules"], ["explain", "LL5001"]])
def test_every_command_says_when_its_output_cannot_be_written(
    project: Path, capsys, monkeypatch, command: list[str]
) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    full = open("/dev/full", "w")  # noqa: SIM115 (closed below, where it fails again)
    monkeypatch.setattr(sys, "stdout", full)
    status = main([*command, *(["style.Dockerfile"] if command == ["layers"] else [])])
    err = capsys.readouterr().err
    with contextlib.suppress(OSError):
        full.close()
    assert status == 2 and "cannot write the output: No space left on device" in err
