"""Layer-model facts from the twelfth review round: what each image's /bin/sh does
with braces and `$'...'`, brace expansion before the other expansions, `${...}` words
only the shell reads, heredocs fed to a shell, and pattern replacement as BuildKit
(Go) does it."""

from __future__ import annotations

from typing import Any

import pytest
from layerlint.layers_report import model_json
from layerlint.model import Model
from layerlint.model.variables import expand
from layerlint.parse import parse_text


def _created(text: str) -> list[list[str]]:
    table = model_json(Model(parse_text(text)))
    return [layer["created"] for stage in table["stages"] for layer in stage["layers"]]


BASH = 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nENV A=/opt/app\n'


@pytest.mark.parametrize(
    ("run", "created"),
    [
        # Quoted parts and expansions stand beside the braces: still expanded.
        ('mkdir -p "$A"/{bin,lib}', ["/opt/app/bin", "/opt/app/lib"]),
        ('mkdir -p "${A}/"{x,y}', ["/opt/app/x", "/opt/app/y"]),
        ('mkdir "/a"{b,c}', ["/ab", "/ac"]),
        ("mkdir -p /x/{a,b}/{1..3..2}", ["/x/a/1", "/x/a/3", "/x/b/1", "/x/b/3"]),
        # Escaped braces, and braces in a variable's value, are not expanded.
        ("mkdir /a\\{b,c\\}", ["/a{b,c}"]),
        ('P="/p/{a,b}"; mkdir -p $P/{c,d}', ["/p/{a,b}/c", "/p/{a,b}/d"]),
        ("mkdir ~/{a,b}", ["/root/a", "/root/b"]),
        ("bash -c 'mkdir -p \"/q\"/{a,b}'", ["/q/a", "/q/b"]),
        # Too many words: left as written rather than half expanded.
        ("mkdir /{a..z}{a..z}{a..z}", ["/{a..z}{a..z}{a..z}"]),
    ],
)
def test_brace_expansion_comes_before_the_other_expansions(run: str, created: list) -> None:
    assert _created(f"{BASH}RUN {run}\n") == [created]


@pytest.mark.parametrize(
    ("image", "created"),
    [
        ("fedora:40", ["/a", "/b"]),  # /bin/sh is bash (its POSIX mode expands braces)
        ("rockylinux:9", ["/a", "/b"]),
        ("registry.access.redhat.com/ubi9/ubi", ["/a", "/b"]),
        ("debian:12", ["/{a,b}"]),  # dash
        ("alpine:3.20", ["/{a,b}"]),  # BusyBox ash
    ],
)
def test_braces_in_the_default_shell_follow_the_image(image: str, created: list) -> None:
    assert _created(f"FROM {image}\nRUN mkdir /{{a,b}}\n") == [created]
    assert _created(f"FROM {image}\nRUN sh -c 'mkdir /{{a,b}}'\n") == [created]


@pytest.mark.parametrize(
    ("image", "created"),
    [
        ("alpine:3.20", ["/q\tz"]),  # ash decodes $'...'
        ("debian:12", []),  # dash reads `$` and `'...'`
        ("example.com/base:1", []),  # either
    ],
)
def test_ansi_c_quotes_only_where_the_shell_has_them(image: str, created: list) -> None:
    assert _created(f"FROM {image}\nRUN touch $'/q\\tz'\n") == [created]
    assert _created(f'FROM {image}\nSHELL ["/bin/bash", "-c"]\nRUN touch $\'/q\\tz\'\n') == [
        ["/q\tz"]
    ]


@pytest.mark.parametrize(
    ("run", "created"),
    [
        ("mkdir -p ${D:-/plain}", ["/plain"]),
        # What only the shell expands, or quotes that keep a default in one field.
        ("mkdir -p ${D:-$(pwd)/x}", []),
        ('mkdir -p "${D:-`pwd`/y}"', []),
        ("mkdir -p ${D:-~/t}", []),
        ('mkdir ${D:-"/a b"}', []),
    ],
)
def test_a_shell_default_word_is_read_only_when_it_reads_as_the_builders(
    run: str, created: list
) -> None:
    assert _created(f"FROM alpine:3.20\nWORKDIR /w\nRUN {run}\n") == [created]


def test_pattern_replacement_in_the_shell() -> None:
    text = "ENV V=v1.2\nRUN mkdir -p /opt/${V/1/9} /a/${V/#v/} /b/${V/%2/9}\n"
    assert _created(BASH.replace("ENV A=/opt/app\n", "") + text) == [["/opt/v9.2"]]
    # dash refuses `${V/p/r}` ("Bad substitution"); ash has it.
    assert _created("FROM debian:12\n" + text) == [[]]
    assert _created("FROM alpine:3.20\n" + text) == [["/opt/v9.2"]]


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("${A//*/q}", "q"),  # Go's ReplaceAllString skips the empty match after one
        ("${A/*/q}", "q"),
        ("${B//a/_}", "b_n_n_"),
        ("${B//?/_}", "______"),
        ("${B//[ab]/}", "nn"),
    ],
)
def test_builder_pattern_replacement(word: str, value: str) -> None:
    assert expand(word, {"A": "x", "B": "banana"}) == value


def test_a_heredoc_fed_to_a_shell_is_expanded_by_the_outer_shell_first() -> None:
    text = (
        "FROM alpine:3.20\nENV D=/out\n"
        "RUN sh <<EOF\nD=/in\nmkdir $D\nmkdir -p \\$D/escaped\nEOF\n"
        "RUN sh <<'EOF'\nD=/in2\nmkdir $D\nEOF\n"
        "RUN <<EOF sh\nD=/in3\nmkdir $D/x\nEOF\n"
        "RUN <<'EOF' sh\nD=/in4\nmkdir $D\nEOF\n"
    )
    assert _created(text) == [["/out"], ["/in2"], ["/out/x"], ["/in4"]]


def test_a_shell_reading_a_heredoc_sees_only_exported_variables() -> None:
    text = (
        "FROM alpine:3.20\n"
        "RUN D=/o; sh <<'EOF'\nmkdir ${D:-/none}\nEOF\n"
        "RUN export E=/yes; sh <<'EOF'\nmkdir ${E:-/no}\nEOF\n"
    )
    assert _created(text) == [["/none"], ["/yes"]]


def test_the_environment_of_commands_in_an_expanded_heredoc_follows_the_body() -> None:
    # The outer shell expands `$NAME` in the body; what the body exports still
    # reaches the commands it runs (pip reads PIP_NO_CACHE_DIR from its environment).
    text = (
        "FROM python:3.12\n"
        "RUN bash <<EOF\nexport PIP_NO_CACHE_DIR=1\npip install flask==3.0.3\nEOF\n"
    )
    created: Any = _created(text)
    assert not any(".cache/pip" in path for path in created[0])


def test_arithmetic_in_a_default_word_runs_no_command() -> None:
    layers = model_json(Model(parse_text("FROM alpine:3.20\nRUN mkdir -p ${D:-/n$((1+1))}\n")))
    layer = layers["stages"][0]["layers"][0]
    assert layer["unknown_commands"] == []
    assert _created("FROM alpine:3.20\nRUN x=$( (cd /a && touch b) )\n") == [["/a/b"]]


@pytest.mark.parametrize(
    ("run", "created"),
    [
        # env and sudo pass their NAME=value words to the program.
        ("env PIP_NO_CACHE_DIR=1 pip install six==1.16.0", []),
        ("env PIP_CACHE_DIR=/x pip install six==1.16.0", ["/x/*"]),
        ("sudo PIP_CACHE_DIR=/y pip install six==1.16.0", ["/y/*"]),
        ("env PIP_CACHE_DIR=$UNKNOWN pip install six==1.16.0", []),
        ("pip install six==1.16.0", ["/root/.cache/pip/*"]),
    ],
)
def test_env_wrapper_assignments_reach_the_program(run: str, created: list) -> None:
    assert _created(f"FROM python:3.12\nRUN {run}\n") == [created]


def test_a_build_after_a_prefetch_in_an_earlier_layer_adds_nothing_to_its_cache() -> None:
    head = "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n"
    created = _created(head + "RUN go build -o /out/app .\nRUN rm -rf /go/pkg/mod\n")
    assert created[1] == ["/go/pkg/mod/*"]
    assert created[3] == ["/root/.cache/go-build/*", "/out/app"]
    table = model_json(
        Model(parse_text(head + "RUN go build -o /out/app .\nRUN rm -rf /go/pkg/mod\n"))
    )
    assert table["stages"][0]["layers"][-1]["deleted"] == [
        {"path": "/go/pkg/mod", "created_line": 4}
    ]
    # Deleted in between: the build downloads the modules again.
    created = _created(head + "RUN rm -rf /go/pkg/mod\nRUN go build -o /out/app .\n")
    assert "/go/pkg/mod/*" in created[-1]
    # In the same RUN the download is the build's own.
    assert "/go/pkg/mod/*" in _created("FROM golang:1.22\nRUN go mod download && go build .\n")[0]


def test_each_repeated_instruction_is_its_own_hadolint_rule() -> None:
    from layerlint import lint_text

    text = (
        "FROM debian:12\nCMD a\nCMD b\nENTRYPOINT a\nENTRYPOINT b\n"
        "HEALTHCHECK NONE\nHEALTHCHECK NONE\n"
    )
    found = [(f.line, f.aliases) for f in lint_text(text) if f.code == "LL2014"]
    assert found == [
        (2, ("DL4003", "MultipleInstructionsDisallowed")),
        (4, ("DL4004", "MultipleInstructionsDisallowed")),
        (6, ("DL3012", "MultipleInstructionsDisallowed")),
    ]
    # Before any FROM (a fragment), as in a stage.
    assert [f.line for f in lint_text("CMD a\nCMD b\n") if f.code == "LL2014"] == [1]


@pytest.mark.parametrize(
    ("source", "created"),
    [
        ("app.tar.gz", "/x/*"),
        ("app.tb2", "/x/*"),  # tar.bz2
        ("app.tar.zst", "/x/*"),
        # lzip, lzma and compress: ADD does not recognise them and copies the file.
        ("app.tar.lz", "/x/app.tar.lz"),
        ("app.tlz", "/x/app.tlz"),
        ("app.tar.Z", "/x/app.tar.Z"),
    ],
)
def test_add_unpacks_the_compressions_buildkit_recognises(source: str, created: str) -> None:
    assert _created(f"FROM alpine:3.20\nADD {source} /x/\n") == [[created]]


def test_a_fragment_without_from_keeps_its_shell_and_workdir() -> None:
    from layerlint import lint_text

    # hadolint's own cases are often such fragments.
    text = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL x | tar -xz\n'
    assert [f for f in lint_text(text) if f.code == "LL3050"] == []
    assert [f.code for f in lint_text("RUN curl -fsSL x | tar -xz\n") if f.code == "LL3050"] == [
        "LL3050"
    ]
    assert [f for f in lint_text("WORKDIR /app\nCOPY a b\n") if f.code == "LL3031"] == []
    assert [f.code for f in lint_text("COPY a b\n") if f.code == "LL3031"] == ["LL3031"]
