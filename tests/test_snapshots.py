"""Golden outputs: every format over the Dockerfiles in tests/snapshots/inputs/.

Each golden is the exact output of `layerlint check --select LL1000,...,LL1004
--format FORMAT --repository-root . INPUT` run in tests/snapshots/inputs/: the
original syntax rules only, named one by one (not `LL1`, a family that still grows),
so that rules added later do not change the goldens. The one machine-dependent part, the
absolute repository root in SARIF's originalUriBaseIds, is replaced by
`file:///REPOSITORY_ROOT/`.

To regenerate after an intended change, run

    LAYERLINT_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_snapshots.py

then read the diff (`git diff tests/snapshots`) before committing it. Never edit a
golden by hand.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from layerlint.cli import main
from layerlint.reporters import FORMATS
from layerlint.reporters.locations import directory_uri

from .sarif_checks import github_problems, requires_schema, schema_errors

SNAPSHOTS = Path(__file__).parent / "snapshots"
INPUTS = SNAPSHOTS / "inputs"
UPDATE = os.environ.get("LAYERLINT_UPDATE_SNAPSHOTS") == "1"
EXTENSIONS = {
    "tty": "tty.txt",
    "json": "json",
    "sarif": "sarif",
    "gnu": "gnu.txt",
    "github": "github.txt",
    "checkstyle": "checkstyle.xml",
    "junit": "junit.xml",
    "codeclimate": "codeclimate.json",
}
ROOT_PLACEHOLDER = "file:///REPOSITORY_ROOT/"
GOLDEN_RULES = "LL1000,LL1001,LL1002,LL1003,LL1004"


def input_files() -> list[Path]:
    return sorted(INPUTS.glob("*.Dockerfile"))


def render(
    path: Path,
    format_name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[str, int, str]:
    monkeypatch.chdir(INPUTS)
    status = main(
        [
            "check",
            "--select",
            GOLDEN_RULES,
            "--format",
            format_name,
            "--color",
            "never",
            "--repository-root",
            ".",
            path.name,
        ]
    )
    captured = capsys.readouterr()
    output = captured.out.replace(directory_uri(os.path.realpath(INPUTS)), ROOT_PLACEHOLDER)
    return output, status, captured.err


def test_every_format_has_a_golden_extension() -> None:
    assert set(EXTENSIONS) == set(FORMATS)


@pytest.mark.parametrize("format_name", sorted(EXTENSIONS))
@pytest.mark.parametrize("path", input_files(), ids=lambda p: p.stem)
def test_golden(
    path: Path,
    format_name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    output, status, errors = render(path, format_name, monkeypatch, capsys)
    assert errors == ""
    assert status == (0 if path.stem == "clean" else 1)
    golden = SNAPSHOTS / f"{path.stem}.{EXTENSIONS[format_name]}"
    if UPDATE:
        golden.write_text(output, encoding="utf-8", newline="")
    assert golden.exists(), (
        f"no golden {golden.name}; create it with LAYERLINT_UPDATE_SNAPSHOTS=1 and review it"
    )
    expected = golden.read_text(encoding="utf-8")
    assert output == expected, (
        f"{golden.name} differs from the output; if the change is intended, regenerate with"
        " LAYERLINT_UPDATE_SNAPSHOTS=1 and review `git diff tests/snapshots`"
    )


@requires_schema
@pytest.mark.parametrize("path", input_files(), ids=lambda p: p.stem)
def test_sarif_goldens_are_valid_for_the_schema_and_github(path: Path) -> None:
    text = (SNAPSHOTS / f"{path.stem}.sarif").read_text(encoding="utf-8")
    assert schema_errors(json.loads(text)) == []
    assert github_problems(text) == []
