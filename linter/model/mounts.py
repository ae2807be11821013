"""`RUN --mount=...` options: what is mounted where (not part of the layer)."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from ..nodes import Flag, Run
from ..records import Record, init

if TYPE_CHECKING:
    from . import Model

_TARGET_KEYS = ("target", "dst", "destination")
_SOURCE_KEYS = ("source", "src")


def mount_options(value: str) -> dict[str, str]:
    """`type=cache,target=/x,ro` as a dict (`ro` -> {"ro": "true"}); keys lower-case."""
    import csv  # only files with --mount pay for it

    try:
        fields = next(csv.reader([value]))
    except (csv.Error, StopIteration):
        fields = value.split(",")
    options: dict[str, str] = {}
    for item in fields:
        key, equals, setting = item.partition("=")
        key = key.strip().lower()
        if key:
            options[key] = setting.strip() if equals else "true"
    return options


class Mount(Record):
    """One `--mount`: type (bind, cache, tmpfs, secret, ssh), target, source, options."""

    __slots__ = ("type", "target", "source", "options", "flag")

    type: str
    target: str | None
    source: str | None
    options: dict[str, str]
    flag: Flag

    def __init__(
        self,
        type: str,
        target: str | None,
        source: str | None,
        options: dict[str, str],
        flag: Flag,
    ) -> None:
        init(self, "type", type)
        init(self, "target", target)
        init(self, "source", source)
        init(self, "options", options)
        init(self, "flag", flag)

    @property
    def id(self) -> str | None:
        return self.options.get("id")


def parse_mounts(model: Model, run: Run) -> list[Mount]:
    """The mounts of a RUN with targets expanded and made absolute (None = unknown)."""
    mounts = []
    workdir = model.state_at(run).workdir
    ssh_count = 0
    for flag in run.flags_named("mount"):
        options = mount_options(flag.value or "")
        kind = options.get("type", "bind").lower()
        target = next((options[key] for key in _TARGET_KEYS if key in options), None)
        source = next((options[key] for key in _SOURCE_KEYS if key in options), None)
        if kind == "secret" and target is None:
            # BuildKit: the id is the source when one is given; the file is named
            # after its last part.
            secret_id = source or options.get("id")
            if secret_id and "env" not in options:
                target = "/run/secrets/" + posixpath.basename(secret_id.rstrip("/"))
        if kind == "ssh" and target is None:
            # BuildKit numbers the agent sockets of a RUN's ssh mounts in order.
            target = f"/run/buildkit/ssh_agent.{ssh_count}"
        if kind == "ssh":
            ssh_count += 1
        if target is not None:
            expanded = model.expand(target, run) if "$" in target else target
            if expanded is not None and not expanded.startswith("/"):
                expanded = posixpath.join(workdir, expanded) if workdir else None
            target = posixpath.normpath(expanded) if expanded else None
            if target is not None and target.startswith("//"):
                target = "/" + target.lstrip("/")
        mounts.append(Mount(kind, target, source, options, flag))
    return mounts
