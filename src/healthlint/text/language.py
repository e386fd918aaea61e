"""Sentence-level language cues shared by rules: questions, finished sentences and quotations.
(Negation and hedging are ConText scopes: healthlint.claims.modifiers.)"""

from __future__ import annotations


def is_question(text: str) -> bool:
    """True for a question such as a heading "Is stem cell therapy safe?"."""
    return text.rstrip().rstrip("\"'\u201d\u2019)").endswith("?")


def is_finished(text: str) -> bool:
    """True for text that ends in a full stop, a question or an exclamation mark (a tagline, a list
    item or a heading usually does not)."""
    return text.rstrip()[-1:] in (".", "?", "!")


_OPEN_QUOTES = "\"\u201c\u00ab"
_CLOSE_QUOTES = "\"\u201d\u00bb"


def quoted(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """True when [start, end) lies between an opening and a closing double quote in the sentence."""
    before = text[sentence_start:start]
    after = text[end:sentence_end]
    opened = max(before.rfind(q) for q in _OPEN_QUOTES)
    if opened < 0:
        return False
    if '"' == before[opened] and before.count('"') % 2 == 0:
        return False
    return any(q in after for q in _CLOSE_QUOTES)
