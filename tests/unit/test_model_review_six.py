"""Layer-model facts from the sixth review round (stages and mounts, variables and
paths, commands and package managers), each checked against BuildKit's source or
the tools' documented behaviour, as `layerlint layers --format json` prints them."""

from __future__ import annotations

from typing import Any

import pytest
from layerlint import lint_text
from layerlint.layers_report import model_json
from layerlint.model import Model
from layerlint.parse import parse_source, parse_text
from layerlint.source import Source


def _layers(text: str, target: str | None = None) -> list[dict[str, Any]]:
    table = model_json(
        Model(parse_text(text), target=target) if target else Model(parse_text(text))
    )
    return [layer for stage in table["stages"] for layer in stage["layers"]]


def _layer(text: str, line: int) -> dict[str, Any]:
    return next(layer for layer in _layers(text) if layer["line"] == line)


def _run(command: str, base: str = "FROM debian:12\nWORKDIR /w\n") -> dict[str, Any]:
    return _layers(f"{base}RUN {command}\n")[-1]


# -- variables the builder expands ---------------------------------------------------


def test_home_in_a_cache_mount_target_is_empty_at_build_time() -> None:
    # BuildKit expands mount options without HOME (the runtime sets it for the
    # process): the cache is mounted at /.cache/pip and pip's cache stays in the layer.
    layer = _run("--mount=type=cache,target=$HOME/.cache/pip pip install flask")
    assert layer["excluded"] == ["/.cache/pip"]
    assert layer["created"] == ["/root/.cache/pip/*"]


def test_home_in_workdir_and_copy_is_empty_on_official_images() -> None:
    layers = _layers("FROM python:3.12\nWORKDIR $HOME/app\nCOPY app.py .\nCOPY rc $HOME/.rc\n")
    assert [layer["created"] for layer in layers] == [["/app/app.py"], ["/.rc"]]


def test_home_stays_unknown_on_images_that_may_set_it() -> None:
    layers = _layers("FROM example.com/team/base:1\nCOPY rc $HOME/.rc\n")
    assert layers[0]["created"] == []


def test_images_that_set_home() -> None:
    text = "FROM rabbitmq:3.13\nRUN touch ~/marker\nFROM mongo:8\nCOPY rc $HOME/.rc\n"
    layers = _layers(text)
    assert [layer["created"] for layer in layers] == [
        ["/var/lib/rabbitmq/marker"],
        ["/data/db/.rc"],
    ]


def test_arg_pairs_are_set_one_by_one() -> None:
    text = (
        "FROM alpine\nENV VER=1\nARG VER=2 DIR=/opt/v$VER\nRUN mkdir -p $DIR\n"
        "ARG PREFIX=/usr/local \\\n    BIN_DIR=$PREFIX/bin\nCOPY tool $BIN_DIR/\n"
    )
    assert _layer(text, 4)["created"] == ["/opt/v2"]
    assert _layer(text, 7)["created"] == ["/usr/local/bin/tool"]


def test_env_pairs_still_see_the_old_values() -> None:
    text = "FROM alpine\nENV A=/old\nENV A=/new B=$A\nRUN mkdir $B\n"
    assert _layer(text, 4)["created"] == ["/old"]


# -- homes of users the file creates ---------------------------------------------------


@pytest.mark.parametrize(
    ("create", "home"),
    [
        ("useradd -m app", "/home/app"),
        ("useradd --create-home --shell /bin/bash app", "/home/app"),
        ("useradd -r -d /srv/app app", "/srv/app"),
        ("groupadd -r app && useradd -r -g app -b /opt app", "/opt/app"),
        ("adduser -D app", "/home/app"),
        ("addgroup -S app && adduser -S -D -h /var/app -G app app", "/var/app"),
        ("adduser --disabled-password --gecos '' app", "/home/app"),
    ],
)
def test_user_made_by_an_earlier_run_has_its_home(create: str, home: str) -> None:
    layer = _layers(f"FROM debian:12\nRUN {create}\nUSER app\nRUN touch ~/x\n")[-1]
    assert layer["created"] == [f"{home}/x"]


def test_home_of_a_user_the_file_does_not_make_stays_unknown() -> None:
    text = "FROM debian:12\nRUN useradd -m other\nUSER app\nRUN touch ~/x\n"
    assert _layers(text)[-1]["created"] == []
    uncertain = (
        "FROM debian:12\nRUN if [ -n x ]; then useradd -m app; fi\nUSER app\nRUN touch ~/x\n"
    )
    assert _layers(uncertain)[-1]["created"] == []


def test_the_node_user_of_the_node_image() -> None:
    text = "FROM node:20\nUSER node\nWORKDIR /home/node/app\nRUN npm ci\n"
    assert _layers(text)[-1]["created"] == [
        "/home/node/.npm/*",
        "/home/node/app/node_modules",
        "/home/node/app/node_modules/*",
    ]


def test_pwd_follows_cd() -> None:
    layer = _run('cd /opt/tool && rm -rf "$PWD/cache" && touch ${PWD}/x $(pwd)/y `pwd`/z')
    assert layer["created"] == ["/opt/tool/x", "/opt/tool/y", "/opt/tool/z"]
    assert layer["deleted"] == [{"path": "/opt/tool/cache", "created_line": None}]
    assert _run("touch $PWD/a")["created"] == ["/w/a"]


def test_export_of_a_name_passes_it_to_sh_c() -> None:
    layer = _run("A=/ya; export A; sh -c 'rm -rf $A'")
    assert layer["deleted"] == [{"path": "/ya", "created_line": None}]


# -- which commands count ----------------------------------------------------------------


def test_exit_fallback_makes_a_list_certain_before_more_statements() -> None:
    layer = _run("mkdir -p /k && touch /k/b || exit 1; touch c")
    assert layer["created"] == ["/k", "/k/b", "/w/c"]
    assert _run("cd /z && touch b || exit 1 ; touch c")["created"] == ["/z/b", "/z/c"]


@pytest.mark.parametrize(
    ("command", "created"),
    [
        (
            "bash -o pipefail -c 'curl -fsSL https://x.example/a.tgz | tar -xz -C /opt/z'",
            ["/opt/z/*"],
        ),
        ("bash -euo pipefail -c 'touch /e'", ["/e"]),
        ("bash -e -o pipefail -c 'touch /f'", ["/f"]),
        ("bash -O extglob -c 'touch /y'", ["/y"]),
        ("sh -c -e 'touch /x'", ["/x"]),
        ("bash --noprofile --norc -c 'touch /n'", ["/n"]),
        ("sh -c 'touch /q' arg0", ["/q"]),
    ],
)
def test_shell_options_before_the_script(command: str, created: list[str]) -> None:
    layer = _run(command)
    assert (layer["created"], layer["unknown_commands"]) == (created, [])


def test_tab_stripping_heredoc_run_by_a_shell_is_walked() -> None:
    layer = _layers("FROM debian:12\nRUN <<-EOT bash\n\ttouch /b\n\tEOT\n")[-1]
    assert (layer["created"], layer["unknown_commands"]) == (["/b"], [])


def test_modified_leaves_out_what_the_layer_makes_or_deletes() -> None:
    text = (
        "FROM debian:12\nCOPY install.sh /tmp/install.sh\n"
        "RUN chmod +x /tmp/install.sh && /tmp/install.sh && rm /tmp/install.sh\n"
        "RUN curl -o /usr/local/bin/tool https://x.example/tool && chmod +x /usr/local/bin/tool\n"
        "RUN chmod 600 /etc/shadow\n"
    )
    assert _layer(text, 3)["modified"] == []
    assert _layer(text, 3)["deleted"] == [{"path": "/tmp/install.sh", "created_line": 2}]
    assert _layer(text, 4)["modified"] == []
    assert _layer(text, 5)["modified"] == ["/etc/shadow"]


@pytest.mark.parametrize(
    "builtin", ["read -r line < /etc/hosts", "shopt -s dotglob", "yes | head -1"]
)
def test_builtins_and_readers_are_not_unknown(builtin: str) -> None:
    assert _run(builtin, 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\n')["unknown_commands"] == []


# -- commands ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "created"),
    [
        (
            "curl -fsSL https://x.example/k | gpg --dearmor -o /usr/share/keyrings/x.gpg",
            ["/usr/share/keyrings/x.gpg"],
        ),
        (
            "gpg --batch --export --armor --output /etc/apt/keyrings/k.asc ABC",
            ["/etc/apt/keyrings/k.asc"],
        ),
        ("gpg --batch --keyserver k.example --recv-keys ABC", ["/root/.gnupg/*"]),
        ("gpg --homedir /tmp/g --import key.asc", ["/tmp/g/*"]),
        ("export GNUPGHOME=/tmp/gh; gpg --batch --recv-keys ABC", ["/tmp/gh/*"]),
        ("gpg --batch --verify x.asc x", []),
        ("gpg --dearmor < k.asc > /etc/k.gpg", ["/etc/k.gpg"]),
    ],
)
def test_gpg_outputs_and_keyrings(command: str, created: list[str]) -> None:
    layer = _run(command)
    assert (layer["created"], layer["unknown_commands"]) == (created, [])


@pytest.mark.parametrize(
    "listing", ["unzip -l /tmp/h.zip", "unzip -t /tmp/h.zip", "unzip -p /tmp/h.zip a"]
)
def test_unzip_that_extracts_nothing(listing: str) -> None:
    assert _run(listing)["created"] == []


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://x.example/e.txt?foo=1", "e.txt?foo=1"),
        ("https://example.com/", "index.html"),
        ("https://example.com", "index.html"),
        ("https://x.example/f.tgz", "f.tgz"),
    ],
)
def test_wget_file_names(url: str, name: str) -> None:
    assert _run(f"wget {url}")["created"] == [f"/w/{name}"]


def test_add_of_a_url_without_a_file_name() -> None:
    layers = _layers(
        "FROM alpine\nADD https://example.com/ /opt/dl/\nADD https://x.example/a/b.sh /opt/\n"
    )
    assert [layer["created"] for layer in layers] == [["/opt/dl/__unnamed__"], ["/opt/b.sh"]]


def test_drop_in_directories_are_directories() -> None:
    text = (
        "FROM nginx:1.27\nWORKDIR /app\nCOPY conf.d /etc/nginx/conf.d/\n"
        "COPY config.d ./config.d\nRUN rm -rf config.d/old.conf\n"
    )
    assert _layer(text, 3)["created"] == ["/etc/nginx/conf.d/*"]
    assert _layer(text, 5)["deleted"] == [{"path": "/app/config.d/old.conf", "created_line": 4}]


# -- package managers --------------------------------------------------------------------------


def test_conda_option_values_are_not_packages() -> None:
    text = (
        "FROM debian:12\nRUN conda install -y -c conda-forge numpy\n"
        "RUN conda install -n myenv -y pandas\nRUN mamba install --channel bioconda -y samtools\n"
        "RUN conda install -p /opt/env -y scipy\nRUN conda remove -n myenv -y pandas\n"
    )
    installed = [layer["packages_installed"] for layer in _layers(text)[:4]]
    assert installed == [["numpy"], ["pandas"], ["samtools"], ["scipy"]]
    assert _layer(text, 6)["packages_removed"] == [{"package": "pandas", "installed_line": 3}]


@pytest.mark.parametrize(
    "command",
    [
        "bundle install --jobs 4",
        "bundle install --retry 3",
        "bundle install --without development test",
        "bundle install -j 4",
    ],
)
def test_bundle_install_names_no_packages(command: str) -> None:
    assert _run(command, "FROM ruby:3.3\nWORKDIR /app\n")["packages_installed"] == []


def test_bundle_add_names_its_gem() -> None:
    assert _run("bundle add rails", "FROM ruby:3.3\nWORKDIR /app\n")["packages_installed"] == [
        "rails"
    ]


def test_pip_names_compare_as_pip_compares_them() -> None:
    text = (
        "FROM python:3.12\nRUN pip install Flask==2.0.1 python_dateutil\n"
        "RUN pip uninstall -y flask python-dateutil\n"
    )
    assert _layer(text, 3)["packages_removed"] == [
        {"package": "flask", "installed_line": 2},
        {"package": "python-dateutil", "installed_line": 2},
    ]
    url = _run("pip install git+https://github.com/o/r.git", "FROM python:3.12\n")
    assert url["packages_installed"] == ["git+https://github.com/o/r.git"]


def test_pip_install_user_writes_the_user_scheme() -> None:
    text = (
        "FROM python:3.12\nRUN pip install --no-cache-dir --user flask\nRUN rm -rf /root/.local\n"
    )
    assert _layer(text, 2)["created"] == ["/root/.local/*"]
    assert _layer(text, 3)["deleted"] == [{"path": "/root/.local", "created_line": 2}]
    base = "FROM python:3.12\nENV PYTHONUSERBASE=/opt/py\n"
    assert _run("pip install --no-cache-dir --user flask", base)["created"] == ["/opt/py/*"]


def test_apk_upgrade_fetches_the_index() -> None:
    text = "FROM alpine:3.19\nRUN apk upgrade\nRUN rm -rf /var/cache/apk/*\n"
    assert _layer(text, 3)["deleted"] == [{"path": "/var/cache/apk/*", "created_line": 2}]
    assert _run("apk upgrade --no-cache", "FROM alpine:3.19\n")["created"] == []


def test_cargo_clean_removes_the_target_directory() -> None:
    text = "FROM rust:1.77\nWORKDIR /app\nRUN cargo build --release\nRUN cargo clean\n"
    assert _layer(text, 4)["deleted"] == [{"path": "/app/target/*", "created_line": 3}]
    assert _run("cargo clean --target-dir /tmp/t", "FROM rust:1.77\n")["deleted"] == [
        {"path": "/tmp/t/*", "created_line": None}
    ]


def test_pnpm_store() -> None:
    base = "FROM node:20\nWORKDIR /app\n"
    assert _run("pnpm install --frozen-lockfile", base)["created"] == [
        "/root/.local/share/pnpm/store/*",
        "/app/node_modules",
        "/app/node_modules/*",
    ]
    pnpm_home = _run("pnpm install", base + "ENV PNPM_HOME=/pnpm\n")
    assert pnpm_home["created"] == ["/pnpm/store/*", "/app/node_modules", "/app/node_modules/*"]


def test_yarn_global_add() -> None:
    layer = _run("yarn global add nodemon", "FROM node:20\nWORKDIR /app\n")
    assert layer["packages_installed"] == ["nodemon"]
    assert layer["created"] == ["/usr/local/share/.cache/yarn/*"]


def test_dnf5_cache() -> None:
    assert _run("dnf5 install -y nginx", "FROM fedora:41\n")["created"] == ["/var/cache/libdnf5/*"]


# -- stages and mounts ---------------------------------------------------------------------------


def test_target_is_found_by_name_only() -> None:
    model = Model(parse_text("FROM alpine AS build\nFROM alpine\n"), target="0")
    assert model.undefined_target
    named = Model(parse_text("FROM alpine AS build\nFROM alpine\n"), target="BUILD")
    assert not named.undefined_target and named.stages[0].ships and not named.stages[1].ships


def test_target_in_a_file_without_stages_is_undefined() -> None:
    assert Model(parse_text(""), target="x").undefined_target


@pytest.mark.parametrize(
    ("mount", "excluded"),
    [
        ("type=secret,src=token", "/run/secrets/token"),
        ("type=secret,source=token,id=other", "/run/secrets/token"),
        ("type=secret,id=ci/token", "/run/secrets/token"),
        ("type=cache,target=//double", "/double"),
    ],
)
def test_mount_targets(mount: str, excluded: str) -> None:
    assert _run(f"--mount={mount} true")["excluded"] == [excluded]


def test_find_name_delete_takes_what_the_layer_made() -> None:
    layer = _run(
        "mkdir -p /app/sub && touch /app/sub/c.pyc /app/sub/keep.py"
        " && find /app -name '*.pyc' -delete"
    )
    assert layer["created"] == ["/app/sub", "/app/sub/keep.py"]


def test_negated_command_that_must_succeed_failed() -> None:
    assert _run("! touch /n1")["created"] == []
    # In a condition the command runs, whatever its status.
    assert _run("if ! touch /n2; then echo no; fi")["created"] == ["/n2"]


@pytest.mark.parametrize(
    "command",
    [
        "npm install --location global nodemon",
        "npm i --maxsockets 1 nodemon",
        "pip install --default-timeout 100 nodemon",
    ],
)
def test_option_values_are_not_packages(command: str) -> None:
    assert _run(command, "FROM node:20\nWORKDIR /app\n")["packages_installed"] == ["nodemon"]


@pytest.mark.parametrize(
    ("command", "deleted"),
    [
        ("conda clean -afy", ["/opt/conda/pkgs/*"]),
        ("conda clean -t -y", []),
        ("yum clean all", ["/var/cache/yum/*"]),
        ("yum clean packages", []),
        ("pip cache purge", ["/root/.cache/pip/*"]),
        ("pip cache remove flask", []),
    ],
)
def test_partial_cleans_do_not_empty_the_cache(command: str, deleted: list[str]) -> None:
    layer = _run(command, "FROM centos:7\nENV CONDA_DIR=/opt/conda\n")
    assert [item["path"] for item in layer["deleted"]] == deleted


def test_undeclared_names_are_unset_on_scratch() -> None:
    text = (
        "FROM scratch\nCOPY app ${BIN:-/bin}/\nCOPY .bashrc $HOME/\nCOPY x ${U-/u}/x\n"
        "COPY y ${V:+/v}/y\nARG W\nCOPY z $W/z\n"
    )
    created = [layer["created"] for layer in _layers(text)]
    # `ARG W` without a default may be set with --build-arg: unknown.
    assert created == [["/bin/app"], ["/.bashrc"], ["/u/x"], ["/y"], []]


def test_undeclared_names_stay_unknown_on_other_images() -> None:
    # (On the official images whose ENV is known in full they are unset: review 10.)
    assert _layers("FROM example.com/team/base:1\nCOPY app ${BIN:-/bin}/\n")[0]["created"] == []


def test_env_wrapper_passes_its_assignments_to_the_child_shell() -> None:
    layer = _run("env B=/wa sh -c 'rm -rf $B'")
    assert layer["deleted"] == [{"path": "/wa", "created_line": None}]


# -- seventh review round: realistic files, shell edges ----------------------------------


def test_numeric_user_finds_the_home_by_uid() -> None:
    text = (
        "FROM python:3.12-slim\nRUN useradd -m -u 1001 app\nUSER 1001\n"
        "RUN pip install flask && touch ~/.marker\n"
        "FROM node:20\nWORKDIR /home/node/app\nUSER 1000:1000\nRUN npm ci\n"
    )
    assert _layer(text, 4)["created"] == ["/home/app/.cache/pip/*", "/home/app/.marker"]
    assert _layer(text, 8)["created"] == [
        "/home/node/.npm/*",
        "/home/node/app/node_modules",
        "/home/node/app/node_modules/*",
    ]


def test_an_unpacked_archive_is_not_in_its_destination() -> None:
    text = "FROM debian:12\nWORKDIR /app\nADD app.tar.gz .\nRUN rm -f app.tar.gz\nRUN rm -rf docs\n"
    assert _layer(text, 4)["deleted"] == [{"path": "/app/app.tar.gz", "created_line": None}]
    assert _layer(text, 5)["deleted"] == [{"path": "/app/docs", "created_line": 3}]


def test_add_of_a_git_repository_leaves_out_dot_git() -> None:
    text = (
        "FROM alpine\nADD https://github.com/acme/app.git#v1.2.0 /srv/app\n"
        "RUN rm -rf /srv/app/.git /srv/app/tests\n"
        "ADD --keep-git-dir=true https://github.com/acme/lib.git /srv/lib\n"
        "RUN rm -rf /srv/lib/.git\n"
    )
    assert _layer(text, 3)["deleted"] == [
        {"path": "/srv/app/.git", "created_line": None},
        {"path": "/srv/app/tests", "created_line": 2},
    ]
    assert _layer(text, 5)["deleted"] == [{"path": "/srv/lib/.git", "created_line": 4}]


def test_a_glob_in_a_copied_tree_after_an_unknown_command() -> None:
    text = (
        "FROM python:3.11\nWORKDIR /usr/src/app\nCOPY . .\nRUN python setup.py build\n"
        "RUN rm -rf tests *.egg-info\nRUN rm -rf /usr/src/app/*\n"
    )
    assert _layer(text, 5)["deleted"] == [
        {"path": "/usr/src/app/tests", "created_line": None},
        {"path": "/usr/src/app/*.egg-info", "created_line": None},
    ]
    # `*` takes every file of the tree, whatever else ran.
    assert _layer(text, 6)["deleted"] == [{"path": "/usr/src/app/*", "created_line": 3}]


def test_package_caches_are_their_managers_wherever_they_are() -> None:
    text = (
        "FROM ruby:3.3\nRUN gem install bundler\nRUN rm -f /usr/local/bundle/cache/*.gem\n"
        "FROM alpine\nRUN apk update\nRUN rm -f /var/cache/apk/*.tar.gz\n"
        "FROM node:20\nWORKDIR /app\nRUN npm ci\nRUN npm run build\n"
        "RUN rm -rf /root/.npm/_cacache\n"
    )
    assert _layer(text, 3)["deleted"][0]["created_line"] == 2
    assert _layer(text, 6)["deleted"][0]["created_line"] == 5
    assert _layer(text, 11)["deleted"][0]["created_line"] == 9


def test_dot_named_project_directories() -> None:
    text = (
        "FROM eclipse-temurin:17-jdk\nWORKDIR /app\nCOPY .mvn .mvn\nRUN rm -f .mvn/wrapper/x.jar\n"
    )
    assert _layer(text, 4)["deleted"] == [{"path": "/app/.mvn/wrapper/x.jar", "created_line": 3}]


def test_exit_trap_runs_at_the_end() -> None:
    layer = _run('trap "rm -rf /tmp/build" EXIT; mkdir -p /tmp/build && touch /tmp/build/x /keep')
    assert layer["created"] == ["/keep"]
    assert _run('trap "rm -rf /opt/a" EXIT; trap - EXIT; mkdir /opt/a')["created"] == ["/opt/a"]


def test_user_switching_wrappers_give_the_user_home() -> None:
    text = (
        "FROM debian\nRUN useradd -m app\n"
        'RUN gosu app sh -c "touch ~/a"\nRUN su-exec nobody sh -c "touch ~/c"\n'
        'USER app\nRUN sudo sh -c "touch ~/d"\nRUN sudo -u app sh -c "touch ~/e"\n'
    )
    created = {line: _layer(text, line)["created"] for line in (3, 4, 6, 7)}
    assert created == {3: ["/home/app/a"], 4: [], 6: ["/root/d"], 7: ["/home/app/e"]}


def test_a_tab_indented_shebang_is_no_shebang() -> None:
    layer = _layers("FROM debian\nRUN <<-EOF\n\t#!/usr/bin/env python3\n\ttouch /x\nEOF\n")[-1]
    assert (layer["created"], layer["unknown_commands"]) == (["/x"], [])


def test_exit_with_the_last_status_fails() -> None:
    assert _run("touch /a && touch /b || exit $?; touch c")["created"] == ["/a", "/b", "/w/c"]


def test_posix_character_classes_in_globs() -> None:
    text = "FROM debian\nRUN touch /tmp/1.log /tmp/a.log\nRUN rm -f /tmp/[[:digit:]].log\n"
    assert _layer(text, 3)["deleted"] == [{"path": "/tmp/[[:digit:]].log", "created_line": 2}]


def test_dockerignore_of_the_context_is_left_out_of_copy_dot(tmp_path: Any) -> None:
    (tmp_path / ".dockerignore").write_text(".git\n.env\nnode_modules\n!keep\n")
    dockerfile = tmp_path / "Dockerfile"
    text = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN rm -rf .git .env node_modules tests\n"
    dockerfile.write_text(text)
    model = Model(parse_source(Source(text, str(dockerfile))))
    layers = [layer for stage in model_json(model)["stages"] for layer in stage["layers"]]
    assert layers[-1]["deleted"] == [
        {"path": "/app/.git", "created_line": None},
        {"path": "/app/.env", "created_line": None},
        {"path": "/app/node_modules", "created_line": None},
        {"path": "/app/tests", "created_line": 3},
    ]
    # Without a file on disk (text linted from memory) nothing is left out.
    assert _layer(text, 4)["deleted"][0] == {"path": "/app/.git", "created_line": 3}


def test_heredoc_script_runs_end_consecutive_run_pairs() -> None:
    text = "FROM debian:12\nRUN <<EOF bash\ngroupadd -r app\nEOF\nRUN mkdir -p /srv/app\n"
    assert [f for f in lint_text(text) if f.code == "LL5007"] == []


@pytest.mark.parametrize(
    "command",
    [
        "sudo --user app touch /a",
        "timeout --signal KILL 10 touch /a",
        "nice --adjustment 5 touch /a",
        "env -u FOO touch /a",
    ],
)
def test_wrapper_long_options_with_values(command: str) -> None:
    assert _run(command)["created"] == ["/a"]


def test_positional_parameters_of_sh_c() -> None:
    layer = _run("sh -c 'rm -rf \"$1\" $2/x' _ /tmp/a /opt")
    assert layer["deleted"] == [
        {"path": "/tmp/a", "created_line": None},
        {"path": "/opt/x", "created_line": None},
    ]


def test_nothing_runs_after_exec_of_a_program() -> None:
    assert _run("touch /a; exec touch /b; touch /c")["created"] == ["/a", "/b"]
    assert _run("exec > /tmp/log; touch /d")["created"] == ["/tmp/log", "/d"]


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("{01..03}", ["01", "02", "03"]),
        ("{1..5..2}", ["1", "3", "5"]),
        ("{a..c}", ["a", "b", "c"]),
        ("{c..a}", ["c", "b", "a"]),
        ("{5..1..2}", ["5", "3", "1"]),
        ("{x..z..2}", ["x", "z"]),
    ],
)
def test_bash_sequence_expressions(pattern: str, words: list[str]) -> None:
    # (checked against bash 5: `echo {01..03} {1..5..2} {a..c} ...`)
    base = 'FROM debian\nSHELL ["/bin/bash", "-c"]\nWORKDIR /w\n'
    assert _run(f"touch /d/{pattern}", base)["created"] == [f"/d/{word}" for word in words]


# -- eighth review round: stages with variables ----------------------------------------------


def test_recursive_delete_of_a_file_a_copy_glob_made() -> None:
    text = (
        "FROM python:3.12-slim\nCOPY requirements*.txt /tmp/\n"
        "RUN pip install --no-cache-dir -r /tmp/requirements.txt && rm -rf /tmp/requirements.txt\n"
        "COPY scripts/*.sh /usr/local/bin/\nRUN rm -r /usr/local/bin/dev.sh\n"
    )
    assert _layer(text, 3)["deleted"] == [{"path": "/tmp/requirements.txt", "created_line": 2}]
    assert _layer(text, 5)["deleted"] == [{"path": "/usr/local/bin/dev.sh", "created_line": 4}]


def test_arg_without_a_value_keeps_what_the_name_holds() -> None:
    text = (
        "FROM node:20 AS base\nARG APP_DIR=/usr/src/app\nWORKDIR $APP_DIR\n"
        "COPY package*.json ./\nRUN npm ci\n"
        "FROM base AS build\nARG APP_DIR\nCOPY app.js $APP_DIR/\nRUN rm -rf $APP_DIR/node_modules\n"
        "FROM golang:1.22\nARG GOPATH\nRUN go mod download\n"
        "FROM alpine\nENV E=/e\nARG E\nARG NOTHING\nRUN mkdir $E/x $NOTHING/y\n"
    )
    assert _layer(text, 8)["created"] == ["/usr/src/app/app.js"]
    assert _layer(text, 9)["deleted"] == [{"path": "/usr/src/app/node_modules", "created_line": 5}]
    assert _layer(text, 12)["created"] == ["/go/pkg/mod/*"]
    assert _layer(text, 17)["created"] == ["/e/x"]


def test_a_later_copy_of_the_context_does_not_take_over_what_a_run_made() -> None:
    text = (
        "FROM node:20\nWORKDIR /app\nCOPY package.json .\nRUN npm ci\nCOPY . .\n"
        "RUN rm -rf node_modules\nCOPY .env .env\nCOPY . .\nRUN rm .env\n"
    )
    assert _layer(text, 6)["deleted"] == [{"path": "/app/node_modules", "created_line": 4}]
    # What an earlier COPY took from the context, a later copy of it holds again.
    assert _layer(text, 9)["deleted"] == [{"path": "/app/.env", "created_line": 8}]


def test_a_second_deletion_in_a_copied_tree_removes_nothing() -> None:
    text = (
        "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN rm -rf tests docs\nRUN rm -rf /app/tests\n"
    )
    assert _layer(text, 4)["deleted"][0] == {"path": "/app/tests", "created_line": 3}
    assert _layer(text, 5)["deleted"] == [{"path": "/app/tests", "created_line": None}]


def test_wildcard_directories_in_a_copy_source() -> None:
    text = (
        "FROM node:20 AS build\nWORKDIR /repo\n"
        "RUN mkdir -p packages/a/dist packages/b/dist"
        " && touch packages/a/dist/a.js packages/b/dist/b.js\n"
        "FROM nginx:alpine\nCOPY --from=build /repo/packages/*/dist /usr/share/nginx/html/\n"
        "COPY packages/*/dist /out/\nCOPY packages/*/package.json /pk/\n"
    )
    assert _layer(text, 5)["created"] == [
        "/usr/share/nginx/html/*",
        "/usr/share/nginx/html/a.js",
        "/usr/share/nginx/html/b.js",
    ]
    assert _layer(text, 6)["created"] == ["/out/*"]
    assert _layer(text, 7)["created"] == ["/pk/package.json"]


def test_deleting_one_file_of_a_copy_glob_leaves_the_others() -> None:
    text = (
        "FROM debian\nCOPY scripts/*.sh /tmp/s/\nRUN rm -f /tmp/s/a.sh\n"
        "RUN rm -f /tmp/s/a.sh\nRUN rm -rf /tmp/s\n"
    )
    assert _layer(text, 3)["deleted"] == [{"path": "/tmp/s/a.sh", "created_line": 2}]
    assert _layer(text, 4)["deleted"] == [{"path": "/tmp/s/a.sh", "created_line": None}]
    # the other scripts are still there
    assert _layer(text, 5)["deleted"] == [{"path": "/tmp/s", "created_line": 2}]


# -- eighth review round: package managers -----------------------------------------------


def test_conda_match_specs_and_files() -> None:
    text = (
        "FROM debian:12\nENV CONDA_DIR=/opt/conda MAMBA_ROOT_PREFIX=/opt/mm\n"
        "RUN micromamba install -y -n base -f env.yml\n"
        "RUN conda install -y -c conda-forge 'numpy>=1.24' conda-forge::xarray pandas==2.1.0\n"
        "RUN conda remove -y numpy xarray pandas\nRUN conda env create -f /tmp/environment.yml\n"
    )
    assert _layer(text, 3)["packages_installed"] == []
    assert _layer(text, 3)["created"] == ["/opt/mm/pkgs/*"]  # micromamba: its root prefix
    assert _layer(text, 4)["packages_installed"] == ["numpy", "xarray", "pandas"]
    assert [item["installed_line"] for item in _layer(text, 5)["packages_removed"]] == [4, 4, 4]
    assert _layer(text, 6)["created"] == ["/opt/conda/pkgs/*"]


def test_apt_download_only_and_simulate_install_nothing() -> None:
    text = (
        "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --download-only nginx\n"
        "RUN apt-get clean\nRUN apt-get install -s nano\nRUN apt-get autoclean\n"
    )
    assert _layer(text, 3)["packages_installed"] == []
    assert _layer(text, 3)["created"] == ["/var/cache/apt/archives/*"]
    assert _layer(text, 4)["deleted"] == [{"path": "/var/cache/apt/archives/*", "created_line": 3}]
    assert _layer(text, 5)["packages_installed"] == []
    assert _layer(text, 6)["deleted"] == []  # autoclean keeps what can still be downloaded


def test_composer_requirements_with_constraints() -> None:
    text = (
        "FROM php:8.3-cli\nWORKDIR /app\n"
        "RUN composer require monolog/monolog:^3.0 'laravel/framework ^10'\n"
        "RUN composer remove monolog/monolog\n"
    )
    assert _layer(text, 3)["packages_installed"] == ["monolog/monolog", "laravel/framework"]
    assert _layer(text, 4)["packages_removed"] == [
        {"package": "monolog/monolog", "installed_line": 3}
    ]


def test_npm_cache_clean_removes_the_content_store() -> None:
    text = (
        "FROM node:20\nWORKDIR /app\nRUN npm ci && npm cache clean --force\nRUN rm -rf /root/.npm\n"
    )
    assert _layer(text, 3)["deleted"] == [{"path": "/root/.npm/_cacache/*", "created_line": None}]
    assert _layer(text, 4)["deleted"] == [{"path": "/root/.npm", "created_line": 3}]
    assert _run("npm cache clear --force", "FROM node:20\n")["deleted"] == [
        {"path": "/root/.npm/_cacache/*", "created_line": None}
    ]


def test_a_configured_cache_location_is_unknown() -> None:
    text = (
        "FROM node:20\nWORKDIR /app\nRUN yarn config set cache-folder /yarn-cache\n"
        "RUN yarn install --frozen-lockfile\n"
        "FROM python:3.12\nRUN pip config set global.no-cache-dir true\nRUN pip install django\n"
    )
    assert _layer(text, 4)["created"] == ["/app/node_modules", "/app/node_modules/*"]
    assert _layer(text, 7)["created"] == []


def test_yarn_berry_caches_and_links_as_its_config_says() -> None:
    assert _run("yarn install --immutable", "FROM node:20\nWORKDIR /app\n")["created"] == []


def test_gem_install_dir_apk_cache_dir_and_pip_environment() -> None:
    assert _run("gem install rails --install-dir /opt/gems", "FROM ruby:3.3\n")["created"] == [
        "/opt/gems/cache/*"
    ]
    assert _run("apk add --cache-dir /var/cache/mine zsh", "FROM alpine\n")["created"] == [
        "/var/cache/mine/*"
    ]
    base = "FROM python:3.12\nENV PIP_TARGET=/deps\n"
    assert _run("pip install --no-cache-dir click", base)["created"] == ["/deps/*"]
    base = "FROM python:3.12\nENV PIP_USER=1\n"
    assert _run("pip install --no-cache-dir click", base)["created"] == ["/root/.local/*"]


def test_cargo_add_installs_nothing() -> None:
    assert _run("cargo add serde", "FROM rust:1\nWORKDIR /app\n")["packages_installed"] == []


@pytest.mark.parametrize(
    "command",
    [
        "npm run build",
        "yarn build",
        "npm exec -- tsc",
        "bundle exec rake assets:precompile",
        "go run ./cmd/gen",
        "cargo chef cook --release --recipe-path recipe.json",
    ],
)
def test_commands_that_run_project_code_are_unknown(command: str) -> None:
    layer = _run(command, "FROM node:20\nWORKDIR /app\n")
    assert layer["unknown_commands"] == [command.split()[0]]


def test_installs_are_not_unknown() -> None:
    assert _run("npm ci", "FROM node:20\nWORKDIR /app\n")["unknown_commands"] == []


def test_bundle_install_keeps_gems_in_gem_home_cache() -> None:
    text = "FROM ruby:3.3\nWORKDIR /app\nRUN bundle install\nRUN rm -rf /usr/local/bundle/cache\n"
    assert _layer(text, 3)["created"] == ["/usr/local/bundle/cache/*"]
    assert _layer(text, 4)["deleted"] == [{"path": "/usr/local/bundle/cache", "created_line": 3}]
    base = "FROM ruby:3.3\nWORKDIR /app\n"
    assert (
        _run("bundle config set --local path vendor/bundle && bundle install", base)["created"]
        == []
    )
    assert _run("bundle install", base + "ENV BUNDLE_PATH=/usr/local/bundle\n")["created"] == []


# -- eighth review round: the layers command ---------------------------------------------


@pytest.mark.parametrize(
    ("base", "windows"),
    [
        ("ghcr.io/cross-rs/x86_64-pc-windows-gnu:0.2.5", False),
        ("dockcross/windows-static-x64", False),
        ("--platform=windows/amd64 myorg/base:1", True),
        ("--platform=linux/amd64 mcr.microsoft.com/windows/servercore:ltsc2022", False),
        ("stefanscherer/node-windows:10", True),
        ("mcr.microsoft.com/windows/servercore:ltsc2022", True),
        ("mcr.microsoft.com/windows/nanoserver:1809", True),
        ("openjdk:8-windowsservercore", True),
        ("python:3.12-windowsservercore-ltsc2022", True),
    ],
)
def test_windows_stages(base: str, windows: bool) -> None:
    model = Model(parse_text(f"FROM {base}\nRUN touch /a\n"))
    assert model.stages[0].is_windows is windows


@pytest.mark.parametrize(
    ("command", "created", "deleted"),
    [
        ("rm -rf >/dev/null /var/lib/apt/lists/*", [], ["/var/lib/apt/lists/*"]),
        ("curl -fsSL https://x.example/y.sh > /tmp/y.sh -v", ["/tmp/y.sh"], []),
        ("touch </dev/null /a1", ["/a1"], []),
        ("mkdir -p /a7 >/dev/null 2>&1 /a8", ["/a7", "/a8"], []),
        ("touch /h 2>/dev/null /i", ["/h", "/i"], []),
    ],
)
def test_words_after_a_redirection_are_arguments(
    command: str, created: list[str], deleted: list[str]
) -> None:
    layer = _run(command)
    assert layer["created"] == created
    assert [item["path"] for item in layer["deleted"]] == deleted


def test_words_after_a_heredoc_marker_are_arguments() -> None:
    layer = _layers("FROM debian\nRUN tee <<EOF /etc/x.conf\nx\nEOF\n")[-1]
    assert layer["created"] == ["/etc/x.conf"]


def test_a_touched_file_written_later_is_no_longer_empty() -> None:
    text = (
        "FROM alpine\nRUN touch /var/log/app.log\nRUN seq 1 100000 >> /var/log/app.log\n"
        "RUN rm /var/log/app.log\nRUN touch /x\nRUN chmod 600 /x\nRUN rm /x\n"
    )
    assert [f.line for f in lint_text(text) if f.code == "LL5001"] == [4]


def test_copy_parents_keeps_a_directory_source() -> None:
    text = (
        "FROM alpine\nCOPY --parents services/api /app/\nCOPY --parents foo1/foo2/bar /\n"
        "COPY --parents src/a.txt /p/\nCOPY --parents ./x/./y/z /q/\n"
    )
    created = [layer["created"] for layer in _layers(text)]
    assert created == [
        ["/app/services/api/*"],
        ["/foo1/foo2/bar/*"],
        ["/p/src/a.txt"],
        ["/q/y/z/*"],
    ]


def test_a_quoted_star_deletes_nothing() -> None:
    text = (
        'FROM debian\nRUN apt-get update\nRUN rm -rf "/var/lib/apt/lists/*"\n'
        'RUN ["rm", "-rf", "/var/lib/apt/lists/*"]\n'
        'RUN ["sh", "-c", "rm -rf /var/lib/apt/lists/*"]\n'
    )
    lines = [_layer(text, line)["deleted"][0]["created_line"] for line in (3, 4, 5)]
    assert lines == [None, None, 2]
