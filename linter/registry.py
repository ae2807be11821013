"""Looking rules up by code, name, alias or code prefix, and choosing which run."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .rule import LoadedRule


@lru_cache(maxsize=1)
def all_rules() -> tuple[LoadedRule, ...]:
    """Every registered rule, sorted by code (imports the rule modules once)."""
    from .rules import RULES

    return tuple(sorted(RULES, key=lambda rule: rule.code))


@lru_cache(maxsize=1)
def _index() -> dict[str, LoadedRule]:
    index: dict[str, LoadedRule] = {}
    for rule in all_rules():
        index[rule.code.upper()] = rule
        index[rule.name.upper()] = rule
        for alias in rule.meta.aliases:
            index.setdefault(alias.upper(), rule)
    return index


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, frozenset[str]]:
    """Every rule code behind each alias: hadolint's DL3025 is two rules here (shell
    form CMD/ENTRYPOINT, and HEALTHCHECK, which BuildKit's check leaves out)."""
    codes: dict[str, set[str]] = {}
    for rule in all_rules():
        for alias in rule.meta.aliases:
            codes.setdefault(alias.upper(), set()).add(rule.code)
    return {alias: frozenset(found) for alias, found in codes.items()}


def find_rule(key: str) -> LoadedRule | None:
    """The rule with this code, name or alias (case-insensitive), or the rule that
    reports findings under this subcode (`SC2086` → the ShellCheck rule)."""
    key = key.strip().upper()
    return _index().get(key) or subcode_owner(key)


@lru_cache(maxsize=256)
def subcode_owner(code: str) -> LoadedRule | None:
    """The rule that reports findings under `code` instead of its own code."""
    for rule in all_rules():
        if rule.meta.reports_as(code):
            return rule
    return None


def rule_code_of(code: str) -> str:
    """The code of the rule behind a finding code (itself for ordinary findings)."""
    owner = subcode_owner(code.upper()) if code.upper() not in _index() else None
    return owner.code if owner is not None else code


def matches(code: str, codes: frozenset[str] | set[str]) -> bool:
    """Whether a finding code is selected by resolved `codes`: the code itself or,
    for a subcode (`SC2086`), its rule (`LL3056`)."""
    return code in codes or rule_code_of(code) in codes


def unavailable_rules(rules: Iterable[LoadedRule]) -> list[tuple[LoadedRule, str]]:
    """Rules that cannot run here and why (their module's `unavailable()`)."""
    import importlib

    found = []
    for rule in rules:
        check = getattr(importlib.import_module(rule.module), "unavailable", None)
        reason = check() if check is not None else None
        if reason:
            found.append((rule, reason))
    return found


class UnknownSelector(ValueError):
    """A selector that matches no rule; carries a suggestion when one is close."""

    def __init__(self, selector: str, suggestion: str | None) -> None:
        hint = f" (did you mean {suggestion}?)" if suggestion else ""
        super().__init__(f"unknown rule {selector!r}{hint}")
        self.selector = selector
        self.suggestion = suggestion


def resolve(selector: str) -> frozenset[str]:
    """Codes matched by one selector: a code, name, alias, `ALL`, or a code prefix.

    Prefixes work on LL codes and on hadolint codes (`LL5`, `DL30`).
    """
    key = selector.strip().upper()
    if not key:
        return frozenset()
    if key == "ALL":
        return frozenset(rule.code for rule in all_rules())
    if key in _alias_index():
        return _alias_index()[key]
    rule = _index().get(key)
    if rule is not None:
        return frozenset({rule.code})
    if subcode_owner(key) is not None:
        return frozenset({key})  # one subcode (`SC2086`), not its whole rule
    matched = set()
    if key[:2] in ("LL", "DL", "SC") and len(key) >= 2:
        for candidate in all_rules():
            if candidate.code.startswith(key) or any(
                alias.upper().startswith(key) for alias in candidate.meta.aliases
            ):
                matched.add(candidate.code)
            elif candidate.meta.subcodes and candidate.meta.subcodes.startswith(key):
                matched.add(candidate.code)  # `SC`: every finding of the ShellCheck rule
    if matched:
        return frozenset(matched)
    raise UnknownSelector(selector, suggest(selector))


def resolve_many(selectors: Iterable[str]) -> frozenset[str]:
    codes: set[str] = set()
    for selector in selectors:
        codes |= resolve(selector)
    return frozenset(codes)


def suggest(selector: str) -> str | None:
    """The closest known code, name or alias (ties go to the first in sorted order)."""
    import difflib

    rules = all_rules()
    keys = sorted(
        {rule.code for rule in rules}
        | {rule.name for rule in rules}
        | {alias for rule in rules for alias in rule.meta.aliases}
    )
    wanted = selector.strip().lower()
    best: tuple[float, str] | None = None
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(wanted)
    for key in keys:
        matcher.set_seq1(key.lower())
        if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
            continue
        score = matcher.ratio()
        if score >= 0.6 and (best is None or score > best[0]):
            best = (score, key)
    return best[1] if best else None
