"""What a rule sees: a document analysed once into prose, sentences and citations."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable
from collections.abc import Set as AbstractSet
from functools import cached_property
from typing import TYPE_CHECKING, Any

from healthlint.text import language
from healthlint.text.citations import Citations
from healthlint.text.document import Document
from healthlint.text.prose import regions_for
from healthlint.text.reading import lower_same_length
from healthlint.text.regions import Block, Regions
from healthlint.text.sentences import Sentence, Sentences, split

if TYPE_CHECKING:
    from healthlint.claims.modifiers import ContextRules, Modifier


_NONE: frozenset[str] = frozenset()
_NEGATED, _HEDGED = frozenset({"negated"}), frozenset({"hedged"})
_LED = frozenset({"negated", "hedged", "hypothetical", "conditional"})  # what a list's lead-in lends its lines
_LIST_REACH = 30  # blocks looked back over for a list's lead-in
_WORDLIKE = re.compile(r"\w")
_LINE = 200  # characters of a paragraph that is one line of a list without bullets


class DocumentContext:
    """A document with its prose regions, sentences and citation index. (A plain class, as the
    other holders a one-file check imports: see healthlint.running.engine.)"""

    def __init__(self, document: Document, regions: Regions, sentences: Sentences) -> None:
        self.document = document
        self.regions = regions
        self.sentences = sentences
        self._memo: dict[str, Any] = {}
        self._per_sentence: dict[Hashable, dict[int, Any]] = {}
        self.hits: dict[int, set[str]] = {}  # sentence -> keywords found in it
        # What the runner's pass tagged (ConceptTagger.in_sentence reads it): the keys of the taggers it
        # covered, and sentence -> tagger key -> (concept names, start, end) of each term found; `whole`
        # when the pass covered every sentence.
        self.tagged: frozenset[str] = frozenset()
        self.mentions: dict[int, dict[str, list[tuple[tuple[str, ...], int, int]]]] = {}
        self.whole = False
        # "careful" or "promotional" when the configuration declares the document's register (an
        # override's `register`: "our FAQ answers are careful, however short"); None: measured.
        self.declared_register: str | None = None

    @classmethod
    def build(cls, document: Document) -> DocumentContext:
        regions = regions_for(document)
        sentences = split(regions.masked, regions.blocks)
        return cls(document, regions, sentences)

    @property
    def text(self) -> str:
        """The prose text: the document with everything that is not prose blanked out."""
        return self.regions.masked

    @cached_property
    def lowered(self) -> str:
        """The prose text lowercased, same offsets; made on first use (the runner lowercases a
        window at a time instead, so a big document does not hold a third copy of its text)."""
        return lower_same_length(self.regions.masked)

    @cached_property
    def citations(self) -> Citations:
        return Citations(self.regions)

    def once(self, key: str, compute: Callable[[DocumentContext], Any]) -> Any:
        """A per-document fact computed once, however many sentences ask (e.g. 'does the text
        describe an injection?'); `key` must be unique to the asking rule."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    def per_sentence(self, key: Hashable, index: int, compute: Callable[[], Any]) -> Any:
        """A per-sentence fact computed once (e.g. a sentence's modifiers); `key` names the fact.
        Only the latest window's worth is kept: the runner never asks again about earlier ones."""
        cache = self._per_sentence.get(key)
        if cache is None:
            cache = self._per_sentence[key] = {}
        value = cache.get(index)
        if value is None:
            if len(cache) > 4096:
                cache.clear()
            value = cache[index] = compute()
        return value

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing `offset`, if any."""
        index = bisect.bisect_right(self.sentences.starts, offset) - 1
        if index >= 0 and offset < self.sentences.ends[index]:
            return index
        return None

    def sentence(self, index: int) -> SentenceContext:
        """The sentence's context, made once however many rules ask (a per-sentence fact)."""
        return self.per_sentence(SentenceContext, index, lambda: SentenceContext(self, index))

    def block_of(self, sentence: Sentence) -> Block:
        return self.regions.blocks[sentence.block]

    def lead_in(self, index: int) -> int | None:
        """The sentence that introduces the list or the lines the sentence stands in ("Treatment
        may include:"): the last of the nearest block above that ends in a colon, with only list
        items or unfinished single lines between; None when the sentence is not such a line."""
        block = self.sentences[index].block
        if not self._listed(block):
            return None
        for above in range(block - 1, max(block - _LIST_REACH, -1), -1):
            found = self.regions.blocks[above]
            if self.text[found.start:found.end].rstrip().endswith(":"):
                return self.sentence_at(self.text.rindex(":", found.start, found.end))
            if not self._listed(above):
                return None
        return None

    def _listed(self, block: int) -> bool:
        """A list item, or a paragraph of one unfinished line (a list without bullets)."""
        found = self.regions.blocks[block]
        if found.kind == "item":
            return True
        body = self.text[found.start:found.end].strip()
        return (found.kind == "paragraph" and 0 < len(body) <= _LINE and "\n" not in body
                and not language.is_finished(body) and not body.endswith(":"))


_LIST_JOIN = frozenset({"and", "or", "nor"})  # the words that join a list's items (commas and semicolons too)


def _listed_after(text: str, trigger_end: int, start: int) -> bool:
    """text[trigger_end:start] joins a list: the claim at `start` is a later item after the
    trigger's ("no cutting, no downtime and no recovery period"; not "no vaccine is 100%
    effective or free of side effects", whose own negation is another word)."""
    between = text[trigger_end:start]
    return "," in between or ";" in between or any(w in _LIST_JOIN for w in between.lower().split())


class SentenceContext:
    """One sentence of a document, with the shared helpers rules use to judge it."""

    __slots__ = ("document", "index", "start", "end")

    def __init__(self, document: DocumentContext, index: int) -> None:
        self.document = document
        self.index = index
        self.start: int = document.sentences.starts[index]
        self.end: int = document.sentences.ends[index]

    @property
    def sentence(self) -> Sentence:
        """The sentence record (made on access: most sentences a rule sees need only the offsets)."""
        return self.document.sentences[self.index]

    @property
    def keywords(self) -> AbstractSet[str]:
        """The rule keywords (lowercased) the runner's keyword pass found in this sentence (read-only)."""
        return self.document.hits.get(self.index, _NONE)

    @property
    def text(self) -> str:
        """The sentence's prose text (offset `start` in the document)."""
        return self.document.text[self.start:self.end]

    @property
    def block(self) -> Block:
        return self.document.block_of(self.sentence)

    def neighbour(self, delta: int) -> Sentence | None:
        index = self.index + delta
        return self.document.sentences[index] if 0 <= index < len(self.document.sentences) else None

    def cited(self) -> bool:
        """The sentence carries a source (or one follows it directly)."""
        return self.document.citations.sentence_cited(self.sentence, self.neighbour(1))

    def paragraph_cited(self) -> bool:
        """The sentence's paragraph carries a source."""
        block = self.block
        return self.document.citations.in_range(block.start, block.end + 1)

    def negated(self, start: int, end: int | None = None) -> bool:
        """A ConText negation outside the claim at [start, end) covers its first word ("not
        proven to cure") or, given `end`, its last ("this treatment does not work for everyone",
        "... has not been shown"). A claim that holds its own negation ("no side effects") is
        not denied by it, nor by the same word before it in a list ("no cutting, no downtime")."""
        last = start if end is None or end <= start else end - 1
        covering = [m for m in self.modifiers() if m.category == "negated" and (m.covers(start) or m.covers(last))
                    and not start <= m.start < last + 1]
        if not covering:  # the common case, answered in one pass
            return False
        text = self.document.text
        own = {text[m.start:m.end].lower() for m in self.modifiers()
               if m.category == "negated" and start <= m.start < last + 1}
        return any(not (text[m.start:m.end].lower() in own and _listed_after(text, m.end, start)) for m in covering)

    def hedged(self, start: int | None = None, end: int | None = None) -> bool:
        """A ConText hedge ("may", "early studies suggest") covers the claim at `start`; without
        a position, one hedges anything in the sentence."""
        if start is None:
            return any(m.category == "hedged" for m in self.modifiers())
        return self.modified(start, _HEDGED)

    def quoted(self, start: int, end: int) -> bool:
        """The span sits inside quotation marks within its paragraph (a title, a quoted claim, a
        quotation of several sentences: '"But I would not call it a breakthrough. We need time."')."""
        block = self.document.block_of(self.sentence)
        return language.quoted(self.document.text, start, end, block.start, block.end)

    def set_apart(self, start: int, end: int, unless: frozenset[str]) -> bool:
        """The span is set apart as a rule's `unless` asks: by quotation marks, any quotation
        ("quoted") or one short enough to name a term rather than quote speech ("mentioned",
        language.mentioned); or as the whole of its table cell or list line ("labelled", see
        labelled)."""
        if "labelled" in unless and self.labelled(start, end):
            return True
        if "quoted" in unless:
            return self.quoted(start, end)
        if "mentioned" not in unless:
            return False
        block = self.document.block_of(self.sentence)  # a quotation may run over its paragraph's sentences
        return language.mentioned(self.document.text, start, end, block.start, block.end)

    def labelled(self, start: int, end: int) -> bool:
        """The span is all the words of its table cell or list line: a term named, as a glossary
        or a comparison table names it, not said of anything."""
        block = self.block
        if block.kind not in ("cell", "item"):
            return False
        text, first, last = self.document.text, block.start, block.end
        if block.kind == "cell":  # a table row's block: its cells end at the pipes
            left, right = text.rfind("|", first, start), text.find("|", end, last)
            first, last = (left + 1 if left >= 0 else first), (right if right >= 0 else last)
        return not (_WORDLIKE.search(text, first, start) or _WORDLIKE.search(text, end, last))

    def modifiers(self, context: ContextRules | None = None) -> list[Modifier]:
        """The sentence's ConText modifiers under `context` (core's lexicon by default), found
        once per sentence and lexicon however many rules and matches ask."""
        from healthlint.claims.modifiers import default_context

        rules = context or default_context()
        return self.document.per_sentence(
            id(rules), self.index, lambda: rules.modifiers(self.document.text, self.start, self.end) + self._led_in(rules))

    def _led_in(self, rules: ContextRules) -> list[Modifier]:
        """The modifiers a list's lead-in passes to the lines under it: "The goals of treatment may
        include:" hedges "Preventing or reversing damage" below it. Denial, hedging, hypothesis and
        condition only: a seller's "What our clients say:" would lend reported speech to its own
        claims."""
        lead = self.document.lead_in(self.index)
        if lead is None:
            return []
        from healthlint.claims.modifiers import Modifier

        above = self.document.sentence(lead)
        colon = self.document.text.rindex(":", above.start, above.end)
        return [Modifier(m.category, m.start, m.end, self.start, self.end) for m in above.modifiers(rules)
                if m.category in _LED and m.covers(colon - 1)]

    def modified(self, position: int, categories: AbstractSet[str]) -> bool:
        """A modifier of one of `categories` (core's lexicon: "negated", "hedged", "limited",
        "conditional", "hypothetical", "reported", "comparative") has `position` in its scope."""
        return any(m.category in categories and m.covers(position) for m in self.modifiers())

    def silenced(self, conditions: AbstractSet[str]) -> bool:
        """One of the sentence-wide `conditions` a rule names in `unless` holds for this sentence:
        "question", "heading", "cited" (the sentence carries a source), "paragraph-cited"."""
        return (("question" in conditions and self.is_question())
                or ("heading" in conditions and self.is_heading())
                or ("cited" in conditions and self.cited())
                or ("paragraph-cited" in conditions and self.paragraph_cited()))

    def is_question(self) -> bool:
        return language.is_question(self.text)

    def is_heading(self) -> bool:
        return self.block.kind == "heading"
