"""The one module that knows the Markdown parser (pyromark, i.e. pulldown-cmark).

It turns the parser's events, whose ranges are UTF-8 byte offsets, into character
ranges of prose blocks, links, footnote references and HTML.
"""

from __future__ import annotations

import bisect
from array import array
from typing import Any

import pyromark

from healthlint.lazyregex import lazy
from healthlint.text.document import BOM
from healthlint.text.regions import Blocks, Link, Regions

_OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_YAML_STYLE_METADATA_BLOCKS
    | pyromark.Options.ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
)
# Containers whose text a reader does not read as prose. An image's alternative text is prose:
# screen readers read it aloud, and "before and after: tumour gone in 3 weeks" is a claim; so is
# its title (`![alt](photo.jpg "Pain gone in one session")`), shown as the image's caption, and a
# link's title (`[Book](/book "Only 11 slots left")`), shown as the link's tooltip.
_NOT_PROSE = frozenset({"CodeBlock", "HtmlBlock", "MetadataBlock"})
# Link types whose visible text is the destination itself.
_URL_LINKS = frozenset({"Autolink", "Email"})
_LONE_CR = lazy(r"\r(?!\n)")
# Front matter is data, but some of its fields are prose a reader meets: the page's title and
# headline, and the description or summary that search results and link previews show. A field
# counts by the last part of its name ("seo_title", "og:description", "image_alt").
_READ_FIELDS = {"title": "heading", "headline": "heading", "subtitle": "heading", "tagline": "heading",
                "description": "paragraph", "summary": "paragraph", "excerpt": "paragraph", "dek": "paragraph",
                "lede": "paragraph", "teaser": "paragraph", "abstract": "paragraph", "caption": "alt", "alt": "alt"}
# `key: value` (YAML) or `key = value` (TOML); a value of "|" or ">" (YAML block scalar) goes on in
# the lines indented under it.
_FIELD = lazy(r"(?m)^([ \t]*)(?:-[ \t]+)?([\w.:-]+)[ \t]*[:=][ \t]*(.*?)[ \t]*\r?$")
_LINE = lazy(r"(?m)^.*$")
_FIELD_NAME_PART = lazy(r"[^\W_]+$")
_NON_ASCII_RUN = lazy(r"[^\x00-\x7f]+")
_BLOCK_KINDS = {"Paragraph": "paragraph", "Heading": "heading", "Item": "item", "TableRow": "cell", "TableHead": "cell",
                "Image": "alt"}
_CONTAINERS = frozenset(_BLOCK_KINDS) | _NOT_PROSE | {
    "BlockQuote", "List", "Table", "FootnoteDefinition",
    "DefinitionList", "DefinitionListTitle", "DefinitionListDefinition",
}


class _ByteToChar:
    """Converts UTF-8 byte offsets to character offsets. Each run of non-ASCII characters is
    recorded once (four integer arrays, empty for ASCII text), so a conversion is one bisection:
    an encoded copy of the text, the obvious alternative, costs more memory than the text."""

    def __init__(self, text: str, shift: int) -> None:
        self._text, self._shift = text, shift
        self._byte_starts, self._byte_ends = array("q"), array("q")  # each run's bytes
        self._char_starts = array("q")  # each run's first character
        self._extra_after = array("q")  # bytes beyond one a character, up to each run's end
        extra = 0
        if not text.isascii():
            for run in _NON_ASCII_RUN.finditer(text):
                start, length = run.start(), len(run.group().encode("utf-8"))
                self._byte_starts.append(start + extra)
                self._byte_ends.append(start + extra + length)
                self._char_starts.append(start)
                extra += length - (run.end() - start)
                self._extra_after.append(extra)

    def __call__(self, byte: int) -> int:
        index = bisect.bisect_right(self._byte_starts, byte) - 1
        if index < 0:
            return byte + self._shift
        if byte >= self._byte_ends[index]:
            return byte - self._extra_after[index] + self._shift
        # Inside a run (the parser splits text at ASCII syntax, so this is rare): decode its start.
        char, length = self._char_starts[index], byte - self._byte_starts[index]
        head = self._text[char:char + length].encode("utf-8")[:length].decode("utf-8", errors="replace")
        return char + len(head) + self._shift


def render(text: str) -> str:
    """The HTML a Markdown text renders to, parsed with the options the linter reads it with."""
    return pyromark.html(text, options=_OPTIONS)


def _tag(value: str | dict[str, Any]) -> str:
    return value if isinstance(value, str) else next(iter(value))


def _title_at(source: str, start: int, end: int, title: str, to_char: _ByteToChar) -> tuple[int, int] | None:
    """Where an image's or a link's title stands in its own source as written, as character
    offsets (None for one with escapes, or from a reference definition elsewhere). `start` and
    `end` are the parser's UTF-8 byte offsets."""
    encoded = title.encode("utf-8")
    at = source.encode("utf-8").rfind(encoded, start, end)
    return None if at < 0 else (to_char(at), to_char(at + len(encoded)))


def _front_matter(source: str, start: int, end: int, shift: int,
                  prose: list[tuple[int, int]], blocks: Blocks) -> None:
    """The fields of front matter source[start:end] that a reader meets, as blocks."""
    fields = list(_FIELD.finditer(source, start, end))
    read_to = start  # the end of the last block scalar read: a "key: value" line inside it is its text
    for number, field in enumerate(fields):
        name = _FIELD_NAME_PART.search(field[2])
        kind = _READ_FIELDS.get(name[0].lower()) if name else None
        if kind is None or field.start() < read_to:
            continue
        first, last = field.start(3), field.end(3)
        value = field[3]
        if value in ("|", ">", "|-", ">-", "|+", ">+"):  # a block scalar: the lines indented under it
            indent, first = len(field[1]), -1
            stop = next((f.start() for f in fields[number + 1:] if len(f[1]) <= indent), end)
            for line in _LINE.finditer(source, field.end() + 1, stop):
                text = line.group()
                if not text.strip():
                    continue
                if len(text) - len(text.lstrip()) <= indent:
                    break
                if first < 0:
                    first = line.start() + len(text) - len(text.lstrip())
                last = read_to = line.start() + len(text.rstrip())
        elif len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            first, last = first + 1, last - 1
        elif value[:1] in ("[", "{", "&", "*", "!", "#"):  # a list, a table, an anchor, a tag, a comment
            continue
        if 0 <= first < last and source[first:last].strip():
            prose.append((first + shift, last + shift))
            blocks.append(first + shift, last + shift, kind)


def markdown_regions(text: str) -> tuple[list[tuple[int, int]], Regions]:
    """The prose ranges, and the blocks, links, footnote references and HTML, of a Markdown text
    (character offsets); the regions' masked text is left for the caller to make."""
    shift = 1 if text.startswith(BOM) else 0
    # CommonMark counts a lone CR as a line ending; pulldown-cmark does not always (fences).
    # CR and LF are one byte each, so replacing one with the other moves no offset.
    source = _LONE_CR.sub("\n", text[shift:]) if "\r" in text else text[shift:]
    if source is text and not text.isascii():
        # The parser reads a UTF-8 copy that CPython then keeps inside the str for its lifetime:
        # give it a copy of its own, freed after parsing, rather than the document's text.
        source = text[:1] + text[1:]
    to_char = _ByteToChar(source, shift)
    prose: list[tuple[int, int]] = []
    blocks = Blocks()
    kinds: list[str] = []
    quotes = 0  # depth of block quotations: a paragraph inside one is a "quote" block
    block_start = -1  # the first prose character of the block being read, or -1
    block_end = 0
    links: list[Link] = []
    footnotes: list[tuple[int, int]] = []
    html: list[tuple[int, int]] = []
    link_skips: list[bool] = []
    titles: list[str] = []  # the title of each image and link being read ("" for none)
    skip = 0

    def flush() -> None:
        nonlocal block_start
        if block_start >= 0:
            kind = kinds[-1] if kinds else "paragraph"
            blocks.append(block_start, block_end, "quote" if quotes and kind == "paragraph" else kind)
            block_start = -1

    for event, span in pyromark.events_with_range(source, options=_OPTIONS):
        if isinstance(event, str):  # SoftBreak, HardBreak, Rule
            continue
        value: Any
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
                quotes += tag == "BlockQuote"
            if tag in _NOT_PROSE:
                skip += 1
            elif tag == "TableCell" and block_start >= 0:  # the pipe before it joins the row's cells
                pipe = to_char(span["start"]) - 1
                if source[pipe - shift] == "|":
                    prose.append((pipe, pipe + 1))
            elif tag == "Image":
                titles.append(value["Image"].get("title", ""))
            elif tag == "Link":
                link = value["Link"]
                titles.append(link.get("title", ""))
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
                quotes -= tag == "BlockQuote"
            if tag in _NOT_PROSE:
                skip -= 1
            elif tag == "Link":
                skip -= link_skips.pop()
            if (tag in ("Image", "Link") and (title := titles.pop()) and not skip
                    and (at := _title_at(source, span["start"], span["end"], title, to_char))):
                flush()  # the title is a block of alternative text: a paragraph goes on after it
                prose.append(at)
                blocks.append(*at, "alt")
            if tag == "MetadataBlock":
                _front_matter(source, to_char(span["start"]) - shift, to_char(span["end"]) - shift, shift, prose, blocks)
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
