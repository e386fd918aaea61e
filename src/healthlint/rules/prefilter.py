"""A pattern's literal requirements, tested on a sentence before the regex engine runs it.

A search costs the regex module about 2 us before it reads a character, and a sentence holding
one of a pattern's keywords seldom matches it. Most pack patterns need more than their keyword:
a digit and '%', 'of' and 'people' ("90% of people"). A casefolded sentence is tested for those
words (healthlint.rules.keywords.requirements) in a fraction of that, and a pattern none of
whose matches could fit is neither run nor compiled. A large set (a vocabulary spelt out) is
tested in one Aho-Corasick pass.
"""

from __future__ import annotations

from typing import Any

import regex

# Every match holds a member of each set: a tuple of words, or a large set's automaton.
Needs = tuple[tuple[str, ...] | Any, ...]
MAX_SETS = 4  # sets tested per sentence: the most selective
SMALL = 8  # members tested one by one; a larger set by an automaton
MAX_MEMBERS = 2000  # a larger set is not tested (as large as the vocabularies runner.BY_WORDS reads whole)
DIGIT = "\\d"  # in a set: a decimal digit, not these two characters
_DIGITS = "0123456789"
_last: tuple[str, int, int, str] = ("", 0, 0, "")  # the sentence tested last, casefolded


def needs(source: str, flags: int) -> Needs:
    """The sets worth testing for a pattern compiled with `flags` (none when its syntax is not
    read as it is compiled: verbose mode is read from a line break, as keywords are derived)."""
    if bool(flags & regex.VERBOSE) != ("\n" in source):
        return ()
    from healthlint.rules.keywords import requirements  # parses the pattern: only for patterns in use
    from healthlint.text.reading import word_automaton

    sets = list(dict.fromkeys(tuple(option) for option in requirements(source) if len(option) <= MAX_MEMBERS))
    sets.sort(key=lambda option: (len(option) > SMALL, option != (DIGIT,), -min(map(len, option)), len(option)))
    return tuple(option if len(option) <= SMALL or DIGIT in option else word_automaton(option)
                 for option in sets[:MAX_SETS])


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
        if not isinstance(option, tuple):
            if next(option.iter(folded), None) is None:
                return False
            continue
        for word in option:
            if word in folded if word != DIGIT else _has_digit(folded):
                break
        else:
            return False
    return True


def _has_digit(text: str) -> bool:
    """A decimal digit, as `\\d` reads one (any script's)."""
    return any(d in text for d in _DIGITS) or (not text.isascii() and any(c.isdecimal() for c in text))
