"""Negation and hedging helpers shared by rules ("no cure", "is not proven"; "may", "early")."""

from __future__ import annotations

import itertools

import regex

from healthlint.lazyregex import lazy

_NEGATION = lazy(
    r"""\b(?:no|not|never|none|nor|neither|without|cannot|can't|can\u2019t|won't|won\u2019t
    |\w+n't|\w+n\u2019t|lacks?|lacking|lack\s+of|absence\s+of|rather\s+than|instead\s+of
    |yet\s+to\s+be|far\s+from|unproven|little|cant|dont|doesnt|isnt|unlikely|nothing|nobody|false|myth|myths|beware
    |avoid|misleading|claim(?:s|ed|ing)?|promise\s+to|promising\s+to|advertis\w*|marketed|touted|so-called)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
_DENIED_AFTER = lazy(
    r"(?:\s+[\w'\u2019-]+){0,4}?\s+(?:has|have|had|is|are|was|were|does|do|did)\s*(?:not|never|n't|n\u2019t)\b", regex.IGNORECASE)
_STRONG_BREAK = lazy(r"[;\u2014()]|\b(?:but|however|although|though|yet|while|whereas)\b", regex.IGNORECASE)
# A negation does not reach across a contrast, into a second coordinated claim ("no side effects and works"),
# or from a reason into what it is said to prove ("it contains no drugs, so it has no side effects").
_NEGATION_BREAK = lazy(
    _STRONG_BREAK.pattern + r"|\b(?:and|so(?!-)|therefore|thus|hence)\b|,\s*(?:there|it|this|they|which)\b", regex.IGNORECASE)
_HEDGE = lazy(
    r"""\b(?:may|might|could|can\s+potentially|possibl[ey]|potential(?:ly)?|perhaps|early|preliminary|suggests?|suggested
    |appears?\s+to|seems?\s+to|some\s+evidence|limited|small\s+(?:study|trial)|likely|unclear|uncertain|not\s+yet
    |being\s+(?:studied|investigated|tested)|in\s+some\s+(?:people|patients|cases)
    |hypothes\w+|pilot)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
_WORD_BACKWARDS = lazy(r"(?r)[\w'\u2019-]+")  # the words before a claim, nearest first


def negated(text: str, start: int, sentence_start: int = 0, window: int = 8) -> bool:
    """True when a negation governs the words just before `start` (up to `window` words, not across
    'but', 'however', a semicolon or a dash).

    `text` is the document (or sentence) text and `start` the offset of the claim in it.
    """
    clause_start = _after_last(_NEGATION_BREAK, text, sentence_start, start)
    first = None  # the window-th word back from the claim, or the clause's first
    for first in itertools.islice(_WORD_BACKWARDS.finditer(text, clause_start, start), window):
        pass
    return first is not None and bool(_NEGATION.search(text, first.start(), start))


def denied_after(text: str, end: int, sentence_end: int) -> bool:
    """True when the claim ending at `end` is denied right after it: '... has not been reported'."""
    return bool(_DENIED_AFTER.match(text, end, sentence_end))


def hedged(text: str, start: int = 0, end: int | None = None) -> bool:
    """True when the text between start and end is hedged ("may", "early", "suggests", ...)."""
    return bool(_HEDGE.search(text, start, len(text) if end is None else end))


def claim_scope(text: str, start: int, end: int, sentence_start: int) -> tuple[int, int]:
    """Where a hedge of the claim at [start, end) can stand: from the last contrastive break
    ('but', 'however', 'although', a semicolon or dash) before it, to its end. Commas do not
    break it, so 'may help reduce X, protect Y, and regenerate Z' keeps its 'may'."""
    return _after_last(_STRONG_BREAK, text, sentence_start, start), end


def _after_last(pattern: regex.Pattern[str], text: str, start: int, end: int) -> int:
    """Where the last match of `pattern` in [start, end) ends, or `start` when there is none."""
    position = start
    for match in pattern.finditer(text, start, end):
        position = match.end()
    return position


def is_question(text: str) -> bool:
    """True for a question such as a heading "Is stem cell therapy safe?"."""
    return text.rstrip().rstrip("\"'\u201d\u2019)").endswith("?")


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
