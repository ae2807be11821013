"""A command written as a JSON array is not valid JSON, so it runs through a shell.

RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK CMD take the exec form only when their
arguments are a valid JSON array of strings. Anything else is the shell form: BuildKit
passes the whole text, brackets and quotes included, to `/bin/sh -c`, without a
warning. Reported: arguments that start with `[` and are a list of quoted or
comma-separated items, but use single or typographic quotes, miss a comma, end with
a comma, lack the closing `]`, or contain a backslash that JSON does not allow
(`"C:\\app"` must be written `"C:\\\\app"`). Shell tests such as
`RUN [ -f /etc/app.conf ] && …` are not reported.

## Why is this bad?

The command does not do what it says: `CMD ['node', 'server.js']` starts a shell that
tries to run a program called `[node,`, and the container exits at once with a
confusing error. Even when the shell happens to run it, the process is no longer
PID 1 and does not receive stop signals.

## Example

```dockerfile
FROM node:20-slim
CMD ['node', 'server.js']
```

## Use instead

```dockerfile
FROM node:20-slim
CMD ["node", "server.js"]
```

## Fix

None.

## References

- [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.lazy_re import lazy_compile
from layerlint.nodes import Cmd, Entrypoint, Healthcheck, Run, Shell, ShellForm
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL1013",
    name="malformed-exec-form",
    severity=Severity.WARNING,
    message="{keyword} looks like a JSON array but is not valid JSON ({reason}), so it runs"
    ' in a shell; write it as ["executable", "argument", ...]',
    visits=("RUN", "CMD", "ENTRYPOINT", "SHELL", "HEALTHCHECK"),
    tags=("correctness",),
)

_QUOTES = "\"'\u201c\u201d\u2018\u2019"
_TYPOGRAPHIC = "[\u201c\u201d\u2018\u2019]"
# One item: a string in double, single or typographic quotes.
_QUOTED = (
    rf"""(?:"(?:[^"\\]|\\.)*"|'[^']*'|{_TYPOGRAPHIC}[^\u201c\u201d\u2018\u2019]*{_TYPOGRAPHIC})"""
)
_QUOTED_LIST = lazy_compile(rf"\s*{_QUOTED}(?:\s*,?\s*{_QUOTED})*\s*,?\s*\Z")
_BARE_ITEM = lazy_compile(rf"\s*(?:{_QUOTED}|[^\s,\[\]\"']+)\s*\Z")


def check(node: Run | Cmd | Entrypoint | Shell | Healthcheck, ctx: Context) -> Iterator[Finding]:
    command = node.command
    if not isinstance(command, ShellForm) or (isinstance(node, Run) and node.heredocs):
        return
    text = command.text.strip()
    if not text.startswith("["):
        return
    reason = _reason(text)
    if reason is not None:
        yield ctx.report(command.span, keyword=node.kind, reason=reason)


def _reason(text: str) -> str | None:
    """Why an intended JSON array is not one; None when it does not look intended."""
    closed = text.endswith("]")
    inner = text[1:-1] if closed else text[1:]
    quoted = _QUOTED_LIST.match(inner) is not None
    items = inner.split(",")
    comma_list = len(items) > 1 and all(_BARE_ITEM.match(item) for item in items if item.strip())
    if not (quoted or comma_list):
        return None
    if not closed:
        return "no closing ]"
    if any(char in inner for char in _QUOTES[2:]):
        return "typographic quotes"
    if "'" in inner and '"' not in inner:
        return "single quotes"
    if not quoted:
        return "items without double quotes"
    try:
        json.loads(text)
    except ValueError as error:
        return _json_problem(str(error), text)
    return None


def _json_problem(error: str, text: str) -> str:
    if "escape" in error:
        return "a backslash must be written \\\\"
    if re.search(r",\s*\]\Z", text):
        return "a comma before ]"
    if "delimiter" in error:
        return "a missing comma"
    return error.split(":")[0].lower()
