"""BuildKit's own parser test files (../shared/conformance/buildkit-parser)."""

from __future__ import annotations

import pytest

from .shared import CONFORMANCE, requires_shared

pytestmark = requires_shared


def _cases(kind: str) -> list:  # type: ignore[type-arg]
    directory = CONFORMANCE / "buildkit-parser" / kind
    return sorted(p for p in directory.iterdir() if p.is_dir()) if directory.is_dir() else []


@pytest.mark.parametrize("case", _cases("positive"), ids=lambda p: p.name)
def test_positive_case_dumps_like_buildkit(case) -> None:  # type: ignore[no-untyped-def]
    from .parser_suites import check_positive

    failure = check_positive(case)
    assert failure is None, failure


@pytest.mark.parametrize("case", _cases("negative"), ids=lambda p: p.name)
def test_negative_case_is_a_syntax_error(case) -> None:  # type: ignore[no-untyped-def]
    from .parser_suites import check_negative

    failure = check_negative(case)
    assert failure is None, failure


def test_line_info() -> None:
    from .parser_suites import check_line_info

    assert check_line_info() is None
