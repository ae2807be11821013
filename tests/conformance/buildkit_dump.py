"""Print layerlint's AST in the format of BuildKit's `Node.Dump()` (parser tests)."""

from __future__ import annotations

from layerlint.nodes import (
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    ExecForm,
    Expose,
    From,
    Healthcheck,
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
    Workdir,
)

_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    '"': '\\"',
    "\\": "\\\\",
}


def go_quote(text: str) -> str:
    """Go's strconv.Quote for valid UTF-8 text."""
    out = ['"']
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char == " " or char.isprintable():
            out.append(char)
        elif ord(char) < 0x80:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) < 0x10000:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def _command_args(command: ShellForm | ExecForm | None) -> list[str]:
    if command is None:
        return []
    if isinstance(command, ExecForm):
        return list(command.argv)
    return [command.text]


def arguments(node: Instruction) -> list[str]:
    """The argument strings BuildKit's line parser produces for this instruction."""
    if isinstance(node, From):
        words = [node.image] if node.image else []
        if node.as_keyword:
            words.append(node.as_keyword)
        if node.stage_name:
            words.append(node.stage_name)
        words.extend(node.extra)
        return [w.text for w in words]
    if isinstance(node, (Run, Cmd, Entrypoint, Shell)):
        return _command_args(node.command)
    if isinstance(node, (Copy, Add)):
        words = [*node.sources, node.destination] if node.destination else []
        return [w.text for w in words]
    if isinstance(node, Volume):
        return [w.text for w in node.paths]
    if isinstance(node, Expose):
        return [w.text for w in node.ports]
    if isinstance(node, (Env, Label)):
        out: list[str] = []
        for pair in node.pairs:
            out += [pair.key.text, pair.value.text, "" if pair.legacy else "="]
        return out
    if isinstance(node, Arg):
        return [
            d.name.text + ("" if d.default is None else "=" + d.default.text)
            for d in node.declarations
        ]
    if isinstance(node, User):
        return [node.user.text] if node.user else []
    if isinstance(node, Workdir):
        return [node.path.text] if node.path else []
    if isinstance(node, Maintainer):
        return [node.maintainer.text] if node.maintainer else []
    if isinstance(node, Stopsignal):
        return [node.signal.text] if node.signal else []
    if isinstance(node, Healthcheck):
        if node.type is None:
            return []
        return [node.type.text, *_command_args(node.command)]
    if isinstance(node, Unknown):
        return [""]
    return []


def dump(node: Instruction) -> str:
    """One instruction as `Node.Dump()` prints it (without the parentheses)."""
    text = node.keyword.lower()
    if node.flags:
        text += " [" + " ".join(go_quote(flag.text) for flag in node.flags) + "]"
    if isinstance(node, Onbuild):
        if node.trigger is not None:
            text += " (" + dump(node.trigger) + ")"
        return text.strip()
    for argument in arguments(node):
        text += " " + go_quote(argument)
    return text.strip()


def dump_file(instructions: tuple[Instruction, ...]) -> str:
    """The whole `result` file content."""
    return "\n".join("(" + dump(node) + ")" for node in instructions) + "\n"
