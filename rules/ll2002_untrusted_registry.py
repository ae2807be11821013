"""An image comes from a registry that is not in the trusted list.

Checked: base images of FROM, and images used by `COPY --from=` and
`RUN --mount=…,from=`. Images without a registry come from Docker Hub (`docker.io`;
`hub.docker.com` and `index.docker.io` in the list mean it too). Silent while
`trusted-registries` is empty, and for `scratch`, stages, and references whose value
is unknown.

## Why is this bad?

Organisations that mirror or vet their base images want every build to pull from
those registries only: an image from anywhere else bypasses the scanning, licence
review and availability guarantees of the trusted registry.

## Example

```toml
trusted-registries = ["registry.example.com"]
```

```dockerfile
FROM quay.io/prometheus/busybox:glibc
```

## Use instead

```toml
trusted-registries = ["registry.example.com"]
```

```dockerfile
FROM registry.example.com/mirror/busybox:1.36-glibc
```

## Options

- `trusted-registries` (list of strings, default `[]`): registries images may come
  from. `*.example.com` matches any subdomain of `example.com`; `*` matches all. A
  registry given without a port matches it on any port. hadolint's
  `trustedRegistries` is read as this option.

## Fix

None.

## References

- [hadolint DL3026](https://github.com/hadolint/hadolint/wiki/DL3026)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from layerlint.findings import Finding, Severity, Span
from layerlint.model.images import ImageRef, parse_image
from layerlint.model.stage_refs import from_references
from layerlint.nodes import Copy, From, Run
from layerlint.rule import Context, Option, Rule

RULE = Rule(
    code="LL2002",
    name="untrusted-registry",
    severity=Severity.ERROR,
    message="image {image} comes from {registry}, which is not a trusted registry; use an"
    " image from {trusted}",
    visits=("FROM", "COPY", "RUN"),
    tags=("security", "supply-chain"),
    aliases=("DL3026",),
    options=(
        Option(
            "trusted-registries",
            [],
            "registries images may come from (`*.example.com` and `*` are wildcards)",
        ),
    ),
    security_severity=5.0,
)

_DOCKER_HUB = frozenset(
    {
        "docker.io",
        "index.docker.io",
        "registry-1.docker.io",
        "hub.docker.com",
        "registry.hub.docker.com",
    }
)


def check(node: From | Copy | Run, ctx: Context) -> Iterator[Finding]:
    trusted = [
        entry.strip().lower() for entry in ctx.option("trusted-registries") or [] if entry.strip()
    ]
    if not trusted:
        return
    for image, span in _images(node, ctx):
        registry = image.registry_host.lower()
        if not _is_trusted(registry, trusted):
            yield ctx.report(span, image=image.text, registry=registry, trusted=", ".join(trusted))


def _images(node: From | Copy | Run, ctx: Context) -> Iterable[tuple[ImageRef, Span]]:
    if isinstance(node, From):
        stage = ctx.model.stage_of(node)
        image = stage.base_image if stage is not None else None
        if node.image is not None and image is not None and not image.is_scratch:
            yield image, node.image.span
        return
    for reference in from_references(ctx.model, node):
        image = reference.image
        trigger = ctx.model.onbuild_parent(node) is not None  # resolved in a child build
        value = reference.value
        if reference.kind == "undefined" and value and not value.isdigit() and not trigger:
            # A name no stage has is pulled as an image (`--from=alpine`: docker.io).
            image = parse_image(value)
        if image is not None:
            yield image, reference.flag.span


def _is_trusted(registry: str, trusted: list[str]) -> bool:
    host = registry.split(":", 1)[0]
    hub = registry in _DOCKER_HUB
    for entry in trusted:
        if entry == "*" or entry in (registry, host) or (hub and entry in _DOCKER_HUB):
            return True
        if entry.startswith("*.") and host.endswith(entry[1:]):
            return True
    return False
