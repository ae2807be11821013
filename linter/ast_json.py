"""The JSON form of the AST printed by `layerlint parse` (a debugging aid).

One object per file: `{"path", "directives", "problems", "instructions"}`; each
instruction has `keyword` (upper case), `line`, `end_line` (heredoc bodies included,
as BuildKit counts), `column`, `end_column`, `flags` ([{"name", "value"}]),
`arguments` (the words as written, or the exec-form strings), `form` (shell, exec or
none) where it applies, `heredocs`, and for ONBUILD the nested `trigger`.
"""

from __future__ import annotations

from typing import Any

from .nodes import (
    Add,
    Arg,
    Cmd,
    Copy,
    Dockerfile,
    Entrypoint,
    Env,
    ExecForm,
    Expose,
    From,
    Healthcheck,
    Heredoc,
    Instruction,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    ShellForm,
    Stopsignal,
    Unknown,
    User,
    Volume,
    Word,
    Workdir,
)


def _words(words: tuple[Word | None, ...] | list[Word | None]) -> list[str]:
    return [word.text for word in words if word is not None]


def _command(command: ShellForm | ExecForm | None) -> tuple[str, list[str]]:
    if command is None:
        return "none", []
    if isinstance(command, ExecForm):
        return "exec", list(command.argv)
    return "shell", [command.text]


def _heredoc(heredoc: Heredoc) -> dict[str, Any]:
    return {
        "name": heredoc.name,
        "line": heredoc.first_line,
        "end_line": heredoc.terminator_line,
        "chomp": heredoc.chomp,
        "expand": heredoc.expand,
        "content": heredoc.content,
    }


def instruction_to_json(node: Instruction) -> dict[str, Any]:
    data: dict[str, Any] = {
        "keyword": node.kind if node.kind != "UNKNOWN" else node.keyword.upper(),
        "line": node.span.line,
        "end_line": node.span.end_line,
        "column": node.span.column,
        "end_column": node.span.end_column,
        "flags": [{"name": flag.name, "value": flag.value} for flag in node.flags],
    }
    arguments: list[str] = []
    if isinstance(node, From):
        arguments = _words([node.image, node.as_keyword, node.stage_name, *node.extra])
        data["stage_name"] = node.stage_name.text if node.stage_name else None
    elif isinstance(node, (Run, Cmd, Entrypoint, Shell)):
        data["form"], arguments = _command(node.command)
    elif isinstance(node, (Copy, Add)):
        arguments = _words([*node.sources, node.destination])
        data["form"] = "exec" if node.json else "words"
    elif isinstance(node, Volume):
        arguments = _words(list(node.paths))
    elif isinstance(node, Expose):
        arguments = _words(list(node.ports))
    elif isinstance(node, (Env, Label)):
        data["pairs"] = [
            {"key": pair.key.text, "value": pair.value.text, "legacy": pair.legacy}
            for pair in node.pairs
        ]
    elif isinstance(node, Arg):
        data["declarations"] = [
            {"name": d.name.text, "default": d.default.text if d.default else None}
            for d in node.declarations
        ]
    elif isinstance(node, (User, Workdir, Maintainer, Stopsignal)):
        word = getattr(
            node,
            {User: "user", Workdir: "path", Maintainer: "maintainer", Stopsignal: "signal"}[
                type(node)
            ],
        )
        arguments = _words([word])
    elif isinstance(node, Healthcheck):
        form, command = _command(node.command)
        arguments = _words([node.type]) + command
        data["form"] = form
    elif isinstance(node, Unknown):
        arguments = _words([node.arguments])
    if isinstance(node, Onbuild):
        data["trigger"] = instruction_to_json(node.trigger) if node.trigger else None
    else:
        data["arguments"] = arguments
    heredocs = getattr(node, "heredocs", ())
    if heredocs:
        data["heredocs"] = [_heredoc(heredoc) for heredoc in heredocs]
    return data


def file_to_json(file: Dockerfile) -> dict[str, Any]:
    return {
        "path": file.source.path,
        "directives": {item.name: item.value for item in file.directives.items},
        "problems": [
            {"line": p.span.line, "column": p.span.column, "message": p.message}
            for p in file.problems
        ],
        "instructions": [instruction_to_json(node) for node in file.instructions],
    }
