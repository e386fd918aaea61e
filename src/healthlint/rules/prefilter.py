"""A pattern's literal requirements, tested on a sentence before the regex engine runs it.

A search costs the regex module about 2 us before it reads a character, and a sentence holding
one of a pattern's keywords seldom matches it. Most pack patterns need more than their keyword:
a digit and '%', 'of' and 'people' ("90% of people"). A casefolded sentence is tested for those
words (healthlint.rules.keywords.requirements) in a fraction of that, and a pattern none of
whose matches could fit is neither run nor compiled.
"""

from __future__ import annotations

import regex

from healthlint.rules.keywords import DIGIT

Needs = tuple[tuple[str, ...], ...]  # every match holds a member of each set
MAX_SETS = 4  # sets tested per sentence: the most selective
MAX_MEMBERS = 400  # beyond a few hundred words (a large vocabulary spelt out) a test costs what a search does
_DIGITS = "0123456789"
_last: tuple[str, int, int, str] = ("", 0, 0, "")  # the sentence tested last, casefolded


def needs(source: str, flags: int) -> Needs:
    """The sets worth testing for a pattern compiled with `flags` (none when its syntax is not
    read as it is compiled: verbose mode is read from a line break, as keywords are derived)."""
    if bool(flags & regex.VERBOSE) != ("\n" in source):
        return ()
    from healthlint.rules.keywords import requirements  # parses the pattern: only for patterns in use

    sets = list(dict.fromkeys(tuple(option) for option in requirements(source) if len(option) <= MAX_MEMBERS))
    sets.sort(key=lambda option: (option != (DIGIT,), -min(map(len, option)), len(option)))
    return tuple(sets[:MAX_SETS])


def met(required: Needs, text: str, start: int, end: int) -> bool:
    """text[start:end], casefolded, holds a member of each set."""
    global _last
    last = _last
    if last[0] is text and last[1] == start and last[2] == end:
        folded = last[3]
    else:
        folded = text[start:end].casefold()
        _last = (text, start, end, folded)
    for option in required:
        for word in option:
            if word in folded if word != DIGIT else _has_digit(folded):
                break
        else:
            return False
    return True


def _has_digit(text: str) -> bool:
    """A decimal digit, as `\\d` reads one (any script's)."""
    return any(d in text for d in _DIGITS) or (not text.isascii() and any(c.isdecimal() for c in text))
