"""Configuration files: reading, every error message, discovery, hadolint migration,
precedence and --show-config rendering."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from layerlint.config import (
    ConfigError,
    Resolver,
    cli_layer,
    find_hadolint_config,
    hadolint_search_paths,
    load_config_file,
    merge,
    read_config_file,
    render,
)
from layerlint.findings import Severity

from .stand_ins import stand_ins  # noqa: F401 (fixture)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No user-level hadolint configuration leaks into a test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config_file(str(path))
    return str(caught.value)


# ---------------------------------------------------------------------------
# Reading


def test_pyproject_table(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[tool.ruff.lint]\nselect = ["E"]\n\n[tool.layerlint]\nselect = ["LL1"]\n'
        'ignore = ["syntax-error"]\nextend-select = ["unused-suppression"]\n'
        'failure-threshold = "warning"\nno-fail = true\ntarget = "final"\ncontext = "ctx"\n'
        "disable-inline-ignores = true\n"
        '[tool.layerlint.severity]\nLL1003 = "info"\n'
        '[tool.layerlint.per-file-ignores]\n"legacy/*" = ["LL1003"]\n"Dockerfile.dev" = ["LL1"]\n',
    )
    settings = load_config_file(str(path))
    assert "LL1003" in settings.select and "LL1005" in settings.select
    assert settings.ignore == ("LL1000",)
    assert settings.extend_select == ("LL1005",)
    assert settings.failure_threshold == Severity.WARNING
    assert settings.no_fail and settings.disable_inline_ignores
    assert settings.target == "final"
    assert settings.context == str(tmp_path / "ctx")
    assert dict(settings.severity) == {"LL1003": Severity.INFO}
    patterns = dict(settings.per_file_ignores)
    assert patterns[f"{tmp_path.as_posix()}/legacy/*"] == ("LL1003",)
    assert "LL1000" in patterns["Dockerfile.dev"]


def test_layerlint_toml_has_keys_at_the_top_or_under_tool(tmp_path: Path) -> None:
    top = write(tmp_path / "a" / "layerlint.toml", 'ignore = ["LL1003"]\n')
    tool = write(tmp_path / "b" / "layerlint.toml", '[tool.layerlint]\nignore = ["LL1003"]\n')
    assert load_config_file(str(top)).ignore == ("LL1003",)
    assert load_config_file(str(tool)).ignore == ("LL1003",)


def test_rule_options_are_kept_by_name(tmp_path: Path) -> None:
    path = write(
        tmp_path / "layerlint.toml",
        'trusted-registries = ["docker.io", "*.corp.example"]\nstrict-labels = true\n'
        'secret-files = ["*.pem"]\n[label-schema]\nmaintainer = "email"\n'
        "[build-args]\nVERSION = 3\nDEBUG = false\n",
    )
    options = load_config_file(str(path)).options
    assert options["trusted-registries"] == ("docker.io", "*.corp.example")
    assert options["strict-labels"] is True
    assert options["secret-files"] == ("*.pem",)
    assert dict(options["label-schema"]) == {"maintainer": "email"}
    assert dict(options["build-args"]) == {"VERSION": "3", "DEBUG": "false"}


def test_options_reach_every_rule_that_declares_them(tmp_path: Path, stand_ins) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    import layerlint

    path = write(tmp_path / "layerlint.toml", 'trusted-registries = ["trusted.com"]\n')
    text = "FROM untrusted.com/repo/image:1\nFROM trusted.com/repo/image:1\n"
    found = [f.line for f in layerlint.lint_text(text, config=str(path)) if f.code == "LL9005"]
    assert found == [1]


def test_hadolint_yaml(tmp_path: Path, stand_ins) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    path = write(
        tmp_path / ".hadolint.yaml",
        "ignored:\n  - DL3011\n  - SC2086\n  - DL3031\n"
        "override:\n  error:\n    - DL3002\n  info:\n    - LL1003\n"
        "trustedRegistries:\n  - docker.io\n"
        "label-schema:\n  author: text\n  url: url\n"
        "strict-labels: true\nfailure-threshold: warning\nno-fail: true\n"
        "disable-ignore-pragma: true\nno-color: true\nformat: json\n",
    )
    layer = read_config_file(str(path))
    settings = merge([layer])
    # SC2086 is one ShellCheck check (reported by LL3056); DL3031 names no rule.
    assert settings.ignore == ("LL9001", "SC2086")
    assert dict(settings.severity) == {"LL9002": Severity.ERROR, "LL1003": Severity.INFO}
    assert settings.options["trusted-registries"] == ("docker.io",)
    assert dict(settings.options["label-schema"]) == {"author": "text", "url": "url"}
    assert settings.options["strict-labels"] is True
    assert settings.failure_threshold == Severity.WARNING
    assert settings.no_fail and settings.disable_inline_ignores
    assert not any("SC2086" in note for note in layer.notes)
    assert "DL3031 is not implemented by layerlint (ignored)" in layer.notes


def test_hadolint_newer_key_spelling_and_threshold_none(tmp_path: Path) -> None:
    path = write(
        tmp_path / "hadolint.yml", "trusted-registries: [quay.io]\nfailure-threshold: none\n"
    )
    settings = load_config_file(str(path))
    assert settings.options["trusted-registries"] == ("quay.io",)
    assert settings.failure_threshold is None


def test_empty_hadolint_file_is_the_default(tmp_path: Path) -> None:
    assert load_config_file(str(write(tmp_path / ".hadolint.yaml", ""))).select == ()


def test_file_format_by_content_when_the_name_does_not_tell(tmp_path: Path) -> None:
    toml = write(tmp_path / "lint-config", 'ignore = ["LL1003"]\n')
    yaml = write(tmp_path / "hadolint-config", "ignored:\n  - LL1003\n")
    assert load_config_file(str(toml)).ignore == ("LL1003",)
    assert load_config_file(str(yaml)).ignore == ("LL1003",)


# ---------------------------------------------------------------------------
# Every error message


def test_unknown_key_with_a_suggestion_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml", '[tool.layerlint]\nselect = ["LL1"]\nignroe = ["LL1003"]\n'
    )
    assert error_of(path) == (
        f"{path}:3: unknown key 'ignroe' in [tool.layerlint] (did you mean 'ignore'?)"
    )


def test_hadolint_spelling_in_toml_suggests_ours(tmp_path: Path) -> None:
    path = write(tmp_path / "layerlint.toml", 'trustedRegistries = ["docker.io"]\n')
    assert error_of(path) == (
        f"{path}:1: unknown key 'trustedRegistries' (did you mean 'trusted-registries'?)"
    )


def test_unknown_key_in_a_subtable_is_found_on_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[tool.layerlint]\nignore = []\n\n[tool.layerlint.severty]\nLL1003 = "info"\n',
    )
    assert error_of(path) == (
        f"{path}:4: unknown key 'severty' in [tool.layerlint] (did you mean 'severity'?)"
    )


def test_unknown_rule_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path / "layerlint.toml", 'select = ["LL1"]\n\nignore = ["LL1003X"]\n')
    assert error_of(path) == f"{path}:3: unknown rule 'LL1003X' in 'ignore' (did you mean LL1003?)"


def test_unknown_rule_by_name_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path / "layerlint.toml", 'extend-select = ["unused-supression"]\n')
    assert error_of(path) == (
        f"{path}:1: unknown rule 'unused-supression' in 'extend-select'"
        " (did you mean unused-suppression?)"
    )


def test_a_hadolint_rule_layerlint_lacks_is_named_as_such_in_toml(tmp_path: Path) -> None:
    path = write(tmp_path / "layerlint.toml", 'ignore = ["DL3031"]\n')
    message = error_of(path)
    assert message.startswith(f"{path}:1: no layerlint rule implements 'DL3031' in 'ignore'")


def test_unknown_rule_in_per_file_ignores_and_severity(tmp_path: Path) -> None:
    path = write(tmp_path / "layerlint.toml", '[per-file-ignores]\n"*.dev" = ["LL1003", "qqqq"]\n')
    assert error_of(path) == f"{path}:2: unknown rule 'qqqq' in 'per-file-ignores.*.dev'"
    path = write(tmp_path / "layerlint.toml", '[severity]\nsyntax-eror = "info"\n')
    assert error_of(path) == (
        f"{path}:2: unknown rule 'syntax-eror' in 'severity' (did you mean syntax-error?)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'failure-threshold = "fatal"\n',
            "'failure-threshold' must be one of error, warning, info, style, none, not 'fatal'",
        ),
        (
            'failure-threshold = "warn"\n',
            "'failure-threshold' must be one of error, warning, info, style, none, not 'warn'"
            " (did you mean 'warning'?)",
        ),
        ('select = "LL1"\n', "'select' must be a list of rule codes, not 'LL1'"),
        ("select = []\n", "'select' must name at least one rule (use 'ignore' to turn rules off)"),
        ('no-fail = "yes"\n', "'no-fail' must be true or false, not 'yes'"),
        ("target = 3\n", "'target' must be a string, not int 3"),
        (
            'trusted-registries = "docker.io"\n',
            "'trusted-registries' must be a list of strings, not 'docker.io'",
        ),
        (
            '[severity]\nLL1003 = "critical"\n',
            "'severity.LL1003' must be error, warning, info or style, not 'critical'",
        ),
        (
            '[label-schema]\nhomepage = "uri"\n',
            "'label-schema': label 'homepage' has type 'uri'; use one of text, url, semver,"
            " hash, rfc3339, spdx, email (did you mean 'url'?)",
        ),
        (
            'per-file-ignores = ["*.dev"]\n',
            "'per-file-ignores' must be a table of key = value, not a list",
        ),
        (
            '[build-args]\nA = ["x"]\n',
            "'build-args': build argument 'A' must be a string, not a list",
        ),
    ],
)
def test_bad_values(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "layerlint.toml", text)
    line = text.count("\n") if text.startswith("[") else 1
    assert error_of(path) == f"{path}:{line}: {message}"


def test_bad_toml_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "layerlint.toml", 'select = ["LL1"]\nignore = [LL1003]\n')
    assert error_of(path).startswith(f"{path}:2:11: invalid TOML: ")


def test_bad_yaml_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / ".hadolint.yaml", "ignored:\n  - DL3008\n bad: [\n")
    message = error_of(path)
    assert message.startswith(f"{path}:3:")
    assert "invalid YAML: " in message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("ignore:\n  - DL3008\n", 1, "unknown key 'ignore' (did you mean 'ignored'?)"),
        ("ignored:\n  - crazy\n", 1, "unknown rule 'crazy' in 'ignored'"),
        ("ignored: DL3008\n", 1, "'ignored' must be a list of rule codes, not 'DL3008'"),
        (
            "override:\n  fatal:\n    - DL3008\n",
            2,
            "'override' takes error, warning, info and style lists, not 'fatal'",
        ),
        (
            "failure-threshold: critical\n",
            1,
            "'failure-threshold' must be one of error, warning, info, style, none, ignore,"
            " not 'critical'",
        ),
        ("strict-labels: maybe\n", 1, "'strict-labels' must be true or false, not 'maybe'"),
        (
            "label-schema:\n  author: name\n",
            2,
            "'label-schema': label 'author' has type 'name'; use one of text, url, semver,"
            " hash, rfc3339, spdx, email",
        ),
    ],
)
def test_hadolint_errors(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path / ".hadolint.yaml", text)
    assert error_of(path) == f"{path}:{line}: {message}"


def test_hadolint_file_must_be_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path / ".hadolint.yaml", "- DL3008\n")
    assert error_of(path) == f"{path}: a hadolint configuration must be a mapping of keys"


def test_pyproject_without_the_table_is_not_a_configuration(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert error_of(path) == f"{path}: no [tool.layerlint] table in this pyproject.toml"


def test_missing_file(tmp_path: Path) -> None:
    message = error_of(tmp_path / "nope.toml")
    assert message.startswith(f"{tmp_path / 'nope.toml'}: cannot read the configuration: ")


def test_options_declared_by_rules_are_checked_by_their_default(tmp_path: Path, stand_ins) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    path = write(tmp_path / "layerlint.toml", "strict-labels = 1\n")
    assert error_of(path) == f"{path}:1: 'strict-labels' must be true or false, not int 1"


def test_rule_options_do_not_shadow_configuration_keys() -> None:
    from layerlint.config import SETTING_KEYS, declared_options

    assert not set(declared_options()) & set(SETTING_KEYS)


def test_command_line_selectors_are_checked() -> None:
    with pytest.raises(ConfigError) as caught:
        cli_layer(select=["invalid-instrction"])
    assert str(caught.value) == (
        "--select: unknown rule 'invalid-instrction' (did you mean invalid-instruction?)"
    )


# ---------------------------------------------------------------------------
# Finding configuration


def test_nearest_configuration_wins_and_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "layerlint.toml", 'ignore = ["LL1003"]\n')
    write(tmp_path / "svc" / "pyproject.toml", "[project]\nname = 'svc'\n")
    write(tmp_path / "svc" / "api" / "pyproject.toml", '[tool.layerlint]\nignore = ["LL1000"]\n')
    resolver = Resolver(cwd=str(tmp_path))
    assert resolver.settings_for("svc/Dockerfile").ignore == ("LL1003",)
    assert resolver.settings_for("svc/api/Dockerfile").ignore == ("LL1000",)
    assert resolver.settings_for("svc/api/sub/Dockerfile").ignore == ("LL1000",)


def test_layerlint_toml_beats_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "layerlint.toml", 'ignore = ["LL1003"]\n')
    write(tmp_path / "pyproject.toml", '[tool.layerlint]\nignore = ["LL1000"]\n')
    assert Resolver(cwd=str(tmp_path)).settings_for("Dockerfile").ignore == ("LL1003",)


def test_settings_are_cached_per_directory(tmp_path: Path) -> None:
    write(tmp_path / "layerlint.toml", 'ignore = ["LL1003"]\n')
    resolver = Resolver(cwd=str(tmp_path))
    first = resolver.settings_for("a.Dockerfile")
    assert resolver.settings_for("b.Dockerfile") is first


def test_stdin_uses_the_stdin_filename_or_the_current_directory(tmp_path: Path) -> None:
    write(tmp_path / "svc" / "layerlint.toml", 'ignore = ["LL1003"]\n')
    resolver = Resolver(cwd=str(tmp_path))
    assert resolver.settings_for("svc/Dockerfile").ignore == ("LL1003",)
    assert resolver.settings_for("-").ignore == ()


def test_hadolint_configuration_only_without_a_layerlint_one(tmp_path: Path) -> None:
    write(tmp_path / ".hadolint.yaml", "ignored:\n  - LL1000\n")
    assert Resolver(cwd=str(tmp_path)).settings_for("Dockerfile").ignore == ("LL1000",)
    write(tmp_path / "sub" / "layerlint.toml", 'ignore = ["LL1003"]\n')
    assert Resolver(cwd=str(tmp_path)).settings_for("sub/Dockerfile").ignore == ("LL1003",)
    explicit = write(tmp_path / "other.toml", 'ignore = ["LL1004"]\n')
    resolver = Resolver(config_path=str(explicit), cwd=str(tmp_path))
    assert resolver.settings_for("Dockerfile").ignore == ("LL1004",)


def test_hadolint_search_order(tmp_path: Path, isolated_home: Path) -> None:
    cwd = tmp_path / "project"
    cwd.mkdir()
    paths = hadolint_search_paths(str(cwd))
    assert paths[:2] == [str(cwd / ".hadolint.yaml"), str(cwd / ".hadolint.yml")]
    assert paths[2] == str(isolated_home / ".config" / "hadolint.yaml")
    assert str(isolated_home / ".hadolint" / "config.yaml") in paths
    assert paths[-1] == str(isolated_home / ".hadolint.yml")
    assert find_hadolint_config(str(cwd)) is None
    write(isolated_home / ".hadolint.yaml", "ignored: []\n")
    assert find_hadolint_config(str(cwd)) == str(isolated_home / ".hadolint.yaml")
    write(isolated_home / ".config" / "hadolint.yml", "ignored: []\n")
    assert find_hadolint_config(str(cwd)) == str(isolated_home / ".config" / "hadolint.yml")
    write(cwd / ".hadolint.yml", "ignored: []\n")
    assert find_hadolint_config(str(cwd)) == str(cwd / ".hadolint.yml")


# ---------------------------------------------------------------------------
# Precedence


def test_command_line_over_config_over_discovered(tmp_path: Path) -> None:
    write(
        tmp_path / "layerlint.toml",
        'ignore = ["LL1003"]\nfailure-threshold = "error"\ntarget = "a"\n'
        '[severity]\nLL1000 = "info"\nLL1003 = "info"\n',
    )
    explicit = write(
        tmp_path / "ci.toml",
        'extend-select = ["LL1003", "LL1005"]\ntarget = "b"\n[severity]\nLL1003 = "error"\n',
    )
    cli = cli_layer(ignore=["LL1005"], failure_threshold="none")
    settings = Resolver(config_path=str(explicit), cli=cli, cwd=str(tmp_path)).settings_for(
        "Dockerfile"
    )
    assert settings.extend_select == (
        "LL1003",
    )  # --config re-enabled LL1003, the CLI ignored LL1005
    assert settings.ignore == ("LL1005",)
    assert settings.failure_threshold is None
    assert settings.target == "b"
    assert dict(settings.severity) == {"LL1000": Severity.INFO, "LL1003": Severity.ERROR}
    assert settings.origin == (
        str(tmp_path / "layerlint.toml"),
        f"--config {explicit}",
        "command line",
    )


def test_a_later_select_replaces_everything_below(tmp_path: Path) -> None:
    write(tmp_path / "layerlint.toml", 'select = ["LL1000"]\nignore = ["LL1003"]\n')
    settings = Resolver(cli=cli_layer(select=["LL1003"]), cwd=str(tmp_path)).settings_for("x")
    assert (settings.select, settings.ignore) == (("LL1003",), ())


def test_options_and_per_file_ignores_merge_by_key(tmp_path: Path) -> None:
    write(
        tmp_path / "layerlint.toml",
        'trusted-registries = ["a.io"]\nstrict-labels = true\n'
        '[per-file-ignores]\n"x" = ["LL1003"]\n',
    )
    explicit = write(
        tmp_path / "ci.toml",
        'trusted-registries = ["b.io"]\n[per-file-ignores]\n"y" = ["LL1000"]\n',
    )
    settings = Resolver(config_path=str(explicit), cwd=str(tmp_path)).settings_for("Dockerfile")
    assert settings.options["trusted-registries"] == ("b.io",)
    assert settings.options["strict-labels"] is True
    assert dict(settings.per_file_ignores) == {"x": ("LL1003",), "y": ("LL1000",)}


# ---------------------------------------------------------------------------
# --show-config


def test_render_is_valid_toml_that_reads_back(tmp_path: Path) -> None:
    import tomllib

    write(
        tmp_path / "layerlint.toml",
        'select = ["LL1"]\nignore = ["LL1004"]\ntrusted-registries = ["docker.io"]\n'
        '[severity]\nLL1003 = "info"\n[per-file-ignores]\n"legacy/*" = ["LL1003"]\n'
        '[label-schema]\n"org.opencontainers.image.url" = "url"\n',
    )
    resolver = Resolver(cwd=str(tmp_path))
    text = render(
        resolver.settings_for("Dockerfile"), resolver.layers_for("Dockerfile"), "Dockerfile"
    )
    assert text.startswith("# effective configuration for Dockerfile\n")
    assert f"#   {tmp_path / 'layerlint.toml'}" in text
    document = tomllib.loads(text)
    assert document["ignore"] == ["LL1004"]
    assert document["severity"] == {"LL1003": "info"}
    assert document["label-schema"] == {"org.opencontainers.image.url": "url"}
    assert document["per-file-ignores"] == {f"{tmp_path.as_posix()}/legacy/*": ["LL1003"]}
    reread = load_config_file(str(write(tmp_path / "again.toml", text)))
    assert reread.select == resolver.settings_for("Dockerfile").select


def test_render_without_configuration(tmp_path: Path) -> None:
    resolver = Resolver(cwd=str(tmp_path))
    text = render(
        resolver.settings_for("Dockerfile"), resolver.layers_for("Dockerfile"), "Dockerfile"
    )
    assert "# no configuration file: defaults" in text
    assert "# select: the rules enabled by default" in text
    assert 'failure-threshold = "info"' in text


def test_paths_in_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "layerlint.toml", 'ignore = ["LL1003"]\n')
    monkeypatch.chdir(tmp_path)
    assert Resolver().settings_for("Dockerfile").ignore == ("LL1003",)
    assert os.path.isabs(Resolver().layers_for("Dockerfile")[0].source)
