"""What is prose: nothing inside code, URLs, HTML or front matter data reaches a rule; the front
matter fields a reader meets (title, description...) do."""

import sys

import pytest

from conftest import FIXTURES, demo_check
from healthlint.rules.context import DocumentContext
from healthlint.text.document import from_text


def prose_of(text: str, kind: str = "markdown") -> str:
    ctx = DocumentContext.build(from_text(text, "x.md" if kind == "markdown" else "x.txt"))
    return " ".join(ctx.text.split())


def test_masked_text_keeps_offsets():
    text = "# Title\n\nSome `code` and [text](http://u.rl).\n"
    ctx = DocumentContext.build(from_text(text, "x.md"))
    assert len(ctx.text) == len(text)
    assert ctx.text.index("Some") == text.index("Some")
    assert ctx.text.index("text") == text.index("text")


def test_only_prose_survives():
    text = (
        "---\nlayout: front\n---\n\n# Heading\n\nPara with `inline` and [link text](http://dest.example/path)."
        "\n\n```\nfenced\n```\n\n    indented\n\n<div>\nhtml block\n</div>\n\n| cell one | cell two |\n|---|---|\n"
        "| a | b |\n\n<http://auto.example> ![alt words](img.png) <b>inline html</b>\n\n"
        "[ref]: http://ref.example\n\n+ item **bold** _em_\n"
    )
    assert prose_of(text) == (
        "Heading Para with and link text . cell one | cell two a | b alt words inline html item bold em"
    )


def test_an_images_alternative_text_is_prose_in_a_block_of_its_own():
    """Screen readers read alt text aloud, so its claims are linted; it is never joined to the
    sentence around the image."""
    text = "Our results ![Tumour gone in 3 weeks](scan.png) speak.\n"
    ctx = DocumentContext.build(from_text(text, "d.md"))
    assert [(b.kind, text[b.start:b.end]) for b in ctx.regions.blocks] == [
        ("paragraph", "Our results "), ("alt", "Tumour gone in 3 weeks"), ("paragraph", " speak.")]
    assert [text[s.start:s.end] for s in ctx.sentences] == ["Our results", "Tumour gone in 3 weeks", "speak."]


def test_an_images_title_is_prose_too_where_it_is_written():
    """A title shows as the image's caption or tooltip, and sellers put claims there; one that
    comes from a reference definition elsewhere is not inside the image and is left out."""
    text = ('![Bowl \u2019n cup](b.jpg "Nature\u2019s answer to pain") and ![ref][r].\n\n'
            '[r]: c.jpg "Cures all"\n')
    ctx = DocumentContext.build(from_text(text, "d.md"))
    assert [(b.kind, text[b.start:b.end]) for b in ctx.regions.blocks] == [
        ("alt", "Bowl \u2019n cup"), ("alt", "Nature\u2019s answer to pain"), ("paragraph", " and "),
        ("alt", "ref"), ("paragraph", ".")]
    assert "Cures" not in ctx.regions.masked


def test_a_links_title_is_prose_and_splits_its_paragraph():
    """A link's title shows as its tooltip, and sellers put scarcity and claims there: it is a block
    of alternative text, and the paragraph goes on after it. A title from a reference definition
    elsewhere, a bare URL and a link with no title change nothing."""
    text = ('See [our plans](/book "Only 11 slots left") now. [Visit](<https://a.example>) and '
            '<https://b.example> and [ref][r].\n\n[r]: https://c.example "Cures all"\n')
    ctx = DocumentContext.build(from_text(text, "d.md"))
    assert [(b.kind, text[b.start:b.end]) for b in ctx.regions.blocks] == [
        ("paragraph", "See [our plans"), ("alt", "Only 11 slots left"),
        ("paragraph", ' now. [Visit](<https://a.example>) and <https://b.example> and [ref][r].')]
    assert [text[s.start:s.end] for s in ctx.sentences][:3] == ["See [our plans", "Only 11 slots left", "now."]
    assert "Cures" not in ctx.regions.masked and "https" not in ctx.regions.masked


def test_a_paragraph_of_a_block_quotation_is_a_quote_block():
    """Block quotations (lines starting with '>') are where sellers set testimonials apart; a list
    item inside one stays an item, and the paragraph after it is a paragraph again."""
    text = '> "Zero sides."\n> \u2014 Mike, 31\n>\n> - a list item\n\nAfter the quote.\n'
    ctx = DocumentContext.build(from_text(text, "d.md"))
    assert [(b.kind, text[b.start:b.end]) for b in ctx.regions.blocks] == [
        ("quote", '"Zero sides."\n> \u2014 Mike, 31'), ("item", "a list item"), ("paragraph", "After the quote.")]


def test_toml_front_matter_data_and_bare_urls_are_not_prose():
    assert prose_of("+++\nweight = 'x'\n+++\nSee https://example.org/a-miracle for more.\n") == "See for more."


def test_front_matter_fields_a_reader_meets_are_blocks_of_their_own():
    """The title and headline read as headings; a description or summary (what search results
    and link previews show) as a paragraph, quotes and block-scalar indentation left out; data
    fields, lists and tables are not prose. A field counts by the last part of its name."""
    text = ("---\r\ntitle: \"Miracle cure\"\r\ntags: [cure, miracle]\r\nseo_description: >\r\n"
            "  Stem cells cure ALS\r\n  in days.\r\nauthor: Dr Cure\r\nog:title: 'Gone for good'\r\n"
            "image:\r\n  alt: Tumour gone\r\n  src: a.png\r\n---\r\n\r\nText.\r\n")
    ctx = DocumentContext.build(from_text(text, "d.md"))
    assert [(b.kind, text[b.start:b.end]) for b in ctx.regions.blocks] == [
        ("heading", "Miracle cure"), ("paragraph", "Stem cells cure ALS\r\n  in days."),
        ("heading", "Gone for good"), ("alt", "Tumour gone"), ("paragraph", "Text.")]
    inner = "---\ndescription: >\n  Our tonic works.\n  Summary: it cures arthritis\n---\n\nBody.\n"
    assert [inner[b.start:b.end] for b in DocumentContext.build(from_text(inner, "d.md")).regions.blocks] == [
        "Our tonic works.\n  Summary: it cures arthritis", "Body."]  # a "key:" line of a block scalar is its text
    toml = "+++\ntitle = \"Cures in days\"\ndraft = true\n+++\nBody.\n"
    assert [toml[b.start:b.end] for b in DocumentContext.build(from_text(toml, "d.md")).regions.blocks] == [
        "Cures in days", "Body."]



def test_bare_urls_are_found_in_any_prose_range_and_not_in_code():
    """Only ranges holding '://' or 'www.' are searched for URLs; each must still be cut."""
    assert prose_of("Use `ftp://code` **then** see www.a.org/x, *or* http://b.org.\n\nNo link here.\n") == (
        "Use then see , or . No link here.")

def test_plain_text_is_all_prose_but_urls():
    assert prose_of("Code `x` stays. www.example.org goes.\n", kind="text") == "Code `x` stays. goes."


def test_structure_fixture_flags_prose_only():
    """Front matter data (tags, layout), code, URLs, HTML, an image's address and reference
    definitions are never flagged; the front matter's title (line 2) and an image's alternative
    text (line 26) are prose."""
    path = FIXTURES / "core" / "structure.md"
    import json

    expected = json.loads((FIXTURES / "core" / "structure.expected.json").read_text())
    run = demo_check(str(path))
    text = path.read_text()
    got = [{"rule": f["rule"], "line": f["line"], "column": f["column"], "quote": text[f["offset"]:f["end_offset"]]}
           for f in run.findings]
    assert got == expected
    assert run.exit_code == 1


def test_cr_only_fences_are_code():
    assert prose_of("```\rmiracle\r```\r\rA miracle.\r") == "A miracle."


def test_parser_byte_offsets_become_character_offsets_exactly():
    """Each UTF-8 byte offset the parser reports maps to the character it starts, at every
    offset of texts mixing ASCII, accents, CJK, emoji and no-break spaces (as decoding would)."""
    import random

    from healthlint.text.markdown import _ByteToChar

    rng = random.Random(7)
    for _ in range(500):
        text = "".join(rng.choice("ab \n*_\u00e9\u4e2d\U0001f600\u00a0-") for _ in range(rng.randint(0, 30)))
        data, to_char = text.encode("utf-8"), _ByteToChar(text, 1)
        assert [to_char(b) for b in range(len(data) + 1)] == [
            len(data[:b].decode("utf-8", errors="replace")) + 1 for b in range(len(data) + 1)], text


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="reads CPython's str size accounting")
def test_parsing_leaves_no_utf8_copy_inside_the_document_text():
    """CPython caches a UTF-8 copy inside a non-ASCII str the parser reads; for a 50 MB article
    that copy would live as long as the document. The parser is given a copy of its own."""
    from healthlint.text.markdown import markdown_regions

    text = "Caf\u00e9 therapy \u2014 a \u201cmiracle\u201d.\n\n" * 200
    size = sys.getsizeof(text)
    markdown_regions(text)
    assert sys.getsizeof(text) == size


def test_a_table_row_is_one_block_its_cells_joined_by_their_pipes():
    """A row reads as 'label | value': a rule sees 'Side effects | None' whole, not a cell 'None'
    on its own; a leading empty cell adds no pipe, and markup inside a cell is blanked."""
    text = "| | Ours | Pills |\n|---|---|---|\n| Side effects | None | Nausea |\n| Works in | **Days** | Months |\n"
    ctx = DocumentContext.build(from_text(text, "d.md"))
    assert [(b.kind, ctx.text[b.start:b.end]) for b in ctx.regions.blocks] == [
        ("cell", "Ours | Pills"), ("cell", "Side effects | None | Nausea"), ("cell", "Works in |   Days   | Months")]
