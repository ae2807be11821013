"""A RUN refreshes the package index but installs nothing.

Index refreshes are `apt-get update` (and `apt update`), `apk update`,
`yum makecache`, `dnf makecache` and `zypper refresh`. The rule reports one when no
command of the same RUN installs or upgrades packages, in any stage and in ONBUILD
triggers, also when the index is kept in a cache mount (the RUN itself is cached and
not run again). A RUN with a command whose effects layerlint does not know (a script
that may install packages itself), or one that deletes the index again, is not
reported.

## Why is this bad?

The builder caches every instruction by its text. A RUN that only refreshes the
index is built once and then reused from the cache on every later build, however
old its index has become; the `apt-get install` in the next RUN then asks for
package versions the stale index may no longer find on the mirrors, or misses
security updates. Refreshing and installing in the same RUN re-runs both whenever
the package list changes. The index also takes space in a layer of its own, where
no later cleanup can remove it. (Trivy's DS017 and Checkov's CKV_DOCKER_5 check the
same for `apt-get update`.)

## Example

```dockerfile
FROM ubuntu:24.04
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Use instead

```dockerfile
FROM ubuntu:24.04
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
```

## Fix

None. Refresh the index in the RUN that installs the packages.

## References

- [Docker docs: Best practices, apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
- [Trivy DS017: update instruction alone](https://avd.aquasec.com/misconfig/dockerfile/general/avd-ds-0017/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.lazy_re import lazy_compile
from layerlint.model.fs import CREATED, DELETED, Step, touches
from layerlint.model.packages import PackageCommand
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL5005",
    name="package-index-in-own-layer",
    severity=Severity.WARNING,
    message="{command} refreshes the package index in a RUN that installs nothing{why}",
    visits=("RUN",),
    tags=("layers", "cache"),
)

# (manager, action) of the commands that only refresh the package index.
_REFRESHES = frozenset(
    {
        ("apt", "update"),
        ("apk", "update"),
        ("yum", "makecache"),
        ("dnf", "makecache"),
        ("zypper", "refresh"),
    }
)
# Actions that change packages besides those `PackageCommand.installs` names: yum,
# dnf and zypper use `update` for upgrades.
_UPGRADES = frozenset(
    {
        ("yum", "update"),
        ("dnf", "update"),
        ("zypper", "update"),
        ("zypper", "patch"),
        ("dnf", "distro-sync"),
        ("yum", "distro-sync"),
        ("apk", "fix"),
    }
)


_ACTION = lazy_compile(r"[a-z][a-z-]*( [a-z][a-z-]*)?\Z")


def _changes_packages(invocation: PackageCommand) -> bool:
    return invocation.installs or (invocation.manager, invocation.action) in _UPGRADES


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    model = ctx.model
    steps = model.steps(node)
    refreshes: list[tuple[int, PackageCommand]] = []
    removes = False
    for index, step in enumerate(steps):
        invocation = model.package_command(step.command)
        if invocation is not None:
            if _changes_packages(invocation) or not _ACTION.match(invocation.action):
                return  # installs, or an action layerlint cannot read
            if (invocation.manager, invocation.action) in _REFRESHES:
                refreshes.append((index, invocation))
            removes = removes or bool(invocation.removed)
        elif step.effects is None:
            return  # a command of unknown effect may install packages itself
    for index, invocation in refreshes:
        if _deleted_later(steps, index):
            continue  # pointless, but nothing stays behind
        command = steps[index].command
        action = invocation.action_word.text if invocation.action_word is not None else ""
        why = _NOT_NEEDED if removes else _STALE
        yield ctx.report(command.span, command=f"{invocation.program} {action}", why=why)
        return


_STALE = (
    ", which the build cache keeps with an index that goes stale for the installs that"
    " follow: refresh it in the RUN that installs the packages"
)
_NOT_NEEDED = ": removing packages needs no index, so drop the refresh"


def _deleted_later(steps: list[Step], index: int) -> bool:
    """Whether the same RUN deletes the index the refresh at `index` wrote."""
    written = [
        effect
        for effect in steps[index].effects or ()
        if effect.kind == CREATED and effect.category == "package-index"
    ]
    deletions = [
        effect
        for step in steps[index + 1 :]
        if step.command.certain
        for effect in step.effects or ()
        if effect.kind == DELETED
    ]
    return bool(written) and all(
        any(touches(deletion, effect) for deletion in deletions) for effect in written
    )
