"""The composite GitHub Action (action.yml), run step by step as the Actions runner would.

The runner is emulated just enough: each `run` step gets its `env` with the
`${{ ... }}` expressions this action uses filled in (inputs, github.action_path,
outputs of earlier steps), a GITHUB_OUTPUT file, and bash. The install step runs for
real (a virtual environment, pip from the package index) from a clone of this
repository's HEAD, as `uses: layerlint/layerlint@REF` would check it out.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ..sarif_checks import github_problems

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
BAD = "FROM alpine:3.20\nENV PATH\n"
GOOD = "FROM alpine:3.20\nRUN echo hi\n"


def test_action_declares_its_interface() -> None:
    assert ACTION["runs"]["using"] == "composite"
    inputs = set(ACTION["inputs"])
    assert {"paths", "format", "failure-threshold", "config", "sarif-file", "category"} <= inputs
    assert "sarif-file" in ACTION["outputs"]


def test_no_input_is_expanded_inside_a_script() -> None:
    for step in ACTION["runs"]["steps"]:
        assert step.get("shell") == "bash"
        assert "${{" not in step["run"], (
            f"step {step['name']!r} expands an expression in its script"
        )


def _evaluate(
    expression: str, inputs: dict[str, str], action_path: Path, outputs: dict[str, dict[str, str]]
) -> str:
    if expression.startswith("inputs."):
        name = expression.removeprefix("inputs.")
        return inputs.get(name, str(ACTION["inputs"][name].get("default", "")))
    if expression == "github.action_path":
        return str(action_path)
    match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
    if match:
        return outputs.get(match.group(1), {}).get(match.group(2), "")
    raise AssertionError(f"the emulated runner does not know ${{{{ {expression} }}}}")


def run_action(
    inputs: dict[str, str], workspace: Path, action_path: Path, tmp_path: Path
) -> tuple[int, str, dict[str, str]]:
    """Run the action's steps in order; (status of the failing or last step, log, outputs)."""
    outputs: dict[str, dict[str, str]] = {}
    log = ""
    status = 0
    for number, step in enumerate(ACTION["runs"]["steps"]):
        output_file = tmp_path / f"output-{number}"
        output_file.write_text("")
        environment = dict(os.environ)
        environment.update(
            {
                "GITHUB_OUTPUT": str(output_file),
                "GITHUB_WORKSPACE": str(workspace),
                # Shared by the tests of this module: the venv is built once.
                "RUNNER_TEMP": str(action_path.parent / "runner-temp"),
                "NO_COLOR": "1",
            }
        )
        (action_path.parent / "runner-temp").mkdir(exist_ok=True)
        for key, value in step.get("env", {}).items():
            environment[key] = EXPRESSION.sub(
                lambda m: _evaluate(m.group(1), inputs, action_path, outputs), str(value)
            )
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]],
            cwd=workspace,
            env=environment,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        log += result.stdout + result.stderr
        values = dict(
            line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line
        )
        outputs[step.get("id", str(number))] = values
        status = result.returncode
        if status != 0:
            break
    action_outputs = {
        name: EXPRESSION.sub(
            lambda m: _evaluate(m.group(1), inputs, action_path, outputs), declared["value"]
        )
        for name, declared in ACTION["outputs"].items()
    }
    return status, log, action_outputs


@pytest.fixture(scope="module")
def action_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip(f"{ROOT} is not a git repository: nothing to check out")
    clone = tmp_path_factory.mktemp("action") / "layerlint"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    return clone


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "workspace"
    (root / "services" / "api").mkdir(parents=True)
    (root / "services" / "api" / "Dockerfile").write_text(BAD)
    (root / "Dockerfile").write_text(GOOD)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def test_action_fails_on_errors_and_writes_sarif(
    workspace: Path, action_path: Path, tmp_path: Path
) -> None:
    status, log, outputs = run_action(
        {"format": "github", "category": "dockerfiles"}, workspace, action_path, tmp_path
    )
    assert status == 1, log
    assert "::error file=services/api/Dockerfile,line=2,col=5," in log
    assert outputs == {"sarif-file": "layerlint.sarif"}
    text = (workspace / "layerlint.sarif").read_text(encoding="utf-8")
    assert github_problems(text) == []
    run = json.loads(text)["runs"][0]
    assert run["automationDetails"] == {"id": "dockerfiles/"}
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ]
    assert uris == ["services/api/Dockerfile"]


def test_action_inputs_select_paths_threshold_and_output(
    workspace: Path, action_path: Path, tmp_path: Path
) -> None:
    hostile = "Dockerfile $(touch pwned) ; touch pwned2"
    status, log, outputs = run_action(
        {"paths": hostile, "failure-threshold": "none", "sarif-file": "out/report.sarif"},
        workspace,
        action_path,
        tmp_path,
    )
    # The paths are words, never shell code: the odd ones are just missing files.
    assert not (workspace / "pwned").exists() and not (workspace / "pwned2").exists()
    assert status == 2 and "$(touch: no such file or directory" in log, log
    assert (workspace / "out" / "report.sarif").is_file()
    assert outputs == {"sarif-file": "out/report.sarif"}
    status, log, _ = run_action(
        {"paths": "Dockerfile services", "failure-threshold": "none", "sarif-file": ""},
        workspace,
        action_path,
        tmp_path,
    )
    assert status == 0, log
    assert "1 finding (1 error) in 2 files" in log
