"""Offsets are characters; lines and columns are 1-based, whatever the line endings, BOM or script."""

import pytest

from conftest import demo_check


def quotes(path: str, run) -> list[tuple[str, int, int, str]]:
    with open(path, encoding="utf-8", newline="") as file:
        text = file.read()
    return [(f["rule"], f["line"], f["column"], text[f["offset"]:f["end_offset"]]) for f in run.findings]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(write, newline):
    path = write("a.md", newline.join(["# Title", "", "Intro.", "", "A miracle here.", ""]))
    run = demo_check(path)
    assert quotes(path, run) == [("demo/miracle", 5, 3, "miracle")]
    assert run.findings[0]["end_column"] == 10


def test_bom_is_not_a_column(write):
    path = write("a.md", "\ufeffA miracle.\n")
    run = demo_check(path)
    assert quotes(path, run) == [("demo/miracle", 1, 3, "miracle")]
    assert run.findings[0]["offset"] == 3  # the BOM is character 0 of the file


def test_non_ascii_columns_count_characters(write):
    path = write("a.md", "Ça marche — 🎉 é\u0301 un miracle.\n")
    run = demo_check(path)
    assert quotes(path, run) == [("demo/miracle", 1, 21, "miracle")]


def test_crlf_and_non_ascii_in_a_table_and_link(write):
    path = write("a.md", "| Ünïcode | x |\r\n|---|---|\r\n| 🎉 miracle | y |\r\n\r\n[é miracle](http://e.x)\r\n")
    run = demo_check(path)
    assert quotes(path, run) == [("demo/miracle", 3, 5, "miracle"), ("demo/miracle", 5, 4, "miracle")]


def test_mixed_line_endings(write):
    path = write("a.md", "# T\r\n\rOne.\n\r\nA miracle.\r")
    run = demo_check(path)
    assert quotes(path, run) == [("demo/miracle", 5, 3, "miracle")]  # lines: CRLF, CR, LF, CRLF
