"""More seller kinds in other words (issue 15, from blind sets 104-106 and 110-112): prices per any
unit, credit and free offers, sponsorship, head counts of what a seller did or sold, ratings and
accuracy figures, authorities at unnamed institutions, superiority over any rival, suitability for
everyone, recurrence denied, secrets and profit tropes. Each is pinned on a seller's page and, with
the same sentence, left alone on a careful one; careful wording with the same words is left alone
on either page."""

import pytest

from conftest import CAREFUL, assert_seller_only, assert_silent, categories_of, flagged, rules_of


@pytest.mark.parametrize("sentence, expected", [
    ("Lifestyle Lens Upgrade: $3,200 per eye, on top of your insurance.", [("commercial-conflict/price", "$3,200")]),
    ("Duo Pack: $159 for two shirts.", [("commercial-conflict/price", "$159")]),
    ("Ask about our 0% finance on the full 24-week programme.",
     [("commercial-conflict/call-to-action", "Ask about our 0% finance")]),
    ("Free 20-minute dry-eye assessment for new patients.",
     [("commercial-conflict/call-to-action", "Free 20-minute dry-eye assessment")]),
    ("Quote CLEAREYES at checkout for a gift.", [("commercial-conflict/call-to-action", "Quote CLEAREYES at checkout")]),
    ("By Helen Crane, Health Desk. Sponsored by NeuroVita Labs.", [("commercial-conflict/sponsored", "Sponsored by")]),
    ("It's no surprise that more than 140,000 bottles have already been sold.",
     [("unsourced-statistic/popularity-as-proof", "more than 140,000 bottles have already been sold")]),
    ("Dr. Hale has placed more than 14,000 premium lenses.",
     [("unsourced-statistic/sales-figure", "placed more than 14,000")]),
    ("Rated 4.9 from 18,400+ reviews.", [("unsourced-statistic/sales-figure", "4.9 from 18,400+ reviews")]),
    ("Scientists at a leading Ivy League university reviewed the data.",
     [("uncited-evidence/authority-appeal", "Scientists at a leading")]),
    ("Neuroscientists have called it the discovery of the decade.",
     [("uncited-evidence/authority-appeal", "Neuroscientists have called")]),
    ("PRF outperforms every cream, peel and laser on the market.",
     [("efficacy-overstatement/matches-standard-care", "outperforms every cream")]),
    ("The lens is suitable for virtually anyone having cataract surgery.",
     [("safety-claim/suits-everyone", "suitable for virtually anyone")]),
])
def test_a_seller_kind_in_other_words_is_flagged_only_on_a_seller_page(sentence, expected):
    assert_seller_only(sentence, expected, categories_of(expected))


@pytest.mark.parametrize("sentence, expected", [
    ("Our laser erases the veins, and they're gone for good.", [("cure-claim/permanent-relief", "they're gone for good")]),
    ("Treated with our laser, they never return.", [("cure-claim/permanent-relief", "they never return")]),
    ("Here's the secret the supplement aisle won't tell you.",
     [("hype/suppressed-secret", "secret the supplement aisle won't tell")]),
    ("There's no money in a cure you can eat.", [("hype/suppressed-secret", "no money in a cure")]),
])
def test_a_promise_or_a_trope_is_flagged_on_any_page(sentence, expected):
    """(On a seller's page the model may read another clause of the sentence too: see test_likely_claims.)"""
    assert flagged(CAREFUL, sentence, categories_of(expected)) == expected
    assert_seller_only(sentence, expected, rules_of(expected), careful=None)


@pytest.mark.parametrize("sentence", [
    "Laser therapy is the most effective hair-loss treatment on the market, outperforming minoxidil.",
])
def test_a_superlative_does_not_limit_the_claim_after_it(sentence):
    assert_seller_only(sentence, [("efficacy-overstatement/matches-standard-care", "outperforming minoxidil")],
                       "efficacy-overstatement/matches-standard-care")


@pytest.mark.parametrize("sentence", [
    "It is not suitable for everyone: ask your doctor first if you are pregnant.",
    "The infection did not come back in most people treated within a week [2].",
    "This page is not sponsored by any company.",
    "The most common side effects are a sore arm and tiredness.",
])
def test_careful_wording_with_the_same_words_is_left_alone(sentence):
    assert_silent(sentence, page=CAREFUL)
    assert_silent(sentence)


@pytest.mark.parametrize("sentence", [
    "Large studies have found that most people see better after cataract surgery.",
    "A few recent trials of daily multivitamins in older adults reported slightly better memory scores.",
])
def test_what_a_study_found_is_not_a_testimonial(sentence):  # whether it needs a citation is uncited-evidence's
    assert_silent(sentence, "anecdote-as-evidence/", page=CAREFUL)
    assert_silent(sentence, "anecdote-as-evidence/")
