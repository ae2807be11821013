"""The effective configuration of a run, whatever it was read from.

Configuration files (`linter/config.py`), hadolint's `.hadolint.yaml` and the command
line all end up as one `Settings` value. The engine uses it to pick the rules to run
and to hand them their options; suppressions, severity overrides and the failure
threshold are applied to the findings afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from .findings import Severity

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Settings:
    """What to run and how to judge the result.

    `select` empty means the rules enabled by default. `failure_threshold` None
    means "never fail" (`none`); the default fails on any finding.

    `options` holds the configuration's top-level rule options (`trusted-registries`,
    `label-schema`, `build-args` ...): the engine hands each one to every rule that
    declares an option of that name. `rule_options` (rule code → options) overrides
    them for one rule. `per_file_ignores` patterns are absolute POSIX globs, or
    basename globs when they contain no `/`.
    """

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: _EMPTY)
    failure_threshold: Severity | None = Severity.STYLE
    no_fail: bool = False
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: _EMPTY)
    options: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    target: str | None = None
    context: str | None = None
    disable_inline_ignores: bool = False
    origin: tuple[str, ...] = ()

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def fingerprint(self) -> str:
        """A stable text of everything that changes findings (for the result cache)."""
        parts = [
            repr(self.select),
            repr(self.extend_select),
            repr(self.ignore),
            repr(self.per_file_ignores),
            repr(sorted((k, int(v)) for k, v in self.severity.items())),
            repr(sorted((k, sorted(v.items(), key=repr)) for k, v in self.rule_options.items())),
            repr(sorted(self.options.items(), key=repr)),
            repr(self.target),
            repr(self.context),
            repr(self.disable_inline_ignores),
        ]
        return "\x00".join(parts)


DEFAULT_SETTINGS = Settings()
