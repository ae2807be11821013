from layerlint.lexer import lex


def texts(source: str, escape: str = "\\") -> list[tuple[int, int, str]]:
    return [(line.start_line, line.end_line, line.text) for line in lex(source, escape).lines]


def test_continuations_join_lines_and_keep_indentation_of_continued_lines():
    assert texts("RUN a \\\n    b \\  \n  c\n") == [(1, 3, "RUN a     b   c")]


def test_comments_and_empty_lines_inside_continuations_are_dropped_and_remembered():
    result = lex("RUN a \\\n  # note\n\n  b\nCMD c\n")
    first = result.lines[0]
    assert first.text == "RUN a   b"
    assert (first.start_line, first.end_line) == (1, 4)
    assert first.empty_continuation_lines == (3,)
    assert [comment.line for comment in result.comments] == [2]
    assert result.comments[0].in_continuation


def test_continuation_at_end_of_file():
    assert texts("FROM a\nRUN b \\") == [(1, 1, "FROM a"), (2, 2, "RUN b ")]


def test_backtick_escape():
    assert texts("RUN a `\n b\nRUN c \\\nCMD d\n", escape="`") == [
        (1, 2, "RUN a  b"),
        (3, 3, "RUN c \\"),
        (4, 4, "CMD d"),
    ]


def test_double_escape_is_not_a_continuation():
    assert texts("RUN echo \\\\\nCMD x\n") == [(1, 1, "RUN echo \\\\"), (2, 2, "CMD x")]


def test_heredocs_several_on_one_line_with_tab_stripping_and_quotes():
    result = lex("COPY <<-A <<'B' /x\n\tfoo\n\tA\n$bar\nB\nRUN x\n")
    copy = result.lines[0]
    assert (copy.start_line, copy.end_line) == (1, 5)
    first, second = copy.heredocs
    assert (first.marker.name, first.marker.chomp, first.content) == ("A", True, "\tfoo\n")
    assert (second.marker.name, second.marker.expand, second.content) == ("B", False, "$bar\n")
    assert result.lines[1].text == "RUN x"


def test_heredoc_after_continuation_and_with_interpreter():
    result = lex("RUN <<EOF \\\n  bash\necho hi\nEOF\n")
    (line,) = result.lines
    assert line.text == "RUN <<EOF   bash"
    assert line.heredocs[0].content == "echo hi\n"
    assert (line.heredocs[0].first_line, line.heredocs[0].terminator_line) == (3, 4)


def test_no_heredoc_in_json_form_quoted_marker_or_other_instructions():
    assert not lex('RUN ["cat", "<<EOF"]\n').lines[0].heredocs
    assert not lex('RUN echo "<<EOF"\n').lines[0].heredocs
    assert not lex("ENV A=<<EOF\n").lines[0].heredocs
    assert lex("ONBUILD RUN <<EOF\nx\nEOF\n").lines[0].heredocs


def test_unterminated_heredoc_is_an_error_with_position():
    result = lex("FROM a\nRUN <<EOF\necho\n")
    assert result.errors[0].message.startswith("unterminated heredoc EOF started at line 2")


def test_offset_map_points_into_physical_lines():
    source = "RUN a \\\n  bcd\n"
    line = lex(source).lines[0]
    index = line.text.index("bcd")
    assert source[line.offsets.to_source(index)] == "b"
    assert line.offsets.to_source_end(index + 3) == source.index("bcd") + 3
