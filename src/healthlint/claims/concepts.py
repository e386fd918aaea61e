"""Concepts: where the terms of named vocabularies occur in prose, found in one Aho-Corasick pass."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from healthlint.claims.lexicon import Lexicon
from healthlint.deferred import Deferred
from healthlint.text.reading import read, term_key

if TYPE_CHECKING:
    from healthlint.rules.context import SentenceContext


class Mention(NamedTuple):  # not a frozen dataclass: one compiles six methods at import, ~4x slower to create
    """A term of vocabulary `concept` at text[start:end]."""

    concept: str
    start: int
    end: int


def is_word_char(ch: str) -> bool:
    """A character of a word, as whole-word matching reads one (letters, digits, '_')."""
    return ch.isalnum() or ch == "_"


class ConceptTagger:
    """Tags the vocabularies `names` of a lexicon (all of them by default) in a stretch of text.

    Matching is case-insensitive, on whole words, and a run of white space in the text matches the
    single space of a term of several words. Where terms overlap, the longest wins per concept.
    The runner's keyword pass tags every tagger its rules read (`Rule.taggers`) in the same
    Aho-Corasick pass; `in_sentence` reads what it found, and `mentions` is a pass of its own."""

    def __init__(self, lexicon: Lexicon, names: Iterable[str] | None = None) -> None:
        self.names = tuple(sorted(names if names is not None else lexicon.names()))
        concepts: dict[str, tuple[str, ...]] = {}
        self.sizes: dict[str, int] = {}  # vocabulary -> its number of forms
        for name in self.names:  # in sorted order, so each form's names come out sorted
            self.sizes[name] = len(lexicon[name])
            for form in lexicon[name]:
                key = term_key(form)
                had = concepts.get(key)
                if had is None:
                    concepts[key] = (name,)
                elif had[-1] != name:
                    concepts[key] = (*had, name)
        self._forms = Deferred(concepts)  # read only to build an automaton, which a kept runner holds
        self.empty = not concepts
        # Names this tagger in the runner's record of a document (DocumentContext.tagged): unlike
        # id(), it is the same after a pickle (healthlint.running.compiled keeps built runners).
        self.key = os.urandom(8).hex()
        self._automaton: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_automaton": None}  # built again on first use

    @property
    def forms(self) -> dict[str, tuple[str, ...]]:
        """Each form (its term_key) -> the names of the vocabularies it is a term of."""
        return self._forms.get()

    def automaton(self) -> Any:
        """The Aho-Corasick automaton of every form, built on first use (a run answered from the
        cache never loads pyahocorasick)."""
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for form, names_of in self.forms.items():
                automaton.add_word(form, (len(form), names_of))
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Every concept mention in text[start:end], by start, the longest first at one start."""
        end = len(text) if end is None else end
        if self.empty or start >= end:
            return []
        squeezed, back = read(text[start:end])
        return found((names, start + back(last - length + 1), start + back(last) + 1)
                     for last, (length, names) in self.automaton().iter(squeezed)
                     if whole_word(squeezed, last - length + 1, last))

    def in_sentence(self, ctx: SentenceContext) -> list[Mention]:
        """The mentions in one sentence: those the runner's pass found when it tagged this
        tagger's concepts in the document, else from a pass of its own."""
        document = ctx.document
        if self.key in document.tagged:
            return document.per_sentence(
                self.key, ctx.index, lambda: found(document.mentions.get(ctx.index, {}).get(self.key, ())))
        return self.mentions(document.text, ctx.start, ctx.end)


def whole_word(squeezed: str, first: int, last: int) -> bool:
    """squeezed[first:last + 1] is a whole word or phrase: no word character runs on at either
    end (a term like "®" may touch the word before it), and it is not the tail of a hyphenated
    word ("anti-aging" is not "aging")."""
    if first > 0:
        before = squeezed[first - 1]
        if (before.isalnum() or before == "_") and is_word_char(squeezed[first]):
            return False
        if before == "-" and first > 1 and is_word_char(squeezed[first - 2]):
            return False
    if last + 1 < len(squeezed):
        after = squeezed[last + 1]
        return not ((after.isalnum() or after == "_") and is_word_char(squeezed[last]))
    return True


def found(raw: Iterable[tuple[tuple[str, ...], int, int]]) -> list[Mention]:
    """Mentions from (concept names, start, end) per term (the runner's record of a sentence), by
    start, the longest first at one start, without one inside a longer mention of the same concept."""
    return _longest({(start, -end, name) for names, start, end in raw for name in names})


def _longest(keys: set[tuple[int, int, str]]) -> list[Mention]:
    """The mentions (start, -end, concept) in that order, without one inside a longer mention of
    the same concept ("cancer" in "breast cancer"); a Mention is made only for those kept."""
    reach: dict[str, int] = {}
    kept = []
    for start, negative_end, concept in sorted(keys):
        end = -negative_end
        if reach.get(concept, -1) >= end:
            continue
        reach[concept] = end  # further than any earlier mention of the concept reached
        kept.append(Mention(concept, start, end))
    return kept
