"""What the layer rules say, and when they stay silent, for cases from the sixth review
round: the remedy must fit how the path came in, and the path named must be the one
the command touches."""

from __future__ import annotations

import pytest
from layerlint import lint_text
from layerlint.findings import Finding


def _findings(text: str, code: str) -> list[Finding]:
    return [finding for finding in lint_text(text) if finding.code == code]


def _messages(text: str, code: str) -> list[str]:
    return [finding.message for finding in _findings(text, code)]


def test_ll5001_remedy_for_a_copied_file_is_a_bind_mount() -> None:
    text = (
        "FROM python:3.12 AS build\nRUN pip wheel --no-cache-dir -w /wheels flask\n"
        "FROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n"
        "RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels\n"
    )
    (message,) = _messages(text, "LL5001")
    assert message.startswith("/wheels was created by the layer at line 4; deleting it here")
    assert "RUN --mount=type=bind" in message


def test_ll5001_remedy_for_part_of_a_copied_tree_is_to_leave_it_out() -> None:
    text = "FROM debian:12-slim\nCOPY scripts /opt/scripts\nRUN rm -f /opt/scripts/*.bak\n"
    (message,) = _messages(text, "LL5001")
    assert message.startswith("/opt/scripts/*.bak was created by the layer at line 2")
    assert message.endswith("keep it out of the copy with .dockerignore or COPY --exclude")


def test_ll5001_names_a_move_for_what_it_is() -> None:
    text = (
        "FROM debian:12-slim\nCOPY target/app.jar /tmp/app.jar\nRUN mv /tmp/app.jar /opt/app.jar\n"
    )
    (message,) = _messages(text, "LL5001")
    assert message == (
        "/tmp/app.jar was created by the layer at line 2; moving it here stores it twice:"
        " COPY it to its final path"
    )


def test_ll5001_remedy_for_a_downloaded_file_is_unchanged() -> None:
    text = "FROM debian:12\nRUN curl -o /tmp/x.tgz https://x.example/x.tgz\nRUN rm /tmp/x.tgz\n"
    (message,) = _messages(text, "LL5001")
    assert message.endswith("delete it in the RUN that creates it, or build it in another stage")


def test_ll5001_sees_the_origin_when_a_build_shares_the_creating_run() -> None:
    text = (
        "FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
        "RUN npm ci && npm run build\nRUN rm -rf node_modules/.cache\n"
    )
    (message,) = _messages(text, "LL5001")
    assert message.startswith("/app/node_modules/.cache was created by the layer at line 4")


def test_ll5002_does_not_report_an_exempt_source_under_a_secret_name() -> None:
    text = (
        "FROM php:8.3-fpm\nWORKDIR /var/www\nCOPY .env.example .env\n"
        "COPY config/app.key.pub /etc/app/app.key\n"
    )
    assert _findings(text, "LL5002") == []


def test_ll5002_default_patterns() -> None:
    text = (
        "FROM debian:12\nCOPY deploy_key /root/.ssh/deploy_key\n"
        "COPY github-repo-deploy.key /root/.ssh/id_deploy\nCOPY certs/keystore.jks /opt/\n"
        "COPY config/app.env /app/config/\nCOPY apt.key /tmp/\nCOPY nodesource-repo.key /tmp/\n"
    )
    assert [finding.line for finding in _findings(text, "LL5002")] == [2, 3, 4]
    assert "RUN --mount=type=ssh" in _messages(text, "LL5002")[0]


def test_ll5002_names_a_deletion_in_a_stage_built_from_it() -> None:
    text = "FROM python:3.12 AS base\nCOPY .pypirc /root/.pypirc\nFROM base\nRUN rm /root/.pypirc\n"
    (message,) = _messages(text, "LL5002")
    assert "(the deletion at line 4 does not remove it from the image history)" in message


def test_ll5003_remedy_for_an_unpacked_archive() -> None:
    text = "FROM debian:12-slim\nADD app-1.4.tar.gz /opt/app/\nRUN chmod -R a+rX /opt/app\n"
    (message,) = _messages(text, "LL5003")
    assert message.endswith("unpack the archive and run chmod in one RUN")
    copied = "FROM debian:12-slim\nCOPY app /srv/app\nRUN chmod -R a+rX /srv/app\n"
    assert _messages(copied, "LL5003")[0].endswith("set it with COPY --chmod instead")


def test_ll5003_names_the_glob_not_the_copied_directory() -> None:
    text = "FROM debian:12-slim\nCOPY scripts2 /opt/s2\nRUN chmod +x /opt/s2/*.sh\n"
    (message,) = _messages(text, "LL5003")
    assert message.startswith("chmod on /opt/s2/*.sh, which the layer at line 2 created")


def test_ll5005_knows_more_install_commands() -> None:
    text = (
        "FROM fedora:40\n"
        'RUN dnf makecache && dnf -y group install "Development Tools"\n'
        "RUN dnf makecache && dnf -y module install nodejs:20\n"
        "RUN dnf makecache && dnf -y swap curl-minimal curl\n"
        "RUN dnf makecache && dnf -y builddep python3\n"
        "RUN yum makecache && yum update -y\n"
        "FROM debian:12-slim\n"
        'RUN apt-get update && apt-get satisfy -y "libssl-dev (>= 3)"\n'
        "FROM opensuse/leap:15.6\n"
        "RUN zypper ref && zypper -n si hello\n"
        "RUN zypper ref\n"
    )
    assert [finding.line for finding in _findings(text, "LL5005")] == [11]


def test_ll5006_counts_installs_of_the_parent_stage() -> None:
    text = (
        "FROM python:3.12-slim AS base\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN pip install --no-cache-dir -r requirements.txt\n"
        "FROM base AS app\nCOPY . .\nRUN pip install --no-cache-dir -e .\n"
    )
    assert _findings(text, "LL5006") == []
    only_root = "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN poetry install --only-root\n"
    assert _findings(only_root, "LL5006") == []
    parent_copy = (
        "FROM python:3.12-slim AS base\nWORKDIR /app\nCOPY . .\n"
        "FROM base\nRUN pip install --no-cache-dir -r requirements.txt\n"
    )
    assert [finding.line for finding in _findings(parent_copy, "LL5006")] == [5]


def test_ll3006_skips_build_only_stages() -> None:
    text = (
        "FROM debian:12 AS build\nCOPY app-1.4.tar.gz /tmp/\n"
        "RUN tar -xzf /tmp/app-1.4.tar.gz -C /opt\n"
        "FROM gcr.io/distroless/base-debian12\nCOPY --from=build /opt/app /opt/app\n"
    )
    assert _findings(text, "LL3006") == []


def test_ll2013_dot_sources_and_the_scratch_squash() -> None:
    text = (
        "FROM golang:1.22 AS build\nRUN go build -o /out/app ./cmd/app\n"
        "FROM alpine:3.20\nCOPY --from=build . /\nCOPY --from=build ./ /\nCOPY --from=build / .\n"
        "FROM scratch\nCOPY --from=build / /\n"
    )
    assert [finding.line for finding in _findings(text, "LL2013")] == [4, 5, 6]


def test_ll3053_reports_home_in_a_mount_target() -> None:
    text = "FROM python:3.12\nRUN --mount=type=cache,target=$HOME/.cache/pip pip install -r r.txt\n"
    (finding,) = _findings(text, "LL3053")
    assert (finding.line, finding.column) == (2, 31)
    assert "the image does not set HOME" in finding.message


def test_ll5008_names_every_cache_of_the_command_and_how_to_empty_them() -> None:
    text = "FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n"
    (message,) = _messages(text, "LL5008")
    assert message == (
        "go install leaves its cache in the layer (/root/.cache/go-build, /go/pkg/mod); run"
        " `go clean -cache -modcache` in the same RUN, or mount a build cache there (RUN"
        " --mount=type=cache,target=/root/.cache/go-build"
        " --mount=type=cache,target=/go/pkg/mod)"
    )


def test_ll5008_does_not_ask_to_empty_a_cache_filled_for_a_later_run() -> None:
    text = (
        "FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\n"
        "COPY . .\nRUN --mount=type=cache,target=/root/.cache/go-build go build -o /app .\n"
    )
    (message,) = _messages(text, "LL5008")
    assert message == (
        "go mod download leaves its cache in the layer (/go/pkg/mod); mount a build cache"
        " there (RUN --mount=type=cache,target=/go/pkg/mod) in this RUN and the RUN that"
        " builds, or build in a stage that does not ship"
    )


def test_ll5008_remedy_for_an_npm_cache_moved_by_a_variable() -> None:
    text = "FROM node:22-alpine\nRUN npm_config_cache=/tmp/c npm ci\n"
    (message,) = _messages(text, "LL5008")
    assert message.endswith(
        "run `npm_config_cache=/tmp/c npm cache clean --force` in the same RUN, or mount a"
        " build cache there (RUN --mount=type=cache,target=/tmp/c)"
    )


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        # the command's own settings go with the clean command
        (
            "FROM golang:1.23\nRUN GOMODCACHE=/gm go install example.com/x@v1.0.0\n",
            "GOMODCACHE=/gm go clean -cache -modcache",
        ),
        (
            "FROM golang:1.23\nENV GOMODCACHE=/gomod\nRUN go build -o /app .\n",
            "go clean -cache -modcache",
        ),
        ("FROM node:22\nRUN npm ci --cache=/tmp/c2\n", "npm cache clean --force --cache /tmp/c2"),
        (
            "FROM composer:2.8\nRUN COMPOSER_CACHE_DIR=/cc composer install\n",
            "COMPOSER_CACHE_DIR=/cc composer clear-cache",
        ),
        (
            "FROM mambaorg/micromamba:1.5.8\nRUN micromamba install -y -n base -f /tmp/e.yaml\n",
            "micromamba clean --all --yes",
        ),
    ],
)
def test_ll5008_clean_command_fits_the_cache(text: str, clean: str) -> None:
    (message,) = _messages(text, "LL5008")
    assert f"run `{clean}` in the same RUN" in message


def test_ll5008_reports_a_cache_once_per_run() -> None:
    text = "FROM rust:1.82\nRUN cargo fetch && cargo build --release && cargo test\n"
    (message,) = _messages(text, "LL5008")
    assert message.startswith("cargo fetch leaves its cache in the layer")
    # used by the build in the same RUN: emptying it there is the remedy
    assert "run `rm -rf /usr/local/cargo/registry` in the same RUN" in message


def test_ll5008_names_condas_environment_command_in_full() -> None:
    from layerlint import lint_text

    text = "FROM continuumio/miniconda3:24.7.1-0\nRUN conda env create -f environment.yml\n"
    found = [finding for finding in lint_text(text) if finding.code == "LL5008"]
    assert [finding.message.split(" leaves")[0] for finding in found] == ["conda env create"]
