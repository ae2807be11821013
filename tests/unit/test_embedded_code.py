"""Embedded code in RUN (linter/model/shell.py): the text each interpreter reads and
the map from its offsets back to the Dockerfile, for every form."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from layerlint.model import Model
from layerlint.parse import parse_text

FORMS = {
    "single quotes": (
        "RUN python3 -c 'import sys; print(sys.argv)'\n",
        "import sys; print(sys.argv)",
    ),
    "double quotes with escapes": (
        'RUN python3 -c "import os; print(\\"a\\", os.sep)"\n',
        'import os; print("a", os.sep)',
    ),
    "continuation inside the quotes": (
        'RUN python3 -c "import os; \\\n    print(os.sep)"\n',
        "import os;     print(os.sep)",
    ),
    "unquoted with backslashes": ("RUN python3 -c print\\(4\\)\n", "print(4)"),
    "stdin heredoc": (
        "RUN python3 <<EOF\nimport os\nprint(os.sep)\nEOF\n",
        "import os\nprint(os.sep)\n",
    ),
    "heredoc before the command": ('RUN <<EOF python3\nprint("x")\nEOF\n', 'print("x")\n'),
    "shebang heredoc": (
        "RUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\n",
        "#!/usr/bin/env python3\nimport os\n",
    ),
    "tab-stripped heredoc": (
        "RUN <<-EOF\n#!/usr/bin/python3\n\timport os\n\tEOF\n",
        "#!/usr/bin/python3\nimport os\n",
    ),
    "tab-stripped stdin heredoc": (
        "RUN python3 <<-EOF\n\tif True:\n\t  pass\n\tEOF\n",
        "if True:\n  pass\n",
    ),
    "nested in sh -c": ("RUN bash -c \"python3 -c 'print(3)'\"\n", "print(3)"),
}


def _embedded(text: str):  # type: ignore[no-untyped-def]
    file = parse_text("FROM python:3.12\n" + text)
    model = Model(file)
    script = model.script(file.instructions[1])
    assert script is not None
    return file, script.embedded


@pytest.mark.parametrize("form", FORMS)
def test_each_character_maps_to_itself_in_the_dockerfile(form: str) -> None:
    dockerfile, expected = FORMS[form]
    file, embedded = _embedded(dockerfile)
    assert [code.text for code in embedded] == [expected]
    code = embedded[0]
    source = file.source.text
    for index, char in enumerate(code.text):
        if char != "\n":
            assert source[code.to_source(index)] == char, (form, index)


def test_interpreter_is_recorded() -> None:
    _, embedded = _embedded("RUN python -c 'print(1)' && python3 - <<'PY'\nprint(2)\nPY\n")
    assert [code.interpreter for code in embedded] == ["python", "python3"]


def test_code_the_model_cannot_know_is_not_collected() -> None:
    _, embedded = _embedded('RUN python3 -c "$CODE" && python3 <<EOF\nx = $VALUE\nEOF\n')
    assert embedded == []


def test_heredoc_before_the_command_is_not_read_as_commands() -> None:
    file = parse_text("FROM debian:12\nRUN <<EOF bash\necho hi\nEOF\n")
    names = [command.name for command in Model(file).commands(file.instructions[1])]
    assert names == ["bash", "echo"]


def test_libcst_is_imported_only_for_files_with_python() -> None:
    program = textwrap.dedent(
        """
        import sys
        from layerlint.engine import lint_source
        from layerlint.settings import Settings
        from layerlint.source import Source
        settings = Settings(select=("LL3055",))
        lint_source(Source("FROM alpine:3.20\\nRUN echo hi\\n", "Dockerfile"), settings)
        print("libcst" in sys.modules)
        text = "FROM alpine:3.20\\nRUN python3 -c 'print(1'\\n"
        lint_source(Source(text, "Dockerfile"), settings)
        print("libcst" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


def test_nested_script_positions_survive_an_expansion_before_them() -> None:
    text = (
        'FROM debian:12\nENV LIST="a b c"\nRUN bash -c "\\\n'
        '   echo \\"${LIST}\\" | tr x y \\\n'
        '   && if true; then sudo ls \\$PKG; fi"\n'
    )
    file = parse_text(text)
    commands = Model(file).commands(file.instructions[2])
    ls = next(command for command in commands if command.name == "ls")
    span = ls.words[0].span
    assert (span.line, span.column) == (5, 21)
