"""Stand-in rules for testing suppressions, configuration and the conformance runner.

The rules that implement hadolint and BuildKit checks are written separately; the
suppression machinery must work with any of them through their aliases. These tiny
rules (codes LL9xxx, never registered in the product) carry such aliases so that
tests can run real pragmas, `# check=` directives and `.hadolint.yaml` options
through the engine. Each implements just enough of its check for the tests that use
it; none of them is a model for the real rule.

`register_stand_ins` (a pytest fixture factory) adds them to the registry for one test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from layerlint.findings import Finding, Severity
from layerlint.nodes import (
    Arg,
    Cmd,
    Copy,
    Dockerfile,
    Entrypoint,
    Env,
    Expose,
    From,
    Instruction,
    Label,
    Onbuild,
    Run,
    ShellForm,
    User,
)
from layerlint.rule import FILE, Context, LoadedRule, Option, Rule


def _stand_in(
    code: str,
    aliases: tuple[str, ...],
    visits: tuple[str, ...],
    check: Any,
    *,
    enabled: bool = True,
    options: tuple[Option, ...] = (),
) -> LoadedRule:
    name = "stand-in-" + re.sub(r"[^a-z0-9]+", "-", aliases[0].lower())
    meta = Rule(
        code=code,
        name=name,
        severity=Severity.WARNING,
        message=f"stand-in for {aliases[0]}",
        visits=visits,
        aliases=aliases,
        enabled=enabled,
        options=options,
    )
    return LoadedRule(meta, check, f"Stand-in for {aliases[0]}.", __name__)


def _top_level(file: Dockerfile) -> list[Instruction]:
    """Instructions, with ONBUILD triggers in place of their wrapper."""
    out: list[Instruction] = []
    for node in file.instructions:
        if isinstance(node, Onbuild) and node.trigger is not None:
            out.append(node.trigger)
        else:
            out.append(node)
    return out


def _stages(file: Dockerfile) -> list[list[Instruction]]:
    stages: list[list[Instruction]] = []
    for node in _top_level(file):
        if isinstance(node, From):
            stages.append([node])
        elif stages:
            stages[-1].append(node)
    return stages


def _stage_name(stage: list[Instruction]) -> str | None:
    first = stage[0]
    assert isinstance(first, From)
    return first.stage_name.text.lower() if first.stage_name else None


# --- hadolint stand-ins ----------------------------------------------------------


def _port(node: Expose, ctx: Context) -> Iterator[Finding]:
    for word in node.ports:
        number = word.text.split("/")[0]
        if number.isdigit() and int(number) > 65535:
            yield ctx.report(word.span)


def _last_user_root(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    for stage in _stages(file):
        users = [node for node in stage if isinstance(node, User) and node.user is not None]
        if users:
            last = users[-1]
            assert last.user is not None
            if last.user.text.split(":")[0] in ("root", "0"):
                yield ctx.report(ctx.head(last))


def _copy_destination(node: Copy, ctx: Context) -> Iterator[Finding]:
    if len(node.sources) >= 2 and node.destination and not node.destination.text.endswith("/"):
        yield ctx.report(ctx.head(node))


def _copy_from_itself(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    for stage in _stages(file):
        name = _stage_name(stage)
        for node in stage:
            flag = node.flag("from") if isinstance(node, Copy) else None
            if name and flag is not None and (flag.value or "").lower() == name:
                yield ctx.report(ctx.head(node))


def _registry(image: str) -> str:
    first, _, rest = image.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        return first
    return "docker.io"


def _trusted(registry: str, trusted: tuple[str, ...]) -> bool:
    for pattern in trusted:
        if pattern == "*" or pattern == registry:
            return True
        if pattern.startswith("*.") and registry.endswith(pattern[1:]):
            return True
    return False


def _trusted_registries(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    trusted = tuple(ctx.option("trusted-registries") or ())
    if not trusted:
        return
    stages = {_stage_name(stage) for stage in _stages(file)}
    for node in _top_level(file):
        images: list[str] = []
        if isinstance(node, From) and node.image is not None:
            images.append(node.image.text)
        flag = node.flag("from") if isinstance(node, Copy) else None
        if flag is not None and flag.value:
            images.append(flag.value)
        if isinstance(node, Run):
            for mount in node.flags_named("mount"):
                for part in (mount.value or "").split(","):
                    if part.startswith("from="):
                        images.append(part[5:])
        for image in images:
            if image.lower() == "scratch" or image.lower() in stages:
                continue
            if not _trusted(_registry(image), trusted):
                yield ctx.report(ctx.head(node))


def _stage_labels(stage: list[Instruction]) -> set[str]:
    return {
        pair.key.text.strip("\"'")
        for node in stage
        if isinstance(node, Label)
        for pair in node.pairs
    }


def _missing_label(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    schema = dict(ctx.option("label-schema") or {})
    if not schema:
        return
    stages = _stages(file)
    copied = {
        (flag.value or "").lower()
        for stage in stages
        for node in stage
        if isinstance(node, Copy) and (flag := node.flag("from")) is not None
    }
    labels_of: dict[str, set[str]] = {}
    for stage in stages:
        first = stage[0]
        assert isinstance(first, From)
        labels = _stage_labels(stage)
        base = first.image.text.lower() if first.image else ""
        labels |= labels_of.get(base, set())
        name = _stage_name(stage)
        if name:
            labels_of[name] = labels
        if name in copied:
            continue
        if any(label not in labels for label in schema):
            yield ctx.report(ctx.head(first))


def _strict_labels(node: Label, ctx: Context) -> Iterator[Finding]:
    schema = dict(ctx.option("label-schema") or {})
    if not ctx.option("strict-labels"):
        return
    for pair in node.pairs:
        if pair.key.text.strip("\"'") not in schema:
            yield ctx.report(pair.span)


# --- BuildKit stand-ins ----------------------------------------------------------


def _from_as_casing(node: From, ctx: Context) -> Iterator[Finding]:
    if node.as_keyword is not None and node.keyword.isupper() != node.as_keyword.text.isupper():
        yield ctx.report(ctx.head(node))


def _instruction_casing(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    nodes = _top_level(file)
    upper = sum(1 for node in nodes if node.keyword.isupper())
    majority_upper = upper * 2 >= len(nodes)
    for node in nodes:
        if node.keyword.isupper() != majority_upper:
            yield ctx.report(node.keyword_span)


def _json_args(node: Cmd | Entrypoint, ctx: Context) -> Iterator[Finding]:
    if isinstance(node.command, ShellForm):
        yield ctx.report(ctx.head(node))


def _legacy_key_value(node: Env | Label, ctx: Context) -> Iterator[Finding]:
    if any(pair.legacy for pair in node.pairs):
        yield ctx.report(ctx.head(node))


def _redundant_platform(node: From, ctx: Context) -> Iterator[Finding]:
    flag = node.flag("platform")
    if flag is not None and flag.value in ("$TARGETPLATFORM", "${TARGETPLATFORM}"):
        yield ctx.report(ctx.head(node))


_SECRET = frozenset(
    {"apikey", "auth", "credential", "credentials", "key", "password", "secret", "token"}
)
_NOT_SECRET = frozenset({"public", "file", "version"})


def _secrets(node: Arg | Env, ctx: Context) -> Iterator[Finding]:
    names = (
        [d.name for d in node.declarations]
        if isinstance(node, Arg)
        else [pair.key for pair in node.pairs]
    )
    for word in names:
        tokens = set(word.text.lower().split("_"))
        if tokens & _SECRET and not tokens & _NOT_SECRET:
            yield ctx.report(ctx.head(node))


def _definition_description(file: Dockerfile, ctx: Context) -> Iterator[Finding]:
    comment_lines = {comment.line: comment.text.strip() for comment in file.comments}
    for node in file.instructions:
        above = comment_lines.get(node.span.line - 1)
        if above is None or "=" in above.split(" ")[0]:
            continue
        first_word = above.split(" ")[0]
        if isinstance(node, Arg):
            names = [d.name.text for d in node.declarations]
            if len(names) > 1 or (names and names[0] != first_word):
                yield ctx.report(ctx.head(node))
        elif isinstance(node, From) and node.stage_name and node.stage_name.text != first_word:
            yield ctx.report(ctx.head(node))


def _maintainer(node: Instruction, ctx: Context) -> Iterator[Finding]:
    yield ctx.report(ctx.head(node))


STAND_INS: tuple[LoadedRule, ...] = (
    _stand_in("LL9001", ("DL3011",), ("EXPOSE",), _port),
    _stand_in("LL9002", ("DL3002",), (FILE,), _last_user_root),
    _stand_in("LL9003", ("DL3021",), ("COPY",), _copy_destination),
    _stand_in("LL9004", ("DL3023",), (FILE,), _copy_from_itself),
    _stand_in(
        "LL9005",
        ("DL3026",),
        (FILE,),
        _trusted_registries,
        options=(Option("trusted-registries", (), "registries allowed in FROM"),),
    ),
    _stand_in(
        "LL9006",
        ("DL3049",),
        (FILE,),
        _missing_label,
        options=(Option("label-schema", {}, "labels every stage needs"),),
    ),
    _stand_in(
        "LL9007",
        ("DL3050",),
        ("LABEL",),
        _strict_labels,
        options=(
            Option("label-schema", {}, "labels every stage needs"),
            Option("strict-labels", False, "only labels of the schema"),
        ),
    ),
    _stand_in("LL9010", ("FromAsCasing",), ("FROM",), _from_as_casing),
    _stand_in("LL9011", ("ConsistentInstructionCasing",), (FILE,), _instruction_casing),
    _stand_in("LL9012", ("DL3025", "JSONArgsRecommended"), ("CMD", "ENTRYPOINT"), _json_args),
    _stand_in("LL9013", ("LegacyKeyValueFormat",), ("ENV", "LABEL"), _legacy_key_value),
    _stand_in("LL9014", ("RedundantTargetPlatform",), ("FROM",), _redundant_platform),
    _stand_in("LL9015", ("SecretsUsedInArgOrEnv",), ("ARG", "ENV"), _secrets),
    _stand_in(
        "LL9016",
        ("InvalidDefinitionDescription",),
        (FILE,),
        _definition_description,
        enabled=False,
    ),
    _stand_in("LL9017", ("DL4000", "MaintainerDeprecated"), ("MAINTAINER",), _maintainer),
)


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[LoadedRule, ...]]:
    """The registry with the stand-in rules added, for one test.

    A real rule that already carries one of the stand-ins' aliases is left out, so
    that each alias names exactly one rule and these tests measure the suppression
    machinery, not the real rule (the conformance suite measures that).
    """
    from layerlint import engine, registry

    taken = {alias.upper() for rule in STAND_INS for alias in rule.meta.aliases}
    original = tuple(
        rule
        for rule in registry.all_rules()
        if not any(alias.upper() in taken for alias in rule.meta.aliases)
    )
    combined = tuple(sorted(original + STAND_INS, key=lambda rule: rule.code))
    registry._index.cache_clear()
    registry._alias_index.cache_clear()
    monkeypatch.setattr(registry, "all_rules", lambda: combined)
    monkeypatch.setattr(engine, "all_rules", lambda: combined)
    yield STAND_INS
    registry._index.cache_clear()
    registry._alias_index.cache_clear()
