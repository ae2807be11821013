"""The words of an instruction that the builder itself expands (not the shell): what
LL3053 checks for undefined variables and LL1003 for substitutions BuildKit refuses.
ENV and LABEL keys and values, ARG defaults, COPY and ADD paths, `--chown`/`--chmod`
and the bodies of their heredocs with an unquoted marker, WORKDIR, USER, VOLUME,
STOPSIGNAL, the options of `RUN --mount`, and FROM's image and `--platform`."""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.nodes import Add, Arg, Copy, Env, Flag, From, Instruction, Label, Run, Volume, Word
from layerlint.rule import Context, source_span

Found = Iterator[tuple[str, "Word | Flag", set[str]]]


def expanded_words(node: Instruction, ctx: Context) -> Found:
    """(text, where it is, names the instruction itself defines before it) of each
    word of `node` the builder expands (none for an instruction it does not)."""
    words = _WORDS.get(node.kind)
    return words(node, ctx) if words is not None else iter(())


def _pair_words(node: Env | Label, ctx: Context) -> Found:
    # All values of one ENV are expanded before any of its pairs is set (see check).
    for pair in node.pairs:
        yield pair.key.text, pair.key, set()
        yield pair.value.text, pair.value, set()


def _arg_words(node: Arg, ctx: Context) -> Found:
    earlier: set[str] = set()
    for declaration in node.declarations:
        if declaration.default is not None:
            yield declaration.default.text, declaration.default, set(earlier)
        earlier.add(ctx.model.unquote(declaration.name))


def _copy_words(node: Copy | Add, ctx: Context) -> Found:
    for name in ("chown", "chmod"):
        flag = node.flag(name)
        if flag is not None and flag.value:
            yield flag.value, flag, set()
    destination = (node.destination,) if node.destination is not None else ()
    for word in (*node.sources, *destination):
        if not word.text.startswith("<<"):
            yield word.text, word, set()
    # The builder expands the body of a heredoc whose marker is unquoted (`<<EOF`).
    for heredoc in node.heredocs:
        if not heredoc.expand:
            continue
        offset = heredoc.body.start
        for text in heredoc.content.splitlines(keepends=True):
            body = text.rstrip("\r\n")
            yield body, Word(body, source_span(ctx.file, offset, offset + len(body))), set()
            offset += len(text)


def _mount_words(node: Run, ctx: Context) -> Found:
    # The builder expands `--mount` options but `from` (a variable there is LL1003's);
    # the command itself is the shell's.
    for flag in node.flags_named("mount"):
        if flag.value:
            prefix = flag.text[: len(flag.text) - len(flag.value)]  # `--mount=`
            parts = [
                " " * len(part) if part.strip().lower().startswith("from=") else part
                for part in flag.value.split(",")
            ]
            text = prefix + ",".join(parts)  # same length: positions still point into the flag
            yield text, Word(flag.text, flag.span), set()


def _volume_words(node: Volume, ctx: Context) -> Found:
    for word in node.paths:
        yield word.text, word, set()


def _single_word(field: str):  # type: ignore[no-untyped-def]
    def words(node: Instruction, ctx: Context) -> Found:
        word = getattr(node, field)
        if word is not None:
            yield word.text, word, set()

    return words


def _from_words(node: From, ctx: Context) -> Found:
    # With the global ARGs (LL2011 and LL2012 judge what they give).
    flag = node.flag("platform")
    if flag is not None and flag.value:
        yield flag.value, flag, set()
    if node.image is not None:
        yield node.image.text, node.image, set()


_WORDS = {
    "FROM": _from_words,
    "ENV": _pair_words,
    "LABEL": _pair_words,
    "ARG": _arg_words,
    "COPY": _copy_words,
    "ADD": _copy_words,
    "VOLUME": _volume_words,
    "WORKDIR": _single_word("path"),
    "USER": _single_word("user"),
    "STOPSIGNAL": _single_word("signal"),
    "RUN": _mount_words,
}
