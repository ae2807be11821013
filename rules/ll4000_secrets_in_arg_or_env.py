"""An ARG or ENV name says it holds a secret (password, token, key …).

The name is split into words at `_` and at lower-to-upper case changes (`dbPassword`
is `db`, `Password`). It is reported when one word is `password`, `passwd`, `pword`,
`passphrase`, `pass`, `secret`, `token`, `key`, `apikey`, `auth`, `credential` or
`credentials` (BuildKit's list, plus `passphrase` and `pass`), or ends in `password`,
`passwd`, `secret`, `token` or `privatekey` (`ROOTPASSWORD`, `CLIENTSECRET`,
`ACCESSTOKEN`), unless another word shows that
the variable only describes or locates the secret: `public`, `pub`, `pubkey`,
`gpg`, `pgp`, `fingerprint`, `file`, `path`, `dir`, `url`, `uri`, `host`, `port`,
`endpoint`, `server`, `sock`, `socket`, `version`, `name`, `type`, `mode`,
`method`, `enabled`, `timeout`, `ttl`, `length`, `size` and a few similar words.
So `GITHUB_TOKEN`, `DB_PASSWORD` and `AWS_ACCESS_KEY_ID` are reported and
`SESSION_SECRET_FILE`, `GPG_KEY` (a public fingerprint), `SSH_AUTH_SOCK`,
`AUTH_MODULE_VERSION` and `PUBLIC_KEY` are not. An ENV whose value is empty, a
boolean or a placeholder (`changeme`, `none`, `<your-token>`) stores no secret and
is not reported; an ARG always is, since its value comes from the command line (a
global ARG that a stage declares again is reported in the stage only).

## Why is this bad?

ARG and ENV values are stored in the image: ENV in its configuration, ARG in the
history of every RUN that uses it (`docker history --no-trunc` shows them). Anyone
who can pull the image can read the secret. Build secrets belong in secret mounts,
which are never written to a layer.

## Example

```dockerfile
FROM node:20-slim
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
```

## Use instead

```dockerfile
FROM node:20-slim
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
```

## Fix

None.

## References

- [BuildKit check SecretsUsedInArgOrEnv](https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/)
- [Build secrets](https://docs.docker.com/build/building/secrets/)
- [hadolint DL3064](https://github.com/hadolint/hadolint/wiki/DL3064)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from layerlint.findings import Finding, Severity
from layerlint.lazy_re import lazy_compile
from layerlint.nodes import Arg, Env
from layerlint.rule import Context, Rule

RULE = Rule(
    code="LL4000",
    name="secrets-in-arg-or-env",
    severity=Severity.WARNING,
    message='Do not use ARG or ENV instructions for sensitive data ({keyword} "{name}");'
    " pass secrets with RUN --mount=type=secret",
    visits=("ARG", "ENV"),
    tags=("security", "secrets"),
    aliases=("DL3064", "SecretsUsedInArgOrEnv"),
    security_severity=7.5,
)

SECRET_WORDS = frozenset(
    {
        "apikey",
        "auth",
        "credential",
        "credentials",
        "key",
        "pass",
        "password",
        "pword",
        "passwd",
        "passphrase",
        "secret",
        "token",
    }
)
DESCRIPTIVE_WORDS = frozenset(
    {
        "public",
        "pub",
        "pubkey",
        "gpg",
        "pgp",
        "fingerprint",
        "file",
        "files",
        "path",
        "dir",
        "directory",
        "url",
        "uri",
        "host",
        "hostname",
        "port",
        "endpoint",
        "server",
        "sock",
        "socket",
        "version",
        "name",
        "type",
        "mode",
        "method",
        "enabled",
        "disabled",
        "enable",
        "disable",
        "required",
        "timeout",
        "ttl",
        "length",
        "size",
        "expiry",
        "algorithm",
        "format",
        "provider",
        "module",
        "plugin",
        "backend",
        "realm",
        "scheme",
        "strategy",
        "keyring",
        "keyserver",
    }
)
_CAMEL = lazy_compile(r"(?<=[a-z0-9])(?=[A-Z])")
_PLACEHOLDER = lazy_compile(
    r"""(?ix)\A(?:
        | true | false | yes | no | on | off | none | null | nil | undefined
        | change[-_]?me | placeholder | dummy | example
        | x+ | \*+ | \.\.\.+ | <[^>]*> | \[[^\]]*\] | \{[^$}]*\}
    )\Z"""
)


# Words written together with what precedes them (`CLIENTSECRET`, `GITHUBTOKEN`).
_SECRET_ENDINGS = ("password", "passwd", "secret", "token", "privatekey")


def name_words(name: str) -> list[str]:
    """Words of a variable name, lower case: split at `_`, `-` and camelCase humps."""
    words = []
    for part in re.split(r"[_\-.]+", name):
        words.extend(piece.lower() for piece in _CAMEL.split(part) if piece)
    return words


def looks_secret(name: str) -> bool:
    words = name_words(name)
    secret = any(word in SECRET_WORDS or word.endswith(_SECRET_ENDINGS) for word in words)
    return secret and not any(word in DESCRIPTIVE_WORDS for word in words)


def check(node: Arg | Env, ctx: Context) -> Iterator[Finding]:
    if isinstance(node, Arg):
        redeclared = (
            _declared_in_stages(ctx) if node in ctx.model.global_arg_instructions else set()
        )
        for declaration in node.declarations:
            name = ctx.model.unquote(declaration.name)
            # A global ARG that a stage declares again is reported there, once.
            if looks_secret(name) and name not in redeclared:
                yield ctx.report(declaration.name.span, keyword="ARG", name=name)
        return
    for pair in node.pairs:
        name = ctx.model.unquote(pair.key)
        value = ctx.model.unquote(pair.value).strip()
        if looks_secret(name) and not _PLACEHOLDER.match(value):
            yield ctx.report(pair.key.span, keyword="ENV", name=name)


def _declared_in_stages(ctx: Context) -> set[str]:
    return {
        ctx.model.unquote(declaration.name)
        for stage in ctx.model.stages
        for node in stage.instructions
        if isinstance(node, Arg)
        for declaration in node.declarations
    }
