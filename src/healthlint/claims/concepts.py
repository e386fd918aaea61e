"""Concepts: where the terms of named vocabularies occur in prose, found in one Aho-Corasick pass."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import regex

from healthlint.claims.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Mention:
    """A term of vocabulary `concept` at text[start:end]."""

    concept: str
    start: int
    end: int


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class ConceptTagger:
    """Tags the vocabularies `names` of a lexicon (all of them by default) in a stretch of text.

    Matching is case-insensitive, on whole words, and a run of white space in the text matches the
    single space of a term of several words. Where terms overlap, the longest wins per concept."""

    def __init__(self, lexicon: Lexicon, names: Iterable[str] | None = None) -> None:
        self.names = tuple(sorted(names if names is not None else lexicon.names()))
        self._concepts: dict[str, set[str]] = {}
        for name in self.names:
            for form in lexicon[name]:
                self._concepts.setdefault(form.lower().replace("\u2019", "'"), set()).add(name)
        self.empty = not self._concepts
        self._automaton: Any = None

    def automaton(self) -> Any:
        """The Aho-Corasick automaton of every form, built on first use (a run answered from the
        cache never loads pyahocorasick)."""
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for form, names_of in self._concepts.items():
                automaton.add_word(form, (len(form), tuple(sorted(names_of))))
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Every concept mention in text[start:end], by start, the longest first at one start."""
        end = len(text) if end is None else end
        if self.empty or start >= end:
            return []
        from healthlint.context import lower_same_length

        piece = lower_same_length(text[start:end]).replace("\u2019", "'")  # curly apostrophes read as straight
        squeezed, back = _squeeze(piece)
        found: dict[tuple[str, int], Mention] = {}
        for last, (length, names) in self.automaton().iter(squeezed):
            first = last - length + 1
            if (_is_word(squeezed[first]) and first > 0 and _is_word(squeezed[first - 1])) or (
                    _is_word(squeezed[last]) and last + 1 < len(squeezed) and _is_word(squeezed[last + 1])):
                continue  # not a whole word (a term like "®" may touch the word before it)
            if first > 0 and squeezed[first - 1] == "-" and first > 1 and _is_word(squeezed[first - 2]):
                continue  # the tail of a hyphenated word ("anti-aging" is not "aging")
            m_start, m_end = start + back(first), start + back(last) + 1
            for name in names:
                key = (name, m_start)
                if key not in found or found[key].end < m_end:
                    found[key] = Mention(name, m_start, m_end)
        return _longest(sorted(found.values(), key=lambda m: (m.start, -m.end, m.concept)))


def _longest(mentions: list[Mention]) -> list[Mention]:
    """Drop a mention inside a longer mention of the same concept ("cancer" in "breast cancer")."""
    reach: dict[str, int] = {}
    kept = []
    for mention in mentions:
        if reach.get(mention.concept, -1) >= mention.end:
            continue
        reach[mention.concept] = max(reach.get(mention.concept, -1), mention.end)
        kept.append(mention)
    return kept


_EDITORIAL = regex.compile(r"\s*\[sic\]|\[(?=\w{1,3}\])|(?<=\[\w{1,3})\]", regex.I)
_DROPPED = regex.compile(r"(?<=\s)\s+")  # white space after white space
_WHITE = str.maketrans("\t\n\r\f\v", "     ")


def _squeeze(piece: str) -> tuple[str, Callable[[int], int]]:
    """`piece` read as a reader reads it, and a map from its indexes back: every run of white
    space one space, and a quotation's editorial marks dropped ("[sic]", and the brackets of
    "[t]reatment" or "contain[s]")."""
    drops = [m.span() for m in _DROPPED.finditer(piece)]
    if "[" in piece:
        drops = sorted(drops + [m.span() for m in _EDITORIAL.finditer(piece) if m.end() > m.start()])
    if not drops:
        return piece.translate(_WHITE), _identity
    kept: list[str] = []
    points: list[int] = []  # squeezed index where a kept stretch begins
    shifts: list[int] = []  # how far that stretch moved left
    position = removed = 0
    for start, end in drops:
        start = max(start, position)
        if end <= start:
            continue
        kept.append(piece[position:start])
        removed += end - start
        points.append(start - removed + (end - start))
        shifts.append(removed)
        position = end
    kept.append(piece[position:])
    squeezed = "".join(kept).translate(_WHITE)

    def back(index: int) -> int:
        k = bisect.bisect_right(points, index) - 1
        return index + (shifts[k] if k >= 0 else 0)
    return squeezed, back


def _identity(index: int) -> int:
    return index

