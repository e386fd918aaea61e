"""The literal prefilter of phrase patterns (healthlint.rules.prefilter): every match of a pattern
holds the words it requires, so a sentence without them is skipped without changing any finding."""

import pickle

import pytest
import regex
from hypothesis import HealthCheck, given, settings

from healthlint.rules.keywords import DIGIT, requirements
from healthlint.rules.phrase import LazyPattern
from healthlint.rules.prefilter import met, needs
from test_keywords import _texts, generated_text, pack_rules


@pytest.mark.parametrize("pattern, sets", [
    (r"\d+ mg", [[DIGIT], ["mg"]]),
    (r"\b(?:miracle|wonder)\s+(?:drug|cure)s?\b", [["miracle", "wonder"], ["cure", "drug"]]),
    (r"100%\s+safe", [["100%"], ["safe"]]),  # short words count: they are tested on one sentence
    (r"(?:\d|one)\s+in", [[DIGIT, "one"], ["in"]]),
    (r"[0-9]x\s+faster", [[DIGIT], ["x"], ["faster"]]),
    (r"\bto\s+us\b", [["to"], ["us"]]),  # words, never a phrase: the sentence may wrap between them
    (r"(?<=new )cure(?!\s+research)", [["cure"]]),  # lookarounds add nothing
    ("STRASSE", [["strasse"]]), ("straße", [["strasse"]]),  # casefolded
    (r"\\d", []),  # a backslash and a 'd' are not a digit
    (r"\w+", []), (r"cure{e<=1}", []),  # nothing required; syntax it does not read
])
def test_requirements(pattern, sets):
    assert requirements(pattern) == sets


def test_a_large_set_is_tested_by_an_automaton_and_a_vocabulary_of_thousands_not_at_all():
    many = "|".join(f"word{i}" for i in range(20))
    required = needs(rf"\b(?:{many})\s+helps", regex.IGNORECASE)
    assert required[0] == ("helps",) and len(required) == 2
    assert met(required, "Word7 helps.", 0, 12) and not met(required, "Word helps.", 0, 11)
    huge = "|".join(f"word{i}" for i in range(2500))
    assert needs(rf"\b(?:{huge})\s+helps", regex.IGNORECASE) == (("helps",),)
    assert needs("(?x) miracle \\s+ cure", regex.IGNORECASE | regex.VERBOSE) == ()  # verbose without a line break


@pytest.mark.parametrize("pattern, text", [
    (r"\bcost\b", "co\u017ft"), (r"\bkg\b", "5 \u212ag"),  # letters the regex engine folds as the pattern's
    (r"\d+ mg", "\u0663 mg"),  # an Arabic-Indic digit is a digit
    (r"stra\u00dfe", "STRA\u1e9eE"),
])
def test_what_the_regex_engine_matches_is_never_filtered_out(pattern, text):
    assert regex.search(pattern, text, regex.IGNORECASE)
    assert met(needs(pattern, regex.IGNORECASE), text, 0, len(text))


def test_a_pattern_is_neither_run_nor_compiled_on_a_sentence_without_its_words():
    text = "Take 200 mg daily. Take it daily."
    pattern = LazyPattern(r"\d+\s*mg\b", regex.IGNORECASE, "test", eager=False)
    assert pattern.search(text, 19, len(text)) is None and list(pattern.finditer(text, 19, len(text))) == []
    assert pattern._compiled is None
    assert [m.group() for m in pattern.finditer(text, 0, 19)] == ["200 mg"]


def test_a_pattern_pickled_before_the_prefilter_loads():
    pattern = LazyPattern(r"\bcures?\b", regex.IGNORECASE, "test", eager=False)
    old = pickle.dumps(pattern)
    state = pickle.loads(old).__getstate__()[1]
    del state["_needs"]
    restored = LazyPattern.__new__(LazyPattern)
    restored.__setstate__((None, state))
    assert restored.search("It cures.", 0, 9).group() == "cures"


def assert_matches_meet_needs(source: str, flags: int, text: str) -> None:
    required = needs(source, flags)
    for match in regex.compile(source, flags).finditer(text):
        assert met(required, text, match.start(), match.end()), (source, match.group(), required)


def test_every_match_in_the_examples_and_fixtures_meets_its_patterns_needs():
    text = "\n\n".join(_texts())
    for rule in pack_rules():
        for pattern in (*rule.patterns, rule.requires, rule.excludes):
            if pattern is not None:
                assert_matches_meet_needs(pattern.source, pattern.flags, text)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(drawn=generated_text(" \n\t.,abcuer-1"))
def test_every_match_of_generated_text_meets_its_patterns_needs(drawn):
    """Texts drawn from a pack pattern itself (a match, in random case, amid random text)."""
    assert_matches_meet_needs(*drawn)
