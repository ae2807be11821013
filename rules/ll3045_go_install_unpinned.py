"""`go install`, `go get` or `go run` fetches a module without pinning its version.

## Why is this bad?

A package path without `@version`, or with `@latest`, resolves to whatever is newest
when the image is built: rebuilding the same Dockerfile can compile different code.
Pin the module version (`golang.org/x/tools/gopls@v0.16.2`).

Not reported: packages of the module in the build context (`.`, `./cmd/app`,
`./...`, absolute paths), `.go` files, versions held in a variable the model knows,
and operands it cannot read. Only the package of `go run` is looked at; the words
after it are the program's arguments.

## Example

```dockerfile
FROM golang:1.23
RUN go install golang.org/x/tools/gopls@latest
```

## Use instead

```dockerfile
FROM golang:1.23
ARG GOPLS_VERSION=v0.16.2
RUN go install "golang.org/x/tools/gopls@${GOPLS_VERSION}" && go install ./cmd/...
```

## Fix

None.

## References

- [go install](https://pkg.go.dev/cmd/go#hdr-Compile_and_install_packages_and_dependencies)
- [Go modules: version queries](https://go.dev/ref/mod#version-queries)
"""

from __future__ import annotations

from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.nodes import Run
from layerlint.rule import Context, Rule

from ._packages import invocations, unpinned_report

RULE = Rule(
    code="LL3045",
    name="go-install-unpinned",
    severity=Severity.WARNING,
    message="{packages} {count} fetched without a fixed version; pin {it} as {first}@<version>",
    visits=("RUN",),
    tags=("reproducibility",),
    aliases=("DL3062",),
)


def check(node: Run, ctx: Context) -> Iterator[Finding]:
    for _, invocation in invocations(ctx, node, ("go",), ("install", "get", "run")):
        finding = unpinned_report(
            ctx,
            node,
            invocation,
            invocation.packages,
            floating=("latest", "upgrade", "patch", "master", "main"),
        )
        if finding is not None:
            yield finding
