"""Commands that install a project's dependencies from its manifest files.

`dependency_install(model, command)` recognises `pip install -r FILE` and
`pip install .`, `uv sync` and `uv pip install -r`/`uv pip sync`, `poetry install`,
`pipenv install`/`sync`, `npm ci`/`install`, `yarn [install]`, `pnpm install`,
`bundle install`, `go mod download`, `composer install`, `dotnet restore`,
`mvn dependency:go-offline` and `gradle dependencies`, and says which manifest files
the install reads (what to copy before it so that the build cache can keep it).
Installs of named packages (`npm install -g typescript`, `pip install flask`) read
no manifest and are not dependency installs.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from ..records import Record, init

if TYPE_CHECKING:
    from . import Model
    from .shell import SimpleCommand


class DependencyInstall(Record):
    """`ecosystem` (python, node, ruby, go, php, dotnet, java), the command as people
    name it (`npm ci`) and the manifest files it reads, as written or by convention."""

    __slots__ = ("ecosystem", "tool", "manifests")

    ecosystem: str
    tool: str
    manifests: tuple[str, ...]

    def __init__(
        self,
        ecosystem: str,
        tool: str,
        manifests: tuple[str, ...],
    ) -> None:
        init(self, "ecosystem", ecosystem)
        init(self, "tool", tool)
        init(self, "manifests", manifests)


_NODE_LOCKS = {"npm": "package-lock.json", "yarn": "yarn.lock", "pnpm": "pnpm-lock.yaml"}
_PROJECT_DIRECTORIES = frozenset({".", "./"})


def dependency_install(model: Model, command: SimpleCommand) -> DependencyInstall | None:
    """The dependency install a command runs, or None."""
    invocation = model.package_command(command)
    if invocation is not None:
        manager, action = invocation.manager, invocation.action
        if manager == "pip" and action == "install":
            files = invocation.option_values.get("-r", []) + invocation.option_values.get(
                "--requirement", []
            )
            if files:
                return DependencyInstall("python", "pip install -r", tuple(files))
            editable = invocation.option_values.get("-e", []) + invocation.option_values.get(
                "--editable", []
            )
            specs = [package.spec for package in invocation.packages] + editable
            # `pip install --no-deps .` installs only the project, which needs its
            # sources: that is the step that belongs after the full copy.
            if any(_is_project(spec) for spec in specs) and not invocation.has("--no-deps"):
                return DependencyInstall("python", "pip install .", ("pyproject.toml",))
            return None
        if manager in _NODE_LOCKS and action in ("install", "ci") and not invocation.packages:
            tool = (
                f"{invocation.program} {action}" if invocation.action_word else invocation.program
            )
            return DependencyInstall("node", tool, ("package.json", _NODE_LOCKS[manager]))
        if manager == "bundle" and action in ("install", ""):  # a bare `bundle` installs
            return DependencyInstall("ruby", "bundle install", ("Gemfile", "Gemfile.lock"))
        if manager == "go" and action == "mod download":
            return DependencyInstall("go", "go mod download", ("go.mod", "go.sum"))
        if manager == "composer" and action == "install":
            return DependencyInstall("php", "composer install", ("composer.json", "composer.lock"))
        return None
    return _other_tools(command)


def _is_project(spec: str) -> bool:
    """`.`, `./`, `.[dev]`, `./[test]`: the project in the current directory."""
    base = spec.split("[", 1)[0]
    return base in _PROJECT_DIRECTORIES


def _other_tools(command: SimpleCommand) -> DependencyInstall | None:
    """Tools the package model does not parse: uv, poetry, pipenv, dotnet, maven, gradle."""
    name = command.name
    if name is None:
        return None
    values = [word.value for word in command.args]
    if any(value is None for value in values[:2]):
        return None
    operands = [value for value in values if value is not None and not value.startswith("-")]
    first = operands[0] if operands else ""
    if name == "uv":
        if first == "sync":
            return DependencyInstall("python", "uv sync", ("pyproject.toml", "uv.lock"))
        if first == "pip" and len(operands) > 1 and operands[1] in ("install", "sync"):
            files = (
                _option_values(values, ("-r", "--requirement"))
                if operands[1] == "install"
                else operands[2:3]
            )
            if files:
                return DependencyInstall("python", f"uv pip {operands[1]}", tuple(files))
        return None
    if name == "poetry" and first in ("install", "sync") and "--only-root" not in values:
        # (`--only-root` installs the project alone, like `pip install --no-deps .`)
        return DependencyInstall("python", f"poetry {first}", ("pyproject.toml", "poetry.lock"))
    if name == "pipenv" and (first == "sync" or (first == "install" and len(operands) == 1)):
        return DependencyInstall("python", f"pipenv {first}", ("Pipfile", "Pipfile.lock"))
    if name == "dotnet" and first == "restore":
        return DependencyInstall("dotnet", "dotnet restore", ("*.csproj",))
    if name in ("mvn", "mvnw") and any(
        value.startswith(("dependency:go-offline", "dependency:resolve")) for value in operands
    ):
        return DependencyInstall("java", "mvn dependency:go-offline", ("pom.xml",))
    if name in ("gradle", "gradlew") and "dependencies" in operands:
        return DependencyInstall(
            "java", f"{name} dependencies", ("build.gradle", "settings.gradle")
        )
    return None


def _option_values(values: list[str | None], names: tuple[str, ...]) -> list[str]:
    found = []
    for index, value in enumerate(values):
        if value in names and index + 1 < len(values) and values[index + 1] is not None:
            found.append(values[index + 1] or "")
        elif value is not None and value.startswith(
            tuple(name + "=" for name in names if name.startswith("--"))
        ):
            found.append(value.split("=", 1)[1])
    return found


def manifest_names(install: DependencyInstall) -> str:
    """`package.json and package-lock.json` for a message (file names only)."""
    names = [posixpath.basename(name) or name for name in install.manifests]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]
