"""Prices as offers however they are framed, a cost described rather than offered, denied sales
cues in the register, and a publisher's "at our hospital" on a careful page (issue 15, from blind
sets 124-127 and careful batch 10)."""

import pytest

from conftest import CAREFUL, SELLER, assert_seller_only, assert_silent, flagged, lint_page


@pytest.mark.parametrize("sentence, expected", [
    ("Your first visit includes a full spinal exam (a $375 value!).", "$375"),
    ("The clinic is offering a $49 introductory session through the end of the month.", "$49"),
    ("Initial assessment + first shockwave session: \u00a349", "\u00a349"),
    ("Season Bundle, three vials, \u20ac22.00 with free delivery.", "\u20ac22.00"),
])
def test_any_sum_a_seller_asks_is_a_price(sentence, expected):
    assert_seller_only(sentence, [("commercial-conflict/price", expected)], "commercial-conflict/price")


@pytest.mark.parametrize("sentence", [
    "Test kits usually cost about $15 to $30 at hardware stores.",
    "Replacement filters may add $50 to $200 a year.",
    "Home masks typically cost between $100 and $600.",
    "Treatments in dermatology offices may cost $150 or more per session.",
    "The company has raised $120 million to run a larger trial.",
    "I had spent $3,000 on physiotherapy before my doctor suggested a scan.",
    "The market for such devices is worth $4 billion.",
])
def test_a_cost_described_spent_or_counted_in_millions_is_no_price(sentence):
    assert_silent(sentence, "commercial-conflict/price")


POISON_CENTRE = (
    "# Mushroom poisoning: questions\n\n"
    "Call the Poison Help line right away, even if the person feels fine. Our specialists are nurses "
    "and doctors trained in toxicology.\n\n"
    "We will ask for the person's age, what they ate and when. Call us about any exposure in children.\n\n"
    "Most wild mushrooms are not deadly, but many can make you sick and a few can kill.\n\n"
    "Symptoms that start within 2 hours are often from less dangerous kinds, but this rule is not reliable.\n\n"
    "Liver damage can continue while the person feels better, so anyone who ate a death cap needs hospital care.\n\n"
    "Cooking, boiling, drying or freezing does not destroy the toxin.\n\n"
    "Keep a sample of the mushroom in a paper bag in the refrigerator.\n\n"
    "If someone has collapsed or cannot be woken up, call 911.\n\n"
    "Older adults may be at higher risk of serious illness.\n\n"
    "Poison control can tell you whether to go to a hospital, and poison control calls are confidential.\n\n"
    "Symptoms may improve after a day, and the person may seem to recover.\n")


def test_a_sales_word_denied_does_not_make_a_page_a_sellers():
    """A poison centre's FAQ says "we", "our specialists" and "call us"; its one hype word is
    denied ("this rule is not reliable"). Counted, it would tip the page over the register's
    threshold, and its careful sentences would be read as a seller's claims."""
    said = POISON_CENTRE.replace("is not reliable", "is reliable")
    assert "efficacy-overstatement/treats-condition" in {f["rule"] for f in lint_page(said)}
    assert [f["rule"] for f in lint_page(POISON_CENTRE) if f["category"] not in ("unsourced-statistic",
                                                                                  "uncited-evidence")] == []


@pytest.mark.parametrize("sentence, span", [
    ("Every study at our hospital is reviewed by an ethics board.", None),
    ("At our clinic we provide stem cell injections for knee pain.", "At our clinic we provide stem cell injections for knee pain."),
    ("Our specialists offer same-day laser treatment.", "Our specialists offer same-day laser treatment."),
])
def test_a_publisher_as_the_place_of_care_sells_only_on_a_sellers_page(sentence, span):
    on_seller = flagged(SELLER, sentence, "commercial-conflict/seller-as-author")
    on_careful = flagged(CAREFUL, sentence, "commercial-conflict/seller-as-author")
    assert on_seller == [("commercial-conflict/seller-as-author", span or sentence[sentence.index("at our"):])]
    assert on_careful == ([] if span is None else [("commercial-conflict/seller-as-author", span)])


def test_the_immune_response_strengthened_is_a_mechanism_and_yours_a_claim():
    """An agency says what a class of drugs does to the immune response (careful batch 12's NCI-style
    table, on any page); a seller says its drip strengthens yours."""
    sentence = "Immune modulators strengthen the immune response in a more general way."
    for page in (CAREFUL, SELLER):
        assert flagged(page, sentence, "efficacy-overstatement/boost-detox") == []
    assert flagged(SELLER, "Our vitamin drip strengthens your immune response.", "efficacy-overstatement/boost-detox") == [
        ("efficacy-overstatement/boost-detox", "strengthens your immune response")]
