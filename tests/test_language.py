"""The shared negation and hedging helpers rules lean on."""

import pytest

from healthlint.text import language


def claim(text: str, word: str = "cure") -> tuple[int, int]:
    start = text.rindex(word)
    return start, start + len(word)


@pytest.mark.parametrize("text, expected", [
    ("There is no cure.", True),
    ("It is not a cure.", True),
    ("Rather than a cure, it is a trial.", True),
    ("It can't cure it.", True),
    ("It can\u2019t cure it.", True),
    ("So-called cure.", True),
    ("No one two three four five six seven cure.", True),  # the negation is the 8th word back
    ("No one two three four five six seven eight cure.", False),  # the 9th: out of reach
    ("There is no pain, but a cure.", False),  # a contrast ends the negation's reach
    ("No side effects and a cure.", False),  # so does a second coordinated claim
    ("It has no drugs, so it is a cure.", False),  # and a reason before what it is said to prove
    ("It contains no cells, there is a cure.", False),  # or a new clause after a comma
    ("It is not, in most cases, a cure.", True),  # an aside does not end the negation
    ("Nothing; a cure.", False),
    ("A cure.", False),
    ("cure", False),
    ("Knot cure.", False),  # words, not letters
])
def test_negation_governs_the_eight_words_before_a_claim_within_its_clause(text, expected):
    start, _ = claim(text)
    assert language.negated(text, start) is expected


def test_negation_looks_only_inside_the_sentence():
    text = "No. It is a cure."
    start, _ = claim(text)
    assert language.negated(text, start) is True
    assert language.negated(text, start, sentence_start=text.index("It")) is False


@pytest.mark.parametrize("text, expected", [
    ("The cure has not been shown.", True),
    ("The cure was never tested.", True),
    ("The cure works well for people who have not tried it.", False),  # too far after the claim
    ("The cure works.", False),
])
def test_a_claim_denied_right_after_it(text, expected):
    _, end = claim(text)
    assert language.denied_after(text, end, len(text)) is expected
