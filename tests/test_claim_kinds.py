"""Kinds of claim with no trigger word (issue 15): sales offers, prices, trust marks, comparisons
with standard care, root causes, safety in other words, testimonials, numbers written as words.

Each is judged by the page's register: the same words are flagged on a seller's page and left
alone on a public-health page, which says "talk to your doctor" and names side effects."""

import pytest

from conftest import CAREFUL, SELLER, assert_seller_only, assert_silent, findings, flagged, lint_page


@pytest.mark.parametrize("sentence, expected", [
    ("Use promo code HEAL20 at checkout.", [("commercial-conflict/call-to-action", "promo code")]),
    ("Book your first visit today.", [("commercial-conflict/call-to-action", "Book your first visit")]),
    ("Sessions are $129 each.", [("commercial-conflict/price", "$129")]),
    ("Get your first month for $99.", [("commercial-conflict/price", "$99")]),
    ("Our chambers are FDA cleared.", [("regulatory-claim/trust-mark", "FDA cleared")]),
    ("Made in a registered lab, so it is trustworthy.", [("regulatory-claim/trust-mark", "registered lab")]),
    ("It works better than prescription drugs.",
     [("efficacy-overstatement/matches-standard-care", "works better than prescription drugs")]),
    ("This formula gets to the root cause of your fatigue.", [("efficacy-overstatement/root-cause", "root cause")]),
    ("There is no downtime.", [("safety-claim/safe-for-everyone", "no downtime")]),
    ("Because it is all-natural, it is suitable for everybody.",
     [("safety-claim/natural-so-safe", "Because it is all-natural, it is suitable for everybody")]),
    ("I felt better within a week.", [("anecdote-as-evidence/first-person-result", "I felt better")]),
    ("Mothers keep telling us their babies sleep better.",
     [("anecdote-as-evidence/customer-praise", "keep telling us")]),
])
def test_a_seller_page_is_flagged_and_a_careful_page_is_not(sentence, expected):
    assert_seller_only(sentence, expected)


def test_messages_name_what_was_found():
    (finding,) = [f for f in lint_page(SELLER + "A natural alternative to statins.\n")
                  if f["rule"] == "efficacy-overstatement/better-than-standard-care"]
    assert finding["message"].startswith(
        "'A natural alternative to ... statins' compares the product with standard care (statins) as if a trial")
    assert "tell readers not to change their treatment without their doctor" in finding["suggestion"]


@pytest.mark.parametrize("sentence", [
    "Book an appointment with your GP if the rash spreads.",
    "The study paid participants about $50 per visit.",
    "The FDA approved the vaccine for people aged 12 and older.",
    "Doctors try to find the underlying cause of the symptoms.",
    "Most people can go home the same day, but recovery takes a few weeks.",
])
def test_careful_writing_about_the_same_things_is_left_alone(sentence):
    assert_silent(sentence, page=CAREFUL)


@pytest.mark.parametrize("sentence, expected", [
    ("We do not offer a money-back guarantee.", []),
    ("Is the device FDA cleared?", []),
    ("I did not feel better after the treatment.", []),
    ("Unproven treatments often cost $5,000 or more.", []),  # a cost, not an offer
])
def test_denied_asked_or_unpriced_offers_are_not_sales_claims(sentence, expected):
    assert flagged(SELLER, sentence) == expected


@pytest.mark.parametrize("sentence, number", [
    ("Users lose three times more weight than with diet alone.", "three times more"),
    ("Eight in ten cravings are gone within a week.", "Eight in ten"),
    ("It cuts your risk of a heart attack by half.", "cuts your risk of a heart attack by half"),
    ("Ninety percent of our patients avoid surgery.", "Ninety percent of our patients"),
    ("Our capsules give 5x faster absorption.", "5x faster"),
])
def test_numbers_written_as_words_are_unsourced_statistics(sentence, number):
    assert ("unsourced-statistic/unsourced-number", number) in flagged(SELLER, sentence)


def test_numbers_with_a_source_or_of_time_are_not():
    assert findings(SELLER + "Three times more weight was lost than with diet alone (Lee et al., 2021).\n") == []
    assert findings(SELLER + "Take one in three days.\n") == []


def test_an_attributed_quotation_is_a_testimonial():
    text = SELLER + "> After three sessions the pain was gone.\n> \u2014 Karen, Ohio\n"
    assert ("anecdote-as-evidence/set-apart-testimonial", "After three sessions the pain was gone.") in findings(text)
    assert findings(CAREFUL + "The report was written by the Centers for Disease Control \u2014 Atlanta.\n") == []


@pytest.mark.parametrize("sentence, expected", [
    ("There's no need to bother your doctor for bloodwork.",
     [("efficacy-overstatement/care-made-needless", "There's no need to bother your doctor")]),
    ("Skip the blood test and start today.", [("efficacy-overstatement/care-made-needless", "Skip the blood test")]),
    ("With continuous monitoring, an annual check-up adds very little.",
     [("efficacy-overstatement/care-made-needless", "annual check-up adds very little")]),
])
def test_care_said_to_be_needless_is_flagged_on_a_seller_page(sentence, expected):
    assert_seller_only(sentence, expected, among="efficacy-overstatement/")


@pytest.mark.parametrize("sentence", [
    "Do not skip the follow-up appointments your surgeon booked.",   # denied
    "You don't need a GP referral to book a scan with us.",           # paperwork waived, not care
    "You do not need a doctor's note to cancel.",
    "If the rash is mild, you don't need to see a doctor.",           # conditional
    "Most people don't need a follow-up visit.",                      # limited
])
def test_paperwork_and_limited_or_denied_needs_are_not_care_discouraged(sentence):
    assert_silent(sentence, among="efficacy-overstatement/")
