"""The rule registry: every rule module, listed explicitly.

A rule is registered by importing its module here and adding it to `_MODULES`, in
its family's section, in code order. The meta-test (tests/test_rule_registry.py)
fails when a module in this folder is missing from the list, when codes, names or
aliases repeat, or when documentation headings or test cases are missing.

Families: 1 syntax and directives, 2 base images and stages, 3 instructions and
package managers, 4 security, 5 layers, size and cache.
"""

from __future__ import annotations

from layerlint.rule import LoadedRule, load_rule

# 1 — syntax and directives
from . import ll1000_syntax_error
from . import ll1001_timeout
from . import ll1002_internal_error
from . import ll1003_invalid_instruction
from . import ll1004_invalid_encoding
from . import ll1005_unused_suppression
from . import ll1006_inline_suppression
# (end of family 1 imports)
# 2 — base images and stages
# (end of family 2 imports)
# 3 — instructions and package managers
# (end of family 3 imports)
# 4 — security
# (end of family 4 imports)
# 5 — layers, size and cache
# (end of family 5 imports)

_MODULES = (
    # 1 — syntax and directives
    ll1000_syntax_error,
    ll1001_timeout,
    ll1002_internal_error,
    ll1003_invalid_instruction,
    ll1004_invalid_encoding,
    ll1005_unused_suppression,
    ll1006_inline_suppression,
    # (end of family 1)
    # 2 — base images and stages
    # (end of family 2)
    # 3 — instructions and package managers
    # (end of family 3)
    # 4 — security
    # (end of family 4)
    # 5 — layers, size and cache
    # (end of family 5)
)

RULES: tuple[LoadedRule, ...] = tuple(load_rule(module) for module in _MODULES)
