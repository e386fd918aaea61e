"""Text as the keyword and concept pass reads it, with a map back to the original offsets.

A reader sees "holy **grail**" (markup blanked to spaces), a phrase wrapped across lines, and a
quotation's "[t]reatment [sic]" as plain words. The pass reads a stretch of prose lowercased,
every run of white space as one space, curly apostrophes as straight ones, and editorial marks
dropped; terms are written the same way (`term_key`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from healthlint.lazyregex import lazy

_WHITE_SPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_TO_SPACE = str.maketrans({**dict.fromkeys(_WHITE_SPACE, " "), "\u2019": "'"})  # same length
_SPACES = lazy(" {2,}")
# Stdlib re, a quarter of the regex module's cost a call: the class is ASCII, so both read it alike.
_PLAIN = re.compile(r"[a-z0-9'.,&%/+-]+(?: [a-z0-9'.,&%/+-]+)*")
_DROPPED = re.compile(r"(?<= ) +")  # a space after a space (stdlib re: see _PLAIN)
_EDITORIAL = lazy(r" *\[sic\]|\[(?=\w{1,3}\])|(?<=\[\w{1,3})\]")


def word_automaton(words: Iterable[str]) -> Any:
    """An Aho-Corasick automaton of `words` (each stored as 1): one pass over a text tells whether,
    and where, any of them occurs."""
    import ahocorasick  # here: a run that needs no such pass does not load it

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for word in words:
        automaton.add_word(word, 1)
    automaton.make_automaton()
    return automaton


def lower_same_length(text: str) -> str:
    """`text` lowercased, keeping any character whose lowercase is longer (offsets must not move)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def pieces(text: str, size: int = 1 << 16) -> Iterator[tuple[int, int]]:
    """[start, end) pieces of `text` of about `size` characters, each ending at white space so that
    no word is cut in two: a 50 MB text is read a piece at a time, never copied whole."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        while end < len(text) and not text[end].isspace():
            end += 1
        yield start, end
        start = end


def term_key(term: str) -> str:
    """A term as the pass reads text: lowercased, runs of white space one space (a space at an end is
    kept: " we " asks for a whole word), straight apostrophes."""
    if _PLAIN.fullmatch(term):  # most terms: lowercase words and single spaces already
        return term
    return _SPACES.sub(" ", lower_same_length(term).translate(_TO_SPACE))


def read(piece: str) -> tuple[str, Callable[[int], int]]:
    """`piece` as a reader reads it and a map from the result's indexes back to `piece`'s: lowercased
    (same length), white space one space, and a quotation's editorial marks ("[sic]", the brackets
    of "[t]reatment" or "contain[s]") dropped."""
    piece = lower_same_length(piece).translate(_TO_SPACE)
    drops = [m.span() for m in _DROPPED.finditer(piece)]
    if "[" in piece:
        drops = sorted(drops + [m.span() for m in _EDITORIAL.finditer(piece) if m.end() > m.start()])
    if not drops:
        return piece, _identity
    kept: list[str] = []
    points: list[int] = [-1]  # index in the result where a kept stretch begins (-1: the first)
    shifts: list[int] = [0]  # how far that stretch moved left
    position = removed = 0
    for start, end in drops:
        start = max(start, position)
        if end <= start:
            continue
        kept.append(piece[position:start])
        removed += end - start
        points.append(end - removed)
        shifts.append(removed)
        position = end
    kept.append(piece[position:])

    def back(index: int) -> int:
        return index + shifts[bisect.bisect_right(points, index) - 1]
    return "".join(kept), back


def _identity(index: int) -> int:
    return index
