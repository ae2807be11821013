"""Layer tables of hand-checked Dockerfiles (tests/fixtures/layers), as
`layerlint layers --format json` prints them, and the filesystem replay behind them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from layerlint.layers_report import model_json
from layerlint.model import Model
from layerlint.parse import parse_text

LAYERS = Path(__file__).resolve().parents[1] / "fixtures" / "layers"


def _table(text: str, target: str | None = None) -> dict[str, Any]:
    return model_json(Model(parse_text(text), target=target))


def _layer(table: dict[str, Any], line: int) -> dict[str, Any]:
    for stage in table["stages"]:
        for layer in stage["layers"]:
            if layer["line"] == line:
                return layer
    raise AssertionError(f"no layer at line {line}")


def _cli(path: Path, *options: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "layerlint", "layers", "--format", "json", *options, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_multi_stage_table() -> None:
    table = _cli(LAYERS / "multi-stage.Dockerfile")
    stages = table["stages"]
    assert [(s["index"], s["name"], s["base"], s["ships"]) for s in stages] == [
        (0, "fetch", "debian:12-slim", False),  # only copied from: build-only
        (1, "base", "debian:12-slim", True),  # the target is built FROM it
        (2, "app", "base", True),
    ]
    # fetch: curl -O into the WORKDIR, tar -x without -C into the WORKDIR
    download = _layer(table, 6)
    assert (download["end_line"], download["created"]) == (
        7,
        ["/downloads/node-v20.11.1-linux-x64.tar.xz", "/downloads/*"],
    )
    assert _layer(table, 8)["deleted"] == [
        {"path": "/downloads/node-v20.11.1-linux-x64.tar.xz", "created_line": 6}
    ]
    # base: ENV-expanded WORKDIR, a cache mount, deletions of known and unknown origin
    apt = _layer(table, 13)
    assert apt["created"] == ["/var/lib/apt/lists/*"]
    assert apt["packages_installed"] == ["python3", "python3-pip", "build-essential"]
    assert _layer(table, 16)["created"] == ["/srv/app/requirements.txt"]
    pip = _layer(table, 17)
    assert (pip["created"], pip["excluded"]) == ([], ["/root/.cache/pip"])
    cleanup = _layer(table, 19)
    assert cleanup["deleted"] == [
        {"path": "/var/lib/apt/lists/*", "created_line": 13},
        {"path": "/tmp/*", "created_line": None},
    ]
    assert cleanup["packages_removed"] == [{"package": "build-essential", "installed_line": 13}]
    # app: COPY --from, COPY . ., a glob, WORKDIR-relative deletion inside the copy
    assert _layer(table, 22)["created"] == ["/usr/local/node"]
    assert _layer(table, 23)["created"] == ["/srv/app/*"]
    assert _layer(table, 24)["created"] == ["/tmp/wheels/*.whl"]
    last = _layer(table, 25)
    assert last["modified"] == ["/srv/app"]
    assert last["deleted"] == [
        {"path": "/srv/app/tests", "created_line": 23},
        {"path": "/tmp/wheels/*.whl", "created_line": 24},
    ]
    assert _layer(table, 26)["deleted"] == [{"path": "/etc/unknown.conf", "created_line": None}]


def test_target_decides_which_stages_ship() -> None:
    table = _cli(LAYERS / "multi-stage.Dockerfile", "--target", "base")
    assert [s["ships"] for s in table["stages"]] == [False, True, False]


def test_scripts_table() -> None:
    table = _table((LAYERS / "scripts.Dockerfile").read_text())
    assert _layer(table, 4)["created"] == ["/var/cache/apk/*"]  # apk add without --no-cache
    heredoc = _layer(table, 5)
    # chmod of the file the layer itself downloads: new in the layer, not modified
    assert (heredoc["created"], heredoc["modified"]) == (
        ["/opt/tools/bin", "/opt/tools/bin/yq"],
        [],
    )
    assert _layer(table, 11)["created"] == [
        "/tmp/data.zip",
        "/work/data",
        "/work/data/*",
    ]  # sh -c body
    moved = _layer(table, 12)
    assert moved["created"] == ["/usr/local/bin/yq"]
    assert moved["deleted"] == [
        {"path": "/opt/tools/bin/yq", "created_line": 5},
        {"path": "/tmp/data.zip", "created_line": 11},
        {"path": "/var/cache/apk/*", "created_line": 4},
    ]
    assert moved["packages_removed"] == [{"package": "curl", "installed_line": 4}]
    unknown = _layer(table, 17)
    assert unknown["created"] == ["/work/build.log"]  # the redirection of an unknown command
    assert (unknown["unknown_commands"], unknown["excluded"]) == (["./build.sh"], ["/tmp"])


def test_two_heredocs_on_one_line_write_files_and_run_nothing() -> None:
    table = _table(
        "FROM debian:12\nWORKDIR /w\nCOPY data.bin /w/data.bin\n"
        "RUN <<FILE1 cat > file1 && <<FILE2 cat > file2\nfirst\nFILE1\nrm -rf /w/data.bin\nFILE2\n"
        "RUN cat <<A > /a.txt && cat <<B > /b.txt\nx\nA\ny\nB\n"
    )
    first, second = _layer(table, 4), _layer(table, 9)
    assert (first["created"], first["deleted"], first["unknown_commands"]) == (
        ["/w/file1", "/w/file2"],
        [],
        [],
    )
    assert second["created"] == ["/a.txt", "/b.txt"]


@pytest.mark.parametrize(
    ("text", "line", "deleted"),
    [
        # deleted in the same RUN: not from an earlier layer
        ("FROM alpine\nRUN wget -O /tmp/a https://x/a && rm /tmp/a\n", 2, [("/tmp/a", None)]),
        # created under a cache mount: never in a layer
        (
            "FROM alpine\nRUN --mount=type=cache,target=/tmp/c wget -O /tmp/c/a https://x/a\n"
            "RUN rm /tmp/c/a\n",
            3,
            [("/tmp/c/a", None)],
        ),
        # an unknown variable: nothing is recorded
        ("FROM alpine\nARG DIR\nRUN touch /x\nRUN rm -rf $DIR/x\n", 4, []),
        # an empty directory or file (mkdir, touch) holds nothing, but it is where the
        # path came from (the rules, not the table, leave such origins out)
        ("FROM alpine\nRUN mkdir /data\nRUN rm -rf /data\n", 3, [("/data", 2)]),
        ("FROM alpine AS a\nRUN touch /k\nFROM a\nRUN rm /k\nRUN rm -f /k\n", 4, [("/k", 2)]),
        ("FROM alpine AS a\nRUN touch /k\nFROM a\nRUN rm /k\nRUN rm -f /k\n", 5, [("/k", None)]),
        # ... unless a command of unknown effect may have filled it
        (
            "FROM alpine\nRUN mkdir /build\nRUN make -C /build\nRUN rm -rf /build\n",
            4,
            [("/build", 2)],
        ),
        # ... also later in the RUN that made it
        (
            "FROM debian\nRUN mkdir /build && cd /build && cmake /src && make\nRUN rm -rf /build\n",
            3,
            [("/build", 2)],
        ),
        ("FROM debian\nRUN make -C /src && mkdir /out\nRUN rm -rf /out\n", 3, [("/out", 2)]),
        # a base image's ENV is unknown, even when another stage of the file sets the name
        (
            "FROM debian AS tools\nENV JAVA_HOME=/opt/jdk\nRUN mkdir -p $JAVA_HOME\n"
            "FROM registry.example.com/jdk:21\nRUN rm -rf $JAVA_HOME/jmods /tmp/x\n",
            5,
            [("/tmp/x", None)],
        ),
        # ... except the ENV an official image is known to set
        (
            "FROM debian AS tools\nENV JAVA_HOME=/opt/jdk\nRUN mkdir -p $JAVA_HOME\n"
            "FROM eclipse-temurin:21 AS jre\nFROM jre\nRUN rm -rf $JAVA_HOME/jmods\n",
            6,
            [("/opt/java/openjdk/jmods", None)],
        ),
        # a path inside a copied application directory came with the copy
        ("FROM alpine\nCOPY . /app\nRUN rm -rf /app/.git\n", 3, [("/app/.git", 2)]),
        # ... but not after a command of unknown effect ran there
        (
            "FROM alpine\nCOPY . /app\nRUN make -C /app\nRUN rm -rf /app/build\n",
            4,
            [("/app/build", None)],
        ),
        # nested unpacked trees: the innermost is where the path came from (corpus:
        # buildkit's tf2 test file)
        (
            "FROM debian\nRUN curl -fsSL https://x/a.tgz | tar -xz -C /steam\n"
            "RUN curl -fsSL https://x/b.tgz | tar -xz -C /steam/tf/addons\n"
            "RUN rm -r /steam/tf/addons/sourcemod/configs\n",
            4,
            [("/steam/tf/addons/sourcemod/configs", 3)],
        ),
        # ... or a package manager, also earlier in the same RUN (npm ci makes
        # node_modules itself, so there it is the origin)
        (
            "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN rm -rf node_modules\n",
            5,
            [("/app/node_modules", 4)],
        ),
        (
            "FROM node\nWORKDIR /app\nCOPY . .\nRUN pip install -e .\nRUN rm -rf lib\n",
            5,
            [("/app/lib", None)],
        ),
        # ... but not one that installs into the system only
        (
            "FROM node\nWORKDIR /app\nCOPY . .\nRUN pip install -r r.txt\nRUN rm -rf lib\n",
            5,
            [("/app/lib", 3)],
        ),
        (
            "FROM debian\nCOPY . /app\nRUN apt-get update && apt-get install -y x\n"
            "RUN rm -rf /app/tests\n",
            4,
            [("/app/tests", 2)],
        ),
        (
            "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci && rm -rf node_modules/.cache\n",
            4,
            [("/app/node_modules/.cache", None)],
        ),
        # a shared directory mixes the copy with the base image's files
        (
            "FROM nginx\nCOPY conf/ /etc/nginx/\nRUN rm /etc/nginx/conf.d/default.conf\n",
            3,
            [("/etc/nginx/conf.d/default.conf", None)],
        ),
        # find -delete and rm with a glob
        (
            "FROM alpine\nCOPY *.pyc /opt/lib/\nRUN find /opt/lib -name '*.pyc' -delete\n",
            3,
            [("/opt/lib/**/*.pyc", None)],
        ),
        ("FROM alpine\nCOPY a.tgz b.tgz /tmp/\nRUN rm -f /tmp/*.tgz\n", 3, [("/tmp/*.tgz", 2)]),
        # a glob empties a copied tree of the names it matches, not of dotfiles
        (
            "FROM alpine\nCOPY . /app\nRUN rm -rf /app/*\nRUN rm -f /app/.npmrc /app/x\n",
            4,
            [("/app/.npmrc", 2), ("/app/x", None)],
        ),
        # a path deleted twice: the second deletion finds nothing left
        ("FROM alpine\nCOPY a /a\nRUN rm /a\nRUN rm -f /a\n", 4, [("/a", None)]),
    ],
)
def test_deletion_origins(text: str, line: int, deleted: list[tuple[str, int | None]]) -> None:
    layer = _layer(_table(text), line)
    assert [(item["path"], item["created_line"]) for item in layer["deleted"]] == deleted


def test_copy_destinations() -> None:
    table = _table(
        "FROM alpine\nWORKDIR /app\nCOPY app.py .\nCOPY tool /usr/local/bin\nCOPY src ./src\n"
        "COPY a.txt b.txt conf/\nADD https://example.com/x.tar.gz /tmp/\nADD rootfs.tar.gz /\n"
        "COPY <<EOF /etc/motd\nhello\nEOF\n"
        "COPY .npmrc .\nCOPY .ssh /root/.ssh/\n"
    )
    created = {layer["line"]: layer["created"] for layer in table["stages"][0]["layers"]}
    assert created == {
        3: ["/app/app.py"],  # `.` is the WORKDIR, an existing directory
        4: ["/usr/local/bin/tool"],
        5: ["/app/src"],  # a directory or a file: its path
        6: ["/app/conf/a.txt", "/app/conf/b.txt"],
        7: ["/tmp/x.tar.gz"],  # a URL is not unpacked
        8: ["/*"],  # a local archive is
        9: ["/etc/motd"],
        12: ["/app/.npmrc"],  # a dotfile
        13: ["/root/.ssh/*"],  # a dot-directory
    }


def test_cp_mv_and_copy_parents() -> None:
    table = _table(
        "FROM alpine\nCOPY stuff/ /a/\nRUN mv /a/* /b/\nRUN cp -r /b/. /c/\n"
        "RUN mv /a /opt/app && cp -a /opt/app /srv/app && cp /etc/hosts /h\n"
        "RUN rm -rf /opt/app/node_modules /c/x\n"
        "COPY --parents a/b/c.txt ./src/./pkg/d.go /p/\n"
    )
    assert _layer(table, 3)["created"] == ["/b/*"]  # the glob's files, into /b
    assert _layer(table, 4)["created"] == ["/c/*"]  # the contents of /b, not /c/b
    assert _layer(table, 5)["created"] == ["/opt/app", "/srv/app", "/h"]
    assert _layer(table, 6)["deleted"] == [
        {"path": "/opt/app/node_modules", "created_line": 5},  # moved with /opt/app
        {"path": "/c/x", "created_line": 4},  # the files cp put into /c
    ]
    assert _layer(table, 7)["created"] == ["/p/a/b/c.txt", "/p/pkg/d.go"]


def test_every_corpus_file_has_a_table() -> None:
    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("the shared corpus is not here")
    for path in sorted(corpus.rglob("*")):
        if path.is_file() and path.name != "MANIFEST.tsv":
            table = model_json(Model(parse_text(path.read_text(errors="replace"))))
            json.dumps(table)


def test_known_and_unknown_commands() -> None:
    table = _table(
        "FROM debian:trixie\n"
        "RUN apt-get install --update -y curl && dpkg --print-architecture\n"
        'RUN eval "make install" && . ./env.sh && dpkg -i /tmp/x.deb\n'
    )
    apt = _layer(table, 2)
    assert (apt["created"], apt["unknown_commands"]) == (["/var/lib/apt/lists/*"], [])
    # eval and source run code layerlint does not see; dpkg -i installs files
    assert _layer(table, 3)["unknown_commands"] == ["eval", ".", "dpkg"]


def test_add_of_a_git_repository_fills_the_destination() -> None:
    table = _table(
        "FROM alpine\nWORKDIR /src\n"
        'ADD --keep-git-dir=true "https://github.com/containers/dnsname.git#v1.3.1" .\n'
        "ADD git@github.com:moby/buildkit.git /buildkit\n"
    )
    created = [layer["created"] for layer in table["stages"][0]["layers"]]
    assert created == [["/src/*"], ["/buildkit/*"]]


def test_a_program_copied_out_of_a_bin_directory_is_a_file() -> None:
    table = _table(
        "FROM golang AS build\nRUN go build -o /usr/local/bin/app .\n"
        "FROM scratch\nCOPY --from=build /usr/local/bin/app /\nCOPY --from=build /etc/ssl /\n"
    )
    created = [layer["created"] for layer in table["stages"][1]["layers"]]
    assert created == [["/app"], ["/*"]]


def test_commands_run_as_another_user_or_root() -> None:
    table = _table(
        "FROM node:22\n"
        "RUN gosu node npm cache clean --force && npm cache clean --force\n"
        "RUN chroot /target rm -rf /tmp/x && sudo -u node HOME=/home/node pip install flask\n"
    )
    # gosu node: node's home is not root's (corpus: docker-library/ghost)
    assert _layer(table, 2)["deleted"] == [{"path": "/root/.npm/_cacache/*", "created_line": None}]
    chrooted = _layer(table, 3)
    assert chrooted["deleted"] == []  # paths inside another root
    assert chrooted["unknown_commands"] == ["rm"]


def test_a_run_in_a_shell_that_is_not_posix_has_unknown_effects() -> None:
    table = _table(
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
        'SHELL ["powershell", "-Command"]\n'
        "RUN Remove-Item -Recurse C:\\\\temp\n"
    )
    layer = _layer(table, 3)
    assert (layer["created"], layer["deleted"]) == ([], [])
    assert layer["unknown_commands"] == ["(powershell script)"]


def test_official_images_set_the_cache_locations() -> None:
    table = _table(
        "FROM golang:1.22-alpine\nRUN go mod download\n"
        "FROM rust:1\nRUN cargo build --release\n"
        "FROM golang:1.22\nENV GOPATH=/src/go\nRUN go mod download\n"
    )
    created = [layer["created"] for stage in table["stages"] for layer in stage["layers"]]
    assert created == [
        ["/go/pkg/mod/*"],
        ["/usr/local/cargo/registry/*", "/target/*"],  # rust's working directory is /
        ["/src/go/pkg/mod/*"],
    ]


def test_relative_paths_resolve_against_an_official_images_workdir() -> None:
    table = _table(
        "FROM python:3.12-slim\nCOPY app.py .\nRUN mkdir data && touch data/x\n"
        "FROM golang:1.22\nRUN git clone https://example.com/r.git src\n"
        "FROM registry.example.com/base:1\nCOPY app.py .\n"
    )
    created = [layer["created"] for stage in table["stages"] for layer in stage["layers"]]
    assert created == [["/app.py"], ["/data", "/data/x"], ["/go/src", "/go/src/*"], []]


def test_javascript_installs_fill_node_modules_and_pushd_moves() -> None:
    table = _table(
        "FROM node:22\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n"
        "RUN rm -rf node_modules/.cache\n"
        "RUN pushd /p && echo > a && popd && echo > b\n"
        "RUN npm install -g pnpm\n"
    )
    assert _layer(table, 4)["created"] == [
        "/root/.npm/*",
        "/app/node_modules",
        "/app/node_modules/*",
    ]
    assert _layer(table, 5)["deleted"] == [{"path": "/app/node_modules/.cache", "created_line": 4}]
    assert _layer(table, 6)["created"] == ["/p/a"]  # after popd the directory is unknown
    assert _layer(table, 6)["unknown_commands"] == []
    assert _layer(table, 7)["created"] == ["/root/.npm/*"]  # a global install


def test_what_a_layer_deletes_itself_is_not_created() -> None:
    table = _table(
        "FROM debian:12\n"
        "RUN curl -fsSLo /tmp/x.tgz https://x/x.tgz && tar -xzf /tmp/x.tgz -C /opt/x"
        " && rm /tmp/x.tgz && apt-get update && rm -rf /var/lib/apt/lists/*"
        " && mkdir /tmp/b && rm -rf /tmp/b && touch /tmp/b\n"
    )
    (layer,) = table["stages"][0]["layers"]
    assert layer["created"] == ["/opt/x/*", "/tmp/b"]  # /tmp/b is made again at the end
    assert [item["path"] for item in layer["deleted"]] == [
        "/tmp/x.tgz",
        "/var/lib/apt/lists/*",
        "/tmp/b",
    ]


def test_heredoc_scripts_of_other_interpreters_and_shells_fed_a_heredoc() -> None:
    table = _table(
        "FROM python:3.12\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nos.remove('/etc/x')\nEOF\n"
        "RUN <<EOF bash\nset -e\ncurl -o /tmp/a https://e.com/a\nEOF\n"
        "RUN curl -fsSL https://e.com/install.sh | sh\n"
        "RUN rm /a /a\n"
    )
    assert _layer(table, 2)["unknown_commands"] == ["(python3 script)"]
    assert (_layer(table, 7)["created"], _layer(table, 7)["unknown_commands"]) == (["/tmp/a"], [])
    assert _layer(table, 11)["unknown_commands"] == ["sh"]  # a script read from a pipe
    assert _layer(table, 12)["deleted"] == [{"path": "/a", "created_line": None}]


def test_go_build_output_and_directories_changed_by_branches() -> None:
    table = _table(
        "FROM golang:1.22\nWORKDIR /src\nRUN go build -o /out/app ./cmd/app && go build -o bin/ .\n"
        "RUN if [ -d /y ]; then cd /y; fi; touch a\n"
        "RUN for d in x; do cd /loop; done; touch b\n"
        "RUN { cd /g; }; touch c\n"
        "RUN false && cd /x; touch d\n"
        "RUN [ -d /v ] && cd /v\n"
    )
    assert _layer(table, 3)["created"] == [
        "/root/.cache/go-build/*",
        "/go/pkg/mod/*",
        "/out/app",
        "/src/bin/*",
    ]
    assert (
        _layer(table, 4)["created"] == _layer(table, 5)["created"] == []
    )  # where a and b went is unknown
    assert _layer(table, 6)["created"] == ["/g/c"]  # a group runs in the same shell
    assert _layer(table, 7)["created"] == []  # cd /x ran only if false succeeded


def test_cp_mv_ln_into_directories_the_model_knows() -> None:
    table = _table(
        "FROM alpine\nWORKDIR /app\n"
        "RUN mkdir -p /out && mv /go/bin/tool /out && cp a.sh /usr/local/bin && cp b /app"
        " && cp c /etc/c.conf && ln -s /x /usr/bin\n"
    )
    (layer,) = table["stages"][0]["layers"]
    assert layer["created"] == [
        "/out",
        "/out/tool",  # a directory mkdir made in the same RUN
        "/usr/local/bin/a.sh",  # a standard directory
        "/app/b",  # the working directory
        "/etc/c.conf",  # a new name
        "/usr/bin/x",
    ]


def test_copy_from_a_stage_names_the_files_the_model_knows_there() -> None:
    table = _table(
        "FROM golang:1.22 AS build\nWORKDIR /src\n"
        "RUN go build -o /out/app ./cmd/app && go build -o /out/tmp ./cmd/tmp && rm /out/tmp\n"
        "FROM alpine\nCOPY --from=build /out/ /usr/local/bin/\nCOPY --from=build /out /opt/out\n"
        "COPY --from=build /out/app /srv/\nRUN rm /usr/local/bin/app /opt/out/app /srv/app\n"
    )
    assert _layer(table, 5)["created"] == ["/usr/local/bin/*", "/usr/local/bin/app"]  # not tmp
    assert _layer(table, 6)["created"] == [
        "/opt/out/*",
        "/opt/out/app",
    ]  # /out is a directory there
    assert _layer(table, 7)["created"] == ["/srv/app"]  # a file of the stage, not a directory
    assert _layer(table, 8)["deleted"] == [
        {"path": "/usr/local/bin/app", "created_line": 5},
        {"path": "/opt/out/app", "created_line": 6},
        {"path": "/srv/app", "created_line": 7},
    ]


def _created_and_deleted(text: str) -> dict[int, tuple[list[str], list[tuple[str, int | None]]]]:
    """Per layer line: (created, [(deleted path, created_line)])."""
    return {
        layer["line"]: (
            layer["created"],
            [(item["path"], item["created_line"]) for item in layer["deleted"]],
        )
        for stage in _table(text)["stages"]
        for layer in stage["layers"]
    }


def test_tilde_is_expanded_only_where_the_shell_does() -> None:
    table = _created_and_deleted(
        "FROM alpine\nWORKDIR /app\nRUN touch \\~/a\nRUN touch ~root/b ~/c\n"
        "RUN touch \"~/q\" '~/s'\nENV D=~/x\nRUN mkdir -p $D\nRUN touch ~nobody/x\n"
        "ARG RUNUSER\nUSER $RUNUSER\nRUN touch ~/x $HOME/y\n"
    )
    assert [created for created, _ in table.values()] == [
        ["/app/~/a"],
        ["/root/b", "/root/c"],
        ["/app/~/q", "/app/~/s"],
        ["/app/~/x"],  # ENV does not expand `~`, nor does the shell in a value
        [],  # another user's home is not known
        [],  # USER of an unknown value: HOME unknown, not /root
    ]


def test_cd_options_are_not_the_directory() -> None:
    table = _created_and_deleted(
        "FROM alpine\nWORKDIR /w\nRUN cd -P /x && touch a\nRUN cd -- /y && touch b\n"
        "RUN cd -L && touch c\n"
    )
    assert [created for created, _ in table.values()] == [["/x/a"], ["/y/b"], ["/root/c"]]


def test_unquoted_expansions_are_split_into_fields_and_globbed() -> None:
    table = _created_and_deleted(
        'FROM alpine\nENV FILES="/f1 /f2" T=/tmp/*.tgz E=\nRUN touch /f1 /f2\n'
        "RUN rm -rf $FILES\nRUN curl -o /tmp/a.tgz https://example.com/a.tgz\n"
        'RUN rm -f $T && $E touch "$FILES" ${E}\n'
    )
    assert table[4] == ([], [("/f1", 3), ("/f2", 3)])
    assert table[6] == (["/f1 /f2"], [("/tmp/*.tgz", 5)])  # quoted: one word


def test_official_images_env_and_workdir_in_every_instruction() -> None:
    table = _created_and_deleted(
        "FROM docker.io/library/golang:1.22\nWORKDIR $GOPATH/src/app\nCOPY go.mod .\n"
        "ENV BIN=$GOPATH/bin\nRUN touch $BIN/x\nFROM index.docker.io/library/python:3.12\n"
        "COPY a.txt .\nFROM rust:1\nCOPY a.txt $CARGO_HOME/bin/\n"
    )
    assert [created for created, _ in table.values()] == [
        ["/go/src/app/go.mod"],
        ["/go/bin/x"],
        ["/a.txt"],
        ["/usr/local/cargo/bin/a.txt"],
    ]


def test_copies_into_a_directory_an_earlier_instruction_made() -> None:
    table = _created_and_deleted(
        "FROM alpine AS base\nRUN mkdir -p /opt/myapp/conf\nFROM base\n"
        "COPY app.conf /opt/myapp/conf\nWORKDIR /srv/www\nWORKDIR /\nCOPY index.html /srv/www\n"
        "RUN mkdir /data\nCOPY d.txt /data\nRUN rm /data/d.txt /opt/myapp/conf/app.conf\n"
        "RUN mkdir /out\nRUN cp /etc/hosts /out\nRUN rm /out/hosts\n"
        "COPY x.txt /later\nRUN mkdir /later\n"
    )
    assert table[4][0] == ["/opt/myapp/conf/app.conf"]
    assert table[7][0] == ["/srv/www/index.html"]
    assert table[10][1] == [("/data/d.txt", 9), ("/opt/myapp/conf/app.conf", 4)]
    assert table[12][0] == ["/out/hosts"]
    assert table[13][1] == [("/out/hosts", 12)]
    assert table[14][0] == ["/later"]  # made as a directory only afterwards


def test_conventional_file_names_without_extension_are_files() -> None:
    table = _created_and_deleted(
        "FROM ruby:3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nCOPY LICENSE /opt/\n"
        "RUN rm /opt/LICENSE\nCOPY src /app/src\nCOPY Makefile gradlew bin/ /b/\n"
    )
    assert table[3][0] == ["/app/Gemfile", "/app/Gemfile.lock"]
    assert table[5][1] == [("/opt/LICENSE", 4)]
    assert table[6][0] == ["/app/src"]
    assert table[7][0] == ["/b/Makefile", "/b/gradlew", "/b/*"]


def test_a_path_an_earlier_layer_made_keeps_its_line_when_remade_and_deleted() -> None:
    table = _created_and_deleted(
        "FROM node:20\nRUN npm install -g pm2\nRUN npm ci && rm -rf /root/.npm\n"
        "RUN apt-get update\n"
        "RUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n"
    )
    assert table[3][1] == [("/root/.npm", 2)]
    assert table[5][1] == [("/var/lib/apt/lists/*", 4)]


def test_a_wildcard_does_not_reach_dotfiles_of_earlier_layers() -> None:
    table = _created_and_deleted(
        "FROM alpine\nRUN curl -o /tmp/.hidden https://x/y\nRUN curl -o /tmp/vis https://x/y\n"
        "RUN rm -rf /tmp/*\nRUN rm -rf /tmp/.h*\n"
    )
    assert table[4][1] == [("/tmp/*", 3)]
    assert table[5][1] == [("/tmp/.h*", 2)]


def test_find_deletions() -> None:
    table = _created_and_deleted(
        "FROM alpine\nRUN mkdir -p /tmp/x && touch /tmp/x/a\nRUN find /tmp/x -delete\n"
        "RUN mkdir /tmp/y && touch /tmp/y/a && find /tmp/y -delete\n"
        "RUN curl -o /srv/a.pyc https://x\nRUN find /srv -name '*.pyc' -delete\n"
        "RUN find /srv -mindepth 1 -delete\n"
        "RUN find / -xdev -name '*.pyc' -o -name '*.pyo' -delete\n"
        "RUN find /usr -type f -exec chmod 644 {} +\nRUN find /usr -name x -print\n"
    )
    assert table[3][1] == [("/tmp/x", 2)]  # the root goes too
    assert table[4] == ([], [("/tmp/y", None)])  # made and deleted in one layer
    assert table[6][1] == [("/srv/**/*.pyc", 5)]
    assert table[7][1] == [("/srv/*", None)]  # -mindepth 1: the root stays
    unknown = {
        layer["line"]: layer["unknown_commands"]
        for layer in _table(
            "FROM alpine\nRUN find / -name a -o -name b -delete\n"
            "RUN find /usr -type f -exec chmod 644 {} +\nRUN find /usr -name x -print\n"
        )["stages"][0]["layers"]
    }
    assert unknown == {2: ["find"], 3: ["find"], 4: []}


def test_a_fallback_that_fails_makes_what_precedes_it_certain() -> None:
    table = _created_and_deleted(
        "FROM alpine\nRUN touch /srv/a && touch /srv/b || exit 1\n"
        "RUN touch /srv/c && touch /srv/d || { echo failed; exit 1; }\n"
        "RUN touch /srv/e && touch /srv/f || true\nRUN touch /srv/g && touch /srv/h || exit 0\n"
    )
    assert [created for created, _ in table.values()] == [
        ["/srv/a", "/srv/b"],
        ["/srv/c", "/srv/d"],
        ["/srv/e"],
        ["/srv/g"],
    ]


def test_ssh_mounts_get_numbered_sockets() -> None:
    table = _table("FROM alpine\nRUN --mount=type=ssh,id=a --mount=type=ssh,id=b true\n")
    assert _layer(table, 2)["excluded"] == [
        "/run/buildkit/ssh_agent.0",
        "/run/buildkit/ssh_agent.1",
    ]


def test_a_child_shell_sees_exported_variables_only() -> None:
    table = _created_and_deleted(
        'FROM alpine\nENV E=/env\nRUN D=/w; sh -c "touch \\$D/b"; touch $D/c\n'
        'RUN export D=/x; sh -c "touch \\$D/b"\nRUN D=/y sh -c "touch \\$D/b"\n'
        'RUN E=/new; sh -c "touch \\$E/b"\n'
    )
    assert [created for created, _ in table.values()] == [
        ["/w/c"],  # D is not exported: the child's D is the base image's, unknown
        ["/x/b"],
        ["/y/b"],
        ["/new/b"],  # a name from the environment stays exported
    ]


def test_commands_after_a_heredoc_marker_on_its_line_run() -> None:
    table = _created_and_deleted(
        "FROM debian\n"
        "RUN apt-get update && cat <<EOF > /etc/a.conf && rm -rf /var/lib/apt/lists/*\nx\nEOF\n"
        "RUN cat <<EOF | tee /etc/b.conf\ny\nEOF\n"
        "RUN cat <<EOF > /f; touch /g\nx\nEOF\n"
        "RUN bash <<EOF\ntouch /bashed\nEOF\n"
    )
    assert table[2][0] == ["/etc/a.conf"]  # the lists are made and removed in the layer
    assert table[5][0] == ["/etc/b.conf"]
    assert table[8][0] == ["/f", "/g"]
    assert table[11][0] == ["/bashed"]


def test_installs_and_read_only_package_commands_keep_a_copied_trees_origin() -> None:
    table = _created_and_deleted(
        "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\n"
        "RUN npm -v && npm ls && useradd -m app\nRUN rm -rf test .env\n"
        "RUN npm run build\nRUN rm -rf docs\n"
    )
    assert table[6][1] == [("/app/test", 3), ("/app/.env", 3)]
    assert table[8][1] == [("/app/docs", None)]  # a build script may have made it


def test_pip_output_directories_and_the_no_cache_prefix() -> None:
    table = _created_and_deleted(
        "FROM python:3.12\nRUN pip wheel --no-cache-dir -w /tmp/wh flask\nRUN rm -rf /tmp/wh\n"
        "RUN pip install --no-cache --target /t flask\n"
    )
    assert table[2][0] == ["/tmp/wh/*"]
    assert table[3][1] == [("/tmp/wh", 2)]
    assert table[4][0] == ["/t/*"]  # `--no-cache` is pip's prefix of --no-cache-dir


def test_a_heredoc_shebang_with_options_names_its_shell() -> None:
    table = _created_and_deleted(
        "FROM debian:12\nRUN <<EOF\n#!/bin/bash -ex\ntouch /made\nEOF\n"
        "RUN <<EOF\n#!/usr/bin/env -S bash -e\ntouch /made2\nEOF\n"
    )
    assert [created for created, _ in table.values()] == [["/made"], ["/made2"]]


def test_a_later_copy_of_a_tree_is_the_origin_of_a_file_copied_before() -> None:
    table = _created_and_deleted(
        "FROM python:3.12\nWORKDIR /app\nCOPY .env .env\nCOPY . .\nRUN rm -f .env\n"
        "COPY id_rsa /tmp/\nRUN rm -f /tmp/id_rsa\n"
    )
    assert table[5][1] == [("/app/.env", 4)]
    assert table[6][0] == ["/tmp/id_rsa"]  # a key, not a directory
    assert table[7][1] == [("/tmp/id_rsa", 6)]


def test_rpm_names_with_digits_are_names() -> None:
    table = _table(
        "FROM fedora\nRUN dnf install -y java-17-openjdk-headless httpd-2.4.6-97.el7 curl-7.1\n"
    )
    assert _layer(table, 2)["packages_installed"] == ["java-17-openjdk-headless", "httpd", "curl"]


def test_what_must_succeed_inside_groups_subshells_and_pipelines() -> None:
    table = _created_and_deleted(
        "FROM alpine\nRUN (touch /a && rm -rf /b) || true\nRUN { touch /c && touch /d; } || true\n"
        "RUN (touch /e && touch /f) && touch /g\nRUN (touch /h && touch /i) | cat\n"
        "RUN set -o pipefail; (touch /j && touch /k) | cat\n"
    )
    assert [created for created, _ in table.values()] == [
        ["/a"],
        ["/c"],
        ["/e", "/f", "/g"],
        ["/h"],  # without pipefail only the last member's status counts
        ["/j", "/k"],
    ]
    assert table[2][1] == []


def test_bash_expands_braces_and_sh_does_not() -> None:
    table = _created_and_deleted(
        'FROM debian\nSHELL ["/bin/bash", "-c"]\nRUN mkdir -p /app/{src,bin} /x/{a,b{1..2}}\n'
        'FROM debian\nRUN mkdir -p /app/{src,bin} && bash -c "touch /y/{p,q}"\n'
    )
    assert table[3][0] == ["/app/src", "/app/bin", "/x/a", "/x/b1", "/x/b2"]
    assert table[5][0] == ["/app/{src,bin}", "/y/p", "/y/q"]


def test_from_sees_undeclared_names_as_empty_and_touch_makes_files() -> None:
    table = _table(
        "FROM alpine AS b\nRUN mkdir /out && touch /out/tool\n"
        "FROM golang:${TAG:-1.22}\nCOPY x.go .\nCOPY --from=b /out/tool /b/\n"
    )
    assert table["stages"][1]["base"] == "golang:1.22"
    assert _layer(table, 4)["created"] == ["/go/x.go"]
    assert _layer(table, 5)["created"] == ["/b/tool"]


def test_background_jobs_and_fallbacks_of_commands_that_fail() -> None:
    table = _created_and_deleted(
        "FROM alpine\nRUN cd /tmp & touch w\nRUN touch /bg & touch /fg\nRUN false || mkdir /f\n"
        'SHELL ["/usr/bin/env", "bash", "-c"]\nRUN touch /a/{b,c}\n'
    )
    assert [created for created, _ in table.values()] == [
        ["/w"],  # a backgrounded cd runs in a subshell
        ["/fg"],  # a background job may not have finished
        ["/f"],
        ["/a/b", "/a/c"],  # env bash is bash
    ]


def test_layers_warns_about_what_it_could_not_parse(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text("FROM alpine\nFROBNICATE x\nRUN touch /a\n")
    done = subprocess.run(
        [sys.executable, "-m", "layerlint", "layers", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["stages"][0]["layers"][0]["created"] == ["/a"]
    assert f"{path}:2:1: unknown instruction FROBNICATE" in done.stderr


def test_trees_in_srv_and_usr_src_are_the_applications() -> None:
    table = _created_and_deleted(
        "FROM alpine\nRUN curl -fsSL https://x/redis.tgz | tar -xz -C /usr/src\n"
        "RUN rm -rf /usr/src/redis-7.2.4\nCOPY . /srv/\nRUN rm -rf /srv/tests\n"
        "RUN apk add --no-cache $DEPS curl\n"
    )
    assert table[3][1] == [("/usr/src/redis-7.2.4", 2)]
    assert table[5][1] == [("/srv/tests", 4)]
    packages = _layer(_table("FROM alpine\nRUN apk add --no-cache $DEPS curl\n"), 2)
    assert packages["packages_installed"] == ["curl"]  # an unknown variable names nothing


def test_copy_exclude_leaves_files_out_of_the_tree() -> None:
    table = _created_and_deleted(
        "# syntax=docker/dockerfile:1.7-labs\nFROM python:3.12\n"
        "COPY --exclude=*.md --exclude=.env --exclude=docs . /app/\n"
        "RUN rm -f /app/.env /app/README.md /app/x.py /app/docs/a.txt /app/sub/README.md\n"
    )
    assert table[4][1] == [
        ("/app/.env", None),
        ("/app/README.md", None),
        ("/app/x.py", 3),
        ("/app/docs/a.txt", None),
        ("/app/sub/README.md", 3),  # patterns match from the tree's root, as in .dockerignore
    ]


def test_copy_parents_with_wildcard_directories_keeps_them() -> None:
    table = _created_and_deleted(
        "# syntax=docker/dockerfile:1.7-labs\nFROM python:3.12\n"
        "COPY --parents ./services/*/config.yml /cfg/\nRUN rm /cfg/services/api/config.yml\n"
        "COPY --parents a/b/c.txt /p/\n"
    )
    assert table[3][0] == ["/cfg/services/*/config.yml"]
    assert table[4][1] == [("/cfg/services/api/config.yml", 3)]
    assert table[5][0] == ["/p/a/b/c.txt"]


def test_go_build_into_existing_directories_and_copies_on_scratch() -> None:
    table = _created_and_deleted(
        "FROM golang:1.22 AS b\nWORKDIR /src\nRUN go build -o /usr/local/bin ./cmd/tool\n"
        "RUN go build -o /go/bin ./cmd/tool\nRUN mkdir -p /out && go build -o /out ./cmd/t2\n"
        "RUN go build -o /app/server .\nRUN touch /tool\n"
        "FROM scratch AS base\nCOPY --from=b /tool /usr/local/bin\n"
        "FROM base\nCOPY --from=b /tool /srv\nFROM alpine\nCOPY --from=b /tool /bin\n"
        "COPY --from=b --exclude=t2 /out/ /x/\nRUN rm -f /x/t2\n"
    )
    built = [created[-1] for line, (created, _) in table.items() if 3 <= line <= 6]
    assert built == ["/usr/local/bin/tool", "/go/bin/tool", "/out/t2", "/app/server"]
    assert table[9][0] == ["/usr/local/bin"]  # nothing exists on scratch: a file
    assert table[11][0] == ["/srv"]  # ... nor in a stage built on it
    assert table[13][0] == ["/bin/tool"]
    assert table[14][0] == ["/x/*"]
    assert table[15][1] == [("/x/t2", None)]  # excluded from the copy


def test_invariants_found_by_checking_the_json() -> None:
    # what a layer makes and deletes itself is no origin of a later deletion
    table = _created_and_deleted(
        "FROM debian\nRUN touch /x/a && rm /x/a\nRUN rm -rf /x\n"
        "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"
        "RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists\n"
    )
    assert table[3][1] == [("/x", None)]
    assert table[5][1] == [("/var/lib/apt/lists", None)]
    # below a copied, downloaded or moved file there is nothing
    table = _created_and_deleted(
        "FROM debian\nCOPY a.txt /app\nRUN rm -rf /app/y\n"
        "ADD https://example.com/a.tar.gz /srv/pkg\nRUN rm -f /srv/pkg/README\n"
        "RUN mv /tmp/run.sh /data\nRUN rm /data/.env\nCOPY src /app2\nRUN rm -rf /app2/x\n"
    )
    assert [deleted for line, (_, deleted) in table.items() if line in (3, 5, 7, 9)] == [
        [("/app/y", None)],
        [("/srv/pkg/README", None)],
        [("/data/.env", None)],
        [("/app2/x", 8)],  # src may be a directory
    ]
    # a package removed twice is listed once
    removed = _layer(
        _table(
            "FROM debian\nRUN apt-get update && apt-get install -y curl wget\n"
            "RUN apt-get purge -y curl && apt-get remove -y wget curl\n"
        ),
        3,
    )["packages_removed"]
    assert removed == [
        {"package": "curl", "installed_line": 2},
        {"package": "wget", "installed_line": 2},
    ]


def test_heredocs_fed_to_bash_expand_braces() -> None:
    table = _created_and_deleted(
        "FROM debian\nRUN <<EOF bash\nmkdir -p /w/{a,b}\nEOF\n"
        "RUN sh <<EOF\nmkdir -p /u/{a,b}\nEOF\n"
    )
    assert [created for created, _ in table.values()] == [["/w/a", "/w/b"], ["/u/{a,b}"]]
