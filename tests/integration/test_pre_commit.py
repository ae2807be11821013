"""The pre-commit hooks, run for real: `pre-commit try-repo <this repo> HOOK --all-files`.

try-repo clones this repository, installs it into a fresh virtual environment from
PyPI and runs the hook in a temporary git repository holding one bad and one good
Dockerfile per hook. It needs the package index; pip's cache makes later runs quick.

Without `--ref`, try-repo would also take uncommitted changes to tracked files (but
not untracked files), which in a shared working tree can be someone's half-done
work; the tests pin `--ref` to the HEAD commit, so they test what is committed (CI
runs them in a clean clone, where both are the same).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
    "pre-commit"
)
BAD = "FROM alpine:3.20\nENV PATH\n"
GOOD = "FROM alpine:3.20\nRUN echo hi\n"

pytestmark = [
    pytest.mark.skipif(
        PRE_COMMIT is None, reason="pre-commit is not installed (pip install -e '.[test]')"
    ),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason=f"{ROOT} is not a git repository"),
]


def git(repo: Path, *arguments: str) -> str:
    result = subprocess.run(["git", *arguments], cwd=repo, check=True, capture_output=True)
    return result.stdout.decode().strip()


HEAD = git(ROOT, "rev-parse", "HEAD") if PRE_COMMIT and (ROOT / ".git").exists() else ""


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "layerlint tests",
        "GIT_AUTHOR_EMAIL": "tests@layerlint.invalid",
        "GIT_COMMITTER_NAME": "layerlint tests",
        "GIT_COMMITTER_EMAIL": "tests@layerlint.invalid",
        "NO_COLOR": "1",
        "PRE_COMMIT_COLOR": "never",
    }


def make_repository(path: Path, files: dict[str, str], environment: dict[str, str]) -> Path:
    path.mkdir()
    git(path, "init", "-q")
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text)
    git(path, "add", "-A")
    subprocess.run(["git", "commit", "-q", "-m", "files"], cwd=path, env=environment, check=True)
    return path


def try_repo(
    hook: str, repository: Path, environment: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT is not None
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(ROOT), hook, "--ref", HEAD, "--all-files", "--color", "never"],
        cwd=repository,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def finding_lines(output: str) -> list[str]:
    """The `path:line:col: CODE` head lines of layerlint's tty report in the hook output."""
    return [line for line in output.splitlines() if ": LL" in line and line.split(":")[0]]


def test_layerlint_hook(tmp_path: Path, environment: dict[str, str]) -> None:
    repository = make_repository(
        tmp_path / "project",
        {"Dockerfile": BAD, "good/Dockerfile": GOOD, "README.md": "# not a Dockerfile\n"},
        environment,
    )
    result = try_repo("layerlint", repository, environment)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "- hook id: layerlint" in output and "Failed" in output, output
    assert finding_lines(output) == [
        "Dockerfile:2:5: error: LL1000 syntax-error: ENV PATH has no value: write PATH=value"
    ], output
    assert "1 finding (1 error) in 2 files" in output, output
    assert "was not run" not in output, output  # ShellCheck comes with the hook


def test_layerlint_other_names_hook(tmp_path: Path, environment: dict[str, str]) -> None:
    repository = make_repository(
        tmp_path / "project",
        {
            "services/api.dockerfile": BAD,
            "Dockerfile-dev": GOOD,
            "Dockerfile": BAD,  # the first hook's: not linted twice
            "docs/dockerfile.md": BAD,
        },
        environment,
    )
    result = try_repo("layerlint-other-names", repository, environment)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert finding_lines(output) == [
        "services/api.dockerfile:2:5: error: LL1000 syntax-error: ENV PATH has no value:"
        " write PATH=value"
    ], output
    assert "1 finding (1 error) in 2 files" in output, output


def test_a_clean_repository_passes(tmp_path: Path, environment: dict[str, str]) -> None:
    repository = make_repository(tmp_path / "project", {"Dockerfile": GOOD}, environment)
    result = try_repo("layerlint", repository, environment)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output, output
