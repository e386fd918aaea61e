"""Whether a sentence or its paragraph carries a source. Rules ask; they do not re-implement it.

A source is a link (inline, reference or bare URL), a footnote reference `[^1]`,
a numeric reference `[1]` / `[1, 2]` / `[3-5]`, a DOI, a PMID or PMCID, or an
author-year citation such as "(Smith et al., 2020)", "(World Health Organization, 2022)" or
"a Cochrane review (2013)", "a 2017 Cochrane review", the authors of a reference-list entry
("Hemil\u00e4 H, Chalker E." or "Smith J, et al."), or a source named in the prose as journalists
and agencies name one ("according to the CDC", "published in the Lancet", "a 2018 trial in JAMA",
"Gupta and Carviel found", "the DiRECT trial").
"""

from __future__ import annotations

import bisect
import functools
from typing import Any

import regex

from healthlint.lazyregex import lazy
from healthlint.text.reading import lower_same_length, word_automaton
from healthlint.text.regions import Regions
from healthlint.text.sentences import Sentence

# Three patterns, not one alternation: apart, each keeps the literal start ("[", "(", a capital)
# the engine skips ahead by; together they cost twice as much.
_TEXT_CITATIONS = (
    lazy(r"""
    \[\s*\d{1,4}(?:\s*[,\u2013\u2014-]\s*\d{1,4})*\s*\]              # [1]  [1, 2]  [3-5]
    | \b10\.\d{4,9}/\S+                                            # DOI
    | \bdoi:\s*\S+
    | \bPMID:?\s*\d{5,9}\b | \bPMC\d{5,9}\b                        # PubMed ids
    """, regex.VERBOSE),
    lazy(r"""
    \(\s*(?:see\s+)?[\p{Lu}][\p{L}'\u2019-]+                      # (Smith et al., 2020)
        (?:\s+(?:of|for|on|and|the|&)?\s*[\p{Lu}][\p{L}'\u2019.-]*){0,5}  # (Versus Arthritis, 2023)
        (?:\s+et\s+al\.?|\s+(?:and|&)\s+[\p{Lu}][\p{L}'\u2019-]+)?
        (?:,\s*(?:[\p{Lu}][\p{L}'\u2019.&-]*\s*){1,6})?              # (UK ECT Review Group, The Lancet, 2003)
        ,?\s+(?:19|20)\d{2}[a-z]?(?:\s*[;,][^()]{0,80})?\)
    | \(\s*[\p{Lu}][\p{L}'\u2019-]+                                  # (Jung and colleagues, Clinical Oral
        (?:\s+(?:and|&)\s+(?:colleagues|co-?workers|[\p{Lu}][\p{L}'\u2019-]+)|\s+et\s+al\.?)  # Implants Research)
        \s*,\s*[\p{Lu}]
    | (?<=\b[\p{Lu}][\p{L}'\u2019-]+                                 # Smith et al. (2020) found
        (?:\s+(?:et\s+al\.?|and|&|[\p{Lu}][\p{L}'\u2019.-]*)){0,4}   # Derks and Tomasi (2015)
        (?:\s+(?:systematic\s+)?(?:review|study|trial|survey|audit|analysis|meta-analysis|report|guidelines?))?
        \s+)\(\s*(?:19|20)\d{2}[a-z]?\s*\)                           # a Cochrane review (2013): tried at "(" only
    """, regex.VERBOSE),
    lazy(r"""
    \b[\p{Lu}][\p{L}'\u2019-]+\s\p{Lu}{1,3}                       # a reference list entry:
        (?:,\s[\p{Lu}][\p{L}'\u2019-]+\s\p{Lu}{1,3})+(?:,?\set\sal)?\.   # Hemil\u00e4 H, Chalker E.
    | \b[\p{Lu}][\p{L}'\u2019-]+\s\p{Lu}{1,3},?\set\sal\.             # Smith J, et al.
    """, regex.VERBOSE),
)
# A source named in the prose, as journalists and agencies name one. Searched only in the sentences
# and paragraphs a rule asks about: over whole documents it would cost more than all the markers above.
_PROSE_SOURCE = lazy(r"""
    \b(?:[Aa]ccording\s+to|[Dd]ata\s+from|[Ff]igures\s+from|[Ss]tatistics\s+from|[Ee]stimates\s+from)
        \s+(?:the\s+)?(?!Dr\b|Doctor\b|Our\b|My\b)[\p{Lu}][\p{L}&.'\u2019-]+  # According to the CDC
    | \b(?:published|reported|appeared)\s+in\s+(?:the\s+)?(?:journal\s+)?\*{0,2}_?[\p{Lu}]   # published in the Lancet
    | \b(?:19|20)\d{2}\s+(?:[\w-]+\s+){0,3}?(?:trial|study|review|meta-analysis|analysis|survey)\s+
        (?:in|of|by|published|from|led)\s+(?:\d|[\p{Lu}]|the\s+[\p{Lu}])                # a 2018 trial in JAMA
    | \b(?:19|20)\d{2}\s+(?:[\p{Lu}][\p{L}-]+\s+){1,3}(?:systematic\s+)?(?:review|meta-analysis)\b  # a 2017 Cochrane review
    | \b[\p{Lu}][\p{L}'\u2019-]+\s+(?:and|&)\s+(?:colleagues|co-?workers|[\p{Lu}][\p{L}'\u2019-]+)
        \s+(?:found|reported|showed|concluded|published|observed)\b                     # Gupta and Carviel found
    | \bthe\s+(?=[\w-]*\p{Lu}[\w-]*\p{Lu})[\p{L}\d-]{3,}\s+(?:trial|study)\b          # the DiRECT trial
    | \b[Tt]he\s+(?:(?!(?:CEO|CFO|COO|CMO|CTO|MD|DC|ND|DO|RN|NP|PA|PT)\b)\p{Lu}{2,6}
        |(?:[\p{Lu}][\p{L}-]+\s+){1,4}(?:Commission|Institutes?|Association|Society|Agency
        |Organi[sz]ation|Service|Foundation|College|Academy|Council|Cent(?:er|re)s?|Department|Administration
        |Office|Board|Trust|Task\s+Force)(?:\s+(?:on|for|of)(?:\s+[\p{L}-]+){1,3}?)?)\s+(?:estimates|estimated|says|said|reports|reported|recommends
        |advises|notes|found|finds|counted|puts\s+it)\b                                 # the NHS estimates that
    | \b(?:CDC|NIH|NHS|WHO|EPA|NICE|NCI|NIDDK|NINDS|NIAMS|NCCIH|USPSTF|AAP|ACOG|HHS|SAMHSA|MHRA|TGA|EMA)\s+
        (?:estimates|says|reports|recommends|recogni[sz]es|advises|notes|found|finds|lists|warns)\b  # CDC recognizes
    """, regex.VERBOSE)
# One of these is in every source _PROSE_SOURCE finds: its lead-in, its "trial" or "study", or its verb.
_ANCHORS = ("according to", "data from", "figures from", "statistics from", "published in", "reported in",
            "appeared in", "trial", "study", "review", "analysis", "survey", "found", "reported", "showed",
            "concluded", "published", "observed", "estimate", "says", "said", "report", "recommend", "advise",
            "notes", "finds", "counted", "puts it", "recogni", "lists", "warns")


@functools.cache
def _anchor_automaton() -> Any:
    return word_automaton(_ANCHORS)


_NOT_A_SOURCE = ("mailto:", "tel:", "#", "javascript:")
# A link whose words ask the reader to act or point at customers' praise leads to a shop, a booking
# form or a reviews page, not to evidence: "[Shop now](...)", "[Read all reviews](...)".
_NOT_EVIDENCE = lazy(
    r"\G\W*(?:shop|buy|order|book|reserve|add\s+to|subscribe|sign\s+up|join|claim|start|try|call|contact"
    r"|read\s+(?:all\s+|more\s+|our\s+)?(?:customer\s+)?(?:reviews|testimonials|stories))\b"
    r"|\b(?:customer\s+reviews|testimonials|success\s+stories)\b",
    regex.I,
)
_EMAIL = lazy(r"[^\s/@:]+@[^\s/@]+\Z")  # an email autolink's destination: <offers@shop.example>


def is_source(destination: str) -> bool:
    """A link's destination points at something a reader can check: not an email address, a phone
    number, a place on the same page or a script."""
    return not (destination.lower().startswith(_NOT_A_SOURCE) or _EMAIL.match(destination))


class Citations:
    """Positions of every source marker in a document, answering range queries."""

    def __init__(self, regions: Regions) -> None:
        # a link's visible words stay in the prose text (its brackets and destination are blanked)
        starts = [link.start for link in regions.links
                  if is_source(link.destination) and not _NOT_EVIDENCE.search(regions.masked, link.start, link.end)]
        starts += [start for start, _ in regions.footnote_refs]
        starts += [m.start() for pattern in _TEXT_CITATIONS for m in pattern.finditer(regions.masked)]
        self._starts = sorted(starts)
        self._masked = regions.masked
        self._anchors: list[int] | None = None  # where a word every named source holds occurs
        self._named: dict[tuple[int, int], bool] = {}  # ranges searched for a source named in prose

    def in_range(self, start: int, end: int) -> bool:
        """True when a source marker starts in [start, end), or a source is named in its words."""
        index = bisect.bisect_left(self._starts, start)
        if index < len(self._starts) and self._starts[index] < end:
            return True
        named = self._named.get((start, end))
        if named is None:  # rules ask of the same sentence and paragraph again and again
            named = self._named[start, end] = self._names_a_source(start, end)
        return named

    def _names_a_source(self, start: int, end: int) -> bool:
        """A source is named in the prose of [start, end): the pattern runs only on a range that
        holds one of the words each of its forms needs, found for the whole document in one pass."""
        if self._anchors is None:
            self._anchors = [last for last, _ in _anchor_automaton().iter(lower_same_length(self._masked))]
        index = bisect.bisect_left(self._anchors, start)
        if index == len(self._anchors) or self._anchors[index] >= end:
            return False
        return _PROSE_SOURCE.search(self._masked, start, end) is not None

    def sentence_cited(self, sentence: Sentence, following: Sentence | None = None) -> bool:
        """The sentence carries a source, or is followed directly by one before the next sentence."""
        end = following.start if following is not None and following.block == sentence.block else sentence.end + 1
        return self.in_range(sentence.start, max(end, sentence.end))
