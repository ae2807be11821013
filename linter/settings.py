"""The effective configuration of a run, whatever it was read from.

Configuration files (`linter/config.py`), hadolint's `.hadolint.yaml` and the command
line all end up as one `Settings` value. The engine uses it to pick the rules to run
and to hand them their options; suppressions, severity overrides and the failure
threshold are applied to the findings afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from .findings import Severity
from .records import Record, init

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class Settings(Record):
    """What to run and how to judge the result.

    `select` empty means the rules enabled by default. `failure_threshold` None
        means "never fail" (`none`); the default, as hadolint's, fails on any finding
    but a style one.

    `options` holds the configuration's top-level rule options (`trusted-registries`,
    `label-schema`, `build-args` ...): the engine hands each one to every rule that
    declares an option of that name. `rule_options` (rule code → options) overrides
    them for one rule. `per_file_ignores` patterns are absolute POSIX globs, or
    basename globs when they contain no `/`.
    """

    __slots__ = (
        "select",
        "extend_select",
        "ignore",
        "per_file_ignores",
        "severity",
        "failure_threshold",
        "no_fail",
        "rule_options",
        "options",
        "target",
        "context",
        "disable_inline_ignores",
        "origin",
    )

    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    severity: Mapping[str, Severity]
    failure_threshold: Severity | None
    no_fail: bool
    rule_options: Mapping[str, Mapping[str, Any]]
    options: Mapping[str, Any]
    target: str | None
    context: str | None
    disable_inline_ignores: bool
    origin: tuple[str, ...]

    def __init__(
        self,
        select: tuple[str, ...] = (),
        extend_select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
        severity: Mapping[str, Severity] = _EMPTY,
        failure_threshold: Severity | None = Severity.INFO,
        no_fail: bool = False,
        rule_options: Mapping[str, Mapping[str, Any]] = _EMPTY,
        options: Mapping[str, Any] = _EMPTY,
        target: str | None = None,
        context: str | None = None,
        disable_inline_ignores: bool = False,
        origin: tuple[str, ...] = (),
    ) -> None:
        init(self, "select", select)
        init(self, "extend_select", extend_select)
        init(self, "ignore", ignore)
        init(self, "per_file_ignores", per_file_ignores)
        init(self, "severity", severity)
        init(self, "failure_threshold", failure_threshold)
        init(self, "no_fail", no_fail)
        init(self, "rule_options", rule_options)
        init(self, "options", options)
        init(self, "target", target)
        init(self, "context", context)
        init(self, "disable_inline_ignores", disable_inline_ignores)
        init(self, "origin", origin)

    @property
    def build_args(self) -> Mapping[str, str]:
        """`--build-arg` / `build-args`: build argument name → value."""
        values = self.options.get("build-args")
        return values if isinstance(values, Mapping) else _EMPTY

    def with_changes(self, **changes: Any) -> Settings:
        changed: Settings = self.replace(**changes)
        return changed

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
