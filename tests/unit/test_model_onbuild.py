"""ONBUILD triggers of a stage run first in the stages built FROM it (BuildKit runs
them as if the parent stage were a base image; moby/buildkit#5486 and #5490)."""

from __future__ import annotations

from typing import Any

from layerlint import lint_text
from layerlint.layers_report import model_json
from layerlint.model import Model
from layerlint.parse import parse_text

PARENT = """\
FROM node:20 AS base
WORKDIR /app
ONBUILD COPY package.json ./
ONBUILD RUN npm install && touch /app/built
RUN mkdir /data
"""


def _stages(text: str) -> list[dict[str, Any]]:
    stages: list[dict[str, Any]] = model_json(Model(parse_text(text)))["stages"]
    return stages


def test_triggers_are_not_layers_of_the_stage_that_declares_them() -> None:
    (stage,) = _stages(PARENT)
    assert [layer["line"] for layer in stage["layers"]] == [5]


def test_a_child_stage_runs_the_triggers_first() -> None:
    stages = _stages(PARENT + "FROM base AS app\nRUN rm -rf /app/built /app/package.json\n")
    child = stages[1]["layers"]
    assert [layer["line"] for layer in child] == [3, 4, 7]
    assert child[0]["instruction"] == "ONBUILD COPY package.json ./"
    assert child[0]["created"] == ["/app/package.json"]  # WORKDIR before the ONBUILD
    assert "/app/built" in child[1]["created"]
    assert child[2]["deleted"] == [
        {"path": "/app/built", "created_line": 4},
        {"path": "/app/package.json", "created_line": 3},
    ]


def test_grandchildren_do_not_run_the_triggers_again() -> None:
    text = PARENT + "FROM base AS app\nFROM app AS again\nRUN rm -f /app/built\n"
    stages = _stages(text)
    assert [layer["line"] for layer in stages[2]["layers"]] == [8]
    # The file comes from the trigger layer that ran in `app`.
    assert stages[2]["layers"][0]["deleted"] == [{"path": "/app/built", "created_line": 4}]


def test_each_child_runs_them() -> None:
    stages = _stages(PARENT + "FROM base AS one\nFROM base AS two\n")
    assert [layer["line"] for layer in stages[1]["layers"]] == [3, 4]
    assert [layer["line"] for layer in stages[2]["layers"]] == [3, 4]


def test_a_child_deleting_a_file_a_trigger_copied_is_reported() -> None:
    findings = lint_text(PARENT + "FROM base AS app\nRUN rm -f package.json\n")
    assert [(f.code, f.line) for f in findings if f.code == "LL5001"] == [("LL5001", 7)]


def test_triggers_run_with_the_state_the_parent_stage_ends_with() -> None:
    text = (
        "FROM node:20 AS base\nONBUILD COPY package.json ./\nONBUILD RUN mkdir -p $APP_HOME/logs\n"
        "ENV APP_HOME=/srv/app\nWORKDIR /usr/src/app\nFROM base\n"
    )
    child = _stages(text)[1]["layers"]
    assert [layer["created"] for layer in child] == [
        ["/usr/src/app/package.json"],
        ["/srv/app/logs"],
    ]
