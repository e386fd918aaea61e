"""LSP positions: UTF-16 code units on lines broken by LF, CR LF and CR only."""

from hypothesis import given
from hypothesis import strategies as st

from healthlint.text.lines import LineTable


def reference(text: str, offset: int) -> tuple[int, int]:
    """The position by the LSP's definition, the slow way."""
    line, start, index = 0, 0, 0
    while index < offset:
        if text[index] == "\r" and text[index + 1:index + 2] == "\n":
            index += 1
        if text[index] in "\r\n":
            line, start = line + 1, index + 1
        index += 1
    return line, len(text[start:offset].encode("utf-16-le")) // 2


def test_positions_on_lsp_lines_in_utf16_units():
    text = "a\u2028b\x85c\r\n\U0001f389d\re\nf"
    table = LineTable.of(text)
    assert [table.position(i) for i in range(len(text) + 1)] == [
        (0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (0, 6), (1, 0), (1, 2), (1, 3), (2, 0), (2, 1), (3, 0), (3, 1)]
    assert table.offset(1, 2) == 8  # after the emoji
    assert table.offset(1, 1) == 7  # inside its surrogate pair: its start
    assert table.offset(0, 99) == 5  # past the line's end: before its CR LF
    assert table.offset(99, 0) == len(text)


@given(st.text(alphabet=st.sampled_from("ab \r\n\u2028\x85\U0001f389\u00e9"), max_size=40))
def test_positions_match_the_protocol_and_convert_back(text):
    table = LineTable.of(text)
    for offset in range(len(text) + 1):
        if text[offset - 1:offset] == "\r" and text[offset:offset + 1] == "\n":
            continue  # inside a CR LF: no position there
        line, character = table.position(offset)
        assert (line, character) == reference(text, offset)
        assert table.offset(line, character) == offset
