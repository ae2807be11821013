"""Layer-model facts and rule verdicts from the thirteenth review round: the caches a
go command fills by the Go release of the image; names in a word BuildKit refuses;
LL1003's messages quote the file's text."""

from __future__ import annotations

from pathlib import Path

import pytest
from layerlint import lint_paths, lint_text
from layerlint.layers_report import model_json
from layerlint.model import Model
from layerlint.parse import parse_text

GO_RUN = "RUN go get example.com/tool && go build ./...\n"
BOTH = ["/go/pkg/mod/*", "/root/.cache/go-build/*"]


def _created(text: str) -> list[list[str]]:
    table = model_json(Model(parse_text(text)))
    return [layer["created"] for stage in table["stages"] for layer in stage["layers"]]


@pytest.mark.parametrize(
    ("head", "created"),
    [
        ("FROM golang:1.22\n", BOTH),
        ("FROM golang:alpine\n", BOTH),  # the newest Go: modules
        ("FROM golang:1.16-buster\n", BOTH),
        # Go 1.11-1.15 use modules inside a module only, unless GO111MODULE says.
        ("FROM golang:1.13\n", ["/root/.cache/go-build/*"]),
        ("FROM golang:1.13\nENV GO111MODULE=on\n", BOTH),
        ("FROM golang:1.22\nENV GO111MODULE=off\n", ["/root/.cache/go-build/*"]),
        ("FROM golang:1.22\nENV GO111MODULE=auto\n", ["/root/.cache/go-build/*"]),
        ("FROM golang:1.22\nARG GO111MODULE\nENV GO111MODULE=$GO111MODULE\n", BOTH[1:]),
        # Before Go 1.11 there are no modules; before 1.10 no build cache either.
        ("FROM golang:1.10\nENV GO111MODULE=on\n", ["/root/.cache/go-build/*"]),
        ("FROM golang:1.9-alpine\n", []),
        # An image that does not say which Go it has: the newest Go's defaults.
        ("FROM debian:12\n", ["/root/go/pkg/mod/*", "/root/.cache/go-build/*"]),
    ],
)
def test_go_caches_follow_the_go_release_of_the_image(head: str, created: list) -> None:
    assert _created(head + GO_RUN)[-1] == created


def _messages(text: str, code: str) -> list[str]:
    return [finding.message for finding in lint_text(text) if finding.code == code]


def test_a_word_buildkit_refuses_is_an_error_not_an_undefined_name() -> None:
    def found(text: str) -> list[tuple[str, int]]:
        codes = ("LL1003", "LL3053", "LL2011")
        return sorted((f.code, f.line) for f in lint_text(text) if f.code in codes)

    assert found("FROM debian:${templateOption:v}\n") == [("LL1003", 1)]
    assert found("FROM debian:${undeclared}\n") == [("LL2011", 1)]
    text = 'FROM debian:12\nARG I="${templateOption:installZsh}"\nENV J=${undefinedName}\n'
    assert found(text) == [("LL1003", 2), ("LL3053", 3)]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("ENV name='a\\'b'", "a single quote is never closed: 'a\\'b'"),
        ('ADD \\conf\\\\" /.znc', 'a double quote is never closed: \\conf\\\\"'),
        (
            'COPY "my file" /d/',
            'a double quote is never closed: "my (COPY splits its arguments at blanks:'
            " a path with spaces needs the JSON form)",
        ),
    ],
)
def test_ll1003_quotes_the_word_as_written(line: str, message: str) -> None:
    assert _messages(f"FROM alpine:3.20\n{line}\n", "LL1003") == [message]


@pytest.mark.parametrize(
    ("run", "reported"),
    [
        ("--mount=type=bind,from=build,target=/p apk add --allow-untrusted /p/x.apk", False),
        ("--mount=type=bind,from=build,target=/p apk add --allow-untrusted /p/m-$N.apk", False),
        ("--mount=type=bind,from=build,target=/p apk add --allow-untrusted /p/x.apk curl", True),
        ("--mount=type=bind,target=/p apk add --allow-untrusted /p/x.apk", True),  # context
        ("--mount=type=bind,from=alpine:3,target=/p apk add --allow-untrusted /p/x.apk", True),
        ("--mount=type=bind,from=build,target=/p apk add --allow-untrusted /pp/x.apk", True),
    ],
)
def test_ll4002_spares_packages_a_stage_of_the_build_made(run: str, reported: bool) -> None:
    text = f"FROM alpine:3.20 AS build\nFROM alpine:3.20\nRUN {run}\n"
    assert bool(_messages(text, "LL4002")) is reported


def test_ll5003_remedy_for_files_from_copies_and_runs_names_both() -> None:
    text = (
        "FROM debian:12\nRUN useradd -m app\nCOPY app.conf /home/app/app.conf\n"
        "RUN wget -O /home/app/tool https://example.com/tool\nRUN chown -R app /home/app\n"
    )
    (message,) = _messages(text, "LL5003")
    assert message.endswith(
        "set it with COPY --chown on the copies, and run chown in the RUN that creates the"
        " other files"
    )
    text = text.replace("RUN useradd -m app\n", "").replace("RUN chown", "RUN useradd app && chown")
    (message,) = _messages(text, "LL5003")
    assert message.endswith(
        "create the user in an earlier RUN, then set it with COPY --chown on the copies, and"
        " run chown in the RUN that creates the other files"
    )


def test_ll5001_a_path_two_archives_may_have_made_names_both_as_candidates() -> None:
    head = "FROM debian:12\nRUN curl -fsSL https://example.com/a.tgz | tar xz -C /app\n"
    second = "RUN curl -fsSL https://example.com/b.tgz | tar xz -C /app\n"
    (message,) = _messages(head + second + "RUN rm -r /app/b/conf\n", "LL5001")
    assert message.startswith("/app/b/conf was created by one of the layers at lines 2 and 3;")
    # Known files: the layers named are the ones that made them.
    text = "FROM debian:12\nCOPY a /opt/a\nCOPY b /opt/a\nRUN rm -r /opt/a\n"
    (message,) = _messages(text, "LL5001")
    assert message.startswith("/opt/a was created by the layers at lines 2 and 3;")


@pytest.mark.parametrize(
    ("source", "reported"),
    [("*.txt", True), ("docs/*.txt", False), ("*.md", False), ("build/*.o", True)],
)
def test_ll3054_a_wildcard_source_a_pattern_matches_as_written(
    tmp_path: Path, source: str, reported: bool
) -> None:
    (tmp_path / ".dockerignore").write_text("*.txt\nbuild\n")
    (tmp_path / "Dockerfile").write_text(f"FROM alpine:3.20\nCOPY {source} /d/\n")
    found = [f for f in lint_paths(str(tmp_path / "Dockerfile")) if f.code == "LL3054"]
    assert bool(found) is reported


def test_ll1008_counts_the_majority_over_the_stages_as_buildkit() -> None:
    text = "ARG A\nARG B\nARG C\nfrom scratch\ncopy a b\nonbuild RUN x\n"
    lines = [f.line for f in lint_text(text) if f.code == "LL1008"]
    assert lines == [1, 2, 3, 6]  # lower case wins; the ARGs and the trigger differ


def test_ll1003_reports_a_base_image_that_is_no_valid_reference() -> None:
    text = (
        "FROM alpine:3.20 AS builder\nFROM Alpine\nFROM Builder\nFROM alpine@sha256:abc\n"
        'FROM MyRegistry.io/team/app:1\nFROM "alpine:3.20"\n'
    )
    assert _messages(text, "LL1003") == [
        "invalid reference format: Alpine (repository names must be lowercase)",
        "invalid reference format: alpine@sha256:abc",
    ]


def _deleted(text: str) -> list[list[tuple[str, int | None]]]:
    table = model_json(Model(parse_text(text)))
    return [
        [(item["path"], item["created_line"]) for item in layer["deleted"]]
        for stage in table["stages"]
        for layer in stage["layers"]
    ]


@pytest.mark.parametrize(
    ("copy", "created"),
    [
        ("COPY --from=build /go/bin /usr/local/bin", ["/usr/local/bin/*", "/usr/local/bin/tool"]),
        ("COPY --from=build /out/site.com /srv/", ["/srv/*", "/srv/index.html"]),
        (
            "COPY --from=build /out/site.com /srv/site.com",
            ["/srv/site.com/*", "/srv/site.com/index.html"],
        ),
        ("COPY --from=build /out/app.bin /srv/", ["/srv/app.bin"]),
    ],
)
def test_a_directory_copied_from_a_stage_lands_as_its_contents(copy: str, created: list) -> None:
    head = (
        "FROM golang:1.22 AS build\nRUN go build -o /go/bin/tool ./cmd/tool\n"
        "RUN mkdir -p /out/site.com && touch /out/site.com/index.html /out/app.bin\n"
        "FROM alpine:3.20\n"
    )
    assert _created(head + copy + "\n")[-1] == created


def test_a_program_deleted_after_a_copy_of_its_directory_names_the_copy() -> None:
    text = (
        "FROM golang:1.22 AS build\nRUN go build -o /go/bin/tool ./cmd/tool\n"
        "FROM alpine:3.20\nCOPY --from=build /go/bin /usr/local/bin\nRUN rm /usr/local/bin/tool\n"
    )
    assert _deleted(text)[-1] == [("/usr/local/bin/tool", 4)]


@pytest.mark.parametrize(
    ("copy", "created"),
    [
        ("COPY scripts /usr/local/bin/", ["/usr/local/bin/*"]),
        ("COPY rootfs/usr/local/bin /usr/local/bin", ["/usr/local/bin/*"]),
        ("COPY entrypoint /usr/local/bin/", ["/usr/local/bin/entrypoint"]),
    ],
)
def test_customary_directory_names_copied_into_bin_are_directories(
    copy: str, created: list
) -> None:
    assert _created(f"FROM alpine:3.20\n{copy}\n") == [created]


def test_a_working_directory_a_run_deleted_is_no_directory_for_a_copy() -> None:
    text = "FROM alpine:3.20\nWORKDIR /app\nRUN rm -rf /app\nCOPY x.txt /app\nRUN touch b\n"
    assert _created(text) == [[], ["/app"], ["/app/b"]]
    assert _created("FROM alpine:3.20\nWORKDIR /app\nCOPY x.txt /app\n") == [["/app/x.txt"]]
    assert _created("FROM alpine:3.20\nWORKDIR /app\nCOPY x.txt .\n") == [["/app/x.txt"]]


@pytest.mark.parametrize("image", ["memcached:1.6", "varnish:7", "adminer:4"])
def test_images_that_run_as_their_own_user_have_no_known_home(image: str) -> None:
    assert _created(f"FROM {image}\nRUN mkdir -p ~/x\n") == [[]]


def test_the_images_own_working_directory_receives_a_copy_by_name() -> None:
    # redis starts in /data (its WORKDIR): a COPY there lands inside, before a RUN too.
    text = "FROM redis:7\nCOPY a.conf /data\nRUN true\nCOPY b.conf /data\n"
    assert _created(text) == [["/data/a.conf"], [], ["/data/b.conf"]]


def test_an_onbuild_copy_lands_in_the_working_directory_its_stage_ends_in() -> None:
    text = (
        "FROM alpine:3.20 AS base\nWORKDIR /app\nONBUILD COPY a.txt /app\n"
        "FROM base\nRUN chmod 600 /app/a.txt\n"
    )
    assert _created(text) == [["/app/a.txt"], []]
    (message,) = _messages(text, "LL5003")
    assert message.startswith("chmod on /app/a.txt, which the layer at line 3 created")


def test_a_stage_and_the_stages_built_from_it() -> None:
    text = (
        "FROM alpine:3.20 AS a\nFROM a AS b\nFROM b AS c\nFROM a AS d\n"
        "FROM alpine:3.20 AS e\nFROM c\n"
    )
    model = Model(parse_text(text))
    a, b, c, d, e, last = model.stages
    assert model.stage_and_descendants(a) == [a, b, c, d, last]
    assert model.stage_and_descendants(c) == [c, last]
    assert model.stage_and_descendants(e) == [e]
