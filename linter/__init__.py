"""layerlint: a Dockerfile and Containerfile linter that understands image layers.

Python API (see README, "Python API"):

    layerlint.lint_text(text, filename="Dockerfile", config=None) -> list[Finding]
    layerlint.lint_paths(paths, config=None) -> list[Finding]
    layerlint.parse_text(text) -> Dockerfile (the AST)

Heavy modules are imported on first use, so `import layerlint` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .findings import Finding
    from .nodes import Dockerfile

__all__ = ["Finding", "Severity", "__version__", "lint_paths", "lint_text", "parse_text"]


def _settings(config: Any, path: str | None) -> Any:
    from .api_config import settings_for_api

    return settings_for_api(config, path)


def lint_text(text: str, filename: str = "Dockerfile", config: Any = None) -> list[Finding]:
    """Lint Dockerfile text. `config` is None (defaults: nothing is read from disk),
    a `Settings`, or the path of a configuration file (layerlint TOML or hadolint
    YAML)."""
    from .engine import lint_source
    from .source import Source

    settings = _settings(config, filename)
    return lint_source(Source(text, filename), settings).findings


def lint_paths(paths: list[str] | str, config: Any = None) -> list[Finding]:
    """Lint files and directories (searched recursively for Dockerfiles).

    Like the command line, each file gets the configuration found from its directory
    upward (pyproject.toml, layerlint.toml, or .hadolint.yaml); `config` (a path)
    applies over it, and a `Settings` replaces it.
    """
    from .config import ConfigError, Resolver
    from .files import discover
    from .runner import lint_files
    from .settings import Settings

    if isinstance(paths, str):
        paths = [paths]
    files, problems = discover(list(paths))
    if problems:
        raise FileNotFoundError(f"{problems[0].path}: {problems[0].message}")
    if isinstance(config, Settings):
        fixed = config
        run = lint_files(files, lambda path: fixed)
    else:
        try:
            resolver = Resolver(config_path=None if config is None else str(config))
        except ConfigError as error:
            raise ValueError(str(error)) from None
        run = lint_files(files, resolver.settings_for)
    if run.unreadable:
        path, reason = run.unreadable[0]
        raise OSError(f"{path}: {reason}")
    return run.findings


def parse_text(text: str, filename: str = "Dockerfile") -> Dockerfile:
    """Parse Dockerfile text into the typed AST (`layerlint.nodes`)."""
    from .parse import parse_text as parse

    return parse(text, filename)


def __getattr__(name: str) -> Any:
    if name == "Finding":
        from .findings import Finding

        return Finding
    if name == "Severity":
        from .findings import Severity

        return Severity
    raise AttributeError(f"module 'layerlint' has no attribute {name!r}")
