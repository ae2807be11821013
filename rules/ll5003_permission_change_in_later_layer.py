"""A RUN changes the mode or owner of files that an earlier layer created.

The rule reports `chmod`, `chown` and `chgrp` on a path that layerlint knows an
earlier layer of this Dockerfile created (a COPY, an ADD, a download, a directory
made by `mkdir`), in a stage the image ships. Changing files the same RUN created,
files of the base image or of unknown origin, and anything in a build-only stage or
in an ONBUILD trigger is not reported. A directory made by `mkdir` or a file made by
`touch` holds nothing to copy: changing it later is not reported either, nor is a
change without `-R` of a directory an earlier layer filled (`chmod 2775 /opt/conda`
copies the directory entry, not the files in it), nor a change the same RUN undoes
by deleting the path again (`chmod +x /tmp/setup.sh && /tmp/setup.sh && rm
/tmp/setup.sh`; LL5001 reports the deletion).

## Why is this bad?

A layer stores whole files. Changing only the mode or owner of a file makes the new
layer hold a complete copy of it, so a `chown -R` over an application directory
doubles the space that directory takes in the image, and a `chmod +x` on a large
binary ships the binary twice. `COPY --chmod` and `COPY --chown` set the mode and
owner while copying, at no cost; files a RUN creates can get their final mode and
owner in that same RUN.

## Example

```dockerfile
FROM python:3.12-slim
RUN useradd --create-home app
COPY . /srv/app
RUN chown -R app:app /srv/app
USER app
```

## Use instead

```dockerfile
FROM python:3.12-slim
RUN useradd --create-home app
COPY --chown=app:app . /srv/app
USER app
```

## Fix

None. Use `COPY --chown=user:group` and `COPY --chmod=mode` (or `ADD`), or move
the `chmod`/`chown` into the RUN that creates the files.

## References

- [Dockerfile reference: COPY --chown --chmod](https://docs.docker.com/reference/dockerfile/#copy---chown---chmod)
- [Docker docs: Best practices for writing Dockerfiles](https://docs.docker.com/build/building/best-practices/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.fs import MODIFIED, Effect, Layer, Origin, deleted_later_in_layer
from layerlint.model.paths import names_a_file
from layerlint.model.users import created_user
from layerlint.nodes import Add, Copy, Run
from layerlint.rule import Context, Rule

from ._layers import origin_layers, shipping_layer, touched_name

RULE = Rule(
    code="LL5003",
    name="permission-change-in-later-layer",
    severity=Severity.WARNING,
    message=(
        "{command} on {path}, which {layers} created, copies every file it"
        " touches into a new layer: {remedy}"
    ),
    visits=("RUN",),
    tags=("layers", "size"),
    visits_onbuild=False,
)

_PERMISSION_COMMANDS = frozenset({"chmod", "chown", "chgrp"})


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    layer = shipping_layer(ctx.model, node)
    if layer is None:
        return
    fs = ctx.model.fs(layer.stage)
    for effect in layer.of_kind(MODIFIED):
        if effect.action not in _PERMISSION_COMMANDS:
            continue
        origins = fs.origins_of(effect)
        if not origins or deleted_later_in_layer(layer, effect):
            continue  # unknown origin, or the RUN deletes the path again: nothing copied
        if not effect.recursive and all(_directory(origin, effect) for origin in origins):
            continue  # `chmod 2775 /opt/conda`: only the directory itself is copied
        flag = "--chown" if effect.action in ("chown", "chgrp") else "--chmod"
        if any(origin.created.unpacked for origin in origins):
            # BuildKit keeps the modes and owners of an archive's members: ADD's --chmod
            # does not reach them.
            remedy = f"unpack the archive and run {effect.action} in one RUN"
        elif all(origin.created.action in ("COPY", "ADD") for origin in origins):
            keyword = "ADD" if all(o.created.action == "ADD" for o in origins) else "COPY"
            remedy = f"set it with {keyword} {flag} instead"
            owner = _owner(layer, effect) if flag == "--chown" else None
            if (
                owner is not None
                and _root(owner)
                and not any(_keeps_other_owner(origin) for origin in origins)
            ):
                remedy = f"{keyword} already makes them root's: drop the {effect.action}"
            elif owner is not None and _made_in(ctx, node, owner.split(":")[0]):
                # The user does not exist at the COPY: BuildKit could not resolve it.
                remedy = (
                    f"create the user in a RUN before the {keyword}, then use {keyword}"
                    f" --chown={owner}"
                )
        elif any(origin.created.action in ("COPY", "ADD") for origin in origins):
            copies = sorted({o.created.action for o in origins} & {"COPY", "ADD"}, reverse=True)
            remedy = (
                f"set it with {' and '.join(copies)} {flag} on the copies, and run"
                f" {effect.action} in the RUN that creates the other files"
            )
            owner = _owner(layer, effect) if flag == "--chown" else None
            if owner is not None and _made_in(ctx, node, owner.split(":")[0]):
                remedy = "create the user in an earlier RUN, then " + remedy
        else:
            remedy = f"run {effect.action} in the RUN that creates the files"
        yield ctx.report(
            effect.span,
            command=effect.action,
            path=touched_name(effect, origins),
            layers=origin_layers(origins),
            remedy=remedy,
        )


def _owner(layer: Layer, effect: Effect) -> str | None:
    """The OWNER[:GROUP] (or group, for chgrp) the command behind `effect` sets."""
    for step in layer.steps:
        if step.effects is not None and any(item is effect for item in step.effects):
            operands = [w.value for w in step.command.args if not (w.value or "-").startswith("-")]
            return operands[0] if operands and operands[0] is not None else None
    return None


def _root(owner: str) -> bool:
    """`root`, `0`, `root:root`, `0:0`, `root:` (the user's group): root's, whole."""
    user, _, group = owner.partition(":")
    return user in ("root", "0") and group in ("", "root", "0")


def _keeps_other_owner(origin: Origin) -> bool:
    """A COPY whose files may not be root's: `--chown`, or `--from` (which keeps the
    owners the files have in the other stage or image)."""
    instruction = origin.layer.instruction
    if not isinstance(instruction, (Copy, Add)):
        return True
    return instruction.flag("chown") is not None or instruction.flag("from") is not None


def _made_in(ctx: Context, node: Run, user: str) -> bool:
    """Whether `node` itself creates the user (`useradd app && chown -R app ...`)."""
    return any(
        (found := created_user(command)) is not None and user in (found[0], found[2])
        for command in ctx.model.commands(node)
    )


def _directory(origin: Origin, effect: Effect) -> bool:
    """Whether the changed path is a directory the origin filled (a tree, or a copy of
    what looks like a directory)."""
    created = origin.created
    if created.path != effect.path:
        return False
    return created.contents or (created.copied and not names_a_file(created.path))
