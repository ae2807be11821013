"""Users a RUN creates (`useradd`, `adduser`) and their home directories, so that
`USER app` gives `~` and HOME a value instead of leaving them unknown."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from .images import ImageRef, official_image_name
from .shell import scan_options

if TYPE_CHECKING:
    from .shell import SimpleCommand

# Options of useradd (shadow-utils) and of adduser (Debian's and BusyBox's) that take
# a value; the login is the last operand.
USERADD_VALUES = frozenset(
    {"-c", "--comment", "-d", "--home-dir", "-b", "--base-dir", "-e", "--expiredate"}
    | {"-f", "--inactive", "-g", "--gid", "-G", "--groups", "-k", "--skel", "-K", "--key"}
    | {"-p", "--password", "-s", "--shell", "-u", "--uid", "-R", "--root", "-P", "--prefix"}
    | {"-Z", "--selinux-user"}
)
ADDUSER_VALUES = frozenset(
    {"-h", "--home", "-g", "--gecos", "-s", "--shell", "-G", "--ingroup", "-u", "--uid"}
    | {"--gid", "-k", "--conf", "--comment", "--firstuid", "--lastuid"}
    | {"--firstgid", "--lastgid"}
)

# Users the Docker Hub official images create, with their homes, by name and by uid.
_OFFICIAL_IMAGE_USERS = {"node": {"node": "/home/node", "1000": "/home/node"}}


def created_user(command: SimpleCommand) -> tuple[str, str | None, str | None] | None:
    """(login, home, uid) of the user a `useradd` or `adduser` command creates (home
    or uid None when not known); None for any other command or an unknown login."""
    if command.name == "useradd":
        values_taking = USERADD_VALUES
    elif command.name == "adduser":
        values_taking = ADDUSER_VALUES
    else:
        return None
    operands: list[str | None] = []
    given: dict[str, str | None] = {}
    flags: set[str] = set()
    for name, value, _ in scan_options(command.args, values_taking):
        if not name:
            operands.append(value.value if value is not None else None)
        elif value is not None:
            given[name] = value.value
        else:
            flags.add(name)
    if not operands:
        return None
    # useradd takes one operand; adduser may add `USER GROUP` (BusyBox).
    login = operands[-1] if command.name == "useradd" else operands[0]
    if not login:
        return None
    uid = given.get("-u") or given.get("--uid")
    for option in ("-d", "--home-dir", "-h", "--home"):
        if option in given:
            return login, given[option], uid
    if command.name == "useradd" and ("-b" in given or "--base-dir" in given):
        base = given.get("-b") or given.get("--base-dir")
        return login, posixpath.join(base, login) if base else None, uid
    if command.name == "adduser" and "--system" in flags:
        # Debian's adduser 3.122 and later give system users /nonexistent, earlier
        # ones and BusyBox's (where --system is -S) /home/LOGIN.
        return login, None, uid
    return login, "/home/" + login, uid


# Options of usermod that take a value; the login is the last operand.
USERMOD_VALUES = frozenset(
    {"-c", "--comment", "-d", "--home", "-e", "--expiredate", "-f", "--inactive", "-g"}
    | {"--gid", "-G", "--groups", "-l", "--login", "-p", "--password", "-P", "--prefix"}
    | {"-R", "--root", "-s", "--shell", "-u", "--uid", "-Z", "--selinux-user"}
)


def moved_home(command: SimpleCommand) -> tuple[str | None, str | None] | None:
    """(login, new home) of a `usermod -d HOME LOGIN` (either None when not known);
    None for any other command."""
    if command.name != "usermod":
        return None
    operands: list[str | None] = []
    home: str | None = ""
    for name, value, _ in scan_options(command.args, USERMOD_VALUES):
        if not name:
            operands.append(value.value if value is not None else None)
        elif name in ("-d", "--home"):
            home = value.value if value is not None else None
        elif name in ("-l", "--login"):
            home = None  # renamed: what `~login` gives is no longer known
    if home == "":
        return None  # the home stays where it was
    return (operands[-1] if operands else None), home


def official_image_user_home(image: ImageRef, user: str) -> str | None:
    """The home of a user an official image creates (`node` or uid 1000 on `node:20`)."""
    name = official_image_name(image)
    return _OFFICIAL_IMAGE_USERS.get(name or "", {}).get(user)
