"""What known commands do to files: the model's command table.

`command_effects` returns the effects of one simple command, or None when the
command is not in the table (unknown effects); the handlers are in `file_commands`,
`downloads` and `package_effects`, and COPY/ADD in `copies`. Only certain facts are
recorded: an argument whose value is unknown, or a relative path in an unknown
directory, produces nothing. The queries rules ask about commands (cleanup, inert,
may write files the model cannot name) are here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .calls import Call, wrappers_of
from .downloads import DOWNLOAD_COMMANDS, curl_writes_files
from .file_commands import FILE_COMMANDS, sed_in_place, tee
from .fs import CREATED, DELETED, MODIFIED, Effect
from .package_effects import package_effects, partly_unknown, writes_where_it_runs
from .paths import CLEANUP_CATEGORIES
from .shell import MAX_SCRIPT_NESTING, inline_script, reads_script_from_stdin
from .system_commands import SYSTEM_COMMANDS

if TYPE_CHECKING:
    from ..nodes import Run
    from . import Model
    from .shell import SimpleCommand


# Handlers by command name.
_HANDLERS = {**FILE_COMMANDS, **DOWNLOAD_COMMANDS, **SYSTEM_COMMANDS}


_SHELLS_WITH_SCRIPTS = frozenset({"sh", "bash", "dash", "ash", "ksh", "zsh", "mksh"})


# Commands that change no files (or only files outside the image, like /dev/null).
_NO_EFFECT = frozenset(
    {
        "echo",
        "printf",
        "true",
        "false",
        ":",
        "set",
        "export",
        "cd",
        "pushd",
        "popd",
        "test",
        "[",
        "[[",
        "exit",
        "sleep",
        "which",
        "command",
        "type",
        "hash",
        "env",
        "printenv",
        "whoami",
        "id",
        "uname",
        "cat",
        "grep",
        "egrep",
        "fgrep",
        "head",
        "tail",
        "ls",
        "pwd",
        "wc",
        "cut",
        "tr",
        "sed",
        "basename",
        "dirname",
        "readlink",
        "realpath",
        "stat",
        "du",
        "df",
        "date",
        "sha256sum",
        "sha512sum",
        "sha1sum",
        "md5sum",
        "gpgv",
        "dpkg-query",
        "local",
        "declare",
        "readonly",
        "unset",
        "shift",
        "return",
        "trap",
        "umask",
        "ulimit",
        "wait",
        "seq",
        "xargs",
        "tee",
        "nproc",
        "getent",
        "read",
        "mapfile",
        "readarray",
        "shopt",
        "let",
        "alias",
        "unalias",
        "typeset",
        "getopts",
        "kill",
        "dirs",
        "break",
        "continue",
        "yes",
        "base64",
        "jq",
        "diff",
        "cmp",
        "getconf",
        "arch",
        "ldd",
        "locale",
        "tty",
        "hostname",
        "lsb_release",
        "nslookup",
        "ping",
    }
)


def redirect_effects(model: Model, run: Run, command: SimpleCommand) -> list[Effect]:
    """Files a command's redirections write (`> file` creates, `>> file` appends),
    whatever the command itself is."""
    call = Call(model, run, command)
    effects: list[Effect] = []
    for redirect in command.redirects:
        if redirect.target is None or not redirect.writes:
            continue
        value = redirect.target.value
        if value is None or value.startswith("/dev/") or value.isdigit():
            continue
        path = call.resolve(redirect.target)
        if path is not None:
            kind = MODIFIED if redirect.appends else CREATED
            effects.append(call.effect(kind, redirect.target, path))
    return effects


def command_effects(model: Model, run: Run, command: SimpleCommand) -> list[Effect] | None:
    """Effects of one certain command; None when its effects are unknown."""
    wrappers = wrappers_of(command) if len(command.words) != len(command.argv_words) else set()
    if "chroot" in wrappers:
        return None  # its paths are inside another root
    effects = redirect_effects(model, run, command) if command.redirects else []
    name = command.name
    if name is None:
        return effects if not command.words else None
    if "xargs" in wrappers and name not in _NO_EFFECT:
        return None  # its operands come from standard input
    handler = _HANDLERS.get(name)
    if handler is not None:
        found = handler(Call(model, run, command))
        if found is None:
            return None
        return effects + found
    packages = model.package_command(command)
    if packages is not None:
        return effects + package_effects(Call(model, run, command), packages)
    if name in _SHELLS_WITH_SCRIPTS:
        # `sh -c 'script'`: the script's commands are commands of this RUN too (the
        # walker parses them); the shell itself changes nothing. An unknown script or
        # a script file has unknown effects.
        script = inline_script(command)
        known = (
            script is not None and script.value is not None and command.nesting < MAX_SCRIPT_NESTING
        ) or (script is None and reads_heredoc_script(run, command))
        return effects if known else None
    if name in _NO_EFFECT:
        # sed -i (also in a cluster: `sed -ri`) and tee write files.
        if name == "sed":
            return effects + sed_in_place(Call(model, run, command))
        if name == "tee":
            return effects + tee(Call(model, run, command))
        return effects
    return None


# Package-manager actions that only clean: (manager, action) -> the operand that
# must follow, or "" when none is needed.
_CLEANUP_ACTIONS: dict[tuple[str, str], frozenset[str]] = {
    ("apt", "clean"): frozenset(),
    ("apt", "autoclean"): frozenset(),
    ("apt", "autoremove"): frozenset(),
    ("dnf", "clean"): frozenset(),
    ("dnf", "autoremove"): frozenset(),
    ("yum", "clean"): frozenset(),
    ("yum", "autoremove"): frozenset(),
    ("zypper", "clean"): frozenset(),
    ("apk", "cache"): frozenset({"clean", "purge"}),
    ("npm", "cache"): frozenset({"clean"}),
    ("yarn", "cache"): frozenset({"clean"}),
    ("pnpm", "store"): frozenset({"prune"}),
    ("pip", "cache"): frozenset({"purge", "remove"}),
    ("conda", "clean"): frozenset(),
    ("gem", "cleanup"): frozenset(),
    ("composer", "clear-cache"): frozenset(),
    ("composer", "clearcache"): frozenset(),
    ("composer", "cc"): frozenset(),
    ("go", "clean"): frozenset(),
    ("cargo", "clean"): frozenset(),
}


def is_cleanup_command(
    model: Model, command: SimpleCommand, effects: tuple[Effect, ...] | None
) -> bool:
    """Whether a command only cleans up: a package manager's clean, cache purge or
    autoremove, or a deletion of caches, package indexes, temporary files and docs.

    Removing a named package, a configuration file or anything else is not cleanup
    (it may be what the image needs).
    """
    invocation = model.package_command(command)
    if invocation is not None:
        operands = _CLEANUP_ACTIONS.get((invocation.manager, invocation.action))
        if operands is None:
            return False
        if invocation.manager == "go":
            return invocation.has("-cache", "-modcache")
        if not operands:
            return True
        return any((word.value or "") in operands for word in invocation.operands[:1])
    if not effects:
        return False
    return all(
        effect.kind == DELETED and not effect.is_package and effect.category in CLEANUP_CATEGORIES
        for effect in effects
    )


# Commands that certainly change no file when they have no redirection (readers,
# shell builtins); unlike _NO_EFFECT this leaves out sed, tee, xargs, eval, source
# and the like, whose effects depend on their arguments.
_INERT = _NO_EFFECT - frozenset(
    {
        "awk",
        "dpkg-query",
        "env",
        "gpgv",
        "ldconfig",
        "sed",
        "tee",
        "trap",
        "ulimit",
        "umask",
        "update-alternatives",
        "xargs",
    }
)


def reads_heredoc_script(run: Run, command: SimpleCommand) -> bool:
    """`RUN <<EOF bash`, `bash <<EOF`: a shell with no script operand that reads a
    heredoc of the RUN (the walker parses its body) or nothing (a RUN's stdin is
    empty), not a pipe (`curl ... | sh`) or a file."""
    if command.name not in _SHELLS_WITH_SCRIPTS or command.nesting >= MAX_SCRIPT_NESTING:
        return False
    if not reads_script_from_stdin(command):
        return False  # `-c`, a script file, or an unknown word
    if command.pipeline is not None and command.pipeline_length > 1 and command.pipeline_index:
        return False
    names = {heredoc.name for heredoc in run.heredocs}
    return all(
        redirect.operator != "<"
        or (redirect.target is not None and (redirect.target.value or "") in names)
        for redirect in command.redirects
    )


def is_inert_command(command: SimpleCommand, effects: tuple[Effect, ...] | None) -> bool:
    """Whether a command certainly changes no file (`echo done`, `ls -la /tmp`, `true`)."""
    if effects is None or effects:
        return False
    name = command.name
    return name in _INERT or (name in _SHELLS_WITH_SCRIPTS and inline_script(command) is not None)


# Commands that write files; when none of them is named (an unknown directory, a
# relative path without a known working directory, stdout) they went somewhere.
_WRITERS = frozenset({"tar", "unzip", "git", "curl", "wget", "cp", "mv", "ln", "install"})


def partly_unknown_effects(model: Model, command: SimpleCommand) -> bool:
    """Whether a package command does more than its known effects (see
    package_effects.partly_unknown): the layer lists it as unknown."""
    invocation = model.package_command(command)
    return invocation is not None and partly_unknown(invocation)


def may_write_unnamed_files(
    model: Model, command: SimpleCommand, effects: tuple[Effect, ...] | None
) -> bool:
    """Whether a command may have written files the model cannot name: a command of
    unknown effect, a package manager (node_modules, site-packages, vendor/, build
    outputs), or a writer whose destination is unknown."""
    if effects is None:
        return command.name not in _SYSTEM_ONLY_COMMANDS
    invocation = model.package_command(command)
    if invocation is not None:
        return not is_cleanup_command(model, command, effects) and writes_where_it_runs(invocation)
    if command.name == "curl" and not curl_writes_files(command):
        return False  # to standard output
    if command.name in _WRITERS:
        return not any(effect.kind == CREATED for effect in effects)
    return False


# Commands of unknown effect that change only the system's own files (/etc, /var, a
# new user's home), never an application's directory.
_SYSTEM_ONLY_COMMANDS = frozenset(
    {"useradd", "adduser", "groupadd", "addgroup", "usermod", "groupmod", "userdel"}
    | {"deluser", "delgroup", "chpasswd", "passwd", "chsh", "update-ca-certificates"}
    | {"locale-gen", "update-locale", "localedef", "dpkg-reconfigure", "apt-key", "apt-mark"}
    | {"add-apt-repository", "setcap", "systemctl", "service", "rc-update", "a2enmod"}
    | {"a2ensite", "a2dismod", "a2dissite", "visudo"}
)
