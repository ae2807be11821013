"""Hypothesis strategies that produce Dockerfiles: valid, nearly valid, and hostile.

- `dockerfiles()`: files assembled from instructions of every kind, with flags,
  quotes, JSON arrays (good, broken, unterminated), heredocs (closed or not, `<<-`,
  quoted delimiters, several per line), continuations (backslash or backtick, trailing
  spaces, comments and empty lines inside), directives, and hostile pieces: random
  Unicode, NUL bytes, control characters, BOMs, mixed line endings, stray escape
  characters, very long lines and thousands of continuation lines;
- `mutated_corpus_files()`: real Dockerfiles from ../shared/corpus with random
  damage (cut, repeat, splice, insert bytes, flip escape characters, truncate).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from ..conformance.shared import corpus_files

KEYWORDS = [
    "FROM",
    "RUN",
    "CMD",
    "LABEL",
    "MAINTAINER",
    "EXPOSE",
    "ENV",
    "ADD",
    "COPY",
    "ENTRYPOINT",
    "VOLUME",
    "USER",
    "WORKDIR",
    "ARG",
    "ONBUILD",
    "STOPSIGNAL",
    "HEALTHCHECK",
    "SHELL",
    "FORM",
    "RNU",
    "from",
    "Run",
]
FLAGS = [
    "--platform=$BUILDPLATFORM",
    "--mount=type=cache,target=/root/.cache",
    "--mount=type=secret,id=npm,target=/root/.npmrc",
    "--mount=type=bind,from=build,source=/a,target=/b",
    "--network=none",
    "--security=insecure",
    "--from=build",
    "--from=0",
    "--chown=1000:1000",
    "--chmod=755",
    "--link",
    "--parents",
    "--exclude=*.md",
    "--checksum=sha256:abc",
    "--keep-git-dir=true",
    "--interval=5s",
    "--timeout=3s",
    "--retries=3",
    "--start-period=1s",
    "--",
    "--weird",
    '--mount="type=cache,target=/x y"',
]
WORDS = [
    "alpine:3.20",
    "debian:12-slim@sha256:" + "a" * 64,
    "${BASE:-ubuntu}:${TAG}",
    "scratch",
    "AS",
    "build",
    "/app",
    ".",
    "./",
    "src/",
    "*.txt",
    "<<EOF",
    "<<-'EOT'",
    '"quoted word"',
    "'single'",
    "a=b",
    'KEY="value with spaces"',
    "$HOME",
    "${A:+x}",
    "${B#*/}",
    "8080/tcp",
    "80-90/udp",
    "[",
    "]",
    '["/bin/sh", "-c"]',
    '["broken", ',
    "['single']",
    '[["nested"]]',
    "apt-get update && apt-get install -y curl",
    "rm -rf /var/lib/apt/lists/*",
    "curl -fsSL https://x/y.tgz | sh",
    "sh -c 'cd /tmp && make'",
    "pip install -r req.txt",
    "chmod -R 755 /app",
    "NONE",
    "CMD",
    "\\",
    "`",
    "#",
    "&&",
    "||",
    "|",
    ";",
    "$(cat x)",
    "`date`",
    "((((",
    "))))",
    "{",
    "}",
    '"',
    "'",
]
HOSTILE = [
    "\x00",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\r",
    "\r\n",
    "\ufeff",
    "\u202e",
    "\x85",
    "\u2028",
    "\ud7ff",
    "\U0001f600",
    "é",
    "\t",
    "\v",
    "\f",
    " \\ ",
    "`",
    "\\\n",
    "\\  \n",
]


def _piece() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(FLAGS),
        st.sampled_from(HOSTILE),
        st.text(min_size=0, max_size=12),
    )


@st.composite
def instruction(draw: st.DrawFn) -> str:
    keyword = draw(st.sampled_from(KEYWORDS))
    parts = [keyword]
    parts += draw(st.lists(st.sampled_from(FLAGS), max_size=2))
    parts += draw(st.lists(_piece(), max_size=6))
    line = " ".join(parts)
    if draw(st.booleans()) and "<<" in line:
        body = draw(st.lists(st.sampled_from(WORDS + HOSTILE), max_size=4))
        closer = draw(st.sampled_from(["EOF", "\tEOT", "EOT", "", "END"]))
        line += "\n" + "\n".join(body) + ("\n" + closer if closer else "")
    if draw(st.integers(0, 4)) == 0:
        escape = draw(st.sampled_from(["\\", "`"]))
        continuation = draw(st.sampled_from(["\n", "  \n", "\n  # comment\n", "\n\n", "\r\n"]))
        line += " " + escape + continuation + " ".join(draw(st.lists(_piece(), max_size=3)))
    return line


@st.composite
def dockerfiles(draw: st.DrawFn) -> str:
    header = draw(
        st.lists(
            st.sampled_from(
                [
                    "# syntax=docker/dockerfile:1",
                    "# escape=`",
                    "# escape=\\",
                    "#escape = x",
                    "# check=skip=all;error=true",
                    "# check=experimental=all",
                    "\ufeff# syntax=x",
                    "# escape=`",
                    "",
                    "# hadolint ignore=DL3008",
                    "# layerlint: ignore=LL5001",
                ]
            ),
            max_size=3,
        )
    )
    body = draw(st.lists(instruction(), max_size=12))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(header + body)
    if draw(st.integers(0, 9)) == 0:
        # Pathologically long lines and deep continuations.
        kind = draw(st.sampled_from(["long", "continuations", "nested"]))
        size = draw(st.integers(1_000, 200_000))
        if kind == "long":
            text += "\nRUN echo " + "x" * size
        elif kind == "continuations":
            text += "\nRUN echo \\\n" + " a \\\n" * (size // 50) + " end"
        else:
            depth = size // 200
            text += "\nRUN " + "sh -c '" * min(depth, 50) + "$(" * depth + "x" + ")" * depth
    if draw(st.booleans()):
        text += newline
    return text


def _corpus() -> list[Path]:
    return corpus_files()


@st.composite
def mutated_corpus_files(draw: st.DrawFn) -> bytes:
    files = _corpus()
    data = files[draw(st.integers(0, len(files) - 1))].read_bytes() if files else b"FROM a\n"
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 400)))
        action = draw(st.sampled_from(["cut", "repeat", "insert", "flip", "truncate", "splice"]))
        if action == "cut":
            data = data[:start] + data[end:]
        elif action == "repeat":
            data = data[:end] + data[start:end] * draw(st.integers(1, 50)) + data[end:]
        elif action == "insert":
            data = data[:start] + draw(st.binary(max_size=16)) + data[start:]
        elif action == "flip":
            swapped = data[start:end].replace(b"\\", b"`").replace(b'"', b"'").replace(b"]", b"")
            data = data[:start] + swapped + data[end:]
        elif action == "truncate":
            data = data[:start]
        else:
            other = files[draw(st.integers(0, len(files) - 1))].read_bytes() if files else b""
            data = data[:start] + other[: end - start] + data[end:]
    return data
