"""Options of an arbitrary command line: `-abc` clusters, `--name=value`, `--`.

`command_options(command, with_values)` splits a command's arguments (after its
name) into the options given and the operands, the way getopt-style programs read
them: `-xzf` is `-x -z -f`; an option listed in `with_values` takes the rest of its
cluster or the next word as its value; `--name=value` carries its value; `--` ends
the options. Rules ask `options.has("-k", "--insecure")` instead of scanning words.
Package managers have their own reader (linter/model/packages.py); this one is the
same splitting for every other program.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Record, init
from .packages import _split_options

if TYPE_CHECKING:
    from .shell import ShellWord, SimpleCommand


class Options(Record):
    """The options and operands of one command line."""

    __slots__ = ("names", "values", "words", "operands")

    names: frozenset[str]
    values: dict[str, list[str]]
    words: dict[str, ShellWord]
    operands: list[ShellWord]

    def __init__(
        self,
        names: frozenset[str],
        values: dict[str, list[str]],
        words: dict[str, ShellWord],
        operands: list[ShellWord],
    ) -> None:
        init(self, "names", names)
        init(self, "values", values)
        init(self, "words", words)
        init(self, "operands", operands)

    def has(self, *names: str) -> bool:
        """Whether any of these options (`-k`, `--insecure`) was given."""
        return any(name in self.names for name in names)

    def word(self, *names: str) -> ShellWord | None:
        """The word that gave the first of these options that is present."""
        for name in names:
            if name in self.words:
                return self.words[name]
        return None

    def value(self, *names: str) -> str | None:
        """The last value given to any of these options (None when absent)."""
        for name in names:
            if self.values.get(name):
                return self.values[name][-1]
        return None


def parse_options(
    words: tuple[ShellWord, ...], with_values: frozenset[str] = frozenset()
) -> Options:
    """Options and operands of `words` (arguments, without the program name)."""
    names, values, option_words, operands = _split_options(words, with_values)
    return Options(frozenset(names), values, option_words, operands)


def command_options(command: SimpleCommand, with_values: frozenset[str] = frozenset()) -> Options:
    """Options and operands of a command's arguments."""
    return parse_options(command.args, with_values)
