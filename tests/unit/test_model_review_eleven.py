"""Layer-model facts from the eleventh review round: the shell's own semantics
(`set -e`, loops, functions, builtins that assign, redirections of groups) and
positions, as `layerlint layers --format json` and the rules see them."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from layerlint import lint_text
from layerlint.layers_report import model_json
from layerlint.model import Model
from layerlint.parse import parse_text


def _layers(text: str) -> list[dict[str, Any]]:
    table = model_json(Model(parse_text(text)))
    return [layer for stage in table["stages"] for layer in stage["layers"]]


def _created(text: str) -> list[list[str]]:
    return [layer["created"] for layer in _layers(text)]


def _layers_cli(directory: Any, *arguments: str) -> list[dict[str, Any]]:
    """The layers of `layerlint layers --format json ARGUMENTS` run in `directory`."""
    done = subprocess.run(
        [sys.executable, "-m", "layerlint", "layers", "--format", "json", *arguments],
        capture_output=True,
        text=True,
        check=True,
        cwd=directory,
    )
    return [layer for stage in json.loads(done.stdout)["stages"] for layer in stage["layers"]]


# -- set -e: an action before `&&` that worked made the next operand run -------------


def test_set_e_makes_the_operand_after_an_action_run() -> None:
    text = (
        "FROM alpine:3.19\nRUN set -e; touch /a && touch /b; touch /c\n"
        "RUN set -e; mkdir -p /app && cd /app; touch d\n"
        'SHELL ["/bin/sh", "-e", "-c"]\nRUN cd /s1 && touch a; touch b\n'
    )
    assert _created(text) == [["/a", "/b", "/c"], ["/app", "/app/d"], ["/s1/a", "/s1/b"]]


def test_without_set_e_or_after_a_test_the_operand_may_not_run() -> None:
    text = (
        "FROM alpine:3.19\nRUN touch /e && touch /f; touch /g\n"
        "RUN set -e; [ -f /x ] && touch /h; touch /i\n"
    )
    assert _created(text) == [["/e", "/g"], ["/i"]]


# -- a cd whose failure is tolerated leaves the directory unknown --------------------


@pytest.mark.parametrize(
    "script",
    [
        "cd /x || true; touch a",
        "cd /x 2>/dev/null || echo skip; touch a",
        "cd /x || true && touch a",
        'cd /x || echo "no dir"; rm -rf *',
    ],
)
def test_a_cd_that_may_have_failed_leaves_the_directory_unknown(script: str) -> None:
    layer = _layers(f"FROM alpine:3.19\nWORKDIR /w\nRUN {script}\n")[0]
    assert (layer["created"], layer["deleted"]) == ([], [])


def test_a_cd_whose_failure_exits_is_followed() -> None:
    text = (
        "FROM alpine:3.19\nRUN cd /z || exit 1; touch z\n"
        "RUN mkdir /m 2>/dev/null || true; touch /m/f\n"
    )
    assert _created(text) == [["/z/z"], ["/m", "/m/f"]]


def test_cd_dash_goes_back_and_oldpwd_follows() -> None:
    text = (
        "FROM alpine:3.19\nWORKDIR /w\nRUN cd /opt && cd - && touch a\nRUN cd - ; touch b\n"
        "RUN cd /y && cd /z && touch $OLDPWD/c\n"
    )
    assert _created(text) == [["/w/a"], [], ["/y/c"]]


# -- variables that loops, functions and builtins assign ------------------------------


def test_a_for_loop_leaves_its_last_item() -> None:
    text = (
        "FROM alpine:3.19\nRUN D=/a; for D in /b /c; do :; done; touch $D/x\n"
        "RUN D=/a; for D in /b /c; do break; done; touch $D/y\n"
        "RUN for D in /q; do touch $D/in; done\n"
    )
    # Inside the body the name is each item in turn (and the body may not run).
    assert _created(text) == [["/c/x"], [], []]


def test_a_function_call_makes_what_it_changes_unknown() -> None:
    text = (
        "FROM alpine:3.19\nWORKDIR /w\nRUN f() { cd /x; }; f; touch a\n"
        "RUN f() { D=/fd; }; D=/a; f; touch $D/b\nRUN function h { cd /h; }; h && touch c\n"
        "RUN g() { local L=/l; }; L=/k; g; touch $L/g\n"
    )
    assert _created(text) == [[], [], [], ["/k/g"]]


@pytest.mark.parametrize(
    "script",
    [
        "read -r D < /app/VERSION; touch $D/x",
        "while read -r D; do :; done < /etc/hostname; touch $D/x",
        "getopts ab D; touch $D/x",
        "let D=5; touch $D/x",
        "printf -v D /c; touch $D/x",
        "mapfile D < f; touch $D/x",
        "touch ${D:=/e}/y; touch $D/x",
        "X=/p | true; D=$X; touch $D/x",
    ],
)
def test_builtins_that_assign_make_the_name_unknown(script: str) -> None:
    text = f"FROM debian:12\nRUN D=/a; {script}\n"
    assert all(not path.startswith("/a") for path in _created(text)[0])


def test_plus_equals_appends_in_bash_only() -> None:
    text = 'FROM debian:12\nRUN D=/a; D+=/y; touch $D/x\nRUN bash -c "D=/a; D+=/y; touch \\$D/x"\n'
    assert _created(text) == [[], ["/a/y/x"]]


def test_a_group_redirection_opens_the_file_before_the_group_runs() -> None:
    text = "FROM alpine:3.19\nWORKDIR /w\nRUN { cd /x; echo a; } > f1\n"
    assert _created(text) == [["/w/f1"]]


def test_usermod_moves_the_home() -> None:
    text = (
        "FROM node:20\nRUN usermod -d /srv/node -m node\nUSER node\nRUN touch ~/a\n"
        "FROM debian:12\nRUN useradd -m app && usermod --home /opt/app app\nUSER app\n"
        "RUN touch ~/b\n"
    )
    assert _created(text)[1] == ["/srv/node/a"]
    assert _created(text)[3] == ["/opt/app/b"]


# -- heredoc shells with options, exec-form positions, SHELL paths --------------------


@pytest.mark.parametrize(
    "shell", ["bash -o pipefail", "bash -e", "sh -euxo pipefail", "sh -s -- /a"]
)
def test_a_heredoc_fed_to_a_shell_with_options_is_its_script(shell: str) -> None:
    text = f"# syntax=docker/dockerfile:1\nFROM debian:12\nRUN <<EOF {shell}\napt-get update\nEOF\n"
    layer = _layers(text)[0]
    assert layer["unknown_commands"] == []
    assert layer["created"] == ["/var/lib/apt/lists/*"]


def _findings(text: str, code: str) -> list[tuple[int, int, int]]:
    return [(f.line, f.column, f.end_column) for f in lint_text(text) if f.code == code]


def test_exec_form_shell_scripts_point_at_the_word() -> None:
    text = (
        "FROM alpine:3.19\nRUN wget -O /a https://x/a && wget -O /b https://x/b\n"
        'RUN ["sh","-c","rm -f /a"]\nRUN ["/bin/sh", "-c", "echo \\"x\\" && rm -f /b"]\n'
    )
    assert _findings(text, "LL5001") == [(3, 23, 25), (4, 44, 46)]


def test_a_windows_shell_path_is_named_by_its_program() -> None:
    text = (
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
        'SHELL ["C:\\\\Program Files\\\\PowerShell\\\\7\\\\pwsh.exe","-Command"]\n'
        "RUN Remove-Item x\n"
    )
    assert _layers(text)[0]["unknown_commands"] == ["(pwsh script)"]


# -- ${NAME/PATTERN/REPLACEMENT} with an escaped slash --------------------------------


def test_an_escaped_slash_in_a_replacement_pattern() -> None:
    text = (
        "FROM alpine:3.19\nARG P=linux/amd64\nCOPY a.txt /dl/${P/\\//-}/\n"
        'SHELL ["/bin/bash","-c"]\nRUN mkdir -p /out/${P//\\//_}\n'
    )
    assert _created(text) == [["/dl/linux-amd64/a.txt"], ["/out/linux_amd64"]]


# -- `--from` takes no variables ------------------------------------------------------


def test_copy_from_a_variable_fails_the_build_and_makes_nothing() -> None:
    text = (
        "FROM alpine:3.19 AS build\nRUN touch /artifact\nFROM alpine:3.19\nARG SRC=build\n"
        "COPY --from=$SRC /artifact /artifact\nRUN rm /artifact\n"
    )
    table = model_json(Model(parse_text(text)))
    layers = [layer for stage in table["stages"] for layer in stage["layers"]]
    assert layers[1]["created"] == []
    assert layers[2]["deleted"] == [{"path": "/artifact", "created_line": None}]
    # Stage 0 is not a source of the shipped stage.
    assert [stage["ships"] for stage in table["stages"]] == [False, True]
    assert [f.code for f in lint_text(text) if f.code in ("LL1003", "LL5001")] == ["LL1003"]


# -- build arguments ------------------------------------------------------------------


def test_build_args_give_arg_values() -> None:
    text = (
        "ARG BASE=alpine:3.19\nFROM $BASE\nARG D\nARG E=/e\nRUN mkdir -p $D $E\n"
        "FROM alpine:3.19\nARG BASE\nCOPY a.txt /${BASE}/\n"
    )
    model = Model(parse_text(text), build_args={"D": "/d", "E": "/x", "BASE": "debian:12"})
    table = model_json(model)
    assert table["stages"][0]["base"] == "debian:12"
    layers = [layer for stage in table["stages"] for layer in stage["layers"]]
    assert layers[0]["created"] == ["/d", "/x"]
    assert layers[1]["created"] == ["/debian:12/a.txt"]


def test_layers_takes_build_args(tmp_path: Any) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.19\nARG D\nRUN mkdir -p $D\n")
    assert _layers_cli(tmp_path, "--build-arg", "D=/d", "Dockerfile")[0]["created"] == ["/d"]


# -- what the JSON says of a stage beyond the required keys ----------------------------


def test_stage_json_has_platform_parsed_base_and_sources() -> None:
    digest = "sha256:" + "a" * 64
    text = (
        "ARG V=3.19\nFROM --platform=$BUILDPLATFORM docker.io/library/alpine:${V} AS build\n"
        f"RUN touch /a\nFROM ghcr.io/o/r:1@{digest} AS two\nCOPY --from=build /a /a\n"
        "COPY --from=nginx:1.27 /etc/nginx /n\nRUN --mount=from=0,target=/m true\nFROM two\n"
    )
    stages = model_json(Model(parse_text(text)))["stages"]
    assert stages[0]["platform"] == "$BUILDPLATFORM"
    assert stages[0]["base_image"] == {
        "registry": "docker.io",
        "name": "alpine",
        "tag": "3.19",
        "digest": None,
    }
    assert stages[1]["base_image"] == {
        "registry": "ghcr.io",
        "name": "o/r",
        "tag": "1",
        "digest": digest,
    }
    assert stages[1]["sources"] == [
        {"line": 5, "kind": "copy", "reference": "build", "stage": 0, "image": None},
        {
            "line": 6,
            "kind": "copy",
            "reference": "nginx:1.27",
            "stage": None,
            "image": "nginx:1.27",
        },
        {"line": 7, "kind": "mount", "reference": "0", "stage": 0, "image": None},
    ]
    assert (stages[2]["base_stage"], stages[2]["base_image"], stages[2]["target"]) == (
        1,
        None,
        True,
    )
    assert [stage["ships"] for stage in stages] == [False, True, True]


# -- a directory an earlier instruction made receives files by name -------------------


def test_a_directory_an_earlier_copy_or_clone_made_receives_files_by_name() -> None:
    text = (
        "FROM python:3.12-slim\nCOPY requirements.txt /app/\nCOPY main.py /app\n"
        "RUN git clone https://github.com/o/r.git /opt/r\n"
        "RUN curl -fsSL -o /tmp/p.patch https://e.com/p.patch && mv /tmp/p.patch /opt/r\n"
        "RUN rm -rf /opt/r\nCOPY x.txt /opt/r\n"
    )
    created = _created(text)
    assert created[1] == ["/app/main.py"]
    assert created[3] == ["/opt/r/p.patch"]
    assert created[5] == ["/opt/r"]  # gone again: now a file of that name


def test_directories_the_official_images_have() -> None:
    text = (
        "FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d\n"
        "FROM debian:12\nCOPY x.list /etc/apt/sources.list.d\n"
        "FROM node:20\nCOPY .npmrc.tpl /home/node\n"
    )
    assert _created(text) == [
        ["/docker-entrypoint-initdb.d/init.sql"],
        ["/etc/apt/sources.list.d/x.list"],
        ["/home/node/.npmrc.tpl"],
    ]


# -- ADD of git URLs with a query, remote archives with --unpack, unknown sources ------


def test_add_of_a_git_url_with_a_query_fills_the_destination() -> None:
    text = (
        "# syntax=docker/dockerfile:1\nFROM golang:1.22\nWORKDIR /usr/src/runc\n"
        "ADD https://github.com/opencontainers/runc.git?ref=v1.1.12&keep-git-dir=1 .\n"
        "RUN rm -rf .git\nADD https://github.com/o/x.git?tag=v1 /src\nRUN rm -rf /src/.git\n"
    )
    layers = _layers(text)
    assert layers[0]["created"] == ["/usr/src/runc/*"]
    assert layers[1]["deleted"] == [{"path": "/usr/src/runc/.git", "created_line": 4}]
    assert layers[2]["created"] == ["/src/*"]
    assert layers[3]["deleted"] == [{"path": "/src/.git", "created_line": None}]  # not kept


def test_add_unpack_true_unpacks_a_remote_archive() -> None:
    text = (
        "FROM alpine:3.19\n"
        "ADD --unpack=true https://go.dev/dl/go1.22.0.linux-amd64.tar.gz /usr/local/\n"
        "RUN rm -f /usr/local/go1.22.0.linux-amd64.tar.gz\n"
        "ADD https://example.com/files/my%20tool.tar.gz /opt/\n"
    )
    layers = _layers(text)
    assert layers[0]["created"] == ["/usr/local/*"]
    assert layers[1]["deleted"] == [
        {"path": "/usr/local/go1.22.0.linux-amd64.tar.gz", "created_line": None}
    ]
    assert layers[2]["created"] == ["/opt/my tool.tar.gz"]  # BuildKit decodes the name


def test_an_unknown_source_still_lands_at_a_known_destination() -> None:
    text = (
        "FROM debian:12\nARG TARGETARCH\n"
        "ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-${TARGETARCH} /tini\n"
        "RUN chmod +x /tini\nARG APP\nCOPY ${APP}/app.conf /etc/app.conf\nRUN rm /etc/app.conf\n"
        "COPY ${APP}/ /srv/\n"
    )
    layers = _layers(text)
    assert layers[0]["created"] == ["/tini"]
    assert layers[1]["modified"] == ["/tini"]
    assert layers[3]["deleted"] == [{"path": "/etc/app.conf", "created_line": 6}]
    assert layers[4]["created"] == ["/srv/*"]


def test_a_versioned_release_directory_is_moved_as_a_tree() -> None:
    text = (
        "FROM eclipse-temurin:17-jre\nRUN curl -fsSL https://e.com/apache-tomcat-10.1.20.tar.gz"
        " -o /tmp/t.tgz && tar -xzf /tmp/t.tgz -C /opt && mv /opt/apache-tomcat-10.1.20"
        " /opt/tomcat && rm /tmp/t.tgz\nRUN rm -rf /opt/tomcat/webapps/*\n"
    )
    assert _layers(text)[1]["deleted"] == [{"path": "/opt/tomcat/webapps/*", "created_line": 2}]


def test_ln_of_a_glob_links_each_match() -> None:
    text = (
        "FROM alpine:3.19\nRUN mkdir /opt/app && curl -o /opt/app/tool https://e.com/tool\n"
        "RUN ln -s /opt/app/* /usr/local/bin/\nRUN rm /usr/local/bin/tool\n"
    )
    layers = _layers(text)
    assert layers[1]["created"] == ["/usr/local/bin/*"]
    assert layers[2]["deleted"] == [{"path": "/usr/local/bin/tool", "created_line": 3}]


def test_tilde_user_is_that_users_home() -> None:
    text = (
        "FROM debian:12\nRUN useradd -m app\nRUN touch ~app/f ~root/g ~nobody/h\n"
        "FROM node:20\nRUN touch ~node/x\n"
    )
    assert _created(text) == [["/home/app"], ["/home/app/f", "/root/g"], ["/home/node/x"]]


# -- package managers (review round 12) -----------------------------------------------


def test_yarn_caches_in_the_users_home() -> None:
    text = (
        "FROM node:20\nUSER node\nWORKDIR /home/node/app\nRUN yarn install --frozen-lockfile\n"
        "RUN rm -rf /home/node/.cache/yarn\nUSER root\nRUN XDG_CACHE_HOME=/xc yarn install\n"
    )
    layers = _layers(text)
    assert "/home/node/.cache/yarn/*" in layers[0]["created"]
    assert layers[1]["deleted"] == [{"path": "/home/node/.cache/yarn", "created_line": 4}]
    assert "/xc/yarn/*" in layers[2]["created"]


def test_nothing_written_under_dev_proc_or_sys_reaches_the_layer() -> None:
    text = (
        "FROM node:20\nWORKDIR /app\n"
        "RUN YARN_CACHE_FOLDER=/dev/shm/yarn yarn install --production\n"
        "RUN pip install --cache-dir /dev/shm/pip flask==3.0.3\nRUN touch /dev/shm/marker /proc/x\n"
        "FROM php:8.3-cli\nENV COMPOSER_HOME=/composer\n"
        "RUN COMPOSER_CACHE_DIR=/dev/null composer install\nRUN composer install --no-cache\n"
    )
    created = _created(text)
    assert created[0] == ["/app/node_modules", "/app/node_modules/*"]
    assert created[1:3] == [[], []]
    assert created[3] == created[4] == ["/vendor/*"]


def test_apk_cache_clean_and_a_cache_mount_on_etc_apk_cache() -> None:
    text = (
        "FROM alpine:3.20\nRUN apk add git=2.45.2-r0\nRUN apk cache clean\n"
        "RUN --mount=type=cache,target=/etc/apk/cache apk add curl=8.9.1-r2\n"
    )
    layers = _layers(text)
    assert layers[1]["deleted"] == []  # fails without a cache; keeps the indexes with one
    assert layers[2]["created"] == []


def test_go_commands_that_download_modules_and_moved_caches() -> None:
    text = (
        "FROM golang:1.22\nWORKDIR /src\nRUN go mod tidy\nRUN go vet ./...\n"
        "RUN go env -w GOMODCACHE=/mc && go build -o /app .\nRUN go get y\n"
        "FROM golang:1.22\nENV GOPATH=/a:/b\nRUN go get x\n"
    )
    created = _created(text)
    assert created[0] == ["/go/pkg/mod/*"]
    assert "/go/pkg/mod/*" in created[1]
    assert created[2] == ["/app"]  # the module cache moved to an unknown place
    assert created[3] == []  # and stays there for the RUNs after
    assert created[4] == ["/a/pkg/mod/*"]


def test_empty_pip_settings_are_ignored() -> None:
    text = (
        'FROM python:3.12\nENV PIP_NO_CACHE_DIR=""\nRUN pip install flask==3.0.3\n'
        "FROM python:3.12\nENV PIP_CACHE_DIR=\nRUN pip install flask==3.0.3\n"
    )
    assert _created(text) == [["/root/.cache/pip/*"], ["/root/.cache/pip/*"]]


def test_package_actions_without_a_table_are_unknown() -> None:
    text = (
        "FROM node:20\nWORKDIR /app\nRUN npm pack\nRUN npm prune --omit=dev\nRUN npm audit fix\n"
        "RUN yarn upgrade\nFROM python:3.12\nRUN pipx install black==24.1.0\n"
    )
    assert [layer["unknown_commands"] for layer in _layers(text)] == [
        ["npm"],
        ["npm"],
        ["npm"],
        ["yarn"],
        ["pipx"],
    ]


def test_dnf_cachedir_option() -> None:
    text = "FROM fedora:40\nRUN dnf --setopt=cachedir=/tmp/dnfc install -y x-1\n"
    assert _created(text) == [["/tmp/dnfc/*"]]


# -- messages that fit the image (review round 12, corpus) -----------------------------


def test_pipefail_remedy_names_a_shell_the_image_has() -> None:
    text = (
        "FROM alpine:3.20\nRUN wget -qO- https://example.com/install.sh | sh\n"
        "FROM alpine:3.20\nRUN apk add --no-cache bash=5.2.26-r0\n"
        "RUN wget -qO- https://example.com/install.sh | sh\n"
        "FROM debian:12\nRUN wget -qO- https://example.com/install.sh | sh\n"
    )
    messages = [f.message for f in lint_text(text) if f.code == "LL3050"]
    assert ['"/bin/ash"' in m for m in messages] == [True, False, False]
    assert ['"/bin/bash"' in m for m in messages] == [False, True, True]


def test_layer_rule_remedies_fit_the_case() -> None:
    text = (
        "FROM alpine:3.20\nCOPY app.conf /config/app.conf\n"
        "RUN adduser -S -H app && chown -R app /config\nCOPY etc /etc/nginx\n"
        "RUN chown -R root:root /etc/nginx\nCOPY x.conf /x.conf\nRUN chown nobody /x.conf\n"
        "RUN apt-get update && apt-get purge -y imagemagick\nUSER app\n"
    )
    messages = {f.line: f.message for f in lint_text(text) if f.code in ("LL5003", "LL5005")}
    assert messages[3].endswith(
        "create the user in a RUN before the COPY, then use COPY --chown=app"
    )
    assert messages[5].endswith("COPY already makes them root's: drop the chown")
    assert messages[7].endswith("set it with COPY --chown instead")
    assert messages[8].endswith("removing packages needs no index, so drop the refresh")


def test_a_finding_in_a_script_from_a_variable_points_at_the_reference() -> None:
    text = (
        'FROM debian:12\nARG SCRIPT="apt-get update && apt-get install -y curl=7.88.1-10'
        ' && rm -rf /var/lib/apt/lists/*"\nRUN bash -c "${SCRIPT}"\n'
    )
    found = [(f.line, f.column, f.end_column) for f in lint_text(text) if f.code == "LL3010"]
    assert found == [(3, 14, 23)]


# -- regressions found by review t --------------------------------------------------


def test_set_plus_e_turns_errexit_off() -> None:
    text = (
        "FROM debian:12\nRUN set -e; set +e; mkdir -p /opt/p && cd /opt/p; touch i.txt\n"
        "RUN set -o errexit; mkdir -p /p && cd /p; touch a\n"
    )
    assert _created(text) == [["/opt/p"], ["/p", "/p/a"]]


def test_a_default_after_something_that_may_set_any_name_is_unknown() -> None:
    text = (
        "FROM alpine:3.19\nRUN . /etc/os-release; mkdir -p /opt/${ID:-linux}\n"
        "RUN --mount=type=secret,id=cfg,env=CONF_DIR mkdir -p ${CONF_DIR:-/etc/app}\n"
        "RUN export $(cat .env); mkdir -p ${A:-/a}\nRUN mkdir -p ${B:-/b}\n"
        "ARG K\nENV $K=/e1\nRUN mkdir -p ${DIR:-/dflt}\n"
    )
    assert _created(text) == [[], [], [], ["/b"], []]


def test_a_test_before_and_is_not_an_action_under_set_e() -> None:
    text = (
        "FROM alpine:3.19\nRUN set -e; apk info -e curl && apk del curl; echo done\n"
        "RUN set -e; apt-get purge -y x && apt-get dist-clean; true\n"
    )
    layers = _layers(text)
    assert layers[0]["packages_removed"] == []
    assert {item["path"] for item in layers[1]["deleted"]} >= {"/var/lib/apt/lists/*"}


def test_a_long_chain_of_stages() -> None:
    lines = ["FROM alpine:3.19 AS s0", "RUN mkdir -p /d0"]
    for index in range(1, 300):
        lines += [f"FROM s{index - 1} AS s{index}", f"RUN mkdir -p /d{index}"]
    lines.append("COPY x.txt /d0")
    text = "\n".join(lines) + "\n"
    assert _layers(text)[-1]["created"] == ["/d0/x.txt"]
    assert [f.code for f in lint_text(text) if f.code == "LL1002"] == []


def test_links_and_versioned_files_are_not_directories() -> None:
    text = (
        "FROM alpine:3.19\nRUN ln -s /opt/*/bin/tool /usr/local/bin/\n"
        "COPY tool.sh /usr/local/bin/tool\n"
        "COPY --from=busybox:1.36 /bin/busybox-1.36.1 /usr/local/bin/busybox-1.36.1\n"
        "RUN chmod +x /usr/local/bin/busybox-1.36.1\n"
    )
    assert _created(text)[1] == ["/usr/local/bin/tool"]
    assert [f.line for f in lint_text(text) if f.code == "LL5003"] == [5]


def test_oldpwd_assignment_and_popd() -> None:
    text = (
        "FROM alpine:3.19\nRUN cd /opt; OLDPWD=/etc; cd -; touch a\n"
        'SHELL ["/bin/bash","-c"]\nRUN cd /a; pushd /b; popd; cd -; touch x\n'
    )
    assert _created(text) == [["/etc/a"], []]


def test_functions_defined_later_and_builtins_inside() -> None:
    text = (
        "FROM alpine:3.19\nRUN setup() { enter; }; enter() { cd /opt; }; setup; touch x1\n"
        "RUN f() { read -r X < /etc/hostname; }; X=/a; f; mkdir $X\n"
        "RUN g() { unset Y; }; Y=/y; g; mkdir $Y/z\n"
        "RUN i() { declare -g M=/m; }; M=/n; i; touch $M/q\n"
    )
    assert _created(text) == [[], [], [], []]


def test_smaller_review_t_cases() -> None:
    text = (
        "FROM debian:12\nRUN for d in /a /b; do d=/c; done; touch $d/x\n"
        "RUN useradd -m dan && usermod -l dave dan\nRUN touch ~dan/u\n"
        "ARG V\nADD https://github.com/moby/buildkit.git#${V} /src\n"
        'RUN ["sh", "-c", "apt-get install \\\\ud83d x"]\n'
    )
    created = _created(text)
    assert created[0] == created[2] == []
    assert created[3] == ["/src/*"]
    assert [f.code for f in lint_text(text) if f.code == "LL1002"] == []


def test_base_image_json_for_docker_hub_spellings_and_scratch() -> None:
    text = "FROM index.docker.io/library/alpine:3.19\nFROM scratch\n"
    stages = model_json(Model(parse_text(text)))["stages"]
    assert stages[0]["base_image"] == {
        "registry": "docker.io",
        "name": "alpine",
        "tag": "3.19",
        "digest": None,
    }
    assert stages[1]["base_image"] is None


def test_build_args_merge_with_the_configuration(tmp_path: Any) -> None:
    (tmp_path / "layerlint.toml").write_text('[build-args]\nA = "/fromcfg"\nB = "/bcfg"\n')
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.19\nARG A=/a\nARG B=/b\nRUN mkdir $A $B\n")
    layers = _layers_cli(tmp_path, "--build-arg", "A=/cli", "Dockerfile")
    assert layers[0]["created"] == ["/cli", "/bcfg"]


# -- regressions found by review w --------------------------------------------------


def test_drop_the_chown_only_for_root_of_files_a_plain_copy_made() -> None:
    text = (
        "FROM alpine:3.20\nCOPY a.conf /x.conf\nRUN chown root:staff /x.conf\n"
        "COPY b.conf /y.conf\nRUN chown :staff /y.conf\n"
        "COPY --from=busybox:1.36 /bin/busybox /sh\nRUN chown root:root /sh\n"
        "COPY c.conf /z.conf\nRUN chown 0:0 /z.conf\n"
    )
    messages = {f.line: f.message for f in lint_text(text) if f.code == "LL5003"}
    assert [line for line, message in messages.items() if "drop the chown" in message] == [9]


def test_substitutions_buildkit_takes_are_not_reported() -> None:
    text = 'FROM alpine:3.20\nENV X=$${A:0} Y=${A:#x} Z=${A:%y} W="${B:-${C}}"\n'
    assert [f for f in lint_text(text) if f.code == "LL1003"] == []


def test_pipefail_remedy_sees_bash_installed_in_a_parent_stage() -> None:
    text = (
        "FROM alpine:3.20 AS base\nRUN apk add --no-cache bash=5.2.26-r0\n"
        "FROM base\nRUN wget -qO- https://example.com/install.sh | sh\n"
    )
    messages = [f.message for f in lint_text(text) if f.code == "LL3050"]
    assert len(messages) == 1 and '"/bin/bash"' in messages[0]


# -- last harness round -------------------------------------------------------------


def test_ifs_splits_and_eval_may_change_directory() -> None:
    text = (
        'FROM alpine:3.19\nRUN IFS=:; P=/i1:/i2; touch $P\nRUN cd /a; eval "cd /b"; touch x\n'
        'RUN P="/c /d"; touch $P\n'
    )
    assert _created(text) == [["/i1", "/i2"], [], ["/c", "/d"]]


def test_a_stage_name_defined_twice_means_its_latest_definition() -> None:
    text = (
        "FROM alpine:3.19 AS a\nRUN mkdir /out && touch /out/one\n"
        "FROM alpine:3.19 AS a\nRUN mkdir /out && touch /out/two\n"
        "FROM alpine:3.19\nCOPY --from=a /out/ /dst/\nFROM a\nRUN rm /out/two\n"
    )
    stages = model_json(Model(parse_text(text)))["stages"]
    assert stages[2]["sources"][0]["stage"] == 1
    assert stages[2]["layers"][0]["created"] == ["/dst/*", "/dst/two"]
    assert stages[3]["base_stage"] == 1
    assert stages[3]["layers"][0]["deleted"] == [{"path": "/out/two", "created_line": 4}]
    targeted = model_json(Model(parse_text(text), target="a"))["stages"]
    assert [stage["ships"] for stage in targeted] == [False, True, False, False]


def test_nginx_entrypoint_directory() -> None:
    text = "FROM nginx:1.27\nCOPY 40-x.sh /docker-entrypoint.d\n"
    assert _created(text) == [["/docker-entrypoint.d/40-x.sh"]]
