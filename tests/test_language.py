"""Negation and hedging as rules see them: ConText scopes over a sentence (SentenceContext)."""

import pytest

from healthlint.rules.context import DocumentContext
from healthlint.text.document import from_text


def sentence_of(text: str, claim: str):
    ctx = DocumentContext.build(from_text(text, "draft.md"))
    start = text.rindex(claim)
    index = ctx.sentence_at(start)
    assert index is not None
    return ctx.sentence(index), start, start + len(claim)


@pytest.mark.parametrize("text, expected", [
    ("There is no cure.", True),
    ("It is not a cure.", True),
    ("Rather than a cure, it is a trial.", True),
    ("It can't cure it.", True),
    ("It can\u2019t cure it.", True),
    ("No one two three four five six seven cure.", True),  # the negation's scope is 8 words
    ("No one two three four five six seven eight cure.", False),  # the 9th: out of reach
    ("There is no pain, but a cure.", False),  # a contrast ends the negation's reach
    ("No side effects and a cure.", False),  # so does a second coordinated claim
    ("It has no drugs, so it is a cure.", False),  # and a reason before what it is said to prove
    ("It contains no cells, there is a cure.", False),  # or a new clause after a comma
    ("Nothing; a cure.", False),
    ("A cure.", False),
    ("Knot cure.", False),  # words, not letters
    ("The cure has not been shown.", True),  # denied after the claim
    ("The cure was never tested.", True),
    ("The cure works well for people who have not tried it.", False),  # too far after the claim
    ("The cure works.", False),
    ("It would be wrong to call it a cure.", True),  # a name judged wrong
    ("It is misleading to call it a cure.", True),
    ("It is yet to be shown to be a cure.", True),  # not yet done
    ("If it hurts, do not just stop the cure.", True),  # an instruction, not "not only"
    ("It does not just ease the pain, it is a cure.", False),  # "not only": a claim made bigger
])
def test_negation_covers_a_claim_within_its_clause(text, expected):
    sentence, start, end = sentence_of(text, "cure")
    assert sentence.negated(start, end) is expected


def test_a_denied_predicate_denies_the_words_after_it():
    sentence, start, end = sentence_of("This treatment does not work for everyone.", "work for everyone")
    assert sentence.negated(start, end) is True


def test_a_claim_that_holds_its_own_negation_is_not_denied_by_it():
    sentence, start, end = sentence_of("It has no side effects.", "no side effects")
    assert sentence.negated(start, end) is False
    sentence, start, end = sentence_of("It is not true that it has no side effects.", "no side effects")
    assert sentence.negated(start, end) is True


@pytest.mark.parametrize("text, expected", [
    ("It may cure colds.", True),
    ("Early studies suggest it could cure colds.", True),
    ("It cures colds.", False),
])
def test_a_hedge_covers_the_claim_after_it(text, expected):
    sentence, start, end = sentence_of(text, "cure")
    assert sentence.hedged(start, end) is expected


def test_a_short_quotation_names_a_term_and_a_long_one_quotes_speech():
    """language.quotation finds the marks around a span within its sentence; three words or fewer
    inside them are a term cited as a word (mentioned), more are speech."""
    from healthlint.text.language import mentioned, quotation

    text = 'We never say "no side effects", but she said "it has no side effects at all".'
    first, second = text.index("no side"), text.rindex("no side")
    assert quotation(text, first, first + 15, 0, len(text)) == (text.index('"'), text.index('",') + 1)
    assert mentioned(text, first, first + 15, 0, len(text))
    assert not mentioned(text, second, second + 15, 0, len(text))
    assert quotation(text, 0, 8, 0, len(text)) is None


def test_a_quotation_runs_over_the_sentences_of_its_paragraph_and_ends_where_it_closes():
    """A speaker's quotation of several sentences covers each of them; a curly quotation that closed
    before a span does not reach it, though another opens after it."""
    straight = ('"We are encouraged," said Dr Lind. "But I would not call it a breakthrough. '
                'We need time." Our drops cure colds.\n')
    curly = "\u201cGreat,\u201d she said. Our drops cure colds. \u201cAmazing.\u201d\n"
    for text, word, inside in ((straight, "breakthrough", True), (straight, "cure", False), (curly, "cure", False),
                               (curly, "Great", True)):
        sentence, start, end = sentence_of(text, word)
        assert sentence.quoted(start, end) is inside, (text, word)
