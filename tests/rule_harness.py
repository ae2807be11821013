"""Running one rule over a text, for the fixture, documentation and meta tests."""

from __future__ import annotations

from layerlint.engine import lint_source
from layerlint.findings import Finding
from layerlint.rule import doc_examples
from layerlint.settings import Settings
from layerlint.source import Source


def run_rule(
    code: str, text: str | bytes, path: str = "Dockerfile", settings: Settings | None = None
) -> list[Finding]:
    """Findings of exactly one rule (on or off by default) for a Dockerfile text."""
    base = settings or Settings()
    chosen = base.with_changes(select=(code,), extend_select=(), ignore=())
    source = Source.from_bytes(text, path) if isinstance(text, bytes) else Source(text, path)
    return [f for f in lint_source(source, chosen).findings if of_rule(f.code, code)]


def of_rule(finding_code: str, code: str) -> bool:
    """A finding (or expectation) code of rule `code`: its own, or one of its
    subcodes (ShellCheck's `SC2086` for LL3056)."""
    from layerlint.registry import rule_code_of

    return finding_code == code or rule_code_of(finding_code) == code


def skip_reason(code: str) -> str | None:
    """Why rule `code` cannot run on this machine (an optional tool is missing)."""
    from layerlint.registry import find_rule, unavailable_rules

    rule = find_rule(code)
    found = unavailable_rules([rule]) if rule is not None else []
    return found[0][1] if found else None


def example_bytes(info: str, code: str) -> str | bytes:
    """A documentation example as the test feeds it (`bytes` examples use \\xNN)."""
    if "bytes" in info.split():
        return code.encode("latin-1").decode("unicode_escape").encode("latin-1")
    return code


def examples_with_settings(doc: str, heading: str) -> list[tuple[str, str, Settings | None]]:
    """The Dockerfile blocks under a documentation heading, each with the settings of
    the `toml` block under the same heading (a `layerlint.toml`), if there is one."""
    blocks = doc_examples(doc, heading)
    settings = None
    for info, code in blocks:
        if info.split()[:1] == ["toml"]:
            settings = settings_from_toml(code)
    return [(info, code, settings) for info, code in blocks if info.split()[:1] != ["toml"]]


def settings_from_toml(text: str) -> Settings:
    """Settings of a `layerlint.toml` with this content."""
    import tempfile
    from pathlib import Path

    from layerlint.config import load_config_file

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "layerlint.toml"
        path.write_text(text, encoding="utf-8")
        return load_config_file(str(path))
