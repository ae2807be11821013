"""`.dockerignore` parsing and matching (linter/dockerignore.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from layerlint.dockerignore import DockerIgnore, clean_path, has_glob, load_for, parse_patterns


def ignore(text: str) -> DockerIgnore:
    return DockerIgnore(parse_patterns(text))


def test_comments_blank_lines_and_cleaning() -> None:
    patterns = parse_patterns("# comment\n\n  /build/  \n!  ./keep//me.txt\n")
    assert [(p.text, p.exception) for p in patterns] == [("build", False), ("keep/me.txt", True)]


@pytest.mark.parametrize(
    ("patterns", "path", "excluded"),
    [
        ("node_modules", "node_modules", True),
        ("node_modules", "node_modules/react/index.js", True),  # a parent matches
        ("node_modules", "src/node_modules", False),  # patterns are anchored at the root
        ("*.log", "app.log", True),
        ("*.log", "logs/app.log", False),  # `*` stays in one directory
        ("**/*.log", "logs/deep/app.log", True),
        ("**/*.log", "app.log", True),  # `**/` also matches no directory
        ("docs/**", "docs/a/b.md", True),
        ("file?.txt", "file1.txt", True),
        ("file?.txt", "file12.txt", False),
        ("[abc].txt", "b.txt", True),
        ("[!abc].txt", "b.txt", False),
        ("su\\.b", "su.b", True),
        ("su\\.b", "suxb", False),
        (".env*\n!.env.example", ".env", True),
        (".env*\n!.env.example", ".env.example", False),
        ("!.env.example\n.env*", ".env.example", True),  # the last match decides
        ("*", "Dockerfile", True),
    ],
)
def test_excludes(patterns: str, path: str, excluded: bool) -> None:
    assert ignore(patterns).excludes(path) is excluded


@pytest.mark.parametrize(
    ("patterns", "path", "reincluded"),
    [
        ("sub\n!sub/a.txt", "sub", True),
        ("sub\n!sub/b.txt", "sub/a.txt", False),
        ("sub\n!other.txt", "sub", False),
        ("!sub/a.txt\nsub", "sub", False),  # an exception before the exclusion is overridden
        ("**\n!Dockerfile", ".", True),
        ("sub\n!sub/**/keep", "sub/deep", True),
        ("su.b\n!su\\.b/keep.txt", "su.b", True),
    ],
)
def test_reincludes_below(patterns: str, path: str, reincluded: bool) -> None:
    assert ignore(patterns).reincludes_below(path) is reincluded


def test_excludes_everything_only_for_catch_all_patterns() -> None:
    assert ignore("*").excludes_everything()
    assert ignore("**").excludes_everything()
    assert not ignore(".*").excludes_everything()
    assert not ignore("!*").excludes_everything()


def test_clean_path_and_globs() -> None:
    assert clean_path("./src//app/") == "src/app"
    assert clean_path("/etc/app.conf") == "etc/app.conf"
    assert clean_path(".") == "."
    assert has_glob("src/*.py") and not has_glob("src/app.py")


def test_load_prefers_the_dockerfile_specific_file(tmp_path: Path) -> None:
    dockerfile = tmp_path / "app.Dockerfile"
    dockerfile.write_text("FROM scratch\n")
    assert load_for(str(dockerfile), str(tmp_path)) is None
    (tmp_path / ".dockerignore").write_text("general\n")
    loaded = load_for(str(dockerfile), str(tmp_path))
    assert loaded is not None and loaded.excludes("general")
    (tmp_path / "app.Dockerfile.dockerignore").write_text("specific\n")
    loaded = load_for(str(dockerfile), str(tmp_path))
    assert loaded is not None and loaded.excludes("specific") and not loaded.excludes("general")
