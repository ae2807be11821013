"""Model facts used by the base-image and stage rules: scopes across stages, ENV
expansion, `--from` references, image references, platforms, ports, suggestions."""

from __future__ import annotations

import pytest
from layerlint.model import Model
from layerlint.model.images import is_valid_reference
from layerlint.model.platforms import Platform, parse_platform
from layerlint.model.ports import parse_port_spec, port_numbers
from layerlint.model.references import word_references
from layerlint.model.stage_refs import from_references
from layerlint.nodes import Copy, Run
from layerlint.parse import parse_text
from layerlint.suggest import is_typo_of, levenshtein, suggestion


def model_of(text: str) -> Model:
    return Model(parse_text(text))


def test_a_stage_inherits_the_args_and_env_of_its_base_stage() -> None:
    model = model_of("FROM alpine AS base\nARG foo=one\nENV BAR=two\nFROM base\nCOPY $foo $BAR /\n")
    copy = model.stages[1].instructions[0]
    # HOME: alpine's ENV does not set it, so the builder expands it to nothing; PATH
    # is the only name alpine's ENV sets (value not followed).
    assert model.variables_at(copy) == {"PATH": None, "HOME": "", "foo": "one", "BAR": "two"}
    assert model.expand(copy.sources[0], copy) == "one"


def test_a_stage_from_an_image_starts_without_args() -> None:
    model = model_of("FROM alpine\nARG foo=one\nFROM debian\nCOPY $foo /\n")
    copy = model.stages[1].instructions[0]
    assert "foo" not in model.variables_at(copy)


def test_env_values_are_expanded_with_the_variables_before_the_instruction() -> None:
    model = model_of("FROM scratch\nENV A=old\nENV A=new B=$A\nWORKDIR /x\n")
    workdir = model.stages[0].instructions[-1]
    assert model.state_at(workdir).env == {"A": "new", "B": "old"}


@pytest.mark.parametrize(
    ("dockerfile", "kinds"),
    [
        ("FROM a AS one\nFROM b AS two\nCOPY --from=one /x /x\n", ["stage"]),
        ("FROM a AS one\nFROM b AS two\nCOPY --from=ONE /x /x\n", ["stage"]),
        ("FROM a AS one\nCOPY --from=one /x /x\n", ["own"]),
        ("FROM a AS one\nCOPY --from=0 /x /x\n", ["own"]),
        ("FROM a AS one\nCOPY --from=two /x /x\nFROM b AS two\n", ["later"]),
        ("FROM a AS one\nCOPY --from=typo /x /x\n", ["undefined"]),
        ("FROM a AS one\nCOPY --from=5 /x /x\n", ["undefined"]),
        ("FROM a AS one\nCOPY --from=nginx:1.27 /x /x\n", ["image"]),
        ("COPY --from=foo bar .\n", ["undefined"]),
        ("FROM a AS one\nCOPY --from=$STAGE /x /x\n", ["variable"]),
        (
            "FROM a AS one\nRUN --mount=type=bind,from=one,target=/m"
            " --mount=type=cache,target=/c ls\n",
            ["own"],
        ),
    ],
)
def test_from_references(dockerfile: str, kinds: list[str]) -> None:
    model = model_of(dockerfile)
    node = next(n for n in model.file.instructions if isinstance(n, (Copy, Run)))
    assert [reference.kind for reference in from_references(model, node)] == kinds


def test_image_references() -> None:
    assert is_valid_reference("busybox:1.36")
    assert is_valid_reference("localhost:5000/team/app:1")
    assert is_valid_reference("ghcr.io/Org/app:1") is False  # repository must be lower case
    assert not is_valid_reference("busybox:")
    assert not is_valid_reference("REPLACE-ME")
    assert not is_valid_reference("")


def test_platforms() -> None:
    assert parse_platform("linux/amd64") == Platform("linux", "amd64", "")
    assert parse_platform("linux/aarch64/v8") == Platform("linux", "arm64", "v8")
    assert parse_platform("x86_64") == Platform("linux", "amd64", "")
    assert parse_platform("windows") == Platform("windows", "amd64", "")
    assert parse_platform("linux/") is None
    assert parse_platform("bogus") is None
    assert parse_platform("a/b/c/d") is None


def test_port_specs() -> None:
    spec = parse_port_spec("127.0.0.1:8080:80/TCP")
    assert (spec.ip, spec.host_port, spec.port, spec.protocol) == ("127.0.0.1", "8080", "80", "TCP")
    assert parse_port_spec("[::1]:8080:8080").ip == "[::1]"
    assert not parse_port_spec("80/udp").has_mapping
    assert port_numbers("8000-9000") == [8000, 9000]
    assert port_numbers("${PORT}") is None


def test_word_references_with_operators() -> None:
    found = word_references("a${B:-x}$C${D#p}'$E'")
    assert [(r.name, r.operator) for r in found] == [("B", ":-"), ("C", ""), ("D", "#")]


def test_suggestions_follow_buildkit() -> None:
    assert levenshtein("PAHT", "PATH") == 2
    assert suggestion("PAHT", ["HOME", "PATH"]) == "PATH"
    assert suggestion("DIR_ASSET", ["PATH", "DIR_BINARIES", "DIR_ASSETS"]) == "DIR_ASSETS"
    assert suggestion("foo", ["PATH"]) is None
    assert suggestion("PATH", ["PATH", "PATX"]) is None  # an exact match means no typo
    assert is_typo_of("PAHT", "PATH") and is_typo_of("DIR_ASSET", "DIR_ASSETS")
    assert not is_typo_of("GOPATH", "PATH") and not is_typo_of("PATH", "PATH")
