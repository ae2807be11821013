"""The rule registry: every rule module, listed explicitly.

A rule is registered by importing its module here and adding it to `_MODULES`; the
meta-test (tests/unit/test_rule_registry.py) fails when a module in this folder is
missing from the list, when codes or names repeat, or when documentation headings or
test cases are missing.
"""

from __future__ import annotations

from layerlint.rule import LoadedRule, load_rule

from . import (
    ll1000_syntax_error,
    ll1001_timeout,
    ll1002_internal_error,
    ll1003_invalid_instruction,
    ll1004_invalid_encoding,
    ll1005_unused_suppression,
    ll1006_inline_suppression,
)

_MODULES = (
    # 1 — syntax and directives
    ll1000_syntax_error,
    ll1001_timeout,
    ll1002_internal_error,
    ll1003_invalid_instruction,
    ll1004_invalid_encoding,
    ll1005_unused_suppression,
    ll1006_inline_suppression,
)

RULES: tuple[LoadedRule, ...] = tuple(load_rule(module) for module in _MODULES)
