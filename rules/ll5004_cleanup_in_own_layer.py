"""A RUN does nothing but clean up, in a layer of its own, which cannot make the image smaller.

Cleanup is a package manager's clean, cache purge or autoremove (`apt-get clean`,
`yum clean all`, `apk cache clean`, `npm cache clean`, `pip cache purge`,
`conda clean` ...) and the removal of caches, package indexes, temporary files and
documentation (`/var/lib/apt/lists`, `/var/cache/*`, `/tmp/*`, `/var/tmp/*`,
`~/.cache`, `/usr/share/doc`, `/usr/share/man`, `/usr/share/locale` ...). The rule
reports a RUN in a stage the image ships whose every command is cleanup or changes
no file (`echo`, `true`). When an earlier layer of this Dockerfile created one of the
paths, LL5001 reports the deletion instead. Removing a configuration file, a named
package or anything else the image may need is not cleanup and not reported; a RUN
with a command layerlint does not know, a build-only stage and an ONBUILD trigger are
not reported either.

## Why is this bad?

A layer can only add to the image. Deleting files in a RUN of their own records
whiteouts for them in a new layer, while the files stay in the layers below: the
image gets one more layer and is not a byte smaller. Cleanup saves space only inside
the RUN that creates the files: `apt-get update && apt-get install ... && rm -rf
/var/lib/apt/lists/*` in one RUN, or a cache mount that never enters a layer.

## Example

```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3
RUN apt-get clean && rm -rf /root/.cache /tmp/*
```

## Use instead

```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3
```

## Fix

None. Move the cleanup into the RUN that creates the files, or delete the RUN when
the files come from the base image.

## References

- [Docker docs: Best practices, apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
- [Docker docs: Optimize cache usage, cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.effects import is_cleanup_command, is_inert_command
from layerlint.model.fs import Step
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._layers import shipping_layer

RULE = Rule(
    code="LL5004",
    name="cleanup-in-own-layer",
    severity=Severity.INFO,
    message=(
        "this RUN only cleans up ({what}), and a layer of its own can never make the image"
        " smaller: clean up in the RUN that creates the files"
    ),
    visits=("RUN",),
    tags=("layers", "size"),
    visits_onbuild=False,
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    model = ctx.model
    layer = shipping_layer(model, node)
    if layer is None:
        return
    fs = model.fs(layer.stage)
    in_layer = {id(effect) for effect in layer.effects}
    cleanup: list[Step] = []
    for step in layer.steps:
        if is_cleanup_command(model, step.command, step.effects):
            effects = step.effects or ()
            if any(fs.origins_of(effect) for effect in effects):
                return  # deletes what an earlier layer of this file made: LL5001
            if effects and not any(id(effect) in in_layer for effect in effects):
                continue  # cleans a mounted cache, which is not in the image
            cleanup.append(step)
        elif not is_inert_command(step.command, step.effects):
            return
    if not cleanup:
        return
    first = cleanup[0]
    if model.package_command(first.command) is not None or not first.effects:
        what = _words(first)
    else:
        what = first.effects[0].display
    yield ctx.report(first.command.span, what=what)


def _words(step: Step) -> str:
    """`apt-get clean`, `npm cache clean`: the program and its first operands."""
    words = [word.text for word in step.command.argv_words[:3] if not word.text.startswith("-")]
    return " ".join(words)
