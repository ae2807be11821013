"""The package model: command lines read into PackageCommands, caches left in a layer."""

from __future__ import annotations

import pytest
from layerlint.model import Model
from layerlint.model.leftovers import caches_left
from layerlint.model.packages import PackageCommand
from layerlint.nodes import Onbuild, Run
from layerlint.parse import parse_text


def _model(text: str) -> tuple[Model, list[Run]]:
    model = Model(parse_text(text))
    runs: list[Run] = []
    for node in model.file.instructions:
        if isinstance(node, Onbuild) and isinstance(node.trigger, Run):
            runs.append(node.trigger)
        elif isinstance(node, Run):
            runs.append(node)
    return model, runs


def _invocations(text: str) -> list[PackageCommand]:
    model, runs = _model(text)
    found = []
    for run in runs:
        for command in model.commands(run):
            invocation = model.package_command(command)
            if invocation is not None:
                found.append(invocation)
    return found


def _packages(line: str) -> list[tuple[str, str | None, bool]]:
    """(name, version, unpinned) of the packages of the last command of a RUN."""
    invocation = _invocations(f"FROM scratch\n{line}\n")[-1]
    return [(p.name, p.version, p.unpinned) for p in invocation.packages]


def test_an_unquoted_variable_with_several_packages_splits() -> None:
    assert _packages('RUN deps="python3=3.11 make" && apt-get install -y $deps') == [
        ("python3", "3.11", False),
        ("make", None, True),
    ]


def test_a_quoted_variable_does_not_split() -> None:
    assert _packages('RUN v="1.0 2.0" && apt-get install -y "curl=$v"') == [
        ("curl", "1.0 2.0", False)
    ]


def test_unknown_operands_are_not_unpinned() -> None:
    packages = _packages('RUN apt-get install -y $PACKAGES "${LIST[@]}"')
    assert [unpinned for _, _, unpinned in packages] == [False, False]


def test_versions_from_arg_and_env() -> None:
    invocation = _invocations(
        "FROM fedora:40\nARG V=2.46.2-1.fc40\nRUN dnf install -y git-core-${V}\n"
    )[0]
    assert [(p.name, p.version) for p in invocation.packages] == [("git-core", "2.46.2-1.fc40")]


def test_apt_release_is_not_a_path_but_a_deb_file_is_a_file() -> None:
    invocation = _invocations(
        "FROM debian\nRUN apt-get install -y nginx/bookworm-backports ./tool_1.0.deb\n"
    )[0]
    assert [(p.name, p.is_file) for p in invocation.packages] == [
        ("nginx", False),
        ("./tool_1.0.deb", True),
    ]


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("RUN dnf -y in tree", "install"),
        ("RUN dnf -y up-min", "upgrade-minimal"),
        ("RUN dnf -y rei tree", "reinstall"),
        ("RUN microdnf module install -y nodejs:20", "module install"),
        ("RUN yum group install -y 'Development Tools'", "group install"),
    ],
)
def test_dnf_and_yum_short_command_names(line: str, action: str) -> None:
    assert _invocations(f"FROM fedora\n{line}\n")[0].action == action


def test_module_streams_and_groups() -> None:
    assert _packages("RUN dnf module install -y nodejs:20 php") == [
        ("nodejs", "20", False),
        ("php", None, True),
    ]
    assert _packages("RUN dnf group install -y 'Development Tools'") == [
        ("Development Tools", None, False)
    ]


def test_zypper_name_flag_takes_no_value_and_patterns_are_not_packages() -> None:
    assert _packages("RUN zypper install -n httpd=2.4.58 less") == [
        ("httpd", "=2.4.58", False),
        ("less", None, True),
    ]
    assert _packages("RUN zypper in -t pattern devel_basis") == [("devel_basis", None, False)]


def test_pip_vcs_urls_are_pinned_by_a_reference() -> None:
    packages = _packages(
        "RUN pip install git+https://github.com/o/r.git@v1.2#egg=r"
        " git+ssh://git@github.com/o/r.git#egg=r"
    )
    assert [(version, unpinned) for _, version, unpinned in packages] == [
        ("v1.2", False),
        (None, True),
    ]


def test_pip_option_values_are_not_packages() -> None:
    assert _packages("RUN pip install --root-user-action ignore -b /tmp/build poetry==1.8.5") == [
        ("poetry", "1.8.5", False)
    ]


def test_pipx_is_its_own_manager_with_its_own_options() -> None:
    invocation = _invocations('FROM python\nRUN pipx install --python "$(which python)" black\n')[0]
    assert invocation.manager == "pipx"
    assert [p.name for p in invocation.packages] == ["black"]


@pytest.mark.parametrize(
    ("spec", "version", "is_file"),
    [
        ("express", None, False),
        ("@scope/tool", None, False),
        ('@scope/tool@">=1.0 <2"', ">=1.0 <2", False),
        ("git://github.com/npm/npm.git", None, False),
        ("git+ssh://git@github.com:npm/npm.git#v1.0.27", "v1.0.27", False),
        ("user/repo#abc123", "abc123", False),
        ("./folder", None, True),
        ("pkg-1.0.tgz", None, True),
    ],
)
def test_npm_operands(spec: str, version: str | None, is_file: bool) -> None:
    package = _invocations(f"FROM node\nRUN npm install {spec}\n")[0].packages[0]
    assert (package.version, package.is_file) == (version, is_file)


def test_yarn_version_is_not_an_install() -> None:
    assert _invocations("FROM node\nRUN yarn --version\n")[0].action == ""
    assert _invocations("FROM node\nRUN yarn\n")[0].action == "install"


def test_gem_build_options_after_double_dash_are_not_gems() -> None:
    invocation = _invocations(
        "FROM ruby\nRUN gem i mysql2:0.5.6 -- --with-mysql-config=/usr/bin/x true\n"
    )[0]
    assert invocation.action == "install"
    assert [p.name for p in invocation.packages] == ["mysql2"]


def test_go_flags_and_run_arguments() -> None:
    invocation = _invocations('FROM golang\nRUN go install -ldflags "-s -w" example.com/a ./cmd\n')[
        0
    ]
    assert [(p.name, p.is_file) for p in invocation.packages] == [
        ("example.com/a", False),
        ("./cmd", True),
    ]
    run = _invocations("FROM golang\nRUN go run example.com/tool@v1.0.0 --flag value extra\n")[0]
    assert [p.spec for p in run.packages] == ["example.com/tool@v1.0.0"]


# ---------------------------------------------------------------------------
# caches_left


def _left(text: str) -> list[tuple[str, str]]:
    model, runs = _model(text)
    return [
        (leftover.invocation.program, leftover.path) for leftover in caches_left(model, runs[-1])
    ]


def _left_paths(text: str) -> list[str]:
    """The cache directories the last RUN of `text` leaves."""
    model, runs = _model(text)
    return [leftover.path for leftover in caches_left(model, runs[-1])]


def test_apt_lists_are_left_unless_removed_in_the_same_run() -> None:
    assert _left("FROM debian\nRUN apt-get update && apt-get install -y curl\n") == [
        ("apt-get", "/var/lib/apt/lists")
    ]
    assert _left("FROM debian\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\n") == []
    # A later RUN does not shrink this layer.
    model, runs = _model("FROM debian\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n")
    assert [leftover.path for leftover in caches_left(model, runs[0])] == ["/var/lib/apt/lists"]


def test_mounts_keep_caches_out_of_the_layer() -> None:
    assert _left("FROM debian\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\n") == []
    assert _left("FROM debian\nRUN --mount=type=tmpfs,target=/var/cache/apt apt-get update\n") != []
    # A mount whose target the model cannot expand might be over the cache.
    assert _left("FROM debian\nRUN --mount=type=cache,target=$UNKNOWN apt-get update\n") == []


def test_a_clean_before_the_install_does_not_count() -> None:
    assert _left("FROM fedora:40\nRUN dnf clean all && dnf install -y tree\n") == [
        ("dnf", "/var/cache/dnf")
    ]


def test_rpm_cache_directories_are_interchangeable_where_the_image_does_not_say() -> None:
    base = "FROM example.com/el:9\n"
    assert _left(base + "RUN dnf install -y tree && rm -rf /var/cache/yum/*\n") == []
    mounted = "RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y tree\n"
    assert _left(base + mounted) == []
    # Where it does, only the image's own directory is the cache.
    assert _left("FROM fedora:40\nRUN dnf install -y tree && rm -rf /var/cache/yum/*\n") == [
        ("dnf", "/var/cache/dnf")
    ]
    assert _left("FROM fedora:42\n" + mounted) == []


def test_yarn_cache_directories_of_either_version_count() -> None:
    assert _left("FROM node\nRUN yarn install\n") == [("yarn", "/usr/local/share/.cache/yarn")]
    assert _left("FROM node\nRUN --mount=type=cache,target=/root/.cache/yarn yarn install\n") == []


def test_pip_cache_follows_home_and_pip_no_cache_dir() -> None:
    assert _left("FROM python\nRUN pip install flask\n") == [("pip", "/root/.cache/pip")]
    assert _left("FROM python\nENV HOME=/home/app\nRUN pip install flask\n") == [
        ("pip", "/home/app/.cache/pip")
    ]
    # pip turns the cache off for any valid value of PIP_NO_CACHE_DIR.
    assert _left("FROM python\nRUN PIP_NO_CACHE_DIR=0 pip install flask\n") == []


def test_instructions_before_any_from() -> None:
    # hadolint's test files have no FROM: root's home and earlier ENVs still apply.
    assert _left("RUN pip install flask\n") == [("pip", "/root/.cache/pip")]
    assert _left("ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n") == []
    assert _left("ONBUILD RUN apk add curl\n") == [("apk", "/var/cache/apk")]


def test_apt_dist_clean_removes_the_lists() -> None:
    # Found in the corpus (docker-library images on Debian trixie).
    assert (
        _left("FROM debian\nRUN apt-get update; apt-get install -y curl; apt-get dist-clean\n")
        == []
    )
    assert _left("FROM debian\nRUN apt-get update && apt-get distclean\n") == []
    assert _left("FROM debian\nRUN apt-get update && apt-get clean\n") != []


def test_apk_without_network_caches_nothing() -> None:
    # Found in the corpus: `apk add --no-network --virtual .rundeps $runDeps`.
    assert (
        _left("FROM alpine\nRUN apk add --no-network --virtual .rundeps so:libc.musl.so.1\n") == []
    )


def test_a_cleanup_in_a_branch_counts() -> None:
    # Found in the corpus: install scripts that clean up in `if`/`else` branches.
    text = (
        "FROM debian\n"
        "RUN if [ -x /x ]; then :; else apt-get update && rm -rf /var/lib/apt/lists/*; fi\n"
    )
    assert _left(text) == []
    text = (
        "FROM debian\nRUN apt-get update; if grep -q bookworm /etc/os-release;"
        " then rm -rf /var/lib/apt/lists/*; else apt-get dist-clean; fi\n"
    )
    assert _left(text) == []


@pytest.mark.parametrize(
    ("run", "left"),
    [
        # Set to a value the model cannot read: the cache is somewhere unknown.
        ('export GOCACHE="$(mktemp -d)" && go build ./...', ["/go/pkg/mod"]),
        ('export GOPATH="$(mktemp -d)" && go build ./...', ["/root/.cache/go-build"]),
        ('GOMODCACHE="$X" GOCACHE="$Y" go build ./...', []),
        ('export HOME="$(mktemp -d)" && pip install flask==3.0.3', []),
        ("CARGO_HOME=$(mktemp -d) cargo install ripgrep --version 14.1.1", []),
        # Set and known: there.
        ("GOCACHE=/tmp/gc go build ./...", ["/tmp/gc", "/go/pkg/mod"]),
        # (the rust image sets CARGO_HOME=/usr/local/cargo)
        ("cargo install ripgrep --version 14.1.1", ["/usr/local/cargo/registry"]),
    ],
)
def test_a_cache_setting_of_unknown_value_is_no_default(run: str, left: list[str]) -> None:
    base = "rust:1.82" if "cargo" in run else "golang:1.23" if "go " in run else "python:3.12"
    assert _left_paths(f"FROM {base}\nRUN {run}\n") == left


@pytest.mark.parametrize(
    ("run", "left"),
    [
        # Every cargo command that resolves dependencies downloads them first.
        ("cargo check", ["/usr/local/cargo/registry"]),
        ("cargo clippy --all-targets", ["/usr/local/cargo/registry"]),
        ("cargo vendor", ["/usr/local/cargo/registry"]),
        ("cargo build --offline", []),
        ("cargo build --frozen", []),
        ("CARGO_NET_OFFLINE=true cargo build", []),
        ("cargo add serde", []),
        # `composer global` installs into COMPOSER_HOME's project, through the same cache.
        ("COMPOSER_HOME=/c composer global require x/y", ["/c/cache"]),
        ("COMPOSER_HOME=/c composer global show", []),
        ("COMPOSER_HOME=/c composer r x/y", ["/c/cache"]),
        # --user-install: under Gem.user_dir, which the Ruby version names.
        ("gem install --user-install rails -v 7.1.3", []),
        ("gem install rails -v 7.1.3", ["/usr/local/bundle/cache"]),
    ],
)
def test_commands_that_fill_a_cache(run: str, left: list[str]) -> None:
    base = "rust:1.82" if "cargo" in run else "ruby:3.3" if "gem" in run else "php:8.3"
    assert _left_paths(f"FROM {base}\nRUN {run}\n") == left


@pytest.mark.parametrize(
    ("run", "created"),
    [
        ("cargo vendor", "/src/vendor/*"),
        ("cargo vendor third_party/crates", "/src/third_party/crates/*"),
        ("COMPOSER_HOME=/c composer global require x/y", "/c/vendor/*"),
    ],
)
def test_vendored_sources_are_created(run: str, created: str) -> None:
    from layerlint.layers_report import model_json

    model, _ = _model(f"FROM rust:1.82\nWORKDIR /src\nRUN {run}\n")
    assert created in model_json(model)["stages"][0]["layers"][0]["created"]


@pytest.mark.parametrize(
    ("image", "program", "cache"),
    [
        ("rockylinux:9", "yum", "/var/cache/dnf"),
        ("almalinux:8", "yum", "/var/cache/dnf"),
        ("quay.io/centos/centos:stream9", "yum", "/var/cache/dnf"),
        ("centos:centos7", "yum", "/var/cache/yum"),
        ("centos:7", "yum", "/var/cache/yum"),
        ("oraclelinux:8", "yum", "/var/cache/dnf"),
        ("amazonlinux:2", "yum", "/var/cache/yum"),
        ("amazonlinux:2023", "yum", "/var/cache/dnf"),
        ("registry.access.redhat.com/ubi9/ubi", "yum", "/var/cache/dnf"),
        ("redhat/ubi8", "yum", "/var/cache/dnf"),
        ("fedora:40", "yum", "/var/cache/dnf"),
        ("fedora:41", "yum", "/var/cache/libdnf5"),
        ("fedora:42", "dnf", "/var/cache/libdnf5"),
        ("fedora:40", "dnf", "/var/cache/dnf"),
        ("fedora", "dnf", "/var/cache/libdnf5"),  # latest
        ("centos:7", "dnf", "/var/cache/dnf"),
        ("registry.access.redhat.com/ubi9/ubi-minimal", "microdnf", "/var/cache/yum"),
        ("example.com/el:9", "yum", "/var/cache/yum"),  # the image does not say
    ],
)
def test_the_rpm_cache_directory_follows_what_yum_is_on_the_image(
    image: str, program: str, cache: str
) -> None:
    from layerlint.layers_report import model_json

    text = f"FROM {image}\nRUN {program} install -y git-2.47.1\nRUN rm -rf {cache}\n"
    model, _ = _model(text)
    layers = model_json(model)["stages"][0]["layers"]
    assert layers[0]["created"] == [cache + "/*"]
    assert layers[1]["deleted"] == [{"path": cache, "created_line": 2}]


@pytest.mark.parametrize(
    ("run", "left"),
    [
        # An install downloads packages and refreshes the repositories' metadata.
        ("zypper -n install curl=8.6", ["packages", "raw", "solv"]),
        ("zypper -n --no-refresh install curl=8.6", ["packages"]),
        # A plain clean empties the package cache only; -m the metadata; -a both.
        ("zypper -n install curl=8.6 && zypper clean", ["raw", "solv"]),
        ("zypper -n install curl=8.6 && zypper cc -m", ["packages"]),
        ("zypper -n install curl=8.6 && zypper clean -M", ["packages", "solv"]),
        ("zypper -n install curl=8.6 && zypper clean --all", []),
        ("zypper -n install curl=8.6 && zypper clean -r oss", ["packages", "raw", "solv"]),
        ("zypper -n refresh", ["raw", "solv"]),
    ],
)
def test_zypper_caches_and_what_each_clean_empties(run: str, left: list[str]) -> None:
    assert _left_paths(f"FROM opensuse/leap:15.6\nRUN {run}\n") == [
        f"/var/cache/zypp/{name}" for name in left
    ]


@pytest.mark.parametrize(
    ("before", "left"),
    [
        ("", ["/var/lib/apt/lists"]),
        # Docker's cache-mount recipe removes the images' docker-clean hook: apt-get
        # then keeps the packages it downloads.
        (
            "RUN rm -f /etc/apt/apt.conf.d/docker-clean\n",
            ["/var/lib/apt/lists", "/var/cache/apt/archives"],
        ),
        ("RUN rm -f /etc/apt/apt.conf.d/*\n", ["/var/lib/apt/lists", "/var/cache/apt/archives"]),
        (
            "RUN mv /etc/apt/apt.conf.d/docker-clean /tmp/\n",
            ["/var/lib/apt/lists", "/var/cache/apt/archives"],
        ),
        ("RUN rm -f /etc/apt/apt.conf.d/other\n", ["/var/lib/apt/lists"]),
    ],
)
def test_apt_get_keeps_packages_once_the_docker_clean_hook_is_gone(
    before: str, left: list[str]
) -> None:
    text = f"FROM debian:12\n{before}RUN apt-get update && apt-get install -y curl\n"
    assert _left_paths(text) == left


def test_the_hook_removed_earlier_in_the_same_run() -> None:
    text = "FROM debian:12\nRUN rm -f /etc/apt/apt.conf.d/docker-clean; apt-get install -y curl\n"
    assert _left_paths(text) == ["/var/cache/apt/archives"]
    text = "FROM debian:12\nRUN apt-get install -y curl; rm -f /etc/apt/apt.conf.d/docker-clean\n"
    assert _left_paths(text) == []


def test_removing_every_gem_file_empties_the_gems_cache() -> None:
    text = "FROM ruby:3.3\nRUN bundle install && rm -rf /usr/local/bundle/cache/*.gem\n"
    assert _left(text) == []
    text = "FROM ruby:3.3\nRUN bundle install && rm -rf /usr/local/bundle/cache/rails-*.gem\n"
    assert _left(text) == [("bundle", "/usr/local/bundle/cache")]


def test_a_yarn_cache_folder_the_command_chose_is_the_only_one() -> None:
    text = "FROM node:20\nRUN yarn install --cache-folder /tmp/yc && yarn cache clean\n"
    assert _left(text) == [("yarn", "/tmp/yc")]
    mounted = "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn "
    assert _left(f"FROM node:20\n{mounted}yarn install --cache-folder /tmp/yc\n") == [
        ("yarn", "/tmp/yc")
    ]
