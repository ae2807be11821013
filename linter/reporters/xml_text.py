"""Escaping for the XML formats (checkstyle, junit), without importing an XML library.

XML 1.0 cannot carry most control characters at all, not even as character
references, and parsers fold newlines and tabs in attribute values into spaces.
Characters XML cannot hold are written as visible `\\xNN` escapes; `&`, `<`, `>` and
`"` become entities; CR, LF and tab in attributes become character references.
"""

from __future__ import annotations

import re

from ..lazy_re import lazy_compile

_NOT_XML = lazy_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def text(value: str) -> str:
    """Element content."""
    value = _NOT_XML.sub(_visible, value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(value: str) -> str:
    """An attribute value, to be written between double quotes."""
    return (
        text(value)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def element(name: str, attributes: dict[str, str], content: str | None = None) -> str:
    """`<name a="v"/>`, or `<name a="v">content</name>` (content already escaped)."""
    listed = "".join(f' {key}="{attribute(value)}"' for key, value in attributes.items())
    if content is None:
        return f"<{name}{listed}/>"
    return f"<{name}{listed}>{content}</{name}>"


DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
