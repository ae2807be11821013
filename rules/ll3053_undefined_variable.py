"""An instruction uses a variable that is not defined where it is used.

Checked: the words the builder itself expands (ENV and LABEL keys and values, ARG
defaults, COPY and ADD paths, `--chown`/`--chmod` and the bodies of their heredocs
with an unquoted marker, WORKDIR, USER, VOLUME,
STOPSIGNAL, the options of `RUN --mount`). The commands of RUN, CMD and ENTRYPOINT
are not: their variables are expanded by the shell at run time. A variable is
defined by an ARG or ENV earlier in the stage or in a stage it is built FROM (a
global ARG must be declared again inside the stage); `PATH` is always defined on
Linux. As in BuildKit, a reference that says what happens when the variable is unset
(`${NAME:-default}`, `${NAME:+word}`) is reported too: the builder still looks the
name up, and an ARG that was never declared is usually a mistake. Each word is
reported on its own, as BuildKit does (`COPY $SRC/a $SRC/b /d/` twice).

BuildKit also knows the environment of the base image; layerlint knows it for
`scratch` (empty) and for the official images whose ENV it knows in full (`alpine`,
`busybox`, `debian`, `ubuntu`, `python`, `node`, `golang`: every name any of their
tags sets). On those every undefined variable is reported. For a stage built on
another image only these are, since the image may define the others
(`$JAVA_HOME`, `$GOPATH` …): a near-miss of a defined name (one character added,
dropped, changed or two swapped: `$PAHT`), a variable the stage defines later (used
before it is defined; also one the same ENV sets, `ENV A=1 B=$A`, whose values are
all expanded before any is set, which LL3030 reports too), a global ARG that the
stage did not declare, and `$HOME` on Docker's official images (`python`, `node`,
`debian` …), whose ENV does not set it: the container runtime sets HOME for RUN's
processes, but the builder expands `WORKDIR $HOME/app` to `/app`.

## Why is this bad?

An undefined variable expands to an empty string without any error: `COPY
app-$VERSION.jar /srv/` copies `app-.jar`, `WORKDIR $APP_HOME` becomes `/`, and
`ENV PATH=$PAHT:/opt/bin` drops the system path.

## Example

```dockerfile
ARG VERSION=1.4.2
FROM eclipse-temurin:21-jre
COPY target/app-${VERSION}.jar /srv/app.jar
```

## Use instead

```dockerfile
ARG VERSION=1.4.2
FROM eclipse-temurin:21-jre
ARG VERSION
COPY target/app-${VERSION}.jar /srv/app.jar
```

## Fix

None.

## References

- [BuildKit check UndefinedVar](https://docs.docker.com/reference/build-checks/undefined-var/)
- [Dockerfile reference: environment replacement](https://docs.docker.com/reference/dockerfile/#environment-replacement)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from layerlint.findings import Finding, Severity, Span
from layerlint.model.references import span_in_word, word_references
from layerlint.model.variables import substitution_errors
from layerlint.nodes import Arg, Env, Instruction, Word
from layerlint.rule import Context, Rule
from layerlint.suggest import is_typo_of, suggestion

from ._expanded import expanded_words

if TYPE_CHECKING:
    from layerlint.model import Model, Stage

RULE = Rule(
    code="LL3053",
    name="undefined-variable",
    severity=Severity.WARNING,
    message="Usage of undefined variable '${name}'{hint}",
    visits=("ENV", "LABEL", "ARG", "COPY", "ADD", "WORKDIR", "USER", "VOLUME", "STOPSIGNAL", "RUN"),
    tags=("correctness",),
    aliases=("UndefinedVar",),
    visits_onbuild=False,
)


def check(node: Instruction, ctx: Context) -> Iterator[Finding]:
    model = ctx.model
    stage = model.stage_of(node)
    if stage is None:
        return
    words = list(expanded_words(node, ctx))
    if not any("$" in text for text, _, _ in words):
        return  # no reference (every reference needs a `$`): nothing to look up
    known = dict(model.variables_at(node))
    # Names the base image surely leaves unset (HOME on the official images) count as
    # undefined unless this file sets them.
    defined = model.state_variables(model.state_at(node))
    image_unset = {name for name in stage.builder_unset_names if name not in defined}
    for name in image_unset:
        known.pop(name, None)
    if not stage.is_windows:
        known.setdefault("PATH", None)
    # On `scratch` and the official images whose ENV is known in full, a name that is
    # not known is surely undefined.
    complete = stage.builder_env_type is not dict
    defined_later = _DefinedAfter(model, stage, node)
    global_args = {
        declaration.name.text
        for instruction in model.global_arg_instructions
        for declaration in instruction.declarations
    }
    # `ENV A=1 B=$A`: every value of one ENV is expanded before any pair is set. (A
    # pair's own name in its value, `ENV P=$P:/x`, is meant as the earlier value.)
    keys = [model.unquote(pair.key) for pair in node.pairs] if isinstance(node, Env) else []
    key_set = frozenset(keys)
    other_keys = {
        id(pair.value): _OtherKeys(key_set, key)
        for pair, key in zip(node.pairs if isinstance(node, Env) else (), keys, strict=True)
    }
    no_keys = _OtherKeys(frozenset(), "")
    for text, where, defined_here in words:
        reported: set[str] = set()  # once per word, as BuildKit reports each expansion
        same_env = other_keys.get(id(where), no_keys)
        if substitution_errors(text, ctx.file.escape):
            continue  # BuildKit refuses the word (LL1003) before it looks up any name
        for reference in word_references(text, ctx.file.escape):
            name = reference.name
            if name in known or name in defined_here or name in reported:
                continue
            typo = any(is_typo_of(name, candidate) for candidate in known)
            if not (
                complete
                or typo
                or name in defined_later
                or name in global_args
                or name in image_unset
                or name in same_env
            ):
                continue
            reported.add(name)
            span = (
                span_in_word(where, reference.start, reference.end)
                if isinstance(where, Word)
                else where.span
            )
            yield _report(ctx, span, name, known, global_args, image_unset, same_env)


def _report(
    ctx: Context,
    span: Span,
    name: str,
    known: dict[str, str | None],
    global_args: set[str],
    image_unset: set[str],
    same_env: _OtherKeys,
) -> Finding:
    # The base image's variables come first in BuildKit's candidates; PATH is one.
    candidates = sorted(known, key=lambda key: key != "PATH")
    match = suggestion(name, candidates)
    if match:
        hint = f" (did you mean ${match}?)"
    elif name in global_args:
        hint = f"; it is a global ARG, declare ARG {name} in this stage to use it"
    elif name in same_env:
        hint = "; this ENV sets it, but all its values are expanded before any is set"
    elif name == "HOME" and name in image_unset:
        hint = "; the image does not set HOME (the runtime sets it for RUN), so it is empty here"
    else:
        hint = ""
    return ctx.report(span, name=name, hint=hint)


class _OtherKeys:
    """The keys of an ENV other than `key` (`set(keys) - {key}`), without a set per pair."""

    __slots__ = ("keys", "key")

    def __init__(self, keys: frozenset[str], key: str) -> None:
        self.keys = keys
        self.key = key

    def __contains__(self, name: object) -> bool:
        return name != self.key and name in self.keys


class _DefinedAfter:
    """Names declared by ARG or ENV after `node` in its stage (as a container)."""

    __slots__ = ("last", "position")

    def __init__(self, model: Model, stage: Stage, node: Instruction) -> None:
        self.last = model.memo(
            ("ll3053-last-definition", id(stage)), lambda: _last_definitions(stage)
        )
        self.position = model.position_in_stage(stage, node)

    def __contains__(self, name: object) -> bool:
        # A node not in the stage's instructions: nothing is after it.
        return self.position >= 0 and self.last.get(name, -1) > self.position  # type: ignore[call-overload]


def _last_definitions(stage: Stage) -> dict[str, int]:
    """Each name an ARG or ENV of the stage declares -> index of its last declaration."""
    last: dict[str, int] = {}
    for index, instruction in enumerate(stage.instructions):
        if isinstance(instruction, Arg):
            for declaration in instruction.declarations:
                last[declaration.name.text] = index
        elif isinstance(instruction, Env):
            for pair in instruction.pairs:
                last[pair.key.text] = index
    return last
