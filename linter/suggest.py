"""Suggestions ("did you mean …?") for misspelt names, as BuildKit makes them.

BuildKit suggests the first candidate whose Levenshtein distance to the unknown name
is smallest and below 3, and none when a candidate is equal to the name. The same
rule is used here so that messages agree with `docker build --check`.
`is_typo_of` is stricter: one insertion, deletion, substitution or swap of two
neighbouring characters, which is what a mistyped name usually looks like.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_DISTANCE = 3


def levenshtein(first: str, second: str) -> int:
    """Edits (insertions, deletions, substitutions) turning `first` into `second`."""
    if len(first) < len(second):
        first, second = second, first
    previous = list(range(len(second) + 1))
    for row, char in enumerate(first, start=1):
        current = [row]
        for column, other in enumerate(second, start=1):
            current.append(
                min(
                    previous[column] + 1,
                    current[column - 1] + 1,
                    previous[column - 1] + (char != other),
                )
            )
        previous = current
    return previous[-1]


def suggestion(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate BuildKit would suggest for `name` (case-sensitive), if any."""
    match = None
    best = MAX_DISTANCE
    for candidate in candidates:
        if candidate == name:
            return None
        distance = levenshtein(name, candidate)
        if distance < best:
            match, best = candidate, distance
    return match


def is_typo_of(name: str, candidate: str) -> bool:
    """`name` is `candidate` with one character added, dropped, changed or two swapped."""
    if name == candidate:
        return False
    if abs(len(name) - len(candidate)) > 1:
        return False
    if len(name) == len(candidate):
        differences = [
            index for index, (a, b) in enumerate(zip(name, candidate, strict=True)) if a != b
        ]
        if len(differences) == 1:
            return True
        if len(differences) == 2 and differences[1] == differences[0] + 1:
            first, second = differences
            return name[first] == candidate[second] and name[second] == candidate[first]
        return False
    longer, shorter = (name, candidate) if len(name) > len(candidate) else (candidate, name)
    return any(longer[:index] + longer[index + 1 :] == shorter for index in range(len(longer)))
