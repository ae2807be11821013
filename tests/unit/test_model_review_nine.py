"""Layer-model facts from the ninth review round (tests written from the issue's
wording the way an acceptance suite would be), as `layerlint layers --format json`
prints them."""

from __future__ import annotations

from typing import Any

import pytest
from layerlint.layers_report import model_json
from layerlint.model import Model
from layerlint.parse import parse_text


def _layers(text: str) -> list[dict[str, Any]]:
    table = model_json(Model(parse_text(text)))
    return [layer for stage in table["stages"] for layer in stage["layers"]]


def _layer(text: str, line: int) -> dict[str, Any]:
    return next(layer for layer in _layers(text) if layer["line"] == line)


# -- touching or overwriting a file an earlier layer made modifies it ----------------


@pytest.mark.parametrize(
    "command",
    [
        "touch /app/a.txt",
        "echo x=1 > /app/a.txt",
        "cp /tmp/new.txt /app/a.txt",
        "printf x | tee /app/a.txt",
        "ln -sf /etc/other /app/a.txt",
    ],
)
def test_writing_a_file_an_earlier_layer_made_modifies_it(command: str) -> None:
    text = f"FROM alpine:3.19\nCOPY a.txt /app/a.txt\nRUN {command}\nRUN rm /app/a.txt\n"
    assert (_layer(text, 3)["created"], _layer(text, 3)["modified"]) == ([], ["/app/a.txt"])
    # The deletion's origin is the layer that made the file, not the one that wrote it.
    assert _layer(text, 4)["deleted"] == [{"path": "/app/a.txt", "created_line": 2}]


def test_a_file_is_created_where_no_earlier_layer_made_it() -> None:
    text = "FROM alpine:3.19\nRUN touch /n && touch /n\nRUN rm /n\nRUN touch /n\n"
    assert _layer(text, 2)["created"] == ["/n"]
    assert _layer(text, 4)["created"] == ["/n"]  # removed in between: made again


def test_chmod_then_touch_lists_the_file_once() -> None:
    text = "FROM alpine:3.19\nCOPY a /a\nRUN chmod 600 /a && touch /a\n"
    assert (_layer(text, 3)["created"], _layer(text, 3)["modified"]) == ([], ["/a"])


def test_mkdir_p_of_an_existing_directory_does_nothing() -> None:
    text = (
        "FROM alpine:3.19\nRUN mkdir -p /data && echo 1 > /data/big\nRUN mkdir -p /data /new\n"
        "RUN rm -rf /data\n"
    )
    assert (_layer(text, 3)["created"], _layer(text, 3)["modified"]) == (["/new"], [])
    assert _layer(text, 4)["deleted"] == [{"path": "/data", "created_line": 2}]


# -- caches of images that say where they are -----------------------------------------


@pytest.mark.parametrize(
    ("image", "install", "clean"),
    [
        ("continuumio/miniconda3", "conda install -y numpy", "conda clean -afy"),
        ("continuumio/anaconda3:2024.02-1", "conda install -y numpy", "conda clean --all -y"),
        ("condaforge/miniforge3", "mamba install -y numpy", "conda clean -afy"),
        (
            "mambaorg/micromamba:1.5",
            "micromamba install -y -n base numpy",
            "micromamba clean -a -y",
        ),
    ],
)
def test_conda_images_keep_packages_in_opt_conda(image: str, install: str, clean: str) -> None:
    text = f"FROM {image}\nRUN {install}\nRUN {clean}\n"
    assert _layer(text, 2)["created"] == ["/opt/conda/pkgs/*"]
    assert _layer(text, 3)["deleted"] == [{"path": "/opt/conda/pkgs/*", "created_line": 2}]


def test_the_composer_image_caches_in_tmp_and_works_in_app() -> None:
    text = "FROM composer:2\nRUN composer install\nRUN composer clear-cache\n"
    assert _layer(text, 2)["created"] == ["/tmp/cache/*", "/app/vendor/*"]
    assert _layer(text, 3)["deleted"] == [{"path": "/tmp/cache/*", "created_line": 2}]


# -- programs and directories with known names ----------------------------------------


@pytest.mark.parametrize(
    ("packages", "programs"),
    [
        ("golang.org/x/tools/gopls@latest", ["/go/bin/gopls"]),
        ("github.com/go-delve/delve/cmd/dlv@v1.22.0", ["/go/bin/dlv"]),
        ("github.com/foo/bar/v2@latest", ["/go/bin/bar"]),
        ("./cmd/server", ["/go/bin/server"]),
        ("./...", ["/go/bin/*"]),
        ("", ["/go/bin/*"]),
    ],
)
def test_go_install_names_its_programs(packages: str, programs: list[str]) -> None:
    created = _layers(f"FROM golang:1.22\nRUN go install {packages}\n")[0]["created"]
    assert [path for path in created if path.startswith("/go/bin")] == programs


def test_go_install_for_another_platform_names_nothing() -> None:
    text = "FROM golang:1.22\nRUN GOARCH=arm64 go install example.com/tool@v1\n"
    assert "/go/bin/*" in _layers(text)[0]["created"]


@pytest.mark.parametrize(
    ("command", "directory"),
    [
        ("git clone --depth 1 https://github.com/org/tool.git /opt/tool", "/opt/tool"),
        ("git clone https://github.com/org/tool.git", "/w/tool"),
        ("unzip -q /tmp/x.zip -d /opt/x", "/opt/x"),
        ("npm ci", "/w/node_modules"),
    ],
)
def test_the_directory_a_command_makes_is_created(command: str, directory: str) -> None:
    text = f"FROM node:20\nWORKDIR /w\nRUN {command}\nRUN rm -rf {directory}\n"
    assert _layer(text, 3)["created"][-2:] == [directory, directory + "/*"]
    assert _layer(text, 4)["deleted"] == [{"path": directory, "created_line": 3}]


@pytest.mark.parametrize(
    "command",
    ["find /app -name '*.pyc' -delete", "find . -type d -name __pycache__ -exec rm -rf {} +"],
)
def test_find_name_delete_in_a_copied_tree_is_read_like_an_rm_glob(command: str) -> None:
    text = f"FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN {command}\n"
    (deleted,) = _layer(text, 4)["deleted"]
    assert deleted["created_line"] == 3


@pytest.mark.parametrize(
    "text",
    [
        "FROM golang:1.22\nENV GOFLAGS=-mod=vendor\nRUN go build -o /out/app .\n",
        "FROM golang:1.22\nRUN go build -mod=vendor -o /out/app .\n",
        "FROM golang:1.22\nRUN go build -mod vendor -o /out/app .\n",
    ],
)
def test_vendored_go_builds_leave_the_module_cache_alone(text: str) -> None:
    assert "/go/pkg/mod/*" not in _layers(text)[0]["created"]


# -- hadolint's rule cases kept out of the shared set (review m) ----------------------


def _codes(text: str, select: str) -> list[tuple[str, int]]:
    from layerlint import lint_text

    return [(f.code, f.line) for f in lint_text(text) if select in (f.code, *f.aliases)]


def test_a_label_set_in_the_stage_built_from_a_stage_completes_it(tmp_path: Any) -> None:
    from layerlint import lint_text

    config = tmp_path / ".hadolint.yaml"
    config.write_text("label-schema:\n  foo: text\n")
    cases = {
        'FROM baseimage as base\nFROM base\nLABEL foo="bar"\n': [],
        'FROM baseimage as base\nFROM base\nLABEL foo="bar"\n\nFROM base\n': [5],
        'FROM baseimage as base\nFROM base\n\nFROM base\nLABEL foo="bar"\n': [2],
        "FROM baseimage as base\nFROM base\n": [1, 2],
    }
    for text, lines in cases.items():
        found = lint_text(text, config=str(config))
        assert [f.line for f in found if "DL3049" in f.aliases] == lines, text


@pytest.mark.parametrize(
    ("command", "found"),
    [
        ("gem install bundler:2.0.1 --use-system-libraries true", 0),
        ("gem install -g Gemfile", 0),
        ("gem install --file Gemfile", 0),
        ("gem install foo --no-document bar", 1),
    ],
)
def test_gem_install_operands(command: str, found: int) -> None:
    assert len(_codes(f"FROM ruby:3\nRUN {command}\n", "DL3028")) == found


def test_healthcheck_shell_form_is_dl3025_but_not_json_args_recommended() -> None:
    text = "FROM debian:12\nHEALTHCHECK CMD foobar\n"
    assert _codes(text, "DL3025") == [("LL3057", 2)]
    assert _codes(text, "JSONArgsRecommended") == []


@pytest.mark.parametrize(
    ("script", "found"),
    [
        ("bash -o pipefail -c 'wget -O - https://x | wc -l'", 0),
        ("bash -eo pipefail -c 'wget -O - https://x | wc -l'", 0),
        ("bash -c 'set -o pipefail; wget -O - https://x | wc -l'", 0),
        # A child shell does not inherit the caller's options.
        ('set -o pipefail; bash -c "wget -O - https://x | wc -l"', 1),
    ],
)
def test_pipefail_is_the_state_of_the_shell_running_the_pipe(script: str, found: int) -> None:
    assert len(_codes(f"FROM debian:12\nRUN {script}\n", "DL4006")) == found


@pytest.mark.parametrize(
    ("between", "found"),
    [("", 0), ("\n", 1), ("# install curl\n", 1)],
)
def test_a_hadolint_pragma_covers_the_next_line_only(between: str, found: int) -> None:
    text = f"FROM debian:12\n# hadolint ignore=DL3008\n{between}RUN apt-get install -y curl\n"
    assert len(_codes(text, "DL3008")) == found


def test_a_layerlint_pragma_may_stand_apart_from_its_instruction() -> None:
    from layerlint import lint_text

    text = "FROM debian:12\n# layerlint: ignore=DL3008\n\nRUN apt-get install -y curl\n"
    assert [f for f in lint_text(text) if "DL3008" in f.aliases] == []


def test_go_install_tool_names_no_module() -> None:
    assert _codes("FROM golang:1.24\nRUN go install tool foobar@v1.2.3\n", "DL3062") == []
    assert len(_codes("FROM golang:1.24\nRUN go install tool foobar\n", "DL3062")) == 1


def test_a_cache_mount_on_yarns_versioned_directory_keeps_the_cache_out() -> None:
    text = (
        "FROM node:22\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn/v6 yarn install\n"
    )
    assert _codes(text, "DL3060") == []


def test_copy_from_a_name_no_stage_has_is_an_image_for_trusted_registries(tmp_path: Any) -> None:
    from layerlint import lint_text

    config = tmp_path / ".hadolint.yaml"
    config.write_text("trustedRegistries:\n  - my.reg\n")
    text = (
        "FROM my.reg/a:1 AS a\nCOPY --from=alpine /x /x\nCOPY --from=a /x /y\nCOPY --from=0 /x /z\n"
    )
    found = lint_text(text, config=str(config))
    assert [f.line for f in found if "DL3026" in f.aliases] == [2]


@pytest.mark.parametrize(
    ("instruction", "found"),
    [("ADD file.tar other /x/", 1), ("ADD file.tar /x/", 0), ("ADD https://x/y /x/", 0)],
)
def test_add_with_a_plain_file_beside_an_archive(instruction: str, found: int) -> None:
    assert len(_codes(f"FROM debian:12\n{instruction}\n", "DL3020")) == found


def test_an_instruction_check_comment_leaves_file_level_checks_alone() -> None:
    from layerlint import lint_text

    text = "FROM scratch\n# check=skip=ConsistentInstructionCasing\ncopy a b\nCOPY c d\n"
    assert [f.line for f in lint_text(text) if "ConsistentInstructionCasing" in f.aliases] == [3]
    text = "FROM scratch\n# check=skip=JSONArgsRecommended\nCMD foo\n"
    assert [f for f in lint_text(text) if "JSONArgsRecommended" in f.aliases] == []


def test_undefined_variables_in_an_expanded_copy_heredoc() -> None:
    from layerlint import lint_text

    text = (
        "FROM scratch\nCOPY <<EOF /x\nhello $FOO\n  and ${BAR} $1 $@\nEOF\n"
        'COPY <<"EOF" /y\n$QUOTED\nEOF\n'
    )
    found = [(f.line, f.column) for f in lint_text(text) if f.code == "LL3053"]
    assert found == [(3, 7), (4, 7)]


def test_cp_and_mv_of_a_glob_keep_its_names() -> None:
    text = (
        "FROM alpine:3.19\nCOPY conf/ /etc/myapp/\nRUN cp /etc/myapp/*.yml /srv/\n"
        "RUN rm -f /srv/other.txt /srv/a.yml\nRUN mv /etc/myapp/*.ini /var/tmp/\n"
    )
    assert _layer(text, 3)["created"] == ["/srv/*.yml"]
    assert _layer(text, 4)["deleted"] == [
        {"path": "/srv/other.txt", "created_line": None},
        {"path": "/srv/a.yml", "created_line": 3},
    ]
    assert _layer(text, 5)["created"] == ["/var/tmp/*.ini"]


# -- names no official image of a known ENV sets are unset for the builder ------------


def test_unset_names_on_official_images_with_a_known_env() -> None:
    text = (
        "ARG G=/glob\nFROM alpine:3.19\nWORKDIR ${APPDIR:-/usr/src/app}\n"
        "COPY a.txt ${DEST:-/opt/d}/\nCOPY b.txt /x$G/\nENV A=/a B=${A}/b\nCOPY c.txt $B/\n"
        "COPY d.txt ${PATH:-/p}/\nCOPY e.txt ./\n"
    )
    created = [layer["created"] for layer in _layers(text)]
    # A plain `$NAME` of a name nothing sets stays unknown (LL3053 reports it); the
    # forms that say what an unset name gives are followed. PATH is the image's.
    assert created == [["/opt/d/a.txt"], [], [], [], ["/usr/src/app/e.txt"]]


def test_names_an_official_image_sets_stay_unknown() -> None:
    text = "FROM python:3.12\nCOPY a ${PYTHON_VERSION:-x}/\nCOPY b.txt ${NOPE:-/n}/\n"
    assert [layer["created"] for layer in _layers(text)] == [[], ["/n/b.txt"]]


def test_unset_names_on_official_images_with_a_known_env_in_run() -> None:
    # At run time too: only the image's ENV, the proxies (undeclared build arguments
    # reach RUN) and what the runtime or the shell set can be set.
    text = (
        "FROM alpine:3.19\nRUN mkdir -p ${D:-/var/x} ${HOME:-/no}/a ${HOSTNAME:-/h} $D/y\n"
        "FROM python:3.12\nRUN mkdir -p ${PYTHON_VERSION:-/q} ${http_proxy:-/w} ${E:+/e} ${F-/f}\n"
        "FROM example.com/base\nRUN mkdir -p ${D:-/var/z}\n"
    )
    assert [layer["created"] for layer in _layers(text)] == [["/var/x", "/root/a"], ["/f"], []]


# -- regressions found by review p ---------------------------------------------------


def test_no_made_directory_for_one_that_exists() -> None:
    text = (
        "FROM node:20\nWORKDIR /app\nRUN git clone https://github.com/x/y.git .\n"
        "RUN unzip /tmp/t.zip -d /usr/local\nRUN npm ci\nRUN npm install lodash\n"
    )
    created = [layer["created"] for layer in _layers(text)]
    assert created[0] == ["/app/*"]
    assert created[1] == ["/usr/local/*"]
    assert "/app/node_modules" in created[2]
    assert "/app/node_modules" not in created[3]


def test_find_over_the_whole_filesystem_is_not_the_copys() -> None:
    text = (
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
        "RUN pip install --no-cache-dir -r requirements.txt && find / -name '*.pyc' -delete\n"
    )
    assert _layer(text, 4)["deleted"] == [{"path": "/**/*.pyc", "created_line": None}]
    assert _codes(text, "LL5001") == []


def test_find_maxdepth_one_is_a_glob_in_the_directory() -> None:
    text = (
        "FROM alpine:3.20\nCOPY docs/ /app/docs/\nRUN find /app -maxdepth 1 -name '*.txt' -delete\n"
    )
    assert _layer(text, 3)["deleted"] == [{"path": "/app/*.txt", "created_line": None}]


def test_standard_library_commands_are_not_named_in_gobin() -> None:
    created = _layers("FROM golang:1.22\nRUN go install cmd/vet\n")[0]["created"]
    assert "/go/bin/*" in created and "/go/bin/vet" not in created


def test_a_yarn_cache_mount_on_v6_keeps_the_cache_out_of_the_layer() -> None:
    text = (
        "FROM node:22\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn/v6 yarn install\n"
    )
    assert not any("cache/yarn" in path for path in _layers(text)[0]["created"])


def test_a_cache_mount_on_npms_content_directory_keeps_the_cache_out() -> None:
    text = "FROM node:22\nRUN --mount=type=cache,target=/root/.npm/_cacache npm ci\n"
    assert not any(path.startswith("/root/.npm") for path in _layers(text)[0]["created"])
    assert _codes(text, "LL5008") == []
    text = "FROM node:22\nRUN --mount=type=cache,target=/root/.npm/_logs npm ci\n"
    assert "/root/.npm/*" in _layers(text)[0]["created"]
    assert len(_codes(text, "LL5008")) == 1


def test_healthcheck_of_an_invalid_type_is_not_judged_for_its_form() -> None:
    assert _codes("FROM alpine\nHEALTHCHECK CONNECT TCP 7000\n", "LL3057") == []


def test_an_onbuild_from_name_is_resolved_in_the_child_build(tmp_path: Any) -> None:
    from layerlint import lint_text

    config = tmp_path / ".hadolint.yaml"
    config.write_text("trustedRegistries:\n  - my.reg\n")
    text = "FROM my.reg/a:1\nONBUILD COPY --from=tools /f /f\n"
    assert [f for f in lint_text(text, config=str(config)) if "DL3026" in f.aliases] == []


def test_go_mod_vendor_fills_the_vendor_directory() -> None:
    text = "FROM golang:1.22\nWORKDIR /src\nRUN go mod vendor\nRUN rm -rf vendor\n"
    assert "/src/vendor/*" in _layer(text, 3)["created"]
    assert _layer(text, 4)["deleted"] == [{"path": "/src/vendor", "created_line": 3}]


def test_a_rule_asked_for_by_name_says_when_it_cannot_run() -> None:
    import os
    import subprocess
    import sys

    env = dict(os.environ, LAYERLINT_SHELLCHECK="")
    # Asked for by name: always told. Selected otherwise (a prefix, the defaults): told
    # too, as ShellCheck's findings would be lost without a word, but not under -q.
    cases = [("LL3056", [], True), ("SC2086", ["-q"], True), ("LL3", [], True)]
    cases += [("LL3", ["-q"], False), ("LL2", [], False)]
    for selector, extra, told in cases:
        completed = subprocess.run(
            [sys.executable, "-m", "layerlint", "check", "--select", selector, *extra, "-"],
            input="FROM alpine:3\nRUN echo $x\n",
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert ("LL3056 (shellcheck) was not run" in completed.stderr) is told, selector


def test_copy_from_a_stage_directory_reads_the_same_with_or_without_a_slash() -> None:
    text = (
        "FROM alpine:3 AS a\nRUN mkdir -p /out && touch /out/keep\nFROM alpine:3\n"
        "COPY --from=a /out /data\nCOPY --from=a /out/ /d2\n"
    )
    assert _layer(text, 4)["created"] == ["/data/*", "/data/keep"]
    assert _layer(text, 5)["created"] == ["/d2/*", "/d2/keep"]


def test_sh_o_pipefail_is_not_taken_for_a_pipefail_shell() -> None:
    text = "FROM debian:12\nRUN sh -o pipefail -c 'wget -O - https://x | wc -l'\n"
    assert len(_codes(text, "LL3050")) == 1  # dash may reject the option


def test_copy_from_a_directory_a_command_filled() -> None:
    text = (
        "FROM python:3.12-slim AS build\nRUN pip install -r r.txt --target /deps\n"
        "FROM python:3.12-slim\nCOPY --from=build /deps /usr/local/lib/python3.12/site-packages\n"
    )
    assert _layer(text, 4)["created"] == ["/usr/local/lib/python3.12/site-packages/*"]


def test_a_workdir_that_expands_to_nothing_leaves_the_directory_unknown() -> None:
    # BuildKit stops there ("cannot normalize nothing"); the model does not go on in "/".
    text = "FROM scratch\nWORKDIR /app\nWORKDIR $NOTHING\nCOPY a.txt b.txt\n"
    assert _layers(text)[0]["created"] == []
    assert _layers("FROM scratch\nWORKDIR /app\nCOPY a.txt b.txt\n")[0]["created"] == ["/app/b.txt"]


@pytest.mark.parametrize(
    ("image", "created"),
    [
        ("python:3.12", ["/root/x"]),
        ("docker.io/library/solr:9", []),  # USER solr
        ("quay.io/jupyter/base-notebook", []),  # USER jovyan
        ("bitnami/python:3.12", []),  # USER 1001
        ("bitnami/minideb:bookworm", ["/root/x"]),
        ("registry.redhat.io/ubi9/go-toolset", []),  # USER 1001
        ("registry.access.redhat.com/ubi9/ubi", ["/root/x"]),
        ("example.com/team/base:1", ["/root/x"]),  # nearly every image runs as root
    ],
)
def test_home_on_an_image_that_sets_another_user_is_unknown(image: str, created: list) -> None:
    assert _layers(f"FROM {image}\nRUN touch ~/x\n")[0]["created"] == created
    # A USER of the file's own decides again.
    assert _layers(f"FROM {image}\nUSER root\nRUN touch ~/x\n")[0]["created"] == ["/root/x"]


@pytest.mark.parametrize(
    ("run", "created"),
    [
        ("env -C /tmp touch a", "/tmp/a"),
        ("env --chdir=sub touch a", "/w/sub/a"),
        ("env -C/tmp touch a", "/tmp/a"),
        ("sudo -D /tmp touch a", "/tmp/a"),
        ("sudo -C 3 touch a", "/w/a"),  # sudo's -C is --close-from
        ("env -u X touch a", "/w/a"),
    ],
)
def test_env_and_sudo_may_run_the_program_in_another_directory(run: str, created: str) -> None:
    assert _layers(f"FROM debian:12\nWORKDIR /w\nRUN {run}\n")[0]["created"] == [created]


def test_a_wrapper_directory_of_unknown_value_is_unknown() -> None:
    assert _layers("FROM debian:12\nWORKDIR /w\nRUN env -C $D touch a\n")[0]["created"] == []


@pytest.mark.parametrize(
    ("run", "created"),
    [
        # `set -e` cannot fail: what follows its `&&` runs, under errexit.
        ("set -e && mkdir /m && touch /m/a; true", ["/m", "/m/a"]),
        ("set -eux && mkdir /m ; touch /n", ["/m", "/n"]),
        ("true && mkdir /m && touch /m/a; true", ["/m"]),
        # without errexit a failed mkdir skips the touch, and the shell goes on
        ("mkdir /m && touch /m/a; true", ["/m"]),
        ("set -x && mkdir /m && touch /m/a; true", ["/m"]),
        # `set -o pipefail` fails in some shs: nothing after it surely ran
        ("set -o pipefail && mkdir /m && touch /m/a; true", []),
    ],
)
def test_a_set_that_cannot_fail_before_and(run: str, created: list[str]) -> None:
    assert _layers(f"FROM debian:12\nRUN {run}\n")[0]["created"] == created
