"""Platform specifiers (`os[/arch[/variant]]`) as BuildKit's `--platform` reads them.

The rules follow containerd's `platforms.Parse`: components are made of letters,
digits, `_`, `.` and `-`; a single component is an operating system or an
architecture; architecture aliases are normalised (`x86_64` is `amd64`, `aarch64` is
`arm64`). An architecture given alone gets the default operating system, `linux`.
"""

from __future__ import annotations

from typing import NamedTuple

from ..lazy_re import lazy_compile

_COMPONENT = lazy_compile(r"[A-Za-z0-9_.-]+\Z")
_OS_VERSION = lazy_compile(r"([^()]+)\(([^()]*)\)\Z")
KNOWN_OS = frozenset(
    {
        "aix",
        "android",
        "darwin",
        "dragonfly",
        "freebsd",
        "hurd",
        "illumos",
        "ios",
        "js",
        "linux",
        "nacl",
        "netbsd",
        "openbsd",
        "plan9",
        "solaris",
        "windows",
        "zos",
    }
)
KNOWN_ARCHITECTURES = frozenset(
    {
        "386",
        "amd64",
        "amd64p32",
        "arm",
        "armbe",
        "arm64",
        "arm64be",
        "loong64",
        "mips",
        "mipsle",
        "mips64",
        "mips64le",
        "mips64p32",
        "mips64p32le",
        "ppc",
        "ppc64",
        "ppc64le",
        "riscv",
        "riscv64",
        "s390",
        "s390x",
        "sparc",
        "sparc64",
        "wasm",
    }
)
_ARCHITECTURE_ALIASES = {
    "i386": "386",
    "x86_64": "amd64",
    "x86-64": "amd64",
    "aarch64": "arm64",
    "armhf": "arm",
    "armel": "arm",
}
DEFAULT_OS = "linux"
DEFAULT_ARCHITECTURE = "amd64"


class Platform(NamedTuple):
    os: str
    architecture: str
    variant: str


def _architecture(text: str) -> str:
    lowered = text.lower()
    return _ARCHITECTURE_ALIASES.get(lowered, lowered)


def parse_platform(text: str) -> Platform | None:
    """The platform a `--platform` value names; None when BuildKit would reject it."""
    parts = text.split("/")
    if not 1 <= len(parts) <= 3:
        return None
    first = parts[0]
    version = _OS_VERSION.match(first)
    if version is not None:
        first = version.group(1)
    if not all(_COMPONENT.match(part) for part in (first, *parts[1:])):
        return None
    operating_system = first.lower()
    if operating_system == "macos":
        operating_system = "darwin"
    if len(parts) == 1:
        if operating_system in KNOWN_OS:
            return Platform(operating_system, DEFAULT_ARCHITECTURE, "")
        architecture = _architecture(first)
        if architecture in KNOWN_ARCHITECTURES:
            return Platform(DEFAULT_OS, architecture, "")
        return None
    variant = parts[2].lower() if len(parts) == 3 else ""
    return Platform(operating_system, _architecture(parts[1]), variant)
