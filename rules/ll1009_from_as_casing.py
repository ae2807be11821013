"""The `AS` of a FROM is not written in the same casing as the `FROM` keyword.

Only checked when `FROM` itself is all upper or all lower case; a mixed-case `From`
is reported by LL1008 instead.

## Why is this bad?

`FROM node:20 as build` builds fine, but keyword casing that changes within one
instruction reads as a slip and breaks searches such as `grep ' AS '` that tools and
people use to list the stages of a Dockerfile.

## Example

```dockerfile
FROM golang:1.22 as build
RUN go build -o /out/app ./cmd/app
```

## Use instead

```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app
```

## Fix

Safe: rewrite `AS` in the casing of `FROM`.

## References

- [BuildKit check FromAsCasing](https://docs.docker.com/reference/build-checks/from-as-casing/)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Edit, Finding, Fix, Severity
from layerlint.nodes import From
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL1009",
    name="from-as-casing",
    severity=Severity.WARNING,
    message="'{as_keyword}' and '{from_keyword}' keywords' casing do not match",
    visits=("FROM",),
    tags=("style",),
    aliases=("FromAsCasing",),
    precision="very-high",
    fix="safe",
)


def check(node: From, ctx: Context) -> Iterator[Finding]:
    as_keyword = node.as_keyword
    if as_keyword is None:
        return
    keyword = node.keyword
    if keyword == keyword.lower():
        wanted = as_keyword.text.lower()
    elif keyword == keyword.upper():
        wanted = as_keyword.text.upper()
    else:
        return
    if as_keyword.text == wanted:
        return
    span = as_keyword.span
    yield ctx.report(
        span,
        fix=Fix(f"write {wanted}", (Edit(span.start, span.end, wanted),), safe=True),
        as_keyword=as_keyword.text,
        from_keyword=keyword,
    )
