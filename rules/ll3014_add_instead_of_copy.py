"""ADD copies local files or directories, which is what COPY is for.

## Why is this bad?

ADD does more than copy: it downloads URLs, clones git repositories and unpacks local
tar archives. Used for plain files, it makes a reader wonder which of those was meant,
and a file that later becomes a tarball is silently unpacked. COPY says exactly what
happens. Sources that ADD treats specially (a URL, a git repository, a file that is or
may be a tar archive such as `.tar.gz` or `.xz`) are not reported, nor is an ADD with
a source whose value is unknown; a plain file beside an archive in one ADD is.

## Example

```dockerfile
FROM python:3.12-slim
ADD requirements.txt /srv/app/
```

## Use instead

```dockerfile
FROM python:3.12-slim
COPY requirements.txt /srv/app/
```

## Fix

None.

## References

- [Dockerfile reference: ADD](https://docs.docker.com/reference/dockerfile/#add)
- [Dockerfile best practices: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.lazy_re import lazy_compile
from layerlint.model.paths import may_be_tar_archive_name
from layerlint.nodes import Add
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL3014",
    name="add-instead-of-copy",
    severity=Severity.ERROR,
    message="{what}; use {remedy}",
    visits=("ADD",),
    tags=("best-practice",),
    aliases=("DL3020",),
)

_REMOTE = lazy_compile(r"([a-zA-Z][a-zA-Z0-9+.-]*://|git@)")


def check(node: Add, ctx: Context) -> Iterator[Finding]:
    if not node.sources or node.destination is None:
        return
    if node.flag("checksum") or node.flag("keep-git-dir") or node.flag("unpack"):
        return  # options only ADD has
    heredocs = {heredoc.name for heredoc in node.heredocs}
    plain: list[str] = []
    special = False
    for word in node.sources:
        if word.text.lstrip("0123456789").startswith("<<") and heredocs:
            plain.append(word.text)  # COPY takes heredocs too
            continue
        value = ctx.model.expand(word, node)
        if value is None:
            return
        if _REMOTE.match(value) or may_be_tar_archive_name(value.rstrip("/")):
            special = True
        else:
            plain.append(value)
    if not plain:
        return
    if special:
        # Beside an archive or a URL, which need ADD, the plain files want a COPY.
        names = ", ".join(plain)
        what = f"ADD only copies {names} (beside what only ADD can do)"
        yield ctx.report(node.keyword_span, what=what, remedy=f"a COPY of its own for {names}")
    else:
        yield ctx.report(node.keyword_span, what="ADD only copies local files here", remedy="COPY")
