"""The one module that knows the Markdown parser (pyromark, i.e. pulldown-cmark).

It turns the parser's events, whose ranges are UTF-8 byte offsets, into character
ranges of prose blocks, links, footnote references and HTML.
"""

from __future__ import annotations

import pyromark

from healthlint.document import BOM
from healthlint.lazyregex import lazy
from healthlint.regions import Blocks, Link, Regions

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
_LONE_CR = lazy(r"\r(?!\n)")
_BLOCK_KINDS = {"Paragraph": "paragraph", "Heading": "heading", "Item": "item", "TableCell": "cell"}
_CONTAINERS = frozenset(_BLOCK_KINDS) | _NOT_PROSE | {
    "BlockQuote", "List", "Table", "TableHead", "TableRow", "FootnoteDefinition",
    "DefinitionList", "DefinitionListTitle", "DefinitionListDefinition",
}


class _ByteToChar:
    """Converts UTF-8 byte offsets to character offsets with a moving cursor: the parser's
    offsets arrive almost in order, so each conversion decodes only the bytes since the last."""

    def __init__(self, text: str, shift: int) -> None:
        self._ascii = text.isascii()
        self._data = b"" if self._ascii else text.encode("utf-8")
        self._shift = shift
        self._byte = self._char = 0

    def __call__(self, byte: int) -> int:
        if self._ascii:
            return byte + self._shift
        if byte >= self._byte:
            self._char += len(self._data[self._byte:byte].decode("utf-8", errors="replace"))
        else:
            self._char -= len(self._data[byte:self._byte].decode("utf-8", errors="replace"))
        self._byte = byte
        return self._char + self._shift


def _tag(value: object) -> str:
    return value if isinstance(value, str) else next(iter(value))  # type: ignore[arg-type]


def markdown_regions(text: str) -> tuple[list[tuple[int, int]], Regions]:
    """The prose ranges, and the blocks, links, footnote references and HTML, of a Markdown text
    (character offsets); the regions' masked text is left for the caller to make."""
    shift = 1 if text.startswith(BOM) else 0
    # CommonMark counts a lone CR as a line ending; pulldown-cmark does not always (fences).
    # CR and LF are one byte each, so replacing one with the other moves no offset.
    source = _LONE_CR.sub("\n", text[shift:]) if "\r" in text else text[shift:]
    to_char = _ByteToChar(source, shift)
    prose: list[tuple[int, int]] = []
    blocks = Blocks()
    kinds: list[str] = []
    block_start = -1  # the first prose character of the block being read, or -1
    block_end = 0
    links: list[Link] = []
    footnotes: list[tuple[int, int]] = []
    html: list[tuple[int, int]] = []
    link_skips: list[bool] = []
    skip = 0

    def flush() -> None:
        nonlocal block_start
        if block_start >= 0:
            blocks.append(block_start, block_end, kinds[-1] if kinds else "paragraph")
            block_start = -1

    for event, span in pyromark.events_with_range(source, options=_OPTIONS):
        if isinstance(event, str):  # SoftBreak, HardBreak, Rule
            continue
        key, value = next(iter(event.items()))
        if key == "Text":
            if not skip and span["end"] > span["start"]:
                start, end = to_char(span["start"]), to_char(span["end"])
                prose.append((start, end))
                if block_start < 0:
                    block_start = start
                block_end = end
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
                links.append(Link(to_char(span["start"]), to_char(span["end"]), link["dest_url"]))
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
                html.append((to_char(span["start"]), to_char(span["end"])))
        elif key == "FootnoteReference":
            footnotes.append((to_char(span["start"]), to_char(span["end"])))
        elif key in ("InlineHtml", "Html") and not skip:
            html.append((to_char(span["start"]), to_char(span["end"])))
    flush()
    prose.sort()
    html.sort()
    return prose, Regions(blocks=blocks, links=links, footnote_refs=footnotes, html=html)
