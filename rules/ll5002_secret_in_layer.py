"""A COPY or ADD puts a file that looks like a secret into the image.

The rule compares each source of a COPY or ADD (its path and its name) and the path
it lands at with the `secret-files` patterns: private keys, credential files of
package managers and cloud tools, `.env` files. It reports in stages the image ships
(the build target and the stages it is built FROM) and in ONBUILD triggers, which
run in the images built from this one. A copy of a directory (`COPY . .`) is
reported when a later RUN deletes a secret-named path from it (`RUN rm -f .env`): the
deletion shows that the copy held one. A build-only stage (one that is only copied
from) is not reported: its layers do not reach the image. They do stay in the
builder's cache, which `--cache-to ...,mode=max` exports with every intermediate
layer, so a secret mount is the better choice there too.

## Why is this bad?

Every layer of an image is readable by anyone who can pull it. A private key, a
token in `.npmrc` or a cloud credential copied into a layer can be extracted with
`docker save` or `docker history` and a tar tool, even when a later RUN deletes the
file: the deletion only hides it in the new layer, the earlier layer still holds the
bytes. BuildKit mounts secrets for a single RUN without writing them to any layer.

## Example

```dockerfile
FROM node:20-slim
WORKDIR /app
COPY .npmrc package.json package-lock.json ./
RUN npm ci && rm .npmrc
COPY . .
```

## Use instead

```dockerfile
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
COPY . .
```

## Options

`secret-files` (list of glob patterns): names and paths that count as secrets. A
pattern without `/` is matched against the file name, one with `/` against the end
of the path (`.aws/credentials`); `*`, `?` and `[...]` are globs; a pattern starting
with `!` exempts what it matches; matching ignores case. The default list:

- SSH private keys: `id_rsa`, `id_dsa`, `id_ecdsa`, `id_ed25519` (their `.pub`
  halves do not match), and the `.ssh` directory;
- keys and key stores: `*.key`, `*.p12`, `*.pfx`, and `*.pem` files whose name says
  key or private (`*key*.pem`, `*private*.pem`);
- credentials of package managers and tools: `.npmrc`, `.pypirc`, `.netrc`,
  `.git-credentials`, `.aws/credentials`, `.aws`, `.docker/config.json`,
  `.kube/config`, `kubeconfig`, `*.kubeconfig`, `.gnupg`;
- environment files: `.env`, `.env.*`, except `.env.example`, `.env.sample`,
  `.env.template`, `.env.dist` and `.env.defaults`;
- credential and service-account key files: `credentials.json`,
  `*-credentials.json`, `*_credentials.json`, `*service-account*.json`,
  `*service_account*.json`, `*serviceaccount*.json`, `client_secret*.json`;
- password and token files: `.pgpass`, `.htpasswd`, `.vault-token`, PuTTY keys
  (`*.ppk`), deploy keys (`deploy_key`, `*_deploy_key`) and Java key stores (`*.jks`,
  `*.keystore`). (`*.env` is not in the list: such files are as often plain settings,
  like the `meta.env` files of the dev container images.)

Public halves and GPG signing keys are exempt: `!*.pub`, `!*.pub.key`,
`!*public*.key`, `!*gpg*.key`, `!*.gpg.key`, `!*signing*.key`, `!*release*.key`,
`!*archive*.key`, and package repository keys (`!repo.key`, `!*-repo.key`,
`!*_repo.key`, `!*.repo.key`, `!apt.key`, `!*-apt.key`). A source that an exemption
matches is not reported under the name it is copied to (`COPY .env.example .env`).

```toml
[tool.layerlint]
secret-files = ["id_rsa", "*.key", "!*.pub", "deploy-token.txt"]
```

## Fix

None. Pass the secret to the RUN that needs it with `RUN --mount=type=secret`
(`docker build --secret id=npmrc,src=.npmrc`), forward the SSH agent with
`RUN --mount=type=ssh`, or use the file in a build stage and copy only the result
into the final image. Rotate any secret that was already pushed in an image.

## References

- [Docker docs: Build secrets](https://docs.docker.com/build/building/secrets/)
- [Dockerfile reference: RUN --mount=type=secret](https://docs.docker.com/reference/dockerfile/#run---mounttypesecret)
- [Dockerfile reference: RUN --mount=type=ssh](https://docs.docker.com/reference/dockerfile/#run---mounttypessh)
- [OWASP Docker Security Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html)
"""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Iterable, Iterator

from layerlint.findings import Finding, Severity
from layerlint.model.fs import CREATED, Effect
from layerlint.nodes import Add, Copy
from layerlint.rule import Context, Option, Rule

from ._layers import lines_text

SECRET_FILES = (
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    ".ssh",
    "*.key",
    "*.p12",
    "*.pfx",
    "*key*.pem",
    "*private*.pem",
    ".npmrc",
    ".pypirc",
    ".netrc",
    ".git-credentials",
    ".aws/credentials",
    ".aws",
    ".docker/config.json",
    ".kube/config",
    "kubeconfig",
    "*.kubeconfig",
    ".gnupg",
    ".env",
    ".env.*",
    "!.env.example",
    "!.env.sample",
    "!.env.template",
    "!.env.dist",
    "!.env.defaults",
    "credentials.json",
    "*-credentials.json",
    "*_credentials.json",
    "*service-account*.json",
    "*service_account*.json",
    "*serviceaccount*.json",
    "client_secret*.json",
    ".pgpass",
    ".htpasswd",
    ".vault-token",
    "*.ppk",
    "deploy_key",
    "*_deploy_key",
    "*.jks",
    "*.keystore",
    "!*.pub",
    "!*.pub.key",
    "!*public*.key",
    "!*gpg*.key",
    "!*.gpg.key",
    "!*signing*.key",
    "!*release*.key",
    "!*archive*.key",
    "!repo.key",
    "!*-repo.key",
    "!*_repo.key",
    "!*.repo.key",
    "!apt.key",
    "!*-apt.key",
)
_SSH_KEYS = frozenset({"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".ssh", "deploy_key"})

RULE = Rule(
    code="LL5002",
    name="secret-in-layer",
    severity=Severity.ERROR,
    message=(
        "{name} looks like a secret and this layer ships it to everyone who pulls the image"
        "{history}: pass it to the RUN that needs it with RUN --mount=type={mount}, or use"
        " it only in a build stage"
    ),
    visits=("COPY", "ADD"),
    tags=("layers", "security"),
    options=(Option("secret-files", SECRET_FILES, "glob patterns of secret file names and paths"),),
    security_severity=8.0,
)


def secret_match(path: str, patterns: Iterable[str]) -> bool:
    """Whether a path matches a secret pattern and no `!` exemption (case-insensitive)."""
    lowered = path.lower().rstrip("/")
    name = posixpath.basename(lowered)
    found = False
    for pattern in patterns:
        exempt = pattern.startswith("!")
        body = pattern[1:] if exempt else pattern
        body = body.lower().strip("/")
        if "/" in body:
            hit = fnmatch.fnmatchcase(lowered, "*/" + body) or fnmatch.fnmatchcase(lowered, body)
        else:
            hit = fnmatch.fnmatchcase(name, body)
        if hit and exempt:
            return False
        found = found or hit
    return found


def _exempt(path: str, patterns: Iterable[str]) -> bool:
    """Whether a `!` pattern matches the path (a public key, an example .env)."""
    return secret_match(
        path, [pattern.removeprefix("!") for pattern in patterns if pattern.startswith("!")]
    )


def check(node: Copy | Add, ctx: Context) -> Iterator[Finding]:
    model = ctx.model
    patterns = tuple(ctx.option("secret-files") or ())
    layer = model.layer_of(node)
    if model.onbuild_parent(node) is not None:
        from layerlint.model.copies import copy_effects

        effects = copy_effects(model, node)
    elif layer is not None and layer.stage.ships:
        effects = layer.of_kind(CREATED)
    else:
        return
    by_word: dict[int, list[Effect]] = {}
    for effect in effects:
        by_word.setdefault(effect.span.start, []).append(effect)
    for word in node.sources:
        created = by_word.get(word.span.start, [])
        source = model.expand(word, node)
        names = [source] if source is not None and not word.text.startswith("<<") else []
        if names and _exempt(source or "", patterns):
            continue  # `COPY .env.example .env`: what is copied holds no secret
        names += [effect.path for effect in created if not effect.pattern]
        removals = []
        if layer is not None:
            # The deletion may be in this stage or in a stage built FROM it.
            removals = [
                removal
                for stage in model.stage_and_descendants(layer.stage)
                for effect in created
                for removal in model.fs(stage).removals_of(effect)
            ]
        hit = next((name for name in names if secret_match(name, patterns)), None)
        if hit is None:
            # `COPY . .`, then `RUN rm -f .env`: the deletion shows the tree held one.
            inside = [
                removal
                for removal in removals
                if not removal.effect.pattern and secret_match(removal.effect.path, patterns)
            ]
            if not inside:
                continue
            hit, removals = inside[0].effect.path, inside[:1]
        history = ""
        if removals:
            where = lines_text(removal.layer.line for removal in removals)
            history = f" (the deletion at {where} does not remove it from the image history)"
        mount = "ssh" if posixpath.basename(hit.rstrip("/")) in _SSH_KEYS else "secret"
        yield ctx.report(word.span, name=hit, history=history, mount=mount)
