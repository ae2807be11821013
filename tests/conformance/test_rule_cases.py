"""The peers' rule cases: each of the four categories reaches the issue's target.

hadolint without pragma or config ≥ 98 %, hadolint with a pragma or a config ≥ 95 %,
BuildKit without `# check=` ≥ 95 %, BuildKit with `# check=` ≥ 90 %. The failure
message is the runner's report (`python -m tests.conformance.run --verbose` lists
every failing case with its Dockerfile).
"""

from __future__ import annotations

import pytest

from .shared import requires_shared

pytestmark = requires_shared


@pytest.fixture(scope="module")
def results():  # type: ignore[no-untyped-def]
    from .rule_cases import run_all

    return {result.category: result for result in run_all()}


@pytest.mark.parametrize(
    "category",
    ["hadolint", "hadolint-pragma-config", "buildkit", "buildkit-check-directive"],
)
def test_category_reaches_its_target(results, category: str) -> None:  # type: ignore[no-untyped-def]
    from .rule_cases import TARGETS, format_report

    result = results[category]
    assert result.total > 0, f"no case in category {category}"
    if result.rate < TARGETS[category]:
        text, _ = format_report([result])
        pytest.fail(text)
