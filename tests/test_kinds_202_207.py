"""Kinds from blind sets 202-207 and careful batches 40-43 (issue 15): what "does not mean" or
"is not the same as" weighs is not asserted; "if" opens a clause of its own; a later word of a
negation's own phrase is denied; "doesn't just" asserts more; a disclaimer is no harms
discussion, and a business's risks are not a treatment's; a condition recast as another kind of
problem; scars by another name."""

import pytest

from conftest import CAREFUL, SELLER, flagged, lint_page

SALE = SELLER + "Order today and save 20%.\n\n"  # a page that sells in so many words
HARMS = "missing-harms/no-risks-discussed"


def test_a_premise_weighed_by_does_not_mean_is_no_safety_claim():
    sentence = "Having no side effects does not mean the vaccine isn't working."
    assert flagged(CAREFUL, sentence, "safety-claim/") == []
    assert flagged(SALE, sentence, "safety-claim/") == []
    assert flagged(SALE, "Our vaccine has no side effects.", "safety-claim/") != []


def test_registration_said_not_to_be_approval_is_an_explanation():
    sentence = "An FDA-registered pharmacy is not the same as an FDA-approved medicine."
    assert flagged(CAREFUL, sentence) == []
    assert flagged(SALE, "Visit our FDA-registered pharmacy.", "regulatory-claim/misused-approval") == [
        ("regulatory-claim/misused-approval", "FDA-registered")]


def test_a_later_word_of_a_negations_phrase_is_denied():
    rule = "efficacy-overstatement/matches-standard-care"
    assert flagged(SALE, "Our drops are not the same as surgery.", rule) == []
    assert flagged(SALE, "Our drops are the same as surgery.", rule) == [(rule, "the same as surgery")]


@pytest.mark.parametrize("sentence", [
    "Stop using the gel if your baby gets a rash or seems unusually sleepy.",
    "Stop taking the tablets if you get a rash.",
])
def test_a_condition_after_if_is_not_the_object_of_the_verb_before_it(sentence):
    assert flagged(SALE, sentence, "efficacy-overstatement/treats-condition") == []


def test_a_claim_before_if_keeps_its_object():
    rule = "efficacy-overstatement/treats-condition"
    assert flagged(SALE, "Our cream clears eczema if used daily.", rule) == [(rule, "clears eczema")]


def test_doesnt_just_mask_asserts_more_than_symptom_relief():
    found = flagged(SALE, "In plain terms: it doesn't just mask symptoms, it repairs the damage.")
    assert ("efficacy-overstatement/root-cause", "doesn't just mask") in found
    rule = "efficacy-overstatement/treats-condition"
    assert flagged(SALE, "Our therapy doesn't just relieve pain.", rule) == [(rule, "relieve pain")]


@pytest.mark.parametrize("sentence, span", [
    ("Book your drainage session: cellulite isn't a fat problem, it's a lymph problem.",
     "isn't a fat problem, it's a lymph problem"),
    ("Eczema is not a skin problem; it is a gut problem.", "is not a skin problem; it is a gut problem"),
])
def test_a_condition_recast_as_the_sellers_kind_of_problem(sentence, span):
    rule = "efficacy-overstatement/reframed-cause"
    assert flagged(SALE, sentence, rule) == [(rule, span)]
    assert flagged(CAREFUL, "Depression isn't a character flaw, it's a medical condition.", rule) == []


def test_marks_left_by_surgery_are_scars_by_another_name():
    rule = "safety-claim/no-harms"
    assert flagged(SALE, "Our special sapphire blades leave no marks, so nobody will ever know.", rule) == [
        (rule, "no marks")]


NASAL = ("# AeroVeil immune shield\n\nBack AeroVeil today and save 30%. Our spray blocks viruses before they "
         "take hold and cuts your chance of infection by up to 80%. It's a vaccine in a bottle, without the "
         "needle, the appointments or the side effects. Our backers love it.\n\n")


@pytest.mark.parametrize("addition", [
    "",
    "This spray is not a substitute for medical care.\n",  # a disclaimer
    "## Risks and challenges\n\nOur biggest risk is manufacturing: delays in tooling could push back delivery.\n",
])
def test_a_disclaimer_or_a_business_risk_is_no_discussion_of_harms(addition):
    assert HARMS in [f["rule"] for f in lint_page(NASAL + addition)]


@pytest.mark.parametrize("caution", [
    "Some people notice mild bloating or slight water weight gain in the first few weeks.",
    "If you have kidney disease, or take medicine that affects your kidneys, talk to your doctor before using it.",
])
def test_plain_side_effects_and_advice_after_a_condition_are_harms_discussed(caution):
    assert HARMS not in [f["rule"] for f in lint_page(NASAL + caution + "\n")]


def test_a_poison_named_as_the_complaint_is_no_harm_of_the_product():
    page = ("# The mold protocol\n\nJoin our 90-day protocol today and save 20%. Mold toxicity is the hidden root "
            "cause behind chronic fatigue, and our protocol clears it. Our clients love the results.\n")
    assert HARMS in [f["rule"] for f in lint_page(page)]


@pytest.mark.parametrize("sentence, span", [
    ("Many of our diabetic customers have cut back their medication.", "customers have cut back"),
    ("Many of our patients have tapered off steroids entirely after starting LDN.", "our patients have tapered off"),
    ("Many of our members have cancelled scheduled tendon repairs.", "our members have cancelled"),
])
def test_a_sellers_customers_said_to_have_left_care_are_crowd_reports(sentence, span):
    rule = "anecdote-as-evidence/crowd-reports"
    assert flagged(SALE, sentence, rule) == [(rule, span)]
    assert flagged(SALE, "Some patients have stopped treatment because of side effects.", rule) == []


def test_a_gift_to_a_charity_is_no_price():
    rule = "commercial-conflict/price"
    letter = "A gift of \u00a325 could fund a nurse for an hour, and Gift Aid adds 25p to every \u00a31 you give."
    assert flagged(SALE, letter, rule) == []
    assert flagged(SALE, "Sessions are \u00a329 each.", rule) == [(rule, "\u00a329")]


@pytest.mark.parametrize("sentence, span", [
    ("Proton therapy is the most precise weapon ever built against cancer.", "ever built"),
    ("It is the future of cancer treatment, and every patient in our region deserves it.",
     "is the future of cancer treatment"),
])
def test_the_product_as_the_best_ever_built_or_the_future_of_care_is_sales_hype(sentence, span):
    rule = "hype/sales-superlative"
    assert (rule, span) in flagged(SALE, sentence, rule)
    assert flagged(CAREFUL, "Researchers are asking what the future of cancer treatment may look like.", rule) == []
