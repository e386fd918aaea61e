"""The one module that knows the Markdown parser (pyromark, i.e. pulldown-cmark).

It turns the parser's events, whose ranges are UTF-8 byte offsets, into character
ranges of prose blocks, links, footnote references and HTML.
"""

from __future__ import annotations

import pyromark
import regex

from healthlint.document import BOM
from healthlint.regions import Block, Link, Regions

_OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_YAML_STYLE_METADATA_BLOCKS
    | pyromark.Options.ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
)
# Containers whose text a reader does not read as prose.
_NOT_PROSE = frozenset({"CodeBlock", "HtmlBlock", "MetadataBlock", "Image"})
# Link types whose visible text is the destination itself.
_URL_LINKS = frozenset({"Autolink", "Email"})
_LONE_CR = regex.compile(r"\r(?!\n)")
_BLOCK_KINDS = {"Paragraph": "paragraph", "Heading": "heading", "Item": "item", "TableCell": "cell"}
_CONTAINERS = frozenset(_BLOCK_KINDS) | _NOT_PROSE | {
    "BlockQuote", "List", "Table", "TableHead", "TableRow", "FootnoteDefinition",
    "DefinitionList", "DefinitionListTitle", "DefinitionListDefinition",
}


class _ByteToChar:
    """Converts UTF-8 byte offsets to character offsets, for sorted batches of offsets."""

    def __init__(self, text: str, shift: int) -> None:
        self._ascii = text.isascii()
        self._data = b"" if self._ascii else text.encode("utf-8")
        self._shift = shift

    def convert(self, offsets: set[int]) -> dict[int, int]:
        if self._ascii:
            return {b: b + self._shift for b in offsets}
        result: dict[int, int] = {}
        previous_byte = previous_char = 0
        for byte in sorted(offsets):
            previous_char += len(self._data[previous_byte:byte].decode("utf-8", errors="replace"))
            previous_byte = byte
            result[byte] = previous_char + self._shift
        return result


def _tag(value: object) -> str:
    return value if isinstance(value, str) else next(iter(value))  # type: ignore[arg-type]


def markdown_regions(text: str) -> Regions:
    """Prose blocks, links, footnote references and HTML of a Markdown text (character offsets)."""
    shift = 1 if text.startswith(BOM) else 0
    # CommonMark counts a lone CR as a line ending; pulldown-cmark does not always (fences).
    # CR and LF are one byte each, so replacing one with the other moves no offset.
    source = _LONE_CR.sub("\n", text[shift:]) if "\r" in text else text[shift:]
    blocks: list[tuple[str, list[tuple[int, int]]]] = []
    kinds: list[str] = []
    segments: list[tuple[int, int]] = []
    links: list[tuple[int, int, str]] = []
    footnotes: list[tuple[int, int]] = []
    html: list[tuple[int, int]] = []
    link_skips: list[bool] = []
    skip = 0

    def flush() -> None:
        if segments:
            blocks.append((kinds[-1] if kinds else "paragraph", segments.copy()))
            segments.clear()

    for event, span in pyromark.events_with_range(source, options=_OPTIONS):
        start, end = span["start"], span["end"]
        if isinstance(event, str):  # SoftBreak, HardBreak, Rule
            continue
        key, value = next(iter(event.items()))
        if key == "Text":
            if not skip:
                segments.append((start, end))
        elif key == "Start":
            tag = _tag(value)
            if tag in _CONTAINERS:
                flush()
                if tag in _BLOCK_KINDS:
                    kinds.append(_BLOCK_KINDS[tag])
            if tag in _NOT_PROSE:
                skip += 1
            elif tag == "Link":
                link = value["Link"]
                is_url = link["link_type"] in _URL_LINKS
                link_skips.append(is_url)
                skip += is_url
                links.append((start, end, link["dest_url"]))
        elif key == "End":
            tag = _tag(value)
            if tag in _CONTAINERS:
                flush()
                if tag in _BLOCK_KINDS:
                    kinds.pop()
            if tag in _NOT_PROSE:
                skip -= 1
            elif tag == "Link":
                skip -= link_skips.pop()
            if tag == "HtmlBlock":
                html.append((start, end))
        elif key == "FootnoteReference":
            footnotes.append((start, end))
        elif key in ("InlineHtml", "Html") and not skip:
            html.append((start, end))
    flush()

    offsets = {o for _, segs in blocks for s in segs for o in s}
    offsets |= {o for s, e, _ in links for o in (s, e)}
    offsets |= {o for pair in footnotes + html for o in pair}
    to_char = _ByteToChar(source, shift).convert(offsets)

    prose: list[tuple[int, int]] = []
    char_blocks: list[Block] = []
    for kind, segs in blocks:
        char_segs = [(to_char[s], to_char[e]) for s, e in segs if e > s]
        if not char_segs:
            continue
        prose.extend(char_segs)
        char_blocks.append(Block(char_segs[0][0], char_segs[-1][1], kind))
    prose.sort()
    return Regions(
        prose=prose,
        blocks=char_blocks,
        links=[Link(to_char[s], to_char[e], d) for s, e, d in links],
        footnote_refs=[(to_char[s], to_char[e]) for s, e in footnotes],
        html=sorted((to_char[s], to_char[e]) for s, e in html),
    )
