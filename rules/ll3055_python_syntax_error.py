"""Python code inside a RUN does not parse.

Checked: `python -c '...'` (and `python3`, `pypy3` ...), a heredoc fed to Python
(`RUN python3 <<EOF`, `RUN <<EOF python3`) and a `RUN <<EOF` script whose shebang
names Python (`#!/usr/bin/env python3`). The code is parsed with LibCST, which is
imported only when a file has such code.

## Why is this bad?

The build runs the code only when it reaches this step, after every earlier step has
run; a missing parenthesis, a stray indent or quotes that the shell ate fail the
build there. The finding points at the error in the Dockerfile, before anything runs.

To avoid false alarms, a finding needs both LibCST and the Python running layerlint
to reject the code (so that syntax newer than either parser is not reported), and
code run by `python2` or an unversioned `python` that fails only the way Python 2
code fails on Python 3 (`print "x"`, `except E, e`) is not reported.

## Example

```dockerfile
FROM python:3.12-slim
RUN python3 -c 'import sys; print(sys.version'
```

## Use instead

```dockerfile
FROM python:3.12-slim
RUN python3 -c 'import sys; print(sys.version)'
```

## Fix

None.

## References

- [Dockerfile reference: here-documents](https://docs.docker.com/reference/dockerfile/#here-documents)
- [LibCST](https://libcst.readthedocs.io/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.lazy_re import lazy_compile
from layerlint.nodes import Run
from layerlint.rule import Context, Rule, source_span

RULE = Rule(
    code="LL3055",
    name="python-syntax-error",
    severity=Severity.ERROR,
    message="Python syntax error in code run by {interpreter}: {problem}",
    visits=("RUN",),
    tags=("correctness",),
    precision="very-high",
)

# How Python 2 code fails on Python 3; not reported for `python2` or plain `python`.
_PYTHON2 = lazy_compile(
    r"Missing parentheses in call to|multiple exception types must be parenthesized"
    r"|leading zeros in decimal integer literals|invalid syntax",
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    script = ctx.model.script(node)
    if script is None:
        return
    for code in script.embedded:
        if code.language != "python" or not code.text.strip():
            continue
        error = syntax_error(code.text)
        if error is None:
            continue
        offset, problem = error
        interpreter = code.interpreter or "python"
        if _may_be_python2(interpreter) and _PYTHON2.search(problem):
            continue
        start = code.to_source(offset)
        yield ctx.report(
            source_span(ctx.file, start, start + 1), interpreter=interpreter, problem=problem
        )


def syntax_error(text: str) -> tuple[int, str] | None:
    """(offset in `text`, message) of a syntax error both parsers agree on."""
    import libcst  # only files with embedded Python pay for it

    try:
        libcst.parse_module(text)
        return None
    except libcst.ParserSyntaxError:
        pass
    except Exception:  # LibCST failing in another way is no evidence of an error
        return None
    try:
        compile(text, "<embedded>", "exec", dont_inherit=True)
        return None
    except SyntaxError as error:
        return _offset(text, error.lineno, error.offset), error.msg
    except (ValueError, OverflowError):  # null bytes, huge literals
        return None


def _offset(text: str, line: int | None, column: int | None) -> int:
    """Offset of a 1-based line and column, clamped to the text."""
    lines = text.splitlines(keepends=True)
    if not line or line > len(lines):
        return max(len(text.rstrip("\n")) - 1, 0)
    start = sum(len(part) for part in lines[: line - 1])
    width = len(lines[line - 1].rstrip("\r\n"))
    return start + min(max((column or 1) - 1, 0), max(width - 1, 0))


def _may_be_python2(interpreter: str) -> bool:
    return interpreter in ("python", "python2", "pypy") or interpreter.startswith("python2")
