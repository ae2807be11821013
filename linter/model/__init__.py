"""The semantic model: built once per file, lazily, and shared by every rule.

- stages: names, bases (an image or an earlier stage), platforms, `COPY --from` and
  `RUN --mount=from=` edges, the build target and which stages ship;
- scopes: the ARG and ENV values visible at each instruction, with BuildKit's rules
  (global ARGs only in FROM unless re-declared, ENV inherited from a base stage,
  unknown values as None);
- image state at each instruction: USER, WORKDIR, SHELL;
- shell scripts of RUN instructions (linter/model/shell.py);
- layers and a simulated filesystem per stage (linter/model/fs.py).

Rules ask questions (`model.stage_of(node)`, `model.expand(word, node)`,
`model.commands(run)`, `model.fs(stage)`) and never walk the file themselves for
these facts.
"""

from __future__ import annotations

import posixpath
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from ..nodes import (
    Arg,
    Copy,
    Dockerfile,
    Env,
    ExecForm,
    From,
    Instruction,
    Onbuild,
    Run,
    Shell,
    User,
    Word,
    Workdir,
)
from ..records import Record, init
from .images import (
    ImageRef,
    builder_unset_names,
    official_image_env_names,
    official_image_environment,
    official_image_workdir,
    parse_image,
    rpm_frontend,
    sets_non_root_user,
)
from .variables import CompleteEnv, ImageEnv, expand, unquote
from .variables import references as variable_references

if TYPE_CHECKING:
    from .fs import FileSystem, Layer, Step
    from .mounts import Mount
    from .packages import PackageCommand
    from .shell import Script, SimpleCommand

# Build arguments BuildKit defines without an ARG in the global scope.
PREDEFINED_ARGS = frozenset(
    {
        "TARGETPLATFORM",
        "TARGETOS",
        "TARGETARCH",
        "TARGETVARIANT",
        "BUILDPLATFORM",
        "BUILDOS",
        "BUILDARCH",
        "BUILDVARIANT",
        "TARGETSTAGE",
        "BUILDKIT_SYNTAX",
        "BUILDKIT_CONTEXT_KEEP_GIT_DIR",
        "BUILDKIT_INLINE_CACHE",
        "BUILDKIT_MULTI_PLATFORM",
        "BUILDKIT_SANDBOX_HOSTNAME",
        "SOURCE_DATE_EPOCH",
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "FTP_PROXY",
        "ftp_proxy",
        "NO_PROXY",
        "no_proxy",
        "ALL_PROXY",
        "all_proxy",
    }
)
# Proxy variables are passed to RUN without being declared.
PROXY_ARGS = frozenset(name for name in PREDEFINED_ARGS if "PROXY" in name.upper())

# Variables a RUN's process may find set by the container runtime or the shell itself,
# whatever the image's ENV says (values unknown to the model; PWD is tracked apart).
_RUNTIME_VARIABLES = frozenset(
    {
        "HOME", "HOSTNAME", "PATH", "TERM", "PWD", "OLDPWD", "SHLVL", "IFS", "PPID",
        "OPTIND", "OPTARG", "PS1", "PS2", "PS4", "LINENO", "UID", "EUID", "GROUPS",
        "RANDOM", "SECONDS", "HOSTTYPE", "MACHTYPE", "OSTYPE", "SHELL", "USER", "LOGNAME",
        "BASH", "BASHOPTS", "BASHPID", "BASH_VERSION", "SHELLOPTS",
    }
)  # fmt: skip
DEFAULT_SHELL = ("/bin/sh", "-c")
WINDOWS_SHELL = ("cmd", "/S", "/C")
_WINDOWS_IMAGE_HINTS = ("nanoserver", "servercore")


def _windows_image(image: ImageRef) -> bool:
    """Whether an image is a Windows one by its name (BuildKit reads the OS from the
    image's config, which the model does not fetch): Server Core and Nano Server
    images and tags, `mcr.microsoft.com/windows/...`, names like `node-windows`; not
    Linux images for cross-building (`cross-rs/x86_64-pc-windows-gnu`,
    `dockcross/windows-static-x64`)."""
    name = image.name.lower()
    tag = (image.tag or "").lower()
    if any(hint in name or hint in tag for hint in _WINDOWS_IMAGE_HINTS):
        return True
    parts = name.split("/")
    return "windows" in parts or parts[-1].endswith("-windows") or tag.startswith("windows")


_POSIX_SHELLS = frozenset({"sh", "bash", "dash", "ash", "ksh", "zsh", "busybox", "mksh"})


def shell_program(shell: tuple[str, ...] | list[str]) -> str:
    """The program of a SHELL (`bash` for `["/bin/bash", "-c"]` and for
    `["/usr/bin/env", "bash", "-c"]`), lower case, without `.exe`; Windows paths
    (`C:\\Program Files\\PowerShell\\7\\pwsh.exe`) too."""
    words = list(shell)
    if words and posixpath.basename(words[0]).lower() == "env":
        words = [word for word in words[1:] if not word.startswith("-") and "=" not in word]
    if not words:
        return ""
    return posixpath.basename(words[0].replace("\\", "/")).lower().removesuffix(".exe")


Variables = Mapping[str, "str | None"]
T = TypeVar("T")


class StageEdge(Record):
    """A dependency of a stage on another stage or an image, with its instruction.

    `kind` is "copy" (COPY --from) or "mount" (RUN --mount=from=).
    """

    __slots__ = ("instruction", "reference", "stage", "image", "kind")

    instruction: Instruction
    reference: str
    stage: Stage | None
    image: ImageRef | None
    kind: str

    def __init__(
        self,
        instruction: Instruction,
        reference: str,
        stage: Stage | None,
        image: ImageRef | None,
        kind: str,
    ) -> None:
        init(self, "instruction", instruction)
        init(self, "reference", reference)
        init(self, "stage", stage)
        init(self, "image", image)
        init(self, "kind", kind)


class Stage:
    """One build stage: from its FROM to the next FROM."""

    __slots__ = (
        "index",
        "from_instruction",
        "name",
        "base_text",
        "base_image",
        "base_stage",
        "platform",
        "instructions",
        "edges",
        "ships",
        "is_target",
        "is_windows",
    )

    def __init__(
        self,
        index: int,
        from_instruction: From,
        name: str | None,
        base_text: str | None,
        base_image: ImageRef | None,
        base_stage: Stage | None,
        platform: str | None,
        instructions: list[Instruction] | None = None,
        edges: list[StageEdge] | None = None,
        ships: bool = False,
        is_target: bool = False,
        is_windows: bool = False,
    ) -> None:
        self.index = index
        self.from_instruction = from_instruction
        self.name = name
        self.base_text = base_text
        self.base_image = base_image
        self.base_stage = base_stage
        self.platform = platform
        self.instructions: list[Instruction] = instructions if instructions is not None else []
        self.edges: list[StageEdge] = edges if edges is not None else []
        self.ships = ships
        self.is_target = is_target
        self.is_windows = is_windows

    @property
    def label(self) -> str:
        return self.name if self.name is not None else str(self.index)

    def ancestors(self) -> Iterator[Stage]:
        """Stages this one is built FROM, nearest first."""
        current = self.base_stage
        seen = {id(self)}
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            yield current
            current = current.base_stage

    def chain(self) -> list[Stage]:
        """The stages this one is built FROM, the root first, then this one."""
        return [*reversed(list(self.ancestors())), self]

    @property
    def root_image(self) -> ImageRef | None:
        """The external image at the bottom of this stage's FROM chain."""
        stage: Stage = self
        for stage in self.ancestors():  # noqa: B007 - we want the last one
            pass
        return stage.base_image

    def run_instructions(self) -> list[Run]:
        return [node for node in self.instructions if isinstance(node, Run)]

    @property
    def rpm_frontend(self) -> str | None:
        """What `yum` is on the stage's image ("yum", "dnf", "dnf5"; see
        images.rpm_frontend); None when the image does not say."""
        image = self.root_image
        return rpm_frontend(image) if image is not None else None

    @property
    def on_scratch(self) -> bool:
        """Whether the stage is built on `scratch` (through its FROM chain)."""
        image = self.root_image
        return image is not None and image.is_scratch

    @property
    def builder_env_type(self) -> type[dict[str, str | None]]:
        """How the builder's variables read a name nothing set: on `scratch` it expands
        to nothing (CompleteEnv); on an official image whose ENV is known in full
        (`alpine`, `python` ...) it is unset for `${NAME:-word}` (ImageEnv); elsewhere
        the base image may set it (a plain dict: unknown)."""
        image = self.root_image
        if image is None or self.is_windows:
            return dict
        if image.is_scratch:
            return CompleteEnv
        return ImageEnv if official_image_env_names(image) is not None else dict

    @property
    def builder_defaults(self) -> dict[str, str | None]:
        """What the builder finds before the file sets anything: the names the base
        image sets (values unknown) and those it surely leaves unset (empty)."""
        image = self.root_image
        if image is None or self.is_windows:
            return {}
        names = official_image_env_names(image) or frozenset()
        defaults: dict[str, str | None] = dict.fromkeys(sorted(names))
        defaults.update(dict.fromkeys(self.builder_unset_names, ""))
        return defaults

    @property
    def builder_unset_names(self) -> frozenset[str]:
        """Names the builder finds unset unless the Dockerfile sets them, because the
        base image surely does not (HOME on the official images); empty when unknown."""
        image = self.root_image
        if image is None or self.is_windows:
            return frozenset()
        return builder_unset_names(image)


class _History:
    """A dict that changes by setting names only, every past version of which stays
    readable (`view`), without copying it at each version: a stage's ARGs and ENV,
    whose value before each instruction its State keeps."""

    __slots__ = ("order", "entries", "version")

    def __init__(self, initial: Mapping[str, str | None]) -> None:
        self.order: list[str] = list(initial)  # names, in the order first set
        # name -> (versions it was set at, ascending; its value from each on)
        self.entries: dict[str, tuple[list[int], list[str | None]]] = {
            name: ([0], [value]) for name, value in initial.items()
        }
        self.version = 0

    def next_version(self) -> None:
        """Start a new version: views taken so far will not see what is set next."""
        self.version += 1

    def set(self, name: str, value: str | None) -> None:
        entry = self.entries.get(name)
        if entry is None:
            self.entries[name] = ([self.version], [value])
            self.order.append(name)
        elif entry[0][-1] == self.version:
            entry[1][-1] = value
        else:
            entry[0].append(self.version)
            entry[1].append(value)

    def view(self) -> _Version:
        return _Version(self, self.version, len(self.order))


class _Version(Mapping[str, "str | None"]):
    """The read-only mapping a `_History` was at one version (same items, same order
    as the dict it mirrors)."""

    __slots__ = ("_history", "_version", "_size")

    def __init__(self, history: _History, version: int, size: int) -> None:
        self._history = history
        self._version = version
        self._size = size

    def __getitem__(self, name: str) -> str | None:
        entry = self._history.entries.get(name)
        if entry is None:
            raise KeyError(name)
        versions, values = entry
        if versions[-1] <= self._version:
            return values[-1]
        index = bisect_right(versions, self._version) - 1
        if index < 0:
            raise KeyError(name)
        return values[index]

    def __contains__(self, name: object) -> bool:
        entry = self._history.entries.get(name)  # type: ignore[call-overload]
        return entry is not None and entry[0][0] <= self._version

    def __iter__(self) -> Iterator[str]:
        order = self._history.order
        return iter(order[: self._size]) if self._size < len(order) else iter(order)

    def __len__(self) -> int:
        return self._size


class State(Record):
    """Image configuration in force before an instruction runs."""

    __slots__ = (
        "args",
        "env",
        "user",
        "user_instruction",
        "workdir",
        "shell",
        "shell_instruction",
        "args_over_env",
    )

    args: Mapping[str, str | None]
    env: Mapping[str, str | None]
    user: str | None
    user_instruction: User | None
    workdir: str | None
    shell: tuple[str, ...]
    shell_instruction: Shell | None
    # Names an ARG set after an ENV of the same name: BuildKit adds a valued ARG to the
    # stage's environment, so for RUN and expansion the later one wins.
    args_over_env: frozenset[str]

    def __init__(
        self,
        args: Mapping[str, str | None],
        env: Mapping[str, str | None],
        user: str | None,
        user_instruction: User | None,
        workdir: str | None,
        shell: tuple[str, ...],
        shell_instruction: Shell | None,
        args_over_env: frozenset[str] = frozenset(),
    ) -> None:
        init(self, "args", args)
        init(self, "env", env)
        init(self, "user", user)
        init(self, "user_instruction", user_instruction)
        init(self, "workdir", workdir)
        init(self, "shell", shell)
        init(self, "shell_instruction", shell_instruction)
        init(self, "args_over_env", args_over_env)

    @property
    def variables(self) -> dict[str, str | None]:
        """What the builder expands in instructions and RUN sees: ARG, then ENV over
        it, unless an ARG came after the ENV (the last one set wins)."""
        merged = dict(self.args)
        merged.update(self.env)
        for name in self.args_over_env:
            merged[name] = self.args.get(name)
        return merged


class Model:
    """All facts rules need, computed on first use."""

    def __init__(
        self,
        file: Dockerfile,
        target: str | None = None,
        context: str | None = None,
        build_args: Mapping[str, str] | None = None,
    ) -> None:
        self.file = file
        self.requested_target = target
        self.context = context
        # `--build-arg NAME=VALUE`: the value of every ARG NAME, over its default.
        self.build_args: Mapping[str, str] = build_args or {}
        self._stage_by_node: dict[int, Stage] = {}
        self._state_by_node: dict[int, State] = {}
        self._onbuild_parent: dict[int, Onbuild] = {}
        self._merged_variables: dict[int, dict[str, str | None]] = {}
        self._state_variables: dict[int, dict[str, str | None]] = {}
        # id(stage) -> index in the stage of its first ENV with a key of unknown value.
        self._unknown_env_key_index: dict[int, int] = {}
        self._stage_by_name: dict[str, Stage] = {}
        self.global_args: dict[str, str | None] = {}
        self.global_arg_instructions: list[Arg] = []
        self.undefined_target: bool = False
        self._stages = self._build()

    @cached_property
    def context_ignore_lines(self) -> tuple[str, ...]:
        """The `.dockerignore` lines of the build context (`!x` for exceptions), when
        the Dockerfile is a file on disk that has one; `COPY .` leaves those paths out."""
        import os

        from ..dockerignore import load_for

        path = self.file.source.path
        if not os.path.isfile(path):
            return ()
        context = self.context or os.path.dirname(os.path.abspath(path))
        ignore = load_for(path, context)
        if ignore is None:
            return ()
        return tuple(("!" if p.exception else "") + p.text for p in ignore.patterns)

    # ------------------------------------------------------------------ stages

    @property
    def stages(self) -> list[Stage]:
        return self._stages

    def stage_of(self, node: Instruction) -> Stage | None:
        """The stage an instruction belongs to (None before the first FROM)."""
        parent = self._onbuild_parent.get(id(node))
        if parent is not None:
            node = parent
        return self._stage_by_node.get(id(node))

    def onbuild_parent(self, node: Instruction) -> Onbuild | None:
        """The ONBUILD wrapping this trigger instruction, if it is one."""
        return self._onbuild_parent.get(id(node))

    def stage_named(self, reference: str) -> Stage | None:
        """A stage by name (case-insensitive) or by index."""
        key = reference.lower()
        named = self._stage_by_name.get(key)
        if named is not None:
            return named
        if key.isdigit() and int(key) < len(self._stages):
            return self._stages[int(key)]
        return None

    @property
    def target(self) -> Stage | None:
        """The build target: `--target` when it names a stage, else the last stage."""
        for stage in self._stages:
            if stage.is_target:
                return stage
        return None

    @property
    def shipping_stages(self) -> list[Stage]:
        return [stage for stage in self._stages if stage.ships]

    # ------------------------------------------------------------------ scopes

    def state_at(self, node: Instruction) -> State:
        """Image state before `node` runs (for ONBUILD triggers: the state their stage
        ends with, which the stages built FROM it start with and run them in)."""
        state = self._state_by_node.get(id(node))
        if state is None:
            parent = self._onbuild_parent.get(id(node))
            state = self._state_by_node.get(id(parent)) if parent is not None else None
        if state is None:
            return State({}, {}, None, None, None, DEFAULT_SHELL, None)
        return state

    def variables_at(self, node: Instruction) -> dict[str, str | None]:
        """Variables the builder expands in this instruction (global ARGs for FROM).

        The dict is shared by every instruction with the same state: do not change it.
        """
        if isinstance(node, From):
            return self.global_args
        state = self.state_at(node)
        merged = self._merged_variables.get(id(state))
        if merged is None:
            merged = self.state_variables(state)
            stage = self.stage_of(node)
            defaults = stage.builder_defaults if stage is not None else {}
            if defaults:
                # `WORKDIR $HOME/app` on python:3 is /app: HOME exists only at run time.
                merged = {**defaults, **merged}
            if stage is not None and stage.builder_env_type is not dict:
                merged = stage.builder_env_type(merged)  # nothing else is set
            self._merged_variables[id(state)] = merged
        return merged

    def expand(self, word: Word | str, node: Instruction) -> str | None:
        """A word of an instruction after quote removal and expansion (None = unknown)."""
        text = word.text if isinstance(word, Word) else word
        escape = self.file.escape
        if "$" not in text and "'" not in text and '"' not in text and escape not in text:
            return text
        return expand(text, self.variables_at(node), self.file.escape)

    def unquote(self, word: Word | str) -> str:
        """A word with quotes and escapes removed, variables left as written."""
        text = word.text if isinstance(word, Word) else word
        return unquote(text, self.file.escape)

    def run_environment(self, node: Instruction) -> dict[str, str | None]:
        """Environment of a RUN's processes: ENV and ARG values (unknown = None), the
        known ENV of an official base image included (`golang` sets GOPATH=/go)."""
        return dict(self.state_variables(self.state_at(node)))

    def state_variables(self, state: State) -> dict[str, str | None]:
        """`state.variables`, computed once per state (consecutive instructions share
        one): do not change it."""
        variables = self._state_variables.get(id(state))
        if variables is None:
            variables = self._state_variables[id(state)] = state.variables
        return variables

    def names_run_may_find_set(self, node: Instruction) -> frozenset[str] | None:
        """On an official image whose ENV is known in full (or `scratch`): the names a
        RUN's process may find set without this file setting them (the image's ENV,
        the proxy variables, which reach RUN from `--build-arg` undeclared, and what
        the runtime or the shell sets); any other name the file does not set is surely
        unset, so `${NAME:-word}` is `word`. None on other images (they may set any)."""
        stage = self.stage_of(node)
        if stage is None or stage.builder_env_type is dict:
            return None
        image = stage.root_image
        names = (official_image_env_names(image) if image is not None else None) or frozenset()
        unknown_from = self._unknown_env_key_position(stage)
        if unknown_from is not None and unknown_from < self.position_in_stage(stage, node):
            return None  # `ENV $KEY=...` of an unknown KEY may have set any name
        # `--mount=type=secret,env=NAME` sets NAME; an ssh mount sets SSH_AUTH_SOCK.
        mounted = {
            mount.options["env"] if mount.type == "secret" else "SSH_AUTH_SOCK"
            for mount in self.mounts(node)
            if (mount.type == "secret" and mount.options.get("env")) or mount.type == "ssh"
        }
        return names | PROXY_ARGS | _RUNTIME_VARIABLES | mounted

    def _unknown_env_key_position(self, stage: Stage) -> int | None:
        """The index in the stage of its first ENV whose key is unknown (`ENV $K=v`),
        -1 when a stage it is built FROM has one; None when there is none."""

        def compute() -> int | None:
            base = stage.base_stage
            if (
                base is not None
                and base.index < stage.index
                and self._unknown_env_key_position(base) is not None
            ):
                return -1  # inherited
            # (Found while building: the ENV's keys expanded as variables_at(node) does.)
            return self._unknown_env_key_index.get(id(stage))

        return self.memo(("unknown-env-key", id(stage)), compute)

    def position_in_stage(self, stage: Stage, node: Instruction) -> int:
        """The index of `node` among the stage's instructions (-1: not one of them)."""

        def compute() -> dict[int, int]:
            return {id(item): index for index, item in enumerate(stage.instructions)}

        return self.memo(("positions", id(stage)), compute).get(id(node), -1)

    def unset_at(self, node: Instruction) -> frozenset[str]:
        """Names this file sets with ENV only in other stages, not in this one.

        ENV is not inherited across unrelated stages, so these are most likely unset
        for this RUN; the base image could still set them, so the shell model keeps
        their values unknown and rules decide (a package pinned to such a name is
        taken as unpinned, as hadolint does). Names also declared by an ARG are left
        out: build arguments come from outside.
        """
        state = self.state_at(node)
        names = self._env_only_names
        if not names:
            return frozenset()
        return frozenset(name for name in names if name not in state.env and name not in state.args)

    @cached_property
    def _env_only_names(self) -> frozenset[str]:
        """Every name an ENV of this file sets that no ARG declares."""
        env_names: set[str] = set()
        arg_names: set[str] = set()
        escape = self.file.escape
        for node in self.file.instructions:
            if isinstance(node, Arg):
                arg_names.update(unquote(d.name.text, escape) for d in node.declarations)
            elif isinstance(node, Env):
                env_names.update(unquote(pair.key.text, escape) for pair in node.pairs)
        return frozenset(env_names - arg_names)

    def home_at(self, node: Instruction) -> str | None:
        """$HOME for RUN: ENV HOME, else /root for root (the default user), else the home
        of a user the file creates or the official image has (`node`), else unknown.

        Without a USER in this file the base image's user is taken to be root, as it
        is for nearly every base image (and before any FROM, in a file that is linted
        although it cannot build), except on the images known to set another user
        (`images.sets_non_root_user`: unknown); Windows stages have no POSIX home.
        """
        state = self.state_at(node)
        if "HOME" in state.env:
            return state.env["HOME"]
        stage = self.stage_of(node)
        if stage is not None and stage.is_windows:
            return None
        if state.user is None:
            # No USER in this file: the base image's. A USER of unknown value: unknown.
            if state.user_instruction is not None:
                return None
            image = stage.root_image if stage is not None else None
            return None if image is not None and sets_non_root_user(image) else "/root"
        return self.home_of(node, state.user)

    def instructions_before(self, node: Instruction) -> list[Instruction]:
        """Instructions before `node` in its stage and the stages it is built FROM (an
        ONBUILD trigger stands at its ONBUILD)."""
        anchor = self.onbuild_parent(node) or node
        stage = self.stage_of(anchor)
        if stage is None:
            return []
        found: list[Instruction] = []
        for ancestor in stage.chain()[:-1]:
            found.extend(ancestor.instructions)
        for instruction in stage.instructions:
            if instruction is anchor:
                break
            found.append(instruction)
        return found

    def stage_and_descendants(self, stage: Stage) -> list[Stage]:
        """The stage and every stage built FROM it, directly or not (computed once)."""

        def children() -> dict[int, list[Stage]]:
            built_on: dict[int, list[Stage]] = {}
            for other in self.stages:
                if other.base_stage is not None and other.base_stage is not other:
                    built_on.setdefault(id(other.base_stage), []).append(other)
            return built_on

        def compute() -> list[Stage]:
            built_on = self.memo(("stage-children",), children)
            found, pending, seen = [], [stage], {id(stage)}
            while pending:
                current = pending.pop()
                found.append(current)
                for child in built_on.get(id(current), ()):
                    if id(child) not in seen:  # (a FROM loop is an error, not a hang)
                        seen.add(id(child))
                        pending.append(child)
            return sorted(found, key=lambda item: item.index)

        return self.memo(("descendants", id(stage)), compute)

    def chain_instructions(self, stage: Stage) -> tuple[list[Instruction], dict[int, int]]:
        """The instructions of the stage and of the stages it is built FROM, in order,
        and the position in that list of each of the stage's own (computed once)."""

        def compute() -> tuple[list[Instruction], dict[int, int]]:
            chain = [item for ancestor in stage.chain()[:-1] for item in ancestor.instructions]
            positions: dict[int, int] = {}
            for item in stage.instructions:
                positions.setdefault(id(item), len(chain))
                chain.append(item)
            return chain, positions

        return self.memo(("chain-instructions", id(stage)), compute)

    def chain_runs(self, stage: Stage) -> tuple[list[Run], dict[int, int]]:
        """The RUNs of `chain_instructions`, in order, and for each instruction of the
        stage how many of them come before it (a RUN's own index)."""

        def compute() -> tuple[list[Run], dict[int, int]]:
            chain = self.chain_instructions(stage)[0]
            runs: list[Run] = []
            before: dict[int, int] = {}
            first_own = len(chain) - len(stage.instructions)
            for position, item in enumerate(chain):
                if position >= first_own:
                    before.setdefault(id(item), len(runs))
                if isinstance(item, Run):
                    runs.append(item)
            return runs, before

        return self.memo(("chain-runs", id(stage)), compute)

    def home_of(self, node: Instruction, user: str) -> str | None:
        """The home of `user` (a name or uid, `user:group` allowed) for commands of
        `node`: /root for root, else see `_user_home`."""
        name = user.split(":", 1)[0]
        if name in ("root", "0"):
            return "/root"
        stage = self.stage_of(node)
        return self._user_home(stage, node, name) if stage is not None else None

    def _user_home(self, stage: Stage, node: Instruction, user: str) -> str | None:
        """The home of `user`: made by a `useradd`/`adduser` that surely ran in an
        earlier RUN of the stage or of the stages it is built FROM, else the one an
        official base image gives its own user (`node`); None when not known."""
        from .users import created_user, moved_home, official_image_user_home

        anchor = self.onbuild_parent(node) or node
        runs, runs_before = self.chain_runs(stage)
        count = runs_before.get(id(anchor), len(runs))  # (not in the stage: all)
        # found[i]: what the RUNs up to runs[i] say of the user's home (the last command
        # that creates the user or moves a home counts), filled as far as asked.
        found: list[tuple[str | None] | None] = self.memo(("user-home", id(stage), user), list)
        while len(found) < count:
            index = len(found)
            result = found[-1] if found else None
            for command in self.commands(runs[index]):
                moved = moved_home(command)
                if moved is not None and moved[0] in (user, None):
                    # `usermod -d DIR user`: the last move counts, if it surely ran.
                    result = (moved[1] if command.certain and moved[0] == user else None,)
                    continue
                created = created_user(command) if command.certain else None
                # runc looks a numeric USER up by uid (`USER 1001` after `useradd -u 1001`).
                if created is not None and user in (created[0], created[2]):
                    result = (created[1],)
            if len(found) == index:  # (unless a nested call filled it meanwhile)
                found.append(result)
        if count and found[count - 1] is not None:
            return found[count - 1][0]  # type: ignore[index]
        image = stage.root_image
        return official_image_user_home(image, user) if image is not None else None

    def is_posix_shell(self, node: Instruction) -> bool:
        """Whether shell-form commands of this instruction run in a POSIX shell."""
        stage = self.stage_of(node)
        state = self.state_at(node)
        if state.shell_instruction is None and stage is not None and stage.is_windows:
            return False
        return shell_program(state.shell) in _POSIX_SHELLS

    # ------------------------------------------------------------------ shell

    @cached_property
    def _scripts(self) -> dict[int, Script | None]:
        return {}

    def script(self, run: Run) -> Script | None:
        """The parsed shell script of a RUN (None: exec form of a non-shell, non-POSIX)."""
        key = id(run)
        if key not in self._scripts:
            from .shell import script_of_run

            self._scripts[key] = script_of_run(self, run)
        return self._scripts[key]

    def commands(self, run: Run) -> list[SimpleCommand]:
        """Simple commands of a RUN in execution order (nested `sh -c` included)."""
        script = self.script(run)
        return script.commands if script is not None else []

    def memo(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """A derived fact computed once per file (e.g. per stage) and shared by rules.

        Rules that would otherwise walk a stage at every instruction ask for the
        stage-wide fact once through this; `key` names the fact and its subject.
        """
        cache = self._memo
        if key not in cache:
            cache[key] = compute()
        value: T = cache[key]
        return value

    @cached_property
    def _memo(self) -> dict[tuple[object, ...], object]:
        return {}

    @cached_property
    def _package_commands(self) -> dict[int, PackageCommand | None]:
        return {}

    def package_command(self, command: SimpleCommand) -> PackageCommand | None:
        """The package-manager invocation of a command (apt-get, pip, npm ...), if any."""
        key = id(command)
        cache = self._package_commands
        if key not in cache:
            from .packages import parse_package_command

            cache[key] = parse_package_command(command)
        return cache[key]

    @cached_property
    def _steps(self) -> dict[int, list[Step]]:
        return {}

    def steps(self, run: Run) -> list[Step]:
        """Every command of a RUN (also ONBUILD triggers) with its file effects.

        A step's `effects` is None when the command is not in the model's command
        table (its effects are unknown); certain steps' effects make up the layer.
        """
        key = id(run)
        if key not in self._steps:
            from .fs import run_steps

            self._steps[key] = run_steps(self, run)
        return self._steps[key]

    def mounts(self, run: Run) -> list[Mount]:
        from .mounts import parse_mounts

        return parse_mounts(self, run)

    # ------------------------------------------------------------------ layers

    @cached_property
    def _filesystems(self) -> dict[int, FileSystem]:
        from .fs import build_filesystems

        return build_filesystems(self)

    def fs(self, stage: Stage) -> FileSystem:
        """The simulated filesystem of a stage (its ancestors' layers included)."""
        return self._filesystems[id(stage)]

    def layers(self, stage: Stage) -> list[Layer]:
        """Layers of this stage's own instructions (RUN, COPY, ADD), in order."""
        return self.fs(stage).own_layers

    def layer_of(self, node: Instruction) -> Layer | None:
        stage = self.stage_of(node)
        if stage is None or self.onbuild_parent(node) is not None:
            return None

        def index() -> dict[int, Layer]:
            found: dict[int, Layer] = {}
            for layer in self.layers(stage):
                found.setdefault(id(layer.instruction), layer)
            return found

        return self.memo(("layer-of", id(stage)), index).get(id(node))

    # ------------------------------------------------------------------ building

    def _build(self) -> list[Stage]:
        stages: list[Stage] = []
        escape = self.file.escape
        current: Stage | None = None
        unset_defaults: dict[str, str | None] = {}  # see Stage.builder_defaults
        variable_type: type[dict[str, str | None]] = dict  # see Stage.builder_env_type
        args: dict[str, str | None] = {}
        env: dict[str, str | None] = {}
        declared_in_stage: set[str] = set()
        user: str | None = None
        user_node: User | None = None
        workdir: str | None = None
        shell: tuple[str, ...] = DEFAULT_SHELL
        shell_node: Shell | None = None
        global_args: dict[str, str | None] = {name: None for name in PREDEFINED_ARGS}
        over_env: set[str] = set()  # see State.args_over_env
        saved: dict[
            int,
            tuple[
                tuple[
                    dict[str, str | None],
                    dict[str, str | None],
                    str | None,
                    User | None,
                    str | None,
                    tuple[str, ...],
                    Shell | None,
                ],
                set[str],
            ],
        ] = {}

        # The state before the next instruction, shared by consecutive instructions
        # until an ARG, ENV, USER, WORKDIR or SHELL changes it (None: build it anew).
        shared: State | None = None
        # What the builder expands in the stage's instructions, kept up to date as ARG
        # and ENV set names: unset_defaults, then args, env, and args over env.
        variables: dict[str, str | None] = {}

        # The file's ARGs and ENV of the current stage with their past versions, which
        # the States share (args and env are their latest versions, changed in place).
        args_history = _History({})
        env_history = _History({})
        frozen_over_env: frozenset[str] | None = None  # frozenset(over_env), kept

        def snapshot() -> State:
            nonlocal frozen_over_env
            if frozen_over_env is None or len(frozen_over_env) != len(over_env):
                frozen_over_env = frozenset(over_env)
            return State(
                args_history.view(),
                env_history.view(),
                user,
                user_node,
                workdir,
                shell,
                shell_node,
                frozen_over_env,
            )

        # A stage's ONBUILD triggers run in the stages built FROM it, which start with
        # its final state: they get that state when the stage ends.
        triggers: list[Instruction] = []

        def end_stage() -> None:
            final = snapshot()
            for trigger in triggers:
                self._state_by_node[id(trigger)] = final
            triggers.clear()

        for node in self.file.instructions:
            if isinstance(node, Onbuild) and node.trigger is not None:
                self._onbuild_parent[id(node.trigger)] = node
                if current is not None:
                    triggers.append(node.trigger)
            if isinstance(node, From):
                if current is not None:
                    saved[id(current)] = (
                        (args, env, user, user_node, workdir, shell, shell_node),
                        set(over_env),
                    )
                    end_stage()
                current = self._new_stage(node, len(stages), stages, global_args)
                unset_defaults = current.builder_defaults
                variable_type = current.builder_env_type
                stages.append(current)
                self._stage_by_node[id(node)] = current
                self._state_by_node[id(node)] = State(
                    dict(global_args), {}, None, None, None, DEFAULT_SHELL, None
                )
                declared_in_stage = set()
                parent = current.base_stage
                if parent is not None and id(parent) in saved:
                    # A stage built FROM another inherits its ARGs and ENV (BuildKit
                    # carries both in the stage's environment).
                    inherited, over_env = saved[id(parent)]
                    args, env, user, user_node, workdir, shell, shell_node = inherited
                    args, env, over_env = dict(args), dict(env), set(over_env)
                else:
                    args, env, over_env = {}, {}, set()
                    user, user_node, workdir, shell_node = None, None, None, None
                    shell = WINDOWS_SHELL if current.is_windows else DEFAULT_SHELL
                    if current.base_image is not None and current.base_image.is_scratch:
                        workdir = "/"
                    elif current.base_image is not None and not current.is_windows:
                        # BuildKit starts a stage with its base image's ENV and WORKDIR.
                        workdir = official_image_workdir(current.base_image)
                        env = dict(official_image_environment(current.base_image))
                shared = None
                args_history, env_history = _History(args), _History(env)
                frozen_over_env = None
                variables = variable_type(
                    {
                        **unset_defaults,
                        **args,
                        **env,
                        **{name: args.get(name) for name in over_env},
                    }
                )
                continue
            if current is None:
                # Before the first FROM: ARGs are global; other instructions are invalid.
                if isinstance(node, Arg):
                    self.global_arg_instructions.append(node)
                    for declaration in node.declarations:
                        name = unquote(declaration.name.text, escape)
                        if name in self.build_args:
                            global_args[name] = self.build_args[name]
                        elif declaration.default is None:
                            global_args.setdefault(name, None)
                            if name not in PREDEFINED_ARGS:
                                global_args[name] = global_args.get(name)
                        else:
                            global_args[name] = expand(
                                declaration.default.text, global_args, escape
                            )
                        self.global_args[name] = global_args[name]
                else:
                    # A file without FROM cannot build, but it is still linted (hadolint's
                    # own tests are such files): later instructions see earlier ENVs,
                    # SHELLs and WORKDIRs (the first FROM starts afresh).
                    self._state_by_node[id(node)] = State(
                        dict(global_args), env, None, None, workdir, shell, shell_node
                    )
                    if isinstance(node, Env):
                        before, env = env, dict(env)
                        for pair in node.pairs:
                            key = unquote(pair.key.text, escape)
                            env[key] = expand(pair.value.text, before, escape)
                    elif isinstance(node, Shell) and isinstance(node.command, ExecForm):
                        shell, shell_node = node.command.argv, node
                    elif isinstance(node, Workdir) and node.path is not None:
                        path = expand(node.path.text, {**global_args, **env}, escape)
                        if path and path.startswith("/"):
                            workdir = posixpath.normpath(path)
                        elif path and workdir is not None:
                            workdir = posixpath.normpath(posixpath.join(workdir, path))
                        else:
                            workdir = None
                continue
            self._stage_by_node[id(node)] = current
            current.instructions.append(node)
            if shared is None:
                shared = snapshot()
            self._state_by_node[id(node)] = shared
            if isinstance(node, Arg):
                shared = None
                args_history.next_version()
                for declaration in node.declarations:
                    name = unquote(declaration.name.text, escape)
                    declared_in_stage.add(name)
                    if name in self.build_args:
                        value = self.build_args[name]
                    elif declaration.default is not None:
                        value = expand(declaration.default.text, variables, escape)
                    elif global_args.get(name) is not None:
                        value = global_args[name]
                    else:
                        # BuildKit sets nothing for an ARG that gets no value: what the
                        # name held (from the stage it is built FROM, an ENV, an earlier
                        # ARG) stays; a name that held nothing stays unknown.
                        value = variables.get(name)
                    args[name] = value
                    args_history.set(name, value)
                    # Unlike ENV, ARG sets its pairs one by one: `ARG V=2 D=/v$V`.
                    variables[name] = value
                    if name in env and name not in over_env:
                        over_env.add(name)
                        frozen_over_env = None
            elif isinstance(node, Env):
                # All values of one ENV are expanded with the variables as they were
                # before it: `ENV A=1 B=$A` does not see the new A.
                shared = None
                env_history.next_version()
                set_keys: list[str] = []
                for pair in node.pairs:
                    # The builder expands keys too (`ENV $NAME=value`); a key of unknown
                    # value sets a name the model cannot know.
                    key = expand(pair.key.text, variables, escape)
                    if key is None:
                        self._unknown_env_key_index.setdefault(
                            id(current), len(current.instructions) - 1
                        )
                        continue
                    env[key] = expand(pair.value.text, variables, escape)
                    env_history.set(key, env[key])
                    if key in over_env:
                        over_env.discard(key)
                        frozen_over_env = None
                    set_keys.append(key)
                for key in set_keys:
                    variables[key] = env[key]
            elif isinstance(node, User) and node.user is not None:
                shared = None
                user = expand(node.user.text, variables, escape)
                user_node = node
            elif isinstance(node, Workdir) and node.path is not None:
                shared = None
                path = expand(node.path.text, variables, escape)
                if not path:
                    workdir = None  # unknown, or empty: the builder stops there
                elif path.startswith("/"):
                    workdir = posixpath.normpath(path)
                elif workdir is not None:
                    workdir = posixpath.normpath(posixpath.join(workdir, path))
                else:
                    workdir = None
            elif isinstance(node, Shell) and isinstance(node.command, ExecForm):
                shared = None
                shell = node.command.argv
                shell_node = node
            elif isinstance(node, (Copy, Run)):
                self._add_edges(current, node, stages)
        end_stage()
        self._mark_target_and_shipping(stages)
        return stages

    def _new_stage(
        self, node: From, index: int, stages: list[Stage], global_args: dict[str, str | None]
    ) -> Stage:
        escape = self.file.escape
        name = node.stage_name.text.lower() if node.stage_name is not None else None
        base_text: str | None = None
        if node.image is not None:
            # FROM sees the global ARGs only: any other name is empty (no --build-arg
            # can set an ARG that is not declared before the first FROM).
            visible = dict(global_args)
            for referenced, _, _ in variable_references(node.image.text, escape):
                visible.setdefault(referenced, "")
            base_text = expand(node.image.text, visible, escape)
        base_stage = None
        base_image = None
        if base_text is not None:
            base_stage = self._stage_by_name.get(base_text.lower())
            if base_stage is None:
                base_image = parse_image(base_text)
        platform_flag = node.flag("platform")
        platform = platform_flag.value if platform_flag is not None else None
        stage = Stage(index, node, name, base_text, base_image, base_stage, platform)
        if name is not None:
            # A name defined twice (LL2006) means its latest stage, as in BuildKit: a
            # FROM sees the latest before it, a target the last.
            self._stage_by_name[name] = stage
        os_name = (platform or "").split("/", 1)[0].lower()
        if os_name in ("windows", "linux") and "$" not in (platform or ""):
            stage.is_windows = os_name == "windows"  # `FROM --platform=linux/amd64 ...`
        elif base_stage is not None:
            stage.is_windows = base_stage.is_windows
        elif base_image is not None:
            stage.is_windows = _windows_image(base_image)
        return stage

    def _add_edges(self, stage: Stage, node: Copy | Run, stages: list[Stage]) -> None:
        references: list[tuple[str, str]] = []
        if isinstance(node, Copy):
            flag = node.flag("from")
            if flag is not None and flag.value:
                references.append((flag.value, "copy"))
        else:
            from .mounts import mount_options

            for flag in node.flags_named("mount"):
                options = mount_options(flag.value or "")
                if "from" in options:
                    references.append((options["from"], "mount"))
        from .stage_refs import has_variable

        for reference, kind in references:
            # BuildKit does not expand `--from`: a variable there fails the build.
            value = None if has_variable(reference) else self.unquote(reference)
            target_stage = None
            image = None
            if value is not None:
                target_stage = self._earlier_stage(value, stage, stages)
                if target_stage is None:
                    image = parse_image(value)
            stage.edges.append(StageEdge(node, reference, target_stage, image, kind))

    def _earlier_stage(self, reference: str, current: Stage, stages: list[Stage]) -> Stage | None:
        """A stage before `current`, by name (case-insensitive) or index."""
        key = reference.lower()
        named = self._stage_by_name.get(key)
        if named is not None and named.index >= current.index:
            # Defined again later: the latest definition before this stage.
            named = next(
                (stage for stage in reversed(stages[: current.index]) if stage.name == key), None
            )
        if named is not None and named.index < current.index:
            return named
        if key.isdigit():
            index = int(key)
            if index < current.index:
                return stages[index]
        return None

    def _mark_target_and_shipping(self, stages: list[Stage]) -> None:
        if not stages:
            self.undefined_target = bool(self.requested_target)
            return
        target = stages[-1]
        if self.requested_target:
            # BuildKit finds the target by name only (not by index, unlike COPY --from).
            key = self.requested_target.lower()
            named = next((stage for stage in reversed(stages) if stage.name == key), None)
            if named is not None:
                target = named
            else:
                self.undefined_target = True
        target.is_target = True
        target.ships = True
        for ancestor in target.ancestors():
            ancestor.ships = True
