"""Every fixture in tests/fixtures/rules: findings of its rule == its `# expect:` lines.

`LL5001.Dockerfile` and `LL5001_anything.Dockerfile` test rule LL5001; a directory
`LL2019_name/` holds a `Dockerfile` plus its build context (e.g. `.dockerignore`).
A `<fixture>.toml` beside a fixture holds configuration for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .expectations import Expected, read_expectations
from .rule_harness import of_rule, run_rule, skip_reason

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def _fixtures() -> list[Path]:
    files = sorted(FIXTURES.glob("*.Dockerfile"))
    directories = sorted(p / "Dockerfile" for p in FIXTURES.iterdir() if p.is_dir())
    return files + directories


def _code_of(path: Path) -> str:
    name = path.parent.name if path.name == "Dockerfile" else path.name
    match = re.match(r"([A-Z]+\d+)", name)
    assert match, f"fixture {path} must start with a rule code"
    return match.group(1)


def _settings_for(path: Path):  # type: ignore[no-untyped-def]
    from layerlint.settings import Settings

    config = (
        path.with_suffix(".toml") if path.name != "Dockerfile" else path.parent / "layerlint.toml"
    )
    settings = Settings()
    if config.exists():
        from layerlint.config import load_config_file

        settings = load_config_file(str(config))
    if path.name == "Dockerfile":
        settings = settings.with_changes(context=str(path.parent))
    return settings


@pytest.mark.parametrize("fixture", _fixtures(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(fixture: Path) -> None:
    code = _code_of(fixture)
    reason = skip_reason(code)
    if reason:
        pytest.skip(f"{code}: {reason}")
    data = fixture.read_bytes()
    text = data.decode("utf-8", "replace")
    expected = [e for e in read_expectations(text) if of_rule(e.code, code)]
    findings = run_rule(code, data, str(fixture), _settings_for(fixture))
    actual = sorted(Expected(f.code, f.line, f.column) for f in findings)
    if actual != expected:
        details = "\n".join(f"  {f.code}@{f.line}:{f.column} {f.message}" for f in findings)
        pytest.fail(
            f"{fixture.name}\n expected: {[str(e) for e in expected]}\n"
            f" actual:   {[str(a) for a in actual]}\n findings:\n{details}"
        )
