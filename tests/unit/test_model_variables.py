"""Variable expansion (linter/model/variables.py) and scopes, with the examples of the
Dockerfile reference ("Environment replacement", ARG and ENV)."""

from __future__ import annotations

import pytest
from layerlint.model import Model
from layerlint.model.variables import expand, expand_words, references, unquote
from layerlint.nodes import Copy, Instruction
from layerlint.parse import parse_text

ENV = {
    "FOO": "/bar",
    "EMPTY": "",
    "UNKNOWN": None,
    "abc": "hello",
    "SEARCH": "/usr/local/bin:/usr/bin",
    "ARCHIVE": "node-v20.tar.gz",
}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$FOO", "/bar"),
        ("${FOO}", "/bar"),
        ("${FOO}/baz", "/bar/baz"),
        ("${FOO}_$abc", "/bar_hello"),
        ("$abc-x", "hello-x"),
        # escapes and quotes: `\$FOO` and '$FOO' stay literal, "$FOO" expands
        ("\\$FOO", "$FOO"),
        ("'$FOO'", "$FOO"),
        ('"$FOO"', "/bar"),
        ("a\\ b", "a b"),
        # ${variable:-word}: the value if set and not empty, else word
        ("${FOO:-x}", "/bar"),
        ("${EMPTY:-x}", "x"),
        # ${variable-word}: the value if set (even empty), else word
        ("${EMPTY-x}", ""),
        # ${variable:+word}: word if set and not empty, else empty
        ("${FOO:+set}", "set"),
        ("${EMPTY:+set}", ""),
        ("${EMPTY+set}", "set"),
        ("${FOO:?must be set}", "/bar"),
        # pattern forms (BuildKit 1.7+)
        ("${ARCHIVE%.gz}", "node-v20.tar"),
        ("${ARCHIVE%%.*}", "node-v20"),
        ("${ARCHIVE#*.}", "tar.gz"),
        ("${ARCHIVE##*.}", "gz"),
        ("${SEARCH/:/;}", "/usr/local/bin;/usr/bin"),
        ("${SEARCH//bin/sbin}", "/usr/local/sbin:/usr/sbin"),
    ],
)
def test_expansion(text: str, value: str) -> None:
    assert expand(text, ENV) == value


@pytest.mark.parametrize(
    "text",
    [
        "$UNKNOWN",
        "${UNKNOWN:-default}",  # the unknown value may be set and not empty
        "${UNKNOWN:+word}",
        "prefix-${UNKNOWN}",
        "$NOT_DECLARED",  # may come from the base image's ENV
        "${NOT_DECLARED:-x}",
    ],
)
def test_unknown_values_are_none(text: str) -> None:
    assert expand(text, ENV) is None


def test_words_split_on_unquoted_space() -> None:
    assert expand_words("a $FOO 'b c'", ENV) == ["a", "/bar", "b c"]
    assert expand_words("$UNKNOWN x", ENV) is None


def test_backtick_escape() -> None:
    assert expand("`$FOO", ENV, "`") == "$FOO"
    assert expand("C:\\work\\$FOO", ENV, "`") == "C:\\work\\/bar"


def test_unquote_keeps_variables() -> None:
    assert unquote("'a b'") == "a b"
    assert unquote('"$FOO/x"') == "$FOO/x"


def test_references() -> None:
    names = [name for name, _, _ in references("${A:-$B} '$C' \\$D $E")]
    assert names == ["A", "B", "E"]


# ---------------------------------------------------------------------------
# Scopes in a Dockerfile


def _model(text: str) -> tuple[Model, list[Instruction]]:
    file = parse_text(text)
    return Model(file), list(file.instructions)


def test_env_replacement_example_of_the_reference() -> None:
    model, nodes = _model(
        "FROM busybox\nENV FOO=/bar\nWORKDIR ${FOO}\nADD . $FOO\nCOPY \\$FOO /quux\n"
    )
    add, copy = nodes[3], nodes[4]
    assert model.state_at(add).workdir == "/bar"
    assert isinstance(copy, Copy)
    assert model.expand(add.destination, add) == "/bar"  # type: ignore[attr-defined]
    assert model.expand(copy.sources[0], copy) == "$FOO"


def test_env_values_are_those_before_the_instruction() -> None:
    # ENV abc=bye def=$abc: def sees the value before this ENV (hello).
    model, nodes = _model(
        "FROM busybox\nENV abc=hello\nENV abc=bye def=$abc\nENV ghi=$abc\nRUN true\n"
    )
    variables = model.variables_at(nodes[4])
    assert (variables["abc"], variables["def"], variables["ghi"]) == ("bye", "hello", "bye")


def test_arg_scopes() -> None:
    model, nodes = _model(
        "ARG BASE=alpine:3.20\n"
        "ARG VERSION=1.2\n"
        "FROM ${BASE} AS build\n"
        "RUN echo $VERSION\n"  # not re-declared: not in scope
        "ARG VERSION\n"
        "ARG BUILD_ID\n"
        "ARG MODE=release\n"
        "RUN echo $VERSION $BUILD_ID $MODE\n"
    )
    assert model.stages[0].base_text == "alpine:3.20"
    assert "VERSION" not in model.variables_at(nodes[3])
    variables = model.variables_at(nodes[7])
    assert variables["VERSION"] == "1.2"  # the global default, re-declared
    assert variables["BUILD_ID"] is None  # no default: unknown
    assert variables["MODE"] == "release"


def test_env_overrides_arg_of_the_same_name() -> None:
    model, nodes = _model("FROM alpine\nARG MODE=debug\nENV MODE=release\nRUN echo $MODE\n")
    assert model.variables_at(nodes[3])["MODE"] == "release"


def test_env_is_inherited_by_a_stage_built_from_another() -> None:
    model, nodes = _model(
        "FROM alpine AS base\nENV APP_HOME=/srv/app\nWORKDIR $APP_HOME\n"
        "FROM base AS final\nRUN echo $APP_HOME\n"
    )
    assert model.variables_at(nodes[4])["APP_HOME"] == "/srv/app"
    assert model.state_at(nodes[4]).workdir == "/srv/app"


def test_relative_workdir_builds_on_the_previous_one() -> None:
    model, nodes = _model("FROM alpine\nWORKDIR /a\nWORKDIR b\nWORKDIR ../c\nRUN pwd\n")
    assert model.state_at(nodes[4]).workdir == "/a/c"


def test_workdir_is_unknown_until_set_unless_the_base_image_is_known() -> None:
    model, nodes = _model(
        "FROM example.com/team/base:1\nRUN pwd\nFROM scratch\nCOPY a b\n"
        "FROM alpine\nRUN pwd\nFROM golang:1.22\nRUN pwd\nFROM php:8.3\nRUN pwd\n"
        "FROM php:8.3-fpm-alpine\nRUN pwd\nFROM node:22\nWORKDIR app\nRUN pwd\n"
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n"
    )
    workdirs = [model.state_at(node).workdir for node in nodes if node.kind in ("RUN", "COPY")]
    # an image layerlint does not know may set one; official images' are known
    assert workdirs == [None, "/", "/", "/go", "/", "/var/www/html", "/app", None]


def test_an_arg_after_an_env_of_the_same_name_wins_as_in_buildkit() -> None:
    # BuildKit adds a valued ARG to the stage's environment: the later one wins.
    model = Model(
        parse_text(
            "FROM alpine\nENV D=/env\nARG D=/arg\nRUN a\nWORKDIR $D\nENV D=/again\nRUN b\n"
            "ARG D\nRUN c\n"
        )
    )
    a, _, b, c = (n for n in model.file.instructions if n.kind in ("RUN", "WORKDIR"))
    assert model.variables_at(a)["D"] == "/arg"
    assert model.run_environment(a)["D"] == "/arg"
    assert model.state_at(b).workdir == "/arg"
    assert model.run_environment(b)["D"] == "/again"  # ENV after the ARG wins again
    assert model.state_at(b).env["D"] == "/again"  # the image's ENV is the ENV's
    # a bare ARG sets nothing (BuildKit's dispatchArg adds only a value): the ENV's
    # value stays, as defaults are taken without --build-arg everywhere in the model
    assert model.run_environment(c)["D"] == "/again"
