"""LABEL parsing and value checks shared by the label rules (LL3034-LL3043).

The label rules are driven by two options, set at the top level of the
configuration and given to every rule that declares them:

- `label-schema`: label name → expected type (`text`, `url`, `semver`, `hash`,
  `rfc3339`, `spdx`, `email`), as in hadolint's `label-schema`;
- `strict-labels`: only labels of the schema are allowed.

Keys and values are expanded with the model; a key or value that depends on an
unknown variable is None and the rules stay silent about it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from layerlint.findings import Finding
from layerlint.lazy_re import lazy_compile
from layerlint.nodes import KeyValue, Label
from layerlint.records import Record, init
from layerlint.rule import Context, Option

SCHEMA = Option(
    "label-schema",
    {},
    "Labels every image must carry, each with the type its value must have: text, url,"
    " semver, hash (a git commit), rfc3339 (a date and time), spdx (a license) or"
    ' email. Example: `label-schema = { "org.opencontainers.image.source" = "url" }`.',
)
STRICT = Option(
    "strict-labels",
    False,
    "When true, labels that are not in `label-schema` are reported (LL3036).",
)


class LabelPair(Record):
    """One `key=value` of a LABEL: expanded key and value (None when unknown)."""

    __slots__ = ("key", "value", "pair")

    key: str | None
    value: str | None
    pair: KeyValue

    def __init__(self, key: str | None, value: str | None, pair: KeyValue) -> None:
        init(self, "key", key)
        init(self, "value", value)
        init(self, "pair", pair)


def label_pairs(node: Label, ctx: Context) -> list[LabelPair]:
    return [
        LabelPair(ctx.model.expand(pair.key, node), ctx.model.expand(pair.value, node), pair)
        for pair in node.pairs
    ]


def schema(ctx: Context) -> Mapping[str, str]:
    value = ctx.option(SCHEMA.name)
    return value if isinstance(value, Mapping) else {}


def typed_findings(
    node: Label, ctx: Context, kind: str, valid: Callable[[str], bool]
) -> Iterator[Finding]:
    """Findings for the labels of type `kind` in the schema whose value is not `valid`.

    Empty values are left to LL3037 (empty-label).
    """
    expected = schema(ctx)
    for entry in label_pairs(node, ctx):
        if entry.key is None or expected.get(entry.key) != kind:
            continue
        if entry.value is None or entry.value == "" or valid(entry.value):
            continue
        yield ctx.report(entry.pair.value.span, label=entry.key, value=entry.value)


# ---------------------------------------------------------------------------
# Value checks

_SCHEME = lazy_compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_URI_CHARACTERS = lazy_compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+\Z")


def is_url(value: str) -> bool:
    """An absolute URI: a scheme, then characters URIs allow (`//host` for web URLs)."""
    scheme = _SCHEME.match(value)
    if scheme is None or not _URI_CHARACTERS.match(value):
        return False
    rest = value[scheme.end() :]
    if scheme.group().lower() in ("http:", "https:", "ftp:", "git:", "ssh:"):
        return rest.startswith("//") and len(rest) > 2 and rest[2] not in "/?#"
    return bool(rest)


_RFC3339 = lazy_compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))\Z"
)


def is_rfc3339(value: str) -> bool:
    """An RFC 3339 date-time such as `2024-05-01T12:30:00Z` or `...+02:00`."""
    from datetime import datetime

    match = _RFC3339.match(value)
    if match is None:
        return False
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    try:
        datetime(year, month, day, hour, minute, min(second, 59))  # 60: a leap second
    except ValueError:
        return False
    if second > 60:
        return False
    if match.group(9) is not None:
        return int(match.group(9)) < 24 and int(match.group(10)) < 60
    return True


_HASH = lazy_compile(r"[0-9a-fA-F]{7,40}\Z|[0-9a-fA-F]{64}\Z")


def is_git_hash(value: str) -> bool:
    """A full (40 or 64 hex digits) or abbreviated (at least 7) commit hash."""
    return _HASH.match(value) is not None


_SEMVER = lazy_compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?\Z"
)


def is_semver(value: str) -> bool:
    """A Semantic Versioning 2.0.0 version: `1.4.2`, `2.0.0-rc.1`, `1.0.0+build.5`."""
    return _SEMVER.match(value) is not None


_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = rf'(?:{_ATOM}(?:\.{_ATOM})*|"(?:[^"\\\r\n]|\\.)*")'
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_DOMAIN = rf"(?:{_LABEL}(?:\.{_LABEL})*|\[[^\[\]\\\s]*\])"
_ADDRESS = lazy_compile(rf"{_LOCAL}@{_DOMAIN}\Z")
_NAMED = lazy_compile(r"[^<>@]*<([^<>]+)>\s*(?:\([^()]*\)\s*)?\Z")  # a trailing (comment)


def is_email(value: str) -> bool:
    """An RFC 5322 address: `dev@example.com`, or with a name: `Dev <dev@example.com>`."""
    named = _NAMED.match(value)
    address = named.group(1) if named is not None else value
    return _ADDRESS.match(address.strip()) is not None


_SPDX_TOKEN = lazy_compile(r"\s*(\(|\)|[A-Za-z0-9.\-+:]+)")
_LICENSE_REF = lazy_compile(r"(?:DocumentRef-[A-Za-z0-9.\-]+:)?LicenseRef-[A-Za-z0-9.\-]+\Z")
_EXCEPTION_REF = lazy_compile(r"(?:DocumentRef-[A-Za-z0-9.\-]+:)?AdditionRef-[A-Za-z0-9.\-]+\Z")


def is_spdx(value: str) -> bool:
    """An SPDX license identifier or expression: `MIT`, `Apache-2.0 OR MIT`,
    `GPL-2.0-or-later WITH Classpath-exception-2.0`, `LicenseRef-Proprietary`."""
    tokens = _spdx_tokens(value)
    if tokens is None:
        return False
    position = _spdx_expression(tokens, 0)
    return position == len(tokens)


def _spdx_tokens(value: str) -> list[str] | None:
    tokens: list[str] = []
    position = 0
    value = value.rstrip()
    while position < len(value):
        match = _SPDX_TOKEN.match(value, position)
        if match is None:
            return None
        tokens.append(match.group(1))
        position = match.end()
    return tokens or None


def _spdx_expression(tokens: list[str], position: int) -> int:
    """Index after the expression starting at `position` (-1 when it is invalid)."""
    position = _spdx_term(tokens, position)
    while position != -1 and position < len(tokens) and tokens[position].upper() in ("AND", "OR"):
        position = _spdx_term(tokens, position + 1)
    return position


def _spdx_term(tokens: list[str], position: int) -> int:
    if position == -1 or position >= len(tokens):
        return -1
    token = tokens[position]
    if token == "(":
        position = _spdx_expression(tokens, position + 1)
        if position == -1 or position >= len(tokens) or tokens[position] != ")":
            return -1
        return position + 1
    if not _is_license(token):
        return -1
    position += 1
    if position < len(tokens) and tokens[position].upper() == "WITH":
        if position + 1 >= len(tokens) or not _is_exception(tokens[position + 1]):
            return -1
        position += 2
    return position


def _is_license(token: str) -> bool:
    from ._spdx import LICENSE_IDS

    if _LICENSE_REF.match(token):
        return True
    name = token[:-1] if token.endswith("+") else token
    return name.lower() in _lowered(LICENSE_IDS)


def _is_exception(token: str) -> bool:
    from ._spdx import EXCEPTION_IDS

    return _EXCEPTION_REF.match(token) is not None or token.lower() in _lowered(EXCEPTION_IDS)


_LOWERED: dict[int, frozenset[str]] = {}


def _lowered(ids: frozenset[str]) -> frozenset[str]:
    key = id(ids)
    if key not in _LOWERED:
        _LOWERED[key] = frozenset(name.lower() for name in ids)
    return _LOWERED[key]
