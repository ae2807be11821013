"""Configuration files: reading, checking, finding them, and merging them into Settings.

Sources, from lowest to highest precedence:

1. the configuration found for the linted file: from its directory upward, the first
   `layerlint.toml` (keys at the top level) or `pyproject.toml` with a
   `[tool.layerlint]` table;
2. `--config FILE` (layerlint TOML or hadolint YAML, told apart by name and content);
3. the command line.

When neither 1 nor 2 exists, hadolint's `.hadolint.yaml` is read from hadolint's
search locations (the current directory, then the user's configuration folders), so
that a hadolint user switches without changing anything.

Every value is checked when it is read: an unknown key, an unknown rule or a bad
value raises `ConfigError` naming the file, the line when known, the key, and a
suggestion. Rule selectors are resolved to LL codes here, so Settings only ever holds
codes. TOML is read with tomllib (tomli before Python 3.11), YAML with
`yaml.safe_load`; both are imported only when such a file exists.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from .findings import Severity
from .lazy_re import lazy_compile
from .records import Record, init
from .settings import DEFAULT_SETTINGS, Settings

LAYERLINT_FILES = ("layerlint.toml", "pyproject.toml")
HADOLINT_FILES = (".hadolint.yaml", ".hadolint.yml")

LABEL_TYPES = ("text", "url", "semver", "hash", "rfc3339", "spdx", "email")
THRESHOLDS = ("error", "warning", "info", "style", "none")

# Rule options every layerlint configuration accepts, whether or not a registered rule
# declares them yet; the engine hands each to the rules that declare it.
AGREED_OPTIONS = (
    "trusted-registries",
    "label-schema",
    "strict-labels",
    "secret-files",
    "build-args",
)

SETTING_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "failure-threshold",
    "no-fail",
    "target",
    "context",
    "disable-inline-ignores",
)

HADOLINT_KEYS = (
    "ignored",
    "override",
    "trustedRegistries",
    "trusted-registries",
    "label-schema",
    "strict-labels",
    "failure-threshold",
    "no-fail",
    "disable-ignore-pragma",
    # Output choices stay on the command line; accepted so a hadolint file reads as is.
    "no-color",
    "verbose",
    "format",
    "output-format",
)


class ConfigError(Exception):
    """A configuration problem: one line, `file:line: message` (exit status 2)."""

    def __init__(
        self, where: str, message: str, line: int | None = None, column: int | None = None
    ):
        location = where
        if line is not None:
            location += f":{line}"
            if column is not None:
                location += f":{column}"
        super().__init__(f"{location}: {message}")
        self.where = where
        self.line = line
        self.message = message


class Layer(Record):
    """The checked values of one configuration source, under canonical key names.

    `values` keys: those of SETTING_KEYS (selectors already resolved to LL codes,
    patterns anchored, paths absolute) and `options` (rule options by name).
    `notes` are remarks for `--show-config` (e.g. hadolint rules not implemented).
    """

    __slots__ = ("source", "values", "notes", "path")

    source: str
    values: Mapping[str, Any]
    notes: tuple[str, ...]
    path: str | None

    def __init__(
        self,
        source: str,
        values: Mapping[str, Any],
        notes: tuple[str, ...] = (),
        path: str | None = None,
    ) -> None:
        init(self, "source", source)
        init(self, "values", values)
        init(self, "notes", notes)
        init(self, "path", path)


# ---------------------------------------------------------------------------
# Reading files


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except OSError as error:
        raise ConfigError(
            path, f"cannot read the configuration: {error.strerror or error}"
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(path, "the configuration is not UTF-8 text") from None


def _load_toml(text: str, path: str) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
        if match:
            message = message[: match.start()]
            raise ConfigError(
                path, f"invalid TOML: {message}", int(match.group(1)), int(match.group(2))
            ) from None
        if message.endswith("(at end of document)"):
            message = message[: -len("(at end of document)")].rstrip()
            raise ConfigError(path, f"invalid TOML: {message}", text.count("\n") + 1, 1) from None
        raise ConfigError(path, f"invalid TOML: {message}") from None


def _load_yaml(text: str, path: str) -> Any:
    try:
        import yaml
    except ModuleNotFoundError:
        raise ConfigError(
            path, "reading a hadolint YAML configuration needs PyYAML: pip install pyyaml"
        ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        if mark is not None:
            raise ConfigError(
                path, f"invalid YAML: {problem}", mark.line + 1, mark.column + 1
            ) from None
        raise ConfigError(path, f"invalid YAML: {problem}") from None


def is_hadolint_path(path: str) -> bool:
    return path.lower().endswith((".yaml", ".yml"))


def read_config_file(path: str, source: str | None = None) -> Layer:
    """One configuration file: layerlint TOML or hadolint YAML (by name, else content)."""
    text = _read_text(path)
    name = os.path.basename(path)
    if is_hadolint_path(path):
        return _hadolint_layer(_load_yaml(text, path), path, text, source)
    if name == "pyproject.toml":
        document = _load_toml(text, path)
        table = document.get("tool", {}).get("layerlint")
        if table is None:
            raise ConfigError(path, "no [tool.layerlint] table in this pyproject.toml")
        return _layerlint_layer(table, path, text, source, "[tool.layerlint]")
    if name.endswith(".toml"):
        return _layerlint_layer(_toml_table(_load_toml(text, path)), path, text, source, "")
    # No telling extension: TOML when it reads as TOML, else hadolint YAML.
    try:
        document = _load_toml(text, path)
    except ConfigError:
        return _hadolint_layer(_load_yaml(text, path), path, text, source)
    return _layerlint_layer(_toml_table(document), path, text, source, "")


def _toml_table(document: dict[str, Any]) -> dict[str, Any]:
    """A layerlint.toml holds the keys at the top; a copied [tool.layerlint] works too."""
    if set(document) == {"tool"} and isinstance(document["tool"], dict):
        table = document["tool"].get("layerlint")
        if isinstance(table, dict):
            return table
    return document


def load_config_file(path: str) -> Settings:
    """The Settings of one configuration file alone (no discovery, no command line)."""
    return merge([read_config_file(path)])


# ---------------------------------------------------------------------------
# Checking values


class _Checker:
    """Checks values of one file and raises ConfigError with its location."""

    def __init__(self, path: str, text: str, table_name: str, hadolint: bool = False):
        self.path = path
        self.table_name = table_name
        self.lines = text.splitlines()
        self.hadolint = hadolint
        self.start = 0
        if table_name:
            header = re.compile(r"\s*\[\s*tool\s*\.\s*layerlint\s*[\].]")
            for number, line in enumerate(self.lines):
                if header.match(line):
                    self.start = number
                    break
        self.notes: list[str] = []

    def line_of(self, key: str) -> int | None:
        """The line of `key = ...` (or a `[... .key]` header) in this file, if found."""
        quoted = re.escape(key)
        pattern = re.compile(
            rf"\s*(?:[\"']?{quoted}[\"']?\s*[=:]|\[[^\]]*\b{quoted}[\"']?\s*\])"
            if not self.hadolint
            else rf"\s*(?:-\s*)?[\"']?{quoted}[\"']?\s*:"
        )
        for number in range(self.start, len(self.lines)):
            if pattern.match(self.lines[number]):
                return number + 1
        return None

    def fail(self, key: str, message: str, line_key: str | None = None) -> ConfigError:
        """An error about `key`, located at the line of `line_key` (default: `key`)."""
        return ConfigError(self.path, message, self.line_of(line_key or key))

    # --- shapes

    def string(self, key: str, value: Any) -> str:
        if not isinstance(value, str):
            raise self.fail(key, f"'{key}' must be a string, not {_describe(value)}")
        return value

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, f"'{key}' must be true or false, not {_describe(value)}")
        return value

    def strings(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(key, f"'{key}' must be a list of strings, not {_describe(value)}")
        return tuple(value)

    def table(self, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"'{key}' must be a table of key = value, not {_describe(value)}")
        return value

    # --- meanings

    def selectors(self, key: str, value: Any, line_key: str | None = None) -> tuple[str, ...]:
        """Rule selectors resolved to LL codes (sorted, unique)."""
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(
                key, f"'{key}' must be a list of rule codes, not {_describe(value)}", line_key
            )
        codes: set[str] = set()
        for selector in value:
            codes |= self.resolve(key, selector, line_key)
        return tuple(sorted(codes))

    def resolve(self, key: str, selector: str, line_key: str | None = None) -> frozenset[str]:
        from .registry import UnknownSelector, resolve
        from .suppress import is_peer_code

        try:
            return resolve(selector)
        except UnknownSelector as error:
            if self.hadolint and is_peer_code(selector.strip()):
                self.notes.append(f"{selector.strip()} is not implemented by layerlint ({key})")
                return frozenset()
            hint = f" (did you mean {error.suggestion}?)" if error.suggestion else ""
            if is_peer_code(selector.strip()):
                what = f"no layerlint rule implements {selector.strip()!r}"
            else:
                what = f"unknown rule {selector.strip()!r}"
            raise self.fail(key, f"{what} in '{key}'{hint}", line_key) from None

    def severity(self, key: str, value: Any, line_key: str | None = None) -> Severity:
        levels = ("error", "warning", "info", "style")
        if not isinstance(value, str) or value.strip().lower() not in levels:
            raise self.fail(
                key,
                f"'{key}' must be error, warning, info or style, not {_describe(value)}"
                + _hint(str(value), levels),
                line_key,
            )
        return Severity.parse(value)

    def threshold(
        self, key: str, value: Any, choices: tuple[str, ...] = THRESHOLDS
    ) -> Severity | None:
        text = self.string(key, value)
        word = text.strip().lower()
        if word not in choices:
            raise self.fail(
                key,
                f"'{key}' must be one of {', '.join(choices)}, not {text!r}" + _hint(word, choices),
            )
        if word == "none":
            return None
        if word == "ignore":  # hadolint's lowest level: fail on any finding
            return Severity.STYLE
        return Severity.parse(word)

    def label_schema(self, key: str, value: Any) -> dict[str, str]:
        schema: dict[str, str] = {}
        for label, kind in self.table(key, value).items():
            if not isinstance(kind, str) or kind not in LABEL_TYPES:
                raise self.fail(
                    key,
                    f"'{key}': label {label!r} has type {_describe(kind)}; use one of"
                    f" {', '.join(LABEL_TYPES)}" + _hint(str(kind), LABEL_TYPES),
                    str(label),
                )
            schema[str(label)] = kind
        return schema

    def build_args(self, key: str, value: Any) -> dict[str, str]:
        args: dict[str, str] = {}
        for name, setting in self.table(key, value).items():
            if isinstance(setting, bool):
                setting = "true" if setting else "false"
            if not isinstance(setting, (str, int, float)):
                raise self.fail(
                    key,
                    f"'{key}': build argument {name!r} must be a string, not {_describe(setting)}",
                    str(name),
                )
            args[str(name)] = str(setting)
        return args

    def option(self, key: str, value: Any, default: Any) -> Any:
        """A rule option: the agreed ones by meaning, others by the default's type."""
        if key == "trusted-registries" or key == "secret-files":
            return self.strings(key, value)
        if key == "label-schema":
            return MappingProxyType(self.label_schema(key, value))
        if key == "strict-labels":
            return self.boolean(key, value)
        if key == "build-args":
            return MappingProxyType(self.build_args(key, value))
        if default is None:
            return value
        if isinstance(default, bool):
            return self.boolean(key, value)
        if isinstance(default, int) and not isinstance(value, bool) and isinstance(value, int):
            return value
        if (
            isinstance(default, float)
            and isinstance(value, (int, float))
            and not isinstance(value, bool)
        ):
            return float(value)
        if isinstance(default, str):
            return self.string(key, value)
        if isinstance(default, (list, tuple)):
            if not isinstance(value, list):
                raise self.fail(key, f"'{key}' must be a list, not {_describe(value)}")
            if all(isinstance(item, str) for item in default):
                return self.strings(key, value)
            return tuple(value)
        if isinstance(default, dict):
            return MappingProxyType(self.table(key, value))
        raise self.fail(key, f"'{key}' must be {_describe(default)}, not {_describe(value)}")

    def unknown(self, key: str, known: Iterable[str]) -> ConfigError:
        where = f" in {self.table_name}" if self.table_name else ""
        return self.fail(key, f"unknown key {key!r}{where}" + _hint(key, tuple(known)))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


def _hint(word: str, choices: Iterable[str]) -> str:
    import difflib

    options = list(choices)
    normal = {re.sub(r"[-_]", "", choice.lower()): choice for choice in options}
    key = re.sub(r"[-_]", "", word.lower())
    if key in normal and normal[key] != word:
        return f" (did you mean {normal[key]!r}?)"
    close = difflib.get_close_matches(word.lower(), [c.lower() for c in options], n=1, cutoff=0.6)
    if close:
        original = next(c for c in options if c.lower() == close[0])
        return f" (did you mean {original!r}?)"
    return ""


def declared_options() -> dict[str, Any]:
    """Rule options declared by registered rules: name → default (first declaration)."""
    from .registry import all_rules

    options: dict[str, Any] = {}
    for rule in all_rules():
        for option in rule.meta.options:
            options.setdefault(option.name, option.default)
    return options


def _layerlint_layer(
    table: Any, path: str, text: str, source: str | None, table_name: str
) -> Layer:
    checker = _Checker(path, text, table_name)
    if not isinstance(table, dict):
        raise ConfigError(path, f"{table_name or 'the configuration'} must be a table")
    option_defaults = declared_options()
    for name in AGREED_OPTIONS:
        option_defaults.setdefault(name, None)
    known = SETTING_KEYS + tuple(option_defaults)
    base = os.path.dirname(os.path.abspath(path))
    values: dict[str, Any] = {}
    options: dict[str, Any] = {}
    for key, value in table.items():
        if key in ("select", "extend-select", "ignore"):
            codes = checker.selectors(key, value)
            if key == "select" and not codes:
                raise checker.fail(
                    key, "'select' must name at least one rule (use 'ignore' to turn rules off)"
                )
            values[key] = codes
        elif key == "per-file-ignores":
            values[key] = _per_file_ignores(checker, key, value, base)
        elif key == "severity":
            values[key] = _severity_table(checker, key, value)
        elif key == "failure-threshold":
            values[key] = checker.threshold(key, value)
        elif key in ("no-fail", "disable-inline-ignores"):
            values[key] = checker.boolean(key, value)
        elif key == "target":
            values[key] = checker.string(key, value)
        elif key == "context":
            values[key] = os.path.normpath(os.path.join(base, checker.string(key, value)))
        elif key in option_defaults:
            options[key] = checker.option(key, value, option_defaults[key])
        else:
            raise checker.unknown(key, known + HADOLINT_KEYS)
    if options:
        values["options"] = options
    label = source or (f"{path} ({table_name})" if table_name else path)
    return Layer(label, MappingProxyType(values), tuple(checker.notes), path)


def _per_file_ignores(
    checker: _Checker, key: str, value: Any, base: str
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    from .globs import anchor_pattern

    entries = []
    for pattern, selectors in checker.table(key, value).items():
        codes = checker.selectors(f"{key}.{pattern}", selectors, pattern)
        entries.append((anchor_pattern(pattern, base), codes))
    return tuple(entries)


def _severity_table(checker: _Checker, key: str, value: Any) -> dict[str, Severity]:
    severities: dict[str, Severity] = {}
    for selector, level in checker.table(key, value).items():
        severity = checker.severity(f"{key}.{selector}", level, selector)
        for code in checker.resolve(key, selector, selector):
            severities[code] = severity
    return severities


def _hadolint_layer(document: Any, path: str, text: str, source: str | None) -> Layer:
    """hadolint's `.hadolint.yaml`: the same meaning under layerlint's keys."""
    checker = _Checker(path, text, "", hadolint=True)
    if document is None:
        document = {}
    if not isinstance(document, dict):
        raise ConfigError(path, "a hadolint configuration must be a mapping of keys")
    values: dict[str, Any] = {}
    options: dict[str, Any] = {}
    for key, value in document.items():
        key = str(key)
        if key == "ignored":
            values["ignore"] = checker.selectors(key, value or [])
        elif key == "override":
            severities: dict[str, Severity] = {}
            for level, codes in checker.table(key, value or {}).items():
                if level not in ("error", "warning", "info", "style"):
                    raise checker.fail(
                        str(level),
                        f"'override' takes error, warning, info and style lists, not {level!r}"
                        + _hint(str(level), ("error", "warning", "info", "style")),
                    )
                for code in checker.selectors(f"override.{level}", codes or [], str(level)):
                    severities[code] = Severity.parse(level)
            values["severity"] = severities
        elif key in ("trustedRegistries", "trusted-registries"):
            options["trusted-registries"] = checker.strings(key, value or [])
        elif key == "label-schema":
            options["label-schema"] = MappingProxyType(checker.label_schema(key, value or {}))
        elif key == "strict-labels":
            options["strict-labels"] = checker.boolean(key, value)
        elif key == "failure-threshold":
            values["failure-threshold"] = checker.threshold(key, value, (*THRESHOLDS, "ignore"))
        elif key == "no-fail":
            values["no-fail"] = checker.boolean(key, value)
        elif key == "disable-ignore-pragma":
            values["disable-inline-ignores"] = checker.boolean(key, value)
        elif key in HADOLINT_KEYS:
            checker.notes.append(f"'{key}' is a hadolint output option; set it on the command line")
        else:
            raise checker.unknown(key, HADOLINT_KEYS)
    if options:
        values["options"] = options
    return Layer(source or path, MappingProxyType(values), tuple(checker.notes), path)


def cli_layer(
    *,
    select: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    failure_threshold: str | None = None,
    no_fail: bool = False,
    target: str | None = None,
    context: str | None = None,
    disable_inline_ignores: bool = False,
    build_args: Mapping[str, str] | None = None,
    trusted_registries: Iterable[str] = (),
    required_labels: Iterable[str] = (),
    strict_labels: bool = False,
    severities: Mapping[str, Iterable[str]] | None = None,
) -> Layer:
    """The command line's settings (only what was given). `required_labels` are
    hadolint's `--require-label LABEL:TYPE`; `severities` maps a level to the
    selectors given with hadolint's `--error`, `--warning`, `--info`, `--style`."""
    from .registry import UnknownSelector, resolve_many

    values: dict[str, Any] = {}
    for option, key, selectors in (
        ("--select", "select", tuple(select)),
        ("--extend-select", "extend-select", tuple(extend_select)),
        ("--ignore", "ignore", tuple(ignore)),
    ):
        if not selectors:
            continue
        try:
            values[key] = tuple(sorted(resolve_many(selectors)))
        except UnknownSelector as error:
            raise ConfigError(option, str(error)) from None
    if failure_threshold is not None:
        # hadolint's `ignore` is its lowest level: any finding fails.
        word = "style" if failure_threshold == "ignore" else failure_threshold
        values["failure-threshold"] = None if word == "none" else Severity.parse(word)
    severity: dict[str, Severity] = {}
    for level, selectors in (severities or {}).items():
        try:
            codes = resolve_many(tuple(selectors)) if selectors else ()
        except UnknownSelector as error:
            raise ConfigError(f"--{level}", str(error)) from None
        severity.update((code, Severity.parse(level)) for code in codes)
    if severity:
        values["severity"] = severity
    if no_fail:
        values["no-fail"] = True
    if target is not None:
        values["target"] = target
    if context is not None:
        values["context"] = os.path.abspath(context)
    if disable_inline_ignores:
        values["disable-inline-ignores"] = True
    options: dict[str, Any] = {}
    if build_args:
        options["build-args"] = MappingProxyType(dict(build_args))
    if trusted_registries:
        # As in hadolint, the command line's registries add to the configured ones.
        values["extend-trusted-registries"] = tuple(trusted_registries)
    schema = {}
    for item in required_labels:
        label, _, kind = item.rpartition(":")
        if not label or kind not in LABEL_TYPES:
            raise ConfigError(
                "--require-label",
                f"{item!r}: expected LABEL:TYPE with TYPE one of {', '.join(LABEL_TYPES)}"
                + _hint(kind, LABEL_TYPES),
            )
        schema[label] = kind
    if schema:
        options["label-schema"] = MappingProxyType(schema)
    if strict_labels:
        options["strict-labels"] = True
    if options:
        values["options"] = options
    return Layer("command line", MappingProxyType(values))


# ---------------------------------------------------------------------------
# Merging


def merge(layers: Iterable[Layer], base: Settings = DEFAULT_SETTINGS) -> Settings:
    """Settings from layers, lowest precedence first.

    `select` of a layer replaces everything below it; `extend-select` and `ignore`
    then adjust the selection in order (a later `extend-select` re-enables a rule a
    lower layer ignored). Tables (`severity`, `per-file-ignores`, options) merge by
    key; other keys are replaced, but for `extend-trusted-registries` (hadolint's
    `--trusted-registry`), which adds to the configured registries.
    """
    select: tuple[str, ...] = base.select
    extend: set[str] = set(base.extend_select)
    ignore: set[str] = set(base.ignore)
    severity: dict[str, Severity] = dict(base.severity)
    per_file: dict[str, tuple[str, ...]] = dict(base.per_file_ignores)
    options: dict[str, Any] = dict(base.options)
    scalars: dict[str, Any] = {}
    origin: list[str] = list(base.origin)
    for layer in layers:
        values = layer.values
        origin.append(layer.source)
        if "select" in values:
            select = values["select"]
            extend, ignore = set(), set()
        layer_extend = set(values.get("extend-select", ()))
        layer_ignore = set(values.get("ignore", ()))
        extend = (extend - layer_ignore) | layer_extend
        ignore = (ignore - layer_extend) | layer_ignore
        severity.update(values.get("severity", {}))
        per_file.update(dict(values.get("per-file-ignores", ())))
        for name, value in values.get("options", {}).items():
            earlier = options.get(name)
            if isinstance(value, Mapping) and isinstance(earlier, Mapping):
                value = MappingProxyType({**earlier, **value})  # a table: key by key
            options[name] = value
        if "extend-trusted-registries" in values:
            registries = [
                *options.get("trusted-registries", ()),
                *values["extend-trusted-registries"],
            ]
            options["trusted-registries"] = tuple(dict.fromkeys(registries))
        for key in ("failure-threshold", "no-fail", "target", "context", "disable-inline-ignores"):
            if key in values:
                scalars[key] = values[key]
    return base.with_changes(
        select=tuple(select),
        extend_select=tuple(sorted(extend)),
        ignore=tuple(sorted(ignore)),
        severity=MappingProxyType(severity),
        per_file_ignores=tuple(per_file.items()),
        options=MappingProxyType(options),
        failure_threshold=scalars.get("failure-threshold", base.failure_threshold),
        no_fail=scalars.get("no-fail", base.no_fail),
        target=scalars.get("target", base.target),
        context=scalars.get("context", base.context),
        disable_inline_ignores=scalars.get("disable-inline-ignores", base.disable_inline_ignores),
        origin=tuple(origin),
    )


# ---------------------------------------------------------------------------
# Finding configuration for a file


def find_layerlint_config(directory: str) -> str | None:
    """The nearest `layerlint.toml`, or `pyproject.toml` with [tool.layerlint],
    in `directory` or above it."""
    current = os.path.abspath(directory)
    while True:
        found = _config_in(current)
        if found is not None:
            return found
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _config_in(directory: str) -> str | None:
    candidate = os.path.join(directory, "layerlint.toml")
    if os.path.isfile(candidate):
        return candidate
    candidate = os.path.join(directory, "pyproject.toml")
    if os.path.isfile(candidate) and _has_layerlint_table(candidate):
        return candidate
    return None


_TOOL_TABLE = lazy_compile(r"^\s*\[\s*tool\s*\.\s*layerlint\s*[\].]", re.M)


def _has_layerlint_table(path: str) -> bool:
    """Whether a pyproject.toml has [tool.layerlint] (a text test; the read checks it)."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            return _TOOL_TABLE.search(handle.read()) is not None
    except OSError:
        return False


def hadolint_search_paths(cwd: str | None = None) -> list[str]:
    """Where hadolint looks for its configuration, in its order."""
    home = os.path.expanduser("~")
    xdg = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    cwd = cwd or os.getcwd()
    return (
        [os.path.join(cwd, name) for name in HADOLINT_FILES]
        + [os.path.join(xdg, name) for name in ("hadolint.yaml", "hadolint.yml")]
        + [
            os.path.join(home, ".hadolint", name)
            for name in ("hadolint.yaml", "hadolint.yml", "config.yaml", "config.yml")
        ]
        + [os.path.join(home, name) for name in HADOLINT_FILES]
    )


def find_hadolint_config(cwd: str | None = None) -> str | None:
    for candidate in hadolint_search_paths(cwd):
        if os.path.isfile(candidate):
            return candidate
    return None


class Resolver:
    """Per-file Settings: discovered file < `--config` < command line, cached per
    directory. For standard input, pass the `--stdin-filename` (or `-`, the current
    directory). `cwd` defaults to the process's current directory."""

    def __init__(
        self, config_path: str | None = None, cli: Layer | None = None, cwd: str | None = None
    ) -> None:
        self.config_path = config_path
        self.cli = cli
        self.cwd = cwd
        self._explicit: Layer | None = None
        if config_path is not None:
            self._explicit = read_config_file(config_path, f"--config {config_path}")
        self._layers: dict[str, Layer | None] = {}
        self._settings: dict[str, Settings] = {}
        self._hadolint: list[Layer | None] = []

    def directory_of(self, path: str) -> str:
        base = self.cwd or os.getcwd()
        if path == "-":
            return base
        absolute = os.path.join(base, path)
        return absolute if os.path.isdir(absolute) else os.path.dirname(absolute)

    def layers_for(self, path: str) -> list[Layer]:
        """The layers that apply to a file (or to files of a directory), lowest first."""
        layers: list[Layer] = []
        discovered = self._discover(self.directory_of(path))
        if discovered is not None:
            layers.append(discovered)
        if self._explicit is not None:
            layers.append(self._explicit)
        if discovered is None and self._explicit is None:
            hadolint = self._hadolint_layer()
            if hadolint is not None:
                layers.append(hadolint)
        if self.cli is not None:
            layers.append(self.cli)
        return layers

    def settings_for(self, path: str) -> Settings:
        directory = self.directory_of(path)
        settings = self._settings.get(directory)
        if settings is None:
            settings = merge(self.layers_for(path))
            self._settings[directory] = settings
        return settings

    def _discover(self, directory: str) -> Layer | None:
        if directory in self._layers:
            return self._layers[directory]
        found = _config_in(directory)
        if found is not None:
            layer: Layer | None = read_config_file(found)
        else:
            parent = os.path.dirname(directory)
            layer = None if parent == directory else self._discover(parent)
        self._layers[directory] = layer
        return layer

    def _hadolint_layer(self) -> Layer | None:
        if not self._hadolint:
            found = find_hadolint_config(self.cwd)
            self._hadolint.append(read_config_file(found) if found else None)
        return self._hadolint[0]


# ---------------------------------------------------------------------------
# --show-config


def render(settings: Settings, layers: list[Layer], path: str) -> str:
    """The effective configuration of a file, as layerlint TOML with comments."""
    from .registry import find_rule

    def name_of(code: str) -> str:
        rule = find_rule(code)
        return f"{code} ({rule.name})" if rule else code

    lines = [f"# effective configuration for {path}"]
    if layers:
        lines.append("# read from, lowest precedence first:")
        lines.extend(f"#   {layer.source}" for layer in layers)
    else:
        lines.append("# no configuration file: defaults")
    for layer in layers:
        lines.extend(f"# note: {note}" for note in layer.notes)
    if settings.select:
        lines.append(f"select = {_toml(list(settings.select))}")
    else:
        lines.append("# select: the rules enabled by default")
    lines.append(f"extend-select = {_toml(list(settings.extend_select))}")
    lines.append(f"ignore = {_toml(list(settings.ignore))}")
    threshold = settings.failure_threshold.label if settings.failure_threshold else "none"
    lines.append(f"failure-threshold = {_toml(threshold)}")
    lines.append(f"no-fail = {_toml(settings.no_fail)}")
    lines.append(f"disable-inline-ignores = {_toml(settings.disable_inline_ignores)}")
    if settings.target is not None:
        lines.append(f"target = {_toml(settings.target)}")
    if settings.context is not None:
        lines.append(f"context = {_toml(settings.context)}")
    for key in sorted(settings.options):
        if not isinstance(settings.options[key], Mapping):
            lines.append(f"{_key(key)} = {_toml(settings.options[key])}")
    if settings.severity:
        lines.append("")
        lines.append("[severity]")
        for code in sorted(settings.severity):
            lines.append(f"{code} = {_toml(settings.severity[code].label)}  # {name_of(code)}")
    if settings.per_file_ignores:
        lines.append("")
        lines.append("[per-file-ignores]")
        for pattern, codes in settings.per_file_ignores:
            lines.append(f"{_key(pattern)} = {_toml(list(codes))}")
    for key in sorted(settings.options):
        value = settings.options[key]
        if isinstance(value, Mapping):
            lines.append("")
            lines.append(f"[{_key(key)}]")
            lines.extend(f"{_key(str(k))} = {_toml(v)}" for k, v in value.items())
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml(key)


def _toml(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(str(k))} = {_toml(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value))


__all__ = [
    "ConfigError",
    "Layer",
    "Resolver",
    "cli_layer",
    "find_hadolint_config",
    "find_layerlint_config",
    "load_config_file",
    "merge",
    "read_config_file",
    "render",
]
