from layerlint.source import Source


def test_crlf_cr_and_lf_are_one_line_ending_each():
    source = Source("FROM a\r\nRUN b\rCMD c\n")
    assert source.text == "FROM a\nRUN b\nCMD c\n"
    assert source.line_count == 3
    assert source.position(source.text.index("CMD")) == (3, 1)


def test_bom_is_removed_and_remembered():
    source = Source.from_bytes(b"\xef\xbb\xbfFROM a\n")
    assert source.text == "FROM a\n"
    assert source.had_bom


def test_invalid_bytes_are_replaced_and_located():
    source = Source.from_bytes(b"FROM a\r\nLABEL x=\xe9\xff\n# \x80\n")
    assert source.text == "FROM a\nLABEL x=\ufffd\ufffd\n# \ufffd\n"
    offsets = [problem.offset for problem in source.decode_problems]
    assert [source.text[offset] for offset in offsets] == ["\ufffd", "\ufffd"]
    assert [source.position(offset) for offset in offsets] == [(2, 9), (3, 3)]
    assert source.decode_problems[0].byte_offset == 16


def test_positions_are_clamped_and_line_text_has_no_newline():
    source = Source("a\nbc")
    assert source.position(-5) == (1, 1)
    assert source.position(100) == (2, 3)
    assert source.line_text(2) == "bc"
    assert source.line_count == 2
    assert Source("").line_count == 1
