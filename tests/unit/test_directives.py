from layerlint.directives import parse_directives


def test_escape_syntax_and_check_are_read_case_insensitively():
    directives = parse_directives(
        "# syntax=docker/dockerfile:1\n"
        "#ESCAPE = `\n"
        "# Check=skip=JSONArgsRecommended;error=true\n"
        "FROM a\n"
    )
    assert directives.escape == "`"
    assert directives.get("syntax").value == "docker/dockerfile:1"
    assert directives.check.skip == {"JSONArgsRecommended"}
    assert directives.check.error
    assert not directives.problems


def test_buildkit_reads_check_after_a_shebang_and_only_from_the_first_column():
    # The parser takes `escape` after leading blanks; BuildKit's linter reads `check`
    # with parser.ParseDirective, which skips a `#!` line and wants `#` in column 1.
    indented = parse_directives("  # escape=`\n  # check=skip=A\nFROM a\n")
    assert indented.escape == "`"
    assert indented.get("check") is None and not indented.check.skip
    shebang = parse_directives("#!/usr/bin/env docker-build\n# check=skip=A\nFROM a\n")
    assert shebang.check.skip == {"A"} and shebang.get("check").line == 2
    assert not parse_directives("\n# check=skip=A\nFROM a\n").check.skip


def test_header_ends_at_first_non_directive_line():
    assert parse_directives("\n# escape=`\n").escape == "\\"
    assert parse_directives("# comment\n# escape=`\n").escape == "\\"
    assert parse_directives("FROM a\n# escape=`\n").escape == "\\"
    assert parse_directives("# unknown=1\n# escape=`\n").escape == "\\"


def test_repeated_and_invalid_directives_are_problems():
    repeated = parse_directives("# escape=`\n# escape=\\\n")
    assert repeated.escape == "`"
    assert repeated.problems[0].message == "only one escape parser directive can be used"
    invalid = parse_directives("# escape=x\n")
    assert invalid.escape == "\\"
    assert "invalid escape token" in invalid.problems[0].message


def test_check_skip_all_and_experimental():
    check = parse_directives("# check=skip=all;experimental=all\n").check
    assert check.skip_all and check.experimental_all
