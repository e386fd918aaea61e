"""Sentence-level language cues shared by rules: questions, finished sentences and quotations.
(Negation and hedging are ConText scopes: healthlint.claims.modifiers.)"""

from __future__ import annotations

import re


def is_question(text: str) -> bool:
    """True for a question such as a heading "Is stem cell therapy safe?"; not for a rhetorical
    "why ... when you can ...?", which asks nothing and asserts what follows "when you can"."""
    return text.rstrip().rstrip("\"'\u201d\u2019)").endswith("?") and _RHETORICAL.search(text) is None


# "Why accept managing your symptoms when you can reverse heart disease?"
_RHETORICAL = re.compile(r"^\W*why\b[^?]*\bwhen\s+(?:you|we|they|it)\s+(?:can|could)\b", re.IGNORECASE)


def is_finished(text: str) -> bool:
    """True for text that ends in a full stop, a question or an exclamation mark (a tagline, a list
    item or a heading usually does not)."""
    return text.rstrip()[-1:] in (".", "?", "!")


_OPEN_QUOTES = "\"\u201c\u00ab"
_CLOSE_QUOTES = "\"\u201d\u00bb"


def quotation(text: str, start: int, end: int, range_start: int, range_end: int) -> tuple[int, int] | None:
    """The quotation that [start, end) lies in within [range_start, range_end) (a sentence or a
    paragraph: a quotation may run over several sentences), from its opening double quote to its
    closing one (both included); None outside quotation marks."""
    before = text[range_start:start]
    opened = max(before.rfind(q) for q in _OPEN_QUOTES)
    if opened < 0:
        return None
    if '"' == before[opened]:
        if before.count('"') % 2 == 0:
            return None
    elif any(before.find(q, opened + 1) >= 0 for q in _CLOSE_QUOTES[1:]):
        return None  # a curly quotation that opened and closed before the span (one said before it)
    closes = [at for q in _CLOSE_QUOTES if (at := text.find(q, end, range_end)) >= 0]
    return (range_start + opened, min(closes) + 1) if closes else None


def quoted(text: str, start: int, end: int, range_start: int, range_end: int) -> bool:
    """True when [start, end) lies between an opening and a closing double quote in the range."""
    return quotation(text, start, end, range_start, range_end) is not None


MENTION_WORDS = 3  # a quotation this short names a term ("miracle", "no side effects"); a longer one is speech


def mentioned(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """True when [start, end) lies in a quotation of MENTION_WORDS words or fewer: a term cited as
    a word ("we never say "breakthrough"", products described as "safe") rather than quoted speech."""
    found = quotation(text, start, end, sentence_start, sentence_end)
    return found is not None and len(text[found[0]:found[1]].split()) <= MENTION_WORDS
