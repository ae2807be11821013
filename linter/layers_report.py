"""`layerlint layers`: the layer and filesystem model of each stage, for people and tools.

JSON shape (relied on by tools):

    {"stages": [{"index", "name", "base", "ships", "layers": [
        {"line", "end_line", "instruction", "created": [path, ...], "modified": [path, ...],
         "deleted": [{"path", "created_line"}], "packages_installed": [...],
         "packages_removed": [...], "unknown_commands": [...], "excluded": [...]}]}]}

Each stage also has `target` (it is the build target), `platform` (its `--platform`
as written, or null), `base_stage` (the index of the stage it is built FROM, or
null), `base_image` (`{"registry", "name", "tag", "digest"}` of its image, Docker
Hub as `docker.io` with official images named without `library/`; null for a stage,
`scratch` or an unknown base) and `sources`: what its COPY --from and RUN
--mount=from= read, `[{"line", "kind": "copy"|"mount", "reference", "stage":
index|null, "image": text|null}]` (both null when the reference names neither, or
holds a variable).

`created` leaves out what the layer deletes again itself (it never reaches the image).
`created_line` is the line of the earlier layer that created the deleted path, or
null when its origin is unknown. Paths are absolute and normalised; `dir/*` stands
for files of unknown names inside dir.
"""

from __future__ import annotations

from typing import Any

from .model import Model, Stage
from .model.fs import CREATED, DELETED, MODIFIED, Effect, FileSystem, Layer, deletion_covers
from .model.images import ImageRef, is_docker_hub
from .reporters.base import printable


def _created_before(earlier: list[Effect], effect: Effect) -> bool:
    """Whether one of `earlier` creates the path of `effect`, or a tree holding it."""
    path = effect.path
    for candidate in earlier:
        if candidate.kind != CREATED or candidate.is_package:
            continue
        if candidate.path == path:
            return True
        if (candidate.contents or candidate.copied) and path.startswith(
            candidate.path.rstrip("/") + "/"
        ):
            return True
    return False


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _packages_removed(fs: FileSystem, deleted: list[Effect]) -> list[dict[str, Any]]:
    """Each package a layer removes, once (a second removal finds nothing left)."""
    removed: dict[str, int | None] = {}
    for effect in deleted:
        if effect.is_package:
            package = effect.path.split(":", 2)[2]
            if package not in removed:
                lines = (origin.layer.line for origin in fs.origins_of(effect))
                removed[package] = max(lines, default=None)
    return [{"package": name, "installed_line": line} for name, line in removed.items()]


def layer_json(model: Model, stage: Stage, layer: Layer) -> dict[str, Any]:
    fs = model.fs(stage)
    # What the layer creates and deletes again never reaches the image: walk the layer
    # backwards, checking each creation against the deletions that follow it only.
    created = []
    modified = []
    deletions_after: list[Effect] = []
    for position in range(len(layer.effects) - 1, -1, -1):
        effect = layer.effects[position]
        if effect.kind == DELETED:
            deletions_after.append(effect)
        elif any(deletion_covers(deletion, effect) for deletion in deletions_after):
            continue
        elif effect.kind == CREATED and not fs.rewrites_of(effect):
            created.append(effect)
        elif effect.kind == CREATED and effect.action != "mkdir":
            modified.append(effect)  # `touch`, `>` or `cp` over a file an earlier layer made
        elif effect.kind == CREATED:
            continue  # `mkdir -p` of a directory that exists does nothing
        elif effect.kind == MODIFIED and not _created_before(layer.effects[:position], effect):
            # A file this layer makes and then changes (`curl -o f && chmod +x f`) is
            # new in the layer: there is no earlier version that it changes.
            modified.append(effect)
    created.reverse()
    modified.reverse()
    deleted = [e for e in layer.effects if e.kind == DELETED]
    deletions = []
    for effect in deleted:
        if effect.is_package:
            continue
        line = max((origin.layer.line for origin in fs.makers_of(effect)), default=None)
        if all(item["path"] != effect.display for item in deletions):
            deletions.append({"path": effect.display, "created_line": line})
    # An ONBUILD trigger a stage runs first shows as the ONBUILD that declared it.
    first = (model.onbuild_parent(layer.instruction) or layer.instruction).text.strip()
    return {
        "line": layer.line,
        "end_line": layer.end_line,
        "instruction": first if len(first) <= 120 else first[:117] + "...",
        "created": _unique([e.display for e in created if not e.is_package]),
        "modified": _unique([e.display for e in modified if not e.is_package]),
        "deleted": deletions,
        "packages_installed": _unique([e.path.split(":", 2)[2] for e in created if e.is_package]),
        "packages_removed": _packages_removed(fs, deleted),
        # A RUN in a shell that is not POSIX (PowerShell, cmd): the whole script.
        "unknown_commands": _unique(
            ([f"({layer.opaque_shell} script)"] if layer.opaque_shell else [])
            + [c.argv_words[0].text for c in layer.unknown_commands if c.argv_words]
        ),
        "excluded": layer.excluded,
    }


def model_json(model: Model) -> dict[str, Any]:
    stages = []
    for stage in model.stages:
        base = stage.base_stage.label if stage.base_stage else stage.base_text
        stages.append(
            {
                "index": stage.index,
                "name": stage.name,
                "base": base,
                "ships": stage.ships,
                "target": stage.is_target,
                "platform": stage.platform,
                "base_stage": stage.base_stage.index if stage.base_stage else None,
                "base_image": _image_json(stage.base_image) if not stage.base_stage else None,
                "sources": [
                    {
                        "line": edge.instruction.span.line,
                        "kind": edge.kind,
                        "reference": edge.reference,
                        "stage": edge.stage.index if edge.stage is not None else None,
                        "image": edge.image.text if edge.image is not None else None,
                    }
                    for edge in stage.edges
                ],
                "layers": [layer_json(model, stage, layer) for layer in model.layers(stage)],
            }
        )
    return {"stages": stages}


def _image_json(image: ImageRef | None) -> dict[str, str | None] | None:
    """Docker Hub as `docker.io` (however it is spelt), official images without
    `library/`; null for `scratch`, which is no image."""
    if image is None or image.is_scratch:
        return None
    registry, name = image.registry_host, image.name
    if is_docker_hub(image):
        registry, name = "docker.io", name.removeprefix("library/")
    return {"registry": registry, "name": name, "tag": image.tag, "digest": image.digest}


def model_text(model: Model, path: str, color: bool) -> str:
    """A table people read at a glance."""
    from .reporters.tty import _Palette

    palette = _Palette(color)
    lines = [palette.paint(printable(path), bright=True)]
    for stage in model.stages:
        base = stage.base_stage.label if stage.base_stage else (stage.base_text or "?")
        ships = (
            palette.paint("ships", "GREEN", bright=True)
            if stage.ships
            else palette.paint("build-only", "BLUE")
        )
        name = f" {stage.name}" if stage.name else ""
        lines.append(f"stage {stage.index}{printable(name)} (from {printable(base)}) [{ships}]")
        layers = model.layers(stage)
        if not layers:
            lines.append("  (no layers)")
        for layer in layers:
            data = layer_json(model, stage, layer)
            span = (
                f"{data['line']}"
                if data["line"] == data["end_line"]
                else f"{data['line']}-{data['end_line']}"
            )
            lines.append(f"  {span:>7}  {printable(data['instruction'][:70])}")
            for item in data["created"]:
                lines.append(f"           {palette.paint('+', 'GREEN')} {printable(item)}")
            for item in data["modified"]:
                lines.append(f"           {palette.paint('~', 'YELLOW')} {printable(item)}")
            for item in data["deleted"]:
                note = ""
                if item["created_line"] is not None:
                    note = palette.paint(
                        f"  (created at line {item['created_line']}: no space saved)",
                        "RED",
                        bright=True,
                    )
                lines.append(
                    f"           {palette.paint('-', 'RED')} {printable(item['path'])}{note}"
                )
            for package in data["packages_installed"]:
                lines.append(
                    f"           {palette.paint('+', 'GREEN')} package {printable(package)}"
                )
            for removal in data["packages_removed"]:
                note = ""
                if removal["installed_line"] is not None:
                    note = palette.paint(
                        f"  (installed at line {removal['installed_line']}: no space saved)",
                        "RED",
                        bright=True,
                    )
                package = printable(removal["package"])
                lines.append(f"           {palette.paint('-', 'RED')} package {package}{note}")
            if data["excluded"]:
                lines.append(
                    f"           (not in the layer: {printable(', '.join(data['excluded']))})"
                )
            if data["unknown_commands"]:
                unknown = printable(", ".join(data["unknown_commands"]))
                lines.append(f"           ? unknown effects: {unknown}")
    return "\n".join(lines) + "\n"
