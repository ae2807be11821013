"""Shell scripts of RUN instructions (linter/model/shell.py): commands in execution
order with argv, working directory, certainty and Dockerfile positions."""

from __future__ import annotations

import pytest
from layerlint.model import Model
from layerlint.model.shell import Pipeline, SimpleCommand, brace_expansion, inline_script
from layerlint.nodes import Onbuild, Run
from layerlint.parse import parse_text


def _runs(text: str) -> tuple[Model, list[Run]]:
    model = Model(parse_text(text))
    runs = []
    for node in model.file.instructions:
        if isinstance(node, Onbuild) and isinstance(node.trigger, Run):
            runs.append(node.trigger)
        elif isinstance(node, Run):
            runs.append(node)
    return model, runs


def _commands(text: str, index: int = -1) -> list[SimpleCommand]:
    model, runs = _runs(text)
    return model.commands(runs[index])


def _member_names(pipeline: Pipeline) -> list[list[str | None]]:
    return [[command.name for command in member] for member in pipeline.members]


def _summary(commands: list[SimpleCommand]) -> list[tuple[str | None, list[str | None]]]:
    return [(command.name, [word.value for word in command.args]) for command in commands]


def test_continuation_lines_with_comments() -> None:
    commands = _commands(
        "FROM debian:12\n"
        "RUN set -e; \\\n"
        "    # refresh the index\n"
        "    apt-get update && \\\n"
        "    sudo apt-get install -y curl\n"
    )
    assert _summary(commands) == [
        ("set", ["-e"]),
        ("apt-get", ["update"]),
        ("apt-get", ["install", "-y", "curl"]),  # sudo is a wrapper
    ]
    update, install = commands[1], commands[2]
    assert (update.span.line, update.span.column) == (4, 5)
    assert (install.span.line, install.span.column) == (5, 5)
    curl = install.args[2]
    assert (curl.span.line, curl.span.column, curl.span.end_column) == (5, 29, 33)


def test_nested_sh_c_bodies_are_commands_with_positions() -> None:
    commands = _commands(
        "FROM debian:12\n"
        "ENV VERSION=1.2.3\n"
        "WORKDIR /app\n"
        "RUN sh -c 'cd /tmp && curl -fsSLo tool.tgz https://example.com/tool-$VERSION.tgz'\n"
    )
    assert [command.name for command in commands] == ["sh", "cd", "curl"]
    shell, cd, curl = commands
    assert inline_script(shell) is not None
    assert (cd.nesting, curl.nesting) == (1, 1)
    assert shell.cwd == "/app" and curl.cwd == "/tmp"
    assert curl.args[2].value == "https://example.com/tool-1.2.3.tgz"
    assert (curl.span.line, curl.span.column) == (4, 23)


def test_sh_c_inside_sh_c() -> None:
    commands = _commands("FROM alpine\nRUN sh -c \"bash -c 'rm -rf /tmp/cache'\"\n")
    assert [(command.name, command.nesting) for command in commands] == [
        ("sh", 0),
        ("bash", 1),
        ("rm", 2),
    ]
    rm = commands[2]
    assert rm.args[1].value == "/tmp/cache"
    assert (rm.span.line, rm.span.column) == (2, 21)


def test_heredoc_script_positions() -> None:
    commands = _commands(
        "FROM debian:12\nRUN <<EOF\napt-get update\n  apt-get install -y git\nEOF\n"
    )
    assert _summary(commands) == [("apt-get", ["update"]), ("apt-get", ["install", "-y", "git"])]
    assert [(c.span.line, c.span.column) for c in commands] == [(3, 1), (4, 3)]


def test_heredoc_fed_to_a_shell_with_tabs_stripped() -> None:
    commands = _commands(
        "FROM debian:12\nWORKDIR /src\nRUN <<-EOT bash\n\tcd sub\n\tmake install\n\tEOT\n"
    )
    assert [command.name for command in commands] == ["bash", "cd", "make"]
    make = commands[2]
    assert make.cwd == "/src/sub"
    assert (make.span.line, make.span.column) == (5, 2)


def test_python_heredoc_is_embedded_code() -> None:
    model, runs = _runs('FROM python:3.12\nRUN python3 <<EOF\nprint("hi")\nEOF\n')
    script = model.script(runs[0])
    assert script is not None
    assert [(code.language, code.origin) for code in script.embedded] == [("python", "stdin")]


def test_exec_form() -> None:
    commands = _commands('FROM debian:12\nRUN ["apt-get", "install", "-y", "jq"]\n')
    assert _summary(commands) == [("apt-get", ["install", "-y", "jq"])]
    assert (commands[0].args[2].span.line, commands[0].args[2].span.column) == (2, 34)


def test_cd_changes_the_working_directory() -> None:
    commands = _commands("FROM alpine\nWORKDIR /app\nRUN cd build && make && cd .. && ls\n")
    assert [(c.name, c.cwd) for c in commands] == [
        ("cd", "/app"),
        ("make", "/app/build"),
        ("cd", "/app/build"),
        ("ls", "/app"),
    ]


def test_certainty_of_commands() -> None:
    def certain(script: str) -> list[tuple[str | None, bool]]:
        return [(c.name, c.certain) for c in _commands(f"FROM alpine\nRUN {script}\n")]

    assert certain("rm -rf /tmp/x || true") == [("rm", True), ("true", False)]
    # in `a && b || c` a failing `a` skips `b` and `c` lets the RUN succeed
    assert certain("a && b || c") == [("a", True), ("b", False), ("c", False)]
    assert certain("a || b && c") == [("a", True), ("b", False), ("c", True)]
    assert certain("if [ -f x ]; then rm x; fi") == [("[", True), ("rm", False)]
    assert certain("for f in a b; do rm $f; done") == [("rm", False)]


def test_variables_assigned_in_the_script_and_home() -> None:
    commands = _commands(
        "FROM alpine\nENV HOME=/home/app\n"
        "RUN V=2 && curl -o /tmp/app-$V.tgz https://x/a.tgz; echo ~/x\n"
    )
    assert commands[0].args[1].value == "/tmp/app-2.tgz"
    assert commands[1].args[0].value == "/home/app/x"


def test_unknown_values_are_none() -> None:
    commands = _commands("FROM alpine\nARG DIR\nRUN rm -rf $DIR/cache $(cat list)\n")
    # the command substitution runs first
    assert [command.name for command in commands] == ["cat", "rm"]
    assert [word.value for word in commands[1].args] == ["-rf", None, None]
    assert commands[1].args[1].literal == "$DIR/cache"


def test_onbuild_triggers_and_files_without_from() -> None:
    commands = _commands("ONBUILD RUN apt-get update\n")
    assert _summary(commands) == [("apt-get", ["update"])]
    commands = _commands("RUN cd /tmp && wget https://x/y.tgz\n")
    assert [(c.name, c.cwd) for c in commands] == [("cd", None), ("wget", "/tmp")]


def test_non_posix_shell_has_no_script() -> None:
    model, runs = _runs(
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\n'
        "RUN Remove-Item -Recurse C:\\temp\n"
    )
    assert model.script(runs[0]) is None
    assert model.commands(runs[0]) == []


def test_commands_in_the_value_of_an_assignment_statement_run_first() -> None:
    commands = _commands(
        "FROM debian:12\n"
        'RUN SUM=$(curl -fsSL https://x | sha256sum) && echo "$SUM"; '
        "export TAG=$(git describe) OTHER=1; readonly V=$(cat /v)\n"
    )
    assert _summary(commands) == [
        ("curl", ["-fsSL", "https://x"]),
        ("sha256sum", []),
        ("echo", [None]),  # SUM depends on what curl printed
        ("git", ["describe"]),
        ("export", []),
        ("cat", ["/v"]),
        ("readonly", []),
    ]
    curl, sha, _, git, _, cat, _ = commands
    # A bare assignment's status is its substitution's; export's and readonly's is their own.
    assert (curl.pipeline_length, sha.pipeline_index) == (2, 1)
    assert not curl.status_discarded and not sha.status_discarded
    assert git.status_discarded and cat.status_discarded


def test_pipeline_structure_keeps_compound_members() -> None:
    model, runs = _runs(
        "FROM debian:12\n"
        "RUN { curl -fsSL https://x; echo done; } | (cd /opt && tar -x) | wc -c; a | b\n"
    )
    script = model.script(runs[0])
    assert script is not None
    first, second = script.pipeline_structure
    assert _member_names(first) == [
        ["curl", "echo"],
        ["cd", "tar"],
        ["wc"],
    ]
    assert _member_names(second) == [["a"], ["b"]]
    assert not first.pipefail and not first.status_discarded


def test_pipeline_structure_of_a_discarded_substitution() -> None:
    model, runs = _runs(
        'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
        'RUN cp a "/out/$(ls | head -n 1)"\n'
    )
    script = model.script(runs[0])
    assert script is not None
    (pipeline,) = script.pipeline_structure
    assert pipeline.pipefail and pipeline.status_discarded


def test_negated_group_is_a_group() -> None:
    # tree-sitter-bash reads `! { a | b; }` as a command named `{`; the model does not.
    model, runs = _runs('FROM debian:12\nRUN x=1; ! { ldd "$x" | grep -q "not found"; }\n')
    script = model.script(runs[0])
    assert script is not None
    assert _summary(script.commands) == [("ldd", ["1"]), ("grep", ["-q", "not found"])]
    (pipeline,) = script.pipeline_structure
    assert _member_names(pipeline) == [
        ["ldd"],
        ["grep"],
    ]
    assert script.commands[1].span.column == 25


def test_two_heredocs_in_one_command_line() -> None:
    # tree-sitter-bash cannot parse this line; the bodies are data, not commands.
    commands = _commands(
        "FROM debian:12\n"
        "RUN <<FILE1 cat > file1 && <<FILE2 cat > file2\n"
        "first file\n"
        "FILE1\n"
        "rm -rf /w/data.bin\n"
        "FILE2\n"
    )
    assert _summary(commands) == [("cat", []), ("cat", [])]
    assert [
        [(r.operator, r.target.value if r.target else None) for r in c.redirects] for c in commands
    ] == [
        [("<", "FILE1"), (">", "file1")],
        [("<", "FILE2"), (">", "file2")],
    ]
    assert [command.span.column for command in commands] == [5, 28]


def test_heredocs_fed_to_a_shell_and_python_on_one_line() -> None:
    model, runs = _runs(
        "FROM debian:12\nRUN <<A sh && <<B python3 && cat <<C > /c\n"
        "rm -rf /x\nA\nprint(1)\nB\nhi\nC\n"
    )
    script = model.script(runs[0])
    assert script is not None
    assert _summary(script.commands) == [
        ("sh", []),
        ("python3", []),
        ("cat", []),
        ("rm", ["-rf", "/x"]),
    ]
    assert (script.commands[-1].span.line, script.commands[-1].span.column) == (3, 1)
    (code,) = script.embedded
    assert (code.text, code.origin, code.to_source(0)) == ("print(1)\n", "stdin", 69)


def test_only_the_last_list_of_a_sequence_must_succeed() -> None:
    commands = _commands("FROM debian:12\nRUN set -e; a && b; c && d\n")
    assert [(command.name, command.certain) for command in commands] == [
        ("set", True),
        ("a", True),
        ("b", False),  # a failure of a does not stop the script, even with set -e
        ("c", True),
        ("d", True),  # the RUN's status is this list's
    ]


@pytest.mark.parametrize(
    ("word", "words"),
    [
        ("a{b,c}d{1..3}", ["abd1", "abd2", "abd3", "acd1", "acd2", "acd3"]),
        ("a{b,c{d,e}}", ["ab", "acd", "ace"]),
        ("f{,.bak}", ["f", "f.bak"]),
        ("{3..1}", ["3", "2", "1"]),
        ("{x}", ["{x}"]),  # no comma, no sequence: literal
        ("a{b,c", ["a{b,c"]),  # unclosed
        ("{1..1000}", ["{1..1000}"]),  # too many words: left as written
    ],
)
def test_brace_expansion(word: str, words: list[str]) -> None:
    assert brace_expansion(word) == words
