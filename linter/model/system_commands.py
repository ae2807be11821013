"""Handlers of the command table for commands that change the system's own files:
the user database (`useradd`, `adduser`, `groupadd` ...), apt's package marks
(`apt-mark`), and the queries that change nothing (`dpkg-architecture`, `scanelf`,
`gpgconf --kill`, `ldconfig -p`, `update-alternatives --display`).

Only what the command surely writes is recorded; where that depends on the image's
configuration (does `useradd` without `-m` make a home? /etc/login.defs says), the
command's effects are unknown (None).
"""

from __future__ import annotations

from .calls import Call, Handler, options
from .fs import CREATED, MODIFIED, Effect
from .packages import APT_SIMULATE
from .users import ADDUSER_VALUES, USERADD_VALUES, USERMOD_VALUES, created_user

_PASSWD = "/etc/passwd"
_SHADOW = "/etc/shadow"
_GROUP = "/etc/group"

_GROUPADD_VALUES = frozenset({"-g", "--gid", "-K", "--key", "-p", "--password", "-U", "--users"})


def _files(call: Call, paths: list[str]) -> list[Effect]:
    return [call.effect_at(MODIFIED, path) for path in paths]


# Options of the shadow tools that name another root: the files written are there.
_ROOT_VALUES = frozenset({"-R", "--root", "-P", "--prefix"})


def _another_root(flags: set[str]) -> bool:
    """`--root DIR`, `--prefix DIR`: the files written are under another directory."""
    return bool(flags & _ROOT_VALUES)


def _home_made(call: Call, effects: list[Effect]) -> list[Effect] | None:
    """`effects` and the home the user-creating command makes (None: unknown home)."""
    user = created_user(call.command)
    home = user[1] if user is not None else None
    if home is None:
        return None
    return effects + call.made_directory(call.command, home)


def _useradd(call: Call) -> list[Effect] | None:
    """shadow-utils' useradd writes /etc/passwd and /etc/shadow, and /etc/group when
    it makes the user's own group (no `-g`, no `-N`) or adds it to groups (`-G`).
    The home is made with `-m`; without `-m` it is made only where /etc/login.defs
    says CREATE_HOME (Fedora, RHEL, not Debian), except for system users (`-r`), so
    the effects are unknown then."""
    flags, operands, _ = options(call.args, USERADD_VALUES)
    if _another_root(flags) or len(operands) != 1:
        return None
    if flags & {"-D", "--defaults"}:
        return None  # changes the defaults file instead
    paths = [_PASSWD, _SHADOW]
    if not flags & {"-g", "--gid", "-N", "--no-user-group"} or flags & {"-G", "--groups"}:
        paths.append(_GROUP)
    effects = _files(call, paths)
    if flags & {"-m", "--create-home"}:
        return _home_made(call, effects)
    if not flags & {"-M", "--no-create-home", "-r", "--system"}:
        return None
    return effects


def _adduser(call: Call) -> list[Effect] | None:
    """Debian's and BusyBox's adduser write /etc/passwd and /etc/shadow, and
    /etc/group for the user's own group (not for a system user, who joins an existing
    group), and make the home unless `-H`/`--no-create-home`. Whether a `--system`
    user gets a home depends on the tool: BusyBox (`-S`) and Debian's adduser before
    3.122 make /home/USER, later ones use /nonexistent; so without `--home` or `-H`
    it is unknown. `adduser USER GROUP` of an existing user only adds
    it to a group: which one it is cannot be told, so it is unknown too."""
    flags, operands, values = options(call.args, ADDUSER_VALUES)
    if len(operands) != 1:
        return None
    system = bool(flags & {"-S", "--system"})
    files = [_PASSWD, _SHADOW] if system else [_PASSWD, _SHADOW, _GROUP]
    effects = _files(call, files)
    if flags & {"-H", "--no-create-home"}:
        return effects
    if "--system" in flags and not values.keys() & {"-h", "--home"}:
        return None  # BusyBox's -S makes /home/USER
    return _home_made(call, effects)


def _groupadd(call: Call) -> list[Effect] | None:
    """groupadd, addgroup (also `addgroup USER GROUP`, which adds a user to a group):
    /etc/group."""
    flags, operands, _ = options(call.args, _GROUPADD_VALUES | _ROOT_VALUES | ADDUSER_VALUES)
    if _another_root(flags) or not 1 <= len(operands) <= 2:
        return None
    return _files(call, [_GROUP])


# usermod options that change files besides the user database: `-m` moves the home,
# `-u` and `-g` give the home's files the new uid or group.
_USERMOD_CHANGES_FILES = frozenset({"-m", "--move-home", "-u", "--uid", "-g", "--gid"})


def _usermod(call: Call) -> list[Effect] | None:
    """usermod writes /etc/group for `-G`/`-a`, /etc/shadow for passwords, expiry and
    locks, /etc/passwd for the rest (a rename, `-l`, all three); with `-m`, `-u` or
    `-g` it changes the home's files too, which the model cannot list (unknown)."""
    flags, operands, _ = options(call.args, USERMOD_VALUES)
    if _another_root(flags) or flags & _USERMOD_CHANGES_FILES or len(operands) != 1:
        return None
    paths = set()
    for flag in flags:
        paths.update(_USERMOD_WRITES.get(flag, (_PASSWD,)))
    return _files(call, sorted(paths)) if paths else None


# The files a usermod option rewrites (any other option: /etc/passwd).
_USERMOD_WRITES = {
    "-G": (_GROUP,),
    "--groups": (_GROUP,),
    "-a": (_GROUP,),
    "--append": (_GROUP,),
    "-p": (_SHADOW,),
    "--password": (_SHADOW,),
    "-L": (_SHADOW,),
    "--lock": (_SHADOW,),
    "-U": (_SHADOW,),
    "--unlock": (_SHADOW,),
    "-e": (_SHADOW,),
    "--expiredate": (_SHADOW,),
    "-f": (_SHADOW,),
    "--inactive": (_SHADOW,),
    "-l": (_PASSWD, _SHADOW, _GROUP),
    "--login": (_PASSWD, _SHADOW, _GROUP),
}


def _userdel(call: Call) -> list[Effect] | None:
    """userdel, deluser: the user database; removing the home (`-r`,
    `--remove-home`) or every file of the user is unknown."""
    flags, operands, _ = options(call.args, _ROOT_VALUES)
    if _another_root(flags) or flags & {"-r", "--remove", "--remove-home", "--remove-all-files"}:
        return None
    if len(operands) != 1:
        return None  # `deluser USER GROUP` takes a user out of a group
    return _files(call, [_PASSWD, _SHADOW, _GROUP])


def _groupmod(call: Call) -> list[Effect] | None:
    """groupmod (`-g GID`, `-n NAME`): /etc/group; files keep their numeric group."""
    flags, operands, _ = options(call.args, _GROUPADD_VALUES | _ROOT_VALUES | {"-n", "--new-name"})
    if _another_root(flags) or len(operands) != 1:
        return None
    return _files(call, [_GROUP])


def _delgroup(call: Call) -> list[Effect] | None:
    flags, operands, _ = options(call.args, _ROOT_VALUES)
    if _another_root(flags) or not 1 <= len(operands) <= 2:
        return None
    return _files(call, [_GROUP])


# passwd options that change an account without asking for a password.
_PASSWD_CHANGES = frozenset({"-d", "--delete", "-l", "--lock", "-u", "--unlock", "-e", "--expire"})


def _chpasswd(call: Call) -> list[Effect] | None:
    """chpasswd, `passwd -d/-l/-u USER`: /etc/shadow. An interactive passwd is
    unknown (it reads a terminal the RUN has not)."""
    flags, _, _ = options(call.args, _ROOT_VALUES)
    if _another_root(flags):
        return None
    if call.command.name == "passwd" and not flags & _PASSWD_CHANGES:
        return None
    return _files(call, [_SHADOW])


# apt-mark actions by the file they write (dpkg's selections for holds).
_APT_MARK_STATES = frozenset({"auto", "manual", "markauto", "unmarkauto", "minimize-manual"})
_APT_MARK_SELECTIONS = frozenset({"hold", "unhold", "install", "remove", "deinstall", "purge"})


def _apt_mark(call: Call) -> list[Effect] | None:
    """`apt-mark auto|manual PACKAGE...` writes apt's /var/lib/apt/extended_states,
    `apt-mark hold` dpkg's /var/lib/dpkg/status; the `show...` actions only read."""
    flags, operands, _ = options(call.args, frozenset({"-o", "--option", "-c", "--config-file"}))
    if not operands or operands[0].value is None:
        return None
    action = operands[0].value
    if action.startswith("show") or flags & APT_SIMULATE:
        return []
    if action in _APT_MARK_STATES:
        path = "/var/lib/apt/extended_states"
    elif action in _APT_MARK_SELECTIONS:
        path = "/var/lib/dpkg/status"
    else:
        return None
    packages = operands[1:]
    if action == "minimize-manual":
        return _files(call, [path])
    if not packages:
        return []  # nothing to mark
    if all(word.value is None for word in packages):
        return None  # `apt-mark manual $saved`: maybe nothing
    return _files(call, [path])


def _dpkg_architecture(call: Call) -> list[Effect] | None:
    """Prints the build and host architectures; `-c COMMAND` runs a command."""
    flags, _, _ = options(call.args, frozenset({"-a", "-t", "-A", "-T", "-q", "--query"}))
    return None if flags & {"-c", "--command"} else []


_SCANELF_VALUES = frozenset(
    {"-F", "--format", "-E", "--etype", "-M", "--bits", "-s", "--symbol", "-N", "--lib"}
    | {"-k", "--section", "-z", "--setpax", "-o", "--file", "-f", "--from", "-O", "--perms"}
)


def _scanelf(call: Call) -> list[Effect] | None:
    """Reads ELF files (`scanelf --needed ...`), writing its report to `-o FILE` if
    given; `-X` (`--fix`) and `-z` (`--setpax`) change the files it reads."""
    flags, _, values = options(call.args, _SCANELF_VALUES)
    if flags & {"-X", "--fix", "-z", "--setpax"}:
        return None
    output = values.get("-o") or values.get("--file")
    if output is None or output.value == "-":
        return []
    path = call.resolve(output)
    return [call.effect(CREATED, output, path)] if path is not None else None


# gpgconf actions that only read, or stop the agents (`--kill all`, whose sockets go
# with them).
_GPGCONF_QUIET = frozenset(
    {"--kill", "--list-dirs", "--list-components", "--check-programs", "--list-options"}
    | {"--check-options", "--list-config", "--version", "--help", "--dump-options"}
)


def _gpgconf(call: Call) -> list[Effect] | None:
    flags, _, _ = options(call.args, frozenset({"--homedir"}))
    return [] if flags and flags <= _GPGCONF_QUIET | {"--homedir"} else None


def _ldconfig(call: Call) -> list[Effect] | None:
    """`ldconfig -p` prints the cache. Otherwise it rewrites /etc/ld.so.cache and
    adds links to the libraries it finds, whose names the model cannot know."""
    flags, _, _ = options(call.args, frozenset({"-C", "-f", "-r", "-c", "--format"}))
    return [] if flags and flags <= {"-p", "--print-cache", "-V", "--version", "--help"} else None


# update-alternatives actions that only read (Debian's and Red Hat's `alternatives`).
_ALTERNATIVES_QUERIES = frozenset(
    {"--display", "--query", "--list", "--get-selections", "--version", "--help"}
)


def _update_alternatives(call: Call) -> list[Effect] | None:
    """A query reads; `--install`, `--set`, `--auto`, `--config` ... switch the links
    of a group in /etc/alternatives, including followers the command does not name:
    unknown."""
    flags, _, _ = options(call.args, frozenset({"--altdir", "--admindir", "--log"}))
    actions = flags - {"--altdir", "--admindir", "--log", "--quiet", "--verbose", "--debug"}
    return [] if actions and actions <= _ALTERNATIVES_QUERIES else None


SYSTEM_COMMANDS: dict[str, Handler] = {
    "useradd": _useradd,
    "adduser": _adduser,
    "groupadd": _groupadd,
    "addgroup": _groupadd,
    "usermod": _usermod,
    "userdel": _userdel,
    "deluser": _userdel,
    "groupmod": _groupmod,
    "groupdel": _delgroup,
    "delgroup": _delgroup,
    "chpasswd": _chpasswd,
    "passwd": _chpasswd,
    "apt-mark": _apt_mark,
    "dpkg-architecture": _dpkg_architecture,
    "scanelf": _scanelf,
    "gpgconf": _gpgconf,
    "ldconfig": _ldconfig,
    "update-alternatives": _update_alternatives,
    "alternatives": _update_alternatives,
}
