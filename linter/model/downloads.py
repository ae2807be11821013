"""Handlers of the command table for commands that fetch files: curl, wget and
git (clone)."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from .calls import Call, Handler, scan
from .fs import CREATED, MODIFIED, Effect
from .paths import URL, url_name

if TYPE_CHECKING:
    from .shell import ShellWord, SimpleCommand


CURL_VALUE_OPTIONS = frozenset(
    {
        "-o",
        "--output",
        "--output-dir",
        "--url",
        "-H",
        "--header",
        "-d",
        "--data",
        "--data-ascii",
        "--data-binary",
        "--data-raw",
        "--data-urlencode",
        "--json",
        "-F",
        "--form",
        "--form-string",
        "-u",
        "--user",
        "-U",
        "--proxy-user",
        "-X",
        "--request",
        "-A",
        "--user-agent",
        "-e",
        "--referer",
        "-m",
        "--max-time",
        "--connect-timeout",
        "--retry",
        "--retry-delay",
        "--retry-max-time",
        "-w",
        "--write-out",
        "-T",
        "--upload-file",
        "-D",
        "--dump-header",
        "-b",
        "--cookie",
        "-c",
        "--cookie-jar",
        "-x",
        "--proxy",
        "--noproxy",
        "--preproxy",
        "-E",
        "--cert",
        "--cert-type",
        "--cacert",
        "--capath",
        "--key",
        "--key-type",
        "--pass",
        "--pinnedpubkey",
        "--ciphers",
        "--tls-max",
        "-r",
        "--range",
        "-C",
        "--continue-at",
        "-Y",
        "--speed-limit",
        "-y",
        "--speed-time",
        "-z",
        "--time-cond",
        "--limit-rate",
        "--max-filesize",
        "--max-redirs",
        "--proto",
        "--proto-redir",
        "--proto-default",
        "-K",
        "--config",
        "--create-file-mode",
        "--resolve",
        "--connect-to",
        "--interface",
        "--dns-servers",
        "--unix-socket",
        "--abstract-unix-socket",
        "--oauth2-bearer",
        "--aws-sigv4",
        "-P",
        "--ftp-port",
        "-Q",
        "--quote",
        "-t",
        "--telnet-option",
        "--trace",
        "--trace-ascii",
        "--stderr",
        "--etag-save",
        "--etag-compare",
        "--libcurl",
        "--hsts",
        "--alt-svc",
        "--variable",
        "--url-query",
        "--proxy-header",
        "--request-target",
        "--local-port",
        "--keepalive-time",
        "--socks4",
        "--socks4a",
        "--socks5",
        "--socks5-hostname",
        "--proxy1.0",
        "--proxy-cacert",
        "--proxy-cert",
        "--proxy-key",
        "--crlfile",
        "--engine",
        "--mail-from",
        "--mail-rcpt",
        "--service-name",
        "--expect100-timeout",
        "--happy-eyeballs-timeout-ms",
        "--parallel-max",
        "--rate",
    }
)


# Files curl writes besides the downloads: headers, cookies, traces.
_CURL_SIDE_FILES = frozenset(
    {
        "-D",
        "--dump-header",
        "-c",
        "--cookie-jar",
        "--trace",
        "--trace-ascii",
        "--stderr",
        "--etag-save",
        "--libcurl",
    }
)


def _curl(call: Call) -> list[Effect]:
    """Downloads: the n-th `-o FILE` or `-O` is for the n-th URL (curl pairs them in
    order); a URL without one goes to standard output, unless `--remote-name-all`."""
    items = scan(call.args, CURL_VALUE_OPTIONS)
    names = {name for name, _ in items}
    outputs: list[ShellWord | None] = []  # per URL: its -o word, None for an -O
    urls: list[ShellWord] = []
    side_files: list[ShellWord] = []
    output_dir: ShellWord | None = None
    for name, word in items:
        if name in ("-o", "--output") and word is not None:
            outputs.append(word)
        elif name in ("-O", "--remote-name"):
            outputs.append(None)
        elif name == "--output-dir":
            output_dir = word
        elif name in _CURL_SIDE_FILES and word is not None:
            side_files.append(word)
        elif name in ("", "--url") and word is not None:
            urls.append(word)
    effects: list[Effect] = []
    for position, url in enumerate(urls):
        if position >= len(outputs) and "--remote-name-all" not in names:
            break  # to standard output
        output = outputs[position] if position < len(outputs) else None
        if output is not None:
            path = _written_file(call, output, output_dir)
            if path is not None:
                effects.append(call.effect(CREATED, output, path))
            continue
        directory = call.resolve(output_dir) if output_dir else call.command.cwd
        value = url.value or ""
        name = url_name(value) if URL.match(value) else None
        if directory is None:
            continue
        if names & {"-J", "--remote-header-name"}:
            # The server may name the file (Content-Disposition): its name is unknown.
            effects.append(call.effect(CREATED, url, directory, contents=True))
        elif name:
            effects.append(call.effect(CREATED, url, posixpath.join(directory, name)))
    for word in side_files:
        path = _written_file(call, word, None)
        if path is not None:
            effects.append(call.effect(CREATED, word, path))
    return effects


def curl_writes_files(command: SimpleCommand) -> bool:
    """Whether curl saves to files (`-o FILE`, `-O`), not only to standard output."""
    for name, word in scan(command.args, CURL_VALUE_OPTIONS):
        if name in ("-o", "--output") and (word is None or word.value != "-"):
            return True
        if name in ("-O", "--remote-name", "--remote-name-all"):
            return True
    return False


def _written_file(call: Call, word: ShellWord, directory: ShellWord | None) -> str | None:
    """The file an output option names (None for standard output, `/dev/...`, or an
    unknown path); a relative name is in `directory` when one is given."""
    value = word.value
    if value is None or value in ("", "-") or value.startswith("/dev/"):
        return None
    if directory is None or value.startswith(("/", "~")):
        return call.resolve(word)
    if directory.value is None or directory.value == "":
        return None
    return call.resolve_text(posixpath.join(directory.value, value))


_WGET_VALUE_OPTIONS = frozenset(
    {
        "-O",
        "--output-document",
        "-P",
        "--directory-prefix",
        "-o",
        "--output-file",
        "-a",
        "--append-output",
        "-i",
        "--input-file",
        "-B",
        "--base",
        "-e",
        "--execute",
        "-t",
        "--tries",
        "-T",
        "--timeout",
        "-w",
        "--wait",
        "-Q",
        "--quota",
        "-l",
        "--level",
        "-A",
        "--accept",
        "-R",
        "--reject",
        "-D",
        "--domains",
        "-X",
        "--exclude-directories",
        "-I",
        "--include-directories",
        "-U",
        "--user-agent",
        "-Y",
        "--header",
        "--user",
        "--password",
        "--http-user",
        "--http-password",
        "--proxy-user",
        "--proxy-password",
        "--ca-certificate",
        "--ca-directory",
        "--certificate",
        "--private-key",
        "--post-data",
        "--post-file",
        "--body-data",
        "--body-file",
        "--method",
        "--referer",
        "--load-cookies",
        "--save-cookies",
        "--limit-rate",
        "--waitretry",
        "--dns-timeout",
        "--connect-timeout",
        "--read-timeout",
        "--bind-address",
        "--config",
        "--progress",
        "--secure-protocol",
        "--restrict-file-names",
        "--cut-dirs",
        "--default-page",
        "--max-redirect",
        "--exclude-domains",
    }
)


# Options that save files under names wget picks (hosts, directories, the server's).
_WGET_UNKNOWN_NAMES = frozenset(
    {
        "-r",
        "--recursive",
        "-m",
        "--mirror",
        "-p",
        "--page-requisites",
        "-x",
        "--force-directories",
        "-i",
        "--input-file",
        "--content-disposition",
        "--trust-server-names",
    }
)


def _wget(call: Call) -> list[Effect]:
    """Downloads: into `-O FILE` (`-` is standard output), else by the URL's name in
    the `-P` directory or the working directory. `-n` options (`-nv`, `-nc`) take
    no value, so a cluster like `-nvO FILE` is read letter by letter."""
    items = scan(call.args, _WGET_VALUE_OPTIONS)
    names = {name for name, _ in items}
    output: ShellWord | None = None
    prefix: ShellWord | None = None
    urls: list[ShellWord] = []
    effects: list[Effect] = []
    for name, word in items:
        if word is None:
            continue
        if name in ("-O", "--output-document"):
            output = word
        elif name in ("-P", "--directory-prefix"):
            prefix = word
        elif name in ("-o", "--output-file", "-a", "--append-output"):
            path = _written_file(call, word, None)
            kind = MODIFIED if name in ("-a", "--append-output") else CREATED
            if path is not None:
                effects.append(call.effect(kind, word, path))  # the log
        elif name == "" and URL.match(word.value or ""):
            urls.append(word)
    if output is not None:
        path = _written_file(call, output, None)
        return effects + ([call.effect(CREATED, output, path)] if path else [])
    directory = call.resolve(prefix) if prefix is not None else call.command.cwd
    if directory is None:
        return effects
    if names & _WGET_UNKNOWN_NAMES:
        evidence = prefix or (urls[0] if urls else call.words[0])
        return [*effects, call.effect(CREATED, evidence, directory, contents=True)]
    for word in urls:
        name = url_name(word.value or "", "wget")
        if name:
            effects.append(call.effect(CREATED, word, posixpath.join(directory, name)))
    return effects


_GIT_GLOBAL_VALUE_OPTIONS = frozenset(
    {"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env", "--attr-source"}
)


_GIT_CLONE_VALUE_OPTIONS = frozenset(
    {
        "-b",
        "--branch",
        "--depth",
        "-o",
        "--origin",
        "-c",
        "--config",
        "--reference",
        "--reference-if-able",
        "--filter",
        "-j",
        "--jobs",
        "--shallow-since",
        "--shallow-exclude",
        "-u",
        "--upload-pack",
        "--separate-git-dir",
        "--template",
        "--server-option",
        "--bundle-uri",
        "--ref-format",
        "--revision",
    }
)


def _git(call: Call) -> list[Effect] | None:
    """`git clone`; git's own options come before the subcommand, and `-C DIR` runs
    it in DIR (several `-C` add up: a relative one is inside the one before)."""
    args = call.args
    directory = call.command.cwd
    index = 0
    while index < len(args):
        value = args[index].value
        if value is None:
            return None  # the subcommand, or an option that may hide it
        if not value.startswith("-"):
            break
        name = value.split("=", 1)[0]
        if name in _GIT_GLOBAL_VALUE_OPTIONS and "=" not in value:
            index += 1
            if name == "-C" and index < len(args):
                directory = _git_directory(call, directory, args[index].value)
        index += 1
    if index >= len(args):
        return [] if args else None
    if args[index].value in _GIT_READ_ONLY:
        return []
    if args[index].value != "clone":
        return None  # checkout, pull, submodule, config ...: they write what git decides
    operands: list[ShellWord] = []
    flags: set[str] = set()
    index += 1
    while index < len(args):
        value = args[index].value
        if value is None:
            return []
        if value in _GIT_CLONE_VALUE_OPTIONS:
            index += 2
            continue
        if value.startswith("-"):
            flags.add(value)
        else:
            operands.append(args[index])
        index += 1
    if not operands:
        return []
    if len(operands) >= 2:
        target = operands[1].value or ""
        evidence = operands[1]
    else:
        target = _clone_name(operands[0].value or "", bool(flags & {"--bare", "--mirror"}))
        evidence = operands[0]
    path = _git_directory(call, directory, target) if target else None
    if not path:
        return []
    return [
        *call.made_directory(evidence, path),
        call.effect(CREATED, evidence, path, contents=True),
    ]


# git subcommands that only read.
_GIT_READ_ONLY = frozenset(
    {"rev-parse", "log", "describe", "status", "show", "ls-files", "ls-remote", "diff"}
    | {"version", "help", "rev-list", "cat-file", "shortlog", "blame"}
)


def _git_directory(call: Call, directory: str | None, value: str | None) -> str | None:
    """A path as git run in `directory` sees it (None when unknown)."""
    if value is None:
        return None
    if value == "":
        return directory  # `-C ""` stays where it is
    if value.startswith(("/", "~")):
        return call.resolve_text(value)
    return call.resolve_text(posixpath.join(directory, value)) if directory else None


def _clone_name(url: str, bare: bool) -> str:
    """The directory `git clone URL` makes: the last part of the URL without `.git`
    (`git@host:repo.git` too), with `.git` for a bare clone."""
    path = url.rstrip("/")
    if path.endswith("/.git"):
        path = path[: -len("/.git")]
    name = re.split(r"[/:]", path)[-1]
    if name.endswith(".git"):
        name = name[: -len(".git")]
    elif name.endswith(".bundle"):
        name = name[: -len(".bundle")]
    return name + ".git" if bare and name else name


DOWNLOAD_COMMANDS: dict[str, Handler] = {"curl": _curl, "wget": _wget, "git": _git}
