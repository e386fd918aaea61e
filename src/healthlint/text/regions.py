"""Which parts of a document are prose: blocks of prose, citation-bearing links, and HTML.

Rules never see Markdown syntax. The masked text (`Regions.masked`) has the same
length as the document, with every character that is not prose replaced by a
space (line breaks are kept), so a match in it is a span in the original file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from healthlint.lazyregex import lazy
from healthlint.packed import Packed
from healthlint.text.document import BOM

_NOT_NEWLINE = lazy(r"[^\r\n]")
_BARE_URL = lazy(r"\b(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")
_PLAIN_PARAGRAPH_BREAK = lazy(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)\s*")
_PLAIN_LINE = lazy(r"[^\r\n]+")
_CONTINUES_AFTER = lazy(r"(?:[,;(\u2014\u2013-]|\b(?:a|an|the|of|and|or|to|in|on|for|with|by|at|from|as|that|is|are)\b)\s*$")
_LIST_BULLET = lazy(r"^\s*(?:[-*+\u2022\u25cf\u25aa]|\d{1,3}[.)])\s+")

COMMENT = lazy(  # a directive; in plain text its own words are not prose (plain_text_regions)
    r"<!--\s*healthlint-(disable-next-line|disable-file|disable|enable)\b(.*?)-->", regex.DOTALL
)



@dataclass(slots=True)  # not frozen: a frozen dataclass builds ~6x slower, and there are many; treat as read-only
class Block:
    """A unit of prose a reader sees as one: a paragraph, heading, list item, table cell, image
    text, or a paragraph of a block quotation (in Markdown, lines starting with '>')."""

    start: int
    end: int
    kind: str  # "paragraph", "heading", "item", "cell", "alt" (an image's alternative text), "quote"


BLOCK_KINDS = ("paragraph", "heading", "item", "cell", "alt", "quote")
_KIND_CODES = {kind: code for code, kind in enumerate(BLOCK_KINDS)}


def _block(start: int, end: int, code: int) -> Block:
    return Block(start, end, BLOCK_KINDS[code])


class Blocks(Packed[Block]):
    """A document's prose blocks in order, packed (see healthlint.packed)."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(_block)

    def append(self, start: int, end: int, kind: str) -> None:
        self._append(start, end, _KIND_CODES[kind])


@dataclass(slots=True)  # not frozen: a frozen dataclass builds ~6x slower, and there are many; treat as read-only
class Link:
    """A link in the document: `start`/`end` cover its whole source, text and destination."""

    start: int
    end: int
    destination: str


class Regions:
    """The prose structure of one document (which characters are prose is kept in `masked`).
    (A plain class, as the other holders a one-file check imports: see healthlint.running.engine.)"""

    def __init__(self, blocks: Blocks, links: list[Link] | None = None,
                 footnote_refs: list[tuple[int, int]] | None = None, html: list[tuple[int, int]] | None = None,
                 masked: str = "") -> None:
        self.blocks = blocks
        self.links: list[Link] = [] if links is None else links
        self.footnote_refs: list[tuple[int, int]] = [] if footnote_refs is None else footnote_refs
        self.html: list[tuple[int, int]] = [] if html is None else html
        self.masked = masked


def mask(text: str, prose: list[tuple[int, int]]) -> str:
    """`text` with every character outside `prose` blanked to a space; line breaks are kept."""
    parts: list[str] = []
    position = 0
    for start, end in prose:
        if start > position:
            parts.append(_blank(text[position:start]))
        parts.append(text[max(start, position):end])
        position = max(position, end)
    if position < len(text):
        parts.append(_blank(text[position:]))
    return "".join(parts)


def _blank(gap: str) -> str:
    """Spaces in place of every character but line breaks (most gaps are markup on one line)."""
    if "\n" in gap or "\r" in gap:
        return _NOT_NEWLINE.sub(" ", gap)
    return " " * len(gap)


def without_bare_urls(text: str, prose: list[tuple[int, int]], links: list[Link]) -> list[tuple[int, int]]:
    """Cut bare URLs out of prose ranges, recording each as a link (a URL names a source)."""
    marks = sorted(_occurrences(text, "://") + _occurrences(text, "www."))  # every bare URL holds one
    if not marks:
        return prose
    result: list[tuple[int, int]] = []
    for start, end in prose:
        nearest = bisect.bisect_left(marks, start)
        if nearest == len(marks) or marks[nearest] >= end:  # most ranges: no URL to look for
            if start < end:
                result.append((start, end))
            continue
        position = start
        for match in _BARE_URL.finditer(text, start, end):
            links.append(Link(match.start(), match.end(), match.group()))
            if match.start() > position:
                result.append((position, match.start()))
            position = match.end()
        if position < end:
            result.append((position, end))
    return result


def _occurrences(text: str, literal: str) -> list[int]:
    found: list[int] = []
    position = text.find(literal)
    while position >= 0:
        found.append(position)
        position = text.find(literal, position + 1)
    return found


def plain_text_regions(text: str) -> tuple[list[tuple[int, int]], Regions]:
    """Plain text is all prose but its suppression comments. Blank lines separate paragraphs;
    a short line that does not run on into the next (a title, a list item) is a block of its own."""
    offset = 1 if text.startswith(BOM) else 0
    blocks = Blocks()
    for paragraph in _paragraph_spans(text, offset):
        _line_blocks(text, *paragraph, blocks)
    comments = [match.span() for match in COMMENT.finditer(text)] if "healthlint-" in text else []
    prose, position = [], offset
    for start, end in comments:
        prose.append((position, start))
        position = end
    prose.append((position, len(text)))
    return [(s, e) for s, e in prose if e > s], Regions(blocks=blocks, html=comments)


def _paragraph_spans(text: str, start: int) -> list[tuple[int, int]]:
    spans = []
    for match in _PLAIN_PARAGRAPH_BREAK.finditer(text, start):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _line_blocks(text: str, start: int, end: int, blocks: Blocks) -> None:
    lines = [(m.start(), m.end()) for m in _PLAIN_LINE.finditer(text, start, end) if m.group().strip()]
    block_start = None
    for index, (line_start, line_end) in enumerate(lines):
        if block_start is None:
            block_start = line_start
        line = text[line_start:line_end]
        following = text[lines[index + 1][0]:lines[index + 1][1]].lstrip() if index + 1 < len(lines) else ""
        runs_on = bool(following) and not _LIST_BULLET.match(following) and (
            following[:1].islower() or bool(_CONTINUES_AFTER.search(line))
        )
        if not runs_on:
            kind = "item" if _LIST_BULLET.match(text[block_start:line_end]) else "paragraph"
            blocks.append(block_start, line_end, kind)
            block_start = None
