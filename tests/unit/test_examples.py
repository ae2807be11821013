"""The examples/ Dockerfiles and the README's layer section tell the truth."""

from __future__ import annotations

import re
from pathlib import Path

from layerlint.engine import lint_source
from layerlint.layers_report import model_text
from layerlint.model import Model
from layerlint.parse import parse_text
from layerlint.source import Source

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
LAYER_RULES = {f"LL500{number}" for number in range(1, 8)}


def _codes(name: str) -> set[str]:
    path = EXAMPLES / name
    source = Source(path.read_text(), f"examples/{name}")
    return {finding.code for finding in lint_source(source).findings}


def test_good_example_is_clean() -> None:
    assert _codes("good.Dockerfile") == set()


def test_bad_example_shows_every_layer_rule_and_classic_ones() -> None:
    codes = _codes("bad.Dockerfile")
    assert codes >= LAYER_RULES
    assert codes - LAYER_RULES, "the bad example also shows classic findings"


def test_readme_layers_output_is_current() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Layer rules", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```[^\n]*\n(.*?)```", section, flags=re.S)
    path = "examples/layers.Dockerfile"
    text = (ROOT / path).read_text()
    expected = model_text(Model(parse_text(text)), path, color=False)
    assert expected in blocks, "README: paste the current `layerlint layers` output"
    shown = next(block for block in blocks if block.startswith(path + ":"))
    actual = {
        f"{finding.code}@{finding.line}:{finding.column}"
        for finding in lint_source(Source(text, path)).findings
    }
    pasted = set(re.findall(r":(\d+):(\d+): (?:\w+: )?(LL\d+)", shown))
    assert {f"{code}@{line}:{column}" for line, column, code in pasted} == actual, (
        "README: paste the current `layerlint examples/layers.Dockerfile` output"
    )
