"""Package-manager invocations: which manager, what action, which packages.

`parse_package_command(command)` reads apt-get/apt, apk, dnf/yum/microdnf, zypper,
pip (also `python -m pip`), npm, yarn, pnpm, gem, bundle, go, cargo, composer and
conda command lines into a `PackageCommand`: the action (install, update, remove,
clean ...), the options given, and the packages with their version pins. It also
says which caches and indexes the command leaves in the layer and which it cleans,
for the filesystem model. Rules (pinning, `-y`, `--no-install-recommends`, caches)
ask the same object instead of parsing command lines again.

A package whose spec is unknown (a variable the model cannot resolve) keeps its
literal text: `curl=${CURL_VERSION}` is pinned to whatever the variable holds.
"""

from __future__ import annotations

import posixpath
import re
from itertools import pairwise
from typing import TYPE_CHECKING

from ..lazy_re import lazy_compile
from ..records import Record, init
from .images import RPM_CACHE_DIRECTORIES, go_minor_version, rpm_frontend
from .shell import scan_options

if TYPE_CHECKING:
    from .images import ImageRef
    from .shell import ShellWord, SimpleCommand

_APT_VALUE_OPTIONS = frozenset(
    {
        "-o",
        "-c",
        "-t",
        "--target-release",
        "--default-release",
        "-a",
        "--host-architecture",
        "--option",
        "--config-file",
    }
)
_APK_VALUE_OPTIONS = frozenset(
    {
        "-X",
        "--repository",
        "-t",
        "--virtual",
        "-p",
        "--root",
        "--repositories-file",
        "--keys-dir",
        "--arch",
        "--cache-dir",
        "--timeout",
        "--progress-fd",
    }
)
_RPM_VALUE_OPTIONS = frozenset(
    {
        "--setopt",
        "--enablerepo",
        "--disablerepo",
        "--installroot",
        "--releasever",
        "-c",
        "--config",
        "--exclude",
        "-x",
        "--repo",
        "--repoid",
        "--forcearch",
        "--nodocs-placeholder",
        "--best-placeholder",
        "--disableplugin",
        "--enableplugin",
        "--downloaddir",
        "--destdir",
        "--color",
        "--rpmverbosity",
        "-d",
        "--debuglevel",
        "-e",
        "--errorlevel",
    }
)
_ZYPPER_VALUE_OPTIONS = frozenset(
    {
        "-r",
        "--repo",
        "--from",
        "-t",
        "--type",
        "--root",
        "--reposd-dir",
        "--cache-dir",
        "-D",
        "-C",
        "--raw-cache-dir",
        "--solv-cache-dir",
        "--pkg-cache-dir",
        "--config",
        "-c",
    }
)
_PIP_VALUE_OPTIONS = frozenset(
    {
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-t",
        "--target",
        "--prefix",
        "--root",
        "-w",
        "--wheel-dir",
        "-d",
        "--dest",
        "--destination-directory",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "--trusted-host",
        "--cache-dir",
        "--src",
        "--platform",
        "--python-version",
        "--implementation",
        "--abi",
        "--upgrade-strategy",
        "--progress-bar",
        "--global-option",
        "--install-option",
        "--config-settings",
        "-C",
        "--proxy",
        "--retries",
        "--timeout",
        "--cert",
        "--client-cert",
        "--exists-action",
        "--log",
        "--only-binary",
        "--no-binary",
        "--report",
        "--python",
        "--root-user-action",
        "--use-feature",
        "--use-deprecated",
        "-b",
        "--build",
        "--keyring-provider",
        "--group",
        "--default-timeout",
        "--log-file",
        "--index",
    }
)
_PIPX_VALUE_OPTIONS = frozenset(
    {
        "--python",
        "--suffix",
        "--pip-args",
        "--index-url",
        "-i",
        "--preinstall",
        "--spec",
        "--global-option",
    }
)
_VCS = lazy_compile(r"(git|hg|svn|bzr)(\+[a-z+-]+)?://")
_NPM_VALUE_OPTIONS = frozenset(
    {
        "--registry",
        "--prefix",
        "-C",
        "--cache",
        "--tag",
        "--userconfig",
        "--loglevel",
        "-w",
        "--workspace",
        "--omit",
        "--include",
        "--install-strategy",
        "--maxsockets",
        "--location",
        "--only",
        "-F",
        "--save-prefix",
        "--fetch-retries",
        "--fetch-timeout",
        "--fetch-retry-mintimeout",
        "--fetch-retry-maxtimeout",
        "--audit-level",
        "--globalconfig",
        "--script-shell",
        "--cpu",
        "--os",
        "--libc",
        "--otp",
        # yarn and pnpm
        "--network-concurrency",
        "--cache-folder",
        "--cwd",
        "--modules-folder",
        "--global-folder",
        "--link-folder",
        "--network-timeout",
        "--mutex",
        "--dir",
        "--modules-dir",
        "--store-dir",
        "--virtual-store-dir",
        "--filter",
    }
)
_GEM_VALUE_OPTIONS = frozenset(
    {
        "-v",
        "--version",
        "-i",
        "--install-dir",
        "-n",
        "--bindir",
        "-s",
        "--source",
        "-p",
        "--http-proxy",
        "--platform",
        "-P",
        "--trust-policy",
        "--build-root",
        "--document",
        "-g",
        "--file",
        "--config-file",
        "--without",
    }
)


class Package(Record):
    """A package operand: `name`, `version` (None when not pinned), as written."""

    __slots__ = ("word", "spec", "name", "version", "is_file", "constraint")

    word: ShellWord
    spec: str
    name: str
    version: str | None
    is_file: bool
    constraint: bool

    def __init__(
        self,
        word: ShellWord,
        spec: str,
        name: str,
        version: str | None,
        is_file: bool = False,
        constraint: bool = False,
    ) -> None:
        init(self, "word", word)
        init(self, "spec", spec)
        init(self, "name", name)
        init(self, "version", version)
        init(self, "is_file", is_file)
        init(self, "constraint", constraint)

    @property
    def pinned(self) -> bool:
        """Pinned to a version, constrained (`>=`, `~=`), or not a registry name."""
        return self.version is not None or self.is_file or self.constraint

    @property
    def known(self) -> bool:
        """Whether the model knows the operand's value (no unknown variable in it)."""
        return self.word.value is not None

    @property
    def unpinned(self) -> bool:
        """Certainly a registry package without a version: known and not pinned."""
        return self.known and not self.pinned


class PackageCommand:
    """One package-manager command line."""

    __slots__ = (
        "manager",
        "program",
        "action",
        "action_word",
        "options",
        "option_values",
        "option_words",
        "packages",
        "operands",
    )

    def __init__(
        self,
        manager: str,
        program: str,
        action: str,
        action_word: ShellWord | None,
        options: set[str] | None = None,
        option_values: dict[str, list[str]] | None = None,
        option_words: dict[str, ShellWord] | None = None,
        packages: list[Package] | None = None,
        operands: list[ShellWord] | None = None,
    ) -> None:
        self.manager = manager
        self.program = program
        self.action = action
        self.action_word = action_word
        self.options: set[str] = options if options is not None else set()
        self.option_values: dict[str, list[str]] = (
            option_values if option_values is not None else {}
        )
        self.option_words: dict[str, ShellWord] = option_words if option_words is not None else {}
        self.packages: list[Package] = packages if packages is not None else []
        self.operands: list[ShellWord] = operands if operands is not None else []

    def has(self, *names: str) -> bool:
        return any(name in self.options for name in names)

    @property
    def yarn_berry(self) -> bool:
        """A command only Yarn 2+ has (`yarn install --immutable`, `yarn dlx`): its cache
        and linker come from .yarnrc.yml, which the model does not read."""
        return self.manager == "yarn" and (
            self.has(*_BERRY_OPTIONS) or self.action in ("dlx", "workspaces", "up", "set")
        )

    @property
    def installs(self) -> bool:
        if self.manager in ("dnf", "yum", "zypper") and self.action in _RPM_INSTALL_ACTIONS:
            return True  # (apt's `update` only refreshes the index)
        return self.action in (
            "install",
            "add",
            "upgrade",
            "reinstall",
            "groupinstall",
            "localinstall",
            "dist-upgrade",
            "full-upgrade",
            "build-dep",
            "sync",
            "get",
            "ci",
            "download",
            "require",
            "create",
            "update-packages",
            "satisfy",
            "source",
        )

    @property
    def installed(self) -> list[Package]:
        if self.manager == "apt" and self.has(*_APT_NOT_INSTALLING):
            return []  # `apt-get install -d` only downloads, `-s` only simulates
        if self.manager == "cargo" and self.action == "add":
            return []  # `cargo add` edits Cargo.toml
        if self.action in (
            "install",
            "add",
            "reinstall",
            "groupinstall",
            "localinstall",
            "require",
        ):
            return self.packages
        return []

    @property
    def removed(self) -> list[Package]:
        if self.action in ("remove", "purge", "del", "erase", "uninstall", "autoremove", "rm"):
            return [package for package in self.packages if not package.is_file]
        return []

    def cache_paths(
        self, command: SimpleCommand, home: str | None, image: ImageRef | None
    ) -> list[tuple[str, str]]:
        """(path, category) of caches and indexes this command leaves in the layer,
        on the stage's base `image` (None: unknown), which decides some defaults."""
        return _CACHES.get(self.manager, _none)(self, command, home, image, False)

    def cleaned_paths(
        self, command: SimpleCommand, home: str | None, image: ImageRef | None
    ) -> list[tuple[str, str]]:
        """(path, category) of caches and indexes this command removes."""
        return _CACHES.get(self.manager, _none)(self, command, home, image, True)


def _none(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    return []


def word_text(word: ShellWord) -> str:
    return word.value if word.value is not None else word.literal


def _specs(words: list[ShellWord]) -> list[tuple[ShellWord, str]]:
    """(word, spec) of operands. The shell model has split unquoted variables into
    fields already: `PKGS="curl=7.1 git=2.3"; apt-get install $PKGS` gives two words,
    both placed at `$PKGS`."""
    return [(word, word_text(word)) for word in words]


def _split_options(
    words: tuple[ShellWord, ...], with_values: frozenset[str]
) -> tuple[set[str], dict[str, list[str]], dict[str, ShellWord], list[ShellWord]]:
    """(option names, their values, the word each name was read from, operands)."""
    options: set[str] = set()
    values: dict[str, list[str]] = {}
    option_words: dict[str, ShellWord] = {}
    operands: list[ShellWord] = []
    for name, value, word in scan_options(words, with_values):
        if not name:
            operands.append(word)
            continue
        options.add(name)
        option_words[name] = word
        if value is not None:
            values.setdefault(name, []).append(word_text(value))
    return options, values, option_words, operands


def _is_path_or_url(spec: str) -> bool:
    # `.`, `./x.rpm` and `.[dev]` are paths; `.build-deps` (an apk virtual package) is not.
    return (
        "/" in spec
        or spec in (".", "..")
        or spec.startswith((".[", "~"))
        or "://" in spec
        or spec.endswith((".deb", ".rpm", ".apk", ".whl", ".tar.gz", ".zip", ".gem", ".tgz"))
    )


# ---------------------------------------------------------------------------
# Managers


def _apt(command: SimpleCommand, program: str) -> PackageCommand:
    options, values, option_words, operands = _split_options(command.args, _APT_VALUE_OPTIONS)
    action_word = operands[0] if operands else None
    action = word_text(action_word) if action_word is not None else ""
    invocation = PackageCommand(
        "apt", program, action, action_word, options, values, option_words, operands=operands[1:]
    )
    for word, spec in _specs(operands[1:]):
        if spec.startswith(("/", "./", "../", "~")) or spec.endswith(".deb") or "://" in spec:
            # A .deb file or a directory of one; `name/release` selects a release.
            invocation.packages.append(Package(word, spec, spec, None, is_file=True))
            continue
        name, equals, version = spec.partition("=")
        name = name.split("/", 1)[0]
        invocation.packages.append(Package(word, spec, name, version if equals else None))
    return invocation


def _apk(command: SimpleCommand, program: str) -> PackageCommand:
    options, values, option_words, operands = _split_options(command.args, _APK_VALUE_OPTIONS)
    action_word = operands[0] if operands else None
    action = word_text(action_word) if action_word is not None else ""
    invocation = PackageCommand(
        "apk", program, action, action_word, options, values, option_words, operands=operands[1:]
    )
    for word, spec in _specs(operands[1:]):
        if _is_path_or_url(spec):
            invocation.packages.append(Package(word, spec, spec, None, is_file=True))
            continue
        match = re.match(r"([^=<>~]+)([=<>~].*)?\Z", spec)
        name = match.group(1) if match else spec
        version = match.group(2) if match and match.group(2) else None
        invocation.packages.append(Package(word, spec, name, version))
    virtual = values.get("-t") or values.get("--virtual")
    if virtual and action == "add":
        # `apk add --virtual .build-deps a b`: the group name is a package too, and
        # `apk del .build-deps` removes it.
        word = option_words.get("-t") or option_words.get("--virtual")
        if word is not None:
            invocation.packages.append(
                Package(word, virtual[-1], virtual[-1], None, constraint=True)
            )
    return invocation


# dnf's and yum's short command names.
_RPM_ACTIONS = {
    "in": "install",
    "rei": "reinstall",
    "up": "upgrade",
    "up-min": "upgrade-minimal",
    "update-minimal": "upgrade-minimal",
    "rm": "remove",
    "erase": "remove",
    "dg": "downgrade",
    "dsync": "distro-sync",
    "distrosync": "distro-sync",
    "distribution-synchronization": "distro-sync",
    "mc": "makecache",
    "autoremove": "autoremove",
    "grp": "group",
}


def _rpm_family(command: SimpleCommand, program: str) -> PackageCommand:
    options, values, option_words, operands = _split_options(command.args, _RPM_VALUE_OPTIONS)
    # `dnf -y install`, `yum install -y`, `microdnf install`; `dnf module install`
    action_word = operands[0] if operands else None
    action = word_text(action_word) if action_word is not None else ""
    rest = operands[1:]
    action = _RPM_ACTIONS.get(action, action)
    if action in ("module", "group", "groups") and rest:
        action = f"{action} {_RPM_ACTIONS.get(word_text(rest[0]), word_text(rest[0]))}"
        rest = rest[1:]
    manager = "dnf" if program in ("dnf", "dnf5", "microdnf", "tdnf") else "yum"
    invocation = PackageCommand(
        manager, program, action, action_word, options, values, option_words, operands=rest
    )
    for word, spec in _specs(rest):
        if _is_path_or_url(spec):
            invocation.packages.append(Package(word, spec, spec, None, is_file=True))
            continue
        if action.startswith("module "):
            # `dnf module install nodejs:18/minimal`: the stream is the version.
            name, colon, stream = spec.partition(":")
            stream = stream if colon and stream else None
            invocation.packages.append(Package(word, spec, name, stream))
            continue
        if spec.startswith("@") or action.startswith("group"):
            # Groups and environments (`@core`, `group install "Dev Tools"`) have no version.
            invocation.packages.append(Package(word, spec, spec, None, constraint=True))
            continue
        # name-VERSION[-RELEASE], each starting with a digit: `httpd-2.4.6-97.el7`;
        # `java-17-openjdk-headless` is a name.
        match = re.match(r"(.+?)-(\d[\w.:~+]*(?:-\d[\w.:~+]*)?)\Z", spec)
        if match:
            invocation.packages.append(Package(word, spec, match.group(1), match.group(2)))
        else:
            invocation.packages.append(Package(word, spec, spec, None))
    return invocation


# dnf, yum and zypper actions that install or change packages (beyond the common ones).
_RPM_INSTALL_ACTIONS = frozenset(
    {"update", "group install", "group upgrade", "groupupdate", "module install", "swap"}
    | {"builddep", "downgrade", "upgrade-minimal", "install-n", "install-na", "install-nevra"}
    | {"distro-sync", "localupdate", "update-minimal", "si", "source-install", "inr"}
    | {"install-new-recommends", "patch", "dist-upgrade"}
)


_BERRY_OPTIONS = frozenset(
    {"--immutable", "--immutable-cache", "--check-cache", "--mode", "--inline-builds"}
    | {"--refresh-lockfile", "--check-resolutions"}
)
# apt options that only print what would be done (apt-get, apt-mark).
APT_SIMULATE = frozenset({"-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act"})
# apt options with which `install` installs nothing.
_APT_NOT_INSTALLING = APT_SIMULATE | {"-d", "--download-only"}


def _zypper(command: SimpleCommand, program: str) -> PackageCommand:
    options, values, option_words, operands = _split_options(command.args, _ZYPPER_VALUE_OPTIONS)
    action_word = operands[0] if operands else None
    action = word_text(action_word) if action_word is not None else ""
    action = {
        "in": "install",
        "rm": "remove",
        "ref": "refresh",
        "up": "update",
        "cc": "clean",
        "dup": "dist-upgrade",
        "ve": "verify",
    }.get(action, action)
    invocation = PackageCommand(
        "zypper", program, action, action_word, options, values, option_words, operands=operands[1:]
    )
    kind = (values.get("-t") or values.get("--type") or ["package"])[-1]
    for word, spec in _specs(operands[1:]):
        if kind != "package":
            # Patterns, patches and products are not versioned packages.
            invocation.packages.append(Package(word, spec, spec, None, constraint=True))
            continue
        if _is_path_or_url(spec):
            invocation.packages.append(Package(word, spec, spec, None, is_file=True))
            continue
        match = re.match(r"([^=<>]+)([=<>].*)?\Z", spec)
        name = match.group(1) if match else spec
        version = match.group(2) if match and match.group(2) else None
        edition = re.match(r"(.+?)-(\d[\w.:~+-]*)\Z", name) if version is None else None
        if edition:
            # `zypper in name-1.2-3` selects that edition.
            name, version = edition.group(1), edition.group(2)
        invocation.packages.append(Package(word, spec, name, version))
    return invocation


def _vcs_reference(spec: str) -> str | None:
    """The `@ref` of a pip VCS requirement (`git+https://host/repo.git@v1.2#egg=x`)."""
    location = spec.split("#", 1)[0].split("://", 1)[-1]
    path = location.split("/", 1)[1] if "/" in location else ""
    return path.rsplit("@", 1)[1] or None if "@" in path else None


def _pip(
    command: SimpleCommand,
    program: str,
    args: tuple[ShellWord, ...] | None = None,
    manager: str = "pip",
) -> PackageCommand:
    words = command.args if args is None else args
    with_values = _PIPX_VALUE_OPTIONS if manager == "pipx" else _PIP_VALUE_OPTIONS
    options, values, option_words, operands = _split_options(words, with_values)
    action_word = operands[0] if operands else None
    action = word_text(action_word) if action_word is not None else ""
    invocation = PackageCommand(
        manager, program, action, action_word, options, values, option_words, operands=operands[1:]
    )
    for word, spec in _specs(operands[1:]):
        if _VCS.match(spec) or " @ " in spec:
            # A VCS checkout is pinned by `@ref`; `name @ url` by the URL (a file or VCS).
            url = spec.split(" @ ", 1)[-1]
            pinned = _vcs_reference(url) if _VCS.match(url) else url
            invocation.packages.append(Package(word, spec, spec, pinned))
            continue
        if _is_path_or_url(spec):
            invocation.packages.append(Package(word, spec, spec, None, is_file=True))
            continue
        match = re.match(r"([A-Za-z0-9_.\-\[\],]+)\s*(===|==|~=|!=|>=|<=|>|<)?\s*(.*)\Z", spec)
        if not match:
            invocation.packages.append(Package(word, spec, spec, None))
            continue
        name, operator, version = match.groups()
        name = name.split("[", 1)[0]
        if operator in ("==", "==="):
            invocation.packages.append(Package(word, spec, name, version or None))
        elif operator:
            invocation.packages.append(Package(word, spec, name, None, constraint=True))
        else:
            invocation.packages.append(Package(word, spec, name, None))
    return invocation


def _npm_like(command: SimpleCommand, program: str) -> PackageCommand:
    options, values, option_words, operands = _split_options(command.args, _NPM_VALUE_OPTIONS)
    action_word = operands[0] if operands else None
    # A bare `yarn` installs; `yarn --version` and `yarn --help` do not.
    bare_install = program == "yarn" and not options & {"--version", "-v", "--help", "-h"}
    default = "install" if bare_install else ""
    action = word_text(action_word) if action_word is not None else default
    action = {
        "i": "install",
        "in": "install",
        "add": "add",
        "isntall": "install",
        "un": "uninstall",
        "r": "uninstall",
        "rm": "uninstall",
        "remove": "uninstall",
    }.get(action, action)
    rest = operands[1:]
    if program == "yarn" and action == "global" and rest:
        # `yarn global add nodemon`: an install into yarn's global directory.
        action_word, rest = rest[0], rest[1:]
        action = {"remove": "uninstall"}.get(word_text(action_word), word_text(action_word))
        options = {*options, "--global"}
    manager = {"npm": "npm", "yarn": "yarn", "pnpm": "pnpm"}.get(program, "npm")
    invocation = PackageCommand(
        manager, program, action, action_word, options, values, option_words, operands=rest
    )
    for word, spec in _specs(rest):
        invocation.packages.append(_npm_package(word, spec))
    return invocation


_NPM_GIT = lazy_compile(r"(git(\+[a-z]+)?://|github:|gitlab:|bitbucket:|gist:)")


def _npm_package(word: ShellWord, spec: str) -> Package:
    """An npm/yarn/pnpm operand: `name@version`, `@scope/name@tag`, a git URL, a path ..."""
    if _NPM_GIT.match(spec):
        # A git dependency is pinned by `#commit`, `#tag` or `#semver:range`.
        reference = spec.partition("#")[2]
        return Package(word, spec, spec.partition("#")[0], reference or None)
    local = spec.startswith(("/", "./", "../", "~/", "file:", "http://", "https://"))
    tarball = spec.endswith((".tgz", ".tar", ".tar.gz")) and "@" not in spec.lstrip("@")
    if local or tarball or spec in (".", ".."):
        return Package(word, spec, spec, None, is_file=True)
    scoped = spec.startswith("@")
    body = spec[1:] if scoped else spec
    name, at, version = body.partition("@")
    name = ("@" + name) if scoped else name
    if not scoped and "/" in name and not at:
        # `user/repo` is a GitHub shorthand, pinned by `#ref`.
        repository, _, reference = spec.partition("#")
        return Package(word, spec, repository, reference or None)
    return Package(word, spec, name, version if at and version else None)


def _gem(command: SimpleCommand, program: str) -> PackageCommand:
    args = command.args
    for index, word in enumerate(args):
        if word.value == "--":
            # `gem install x -- --with-opt=...`: what follows goes to the gem's build.
            args = args[:index]
            break
    options, values, option_words, operands = _split_options(args, _GEM_VALUE_OPTIONS)
    action_word = operands[0] if operands else None
    action = word_text(action_word) if action_word is not None else ""
    action = {"i": "install", "in": "install"}.get(action, action)
    invocation = PackageCommand(
        "gem", program, action, action_word, options, values, option_words, operands=operands[1:]
    )
    has_version = "-v" in options or "--version" in options
    if "-g" in options or "--file" in options:
        return invocation  # the gems of a Gemfile (`gem install -g Gemfile`)
    # `--some-option true`: a yes/no after an option gem does not know is its value.
    switches = {
        id(following)
        for word, following in pairwise(args)
        if (word.value or "").startswith("--")
        and "=" not in (word.value or "")
        and (following.value or "").lower() in ("true", "false", "yes", "no")
    }
    for word, spec in _specs([word for word in operands[1:] if id(word) not in switches]):
        if spec.endswith(".gem") or "/" in spec:
            invocation.packages.append(Package(word, spec, spec, None, is_file=True))
            continue
        name, colon, version = spec.partition(":")
        pinned = version if colon and version else ("(-v)" if has_version else None)
        invocation.packages.append(Package(word, spec, name, pinned))
    return invocation


# Go's package patterns that name no module (`tool`, since Go 1.24: go.mod's tools).
_GO_META_PACKAGES = frozenset({"all", "std", "cmd", "tool"})


def _simple_manager(manager: str, with_values: frozenset[str] = frozenset()) -> object:
    def parse(command: SimpleCommand, program: str) -> PackageCommand:
        options, values, option_words, operands = _split_options(command.args, with_values)
        action_word = operands[0] if operands else None
        action = word_text(action_word) if action_word is not None else ""
        rest = operands[1:]
        if manager == "go" and action == "mod" and rest:
            action = "mod " + word_text(rest[0])
            rest = rest[1:]
        invocation = PackageCommand(
            manager, program, action, action_word, options, values, option_words, operands=rest
        )
        if manager == "bundle" and action == "install":
            rest = []  # `bundle install` installs the Gemfile's gems: it takes no names
        for word in rest:
            spec = word_text(word)
            if manager in ("conda", "composer"):
                name, version = _split_spec(manager, spec)
                invocation.packages.append(Package(word, spec, name, version))
                continue
            separator = "@" if manager == "go" else "="
            name, sep, version = spec.partition(separator)
            # `cargo install ripgrep --version 14.1.0` pins with an option.
            pinned = (values.get("--version") or values.get("--vers") or [None])[-1]
            invocation.packages.append(
                Package(word, spec, name, version if sep and version else pinned)
            )
        return invocation

    return parse


_SPEC_NAME_CHARACTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"
)


def _split_spec(manager: str, spec: str) -> tuple[str, str | None]:
    """(name, version or None) of a conda MatchSpec (`conda-forge::numpy>=1.24`,
    `pandas==2.1`) or a composer requirement (`vendor/pkg:^3.0`, `"vendor/pkg ^10"`)."""
    text = spec.strip()
    if manager == "conda":
        text = text.rsplit("::", 1)[-1]
        end = next((i for i, char in enumerate(text) if char not in _SPEC_NAME_CHARACTERS), None)
    else:
        end = next((i for i, char in enumerate(text) if char in ":= "), None)
    if end is None:
        return text, None
    version = text[end:].lstrip(":=<>!~ ").strip()
    return text[:end], version or None


# conda's options that take a value (`-c conda-forge`, `-n env`, `-p /opt/env`).
_CONDA_VALUE_OPTIONS = frozenset(
    {"-c", "--channel", "-n", "--name", "-p", "--prefix", "--file", "-f", "--repodata-fn"}
    | {"--solver", "--subdir", "--platform", "-r", "--root-prefix"}
)
# Bundler's options that take a value (`--jobs 4`, `--gemfile FILE`).
_BUNDLE_VALUE_OPTIONS = frozenset(
    {"-j", "--jobs", "--retry", "--path", "--gemfile", "--binstubs", "--without", "--with"}
    | {"--source", "--version", "--group", "-g", "--standalone", "--shebang", "--trust-policy"}
)
# cargo and composer options that take a value (`--target-dir DIR`, `-d DIR`), so
# that the value is not taken for a package.
_CARGO_VALUE_OPTIONS = frozenset(
    {
        "--target-dir",
        "--manifest-path",
        "--path",
        "--root",
        "--version",
        "--vers",
        "-F",
        "--features",
        "-p",
        "--package",
        "--exclude",
        "--bin",
        "--example",
        "--test",
        "--bench",
        "--target",
        "-j",
        "--jobs",
        "--profile",
        "--config",
        "-Z",
        "--color",
        "--message-format",
        "--git",
        "--branch",
        "--tag",
        "--rev",
        "--registry",
        "--index",
        "--lockfile-path",
    }
)
_COMPOSER_VALUE_OPTIONS = frozenset(
    {
        "-d",
        "--working-dir",
        "--prefer-install",
        "--ignore-platform-req",
        "--apcu-autoloader-prefix",
        "--audit-format",
        "--with",
        "--repository",
        "--repository-url",
        "-s",
        "--stability",
    }
)


# `go` build flags that take a value (`-tags x`, `-o out`; `-flag=value` also works).
_GO_VALUE_FLAGS = frozenset(
    {
        "-o",
        "-C",
        "-p",
        "-tags",
        "-ldflags",
        "-gcflags",
        "-asmflags",
        "-gccgoflags",
        "-mod",
        "-modfile",
        "-overlay",
        "-pkgdir",
        "-exec",
        "-toolexec",
        "-buildmode",
        "-compiler",
        "-installsuffix",
        "-pgo",
        "-coverpkg",
        "-covermode",
    }
)


def _go(command: SimpleCommand, program: str) -> PackageCommand:
    """`go install/get/run`: flags are single-dash words; `go run` takes one package."""
    args = command.args
    action_word = args[0] if args else None
    action = word_text(action_word) if action_word is not None else ""
    options: set[str] = set()
    values: dict[str, list[str]] = {}
    option_words: dict[str, ShellWord] = {}
    rest: list[ShellWord] = []
    index = 1
    while index < len(args):
        word = args[index]
        text = word_text(word)
        if rest and action == "run":
            break  # arguments of the program that `go run` starts
        if text == "--":
            rest.extend(args[index + 1 : index + 2] if action == "run" else args[index + 1 :])
            break
        if text.startswith("-") and len(text) > 1:
            name, equals, value = text.lstrip("-").partition("=")
            name = "-" + name
            options.add(name)
            option_words[name] = word
            if equals:
                values.setdefault(name, []).append(value)
            elif name in _GO_VALUE_FLAGS and index + 1 < len(args):
                values.setdefault(name, []).append(word_text(args[index + 1]))
                index += 1
        else:
            rest.append(word)
        index += 1
    if action == "mod" and rest:
        action = "mod " + word_text(rest[0])
        rest = rest[1:]
    invocation = PackageCommand(
        "go", program, action, action_word, options, values, option_words, operands=rest
    )
    for word, spec in _specs(rest):
        local = spec.startswith((".", "/", "~")) or spec.endswith(".go")
        if local or spec in _GO_META_PACKAGES:
            # Packages of the module in the build context (pinned by its go.mod), files,
            # and `tool` (Go 1.24: the tools go.mod lists, at its versions).
            invocation.packages.append(Package(word, spec, spec, None, is_file=True))
            continue
        name, at, version = spec.partition("@")
        invocation.packages.append(Package(word, spec, name, version if at and version else None))
    return invocation


_PARSERS = {
    "apt-get": _apt,
    "apt": _apt,
    "aptitude": _apt,
    "apk": _apk,
    "dnf": _rpm_family,
    "dnf5": _rpm_family,
    "yum": _rpm_family,
    "microdnf": _rpm_family,
    "tdnf": _rpm_family,
    "zypper": _zypper,
    "pip": _pip,
    "pip3": _pip,
    "pip2": _pip,
    "npm": _npm_like,
    "yarn": _npm_like,
    "pnpm": _npm_like,
    "gem": _gem,
    "bundle": _simple_manager("bundle", _BUNDLE_VALUE_OPTIONS),
    "bundler": _simple_manager("bundle", _BUNDLE_VALUE_OPTIONS),
    "go": _go,
    "cargo": _simple_manager("cargo", _CARGO_VALUE_OPTIONS),
    "composer": _simple_manager("composer", _COMPOSER_VALUE_OPTIONS),
    "conda": _simple_manager("conda", _CONDA_VALUE_OPTIONS),
    "mamba": _simple_manager("conda", _CONDA_VALUE_OPTIONS),
    "micromamba": _simple_manager("conda", _CONDA_VALUE_OPTIONS),
}


_PIP_NAME = lazy_compile(r"pip\d(\.\d+)?\Z")
_PYTHON_NAME = lazy_compile(r"python\d?(\.\d+)?\Z")


def parse_package_command(command: SimpleCommand) -> PackageCommand | None:
    """The package-manager invocation of a command, or None when it is not one."""
    name = command.name
    if name is None:
        return None
    if name.startswith("pip") and _PIP_NAME.match(name):
        return _pip(command, name)
    if name == "pipx":
        return _pip(command, name, manager="pipx")
    if name.startswith("python") and _PYTHON_NAME.match(name):
        args = command.args
        for index, word in enumerate(args[:-1]):
            if word.value == "-m" and args[index + 1].value in ("pip", "pip3"):
                return _pip(command, "pip", args[index + 2 :])
        return None
    parser = _PARSERS.get(name)
    if parser is None:
        return None
    return parser(command, name)  # type: ignore[operator]


# ---------------------------------------------------------------------------
# Caches and indexes


def _subcommand(invocation: PackageCommand, *names: str) -> bool:
    """`npm cache clean`: whether an operand is one of `names`."""
    return any(word_text(word) in names for word in invocation.operands)


def _home_path(home: str | None, relative: str) -> str | None:
    return posixpath.join(home, relative) if home else None


# The environment variables that place each manager's download or build cache (read
# by the cache functions below; a command may set them for itself).
CACHE_VARIABLES = {
    "go": ("GOCACHE", "GOMODCACHE", "GOPATH"),
    "npm": ("npm_config_cache", "NPM_CONFIG_CACHE"),
    "composer": ("COMPOSER_CACHE_DIR", "COMPOSER_HOME"),
    "conda": ("CONDA_PKGS_DIRS",),
}


def _setting(command: SimpleCommand, name: str, default: str | None) -> str | None:
    """A directory an environment variable sets (None when it is set to an unknown
    value), else `default`: a setting the model cannot read is not the default."""
    if command.has_env(name):
        return command.env(name) or None
    return default


def known_text(text: str) -> bool:
    """Whether an option's text has no unknown part (`word_text` keeps `$X` as written)."""
    return text != "" and "$" not in text and "`" not in text


def _chosen_directory(
    invocation: PackageCommand,
    command: SimpleCommand,
    options: tuple[str, ...],
    variables: tuple[str, ...],
) -> tuple[bool, str | None]:
    """(given, directory) of a setting made by an option (the last one wins) or else an
    environment variable; `given` with None: it is set, to an unknown value."""
    for option in options:
        values = invocation.option_values.get(option)
        if values:
            return True, values[-1] if known_text(values[-1]) else None
    for variable in variables:
        if command.has_env(variable):
            return True, command.env(variable) or None
    return False, None


def _apt_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    action = invocation.action
    if clean:
        # (`autoclean` removes only .debs that can no longer be downloaded)
        if action == "clean":
            return [("/var/cache/apt/archives", "cache")]
        if action in ("distclean", "dist-clean"):
            # apt 2.7.8+: clean, and remove the package lists too.
            return [("/var/cache/apt/archives", "cache"), ("/var/lib/apt/lists", "package-index")]
        return []
    found = []
    if action == "update" or (invocation.has("--update") and invocation.installs):
        # apt 3: `apt-get install --update` refreshes the lists first.
        found.append(("/var/lib/apt/lists", "package-index"))
    if invocation.installs and invocation.has("-d", "--download-only"):
        # The images' docker-clean hook runs only when dpkg does: the .debs stay.
        found.append(("/var/cache/apt/archives", "cache"))
    return found


def _apk_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    action = invocation.action
    given, directory = _chosen_directory(invocation, command, ("--cache-dir",), ())
    directory = directory if given else "/var/cache/apk"
    if directory is None:
        return []
    if clean:
        # `apk cache clean` works only with a cache enabled (/etc/apk/cache), and keeps
        # the indexes even then: on the usual images it fails. It empties nothing here.
        return []
    if action == "update" or (action in ("add", "upgrade") and not invocation.has("--no-cache")):
        if invocation.has("--no-cache", "--no-network"):
            # --no-network fetches no index and no package: nothing is cached.
            return []
        return [(directory, "package-index" if action == "update" else "cache")]
    return []


def _rpm_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    directory = "/var/cache/yum" if invocation.program in ("yum", "microdnf") else "/var/cache/dnf"
    if invocation.program == "tdnf":
        directory = "/var/cache/tdnf"
    elif invocation.program == "dnf5":
        directory = "/var/cache/libdnf5"
    # What `yum` and `dnf` are on the image: `yum` is dnf on EL8+ (/var/cache/dnf), both
    # are dnf5 on Fedora 41+.
    frontend = rpm_frontend(image) if image is not None else None
    program = invocation.program
    if frontend is not None and (program == "yum" or (program == "dnf" and frontend == "dnf5")):
        directory = RPM_CACHE_DIRECTORIES[frontend]
    for setting in invocation.option_values.get("--setopt", []):
        name, _, value = setting.partition("=")
        if name == "cachedir":
            directory = value if known_text(value) and value else None
    if directory is None:
        return []
    action = invocation.action
    if clean:
        # Only `clean all` empties the cache; `clean packages`, `metadata`,
        # `dbcache` or `expire-cache` remove parts of it.
        if action == "clean" and _subcommand(invocation, "all"):
            return [(directory, "cache")]
        return []
    if action in (
        "install",
        "update",
        "upgrade",
        "makecache",
        "groupinstall",
        "reinstall",
        "distro-sync",
        "module install",
        "group install",
        "localinstall",
        "upgrade-minimal",
        "downgrade",
        "swap",
        "groupupdate",
        "group upgrade",
        "module enable",
        "localupdate",
    ):
        return [(directory, "package-index" if action == "makecache" else "cache")]
    return []


_ZYPP = "/var/cache/zypp"


def _zypper_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    # zypper keeps downloaded packages in /var/cache/zypp/packages and repository
    # metadata in raw/ and solv/, which an install refreshes first (the images' repos
    # refresh automatically) unless told not to (`--no-refresh`).
    packages = [(_ZYPP + "/packages", "cache")]
    raw = [(_ZYPP + "/raw", "package-index")]
    metadata = [*raw, (_ZYPP + "/solv", "package-index")]
    action = invocation.action
    if clean:
        # `zypper clean` empties the package cache only; `-m` the metadata instead,
        # `-M` the raw metadata, `-a` both; `--repo NAME` one repository's (partial).
        if action != "clean" or invocation.has("-r", "--repo"):
            return []
        if invocation.has("-a", "--all"):
            return packages + metadata
        if invocation.has("-m", "--metadata"):
            return metadata
        return raw if invocation.has("-M", "--raw-metadata") else packages
    refreshed = [] if invocation.has("--no-refresh") else metadata
    if action == "refresh":
        return metadata
    if action in ("install", "update", "dist-upgrade", "patch"):
        return packages + refreshed
    return []


def _unknown_setting(command: SimpleCommand) -> bool:
    """PIP_NO_CACHE_DIR set to a value the model does not know: maybe off."""
    return command.has_env("PIP_NO_CACHE_DIR") and command.env("PIP_NO_CACHE_DIR") is None


def _pip_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    given, directory = _chosen_directory(invocation, command, ("--cache-dir",), ("PIP_CACHE_DIR",))
    if (
        given
        and command.env("PIP_CACHE_DIR") == ""
        and "--cache-dir" not in invocation.option_values
    ):
        given = False  # an empty value is ignored: the default cache
    if not given:
        given, cache_home = _chosen_directory(invocation, command, (), ("XDG_CACHE_HOME",))
        if given:
            directory = posixpath.join(cache_home, "pip") if cache_home else None
        else:
            directory = _home_path(home, ".cache/pip")
    if directory is None:
        return []
    if clean:
        # `pip cache remove PATTERN` removes some wheels only.
        if invocation.action == "cache" and _subcommand(invocation, "purge"):
            return [(directory, "cache")]
        return []
    if invocation.action not in ("install", "download", "wheel"):
        return []
    # pip takes any unambiguous prefix of a long option: `--no-cache` is `--no-cache-dir`.
    no_cache = any(
        len(option) >= len("--no-cache") and "--no-cache-dir".startswith(option)
        for option in invocation.options
    )
    # pip ignores a setting whose value is empty (`ENV PIP_NO_CACHE_DIR=`).
    if no_cache or command.env("PIP_NO_CACHE_DIR") not in ("", None) or _unknown_setting(command):
        return []
    return [(directory, "cache")]


def _npm_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    variables = CACHE_VARIABLES["npm"]
    given, directory = _chosen_directory(invocation, command, ("--cache",), variables)
    if not given:
        directory = _home_path(home, ".npm")
    if directory is None:
        return []
    if clean:
        # `npm cache clean` (`clear`, `rm`) removes the content store, _cacache; the
        # debug logs in _logs stay.
        if invocation.action == "cache" and _subcommand(invocation, "clean", "clear", "rm"):
            return [(posixpath.join(directory, "_cacache"), "cache")]
        return []
    if invocation.action in ("install", "ci", "add", "update"):
        return [(directory, "cache")]
    return []


def _yarn_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    if invocation.yarn_berry:
        return []  # where Yarn 2+ caches depends on .yarnrc.yml
    options = ("--cache-folder",)
    given, directory = _chosen_directory(invocation, command, options, ("YARN_CACHE_FOLDER",))
    if not given:
        # Yarn 1: XDG_CACHE_HOME/yarn, else ~/.cache/yarn, with /usr/local/share for
        # root's home on Linux.
        given, cache_home = _chosen_directory(invocation, command, (), ("XDG_CACHE_HOME",))
        if given:
            directory = posixpath.join(cache_home, "yarn") if cache_home else None
        elif home == "/root":
            directory = "/usr/local/share/.cache/yarn"
        else:
            directory = _home_path(home, ".cache/yarn")
    if directory is None:
        return []
    if clean:
        if invocation.action == "cache" and _subcommand(invocation, "clean"):
            return [(directory, "cache")]
        return []
    if invocation.action in ("install", "add"):
        return [(directory, "cache")]
    return []


def _pnpm_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    """pnpm's content-addressed store: `--store-dir`, else PNPM_HOME/store, else
    XDG_DATA_HOME/pnpm/store, else ~/.local/share/pnpm/store (pnpm's settings)."""
    variables = ("npm_config_store_dir", "NPM_CONFIG_STORE_DIR")
    given, directory = _chosen_directory(invocation, command, ("--store-dir",), variables)
    if not given:
        given, pnpm_home = _chosen_directory(invocation, command, (), ("PNPM_HOME",))
        if not given:
            given, data_home = _chosen_directory(invocation, command, (), ("XDG_DATA_HOME",))
            pnpm_home = posixpath.join(data_home, "pnpm") if given and data_home else None
            if not given:
                pnpm_home = _home_path(home, ".local/share/pnpm")
        directory = posixpath.join(pnpm_home, "store") if pnpm_home else None
    if directory is None or clean:
        return []
    if invocation.action in ("install", "add", "update", "fetch") and not invocation.has(
        "-g", "--global"
    ):
        return [(directory, "cache")]
    return []


def go_cache_directories(command: SimpleCommand, home: str | None) -> tuple[str | None, str | None]:
    """(build cache, module cache) of a go command (None: unknown)."""
    build_cache = _setting(command, "GOCACHE", _home_path(home, ".cache/go-build"))
    # New modules go into the first entry of a GOPATH list.
    gopaths = _setting(command, "GOPATH", _home_path(home, "go"))
    gopath = (gopaths.split(":")[0] or None) if gopaths is not None else None
    module_cache = _setting(
        command, "GOMODCACHE", posixpath.join(gopath, "pkg/mod") if gopath else None
    )
    return build_cache, module_cache


def _go_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    build_cache, module_cache = go_cache_directories(command, home)
    if clean:
        if invocation.action != "clean":
            return []
        found = []
        if invocation.has("-cache") and build_cache:
            found.append((build_cache, "cache"))
        if invocation.has("-modcache") and module_cache:
            found.append((module_cache, "cache"))
        return found
    # The Go release of a `golang:` image: no build cache before Go 1.10, and the
    # module cache only in module mode.
    minor = go_minor_version(image) if image is not None else None
    found = []
    builds = ("build", "install", "test", "run", "vet", "generate")
    if invocation.action in builds and build_cache and (minor is None or minor >= 10):
        found.append((build_cache, "cache"))
    # Commands that download the modules they need (`go mod vendor` copies from the cache).
    fetches = ("build", "install", "get", "mod download", "mod tidy", "mod vendor", "test", "run")
    fetches += ("vet", "list")
    if (
        invocation.action in fetches
        and module_cache
        and not _go_vendored(invocation, command)
        and _go_module_mode(command, minor) is True
    ):
        found.append((module_cache, "cache"))
    return found


def _go_module_mode(command: SimpleCommand, minor: int | None) -> bool | None:
    """Whether go runs in module mode (None: the model cannot tell). There are no
    modules before Go 1.11; GO111MODULE=on or off decides after that, and without it
    (or `auto`) Go 1.11-1.15 use modules only inside a module, which the model does not
    see. Go 1.16 and later, and a Go whose release is unknown, default to modules."""
    if minor is not None and minor < 11:
        return False
    setting = command.env("GO111MODULE") if command.has_env("GO111MODULE") else ""
    if setting in ("on", "off"):
        return setting == "on"
    if setting == "auto" or setting is None:
        return None
    return None if minor is not None and minor < 16 else True


def _go_vendored(invocation: PackageCommand, command: SimpleCommand) -> bool:
    """`-mod=vendor` (an option or in GOFLAGS): modules come from ./vendor, and the
    module cache is not touched."""
    given = invocation.option_values.get("-mod", [])
    flags = (command.env("GOFLAGS") or "").split()
    vendored = given[-1] == "vendor" if given else "-mod=vendor" in flags
    return invocation.action != "mod download" and vendored


# cargo commands that build a package (into the target directory) and the composer
# commands that install one (into vendor/); both download what they need first.
CARGO_BUILDS = frozenset(
    {"build", "b", "check", "c", "test", "t", "run", "r", "bench", "doc", "d", "rustc", "clippy"}
)
COMPOSER_INSTALLS = frozenset({"install", "i", "update", "u", "upgrade", "require", "r"})
# cargo commands that download into the registry cache, unless told to stay offline.
_CARGO_FETCHES = CARGO_BUILDS | {"install", "fetch", "update", "vendor", "generate-lockfile"}


def _cargo_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    if clean:
        if invocation.action != "clean" or invocation.has("--manifest-path", "--doc"):
            return []
        # `cargo clean` removes the target directory (relative: the project's).
        given, directory = _chosen_directory(
            invocation, command, ("--target-dir",), ("CARGO_TARGET_DIR",)
        )
        directory = directory if given else "target"
        return [(directory, "cache")] if directory else []
    cargo_home = _setting(command, "CARGO_HOME", _home_path(home, ".cargo"))
    if cargo_home is None:
        return []
    offline = invocation.has("--offline", "--frozen") or command.env("CARGO_NET_OFFLINE") == "true"
    if invocation.action in _CARGO_FETCHES and not offline:
        return [(posixpath.join(cargo_home, "registry"), "cache")]
    return []


def _composer_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    if invocation.has("--no-cache"):
        return []  # the same as COMPOSER_CACHE_DIR=/dev/null
    composer_home = _setting(command, "COMPOSER_HOME", None)
    directory = _setting(
        command,
        "COMPOSER_CACHE_DIR",
        posixpath.join(composer_home, "cache") if composer_home else None,
    )
    if directory is None:
        return []
    if clean:
        clears = invocation.action in ("clear-cache", "clearcache", "cc")
        return [(directory, "cache")] if clears else []
    action = invocation.action
    if action == "global" and invocation.operands:
        action = word_text(invocation.operands[0])  # the same, in COMPOSER_HOME's project
    if action in COMPOSER_INSTALLS or action == "create-project":
        return [(directory, "cache")]
    return []


def _conda_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    directory = _setting(command, "CONDA_PKGS_DIRS", None)
    program = command.argv_words[0].value if command.argv_words else None
    if command.has_env("CONDA_PKGS_DIRS"):
        pass  # set: its value, or unknown
    elif program and posixpath.basename(program) == "micromamba":
        # micromamba keeps its packages under its root prefix (it never reads CONDA_DIR).
        given, root = _chosen_directory(
            invocation, command, ("-r", "--root-prefix"), ("MAMBA_ROOT_PREFIX",)
        )
        directory = posixpath.join(root, "pkgs") if given and root else None
    else:
        conda_dir = _setting(command, "CONDA_DIR", None)
        if program and program.endswith("/bin/conda"):
            directory = posixpath.join(posixpath.dirname(posixpath.dirname(program)), "pkgs")
        elif command.has_env("CONDA_DIR"):
            directory = posixpath.join(conda_dir, "pkgs") if conda_dir else None
        elif program in ("conda", "mamba"):
            # Found on PATH: the first conda installation's bin (continuumio's images
            # put /opt/conda/bin there).
            directory = _conda_on_path(command.env("PATH"))
    if directory is None:
        return []
    if clean:
        if invocation.action != "clean":
            return []
        # `--all` empties the package cache; `-t` (tarballs) with `-p` (unpacked
        # packages), as in the common `conda clean -tipy`, leave only what environments
        # use; `-t`, `-p` or `-i` alone remove a part of it.
        emptied = invocation.has("-a", "--all") or (
            invocation.has("-t", "--tarballs") and invocation.has("-p", "--packages")
        )
        return [(directory, "cache")] if emptied else []
    creates_env = invocation.action == "env" and _subcommand(invocation, "create", "update")
    if invocation.action in ("install", "create", "update") or creates_env:
        return [(directory, "cache")]
    return []


def _conda_on_path(path: str | None) -> str | None:
    """The package cache of the conda installation whose bin is on PATH, if PATH is
    known and its first entry with conda in it is `PREFIX/bin`."""
    for entry in (path or "").split(":"):
        if "conda" in entry or "mamba" in entry or "miniforge" in entry:
            entry = entry.rstrip("/")
            if entry.startswith("/") and entry.endswith("/bin"):
                return posixpath.join(posixpath.dirname(entry), "pkgs")
            return None
    return None


def _gem_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    given = invocation.option_values.get("-i", []) + invocation.option_values.get(
        "--install-dir", []
    )
    gem_home = (given[-1] if known_text(given[-1]) else None) if given else command.env("GEM_HOME")
    if gem_home is None or clean or invocation.has("--user-install"):
        return []  # --user-install: under Gem.user_dir, named by the Ruby version
    if invocation.action == "install":
        return [(posixpath.join(gem_home, "cache"), "cache")]
    return []


def _bundle_caches(
    invocation: PackageCommand,
    command: SimpleCommand,
    home: str | None,
    image: ImageRef | None,
    clean: bool,
) -> list[tuple[str, str]]:
    """`bundle install` into the system gems (GEM_HOME) keeps the .gem files in
    GEM_HOME/cache; with a path (`--path`, `--deployment`, BUNDLE_PATH,
    BUNDLE_DEPLOYMENT) they go elsewhere, under a Ruby version the model does not know."""
    if clean or invocation.action not in ("install", ""):
        return []
    if invocation.has("--path", "--deployment", "--standalone", "--system"):
        return []
    if any(command.has_env(name) for name in ("BUNDLE_PATH", "BUNDLE_DEPLOYMENT")):
        return []
    gem_home = command.env("GEM_HOME")
    return [(posixpath.join(gem_home, "cache"), "cache")] if gem_home else []


_CACHES = {
    "apt": _apt_caches,
    "apk": _apk_caches,
    "dnf": _rpm_caches,
    "yum": _rpm_caches,
    "zypper": _zypper_caches,
    "pip": _pip_caches,
    "npm": _npm_caches,
    "yarn": _yarn_caches,
    "pnpm": _pnpm_caches,
    "go": _go_caches,
    "cargo": _cargo_caches,
    "composer": _composer_caches,
    "conda": _conda_caches,
    "gem": _gem_caches,
    "bundle": _bundle_caches,
}
