"""Running ShellCheck on scripts, with a cache of its answers keyed by their input.

ShellCheck's comments on a script depend only on the script, the options and the
ShellCheck binary, not on layerlint: a cache keyed by those survives upgrades of
layerlint and edits of other RUN instructions, which the result cache (keyed by
layerlint's own code and the whole file) does not. ShellCheck takes tens of
milliseconds per script, most of a cold run over many Dockerfiles, and the same
script recurs across the variants of an image (half of the shared corpus's RUN
scripts are repeats).

The runner turns the cache on (`use_cache`) next to the result cache, and off with
`--no-cache`; the Python API runs without it. Values are JSON; any failure to read or
write is a miss.
"""

from __future__ import annotations

import os
from typing import Any

from .cache import blake2b, read_json, write_json

TIMEOUT = 60.0
# The fields of a ShellCheck json1 comment that layerlint reads.
_FIELDS = ("line", "column", "endLine", "endColumn", "code", "level", "message")

_cache_directory: str | None = None


def use_cache(directory: str | None) -> None:
    """Cache answers in `directory` (None: do not cache)."""
    global _cache_directory
    _cache_directory = directory


def _binary_signature(executable: str) -> str:
    try:
        status = os.stat(executable)
    except OSError:
        return executable
    return f"{os.path.abspath(executable)}:{status.st_size}:{status.st_mtime_ns}"


def _key(signature: str, options: list[str], content: str) -> str:
    digest = blake2b()
    for part in (signature, "\0".join(options), content):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _cache_file(directory: str, key: str) -> str:
    return os.path.join(directory, key[:2], key[2:] + ".json")


def check_scripts(
    executable: str, contents: list[str], options: list[str]
) -> list[list[dict[str, Any]]] | None:
    """ShellCheck's json1 comments on each script (same order as `contents`), or None
    when ShellCheck failed (did not start, timed out, printed no JSON).

    Identical scripts are checked once; scripts with a cached answer are not checked.
    """
    directory = _cache_directory
    signature = _binary_signature(executable)
    answers: dict[str, list[dict[str, Any]]] = {}
    keys = [_key(signature, options, content) for content in contents]
    missing: dict[str, str] = {}
    for key, content in zip(keys, contents, strict=True):
        if key in answers or key in missing:
            continue
        cached = read_json(_cache_file(directory, key)) if directory is not None else None
        if isinstance(cached, list):
            answers[key] = cached
        else:
            missing[key] = content
    if missing:
        fresh = _run(executable, list(missing.values()), options)
        if fresh is None:
            return None
        for key, comments in zip(missing, fresh, strict=True):
            answers[key] = comments
            if directory is not None:
                write_json(_cache_file(directory, key), comments)
    return [answers[key] for key in keys]


def _run(
    executable: str, contents: list[str], options: list[str]
) -> list[list[dict[str, Any]]] | None:
    """One ShellCheck process over every script, each written to a file of its own."""
    import json  # imported here: start-up pays for them only when ShellCheck runs
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="layerlint-shellcheck-") as directory:
        names = []
        for index, content in enumerate(contents):
            name = f"run{index}.sh"
            with open(os.path.join(directory, name), "w", encoding="utf-8", newline="\n") as out:
                out.write(content)
            names.append(name)
        try:
            completed = subprocess.run(
                [executable, "--format=json1", "--norc", *options, *names],
                cwd=directory,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
    try:
        comments = json.loads(completed.stdout.decode("utf-8", "replace"))["comments"]
    except (ValueError, KeyError, TypeError):
        return None
    position = {name: index for index, name in enumerate(names)}
    per_script: list[list[dict[str, Any]]] = [[] for _ in contents]
    for comment in comments:
        index = position.get(comment.get("file", "")) if isinstance(comment, dict) else None
        if index is not None:
            per_script[index].append({field: comment.get(field) for field in _FIELDS})
    return per_script
