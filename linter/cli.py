"""The `layerlint` command.

    layerlint [check] [PATH ...]      lint files and directories (`-` = stdin)
    layerlint parse PATH ...          print the AST as JSON (debugging aid)
    layerlint layers PATH             show the layer and filesystem model
    layerlint rules                   list the rules
    layerlint explain CODE|NAME       print a rule's documentation

Exit status: 0 no finding at or above the failure threshold, 1 findings, 2 usage
error, unreadable path or internal error. Errors are one line on stderr, never a
traceback (unless --verbose).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .config import Resolver
    from .nodes import Dockerfile
    from .rule import LoadedRule

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

COMMANDS = ("check", "parse", "layers", "rules", "explain")
# What writing the output may fail with that is the disk's fault, not layerlint's.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})
# The rule that needs the ShellCheck binary (the `shellcheck` extra).
SHELLCHECK_RULE = "LL3056"


class UsageError(Exception):
    """A problem with how layerlint was called (exit status 2)."""


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, without its import of shutil (and with it bz2, lzma ...)
    at every parser construction only to read the terminal width: ~3 ms per start."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2  # argparse's own margin
        super().__init__(prog, indent_increment, max_help_position, width)


def _terminal_columns() -> int:
    """COLUMNS, else the width of the terminal on stdout, else 80 (as shutil does)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        return 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        command = " ".join(["layerlint", *self.prog.split()[1:]])  # "layerlint check"
        raise UsageError(f"{message} (see `{command} --help`)")


def _add_output_options(parser: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    parser.add_argument(
        "--format", "-f", default="tty", choices=formats, help="output format (default: tty)"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the tty output (default: auto; honours NO_COLOR and FORCE_COLOR)",
    )


def _add_hadolint_options(check: argparse.ArgumentParser) -> None:
    """hadolint's spellings of settings, so that its command lines keep working."""
    hadolint = check.add_argument_group(
        "hadolint options", "the same as in hadolint (and as the keys of its .hadolint.yaml)"
    )
    hadolint.add_argument(
        "--no-color", dest="color", action="store_const", const="never", help="as --color never"
    )
    hadolint.add_argument(
        "--trusted-registry",
        action="append",
        default=[],
        metavar="REGISTRY",
        help="a registry base images may come from (repeatable; LL2002)",
    )
    hadolint.add_argument(
        "--require-label",
        action="append",
        default=[],
        metavar="LABEL:TYPE",
        help="a label every image must have, of type text, url, semver, hash, rfc3339,"
        " spdx or email (repeatable; LL3035-LL3043)",
    )
    hadolint.add_argument(
        "--strict-labels",
        action="store_true",
        help="report labels that --require-label does not name (LL3036)",
    )
    for level in ("error", "warning", "info", "style"):
        hadolint.add_argument(
            f"--{level}",
            dest=f"severity_{level}",
            action="append",
            default=[],
            metavar="CODE",
            help=f"report this rule's findings as {level} (repeatable)",
        )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with `only`, just that command (argparse costs time per
    option, and a run needs one command)."""
    from .reporters import FORMAT_ALIASES, FORMATS

    parser = _Parser(
        prog="layerlint",
        description="A Dockerfile and Containerfile linter that understands image layers.",
        epilog="`layerlint PATH ...` is short for `layerlint check PATH ...`.",
    )
    parser.add_argument("--version", "-V", action="version", version=f"layerlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    if only in (None, "check"):
        check = commands.add_parser(
            "check", help="lint Dockerfiles (the default command)", description="Lint Dockerfiles."
        )
        check.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="files, or directories searched for Dockerfile, *.Dockerfile, Containerfile ...;"
            " `-` reads standard input (default: the current directory)",
        )
        _add_output_options(check, sorted([*FORMATS, *FORMAT_ALIASES]))
        check.add_argument(
            "--select",
            action="append",
            default=[],
            metavar="CODES",
            help="run only these rules (codes, names, aliases or code prefixes, "
            "comma-separated; repeatable)",
        )
        check.add_argument(
            "--extend-select",
            action="append",
            default=[],
            metavar="CODES",
            help="run these rules in addition to the selected ones",
        )
        check.add_argument(
            "--ignore", action="append", default=[], metavar="CODES", help="do not run these rules"
        )
        check.add_argument(
            "--stdin-filename",
            metavar="PATH",
            help="name to report for `-` (also used to find configuration)",
        )
        check.add_argument(
            "--failure-threshold",
            "-t",
            metavar="LEVEL",
            choices=("error", "warning", "info", "style", "none", "ignore"),
            help="exit 1 only for findings at or above LEVEL "
            "(error, warning, info, style, none; default: info, as hadolint's)",
        )
        check.add_argument("--no-fail", action="store_true", help="exit 0 even with findings")
        check.add_argument(
            "--target", metavar="STAGE", help="build target stage (default: the last stage)"
        )
        check.add_argument(
            "--config",
            "-c",
            metavar="FILE",
            help="configuration file (layerlint TOML or hadolint YAML), applied over "
            "the one found for each file",
        )
        check.add_argument(
            "--show-config",
            action="store_true",
            help="print the effective configuration for each PATH and exit",
        )
        check.add_argument(
            "--disable-inline-ignores",
            "--disable-ignore-pragma",
            action="store_true",
            help="ignore every suppression comment (layerlint, hadolint, # check=skip)",
        )
        check.add_argument(
            "--context",
            metavar="DIR",
            help="build context directory (for .dockerignore; default: the Dockerfile's directory)",
        )
        check.add_argument(
            "--build-arg",
            action="append",
            default=[],
            metavar="NAME[=VALUE]",
            help="a build argument, as for docker build (repeatable)",
        )
        check.add_argument(
            "--timeout",
            type=float,
            metavar="SECONDS",
            help="time budget per file; a slower file gets LL1001",
        )
        check.add_argument(
            "--jobs",
            "-j",
            type=int,
            metavar="N",
            help="lint files in N processes (default: the number of cores)",
        )
        check.add_argument(
            "--no-cache",
            action="store_true",
            help="do not read or write the result cache (see README, Performance)",
        )
        check.add_argument(
            "--statistics",
            action="store_true",
            help="print counts per rule (on stderr for formats other than tty)",
        )
        check.add_argument(
            "--sarif-category",
            metavar="CATEGORY",
            help="SARIF automationDetails.id: GitHub keeps one analysis per category",
        )
        check.add_argument(
            "--repository-root",
            metavar="DIR",
            help="directory that paths in sarif, github and codeclimate output are "
            "relative to (default: the git work tree around the current directory, or "
            "around the linted files when they lie outside it)",
        )
        _add_hadolint_options(check)
        check.add_argument(
            "--quiet",
            "-q",
            action="store_true",
            help="print only the summary (tty) and nothing on success",
        )
        check.add_argument(
            "--verbose",
            "-v",
            action="store_true",
            help="print tracebacks of internal errors and other details",
        )

    if only in (None, "parse"):
        parse = commands.add_parser("parse", help="print the AST of files as JSON")
        parse.add_argument("paths", nargs="+", metavar="PATH")

    if only in (None, "layers"):
        layers = commands.add_parser(
            "layers",
            help="show the layers and simulated filesystem of each stage",
            description="For each stage (shipped or build-only) and each of its layers "
            "(RUN, COPY, ADD): the paths it creates, modifies and deletes, and for a "
            "deleted path the line of the earlier layer that created it. docs/layers.md "
            "says what the model knows.",
        )
        layers.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="Dockerfiles, or directories to search for them (default: .); - reads "
            "standard input",
        )
        layers.add_argument(
            "--format",
            "-f",
            choices=("tty", "json"),
            default="tty",
            help='tty: a table; json: {"stages": [...], "path": ...}, a list of '
            "those for several PATHs or a directory",
        )
        layers.add_argument(
            "--target",
            metavar="STAGE",
            help="build target stage (default: the configured one, else the last stage)",
        )
        layers.add_argument(
            "--context",
            metavar="DIR",
            help="build context directory (for .dockerignore; default: the configured "
            "one, else the Dockerfile's directory)",
        )
        layers.add_argument(
            "--build-arg",
            action="append",
            default=[],
            metavar="NAME[=VALUE]",
            help="a build argument, as for docker build (repeatable): the value of ARG NAME",
        )
        layers.add_argument(
            "--config",
            metavar="FILE",
            help="configuration file (its target and context apply), applied over the "
            "one found for each file",
        )
        layers.add_argument(
            "--color",
            choices=("auto", "always", "never"),
            default="auto",
            help="colour the table (auto: on a terminal, unless NO_COLOR is set)",
        )
        layers.add_argument(
            "--verbose", "-v", action="store_true", help="print tracebacks of internal errors"
        )

    if only in (None, "rules"):
        rules = commands.add_parser("rules", help="list the rules")
        rules.add_argument("--format", "-f", choices=("tty", "json", "markdown"), default="tty")
        rules.add_argument(
            "--all", action="store_true", help="(kept for compatibility) list all rules"
        )

    if only in (None, "explain"):
        explain = commands.add_parser("explain", help="print the documentation of a rule")
        explain.add_argument("rule", metavar="CODE|NAME|ALIAS")
    return parser


def _asked_for(options: argparse.Namespace) -> frozenset[str]:
    """Rule codes `--select`/`--extend-select` name one by one (not by prefix)."""
    from .registry import UnknownSelector, find_rule, resolve, rule_code_of

    codes: set[str] = set()
    for selector in [*_split_codes(options.select), *_split_codes(options.extend_select)]:
        if find_rule(selector) is None:
            continue  # a prefix or `ALL`: not a request for one rule
        with contextlib.suppress(UnknownSelector):
            codes |= {rule_code_of(code) for code in resolve(selector)}  # SC2086: LL3056
    return frozenset(codes)


def _check_command_spelling(arguments: list[str]) -> None:
    """`layerlint explian X`: a misspelt command, not a file to lint."""
    import difflib

    if len(arguments) < 2:
        return
    word = arguments[1]
    if word.startswith("-") or os.path.exists(word):
        return
    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.75)
    if close:
        raise UsageError(f"unknown command {word!r} (did you mean {close[0]!r}?)")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    verbose = "--verbose" in arguments or "-v" in arguments
    if arguments[:1] == ["help"]:
        # `layerlint help layers` is `layerlint layers --help`.
        arguments = [*arguments[1:2], "--help"]
    if not arguments or (
        arguments[0] not in COMMANDS and arguments[0] not in ("-h", "--help", "--version", "-V")
    ):
        arguments.insert(0, "check")
        implied = True
    else:
        implied = False
    try:
        if implied:
            _check_command_spelling(arguments)
        parser = build_parser(arguments[0] if arguments[0] in COMMANDS else None)
        options, extras = parser.parse_known_args(arguments)
        command = options.command or "check"
        if extras:
            hint = f"layerlint {command} --help"
            raise UsageError(f"unrecognized arguments: {' '.join(extras)} (see `{hint}`)")
        commands = {
            "check": _check,
            "parse": _parse,
            "layers": _layers,
            "rules": _rules,
            "explain": _explain,
        }
        if command not in commands:
            raise UsageError(f"unknown command {command!r}")
        status = commands[command](options)
        sys.stdout.flush()  # here, so that a failed write is reported like any other
        return status
    except UsageError as error:
        print(f"layerlint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("layerlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `layerlint ... | head`); nothing left to say.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_ERROR
    except Exception as error:  # the last line of defence: one line, no traceback
        if isinstance(error, OSError) and error.errno in _WRITE_ERRORS:
            # Standard output could not be written (`layerlint layers x > /dev/full`).
            with contextlib.suppress(OSError):
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            print(f"layerlint: error: cannot write the output: {error.strerror}", file=sys.stderr)
            return EXIT_ERROR
        if verbose:
            import traceback

            traceback.print_exc()
        print(
            f"layerlint: internal error: {type(error).__name__}: {error}"
            " (run with --verbose for details; please report it)",
            file=sys.stderr,
        )
        return EXIT_ERROR


# ---------------------------------------------------------------------------
# check


def _split_codes(values: list[str]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _use_color(choice: str, stream: object) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _check(options: argparse.Namespace) -> int:
    from .cache import ResultCache
    from .config import ConfigError, Resolver, cli_layer
    from .engine import select_rules
    from .files import discover
    from .reporters import Report, renderer
    from .reporters.base import statistics_text
    from .runner import default_jobs, lint_files

    try:
        resolver = Resolver(
            config_path=options.config,
            cli=cli_layer(
                select=_split_codes(options.select),
                extend_select=_split_codes(options.extend_select),
                ignore=_split_codes(options.ignore),
                failure_threshold=options.failure_threshold,
                no_fail=options.no_fail,
                target=options.target,
                context=options.context,
                disable_inline_ignores=options.disable_inline_ignores,
                build_args=_build_args(options.build_arg),
                trusted_registries=options.trusted_registry,
                required_labels=options.require_label,
                strict_labels=options.strict_labels,
                severities={
                    level: _split_codes(getattr(options, f"severity_{level}"))
                    for level in ("error", "warning", "info", "style")
                },
            ),
        )
        if options.show_config:
            return _show_config(resolver, options.paths or ["."], options.stdin_filename)
    except ConfigError as error:
        raise UsageError(str(error)) from None

    if options.repository_root and not os.path.isdir(options.repository_root):
        raise UsageError(f"--repository-root {options.repository_root}: not a directory")
    if options.context and not os.path.isdir(options.context):
        raise UsageError(f"--context {options.context}: not a directory")
    if options.timeout is not None and not options.timeout > 0:
        raise UsageError(f"--timeout {options.timeout:g}: must be a positive number of seconds")
    # `--stdin-filename` without paths means standard input, as in ruff.
    paths = options.paths or (["-"] if options.stdin_filename else ["."])
    files, problems = discover(paths)
    found_any = bool(files)
    stdin_data = None
    stdin_name = options.stdin_filename or "-"
    # Configuration is read before anything is linted, so that its errors come first.
    try:
        settings_of = {
            (stdin_name if path == "-" else path): resolver.settings_for(
                stdin_name if path == "-" else path
            )
            for path in files
        } or {".": resolver.settings_for(".")}
    except ConfigError as error:
        raise UsageError(str(error)) from None
    distinct = {id(settings): settings for settings in settings_of.values()}.values()
    rules = _rules_of(select_rules(settings) for settings in distinct)
    if "-" in files:
        stdin_data = sys.stdin.buffer.read()
    # A build target that names no stage fails the build: say so, do not lint another.
    missing_targets = _missing_targets(files, settings_of, stdin_data, stdin_name)
    files = [path for path in files if path not in missing_targets]
    run = lint_files(
        files,
        settings_of.__getitem__,
        stdin_data,
        stdin_name,
        timeout=options.timeout,
        jobs=options.jobs if options.jobs is not None else default_jobs(),
        cache=None if options.no_cache else ResultCache(),
    )
    errors = [f"{problem.path}: {problem.message}" for problem in problems]
    errors += [
        f"{path}: no stage named {target!r} ({_named_stages(names)})"
        for path, (target, names) in missing_targets.items()
    ]
    errors += [f"{path}: cannot read: {reason}" for path, reason in run.unreadable]
    for error in errors:
        print(f"layerlint: error: {error}", file=sys.stderr)
    if run.internal_error:  # reported as LL1002 findings; SARIF says the run failed
        errors.append("an internal error stopped the checks of a file (LL1002)")
    if not found_any and not problems:
        shown = ", ".join(paths)
        print(f"layerlint: warning: no Dockerfile found in {shown}", file=sys.stderr)
    if options.verbose:
        for result in run.results:
            for trace in result.tracebacks:
                print(trace, file=sys.stderr)
    # Rules that cannot run here: named when asked for on the command line, and
    # ShellCheck's on any run that selects it (it is on by default, and a hadolint user
    # would otherwise lose its checks without a word); every one with --verbose.
    asked = _asked_for(options)
    candidates = [
        rule
        for rule in rules
        if options.verbose
        or rule.code in asked
        or (rule.code == SHELLCHECK_RULE and not options.quiet)
    ]
    if candidates:
        from .registry import unavailable_rules

        for rule, reason in unavailable_rules(candidates):
            notice = f"layerlint: warning: {rule.code} ({rule.name}) was not run: {reason}"
            if rule.code not in asked:
                notice += f"; --ignore {rule.code} hides this"
            print(notice, file=sys.stderr)
    if not rules:
        print("layerlint: warning: no rule is selected", file=sys.stderr)

    try:
        output = open(options.output, "w", encoding="utf-8") if options.output else None  # noqa: SIM115
    except OSError as error:
        raise UsageError(f"cannot write {options.output}: {error.strerror or error}") from None
    stream = output or sys.stdout
    try:
        report = Report(
            findings=sorted(run.findings, key=lambda finding: finding.sort_key),
            paths=[result.path for result in run.results],
            sources=run.sources,
            rules=rules,
            color=_use_color(options.color, stream) if options.format == "tty" else False,
            statistics=options.statistics,
            quiet=options.quiet,
            skipped=run.skipped,
            sarif_category=options.sarif_category,
            repository_root=options.repository_root,
            errors=errors,
        )
        text = renderer(options.format)(report)
        try:
            if not (options.quiet and not report.findings and options.format == "tty"):
                stream.write(text)
            stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            where = options.output or "the report"
            raise UsageError(f"cannot write {where}: {error.strerror or error}") from None
    finally:
        if output is not None:
            with contextlib.suppress(OSError):
                output.close()
    # Machine-readable formats keep their output parseable: everything else goes to stderr.
    for notice in report.notices:
        print(f"layerlint: warning: {notice}", file=sys.stderr)
    if options.format != "tty":
        for path, reason in report.skipped:
            print(f"layerlint: {path}: skipped: {reason}", file=sys.stderr)
        if options.statistics and report.findings:
            print(statistics_text(report), file=sys.stderr)

    if problems or run.unreadable or run.internal_error or missing_targets:
        return EXIT_ERROR
    return max(
        (exit_status(result.findings, settings_of[result.path]) for result in run.results),
        default=EXIT_OK,
    )


def _build_args(values: list[str]) -> dict[str, str]:
    """`NAME=VALUE` pairs; a bare `NAME` takes its value from the environment (as
    `docker build --build-arg NAME` does) and is left out when it is not set there."""
    args: dict[str, str] = {}
    for value in values:
        name, separator, setting = value.partition("=")
        if not name:
            raise UsageError(f"--build-arg {value!r}: expected NAME=VALUE")
        if separator:
            args[name] = setting
        elif name in os.environ:
            args[name] = os.environ[name]
    return args


def _rules_of(selections: Iterable[list[LoadedRule]]) -> list[LoadedRule]:
    """Every rule of every file's selection, once, by code."""
    by_code = {rule.code: rule for selection in selections for rule in selection}
    return [by_code[code] for code in sorted(by_code)]


def _show_config(resolver: Resolver, paths: list[str], stdin_name: str | None) -> int:
    from .config import render

    texts = []
    for path in paths:
        name = (stdin_name or "-") if path == "-" else path
        if name != "-" and not os.path.exists(name):
            raise UsageError(f"{name}: no such file or directory")
        texts.append(render(resolver.settings_for(name), resolver.layers_for(name), name))
    sys.stdout.write("\n".join(texts))
    return EXIT_OK


def exit_status(findings: list, settings: object) -> int:  # type: ignore[type-arg]
    """0 when no finding reaches the failure threshold, else 1."""
    from .settings import Settings

    assert isinstance(settings, Settings)
    if settings.no_fail or settings.failure_threshold is None:
        return EXIT_OK
    threshold = settings.failure_threshold
    return EXIT_FINDINGS if any(f.severity >= threshold for f in findings) else EXIT_OK


# ---------------------------------------------------------------------------
# parse


def _named_stages(names: list[str]) -> str:
    if not names:
        return "the file names no stage; use an index such as 0"
    return "its stages: " + ", ".join(names)


def _missing_targets(
    files: list[str], settings_of: dict[str, Any], stdin_data: bytes | None, stdin_name: str
) -> dict[str, tuple[str, list[str]]]:
    """Files whose configured build target (`--target`, `target =`) names no stage,
    with the target and the names of the stages the file has."""
    from .model import Model
    from .parse import parse_source
    from .runner import looks_binary, read_file
    from .source import Source

    missing = {}
    for path in files:
        display = stdin_name if path == "-" else path
        target = settings_of[display].target
        if not target:
            continue
        try:
            data = stdin_data or b"" if path == "-" else read_file(path)
        except (OSError, ValueError):
            continue  # reported when it is linted
        if looks_binary(data):
            continue
        model = Model(
            parse_source(Source.from_bytes(data, display)),
            target=target,
            build_args=settings_of[display].build_args,
        )
        if model.undefined_target:
            missing[path] = (target, [stage.name for stage in model.stages if stage.name])
    return missing


def _parsed_files(paths: list[str], skip_binary: bool = False) -> tuple[list[Dockerfile], int]:
    """Parse every file of `paths` (`-`: standard input), for `parse` and `layers`.

    Paths that cannot be found or read are reported on standard error; the status is
    EXIT_ERROR when that happened. With `skip_binary`, files with NUL bytes are
    skipped with a warning, as `check` does.
    """
    from .files import discover
    from .parse import parse_source
    from .runner import looks_binary, read_file
    from .source import Source

    files, problems = discover(paths)
    parsed = []
    status = EXIT_OK
    for path in files:
        try:
            data = sys.stdin.buffer.read() if path == "-" else read_file(path)
        except (OSError, ValueError) as error:
            print(f"layerlint: error: {path}: cannot read: {error}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        if skip_binary and looks_binary(data):
            print(
                f"layerlint: warning: {path}: skipped: binary file (it contains NUL bytes)",
                file=sys.stderr,
            )
            continue
        parsed.append(parse_source(Source.from_bytes(data, path)))
    for problem in problems:
        print(f"layerlint: error: {problem.path}: {problem.message}", file=sys.stderr)
        status = EXIT_ERROR
    return parsed, status


def _parse(options: argparse.Namespace) -> int:
    from .ast_json import file_to_json

    parsed, status = _parsed_files(options.paths)
    documents = [file_to_json(file) for file in parsed]
    sys.stdout.write(json.dumps(documents, indent=2) + "\n")
    return status


# ---------------------------------------------------------------------------
# layers


def _layers(options: argparse.Namespace) -> int:
    from .config import ConfigError, Resolver, cli_layer
    from .layers_report import model_json, model_text
    from .model import Model
    from .reporters.base import printable

    paths = options.paths or ["."]
    try:
        resolver = Resolver(
            config_path=options.config,
            cli=cli_layer(
                target=options.target,
                context=options.context,
                build_args=_build_args(options.build_arg),
            ),
        )
    except ConfigError as error:
        raise UsageError(str(error)) from None
    parsed, status = _parsed_files(paths, skip_binary=True)
    if not parsed and status == EXIT_OK:
        raise UsageError(f"no Dockerfile found in {' '.join(paths)}")
    documents = []
    texts = []
    color = _use_color(options.color, sys.stdout)
    for file in parsed:
        path = file.source.path
        for problem in file.problems:
            # The table covers what could be parsed; say what could not.
            print(
                f"layerlint: warning: {printable(path)}:{problem.span.line}:"
                f"{problem.span.column}: {printable(problem.message)} (the table leaves "
                "this out)",
                file=sys.stderr,
            )
        try:
            settings = resolver.settings_for(path)
        except ConfigError as error:
            raise UsageError(str(error)) from None
        model = Model(
            file,
            target=settings.target,
            context=settings.context,
            build_args=settings.build_args,
        )
        if settings.target and model.undefined_target:
            names = [stage.name for stage in model.stages if stage.name]
            raise UsageError(f"{path}: no stage named {settings.target!r} ({_named_stages(names)})")
        if options.format == "json":
            document = model_json(model)
            document["path"] = path
            documents.append(document)
        else:
            texts.append(model_text(model, path, color))
    if options.format == "json":
        # One object for one Dockerfile named; a list for several PATHs or a directory.
        several = len(paths) > 1 or any(os.path.isdir(path) for path in paths)
        if several or documents:
            payload = documents if several else documents[0]
            sys.stdout.write(json.dumps(payload, indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(texts))
    return status


# ---------------------------------------------------------------------------
# rules and explain


def _rules(options: argparse.Namespace) -> int:
    from .rule_docs import rules_json, rules_markdown, rules_table

    if options.format == "json":
        sys.stdout.write(json.dumps(rules_json(), indent=2) + "\n")
    elif options.format == "markdown":
        sys.stdout.write(rules_markdown())
    else:
        sys.stdout.write(rules_table())
    return EXIT_OK


def _explain(options: argparse.Namespace) -> int:
    from .registry import all_rules, find_rule, suggest
    from .rule_docs import explain_text

    rule = find_rule(options.rule)
    if rule is None:
        close = suggest(options.rule)
        hint = f" (did you mean {close}?)" if close else ""
        raise UsageError(f"unknown rule {options.rule!r}{hint}")
    # An alias several rules share (hadolint's DL3025: LL3016 and LL3057): all of them.
    alias = options.rule.strip().upper()
    sharing = [
        other
        for other in all_rules()
        if alias in (name.upper() for name in other.meta.aliases) and other is not rule
    ]
    sys.stdout.write("\n".join(explain_text(item) for item in [rule, *sharing]))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
