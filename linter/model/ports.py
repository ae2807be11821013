"""EXPOSE port specifications, split the way BuildKit reads them.

A specification is `[ip:][host-port:]port[/protocol]` where a port may be a range
(`8000-8010`). BuildKit splits on `:` (an IPv6 address in brackets keeps its colons
in the IP part) and cuts the protocol after the first `/`. EXPOSE only takes the
container port and protocol; IP addresses and host ports belong to `docker run -p`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..lazy_re import lazy_compile
from ..nodes import Expose, Word

if TYPE_CHECKING:
    from . import Model

MAX_PORT = 65535
_NUMBER = lazy_compile(r"\d+\Z")


class PortSpec(NamedTuple):
    """One EXPOSE argument after expansion; parts absent from it are empty strings."""

    text: str
    ip: str
    host_port: str
    port: str
    protocol: str

    @property
    def has_mapping(self) -> bool:
        """Whether an IP address or a host port is given (not allowed in EXPOSE)."""
        return bool(self.ip or self.host_port)


def parse_port_spec(text: str) -> PortSpec:
    """Split one EXPOSE argument into IP, host port, container port and protocol."""
    parts = text.split(":")
    if len(parts) == 1:
        ip, host, container = "", "", parts[0]
    elif len(parts) == 2:
        ip, host, container = "", parts[0], parts[1]
    else:
        ip, host, container = ":".join(parts[:-2]), parts[-2], parts[-1]
    port, _, protocol = container.partition("/")
    return PortSpec(text, ip, host, port, protocol)


def port_numbers(port: str) -> list[int] | None:
    """The numbers of a port or `start-end` range; None when it is not made of digits."""
    pieces = port.split("-") if "-" in port else [port]
    if len(pieces) > 2 or not all(_NUMBER.match(piece) for piece in pieces):
        return None
    return [int(piece) for piece in pieces]


def expose_specs(model: Model, node: Expose) -> list[tuple[Word, PortSpec]]:
    """Each EXPOSE argument whose value is known, split into port specifications (a
    variable may expand to several, separated by white space)."""
    specs = []
    for word in node.ports:
        value = model.expand(word, node)
        if value is None:
            continue
        specs.extend((word, parse_port_spec(part)) for part in value.split())
    return specs
