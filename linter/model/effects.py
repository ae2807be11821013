"""What known commands and COPY/ADD do to files: the model's command table.

`command_effects` returns the effects of one simple command, or None when the
command is not in the table (unknown effects). `copy_effects` does the same for COPY
and ADD. Only certain facts are recorded: an argument whose value is unknown, or a
relative path in an unknown directory, produces nothing.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..findings import Span
from ..lazy_re import lazy_compile
from ..nodes import Add, Copy, Run
from ..words import parse_heredoc_marker
from .fs import CREATED, DELETED, MODIFIED, PACKAGE_PREFIX, Effect
from .images import official_image_directories
from .shell import MAX_SCRIPT_NESTING, inline_script, scan_options

if TYPE_CHECKING:
    from . import Model, Stage
    from .packages import PackageCommand
    from .shell import ShellWord, SimpleCommand

Handler = Callable[["_Call"], "list[Effect] | None"]

_URL = lazy_compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")
_ARCHIVE = lazy_compile(
    r"\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma)\Z", re.I
)
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
# Single-file compression that may hold a tar archive (ADD unpacks it when it does).
_COMPRESSED = lazy_compile(r"\.(gz|bz2|xz|zst|lz|lzma)\Z", re.I)


def is_tar_archive_name(name: str) -> bool:
    """Whether a file name is that of a tar archive, which ADD unpacks."""
    return _ARCHIVE.search(name) is not None


def may_be_tar_archive_name(name: str) -> bool:
    """A tar archive, or a compressed file that may be one (`.gz`, `.xz` ...)."""
    return is_tar_archive_name(name) or _COMPRESSED.search(name) is not None


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


def _wrappers(command: SimpleCommand) -> set[str]:
    """Programs a command runs through (`sudo -u` when sudo switches user)."""
    count = len(command.words) - len(command.argv_words)
    found: set[str] = set()
    for word in command.words[:count]:
        value = word.value or ""
        name = posixpath.basename(value)
        if name in ("gosu", "su-exec", "chroot", "sudo", "xargs"):
            found.add(name)
        elif value in ("-u", "--user") or value.startswith("--user="):
            found.add("sudo -u")
    return found


class _Call:
    """One simple command with the helpers handlers need."""

    def __init__(self, model: Model, run: Run, command: SimpleCommand) -> None:
        self.model = model
        self.run = run
        self.command = command
        self.words = command.argv_words
        wrappers = _wrappers(command)
        switches_user = bool(wrappers & {"gosu", "su-exec", "sudo -u"})
        if switches_user:
            # `gosu node npm ...` runs with node's home, unknown unless set on the command.
            explicit = [word for key, word in command.assignments if key == "HOME"]
            self.home = explicit[-1].value if explicit and explicit[-1] is not None else None
        else:
            self.home = command.env("HOME") or model.home_at(run)

    @property
    def args(self) -> tuple[ShellWord, ...]:
        return self.words[1:]

    def describe(self) -> str:
        text = " ".join(word.text for word in self.words)
        return text if len(text) <= 80 else text[:77] + "..."

    def resolve(self, word: ShellWord) -> str | None:
        """Absolute, normalised path of an argument (None when unknown)."""
        value = word.value
        if value is None or value == "":
            return None
        return self.resolve_text(value)

    def resolve_text(self, value: str) -> str | None:
        # `~` is the shell's to expand (unquoted, at a word's start); here it is a name.
        if not value.startswith("/"):
            if self.command.cwd is None:
                return None
            value = posixpath.join(self.command.cwd, value)
        trailing = value.endswith("/") and len(value) > 1
        normal = posixpath.normpath(value)
        if normal.startswith("//"):
            normal = "/" + normal.lstrip("/")
        return normal + ("/" if trailing and not normal.endswith("/") else "")

    def effect(self, kind: str, word: ShellWord, path: str, **details: object) -> Effect:
        clean = path.rstrip("/") or "/"
        return Effect(
            kind, clean, word, self.describe, home=self.home, action=self.command.name, **details
        )  # type: ignore[arg-type]

    def effect_at(self, kind: str, path: str, **details: object) -> Effect:
        """An effect whose evidence is the whole command (package managers)."""
        clean = path.rstrip("/") or "/"
        return Effect(
            kind,
            clean,
            self.command,
            self.describe,
            home=self.home,
            action=self.command.name,
            **details,
        )  # type: ignore[arg-type]


def _options(
    words: tuple[ShellWord, ...], with_values: frozenset[str] = frozenset()
) -> tuple[set[str], list[ShellWord], dict[str, ShellWord]]:
    """Split arguments into option letters/names, operands and option values."""
    flags: set[str] = set()
    operands: list[ShellWord] = []
    values: dict[str, ShellWord] = {}
    for name, word in _scan(words, with_values):
        if not name:
            operands.append(word)
            continue
        flags.add(name)
        if word is not None:
            values[name] = word
    return flags, operands, values


def _scan(
    words: tuple[ShellWord, ...],
    with_values: frozenset[str] = frozenset(),
    attached_only: frozenset[str] = frozenset(),
) -> list[tuple[str, ShellWord | None]]:
    """Arguments in order, as getopt reads them (see `shell.scan_options`): `(name,
    None)` for a flag, `(name, value)` for an option with its value, `("", word)` for
    an operand."""
    return [(name, value) for name, value, _ in scan_options(words, with_values, attached_only)]


# ---------------------------------------------------------------------------
# File commands


def _rm(call: _Call) -> list[Effect]:
    flags, operands, _ = _options(call.args)
    recursive = bool(flags & {"-r", "-R", "--recursive"})
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is None:
            continue
        effects.append(call.effect(DELETED, word, path, recursive=recursive, pattern=word.glob))
    return effects


def _rmdir(call: _Call) -> list[Effect]:
    _, operands, _ = _options(call.args)
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None:
            effects.append(call.effect(DELETED, word, path, pattern=word.glob))
    return effects


def _mkdir(call: _Call) -> list[Effect]:
    _, operands, _ = _options(call.args, frozenset({"-m", "--mode", "--context"}))
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None and not word.glob:
            effects.append(call.effect(CREATED, word, path))
    return effects


_TOUCH_VALUE_OPTIONS = frozenset({"-d", "-r", "-t", "--date", "--reference", "--time"})


def _touch(call: _Call) -> list[Effect]:
    flags, operands, _ = _options(call.args, _TOUCH_VALUE_OPTIONS)
    # `touch -c` creates nothing: it only changes the times of a file that exists.
    kind = MODIFIED if flags & {"-c", "--no-create"} else CREATED
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None and not word.glob:
            effects.append(call.effect(kind, word, path))
    return effects


_TARGET_OPTIONS = frozenset({"-t", "--target-directory", "-S", "--suffix"})


def _destination(call: _Call, operands: list[ShellWord]) -> tuple[str | None, bool]:
    """Target of cp/mv/ln: (path, is_directory). A directory: written with a trailing
    slash, the target of several sources, a standard directory, the working
    directory, or a directory that `mkdir` makes in the same RUN (`mkdir -p /out &&
    mv app /out`)."""
    target = call.resolve(operands[-1])
    if target is None:
        return None, False
    path = target.rstrip("/") or "/"
    is_directory = (
        target.endswith("/")
        or len(operands) > 2
        or path == call.command.cwd
        or path in _made_directories(call.model, call.run)
        or (existing_directory(call.model, call.run, path) and not _removed_before(call, path))
    )
    return path, is_directory


def _removed_before(call: _Call, path: str) -> bool:
    """Whether rm or rmdir removes `path` earlier in the same RUN (`rmdir /var/www/html;
    ln -s /opt/app/web /var/www/html` makes a link, not a file inside a directory)."""
    for command in call.model.commands(call.run):
        if command is call.command:
            return False
        if command.name in ("rm", "rmdir"):
            handler = _rm if command.name == "rm" else _rmdir
            for effect in handler(_Call(call.model, call.run, command)):
                if effect.path == path or path.startswith(effect.path.rstrip("/") + "/"):
                    return True
    return False


def _made_directories(model: Model, run: Run) -> frozenset[str]:
    """Paths that `mkdir` creates anywhere in a RUN (computed once per RUN)."""

    def compute() -> frozenset[str]:
        made: set[str] = set()
        for command in model.commands(run):
            if command.name == "mkdir" and command.certain:
                for effect in _mkdir(_Call(model, run, command)):
                    made.add(effect.path)
        return frozenset(made)

    return model.memo(("made-directories", id(run)), compute)


def existing_directory(model: Model, node: Run | Copy | Add, path: str) -> bool:
    """Whether `path` is surely a directory when `node` runs: a standard directory of
    a Linux base image (none on `scratch`), one its official base image makes
    (`golang`'s /go/bin), or one an earlier WORKDIR or mkdir made."""
    stage = model.stage_of(node)
    image = stage.root_image if stage is not None else None
    on_scratch = image is not None and image.is_scratch
    if not on_scratch and (
        path in _EXISTING_DIRECTORIES or path in official_image_directories(image)
    ):
        return True
    return is_directory_before(model, node, path)


def is_directory_before(model: Model, node: Run | Copy | Add, path: str) -> bool:
    """Whether an earlier instruction of the node's stage, or of the stages it is built
    FROM, surely made `path` a directory: a WORKDIR, or a `mkdir` (with its parents)."""
    stage = model.stage_of(node)
    if stage is None:
        return False
    positions, index_of = _directory_positions(model, stage)
    return positions.get(path, len(stage.instructions)) <= index_of.get(id(node), -1)


def _directory_positions(model: Model, stage: Stage) -> tuple[dict[str, int], dict[int, int]]:
    """(directory -> index of the first instruction that sees it, id(instruction) ->
    index), built once per stage so that each question is a lookup."""

    def compute() -> tuple[dict[str, int], dict[int, int]]:
        positions: dict[str, int] = {}
        if stage.base_stage is not None and stage.base_stage.index < stage.index:
            positions = dict.fromkeys(_directory_positions(model, stage.base_stage)[0], -1)
        index_of: dict[int, int] = {}
        for index, instruction in enumerate(stage.instructions):
            index_of[id(instruction)] = index
            workdir = model.state_at(instruction).workdir  # WORKDIR creates it
            if workdir is not None:
                positions.setdefault(workdir, index)
            if isinstance(instruction, Run):
                for made in _made_directories(model, instruction):
                    while made not in ("/", ""):
                        positions.setdefault(made, index + 1)
                        made = posixpath.dirname(made)
        return positions, index_of

    return model.memo(("directory-positions", id(stage)), compute)


def _copy_like(call: _Call, move: bool) -> list[Effect]:
    """cp and mv. A directory copied with -r/-a, or anything moved, arrives with what
    is inside it; `SRC/.` and a glob put their files into the target itself."""
    flags, operands, values = _options(call.args, _TARGET_OPTIONS)
    recursive = move or bool(flags & {"-r", "-R", "-a", "--recursive", "--archive"})
    target_word = values.get("-t") or values.get("--target-directory")
    if target_word is not None:
        target = call.resolve(target_word)
        sources = operands
        is_directory = True
    else:
        if len(operands) < 2:
            return []
        target, is_directory = _destination(call, operands)
        sources = operands[:-1]
        target_word = operands[-1]
    effects: list[Effect] = []
    for word in sources:
        source = call.resolve(word)
        if move and source is not None:
            effects.append(call.effect(DELETED, word, source, recursive=True, pattern=word.glob))
        if target is None:
            continue
        value = word.value or ""
        into_target = value == "." or value.endswith("/.") or (word.glob and is_directory)
        if into_target:
            if recursive or word.glob:
                effects.append(call.effect(CREATED, target_word, target, contents=True))
            continue
        if is_directory and source is None:
            continue
        path = (
            posixpath.join(target, posixpath.basename(source))
            if source and is_directory
            else target
        )
        # A file or a whole directory, as with COPY: what lies below it came with it
        # (unless the source is by its name a file).
        tree = recursive and not (source is not None and names_a_file(source))
        effects.append(call.effect(CREATED, target_word, path, copied=tree))
    return effects


def _cp(call: _Call) -> list[Effect]:
    return _copy_like(call, move=False)


def _mv(call: _Call) -> list[Effect]:
    return _copy_like(call, move=True)


def _ln(call: _Call) -> list[Effect]:
    flags, operands, values = _options(call.args, _TARGET_OPTIONS)
    directory_word = values.get("-t") or values.get("--target-directory")
    if directory_word is not None:
        directory = call.resolve(directory_word)
        sources = operands
    elif len(operands) == 1:
        # `ln -s /opt/tool/bin/tool`: the link is made in the working directory.
        directory, directory_word = call.command.cwd, operands[0]
        sources = operands
    elif operands:
        target, is_directory = _destination(call, operands)
        if target is None:
            return []
        if not is_directory or flags & {"-T", "--no-target-directory"}:
            return [call.effect(CREATED, operands[-1], target)]
        directory, directory_word = target, operands[-1]
        sources = operands[:-1]
    else:
        return []
    if directory is None:
        return []
    effects = []
    for word in sources:
        name = posixpath.basename((word.value or "").rstrip("/"))
        if name not in ("", ".", "..") and not word.glob:
            effects.append(call.effect(CREATED, directory_word, posixpath.join(directory, name)))
    return effects


# `chmod -x f`, `chmod -R -rwx dir`: a symbolic mode that looks like an option.
_DASH_MODE = lazy_compile(r"-[rwxXst]+(,[ugoa]*[-+=][rwxXstugo]*)*\Z")


def _permissions(call: _Call) -> list[Effect]:
    words = call.args
    dash_mode = False
    if call.command.name == "chmod":
        # GNU chmod takes such a word for the mode; every operand is then a file.
        for position, word in enumerate(words):
            if word.value == "--":
                break
            if _DASH_MODE.match(word.value or ""):
                words = words[:position] + words[position + 1 :]
                dash_mode = True
                break
    flags, operands, _ = _options(words, frozenset({"--reference", "--from"}))
    recursive = bool(flags & {"-R", "--recursive"})
    has_reference = "--reference" in flags
    paths = operands if has_reference or dash_mode else operands[1:]
    effects = []
    for word in paths:
        path = call.resolve(word)
        if path is not None:
            effect = call.effect(MODIFIED, word, path, recursive=recursive, pattern=word.glob)
            effects.append(effect)
    return effects


_TAR_VALUE_OPTIONS = frozenset(
    {
        "-f",
        "--file",
        "-C",
        "--directory",
        "-T",
        "--files-from",
        "-X",
        "--exclude-from",
        "--exclude",
        "--strip-components",
        "-I",
        "--use-compress-program",
        "--transform",
        "--owner",
        "--group",
        "--mode",
        "--to-command",
        "-b",
        "--blocking-factor",
        "-H",
        "--format",
        "-K",
        "--starting-file",
        "-N",
        "--newer",
        "-V",
        "--label",
        "-g",
        "--listed-incremental",
    }
)


def _tar(call: _Call) -> list[Effect]:
    args = call.args
    if not args or args[0].value is None:
        return []
    words = list(args)
    first = words[0].value or ""
    old_values: dict[str, ShellWord] = {}
    mode_letters = ""
    if not first.startswith("-"):
        # `tar xzfC a.tgz /opt`: old-style letters; their values follow in order.
        mode_letters = first
        words = words[1:]
        for letter in mode_letters:
            if "-" + letter in _TAR_VALUE_OPTIONS and words:
                old_values["-" + letter] = words.pop(0)
    flags, _, values = _options(tuple(words), _TAR_VALUE_OPTIONS)
    flags |= {"-" + letter for letter in mode_letters}
    values = {**old_values, **values}
    archive_word = values.get("-f") or values.get("--file")
    if flags & {"-x", "--extract", "--get"}:
        if flags & {"-O", "--to-stdout", "--to-command"}:
            return []  # members go to standard output or a program, not to files
        # -C and --directory say where members land; they do not move the archive.
        directory_word = values.get("-C") or values.get("--directory")
        if directory_word is not None:
            directory = call.resolve(directory_word)
            evidence = directory_word
        else:
            directory = call.command.cwd
            evidence = archive_word or call.words[0]
        if directory is None:
            return []
        return [call.effect(CREATED, evidence, directory, contents=True)]
    if archive_word is None or archive_word.value in ("-", None):
        return []
    path = call.resolve(archive_word)
    if path is None or path.startswith("/dev/"):
        return []
    if flags & {"-c", "--create"}:
        return [call.effect(CREATED, archive_word, path)]
    if flags & {"-r", "--append", "-u", "--update", "-A", "--catenate", "--concatenate"}:
        return [call.effect(MODIFIED, archive_word, path)]
    if "--delete" in flags:
        return [call.effect(MODIFIED, archive_word, path)]
    return []


def _unzip(call: _Call) -> list[Effect]:
    _, operands, values = _options(call.args, frozenset({"-d", "-x", "-P"}))
    directory_word = values.get("-d")
    if directory_word is not None:
        directory = call.resolve(directory_word)
        evidence = directory_word
    else:
        directory = call.command.cwd
        evidence = operands[0] if operands else call.words[0]
    if directory is None or not operands:
        return []
    return [call.effect(CREATED, evidence, directory, contents=True)]


def _url_name(url: str) -> str | None:
    path = url.split("?", 1)[0].split("#", 1)[0]
    name = posixpath.basename(path.rstrip("/")) if "://" in path else posixpath.basename(path)
    if "://" in path and path.count("/") < 3:
        return None
    return name or None


_CURL_VALUE_OPTIONS = frozenset(
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


def _curl(call: _Call) -> list[Effect]:
    """Downloads: the n-th `-o FILE` or `-O` is for the n-th URL (curl pairs them in
    order); a URL without one goes to standard output, unless `--remote-name-all`."""
    items = _scan(call.args, _CURL_VALUE_OPTIONS)
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
        name = _url_name(value) if _URL.match(value) else None
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


def _written_file(call: _Call, word: ShellWord, directory: ShellWord | None) -> str | None:
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


def _wget(call: _Call) -> list[Effect]:
    """Downloads: into `-O FILE` (`-` is standard output), else by the URL's name in
    the `-P` directory or the working directory. `-n` options (`-nv`, `-nc`) take
    no value, so a cluster like `-nvO FILE` is read letter by letter."""
    items = _scan(call.args, _WGET_VALUE_OPTIONS)
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
        elif name == "" and _URL.match(word.value or ""):
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
        name = _url_name(word.value or "")
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


def _git(call: _Call) -> list[Effect] | None:
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
    return [call.effect(CREATED, evidence, path, contents=True)] if path else []


# git subcommands that only read.
_GIT_READ_ONLY = frozenset(
    {"rev-parse", "log", "describe", "status", "show", "ls-files", "ls-remote", "diff"}
    | {"version", "help", "rev-list", "cat-file", "shortlog", "blame"}
)


def _git_directory(call: _Call, directory: str | None, value: str | None) -> str | None:
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


_FIND_TESTS = {
    "-name": 1,
    "-iname": 1,
    "-type": 1,
    "-mindepth": 1,
    "-maxdepth": 1,
    "-depth": 0,
    "-xdev": 0,
    "-mount": 0,
    "-print": 0,
    "-print0": 0,
    "-delete": 0,
}
# Actions that write or run something the model does not follow.
_FIND_OPAQUE_ACTIONS = frozenset(
    {"-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fprint0", "-fprintf", "-fls"}
)


def _find(call: _Call) -> list[Effect] | None:
    """`find ROOT ... -delete` (or `-exec rm`): what it deletes, when the expression
    is simple enough to know (None when it is not, or runs other commands)."""
    args = call.args
    start = 0
    while start < len(args) and (args[start].value or "") in ("-H", "-L", "-P"):
        start += 1
    roots: list[ShellWord] = []
    index = start
    while index < len(args) and not (args[index].value or "-").startswith(("-", "(", "!")):
        roots.append(args[index])
        index += 1
    expression = [word.value for word in args[index:]]
    if any(value is None for value in expression):
        return None
    values = [value for value in expression if value is not None]
    exec_at = next((at for at, value in enumerate(values) if value in _FIND_OPAQUE_ACTIONS), None)
    if exec_at is not None:
        runs = values[exec_at + 1 : exec_at + 2]
        if values[exec_at] not in ("-exec", "-execdir") or runs not in (["rm"], ["/bin/rm"]):
            return None  # runs or writes something else: its effects are unknown
        values = [*values[:exec_at], "-delete"]
    if "-delete" not in values:
        return []  # only reads
    name_filter: str | None = None
    contents = False
    position = 0
    while position < len(values):
        value = values[position]
        arity = _FIND_TESTS.get(value)
        if arity is None or position + arity >= len(values):
            return None  # -o, !, -path, -mtime ...: which files go is not known
        if value in ("-name", "-iname"):
            if name_filter is not None:
                return None
            name_filter = values[position + 1]
        elif value == "-type" or (value == "-mindepth" and values[position + 1] != "0"):
            contents = True  # the root itself stays
        position += 1 + arity
    effects = []
    for word in roots or ():
        root = call.resolve(word)
        if root is None:
            continue
        if name_filter is not None:
            effects.append(
                call.effect(DELETED, word, root, name_filter=name_filter, recursive=True)
            )
        else:
            effects.append(call.effect(DELETED, word, root, recursive=True, contents=contents))
    return effects


# dpkg options that only read (`dpkg --print-architecture`); others install or remove.
_DPKG_QUERIES = frozenset(
    {
        "--print-architecture",
        "--print-foreign-architectures",
        "-l",
        "--list",
        "-L",
        "--listfiles",
        "-s",
        "--status",
        "-S",
        "--search",
        "--compare-versions",
        "--get-selections",
        "--version",
        "--help",
        "-c",
        "--contents",
        "-I",
        "--info",
        "--verify",
        "-V",
    }
)


def _dpkg(call: _Call) -> list[Effect] | None:
    first = call.args[0].value if call.args else None
    return [] if first in _DPKG_QUERIES else None


_FILE_COMMANDS: dict[str, Handler] = {
    "rm": _rm,
    "rmdir": _rmdir,
    "unlink": _rmdir,
    "mkdir": _mkdir,
    "touch": _touch,
    "cp": _cp,
    "mv": _mv,
    "ln": _ln,
    "chmod": _permissions,
    "chown": _permissions,
    "chgrp": _permissions,
    "tar": _tar,
    "unzip": _unzip,
    "curl": _curl,
    "wget": _wget,
    "git": _git,
    "find": _find,
    "dpkg": _dpkg,
}

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
        "sort",
        "uniq",
        "cut",
        "tr",
        "awk",
        "sed",
        "basename",
        "dirname",
        "readlink",
        "realpath",
        "stat",
        "file",
        "du",
        "df",
        "date",
        "sha256sum",
        "sha512sum",
        "sha1sum",
        "md5sum",
        "gpg",
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
        "update-alternatives",
        "ldconfig",
    }
)
# `eval`, `source` and `.` run code layerlint does not see: their effects are unknown.


def redirect_effects(model: Model, run: Run, command: SimpleCommand) -> list[Effect]:
    """Files a command's redirections write (`> file` creates, `>> file` appends),
    whatever the command itself is."""
    call = _Call(model, run, command)
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
    wrappers = _wrappers(command) if len(command.words) != len(command.argv_words) else set()
    if "chroot" in wrappers:
        return None  # its paths are inside another root
    effects = redirect_effects(model, run, command) if command.redirects else []
    name = command.name
    if name is None:
        return effects if not command.words else None
    if "xargs" in wrappers and name not in _NO_EFFECT:
        return None  # its operands come from standard input
    handler = _FILE_COMMANDS.get(name)
    if handler is not None:
        found = handler(_Call(model, run, command))
        if found is None:
            return None
        return effects + found
    packages = model.package_command(command)
    if packages is not None:
        return effects + _package_effects(_Call(model, run, command), packages)
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
            return effects + _in_place(_Call(model, run, command))
        if name == "tee":
            return effects + _tee(_Call(model, run, command))
        return effects
    return None


_SED_VALUE_OPTIONS = frozenset({"-e", "--expression", "-f", "--file", "-l", "--line-length"})


def _in_place(call: _Call) -> list[Effect]:
    """Files `sed -i` edits: its operands, but for the first when it is the script
    (no `-e` or `-f` gives one). `-i.bak` and `--in-place=.bak` carry a suffix,
    never the next word."""
    items = _scan(call.args, _SED_VALUE_OPTIONS, frozenset({"-i", "--in-place"}))
    names = {name for name, _ in items}
    if not names & {"-i", "--in-place"}:
        return []
    operands = [word for name, word in items if not name and word is not None]
    if not names & {"-e", "--expression", "-f", "--file"}:
        operands = operands[1:]
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None:
            effects.append(call.effect(MODIFIED, word, path, pattern=word.glob))
    return effects


def _tee(call: _Call) -> list[Effect]:
    flags, operands, _ = _options(call.args)
    kind = MODIFIED if flags & {"-a", "--append"} else CREATED
    effects = []
    for word in operands:
        path = call.resolve(word)
        if path is not None and not path.startswith("/dev/"):
            effects.append(call.effect(kind, word, path))
    return effects


# ---------------------------------------------------------------------------
# Package managers


def _package_effects(call: _Call, invocation: object) -> list[Effect]:
    from .packages import PackageCommand

    assert isinstance(invocation, PackageCommand)
    effects: list[Effect] = []
    for path, category in invocation.cache_paths(call.command, call.home):
        resolved = call.resolve_text(path)
        if resolved is not None:
            effects.append(call.effect_at(CREATED, resolved, contents=True, category=category))
    for path, category in invocation.cleaned_paths(call.command, call.home):
        resolved = call.resolve_text(path)
        if resolved is not None:
            effects.append(
                call.effect_at(DELETED, resolved, contents=True, recursive=True, category=category)
            )
    built = _go_build_output(invocation)
    if built is not None:
        resolved = call.resolve_text(built)
        if resolved is not None:
            effects.append(_go_build_effect(call, invocation, built, resolved))
    modules = _node_modules(invocation)
    if modules is not None:
        # npm ci / npm install / yarn / pnpm install write the project's node_modules.
        resolved = call.resolve_text(modules)
        if resolved is not None:
            effects.append(call.effect_at(CREATED, resolved, contents=True))
    programs = _program_directory(invocation, call.command, call.home)
    if programs is not None:
        # `go install` and `cargo install` put programs of unknown names there.
        resolved = call.resolve_text(programs)
        if resolved is not None:
            effects.append(call.effect_at(CREATED, resolved, contents=True))
    output = _project_output(invocation, call.command)
    if output is not None:
        # cargo's target/ and composer's vendor/: files of names the model cannot know.
        resolved = call.resolve_text(output)
        if resolved is not None:
            effects.append(call.effect_at(CREATED, resolved, contents=True))
    # A package named by an unknown variable (`apk add $PHPIZE_DEPS`) is not named.
    for package in invocation.installed:
        if not package.known:
            continue
        effects.append(
            Effect(
                CREATED,
                f"{PACKAGE_PREFIX}{invocation.manager}:{package.name}",
                package.word,
                call.describe,
                category="package",
                action=call.command.name,
            )
        )
    for package in invocation.removed:
        if not package.known:
            continue
        effects.append(
            Effect(
                DELETED,
                f"{PACKAGE_PREFIX}{invocation.manager}:{package.name}",
                package.word,
                call.describe,
                category="package",
                action=call.command.name,
            )
        )
    return effects


def _go_build_effect(call: _Call, invocation: PackageCommand, built: str, resolved: str) -> Effect:
    """`go build -o FILE` writes FILE; `-o DIR/` or `-o` an existing directory writes
    into it, a program named after its package (`./cmd/tool` -> DIR/tool)."""
    path = resolved.rstrip("/") or "/"
    into = (
        built.endswith("/")
        or path == call.command.cwd
        or path in _made_directories(call.model, call.run)
        or existing_directory(call.model, call.run, path)
    )
    if not into:
        return call.effect_at(CREATED, resolved)
    packages = [operand.value for operand in invocation.operands if operand.value]
    name = posixpath.basename(packages[0].rstrip("/")) if len(packages) == 1 else ""
    if name and name not in (".", "..") and "..." not in name:
        return call.effect_at(CREATED, posixpath.join(path, name))
    return call.effect_at(CREATED, path, contents=True)  # named after the module


def _go_build_output(invocation: PackageCommand) -> str | None:
    """The `-o` path of `go build` (None without one, or when not known); `-C DIR`
    builds in DIR, so a relative `-o` is inside it."""
    if invocation.manager != "go" or invocation.action != "build":
        return None
    outputs = invocation.option_values.get("-o", [])
    if not outputs or not _known_text(outputs[-1]) or outputs[-1] == "/dev/null":
        return None
    directories = invocation.option_values.get("-C", [])
    if invocation.has("-C"):
        if not directories or not _known_text(directories[-1]):
            return None
        return posixpath.join(directories[-1], outputs[-1])
    return outputs[-1]


def _known_text(text: str) -> bool:
    """Whether a package option's text has no unknown part (it keeps `$X` as written)."""
    return text != "" and "$" not in text and "`" not in text


def _fills_node_modules(invocation: PackageCommand) -> bool:
    """A local install of a JavaScript package manager (not `-g`)."""
    if invocation.manager not in ("npm", "yarn", "pnpm"):
        return False
    if invocation.action not in ("install", "ci", "add", "update"):
        return False
    return not invocation.has("-g", "--global", "--location")


def _node_modules(invocation: PackageCommand) -> str | None:
    """The node_modules a local install fills: the project's, or the one of the
    directory `--prefix`, `-C` (npm's prefix, pnpm's dir), `--cwd` or `--dir` name,
    or `--modules-folder` / `--modules-dir` itself."""
    if not _fills_node_modules(invocation):
        return None
    values = invocation.option_values
    for option in ("--modules-folder", "--modules-dir"):
        if invocation.has(option):
            given = values.get(option, [])
            return given[-1] if given and _known_text(given[-1]) else None
    for option in ("--prefix", "-C", "--cwd", "--dir"):
        if invocation.has(option):
            given = values.get(option, [])
            known = given and _known_text(given[-1])
            return posixpath.join(given[-1], "node_modules") if known else None
    return "node_modules"


# cargo commands that compile into the workspace's target directory.
_CARGO_BUILDS = frozenset(
    {"build", "b", "check", "c", "test", "t", "run", "r", "bench", "doc", "d", "rustc", "clippy"}
)
_COMPOSER_INSTALLS = frozenset({"install", "i", "update", "u", "upgrade", "require"})
# pip's output directory options per action.
_PIP_OUTPUTS = {
    "wheel": ("-w", "--wheel-dir"),
    "download": ("-d", "--dest", "--destination-directory"),
    "install": ("-t", "--target", "--prefix", "--root"),
}


def _project_output(invocation: PackageCommand, command: SimpleCommand) -> str | None:
    """What a build writes into the project it runs in: cargo's `target` (moved by
    `--target-dir` or CARGO_TARGET_DIR) and composer's `vendor` (COMPOSER_VENDOR_DIR),
    relative to the working directory, the project's root in the usual build. None
    when not known; `cargo install` builds in a temporary directory it removes, unless
    given `--path` (the crate's target) or a target directory."""
    values = invocation.option_values
    if invocation.manager == "pip":
        # `pip wheel -w DIR`, `pip download -d DIR`, `pip install --target DIR`.
        given = [
            value
            for key in _PIP_OUTPUTS.get(invocation.action, ())
            for value in values.get(key, [])
        ]
        return given[-1] if given and _known_text(given[-1]) else None
    if invocation.manager == "cargo":
        if invocation.action == "install":
            paths = values.get("--path", [])
            known = paths and _known_text(paths[-1])
            default = posixpath.join(paths[-1], "target") if known else None
        elif invocation.action in _CARGO_BUILDS and not invocation.has("--manifest-path"):
            default = "target"
        elif invocation.action in _CARGO_BUILDS:
            default = None  # the target of another workspace
        else:
            return None
        directory = _setting(values.get("--target-dir", []), command, "CARGO_TARGET_DIR")
        return default if directory == "" else directory
    if invocation.manager == "composer" and invocation.action in _COMPOSER_INSTALLS:
        if invocation.has("--no-install", "--no-update", "--dry-run"):
            return None
        project = _setting(values.get("-d", []) + values.get("--working-dir", []), command, "")
        vendor = _setting([], command, "COMPOSER_VENDOR_DIR")
        if project is None or vendor is None:
            return None
        return posixpath.join(project or ".", vendor or "vendor")
    return None


def _program_directory(
    invocation: PackageCommand, command: SimpleCommand, home: str | None
) -> str | None:
    """Where `go install` (GOBIN, else GOPATH/bin, else ~/go/bin) and `cargo install`
    (`--root`/CARGO_INSTALL_ROOT, else CARGO_HOME, else ~/.cargo, then bin) put the
    programs they build; None when not known."""
    if invocation.action != "install":
        return None
    if invocation.manager == "go":
        if command.has_env("GOBIN"):
            return command.env("GOBIN") or None
        gopath = command.env("GOPATH") if command.has_env("GOPATH") else _home_join(home, "go")
        return posixpath.join(gopath, "bin") if gopath else None
    if invocation.manager == "cargo":
        root = _setting(invocation.option_values.get("--root", []), command, "CARGO_INSTALL_ROOT")
        if root == "":
            root = (
                command.env("CARGO_HOME")
                if command.has_env("CARGO_HOME")
                else _home_join(home, ".cargo")
            )
        return posixpath.join(root, "bin") if root else None
    return None


def _home_join(home: str | None, path: str) -> str | None:
    return posixpath.join(home, path) if home else None


def _setting(given: list[str], command: SimpleCommand, variable: str) -> str | None:
    """A directory an option or else an environment variable sets: "" when neither
    does, None when the one that counts is unknown."""
    if given:
        return given[-1] if _known_text(given[-1]) else None
    if variable and command.has_env(variable):
        return command.env(variable) or None
    return ""


# ---------------------------------------------------------------------------
# COPY and ADD


def copy_effects(model: Model, node: Copy | Add) -> list[Effect]:
    """Paths a COPY or ADD creates (destination rules of the Dockerfile reference)."""
    if node.destination is None or not node.sources:
        return []
    destination = model.expand(node.destination, node)
    if destination is None:
        return []
    workdir = model.state_at(node).workdir
    if not destination.startswith("/"):
        if workdir is None:
            return []
        destination = posixpath.join(workdir, destination)
    target = posixpath.normpath(destination)
    if target.startswith("//"):
        target = "/" + target.lstrip("/")
    # A destination that is an existing directory receives the sources by name:
    # `COPY app.py .` writes WORKDIR/app.py, `COPY tool /usr/local/bin` too.
    to_directory = (
        destination.endswith(("/", "/.", "/.."))
        or len(node.sources) > 1
        or target == workdir
        or existing_directory(model, node, target)
    )
    heredoc_names = {heredoc.name for heredoc in getattr(node, "heredocs", ())}
    is_add = isinstance(node, Add)
    unpack = node.flag("unpack")
    keyword = node.kind
    parents_flag = node.flag("parents")
    keeps_parents = parents_flag is not None and (parents_flag.value or "true") != "false"
    description = f"{keyword} " + " ".join(word.text for word in (*node.sources, node.destination))
    if len(description) > 80:
        description = description[:77] + "..."

    excludes = tuple(
        value
        for flag in node.flags_named("exclude")
        if (value := model.expand(flag.value or "", node)) is not None
    )

    def created(path: str, span: Span, copied: bool = True, **details: bool) -> Effect:
        # `copied`: the path may be a directory holding the copied files.
        return Effect(
            CREATED,
            path,
            span,
            description,
            action=keyword,
            copied=copied,
            excludes=excludes,
            **details,
        )

    effects: list[Effect] = []
    for word in node.sources:
        marker = parse_heredoc_marker(word.text)
        if marker is not None and marker.name in heredoc_names:
            path = posixpath.join(target, marker.name) if to_directory else target
            effects.append(created(path, word.span))
            continue
        source = model.expand(word, node)
        if source is None:
            continue
        span = word.span
        if is_add and _GIT_SOURCE.search(source):
            # ADD of a git repository: its files land in the destination directory.
            effects.append(created(target, span, contents=True))
            continue
        if is_add and _URL.match(source):
            name = _url_name(source)
            if to_directory:
                if name:
                    effects.append(created(posixpath.join(target, name), span))
            else:
                effects.append(created(target, span, copied=False))  # a downloaded file
            continue
        unpacks = unpack is None or (unpack.value or "true") != "false"
        if is_add and _ARCHIVE.search(source) and unpacks and not node.flag("from"):
            effects.append(created(target, span, contents=True))
            continue
        if keeps_parents and _GLOB_CHARS.search(posixpath.dirname(_after_pivot(source))):
            # COPY --parents ./services/*/config.yml /cfg/: each match keeps its
            # directories, /cfg/services/api/config.yml ...: a pattern of paths.
            relative = posixpath.normpath(_after_pivot(source).lstrip("/"))
            effects.append(created(posixpath.join(target, relative), span, pattern=True))
            continue
        parents = _parents_of(source) if keeps_parents else ""
        if parents:
            # COPY --parents a/b/c.txt /p/ writes /p/a/b/c.txt.
            effects.extend(_copied(source, posixpath.join(target, parents), True, span, created))
            continue
        effects.extend(_copied(source, target, to_directory, span, created))
    return effects


_GLOB_CHARS = lazy_compile(r"[*?\[]")


def _after_pivot(source: str) -> str:
    """A `COPY --parents` source from its `./` pivot on (all of it without one)."""
    return source.split("/./", 1)[1] if "/./" in source else source


def _parents_of(source: str) -> str:
    """The directories of a `COPY --parents` source kept under the destination (up to
    a `./` pivot, and not below the first wildcard)."""
    directory = posixpath.dirname(_after_pivot(source).rstrip("/"))
    kept: list[str] = []
    for part in directory.split("/"):
        if any(char in part for char in "*?["):
            break
        if part not in ("", "."):
            kept.append(part)
    return "/".join(kept)


# A git repository as an ADD source: `https://host/repo.git#ref`, `git@host:repo.git`.
_GIT_SOURCE = lazy_compile(r"\A(git@|git://|ssh://)|\.git(#[^/]*)?/?\Z|\.git#")


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
    }
)


def names_a_file(path: str) -> bool:
    """Whether a path copied without a trailing slash is most likely a file, not a
    directory: a name with an extension, a dotfile, a conventional extensionless file
    name (`Makefile`, `LICENSE`), or a program in a bin directory."""
    name = posixpath.basename(path)
    return bool(
        _FILE_LIKE.search(name)
        or _EXTENSIONLESS_FILE.match(name)
        or _dotfile(name)
        or posixpath.dirname(path).endswith(("/bin", "/sbin"))
    )


def _dotfile(name: str) -> bool:
    return name.startswith(".") and name not in _DOT_DIRECTORIES and name not in (".", "..")


# Directories every Linux base image has: a COPY to one of them copies into it.
_EXISTING_DIRECTORIES = frozenset(
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


def _copied(
    source: str, target: str, to_directory: bool, span: Span, created: Callable[..., Effect]
) -> Iterator[Effect]:
    glob = any(char in source for char in "*?[")
    clean = source.rstrip("/")
    name = posixpath.basename(clean)
    whole = clean in ("", ".", "..") or name in (".", "..")
    if whole or (source.endswith("/") and not to_directory):
        # The contents of a directory land in the destination.
        yield created(target, span, contents=True)
        return
    if not to_directory:
        yield created(target, span, copied=glob or not names_a_file(clean))
        return
    if glob:
        if "/" in clean:
            clean_name = name
        else:
            clean_name = clean
        yield created(posixpath.join(target, clean_name), span, pattern=True)
        return
    program = target.endswith(("/bin", "/sbin"))
    if source.endswith("/") or not (program or names_a_file(clean)):
        # A directory (or so it seems; a name without extension copied into or out of a
        # bin directory is a program): its contents land in the destination.
        yield created(target, span, contents=True)
        return
    yield created(posixpath.join(target, name), span)


# ---------------------------------------------------------------------------
# Cleanup

CLEANUP_CATEGORIES = frozenset({"cache", "tmp", "docs", "package-index"})
"""Categories of paths whose removal is cleanup: caches, package indexes, temporary
files and documentation (see `classify`)."""

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
        "gpg",
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
    if any(word.value is None or not word.value.startswith("-") for word in command.args):
        return False  # a script file, or an unknown word
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
        return not is_cleanup_command(model, command, effects) and _writes_where_it_runs(invocation)
    if command.name == "curl" and not _curl_writes_files(command):
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
# Package managers that install into the system (/usr, /etc, /var, /opt, the home
# directory), never into the project directory they run in.
_SYSTEM_PACKAGE_MANAGERS = frozenset({"apt", "apk", "dnf", "yum", "zypper", "conda"})
# Per package manager, the actions that write no file of unknown name into the project
# they run in: they install into the system or the home directory, write what the
# model names (node_modules, vendor/, target/, `go build -o`), or only read. Other
# actions (`npm run build`, `yarn test`, `bundle exec`, `go generate`, `gem build`)
# run project code or write outputs the model cannot name.
_PROJECT_SAFE_ACTIONS: dict[str, frozenset[str]] = {
    "pip": frozenset(
        {"install", "uninstall", "cache", "list", "freeze", "show", "check", "config"}
        | {"inspect", "index", "debug", "hash", ""}
    ),
    "gem": frozenset({"install", "uninstall", "update", "cleanup", "list", "sources", "env", ""}),
    "npm": frozenset(
        {"", "install", "i", "ci", "add", "remove", "uninstall", "rm", "un", "ls", "list"}
        | {"audit", "config", "cache", "prune", "outdated", "view", "info", "why", "dedupe"}
        | {"set", "get", "store", "fetch", "global", "update", "upgrade", "up"}
    ),
    "composer": frozenset(
        {"", "install", "require", "update", "remove", "dump-autoload", "dumpautoload"}
        | {"clear-cache", "clearcache", "cc", "config", "show", "validate", "diagnose"}
        | {"self-update", "global"}
    ),
    "bundle": frozenset({"", "install", "config", "check", "lock", "list", "show", "clean"}),
    "go": frozenset(
        {"mod download", "mod tidy", "mod verify", "env", "version", "install", "get"}
        | {"clean", "vet", "list", "test"}
    ),
    "cargo": frozenset({"", "fetch", "build", "check", "test", "install", "clean", "update"}),
}
for _node_manager in ("yarn", "pnpm"):
    _PROJECT_SAFE_ACTIONS[_node_manager] = _PROJECT_SAFE_ACTIONS["npm"]


def _writes_where_it_runs(invocation: PackageCommand) -> bool:
    """Whether a package command may write files of unknown names outside the system
    directories, into a project tree (`pip install .` leaves build/ and egg-info,
    `npm run build` dist/, `go build` without `-o` a program named after the module);
    `apt-get install`, `npm ci` or `pip install -r requirements.txt` does not."""
    if invocation.manager in _SYSTEM_PACKAGE_MANAGERS:
        return False
    if invocation.manager == "pip" and (
        any(package.is_file for package in invocation.packages)
        or invocation.has("-e", "--editable")
    ):
        return True
    if invocation.manager == "pip" and invocation.action in _PIP_OUTPUTS:
        # Into the working directory (`pip wheel .`) unless an output option names one.
        outputs = _PIP_OUTPUTS[invocation.action]
        return invocation.action != "install" and not invocation.has(*outputs)
    if invocation.manager == "go" and invocation.action == "build":
        return not invocation.has("-o")
    safe = _PROJECT_SAFE_ACTIONS.get(invocation.manager)
    return safe is None or invocation.action not in safe


def _curl_writes_files(command: SimpleCommand) -> bool:
    """Whether curl saves to files (`-o FILE`, `-O`), not only to standard output."""
    for name, word in _scan(command.args, _CURL_VALUE_OPTIONS):
        if name in ("-o", "--output") and (word is None or word.value != "-"):
            return True
        if name in ("-O", "--remote-name", "--remote-name-all"):
            return True
    return False
