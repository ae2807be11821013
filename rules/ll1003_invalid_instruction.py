"""BuildKit parses this instruction but refuses to build it.

Checked: the number of arguments (`FROM` takes an image and optionally `AS name`;
`COPY` and `ADD` need a source and a destination; `USER`, `WORKDIR`, `MAINTAINER`,
`STOPSIGNAL`, `EXPOSE`, `VOLUME`, `ENV`, `LABEL` and `ARG` need arguments), stage name
syntax, `SHELL` in JSON form, `HEALTHCHECK` types (`NONE` without arguments, `CMD`
with a command) and durations, the arguments of ONBUILD triggers, a heredoc used as
a destination, flags an instruction does not accept or that need a value, a
variable in `COPY --from` or `RUN --mount=from=` (BuildKit expands none there), a
substitution BuildKit refuses in a word it expands (`${NAME:offset}`, `${NAME=word}`,
a template's `${option:name}`: "unsupported modifier"), and a quote never closed in
such a word (`ENV A="x`: "unexpected end of statement while looking for matching
double-quote"), and a base image that is not a valid reference (`FROM Alpine`:
repository names are lower case; one with variables is LL2012's). The
instructions ONBUILD may not wrap (ONBUILD, FROM, MAINTAINER) are reported by LL2017.

## Why is this bad?

The build stops with an error at this instruction. BuildKit only reports it when the
build reaches this point, after every earlier step has run; layerlint reports it
before anything runs.

## Example

```dockerfile
FROM alpine:3.20 builder
COPY --chmod app.sh
HEALTHCHECK CMD
```

## Use instead

```dockerfile
FROM alpine:3.20 AS builder
COPY --chmod=755 app.sh /usr/local/bin/
HEALTHCHECK CMD ["/usr/local/bin/app.sh", "--check"]
```

## Fix

None.

## References

- [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from layerlint.findings import Finding, Severity, Span
from layerlint.lazy_re import lazy_compile
from layerlint.model.images import is_valid_reference
from layerlint.model.mounts import mount_options
from layerlint.model.references import span_in_word
from layerlint.model.stage_refs import has_variable
from layerlint.model.variables import substitution_errors, unquote, unterminated_quote
from layerlint.nodes import (
    Add,
    Arg,
    Copy,
    Env,
    ExecForm,
    Expose,
    Flag,
    From,
    Healthcheck,
    Instruction,
    Label,
    Maintainer,
    Onbuild,
    Shell,
    Stopsignal,
    User,
    Volume,
    Word,
    Workdir,
)
from layerlint.rule import Context, Rule
from layerlint.words import parse_heredoc_marker

from ._expanded import expanded_words

RULE = Rule(
    code="LL1003",
    name="invalid-instruction",
    severity=Severity.ERROR,
    message="{problem}",
    visits=(
        "FROM",
        "RUN",
        "CMD",
        "ENTRYPOINT",
        "SHELL",
        "COPY",
        "ADD",
        "ENV",
        "LABEL",
        "ARG",
        "EXPOSE",
        "VOLUME",
        "USER",
        "WORKDIR",
        "MAINTAINER",
        "STOPSIGNAL",
        "HEALTHCHECK",
        "ONBUILD",
    ),
    tags=("correctness",),
    precision="very-high",
    visits_onbuild=False,
)

# Flags each instruction accepts: name -> takes a value ("value"), a boolean ("bool"),
# or may repeat ("multi").
_FLAGS: dict[str, dict[str, str]] = {
    "FROM": {"platform": "value"},
    "RUN": {"mount": "multi", "network": "value", "security": "value", "device": "multi"},
    "COPY": {
        "from": "value",
        "chown": "value",
        "chmod": "value",
        "link": "bool",
        "parents": "bool",
        "exclude": "multi",
    },
    "ADD": {
        "chown": "value",
        "chmod": "value",
        "link": "bool",
        "checksum": "value",
        "keep-git-dir": "bool",
        "exclude": "multi",
        "unpack": "bool",
    },
    "HEALTHCHECK": {
        "interval": "value",
        "timeout": "value",
        "start-period": "value",
        "start-interval": "value",
        "retries": "value",
    },
}
_STAGE_NAME = lazy_compile(r"[a-z][a-z0-9\-_.]*\Z")
_DURATION = lazy_compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h)")
_DURATIONS = lazy_compile(rf"(?:{_DURATION.pattern})+\Z")
_ONE_ARGUMENT = (User, Workdir, Maintainer, Stopsignal)


def check(node: Instruction, ctx: Context) -> Iterator[Finding]:
    for span, problem in problems(node):
        yield ctx.report(span, problem=problem)
    if isinstance(node, From) and node.image is not None:
        image = unquote(node.image.text, ctx.file.escape)
        # A name with variables is LL2012's; an earlier stage may be named in any case.
        if not (has_variable(image) or is_valid_reference(image) or ctx.model.stage_named(image)):
            problem = f"invalid reference format: {image}"
            if is_valid_reference(image.lower()):
                problem += " (repository names must be lowercase)"
            yield ctx.report(node.image.span, problem=problem)
    # A substitution BuildKit refuses in a word it expands (`${option:name}`).
    for text, where, _ in expanded_words(node, ctx):
        for start, end, message in substitution_errors(text, ctx.file.escape):
            span = span_in_word(where, start, end) if isinstance(where, Word) else where.span
            yield ctx.report(span, problem=f"{message}: {text[start:end]}")
    for word in _lexed_words(node):
        quote = unterminated_quote(word.text, ctx.file.escape)
        if quote is None:
            continue
        problem = f"a {quote} quote is never closed: {word.text}"
        if isinstance(node, (Copy, Add)) and _quoted_across_blanks(node, word, quote):
            # BuildKit splits COPY's arguments at blanks before it reads quotes.
            problem += f" ({node.kind} splits its arguments at blanks: a path with spaces needs"
            problem += " the JSON form)"
        yield ctx.report(word.span, problem=problem)
        break  # the build stops at the first


def _quoted_across_blanks(node: Copy | Add, word: Word, quote: str) -> bool:
    """Whether a later word of the COPY holds the same quote: a quoted path with blanks
    (`COPY "my file" /d/`), which the JSON form keeps whole."""
    mark = '"' if quote == "double" else "'"
    words = [*node.sources, *((node.destination,) if node.destination is not None else ())]
    position = next((index for index, other in enumerate(words) if other is word), len(words))
    return any(mark in other.text for other in words[position + 1 :])


def _lexed_words(node: Instruction) -> Iterator[Word]:
    """The words BuildKit's lexer reads for quotes and variables (not the JSON forms,
    heredoc bodies, RUN's command or the options of `--mount`)."""
    if isinstance(node, (Env, Label)):
        for pair in node.pairs:
            yield from (pair.key, pair.value)
    elif isinstance(node, Arg):
        yield from (item.default for item in node.declarations if item.default is not None)
    elif isinstance(node, (Copy, Add)) and not node.json:
        destination = (node.destination,) if node.destination is not None else ()
        yield from (word for word in (*node.sources, *destination) if word.text[:2] != "<<")
    elif isinstance(node, Workdir) and node.path is not None:
        yield node.path
    elif isinstance(node, User) and node.user is not None:
        yield node.user
    elif isinstance(node, Stopsignal) and node.signal is not None:
        yield node.signal
    elif isinstance(node, From) and node.image is not None:
        yield node.image


def problems(node: Instruction) -> Iterator[tuple[Span, str]]:
    """Every build-time error of one instruction (ONBUILD triggers included)."""
    yield from _flag_problems(node)
    yield from _from_variable_problems(node)
    kind = node.kind
    if isinstance(node, From):
        if node.image is None:
            yield node.keyword_span, "FROM requires a base image"
        elif node.extra or (node.as_keyword is not None and node.stage_name is None):
            yield node.span, "FROM takes an image and optionally AS and a stage name"
        elif node.stage_name is not None and not _STAGE_NAME.match(node.stage_name.text.lower()):
            yield (
                node.stage_name.span,
                (
                    f"invalid stage name {node.stage_name.text!r}: it must start with a letter"
                    " and contain only letters, digits, '-', '_' and '.'"
                ),
            )
    elif isinstance(node, (Copy, Add)):
        if node.destination is None or not node.sources:
            yield node.keyword_span, f"{kind} requires at least one source and a destination"
        elif parse_heredoc_marker(node.destination.text) is not None:
            yield node.destination.span, f"{kind} cannot use a heredoc as the destination"
    elif isinstance(node, _ONE_ARGUMENT):
        argument = _single_argument(node)
        if argument is None:
            yield node.keyword_span, f"{kind} requires exactly one argument"
    elif isinstance(node, (Env, Label)):
        if not node.pairs:
            yield node.keyword_span, f"{kind} requires at least one key=value pair"
        for pair in node.pairs:
            if pair.key.text in ("", '""', "''"):
                yield pair.span, f"{kind} names can not be blank"
    elif isinstance(node, Arg):
        if not node.declarations:
            yield node.keyword_span, "ARG requires at least one name"
    elif isinstance(node, Expose):
        if not node.ports:
            yield node.keyword_span, "EXPOSE requires at least one port"
    elif isinstance(node, Volume):
        if not node.paths:
            yield node.keyword_span, "VOLUME requires at least one path"
        for path in node.paths:
            if not path.text.strip():
                yield path.span, "VOLUME paths can not be empty"
    elif isinstance(node, Shell):
        if not isinstance(node.command, ExecForm):
            yield node.keyword_span, 'SHELL requires a JSON array, e.g. SHELL ["/bin/sh", "-c"]'
        elif not node.command.arguments:
            yield node.command.span, "SHELL requires at least one argument"
    elif isinstance(node, Healthcheck):
        yield from _healthcheck_problems(node)
    elif isinstance(node, Onbuild):
        trigger = node.trigger
        if trigger is None:
            yield node.keyword_span, "ONBUILD requires an instruction"
        else:
            # Forbidden trigger kinds (ONBUILD, FROM, MAINTAINER) are LL2017's.
            yield from problems(trigger)


def _from_variable_problems(node: Instruction) -> Iterator[tuple[Span, str]]:
    """`COPY --from=$SRC` and `RUN --mount=from=$IMAGE`: BuildKit expands no variable
    in `from` and stops the build."""
    remedy = "name the image in a stage of its own (ARG before the first FROM, then FROM"
    if node.kind == "COPY":
        flag = node.flag("from")
        if flag is not None and has_variable(flag.value or ""):
            yield flag.span, f"--from does not expand variables: {remedy} ${{...}} AS NAME)"
    elif node.kind == "RUN":
        for flag in node.flags_named("mount"):
            source = mount_options(flag.value or "").get("from")
            if source is not None and has_variable(source):
                yield (
                    flag.span,
                    f"--mount from= does not expand variables: {remedy} ${{...}} AS NAME)",
                )


def _single_argument(node: Instruction) -> object:
    if isinstance(node, User):
        return node.user
    if isinstance(node, Workdir):
        return node.path
    if isinstance(node, Maintainer):
        return node.maintainer
    if isinstance(node, Stopsignal):
        return node.signal
    return None


def _healthcheck_problems(node: Healthcheck) -> Iterator[tuple[Span, str]]:
    if node.type is None:
        yield node.keyword_span, "HEALTHCHECK requires NONE or CMD followed by a command"
        return
    kind = node.type.text.upper()
    if kind == "NONE":
        if node.command is not None:
            yield node.command.span, "HEALTHCHECK NONE takes no arguments"
        return
    if kind != "CMD":
        yield node.type.span, f"unknown HEALTHCHECK type {node.type.text!r} (use CMD or NONE)"
        return
    if node.command is None or (isinstance(node.command, ExecForm) and not node.command.arguments):
        yield node.type.span, "missing command after HEALTHCHECK CMD"
    for flag in node.flags:
        if flag.value is None:
            continue
        if flag.name == "retries":
            if not re.fullmatch(r"[+-]?\d+", flag.value):
                yield flag.span, f"--retries takes a whole number, not {flag.value!r}"
            elif int(flag.value) < 0:
                yield flag.span, f"--retries can not be negative ({flag.value})"
        elif flag.name in _FLAGS["HEALTHCHECK"] and not _is_duration(flag.value):
            yield (
                flag.span,
                (f"--{flag.name} takes a duration such as 30s or 1m30s, not {flag.value!r}"),
            )


def _is_duration(text: str) -> bool:
    return text in ("0", "") or _DURATIONS.match(text) is not None


def _flag_problems(node: Instruction) -> Iterator[tuple[Span, str]]:
    allowed = _FLAGS.get(node.kind, {})
    if isinstance(node, Healthcheck) and node.type is not None and node.type.text.upper() == "NONE":
        allowed = {}
    seen: set[str] = set()
    for flag in node.flags:
        kind = allowed.get(flag.name)
        if kind is None:
            yield flag.span, _unknown_flag(node, flag)
            continue
        if kind == "value" and flag.value is None:
            yield flag.span, f"flag --{flag.name} of {node.kind} needs a value (--{flag.name}=...)"
        elif (
            kind == "bool"
            and flag.value is not None
            and flag.value.lower() not in ("true", "false")
        ):
            yield flag.span, f"flag --{flag.name} takes true or false, not {flag.value!r}"
        if kind != "multi" and flag.name in seen:
            yield flag.span, f"flag --{flag.name} is given more than once"
        seen.add(flag.name)


def _unknown_flag(node: Instruction, flag: Flag) -> str:
    allowed = sorted(_FLAGS.get(node.kind, {}))
    if not allowed:
        return f"{node.kind} takes no flags; unknown flag --{flag.name}"
    import difflib

    close = difflib.get_close_matches(flag.name, allowed, n=1)
    hint = f" (did you mean --{close[0]}?)" if close else ""
    return f"unknown flag --{flag.name} for {node.kind}{hint}"
