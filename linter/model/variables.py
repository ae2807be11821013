"""Variable expansion as BuildKit does it in Dockerfile instructions.

BuildKit expands `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`,
`${NAME:+word}`, `${NAME+word}`, `${NAME:?msg}`, `${NAME?msg}` and the pattern forms
`${NAME#p}`, `${NAME##p}`, `${NAME%p}`, `${NAME%%p}`, `${NAME/p/r}`, `${NAME//p/r}`;
single quotes are literal, double quotes group, the escape character (backslash or
backtick) escapes the next character outside single quotes.

A value that cannot be known (an ARG without a default, a variable of the base
image) is None: *unknown* is a first-class value. Any expansion that needs an unknown
value is itself unknown, except where the operator makes the result certain
(`${X:+word}` of an unknown X is still unknown; `${X:-word}` of a known, non-empty X
is X). Nothing is guessed.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping

from ..lazy_re import lazy_compile

Env = Mapping[str, "str | None"]

_NAME_START = lazy_compile(r"[A-Za-z_]")
_NAME = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SPECIAL = frozenset("0123456789*@#?$!-")
MAX_DEPTH = 64


class CompleteEnv(dict):  # type: ignore[type-arg]
    """An environment known to hold every variable that is set: a name it lacks is
    unset (expands to nothing), not unknown. A stage on `scratch` has such an
    environment: no base image can have set anything."""


class ImageEnv(CompleteEnv):
    """An environment that lists every name that may be set (an official image whose
    ENV is known in full): a name it lacks is unset for `${NAME:-word}` and
    `${NAME:+word}`, which say what happens then; a plain `$NAME` of such a name stays
    unknown (most likely a mistake, which the rules report, not a path to follow)."""


class _Unknown(Exception):
    """Raised inside the expander when a needed value is unknown."""


def expand(text: str, env: Env, escape: str = "\\") -> str | None:
    """The value of one word after quote removal and expansion (None = unknown)."""
    if "$" not in text and "'" not in text and '"' not in text and escape not in text:
        return text
    try:
        words = _Expander(text, env, escape, split=False).run()
    except _Unknown:
        return None
    return words[0] if words else ""


def expand_words(text: str, env: Env, escape: str = "\\") -> list[str] | None:
    """Words after expansion, split on unquoted white space (BuildKit ProcessWords)."""
    try:
        return _Expander(text, env, escape, split=True).run()
    except _Unknown:
        return None


def unquote(text: str, escape: str = "\\") -> str:
    """Quote and escape removal without expansion: `$VAR` stays as written."""
    if "'" not in text and '"' not in text and escape not in text:
        return text
    expander = _Expander(text, {}, escape, split=False, keep_variables=True)
    words = expander.run()
    return words[0] if words else ""


def references(text: str, escape: str = "\\") -> list[tuple[str, int, int]]:
    """Variables a word refers to: (name, start, end) of each `$NAME` / `${NAME...}`.

    Names inside single quotes or after an escape character are not references.
    Nested references in `${A:-$B}` are included.
    """
    found: list[tuple[str, int, int]] = []
    _scan_references(text, 0, len(text), escape, found, 0)
    return found


def substitution_errors(text: str, escape: str = "\\") -> list[tuple[int, int, str]]:
    """`${NAME...}` forms the builder refuses, which stop the build: (start, end,
    message) of each. BuildKit takes `}`, `-`, `+`, `?`, `#`, `%`, `/` after the
    name and `:-`, `:+`, `:?`; anything else (`${NAME:offset}`, `${NAME=word}`, a
    template's `${option:name}`) is an "unsupported modifier"."""
    errors: list[tuple[int, int, str]] = []
    for name, start, end in references(text, escape):
        if text[start + 1 : start + 2] != "{":
            continue
        after = start + 2 + len(name)
        modifier = text[after : after + 1]
        if modifier == ":":
            following = text[after + 1 : after + 2]
            if following in ("-", "+", "?", "#", "%"):
                continue  # (`:#` and `:%` are refused by some BuildKit versions only)
            modifier += following
        elif not modifier or modifier in "}-+?#%/":
            continue
        errors.append((start, end, f"unsupported modifier ({modifier}) in substitution"))
    return errors


def unterminated_quote(text: str, escape: str = "\\") -> str | None:
    """ "single" or "double" when a quote of the word is never closed, which stops
    BuildKit ("unexpected end of statement while looking for matching double-quote");
    None when every quote closes. The escape character escapes the next character
    outside single quotes."""
    position = 0
    in_double = False
    while position < len(text):
        char = text[position]
        if char == escape:
            position += 2
            continue
        if char == "'" and not in_double:
            close = text.find("'", position + 1)
            if close == -1:
                return "single"
            position = close + 1
            continue
        if char == '"':
            in_double = not in_double
        position += 1
    return "double" if in_double else None


def _scan_references(
    text: str, start: int, end: int, escape: str, found: list[tuple[str, int, int]], depth: int
) -> None:
    if depth > MAX_DEPTH:
        return
    position = start
    in_double = False
    while position < end:
        char = text[position]
        if char == escape:
            position += 2
            continue
        if char == "'" and not in_double:
            close = text.find("'", position + 1, end)
            position = end if close == -1 else close + 1
            continue
        if char == '"':
            in_double = not in_double
            position += 1
            continue
        if char == "$" and position + 1 < end:
            following = text[position + 1]
            if following == "{":
                close = _matching_brace(text, position + 2, end)
                inner_end = end if close == -1 else close
                match = _NAME.match(text, position + 2, inner_end)
                if match:
                    found.append((match.group(), position, inner_end + 1))
                    _scan_references(text, match.end(), inner_end, escape, found, depth + 1)
                position = inner_end + 1
                continue
            match = _NAME.match(text, position + 1, end)
            if match:
                found.append((match.group(), position, match.end()))
                position = match.end()
                continue
            if following in _SPECIAL:
                position += 2  # `$$`, `$?`, `$1`: a special parameter, not a name
                continue
        position += 1


def _matching_brace(text: str, position: int, end: int) -> int:
    """Index of the `}` closing a `${` whose body starts at `position` (-1 if none)."""
    depth = 1
    while position < end:
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return position
        position += 1
    return -1


class _Expander:
    """One pass over a word, producing its expanded value (or words)."""

    def __init__(
        self,
        text: str,
        env: Env,
        escape: str,
        split: bool,
        keep_variables: bool = False,
        depth: int = 0,
    ) -> None:
        self.text = text
        self.env = env
        self.escape = escape
        self.split = split
        self.keep_variables = keep_variables
        self.depth = depth
        self.position = 0

    def run(self) -> list[str]:
        text = self.text
        length = len(text)
        words: list[str] = []
        current: list[str] = []
        in_word = False
        while self.position < length:
            char = text[self.position]
            if self.split and char in " \t\n\r\f\v":
                if in_word:
                    words.append("".join(current))
                    current = []
                    in_word = False
                self.position += 1
                continue
            in_word = True
            if char == self.escape:
                if self.position + 1 < length:
                    current.append(text[self.position + 1])
                self.position += 2
            elif char == "'":
                close = text.find("'", self.position + 1)
                if close == -1:
                    close = length
                current.append(text[self.position + 1 : close])
                self.position = close + 1
            elif char == '"':
                current.append(self._double_quoted())
            elif char == "$":
                current.append(self._dollar())
            else:
                current.append(char)
                self.position += 1
        if in_word or not self.split:
            words.append("".join(current))
        return words

    def _double_quoted(self) -> str:
        text = self.text
        self.position += 1
        out: list[str] = []
        while self.position < len(text):
            char = text[self.position]
            if char == '"':
                self.position += 1
                return "".join(out)
            if char == self.escape and self.position + 1 < len(text):
                following = text[self.position + 1]
                if following in ('"', "$", self.escape):
                    out.append(following)
                else:
                    out.append(char + following)
                self.position += 2
            elif char == "$":
                out.append(self._dollar())
            else:
                out.append(char)
                self.position += 1
        return "".join(out)

    def _lookup(self, name: str) -> str | None:
        if name not in self.env:
            if isinstance(self.env, CompleteEnv) and not isinstance(self.env, ImageEnv):
                return ""
            raise _Unknown(name)
        value = self.env[name]
        if value is None:
            raise _Unknown(name)
        return value

    def _dollar(self) -> str:
        text = self.text
        start = self.position
        self.position += 1
        if self.position >= len(text):
            return "$"
        char = text[self.position]
        if char == "{":
            return self._braced(start)
        match = _NAME.match(text, self.position)
        if match:
            self.position = match.end()
            if self.keep_variables:
                return text[start : self.position]
            return self._lookup(match.group())
        if char in _SPECIAL:
            self.position += 1
            if self.keep_variables:
                return text[start : self.position]
            raise _Unknown(char)
        return "$"

    def _braced(self, start: int) -> str:
        text = self.text
        close = _matching_brace(text, self.position + 1, len(text))
        if close == -1:
            # BuildKit rejects an unterminated ${; treat the value as unknown.
            self.position = len(text)
            if self.keep_variables:
                return text[start:]
            raise _Unknown("${")
        body = text[self.position + 1 : close]
        self.position = close + 1
        if self.keep_variables:
            return text[start : close + 1]
        return self._apply(body)

    def _sub(self, word: str) -> str:
        if self.depth >= MAX_DEPTH:
            raise _Unknown("depth")
        expander = _Expander(word, self.env, self.escape, split=False, depth=self.depth + 1)
        values = expander.run()
        return values[0] if values else ""

    def _apply(self, body: str) -> str:
        match = _NAME.match(body)
        if not match:
            raise _Unknown(body)
        name = match.group()
        rest = body[match.end() :]
        if not rest:
            return self._lookup(name)
        defined = name in self.env
        value = self.env.get(name)
        if rest[0] == ":" and len(rest) > 1 and rest[1] in "-+?":
            operator, word = rest[:2], rest[2:]
        elif rest[0] in "-+?":
            operator, word = rest[0], rest[1:]
        elif rest.startswith(("##", "%%", "//")):
            operator, word = rest[:2], rest[2:]
        elif rest[0] in "#%/":
            operator, word = rest[0], rest[1:]
        else:
            raise _Unknown(body)
        if operator in (":-", "-", ":+", "+", ":?", "?"):
            if defined and value is None:
                raise _Unknown(name)
            if not defined and not isinstance(self.env, CompleteEnv):
                # Not declared in the Dockerfile: it may come from the base image.
                raise _Unknown(name)
            empty_counts = operator.startswith(":")
            present = value is not None and (value != "" or not empty_counts)
            if operator in (":-", "-"):
                return value if present and value is not None else self._sub(word)
            if operator in (":+", "+"):
                return self._sub(word) if present else ""
            if not present:
                raise _Unknown(name)
            return value or ""
        subject = self._lookup(name)
        if operator in ("#", "##", "%", "%%"):
            pattern = self._sub(word)
            return _trim(subject, pattern, operator)
        pattern, replacement = _split_replacement(word, self.escape)
        return _replace(subject, self._sub(pattern), self._sub(replacement), operator == "//")


def _split_replacement(word: str, escape: str) -> tuple[str, str]:
    """`PATTERN/REPLACEMENT` of `${NAME/PATTERN/REPLACEMENT}`, split at the first `/`
    the escape character does not escape (`${P/\\//-}` turns `linux/amd64` into
    `linux-amd64`)."""
    index = 0
    while index < len(word):
        char = word[index]
        if char == escape:
            index += 2
            continue
        if char == "/":
            return word[:index], word[index + 1 :]
        index += 1
    return word, ""


def _trim(subject: str, pattern: str, operator: str) -> str:
    """Shortest (`#`, `%`) or longest (`##`, `%%`) prefix or suffix match removed."""
    indexes = range(len(subject) + 1)
    if operator in ("#", "##"):
        order = indexes if operator == "#" else reversed(indexes)
        for index in order:
            if fnmatch.fnmatchcase(subject[:index], pattern):
                return subject[index:]
        return subject
    order = reversed(indexes) if operator == "%" else indexes
    for index in order:
        if fnmatch.fnmatchcase(subject[index:], pattern):
            return subject[:index]
    return subject


def _replace(subject: str, pattern: str, replacement: str, every: bool) -> str:
    if not pattern:
        return subject
    if not any(char in pattern for char in "*?["):
        return (
            subject.replace(pattern, replacement)
            if every
            else subject.replace(pattern, replacement, 1)
        )
    regex = re.compile(fnmatch.translate(pattern)[4:-3])
    # As Go's ReplaceAllString (BuildKit) and bash: an empty match right after a match
    # is no match (`${A//*/q}` of `x` is `q`; Python's sub would give `qq`).
    pieces: list[str] = []
    last = 0
    previous_end = -1
    for match in regex.finditer(subject):
        if match.start() == match.end() == previous_end:
            continue
        pieces += [subject[last : match.start()], replacement]
        last = previous_end = match.end()
        if not every:
            break
    pieces.append(subject[last:])
    return "".join(pieces)
