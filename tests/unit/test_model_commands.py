"""The command table behind the layer model: how the arguments of file commands and
package managers are read (option clusters, options with values, working
directories), as `layerlint layers --format json` prints the result."""

from __future__ import annotations

from typing import Any

import pytest
from layerlint.layers_report import model_json
from layerlint.model import Model
from layerlint.nodes import Run
from layerlint.parse import parse_text


def _layers(text: str) -> list[dict[str, Any]]:
    table = model_json(Model(parse_text(text)))
    return [layer for stage in table["stages"] for layer in stage["layers"]]


def _run(command: str, base: str = "FROM alpine:3.20\nWORKDIR /w\n") -> dict[str, Any]:
    """The layer of one RUN, in /w."""
    return _layers(f"{base}RUN {command}\n")[-1]


@pytest.mark.parametrize(
    ("command", "created"),
    [
        ("wget -qO /tmp/x.tgz https://example.com/y.tgz", ["/tmp/x.tgz"]),
        ("wget -nvO /tmp/a https://example.com/b", ["/tmp/a"]),
        ("wget -qO/tmp/c https://example.com/d", ["/tmp/c"]),
        ("wget -qO- https://example.com/install.sh | sh", []),
        ("wget -O - https://example.com/install.sh | sh", []),
        ("wget --output-document=- https://example.com/install.sh | sh", []),
        ("wget -qP /opt https://example.com/e.tgz", ["/opt/e.tgz"]),
        ("wget -q --directory-prefix=/opt https://example.com/f.tgz", ["/opt/f.tgz"]),
        ("wget -q https://example.com/g.tgz", ["/w/g.tgz"]),
        # Names wget picks itself (host directories, the server's name): unknown.
        ("wget -r -np https://example.com/docs/", ["/w/*"]),
        ("wget -P /opt --content-disposition https://example.com/get?id=1", ["/opt/*"]),
        ("wget -q -o /tmp/wget.log https://example.com/h.tgz", ["/tmp/wget.log", "/w/h.tgz"]),
    ],
)
def test_wget_reads_option_clusters(command: str, created: list[str]) -> None:
    assert _run(command)["created"] == created


@pytest.mark.parametrize(
    ("command", "created"),
    [
        ("curl -fsSLo /tmp/h https://example.com/i", ["/tmp/h"]),
        ("curl -o/tmp/l https://example.com/m", ["/tmp/l"]),
        ("curl -sSLO https://example.com/j.tgz", ["/w/j.tgz"]),
        ("curl -fsSLo- https://example.com/k | sh", []),
        ("curl -fsSL -o- https://example.com/k | sh", []),
        ("curl -fsSLH 'Accept: x' https://example.com/s -o /tmp/s", ["/tmp/s"]),
        ("curl -sSL --output-dir /opt -O https://example.com/n.tgz", ["/opt/n.tgz"]),
        ("curl -sSL --output-dir=/opt -O https://example.com/o.tgz", ["/opt/o.tgz"]),
        ("curl -sSL --output-dir /opt -o p.tgz https://example.com/x", ["/opt/p.tgz"]),
        # One -o or -O per URL, in order; a URL without one goes to standard output.
        ("curl -fsSL -o /tmp/t1 https://example.com/t1 https://example.com/t2", ["/tmp/t1"]),
        ("curl -sSL --remote-name-all https://e.com/u1 https://e.com/u2", ["/w/u1", "/w/u2"]),
        # -J: the server names the file.
        ("curl -fsSLOJ https://example.com/download", ["/w/*"]),
        ("curl -D /tmp/headers -fsSL https://example.com/w", ["/tmp/headers"]),
    ],
)
def test_curl_reads_option_clusters_and_pairs_outputs_with_urls(
    command: str, created: list[str]
) -> None:
    assert _run(command)["created"] == created


@pytest.mark.parametrize(
    ("command", "modified"),
    [
        ("sed -i -e 's/a/b/' -e 's/c/d/' /etc/x.conf", ["/etc/x.conf"]),
        ("sed -i 's/a/b/' /etc/x.conf /etc/y.conf", ["/etc/x.conf", "/etc/y.conf"]),
        ("sed -i.bak 's/a/b/' /etc/x.conf", ["/etc/x.conf"]),
        ("sed --in-place=.bak -e 's/a/b/' /etc/x.conf", ["/etc/x.conf"]),
        ("sed --expression='s/a/b/' -i /etc/x.conf", ["/etc/x.conf"]),
        ("sed -i --expression 's/a/b/' /etc/x.conf", ["/etc/x.conf"]),
        ("sed -i -f /tmp/edit.sed /etc/x.conf", ["/etc/x.conf"]),
        ("sed -i -es/a/b/ /etc/x.conf", ["/etc/x.conf"]),
        ("sed -i -l 80 's/a/b/' /etc/x.conf", ["/etc/x.conf"]),
        ("sed -n -i 's/a/b/p' /etc/x.conf", ["/etc/x.conf"]),
        ("sed -i -- 's/a/b/' /etc/x.conf", ["/etc/x.conf"]),
    ],
)
def test_sed_scripts_are_not_files(command: str, modified: list[str]) -> None:
    assert _run(command)["modified"] == modified


@pytest.mark.parametrize(
    ("command", "modified"),
    [
        ("chmod -x /usr/local/bin/foo", ["/usr/local/bin/foo"]),
        ("chmod -w f", ["/w/f"]),
        ("chmod -rwx /srv/a /srv/b", ["/srv/a", "/srv/b"]),
        ("chmod -R -x /opt/dir", ["/opt/dir"]),
        ("chmod -R -x,o-r /opt/dir", ["/opt/dir"]),
        ("chmod -s /usr/bin/tool", ["/usr/bin/tool"]),
        ("chmod -- -x /usr/bin/tool", ["/usr/bin/tool"]),
        ("chmod -R 755 /opt/dir", ["/opt/dir"]),
        ("chmod --reference=/etc/a /etc/b", ["/etc/b"]),
        ("chown -R app:app /app", ["/app"]),
    ],
)
def test_chmod_reads_a_mode_that_looks_like_an_option(command: str, modified: list[str]) -> None:
    assert _run(command)["modified"] == modified


@pytest.mark.parametrize(
    ("command", "created", "modified"),
    [
        ("touch -c /etc/a", [], ["/etc/a"]),
        ("touch --no-create /etc/a", [], ["/etc/a"]),
        ("touch -cr /etc/ref /etc/a", [], ["/etc/a"]),
        ("touch -r /etc/ref /etc/a", ["/etc/a"], []),
        ("touch --reference /etc/ref /etc/a", ["/etc/a"], []),
        ("touch -d '2020-01-01 00:00' /etc/a", ["/etc/a"], []),
        ("touch -t 202001010000 /etc/a", ["/etc/a"], []),
        ("touch --time mtime /etc/a", ["/etc/a"], []),
    ],
)
def test_touch_options(command: str, created: list[str], modified: list[str]) -> None:
    layer = _run(command)
    assert (layer["created"], layer["modified"]) == (created, modified)


@pytest.mark.parametrize(
    ("command", "created", "modified"),
    [
        # Creating an archive: -C and --directory move what is read, not the archive.
        ("tar -czf /tmp/o.tgz --directory=/srv .", ["/tmp/o.tgz"], []),
        ("tar -czf /tmp/o.tgz -C /srv .", ["/tmp/o.tgz"], []),
        ("tar cf /tmp/o.tar x", ["/tmp/o.tar"], []),
        ("tar -cvzf out.tgz dir", ["/w/out.tgz"], []),
        ("tar --create --file=out.tar x", ["/w/out.tar"], []),
        ("tar --create --file out.tar x", ["/w/out.tar"], []),
        ("tar czf - -C /srv . > /tmp/o.tgz", ["/tmp/o.tgz"], []),
        ("tar -rf /tmp/o.tar more", [], ["/tmp/o.tar"]),
        # Extracting: they say where the members land.
        ("tar -xzf /tmp/a.tgz --directory=/srv", ["/srv/*"], []),
        ("tar -xzf /tmp/a.tgz -C /opt", ["/opt/*"], []),
        ("tar -xf /tmp/a.tar -C/opt", ["/opt/*"], []),
        ("tar xfC /tmp/a.tar /opt", ["/opt/*"], []),
        ("tar --extract --file=/tmp/a.tar --directory=/opt", ["/opt/*"], []),
        ("tar -xzf /tmp/a.tgz", ["/w/*"], []),
        ("tar -xzOf /tmp/a.tgz app/config > /etc/app.conf", ["/etc/app.conf"], []),
        ("tar -tf /tmp/a.tar", [], []),
    ],
)
def test_tar_directory_moves_extraction_only(
    command: str, created: list[str], modified: list[str]
) -> None:
    layer = _run(command)
    assert (layer["created"], layer["modified"]) == (created, modified)


@pytest.mark.parametrize(
    ("command", "created"),
    [
        ("git -C /opt clone https://github.com/o/r2.git", ["/opt/r2", "/opt/r2/*"]),
        ("git -C /opt clone https://github.com/o/r2.git src", ["/opt/src", "/opt/src/*"]),
        ("git -C /opt clone https://github.com/o/r2.git /srv/r2", ["/srv/r2", "/srv/r2/*"]),
        ("git -C /opt -C sub clone https://github.com/o/r2", ["/opt/sub/r2", "/opt/sub/r2/*"]),
        (
            "git -c advice.detachedHead=false clone --depth 1 https://h/o/r3.git",
            ["/w/r3", "/w/r3/*"],
        ),
        ("git --no-pager clone git@github.com:o/r4.git", ["/w/r4", "/w/r4/*"]),
        ("git clone --bare https://github.com/o/r5.git", ["/w/r5.git", "/w/r5.git/*"]),
        ("git -C /opt status", []),
    ],
)
def test_git_options_before_the_subcommand(command: str, created: list[str]) -> None:
    assert _run(command)["created"] == created


@pytest.mark.parametrize(
    ("command", "created"),
    [
        ("ln -s /opt/tool/bin/tool", ["/w/tool"]),
        ("ln -sf /opt/tool/bin/", ["/w/bin"]),
        ("ln -s /opt/tool/bin/tool /usr/local/bin/", ["/usr/local/bin/tool"]),
        (
            "ln -st /usr/local/bin /opt/x/bin/x /opt/y/bin/y",
            ["/usr/local/bin/x", "/usr/local/bin/y"],
        ),
        ("ln -s --target-directory=/usr/local/sbin /opt/z", ["/usr/local/sbin/z"]),
        ("ln -sfT /opt/app /usr/local/lib", ["/usr/local/lib"]),
    ],
)
def test_ln_link_names(command: str, created: list[str]) -> None:
    assert _run(command)["created"] == created


def test_ln_with_one_operand_in_an_unknown_directory_names_nothing() -> None:
    assert _run("ln -s /opt/tool/bin/tool", base="FROM example/tool\n")["created"] == []


@pytest.mark.parametrize(
    ("command", "created"),
    [
        ("pip install --cache-dir /tmp/pip flask", ["/tmp/pip/*"]),
        ("pip install --cache-dir=/tmp/pip flask", ["/tmp/pip/*"]),
        ("pip install --cache-dir cache flask", ["/w/cache/*"]),
        ("PIP_CACHE_DIR=/tmp/pip pip install flask", ["/tmp/pip/*"]),
        ("pip install flask", ["/root/.cache/pip/*"]),
        ("pip install --no-cache-dir flask", []),
        ("npm install --cache /tmp/npm", ["/tmp/npm/*", "/w/node_modules", "/w/node_modules/*"]),
        ("npm ci --cache=/tmp/npm", ["/tmp/npm/*", "/w/node_modules", "/w/node_modules/*"]),
        ("npm ci", ["/root/.npm/*", "/w/node_modules", "/w/node_modules/*"]),
        (
            "yarn install --cache-folder /tmp/yarn",
            ["/tmp/yarn/*", "/w/node_modules", "/w/node_modules/*"],
        ),
        (
            "yarn install --cache-folder=/tmp/yarn",
            ["/tmp/yarn/*", "/w/node_modules", "/w/node_modules/*"],
        ),
    ],
)
def test_cache_directory_options(command: str, created: list[str]) -> None:
    assert _run(command)["created"] == created


def test_a_cache_directory_of_unknown_value_is_not_guessed() -> None:
    text = "FROM python:3.12\nARG PIP_CACHE_DIR\nARG DIR\nRUN pip install flask\n"
    text += "RUN pip install --cache-dir $DIR flask\nRUN npm ci --cache=$DIR\n"
    assert [layer["created"] for layer in _layers(text)] == [
        [],
        [],
        ["/node_modules", "/node_modules/*"],
    ]


def test_a_cache_mount_on_a_cache_directory_option_keeps_it_out() -> None:
    layer = _run("--mount=type=cache,target=/tmp/pip pip install --cache-dir /tmp/pip flask")
    assert (layer["created"], layer["excluded"]) == ([], ["/tmp/pip"])


def test_apk_virtual_package_is_removed_by_name() -> None:
    layers = _layers(
        "FROM alpine:3.20\n"
        "RUN apk add --no-cache --virtual .build-deps gcc musl-dev\n"
        "RUN apk del .build-deps\n"
        "RUN apk add --no-cache -t .fetch curl && apk del --no-network .fetch\n"
        "RUN apk add --no-cache --virtual=.tools make && apk del --purge .tools\n"
    )
    assert layers[0]["packages_installed"] == ["gcc", "musl-dev", ".build-deps"]
    assert layers[1]["packages_removed"] == [{"package": ".build-deps", "installed_line": 2}]
    assert layers[2]["packages_removed"] == [{"package": ".fetch", "installed_line": None}]
    assert layers[3]["packages_removed"] == [{"package": ".tools", "installed_line": None}]


def test_local_files_are_still_files() -> None:
    model = Model(parse_text("FROM alpine\nRUN apk add ./t.apk .x && pip install . '.[dev]'\n"))
    run = model.file.instructions[-1]
    assert isinstance(run, Run)
    invocations = [model.package_command(command) for command in model.commands(run)]
    files = [
        [(package.name, package.is_file) for package in invocation.packages]
        for invocation in invocations
        if invocation is not None
    ]
    assert files == [[("./t.apk", True), (".x", False)], [(".", True), (".[dev]", True)]]


@pytest.mark.parametrize(
    ("command", "created"),
    [
        ("cargo build", ["/root/.cargo/registry/*", "/w/target/*"]),
        ("cargo build --release", ["/root/.cargo/registry/*", "/w/target/*"]),
        ("cargo test --target-dir /tmp/t", ["/root/.cargo/registry/*", "/tmp/t/*"]),
        ("cargo build --target-dir=out", ["/root/.cargo/registry/*", "/w/out/*"]),
        ("CARGO_TARGET_DIR=/tmp/t cargo build", ["/root/.cargo/registry/*", "/tmp/t/*"]),
        (
            "cargo install --path .",
            ["/root/.cargo/registry/*", "/root/.cargo/bin/*", "/w/target/*"],
        ),
        # Without --path, cargo install builds in a temporary directory it removes; the
        # programs go to CARGO_HOME/bin either way.
        ("cargo install ripgrep", ["/root/.cargo/registry/*", "/root/.cargo/bin/*"]),
        (
            "cargo install --root /usr/local ripgrep",
            ["/root/.cargo/registry/*", "/usr/local/bin/*"],
        ),
        ("GOBIN=/out go install x@v1", ["/root/.cache/go-build/*", "/root/go/pkg/mod/*", "/out/*"]),
        ("cargo build --manifest-path /src/Cargo.toml", ["/root/.cargo/registry/*"]),
        ("composer install --no-dev", ["/w/vendor/*"]),
        ("composer require monolog/monolog", ["/w/vendor/*"]),
        ("composer require --no-update monolog/monolog", []),
        ("COMPOSER_VENDOR_DIR=lib composer install", ["/w/lib/*"]),
        ("composer install -d /srv/app", ["/srv/app/vendor/*"]),
        ("composer install --working-dir=/srv/app", ["/srv/app/vendor/*"]),
    ],
)
def test_cargo_and_composer_write_into_the_project(command: str, created: list[str]) -> None:
    assert _run(command)["created"] == created


def test_project_outputs_are_not_guessed() -> None:
    unknown_directory = _layers("FROM example/builder\nRUN cargo build\nRUN composer install\n")
    assert [layer["created"] for layer in unknown_directory] == [["/root/.cargo/registry/*"], []]
    unknown_target = _layers(
        "FROM rust:1\nWORKDIR /src\nARG TARGET\nRUN CARGO_TARGET_DIR=$TARGET cargo build\n"
        'RUN cargo build --target-dir "$TARGET"\n'
    )
    registry = ["/usr/local/cargo/registry/*"]
    assert [layer["created"] for layer in unknown_target] == [registry, registry]


def test_cargo_options_with_values_are_not_packages() -> None:
    layer = _run("cargo install --locked --root /usr/local ripgrep --version 14.1.0")
    assert layer["packages_installed"] == ["ripgrep"]


@pytest.mark.parametrize(
    ("command", "modules"),
    [
        ("npm ci --prefix /srv/api", "/srv/api/node_modules/*"),
        ("yarn --cwd /srv/web install", "/srv/web/node_modules/*"),
        ("pnpm -C /srv/ui install", "/srv/ui/node_modules/*"),
        ("yarn install --modules-folder /opt/modules", "/opt/modules/*"),
    ],
)
def test_javascript_installs_in_another_directory(command: str, modules: str) -> None:
    assert modules in _run(command)["created"]


def test_go_build_output_is_inside_the_directory_of_dash_c() -> None:
    layer = _run("go build -C cmd/app -o bin/app .", base="FROM golang:1.22\nWORKDIR /src\n")
    assert "/src/cmd/app/bin/app" in layer["created"]


def test_sed_in_place_in_an_option_cluster() -> None:
    table = model_json(Model(parse_text("FROM alpine\nRUN sed -ri 's/a/b/' /etc/x.conf\n")))
    assert table["stages"][0]["layers"][0]["modified"] == ["/etc/x.conf"]


def test_xargs_and_git_subcommands_that_write_have_unknown_effects() -> None:
    table = model_json(
        Model(
            parse_text(
                'FROM alpine\nRUN find /usr -name "*.a" | xargs rm -f\n'
                "RUN git -C /src checkout v1\n"
                "RUN git rev-parse HEAD > /v && echo a | xargs echo\n"
            )
        )
    )
    layers = table["stages"][0]["layers"]
    assert [layer["unknown_commands"] for layer in layers] == [["rm"], ["git"], []]
    assert layers[2]["created"] == ["/v"]
