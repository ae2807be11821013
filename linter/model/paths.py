"""What a path's name says: archives, files or directories, caches, temporary
files and documentation, directories every Linux image has. Pure functions of strings,
shared by the command table, COPY/ADD and the rules."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote as unquote_url

from ..lazy_re import lazy_compile

URL = lazy_compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")


# Tar archives ADD unpacks: plain, or compressed with gzip, bzip2, xz or zstd (which it
# recognises by content; not lzip, lzma or compress).
ARCHIVE = lazy_compile(r"\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tb2|tar\.xz|txz|tar\.zst|tzst)\Z", re.I)


_FILE_LIKE = lazy_compile(r"[^/]\.[A-Za-z0-9]{1,8}\Z")  # searched: linear


# Files named without an extension by convention: `Makefile`, `Gemfile`, `Procfile`
# ..., upper-case names (`LICENSE`, `README`, `VERSION`, `NOTICE`), wrapper scripts,
# the system's configuration files and keys (`id_rsa`, `deploy_key`). Directories are
# rarely named so.
_EXTENSIONLESS_FILE = lazy_compile(
    r"(?:[A-Z][a-z]*file|[A-Z][A-Z0-9_-]{2,}|gradlew|mvnw|crontab|sudoers|hosts|passwd"
    r"|group|shadow|fstab|environment|profile|bashrc|inputrc|motd|hostname|timezone"
    r"|id_[a-z0-9]+|known_hosts|authorized_keys|credentials|\w+_key|netrc|htpasswd)\Z"
)


# Single-file compression that may hold a tar archive (ADD unpacks it when it does),
# and the names hadolint takes for archives that ADD leaves packed (`.tar.lz`, `.tlz`,
# `.Z`): an ADD of those is not reported as a copy either.
_COMPRESSED = lazy_compile(r"\.(gz|bz2|xz|zst|lz|lzma|tlz|tpz|tz|z)\Z", re.I)


def is_tar_archive_name(name: str) -> bool:
    """Whether a file name is that of a tar archive, which ADD unpacks."""
    return ARCHIVE.search(name) is not None


def may_be_tar_archive_name(name: str) -> bool:
    """A tar archive, or a compressed file that may be one (`.gz`, `.xz` ...)."""
    return is_tar_archive_name(name) or _COMPRESSED.search(name) is not None


GLOB_CHARS = lazy_compile(r"[*?\[]")


def url_name(url: str, tool: str = "curl") -> str | None:
    """The file name a download of `url` gets: the last part of the URL's path (None
    when it has none: curl refuses). ADD names such a file `__unnamed__`; wget keeps
    the query (`e.txt?x=1`) and names an empty part `index.html`."""
    without_fragment = url.split("#", 1)[0]
    path, _, query = without_fragment.partition("?")
    if "://" in path:
        path = "/" + path.split("://", 1)[1].partition("/")[2]
    if tool == "ADD":
        # BuildKit names the file after the URL's decoded path (`my%20tool` is `my tool`).
        name = posixpath.basename(unquote_url(path.rstrip("/")))
    else:
        name = posixpath.basename(path)
    if tool == "wget":
        name = name or "index.html"
        return f"{name}?{query}" if query else name
    if tool == "ADD":
        return name or "__unnamed__"
    return name or None


_TMP_DIRS = ("/tmp", "/var/tmp")


_DOC_DIRS = (
    "/usr/share/doc",
    "/usr/share/man",
    "/usr/share/info",
    "/usr/share/locale",
    "/usr/share/i18n/locales",
    "/usr/share/gtk-doc",
    "/usr/share/help",
)


_CACHE_DIRS = (
    "/var/cache",
    "/root/.cache",
    "/var/lib/apt/lists",
    "/root/.npm",
    "/usr/local/share/.cache",
    "/var/lib/yum",
    "/var/lib/dnf/repos",
)


def classify(path: str, home: str | None = None) -> str | None:
    """The kind of a path that cleanup commands remove: cache, package-index, tmp, docs."""

    def under(directory: str) -> bool:
        return path == directory or path.startswith(directory.rstrip("/") + "/")

    if under("/var/lib/apt/lists"):
        return "package-index"
    if any(under(directory) for directory in _TMP_DIRS):
        return "tmp"
    if any(under(directory) for directory in _DOC_DIRS):
        return "docs"
    if any(under(directory) for directory in _CACHE_DIRS):
        return "cache"
    if home and (under(home.rstrip("/") + "/.cache") or under(home.rstrip("/") + "/.npm")):
        return "cache"
    if "/.cache/" in path + "/" or path.endswith("/__pycache__") or "/__pycache__/" in path:
        return "cache"
    return None


_CACHE_NAMES = ("*.pyc", "*.pyo", "__pycache__", "*.py[co]", "*.pyc[o]")


def classify_name(name: str) -> str | None:
    """The kind of files a name pattern selects (`find -name '*.pyc'`): cache or None."""
    return "cache" if name in _CACHE_NAMES else None


CLEANUP_CATEGORIES = frozenset({"cache", "tmp", "docs", "package-index"})


"""Categories of paths whose removal is cleanup: caches, package indexes, temporary
files and documentation (see `classify`)."""


# Dot-names that are directories; other dot-names (.npmrc, .env, .bashrc) are files.
_DOT_DIRECTORIES = frozenset(
    {
        ".ssh",
        ".git",
        ".aws",
        ".config",
        ".cache",
        ".m2",
        ".gradle",
        ".kube",
        ".docker",
        ".npm",
        ".vscode",
        ".github",
        ".local",
        ".gnupg",
        ".cargo",
        ".rustup",
        ".venv",
        ".yarn",
        ".devcontainer",
        ".idea",
        ".terraform",
        ".mvn",
        ".husky",
        ".next",
        ".nuxt",
        ".circleci",
        ".gitlab",
        ".bundle",
        ".tox",
        ".pytest_cache",
        ".pnpm-store",
        ".conda",
        ".composer",
        ".gem",
        ".nvm",
        ".sdkman",
        ".jupyter",
        ".ipython",
        ".dotnet",
        ".nuget",
        ".changeset",
        ".storybook",
        ".streamlit",
    }
)


# A name ending in a version after `-` or `_` (`apache-maven-3.9.6`): the directory an
# archive of a release unpacks to, not a file with an extension `.6`.
_VERSIONED_NAME = lazy_compile(r"[-_]v?\d+(?:\.\d+)+\Z")


def names_a_release(path: str) -> bool:
    """Whether a name ends in a version after `-` or `_` (`apache-tomcat-10.1.20`,
    `jdk-17.0.2`): what a release archive unpacks to. `mv` and `cp -r` of such a name
    move a tree; a COPY of `busybox-1.36.1` is still most likely one file."""
    return _VERSIONED_NAME.search(posixpath.basename(path)) is not None


def names_a_file(path: str) -> bool:
    """Whether a path copied without a trailing slash is most likely a file, not a
    directory: a name with an extension, a dotfile, a conventional extensionless file
    name (`Makefile`, `LICENSE`), or a program in a bin directory."""
    name = posixpath.basename(path)
    if name.endswith(".d"):
        return False  # drop-in directories: conf.d, sources.list.d, docker-entrypoint.d
    return bool(
        _FILE_LIKE.search(name)
        or _EXTENSIONLESS_FILE.match(name)
        or _dotfile(name)
        or posixpath.dirname(path).endswith(("/bin", "/sbin"))
    )


def _dotfile(name: str) -> bool:
    return name.startswith(".") and name not in _DOT_DIRECTORIES and name not in (".", "..")


# Directories every Linux base image has: a COPY to one of them copies into it.
EXISTING_DIRECTORIES = frozenset(
    {
        "/",
        "/bin",
        "/sbin",
        "/etc",
        "/opt",
        "/root",
        "/srv",
        "/tmp",
        "/usr",
        "/usr/bin",
        "/usr/sbin",
        "/usr/lib",
        "/usr/local",
        "/usr/local/bin",
        "/usr/local/sbin",
        "/usr/local/lib",
        "/usr/share",
        "/var",
        "/var/tmp",
        "/var/lib",
        "/home",
    }
)
