"""What package-manager commands leave behind: caches and indexes, installed and
removed packages, and what builds write into the project (node_modules, `go build
-o`, cargo's target/, composer's vendor/, pip's output directories)."""

from __future__ import annotations

import fnmatch
import posixpath
from typing import TYPE_CHECKING

from ..lazy_re import lazy_compile
from ..nodes import Run
from .calls import Call
from .file_commands import existing_directory, made_directories
from .fs import CREATED, DELETED, PACKAGE_PREFIX, Effect
from .leftovers import PREFETCHES, prefetched_before
from .packages import (
    APT_SIMULATE,
    CARGO_BUILDS,
    COMPOSER_INSTALLS,
    known_text,
    word_text,
)

if TYPE_CHECKING:
    from . import Model, Stage
    from .packages import PackageCommand
    from .shell import SimpleCommand


def package_effects(call: Call, invocation: object) -> list[Effect]:
    from .packages import PackageCommand

    assert isinstance(invocation, PackageCommand)
    effects: list[Effect] = []
    moved = invocation.manager in _managers_with_configured_caches(call)
    if invocation.manager == "apk" and _apk_cache_mounted(call):
        moved = True  # a cache mount on /etc/apk/cache: apk keeps its cache there
    stage = call.model.stage_of(call.run)
    image = stage.root_image if stage is not None else None
    caches = [] if moved else invocation.cache_paths(call.command, call.home, image)
    if caches and (invocation.manager, invocation.action) not in PREFETCHES:
        # `go build` after a `go mod download` in an earlier layer reads the modules
        # that layer holds: it adds nothing to that cache.
        prefetched = prefetched_before(call.model, call.run)
        caches = [(path, category) for path, category in caches if path not in prefetched]
    cleaned = invocation.cleaned_paths(call.command, call.home, image)
    archives = ("/var/cache/apt/archives", "cache")
    if (
        invocation.program == "apt-get"  # (the `apt` binary deletes them by default)
        and invocation.installs
        and not moved
        and archives not in caches
        and not invocation.has(*APT_SIMULATE)
        and _docker_clean_removed(call)
    ):
        # Without the images' docker-clean hook, apt keeps the .debs it downloads.
        caches = [*caches, archives]
    for path, category in caches:
        resolved = call.resolve_text(path)
        if resolved is not None:
            effects.append(
                call.effect_at(CREATED, resolved, contents=True, category=category, owned=True)
            )
    for path, category in cleaned:
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
            effects.extend(call.made_directory(call.command, resolved))
            effects.append(call.effect_at(CREATED, resolved, contents=True))
    programs = _program_directory(invocation, call.command, call.home)
    if programs is not None:
        # `go install`, `cargo install`, `pip install --user`: files of unknown names,
        # unless they follow from the packages (`go install example.com/cmd/tool@v1`).
        resolved = call.resolve_text(programs)
        names = _go_program_names(invocation, call.command)
        if resolved is not None and names:
            effects.extend(
                call.effect_at(CREATED, posixpath.join(resolved, name)) for name in names
            )
        elif resolved is not None:
            effects.append(call.effect_at(CREATED, resolved, contents=True))
    output = _project_output(invocation, call.command)
    if output is not None:
        # cargo's target/ and composer's vendor/: files of names the model cannot know.
        resolved = call.resolve_text(output)
        if resolved is not None:
            effects.append(call.effect_at(CREATED, resolved, contents=True))
    # A package named by an unknown variable (`apk add $PHPIZE_DEPS`) is not named.
    for kind, packages in ((CREATED, invocation.installed), (DELETED, invocation.removed)):
        for package in packages:
            if not package.known:
                continue
            key = _package_key(invocation.manager, package.name)
            effects.append(
                Effect(
                    kind,
                    f"{PACKAGE_PREFIX}{invocation.manager}:{key}",
                    package.word,
                    call.describe,
                    category="package",
                    action=call.command.name,
                )
            )
    return effects


def _apk_cache_mounted(call: Call) -> bool:
    """A cache (or bind) mount on /etc/apk/cache: apk finds the directory and keeps
    its indexes and packages there instead of /var/cache/apk (not on a tmpfs)."""
    return any(
        mount.target == "/etc/apk/cache" and mount.type != "tmpfs"
        for mount in call.model.mounts(call.run)
    )


# `<tool> config set KEY ...` that moves (or turns off) a cache: later commands of that
# tool read it from the tool's rc file, so the model no longer knows where it is.
_CACHE_SETTINGS = {
    "npm": frozenset({"cache"}),
    "yarn": frozenset({"cache-folder", "cacheFolder", "enableGlobalCache"}),
    "pnpm": frozenset({"store-dir", "cache-dir"}),
    "bundle": frozenset({"path", "deployment", "system"}),
    "pip": frozenset({"global.cache-dir", "global.no-cache-dir", "install.no-cache-dir"})
    | frozenset({"user.cache-dir", "site.cache-dir", "user.no-cache-dir"}),
    "composer": frozenset({"cache-dir", "cache-files-dir", "home"}),
    "conda": frozenset({"pkgs_dirs"}),
}


def _managers_with_configured_caches(call: Call) -> frozenset[str]:
    """Managers whose cache an earlier `config set` moved: in an earlier RUN of the
    stage (or of the stages it is built FROM) or earlier in this RUN."""
    model, run = call.model, call.run
    return _configured_before(model, run) | _configured_in_run(model, run).get(
        id(call.command), frozenset()
    )


def _configured_in_run(model: Model, run: Run) -> dict[int, frozenset[str]]:
    """For each command of a RUN, the managers an earlier `config set` of the same RUN
    pointed elsewhere: one pass per RUN."""

    def compute() -> dict[int, frozenset[str]]:
        before: dict[int, frozenset[str]] = {}
        found: frozenset[str] = frozenset()
        for command in model.commands(run):
            before[id(command)] = found
            setting = _cache_setting(model, command)
            if setting:
                found = found | frozenset(setting)
        return before

    return model.memo(("configured-in-run", id(run)), compute)


def _configured_before(model: Model, run: Run) -> frozenset[str]:
    """`_managers_with_configured_caches` for the RUNs before `run`."""
    stage = model.stage_of(run)
    if stage is None:
        return frozenset()
    at = model.onbuild_parent(run) or run  # an ONBUILD trigger stands at its ONBUILD
    return _configured_by_run(model, stage).get(id(at), frozenset())


def _configured_by_run(model: Model, stage: Stage) -> dict[int, frozenset[str]]:
    """For each instruction of a stage, the managers a `config set` of an earlier RUN
    (in the stage or the stages it is built FROM) pointed elsewhere: one pass per
    stage."""

    def compute() -> dict[int, frozenset[str]]:
        before: dict[int, frozenset[str]] = {}
        found: set[str] = set()
        for owner in stage.chain():
            for node in owner.instructions:
                before[id(node)] = frozenset(found)
                if isinstance(node, Run):
                    for command in model.commands(node):
                        found.update(_cache_setting(model, command))
        return before

    return model.memo(("configured-caches", id(stage)), compute)


def _cache_setting(model: Model, command: SimpleCommand) -> tuple[str, ...]:
    """(manager,) when the command is a `config set` of a cache setting (also npm's
    `set`, `go env -w GOMODCACHE=...`, `composer config cache-dir ...` and `conda
    config --add pkgs_dirs ...`), else ()."""
    invocation = model.package_command(command)
    if invocation is None:
        return ()
    manager = invocation.manager
    words = [word.value for word in invocation.operands[:2]]
    if manager == "go" and invocation.action == "env" and invocation.has("-w"):
        names = {(word.value or "").split("=", 1)[0] for word in invocation.operands}
        return ("go",) if names & {"GOMODCACHE", "GOCACHE", "GOPATH"} else ()
    if manager == "npm" and invocation.action == "set":
        words = ["set", *words[:1]]
    elif manager in ("composer", "conda") and invocation.action == "config":
        # `composer config [-g] cache-dir DIR`, `conda config --add pkgs_dirs DIR`
        words = ["set", *words[:1]]
    elif invocation.action != "config":
        return ()
    if words[:1] != ["set"] and invocation.manager == "bundle":
        words = ["set", *words[:1]]  # bundler's older `bundle config path vendor/bundle`
    if len(words) == 2 and words[0] == "set":
        key = (words[1] or "").split("=", 1)[0]
        if key in _CACHE_SETTINGS.get(invocation.manager, ()):
            return (invocation.manager,)
    return ()


def _package_key(manager: str, name: str) -> str:
    """A package's name as its manager compares names: pip ignores case and takes
    `-`, `_` and `.` for the same (PEP 503), so `Flask` and `flask` are one."""
    if manager == "pip" and _PROJECT_NAME.fullmatch(name):
        return _SEPARATORS.sub("-", name).lower()
    return name  # a URL or a path stays as written


_SEPARATORS = lazy_compile(r"[-_.]+")
_PROJECT_NAME = lazy_compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")


def _go_build_effect(call: Call, invocation: PackageCommand, built: str, resolved: str) -> Effect:
    """`go build -o FILE` writes FILE; `-o DIR/` or `-o` an existing directory writes
    into it, a program named after its package (`./cmd/tool` -> DIR/tool)."""
    path = resolved.rstrip("/") or "/"
    into = (
        built.endswith("/")
        or path == call.command.cwd
        or path in made_directories(call.model, call.run)
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
    if not outputs or not known_text(outputs[-1]) or outputs[-1] == "/dev/null":
        return None
    directories = invocation.option_values.get("-C", [])
    if invocation.has("-C"):
        if not directories or not known_text(directories[-1]):
            return None
        return posixpath.join(directories[-1], outputs[-1])
    return outputs[-1]


def _fills_node_modules(invocation: PackageCommand) -> bool:
    """A local install of a JavaScript package manager (not `-g`)."""
    if invocation.manager not in ("npm", "yarn", "pnpm") or invocation.yarn_berry:
        return False  # (Yarn 2+ links with Plug'n'Play unless .yarnrc.yml says otherwise)
    if invocation.action not in ("install", "ci", "add", "update"):
        return False
    location = (invocation.option_values.get("--location") or [""])[-1]
    return not invocation.has("-g", "--global") and location not in ("global", "user")


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
            return given[-1] if given and known_text(given[-1]) else None
    for option in ("--prefix", "-C", "--cwd", "--dir"):
        if invocation.has(option):
            given = values.get(option, [])
            known = given and known_text(given[-1])
            return posixpath.join(given[-1], "node_modules") if known else None
    return "node_modules"


# cargo commands that compile into the workspace's target directory.
# pip's output directory options per action.
PIP_OUTPUTS = {
    "wheel": ("-w", "--wheel-dir"),
    "download": ("-d", "--dest", "--destination-directory"),
    "install": ("-t", "--target", "--prefix", "--root"),
}


# The apt hook of the Debian and Ubuntu images that deletes downloaded packages once
# dpkg has installed them; Docker's cache-mount recipe removes it.
_DOCKER_CLEAN = "/etc/apt/apt.conf.d/docker-clean"


def _docker_clean_removed(call: Call) -> bool:
    """Whether an earlier command (of this RUN, or of an earlier RUN of the stage or
    the stages it is built FROM) removed the docker-clean hook."""
    model, run = call.model, call.run
    stage = model.stage_of(run)
    at = model.onbuild_parent(run) or run
    if stage is not None and id(at) in _hook_removed_by_run(model, stage):
        return True
    for command in model.commands(run):
        if command is call.command:
            return False
        if _removes_docker_clean(command):
            return True
    return False


def _hook_removed_by_run(model: Model, stage: Stage) -> frozenset[int]:
    """The instructions of a stage that come after a removal of the hook."""

    def compute() -> frozenset[int]:
        after: set[int] = set()
        removed = False
        for owner in stage.chain():
            for node in owner.instructions:
                if removed:
                    after.add(id(node))
                if isinstance(node, Run) and not removed:
                    removed = any(_removes_docker_clean(c) for c in model.commands(node))
        return frozenset(after)

    return model.memo(("docker-clean-removed", id(stage)), compute)


def _removes_docker_clean(command: SimpleCommand) -> bool:
    if command.name not in ("rm", "unlink", "mv"):
        return False
    operands = [word.value for word in command.args if not (word.value or "-").startswith("-")]
    if command.name == "mv":
        operands = operands[:-1]  # the sources
    return any(
        operand is not None and fnmatch.fnmatchcase(_DOCKER_CLEAN, operand) for operand in operands
    )


def _project_output(invocation: PackageCommand, command: SimpleCommand) -> str | None:
    """What a build writes into the project it runs in: cargo's `target` (moved by
    `--target-dir` or CARGO_TARGET_DIR), composer's `vendor` (COMPOSER_VENDOR_DIR) and
    that of `go mod vendor` (`-o DIR`),
    relative to the working directory, the project's root in the usual build. None
    when not known; `cargo install` builds in a temporary directory it removes, unless
    given `--path` (the crate's target) or a target directory."""
    values = invocation.option_values
    if invocation.manager == "pip":
        # `pip wheel -w DIR`, `pip download -d DIR`, `pip install --target DIR`.
        given = [
            value for key in PIP_OUTPUTS.get(invocation.action, ()) for value in values.get(key, [])
        ]
        if not given and invocation.action == "install" and command.has_env("PIP_TARGET"):
            return command.env("PIP_TARGET") or None  # pip reads options from PIP_<NAME>
        return given[-1] if given and known_text(given[-1]) else None
    if invocation.manager == "cargo" and invocation.action == "vendor":
        # `cargo vendor [PATH]`: the sources of every dependency, in ./vendor or PATH.
        given = [word_text(word) for word in invocation.operands]
        return (given[0] if known_text(given[0]) else None) if given else "vendor"
    if invocation.manager == "cargo":
        if invocation.action == "install":
            paths = values.get("--path", [])
            known = paths and known_text(paths[-1])
            default = posixpath.join(paths[-1], "target") if known else None
        elif invocation.action in CARGO_BUILDS and not invocation.has("--manifest-path"):
            default = "target"
        elif invocation.action in CARGO_BUILDS:
            default = None  # the target of another workspace
        else:
            return None
        directory = _setting(values.get("--target-dir", []), command, "CARGO_TARGET_DIR")
        return default if directory == "" else directory
    if invocation.manager == "composer" and invocation.action == "global":
        # `composer global require ...` works in COMPOSER_HOME's project (default under
        # ~/.config or ~/.composer, whichever exists: not known here).
        action = word_text(invocation.operands[0]) if invocation.operands else ""
        home = command.env("COMPOSER_HOME")
        if action not in COMPOSER_INSTALLS or not home or invocation.has("--dry-run"):
            return None
        vendor = _setting([], command, "COMPOSER_VENDOR_DIR")
        return posixpath.join(home, vendor or "vendor") if vendor is not None else None
    if invocation.manager == "composer" and invocation.action in COMPOSER_INSTALLS:
        if invocation.has("--no-install", "--no-update", "--dry-run"):
            return None
        project = _setting(values.get("-d", []) + values.get("--working-dir", []), command, "")
        vendor = _setting([], command, "COMPOSER_VENDOR_DIR")
        if project is None or vendor is None:
            return None
        return posixpath.join(project or ".", vendor or "vendor")
    if invocation.manager == "go" and invocation.action == "mod vendor":
        # `go mod vendor [-o DIR]`: the module's dependencies, copied into ./vendor.
        given = values.get("-o", [])
        return (given[-1] if known_text(given[-1]) else None) if given else "vendor"
    return None


def _program_directory(
    invocation: PackageCommand, command: SimpleCommand, home: str | None
) -> str | None:
    """Where `go install` (GOBIN, else GOPATH/bin, else ~/go/bin), `cargo install`
    (`--root`/CARGO_INSTALL_ROOT, else CARGO_HOME, else ~/.cargo, then bin) and `pip
    install --user` put what they install; None when not known."""
    if invocation.action != "install":
        return None
    if invocation.manager == "pip" and (invocation.has("--user") or _pip_user(command)):
        # `pip install --user`: the user scheme, PYTHONUSERBASE or ~/.local (its
        # lib/pythonX.Y/site-packages and bin).
        if command.has_env("PYTHONUSERBASE"):
            return command.env("PYTHONUSERBASE") or None
        return _home_join(home, ".local")
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


def _go_program_names(invocation: PackageCommand, command: SimpleCommand) -> list[str]:
    """The programs `go install PACKAGE...` writes, named after each package path's
    last element (a major-version element `v2` does not count); empty when one is not
    known (`./...`, the current directory, a cross build into GOBIN/GOOS_GOARCH)."""
    if invocation.manager != "go" or command.has_env("GOOS") or command.has_env("GOARCH"):
        return []
    names = []
    for operand in invocation.operands:
        package = (operand.value or "").split("@", 1)[0].rstrip("/")
        parts = [part for part in package.split("/") if part not in ("", ".")]
        if len(parts) >= 2 and _MAJOR_VERSION.fullmatch(parts[-1]):
            parts.pop()
        if not parts or operand.glob or "..." in package or parts[-1] == "..":
            return []
        if not package.startswith(("./", "../")) and "." not in parts[0]:
            # A standard-library command (`go install cmd/vet`) goes to GOROOT.
            return []
        names.append(parts[-1])
    return names


_MAJOR_VERSION = lazy_compile(r"v[2-9][0-9]*|v[1-9][0-9]+")


def _pip_user(command: SimpleCommand) -> bool:
    """`ENV PIP_USER=1`: pip takes `--user` from the environment (a true value)."""
    value = command.env("PIP_USER") if command.has_env("PIP_USER") else None
    return value is not None and value.lower() in ("1", "true", "yes", "on")


def _home_join(home: str | None, path: str) -> str | None:
    return posixpath.join(home, path) if home else None


def _setting(given: list[str], command: SimpleCommand, variable: str) -> str | None:
    """A directory an option or else an environment variable sets: "" when neither
    does, None when the one that counts is unknown."""
    if given:
        return given[-1] if known_text(given[-1]) else None
    if variable and command.has_env(variable):
        return command.env(variable) or None
    return ""


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


def runs_project_code(invocation: PackageCommand) -> bool:
    """Whether a package command runs the project's own code or scripts (`npm run
    build`, `yarn build`, `bundle exec rake`, `go run`, `cargo run`, a cargo plugin such
    as `cargo chef`): what that does is the project's, unknown to the model."""
    action = invocation.action
    if invocation.manager in ("yarn", "pnpm") and action and action not in _NODE_BUILTINS:
        return True  # `yarn build`, `pnpm lint`: a package.json script
    if invocation.manager == "cargo" and action and action not in _CARGO_BUILTINS:
        return True  # an external subcommand, a program of its own
    return action in _RUNS_CODE.get(invocation.manager, ())


def partly_unknown(invocation: PackageCommand) -> bool:
    """Whether a package command does more than the model knows: it runs the
    project's code (see runs_project_code), or it is an action the model has no
    table for that writes or deletes files (`npm pack`, `npm prune`, `yarn upgrade`,
    anything `pipx` does). Its known caches count; the rest is unknown."""
    if runs_project_code(invocation) or invocation.manager == "pipx":
        return True
    action = invocation.action
    if invocation.manager == "npm" and action in ("audit", "cache"):
        # `npm audit fix` rewrites node_modules; `npm cache add` fills the cache.
        return _first_operand(invocation) in ("fix", "add")
    return action in _UNMODELLED_ACTIONS.get(invocation.manager, ())


def _first_operand(invocation: PackageCommand) -> str | None:
    return invocation.operands[0].value if invocation.operands else None


# Actions that write or delete files the model does not name (project files, parts
# of node_modules, links).
_UNMODELLED_ACTIONS = {
    "npm": frozenset({"init", "create", "pack", "prune", "link", "ln", "dedupe", "ddp"}),
    "yarn": frozenset({"init", "create", "pack", "upgrade", "autoclean", "link", "import"}),
    "pnpm": frozenset({"init", "create", "pack", "prune", "link", "ln", "dedupe", "import"}),
}


_RUNS_CODE = {
    "npm": frozenset({"run", "run-script", "rum", "urn", "exec", "x", "test", "t", "tst"})
    | frozenset({"start", "restart", "stop", "rebuild", "rb", "explore"}),
    "yarn": frozenset({"run", "exec", "dlx", "test", "start", "node"}),
    "pnpm": frozenset({"run", "exec", "dlx", "test", "start", "x", "rebuild"}),
    "bundle": frozenset({"exec"}),
    "composer": frozenset({"run-script", "run", "exec"}),
    "go": frozenset({"run", "generate"}),
    "cargo": frozenset({"run", "r"}),
}
# yarn (1 and 2+) and pnpm commands of their own; any other word runs a script.
_NODE_BUILTINS = frozenset(
    {"add", "audit", "autoclean", "bin", "cache", "check", "config", "create", "exec"}
    | {"generate-lock-entry", "global", "help", "import", "info", "init", "install", "i"}
    | {"licenses", "link", "list", "ls", "login", "logout", "node", "outdated", "owner"}
    | {"pack", "policies", "publish", "remove", "rm", "run", "tag", "team", "test", "unlink"}
    | {"unplug", "upgrade", "upgrade-interactive", "version", "versions", "why"}
    | {"workspace", "workspaces", "dlx", "up", "set", "plugin", "npm", "patch", "rebuild"}
    | {"constraints", "explain", "search", "stage", "dedupe", "fetch", "prune", "store"}
    | {"update", "import", "deploy", "env", "setup", "root", "server", "start", "x"}
    | {"ci", "install-test", "it", "uninstall", "un", "self-update", "doctor", "licenses"}
)
_CARGO_BUILTINS = frozenset(
    {"build", "b", "check", "c", "clean", "doc", "d", "new", "init", "add", "remove"}
    | {"run", "r", "test", "t", "bench", "update", "search", "publish", "install"}
    | {"uninstall", "fetch", "fix", "fmt", "clippy", "tree", "vendor", "package"}
    | {"metadata", "login", "logout", "owner", "yank", "version", "help", "locate-project"}
    | {"generate-lockfile", "pkgid", "verify-project", "rustc", "rustdoc", "report", "info"}
    | {"config", ""}
)


def writes_where_it_runs(invocation: PackageCommand) -> bool:
    """Whether a package command may write files of unknown names outside the system
    directories, into a project tree (`pip install .` leaves build/ and egg-info,
    `npm run build` dist/, `go build` without `-o` a program named after the module);
    `apt-get install`, `npm ci` or `pip install -r requirements.txt` does not."""
    if invocation.manager in _SYSTEM_PACKAGE_MANAGERS:
        return False
    if invocation.yarn_berry or runs_project_code(invocation):
        return True  # (Yarn 2+ may write .yarn/cache into the project)
    if invocation.manager == "pip" and (
        any(package.is_file for package in invocation.packages)
        or invocation.has("-e", "--editable")
    ):
        return True
    if invocation.manager == "pip" and invocation.action in PIP_OUTPUTS:
        # Into the working directory (`pip wheel .`) unless an output option names one.
        outputs = PIP_OUTPUTS[invocation.action]
        return invocation.action != "install" and not invocation.has(*outputs)
    if invocation.manager == "go" and invocation.action == "build":
        return not invocation.has("-o")
    safe = _PROJECT_SAFE_ACTIONS.get(invocation.manager)
    return safe is None or invocation.action not in safe
