"""Sentence splitting over prose blocks, robust to abbreviations, initials and decimals."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from healthlint.lazyregex import lazy
from healthlint.packed import Packed
from healthlint.text.regions import Block

# A run of terminal punctuation with any closing quotes or brackets, then white space.
_END = lazy(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")
_WORD_BEFORE = lazy(r"(?r)(\S+)$")  # searched backwards from the end: a forward search is quadratic
_ABBREVIATIONS = frozenset(
    """dr mr mrs ms prof st sr jr vs v etc e.g i.e eg ie al fig figs no nos approx ca cf
    vol p pp ed eds inc ltd co corp dept univ est min max mt ft jan feb mar apr jun jul aug
    sep sept oct nov dec mg mcg ml kg lb oz""".split()
)
# A line break before a line that opens with a symbol that is no letter, digit, quotation mark,
# bracket or Markdown markup: a list drawn with ticks, arrows, stars or emoji, one item a line.
# (Matched from the line break, not after it: a look-behind is tried at every character, ~15x slower.)
_SYMBOL_LINE = lazy(r"\n[ \t]*(?=[^\w\s\"'\u201c\u2018\u201d\u2019(\[{*_`#>|~=+.,;:!?/\\-])")
MAX_SENTENCE = 2000  # characters; longer run-ons are cut at white space
_DOTTED = lazy(r"^(?:\p{L}\.){2,}$|^\p{Lu}$")  # U.S.  e.g.  J (an initial)


@dataclass(slots=True)  # not frozen: a frozen dataclass builds ~6x slower, and there are many; treat as read-only
class Sentence:
    """A sentence: character offsets into the document and the index of its block."""

    start: int
    end: int
    block: int


class Sentences(Packed[Sentence]):
    """A document's sentences in order, packed (see healthlint.packed); `starts` and `ends` are
    arrays that can be read and bisected directly."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(Sentence)

    def append(self, start: int, end: int, block: int) -> None:
        self._append(start, end, block)

    @property
    def starts(self) -> array[int]:
        return self._columns[0]

    @property
    def ends(self) -> array[int]:
        return self._columns[1]


def _is_abbreviation(before: str) -> bool:
    word = before.lstrip("(\"'\u201c\u2018[").rstrip(".")
    lowered = word.lower()
    return lowered in _ABBREVIATIONS or bool(_DOTTED.match(word + ".")) or bool(_DOTTED.match(word))


def split_block(masked: str, block: Block, block_index: int, sentences: Sentences) -> None:
    """Add the sentences of one block; headings and list items are never merged with others, nor
    the lines of a list drawn with symbols ("✔️ Supports PCOS" / "✔️ Doubles your chances")."""
    start = block.start
    for line in _SYMBOL_LINE.finditer(masked, block.start, block.end):
        _split(masked, start, line.start() + 1, block_index, sentences)  # the next line starts after the break
        start = line.start() + 1
    _split(masked, start, block.end, block_index, sentences)


def _split(masked: str, start: int, stop: int, block_index: int, sentences: Sentences) -> None:
    """Add the sentences of masked[start:stop], part of the block `block_index`."""
    for match in _END.finditer(masked, start, stop):
        punctuation = match.group()
        if punctuation.startswith(".") and len(punctuation.rstrip("\"'\u201d\u2019)]")) == 1:
            previous = _WORD_BEFORE.search(masked, start, match.start())
            if previous and _is_abbreviation(previous.group(1)):
                continue
            following = masked[match.end():match.end() + 40].lstrip()
            if following[:1].islower():
                continue
        elif punctuation[-1] in ")]" and masked[match.end():match.end() + 40].lstrip()[:1].islower():
            continue  # a parenthesis closed inside the sentence: "(or instead of!) conventional care"
        _append(masked, sentences, start, match.end(), block_index)
        start = match.end()
    _append(masked, sentences, start, stop, block_index)


def _append(masked: str, sentences: Sentences, start: int, end: int, block_index: int) -> None:
    """Add the trimmed sentence; a run-on longer than MAX_SENTENCE is cut at white space, so no
    rule ever works on an unbounded stretch of text (a 1 MB line has no sentence in it)."""
    while end - start > MAX_SENTENCE:
        cut = masked.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _append(masked, sentences, start, cut, block_index)
        start = cut
    piece = masked[start:end]
    stripped = piece.strip()
    # Most sentences begin with a letter: test that before looking for one anywhere.
    if not stripped or not (stripped[0].isalnum() or any(ch.isalnum() for ch in stripped)):
        return
    left = start + (len(piece) - len(piece.lstrip()))
    sentences.append(left, left + len(stripped), block_index)


def split(masked: str, blocks: Sequence[Block]) -> Sentences:
    """All sentences of a document, in order."""
    result = Sentences()
    for index, block in enumerate(blocks):
        split_block(masked, block, index, result)
    return result
