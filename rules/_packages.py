"""Queries shared by the package-manager rules (family 3).

The facts come from the model (`linter/model/packages.py` parses the command lines,
`linter/model/leftovers.py` says which caches a RUN leaves in its layer); this module
only selects and words them, so that each rule stays a short query:

- `invocations`: the package-manager commands of a RUN, by manager and action;
- `unpinned_report`: one finding per command that installs packages without a version;
- `stdin_is_piped` and `configured_before`: when a missing `-y` or option is
  supplied another way (`yes |`, a setting written into the tool's configuration);
- `ships` and `cache_reports`: caches left in a layer of an image that ships.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from layerlint.findings import Finding, Span
from layerlint.model.images import busybox_userland as images_busybox_userland
from layerlint.model.leftovers import caches_left
from layerlint.model.packages import APT_SIMULATE, Package, PackageCommand
from layerlint.model.shell import SimpleCommand
from layerlint.model.variables import references
from layerlint.nodes import Add, Copy, Instruction, Run
from layerlint.rule import Context


def invocations(
    ctx: Context,
    run: Run,
    managers: Iterable[str],
    actions: Iterable[str] | None = None,
    programs: Iterable[str] | None = None,
) -> Iterator[tuple[SimpleCommand, PackageCommand]]:
    """Package-manager commands of a RUN of these managers (and actions, programs)."""
    wanted_actions = set(actions) if actions is not None else None
    wanted_programs = set(programs) if programs is not None else None
    for command in ctx.model.commands(run):
        invocation = ctx.model.package_command(command)
        if invocation is None or invocation.manager not in managers:
            continue
        if wanted_actions is not None and invocation.action not in wanted_actions:
            continue
        if wanted_programs is not None and invocation.program not in wanted_programs:
            continue
        if invocation.manager == "apt" and invocation.has(*APT_SIMULATE):
            continue  # `apt-get install -s` only prints what it would do
        yield command, invocation


def program_span(command: SimpleCommand) -> Span:
    """Where the program name of a command is (after wrappers such as sudo)."""
    words = command.argv_words
    return words[0].span if words else command.span


def package_list(packages: list[Package], limit: int = 3) -> str:
    """`a, b, c and 4 more` for a message."""
    names = [package.spec for package in packages]
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def unpinned_report(
    ctx: Context,
    node: Run,
    invocation: PackageCommand,
    packages: list[Package],
    floating: tuple[str, ...] = (),
) -> Finding | None:
    """One finding at the first certainly unpinned package (None when all are pinned).

    Packages whose value the model does not know (`$PACKAGES`, `git-$VERSION` with an
    unknown variable) are not judged, except a version made only of names that this
    file sets with ENV in other stages, never in this one (`git-core-${version}` after
    `ENV version=...` in a builder stage): ENV does not cross unrelated stages, so the
    pin is most likely empty here. `floating`: versions that name no fixed release
    (`latest`), reported like a missing version.
    """
    unset = ctx.model.unset_at(node)
    unpinned = [
        package
        for package in packages
        if package.unpinned
        or (package.known and package.version in floating)
        or _pinned_to_other_stage(package, unset)
    ]
    if not unpinned:
        return None
    return ctx.report(
        unpinned[0].word.span,
        program=invocation.program,
        action=invocation.action,
        packages=package_list(unpinned),
        first=unpinned[0].name,
        count="is" if len(unpinned) == 1 else "are",
        it="it" if len(unpinned) == 1 else "each",
    )


def _pinned_to_other_stage(package: Package, unset: frozenset[str]) -> bool:
    """`name-${version}` whose variables are all set by ENV only in other stages."""
    literal = package.word.literal
    if package.known or not unset or "$(" in literal or "`" in literal:
        return False
    names = {name for name, _, _ in references(package.word.raw)}
    prefix = literal.split("$", 1)[0]
    return bool(names) and names <= unset and any(char.isalnum() for char in prefix)


def stdin_is_piped(command: SimpleCommand) -> bool:
    """Whether the command reads a pipe (`yes | apt-get install ...`) or a redirect."""
    piped = (
        command.pipeline is not None and command.pipeline_length > 1 and command.pipeline_index > 0
    )
    return piped or any(redirect.operator.startswith("<") for redirect in command.redirects)


# Programs that write configuration files from their arguments, and tools that do so
# with a `config` subcommand (`pip config set global.no-cache-dir false`).
_CONFIG_WRITERS = frozenset(
    {
        "tee",
        "sed",
        "cp",
        "mv",
        "install",
        "ln",
        "crudini",
        "yum-config-manager",
        "dnf-config-manager",
    }
)
_TOOLS_WITH_CONFIG = frozenset({"pip", "pip3", "npm", "yarn", "git", "dnf", "zypper"})


def configured_before(
    ctx: Context,
    run: Run,
    command: SimpleCommand,
    needles: tuple[str, ...],
    directories: tuple[str, ...],
) -> bool:
    """Whether a setting may have been written into a tool's configuration earlier.

    True when an earlier command that writes a file (a `>` redirection, tee, sed ...,
    or a pipeline holding one) mentions one of `needles` (`Assume-Yes`,
    `no-cache-dir` ...) -- in the same RUN, in earlier RUNs of the stage or of the
    stages it is built FROM -- or when an earlier COPY/ADD writes below one of
    `directories` (`/etc/apt`): its content is unknown, so the rule stays silent
    rather than guess. An option given to one command does not count.
    """
    lowered = tuple(needle.lower() for needle in needles)

    def writes(candidate: SimpleCommand) -> bool:
        if candidate.name in _TOOLS_WITH_CONFIG:
            return bool(candidate.args) and candidate.args[0].value == "config"
        return candidate.name in _CONFIG_WRITERS or any(
            redirect.writes for redirect in candidate.redirects
        )

    def configures(commands: list[SimpleCommand]) -> bool:
        writing_pipelines = {c.pipeline for c in commands if c.pipeline is not None and writes(c)}
        for candidate in commands:
            if not (
                writes(candidate)
                or (candidate.pipeline in writing_pipelines and candidate.pipeline is not None)
            ):
                continue
            for word in candidate.words:
                text = (word.value or word.literal).lower()
                if any(needle in text for needle in lowered):
                    return True
        return False

    same_run = ctx.model.commands(run)
    if command in same_run and configures(same_run[: same_run.index(command)]):
        return True
    # Whether each instruction before `run` (in its stage's chain) configures: the
    # answers do not depend on `run`, so they are kept per stage and filled as asked.
    model = ctx.model
    anchor = model.onbuild_parent(run) or run
    stage = model.stage_of(anchor)
    if stage is None:
        return False
    chain, positions = model.chain_instructions(stage)
    count = positions.get(id(anchor), len(chain))
    scanned = model.memo(("configured-before", id(stage), lowered, directories), lambda: [0, False])
    while not scanned[1] and scanned[0] < count:
        instruction = chain[scanned[0]]
        if isinstance(instruction, Run):
            hit = configures(model.commands(instruction))
        elif isinstance(instruction, (Copy, Add)) and instruction.destination is not None:
            destination = model.expand(instruction.destination, instruction)
            hit = destination is None or destination.startswith(directories)
        else:
            hit = False
        if hit:
            scanned[1] = True  # scanned[0] is then the first that configures
        else:
            scanned[0] += 1
    return scanned[1] and scanned[0] < count


# Actions of dnf/yum/microdnf that ask "Is this ok [y/N]" before changing packages.
RPM_CONFIRMING = frozenset(
    {
        "install",
        "reinstall",
        "upgrade",
        "update",
        "upgrade-minimal",
        "downgrade",
        "remove",
        "autoremove",
        "distro-sync",
        "groupinstall",
        "groupupdate",
        "groupremove",
        "localinstall",
        "localupdate",
        "swap",
        "group install",
        "group upgrade",
        "group remove",
        "groups install",
        "module install",
        "module enable",
        "module remove",
        "module reset",
        "module switch-to",
    }
)


def rpm_assumes_yes(
    ctx: Context, run: Run, command: SimpleCommand, invocation: PackageCommand
) -> bool:
    """Whether a dnf/yum command runs without asking: `-y`, `assumeyes` or a pipe."""
    if invocation.has("-y", "--assumeyes", "--assumeno"):
        return True
    settings = invocation.option_values.get("--setopt", [])
    if any(setting.replace(" ", "").lower().startswith("assumeyes=") for setting in settings):
        return True
    return stdin_is_piped(command) or configured_before(
        ctx, run, command, ("assumeyes",), ("/etc/yum", "/etc/dnf")
    )


def ships(ctx: Context, node: Instruction) -> bool:
    """Whether what this instruction leaves in its layer ends up in a shipped image.

    True for the build target and the stages it is built FROM, for instructions
    before any FROM (nothing says otherwise), and for ONBUILD triggers: an ONBUILD
    says the stage is meant as a base image, and the trigger runs in the image built
    on it.
    """
    if ctx.model.onbuild_parent(node) is not None:
        return True
    stage = ctx.model.stage_of(node)
    return stage is None or stage.ships


def cache_reports(
    ctx: Context,
    run: Run,
    managers: Iterable[str],
    actions: Iterable[str] | None = None,
    categories: Iterable[str] = ("cache", "package-index"),
    silenced: Callable[[SimpleCommand], bool] | None = None,
) -> Iterator[Finding]:
    """One finding per command of these managers that leaves its cache in the layer.

    `silenced(command)`: the rule knows the cache may be off another way.
    """
    if not ships(ctx, run):
        return
    wanted_actions = set(actions) if actions is not None else None
    wanted_categories = set(categories)
    reported: set[int] = set()
    for leftover in caches_left(ctx.model, run):
        invocation = leftover.invocation
        if invocation.manager not in managers or leftover.category not in wanted_categories:
            continue
        if wanted_actions is not None and invocation.action not in wanted_actions:
            continue
        if id(leftover.command) in reported or (
            silenced is not None and silenced(leftover.command)
        ):
            continue
        reported.add(id(leftover.command))
        yield ctx.report(
            program_span(leftover.command),
            program=invocation.program,
            action=invocation.action,
            path=leftover.path,
        )


def busybox_userland(ctx: Context, node: Instruction) -> bool:
    """Whether the node's stage is built on Alpine or BusyBox (see
    images.busybox_userland)."""
    stage = ctx.model.stage_of(node)
    image = stage.root_image if stage is not None else None
    return image is not None and images_busybox_userland(image)


def installed_in_stage(ctx: Context, node: Run, name: str, including: bool) -> bool:
    """Whether a RUN before the node, in its stage or a stage it is built FROM
    (`including`: or the node itself), installs the package `name`."""
    model = ctx.model
    anchor = model.onbuild_parent(node) or node
    stage = model.stage_of(anchor)
    if stage is not None:
        # The earlier RUNs' answers do not depend on `node`: kept per stage and name
        # (position of the first RUN that installs it), filled as far as asked.
        chain, positions = model.chain_instructions(stage)
        count = positions.get(id(anchor), len(chain))
        scanned = model.memo(("installed-in-stage", id(stage), name), lambda: [0, False])
        while not scanned[1] and scanned[0] < count:
            item = chain[scanned[0]]
            if isinstance(item, Run) and _installs(ctx, item, name):
                scanned[1] = True
            else:
                scanned[0] += 1
        if scanned[1] and scanned[0] < count:
            return True
    return including and _installs(ctx, node, name)


def _installs(ctx: Context, run: Run, name: str) -> bool:
    for command in ctx.model.commands(run):
        invocation = ctx.model.package_command(command)
        if invocation is not None and any(p.name == name for p in invocation.installed):
            return True
    return False
