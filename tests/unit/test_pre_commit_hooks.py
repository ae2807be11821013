"""The two pre-commit hooks split Dockerfile names between them, with no gap and no overlap.

The first hook takes what pre-commit's `dockerfile` type (from `identify`) matches,
the second the other names layerlint's own directory search takes. The real hooks
run in tests/integration/test_pre_commit.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from layerlint.files import is_dockerfile_name

yaml = pytest.importorskip("yaml")
identify = pytest.importorskip("identify.identify")

HOOKS = {
    hook["id"]: hook
    for hook in yaml.safe_load(
        (Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml").read_text()
    )
}
NAMES = [
    "Dockerfile",
    "Containerfile",
    "Dockerfile.dev",
    "api.Dockerfile",
    "Containerfile.arm64",
    "dockerfile",
    "DOCKERFILE",
    "containerfile",
    "Dockerfile-dev",
    "Dockerfile_dev",
    "x.dockerfile",
    "ci-dockerfile",
    "Containerfile-arm",
    "app.Dockerfile-prod",
    "Dockerfile.md",
    "dockerfile.go",
    "README.md",
    "Dockerfile.j2",
    "my.Dockerfile.yml",
    "dockerfiles",
    "Dockerfilex",
    "Makefile",
    "docker-compose.yml",
]


def selected(hook: dict[str, object], path: str) -> bool:
    """Whether pre-commit passes `path` to `hook` (types, files and exclude)."""
    types = hook.get("types", ["file"])
    assert isinstance(types, list)
    tags = identify.tags_from_filename(path) | {"file"}
    if not set(types) <= tags:
        return False
    if not re.search(str(hook.get("files", "")), path):
        return False
    return not re.search(str(hook.get("exclude", "^$")), path)


def test_hook_declarations() -> None:
    assert set(HOOKS) == {"layerlint", "layerlint-other-names"}
    main = HOOKS["layerlint"]
    assert main["language"] == "python" and main["types"] == ["dockerfile"]
    assert main["entry"] == "layerlint check"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("folder", ["", "services/api/"])
def test_each_dockerfile_name_goes_to_exactly_one_hook(name: str, folder: str) -> None:
    path = folder + name
    first = selected(HOOKS["layerlint"], path)
    second = selected(HOOKS["layerlint-other-names"], path)
    assert not (first and second), f"{path} would be linted twice"
    assert (first or second) == is_dockerfile_name(name), path
