"""`lazy_compile` behaves as the compiled pattern, compiling only when first used."""

from __future__ import annotations

import re

import pytest
from layerlint.lazy_re import LazyPattern, lazy_compile


def test_not_compiled_until_used(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = re.compile

    def counting(source: str, flags: int = 0) -> re.Pattern[str]:
        calls.append(source)
        return real(source, flags)

    monkeypatch.setattr(re, "compile", counting)
    pattern = lazy_compile(r"a(b+)c\Z", re.I)
    assert calls == []
    match = pattern.match("ABBC")
    assert match is not None and match.group(1) == "BB"
    assert pattern.search("xabc") is not None
    assert calls == [r"a(b+)c\Z"]  # once, whatever the number of calls


def test_every_method_and_attribute_of_a_pattern() -> None:
    lazy = lazy_compile(r"(?P<word>\w+)-")
    real = re.compile(r"(?P<word>\w+)-")
    text = "ab-cd-ef"
    assert lazy.fullmatch("ab-") is not None
    assert lazy.sub("+", text) == real.sub("+", text)
    assert lazy.subn("+", text) == real.subn("+", text)
    assert lazy.split(text) == real.split(text)
    assert lazy.findall(text) == real.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == (
        real.pattern,
        real.flags,
        real.groups,
        real.groupindex,
    )


def test_a_bad_pattern_fails_at_first_use_and_unknown_attributes_are_errors() -> None:
    broken = lazy_compile(r"(unclosed")
    with pytest.raises(re.error):
        broken.search("x")
    with pytest.raises(AttributeError):
        lazy_compile("a").scanner  # noqa: B018 - not a method layerlint uses


def test_module_patterns_all_compile() -> None:
    # Lazy patterns no longer fail at import: compile every one of them here.
    import importlib
    import pkgutil

    import layerlint
    import layerlint.rules

    count = 0
    for package in (layerlint, layerlint.rules):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if isinstance(value, LazyPattern):
                    assert isinstance(value.pattern, str)
                    count += 1
    assert count > 60
