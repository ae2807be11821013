from layerlint.nodes import (
    Add,
    Arg,
    Copy,
    Env,
    ExecForm,
    From,
    Healthcheck,
    Label,
    Onbuild,
    Run,
    ShellForm,
    Unknown,
)
from layerlint.parse import parse_text


def only(text: str):
    file = parse_text(text)
    assert not file.problems, file.problems
    (node,) = file.instructions
    return node


def test_from_with_platform_and_stage_name_case_insensitive_keywords():
    node = only("from --platform=$BUILDPLATFORM golang:1.22 As build\n")
    assert isinstance(node, From)
    assert node.keyword == "from"
    assert node.image.text == "golang:1.22"
    assert node.stage_name.text == "build"
    assert node.flag("platform").value == "$BUILDPLATFORM"
    assert (node.image.span.line, node.image.span.column) == (1, 32)


def test_run_flags_shell_form_and_positions_across_continuations():
    node = only(
        "RUN --mount=type=cache,target=/root/.cache \\\n    --network=none \\\n  pip install x\n"
    )
    assert isinstance(node, Run)
    assert [flag.name for flag in node.flags] == ["mount", "network"]
    assert node.flags[1].span.line == 2
    assert isinstance(node.command, ShellForm)
    assert node.command.text == "pip install x"
    assert (node.command.span.line, node.command.span.column) == (3, 3)
    assert (node.span.line, node.span.end_line) == (1, 3)


def test_flag_values_lose_quotes_like_buildkit():
    node = only('RUN --mount=type=secret,id="my id" echo\n')
    assert node.flags[0].value == "type=secret,id=my id"


def test_exec_form_and_trailing_content_after_the_array():
    node = only('CMD ["echo", "a b"] ignored\n')
    assert isinstance(node.command, ExecForm)
    assert node.command.argv == ("echo", "a b")
    assert node.command.arguments[1].span.column == 14


def test_broken_json_is_shell_form():
    node = only('CMD ["echo", \n')
    assert isinstance(node.command, ShellForm)


def test_copy_with_heredoc_sources_and_json_form():
    node = only("COPY --chmod=755 <<EOF /usr/local/bin/run\n#!/bin/sh\nEOF\n")
    assert isinstance(node, Copy)
    assert [word.text for word in node.sources] == ["<<EOF"]
    assert node.destination.text == "/usr/local/bin/run"
    assert node.heredocs[0].content == "#!/bin/sh\n"
    assert node.span.end_line == 3
    add = only('ADD ["a b", "/c/"]\n')
    assert isinstance(add, Add) and add.json and add.sources[0].text == "a b"


def test_env_label_arg_forms():
    env = only('ENV A=1 B="two words" C=\n')
    assert isinstance(env, Env)
    assert [(p.key.text, p.value.text) for p in env.pairs] == [
        ("A", "1"),
        ("B", '"two words"'),
        ("C", ""),
    ]
    legacy = only("ENV PATH /usr/local/bin:$PATH\n")
    assert legacy.pairs[0].legacy and legacy.pairs[0].value.text == "/usr/local/bin:$PATH"
    label = only('LABEL "com.example.vendor"="ACME" version=1\n')
    assert isinstance(label, Label) and label.pairs[0].key.text == '"com.example.vendor"'
    arg = only("ARG A B=2 C=\n")
    assert isinstance(arg, Arg)
    assert [(d.name.text, d.default.text if d.default else None) for d in arg.declarations] == [
        ("A", None),
        ("B", "2"),
        ("C", ""),
    ]


def test_healthcheck_and_onbuild():
    node = only("HEALTHCHECK --interval=5s CMD curl -f http://localhost/\n")
    assert isinstance(node, Healthcheck) and node.type.text == "CMD"
    assert isinstance(node.command, ShellForm)
    wrapped = only("ONBUILD RUN --mount=type=cache,target=/x make\n")
    assert isinstance(wrapped, Onbuild) and isinstance(wrapped.trigger, Run)
    assert wrapped.trigger.flags[0].name == "mount"


def test_errors_are_located_and_parsing_goes_on():
    file = parse_text("FROM a\nENV PATH\nFORM b\nRUN ok\nCMD [1]\n")
    messages = [(p.span.line, p.message) for p in file.problems]
    assert messages == [
        (2, "ENV PATH has no value: write PATH=value"),
        (3, "unknown instruction FORM (did you mean FROM?)"),
        (5, "when using JSON array syntax, arrays must be comprised of strings only"),
    ]
    assert [node.kind for node in file.instructions] == ["FROM", "UNKNOWN", "RUN"]
    assert isinstance(file.instructions[1], Unknown)


def test_empty_file_has_no_instructions_problem():
    assert parse_text("").problems[0].message == "file with no instructions"
    assert parse_text("# only\n\n").problems[0].span.line == 1
