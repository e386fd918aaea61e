"""Kinds from blind sets 208-216 and careful batches 44-45 (issue 15): a rhetorical "why X when
Y?"; youth given back without a verb of feeling; a finding before its unnamed source; an approval
with no approver; weight said never to return; a stated aim; a symptom named after "feel"; a
seller's customers and where they report from."""

import pytest

from conftest import CAREFUL, SELLER, flagged

SALE = SELLER + "Order today and save 20%.\n\n"  # a page that sells in so many words


@pytest.mark.parametrize("sentence, span", [
    ("Why risk it when there's a gentle, natural alternative?", "Why risk it when there's"),
    ("Why settle for prescription pills and their side effects when nature already has the answer?",
     "Why settle for prescription pills and their side effects when nature"),
])
def test_a_rhetorical_why_when_sets_the_product_against_care(sentence, span):
    rule = "hype/why-settle"
    assert flagged(SALE, sentence, rule) == [(rule, span)]
    assert flagged(SALE, "Why do symptoms come back when treatment stops?", rule) == []
    assert flagged(CAREFUL, sentence, rule) == []  # a careful page may quote the pitch


@pytest.mark.parametrize("sentence, span", [
    ("You'll perform like you're 25 again.", "like you're 25 again"),
    ("So you stay as sharp at seventy as you were at forty.", "as sharp at seventy as you were at forty"),
])
def test_youth_given_back_is_sales_hype(sentence, span):
    rule = "hype/sales-superlative"
    assert (rule, span) in flagged(SALE, sentence, rule)


def test_a_finding_before_its_unnamed_source_is_uncited():
    rule = "uncited-evidence/studies-show"
    assert flagged(SALE, "Frankincense has been found in research to kill cancer cells.", rule) == [
        (rule, "has been found in research to")]


def test_an_approval_with_no_approver_is_a_trust_mark():
    rule = "regulatory-claim/trust-mark"
    assert flagged(SALE, "Molecular hydrogen has been approved as an advanced medical treatment since 2016.", rule) == [
        (rule, "has been approved as an advanced medical treatment")]


def test_weight_said_never_to_return_is_permanent():
    rule = "cure-claim/permanent-relief"
    assert flagged(SALE, "Your body holds its new set point, so you won't gain it back.", rule) == [
        (rule, "won't gain it back")]


def test_a_stated_aim_is_not_a_claim_of_effect():
    rule = "efficacy-overstatement/treats-condition"
    assert flagged(SALE, "Gel injections do not cure osteoarthritis; the aim is to ease pain for a few months.", rule) == []
    assert flagged(SALE, "Our gel injections ease pain.", rule) == [(rule, "ease pain")]


def test_an_ing_word_after_feel_is_a_symptom_named():
    rule = "efficacy-overstatement/treats-condition"
    sentence = "Many guests feel flushing, a tight chest, nausea or stomach cramps if the drip runs too fast."
    assert flagged(SALE, sentence, rule) == []
    assert flagged(SALE, "Our tea eases bloating.", rule) == [(rule, "eases bloating")]


@pytest.mark.parametrize("sentence, span", [
    ("Parents at our centers report more eye contact and fewer meltdowns.", "Parents at our centers report"),
    ("Our members with anxiety report feeling calmer within weeks.", "Our members with anxiety report"),
    ("Many customers have reduced or stopped their medication.", "customers have reduced"),
])
def test_a_crowd_reports_from_a_few_words_away(sentence, span):
    rule = "anecdote-as-evidence/crowd-reports"
    assert flagged(SALE, sentence, rule) == [(rule, span)]


def test_nothing_here_that_could_harm_you_is_a_safety_promise():
    rule = "safety-claim/absolute-safety"
    assert flagged(SALE, "There's nothing here that could harm you or a future baby.", rule) == [
        (rule, "nothing here that could harm you")]


def test_wasting_money_on_care_runs_it_down():
    rule = "efficacy-overstatement/disparages-standard-care"
    assert flagged(SALE, "Stop wasting money on pills that don't work.", rule) != []


def test_hair_regrown_is_tissue_repaired():
    rule = "efficacy-overstatement/repairs-body"
    assert flagged(SALE, "It regrows hair that's been gone for years.", rule) == [(rule, "regrows hair")]
    assert flagged(SALE, "Use a gentle shampoo to clean your hair.", "efficacy-overstatement/") == []


def test_a_hundred_years_of_use_is_popularity_as_proof():
    rule = "unsourced-statistic/popularity-as-proof"
    assert flagged(SALE, "It's literally been used in hospitals for a hundred years.", rule) == [
        (rule, "used in hospitals for a hundred years")]


def test_registration_with_a_food_regulator_is_a_trust_mark():
    rule = "regulatory-claim/trust-mark"
    assert flagged(SALE, "Our formula is registered with the Food Standards Agency.", rule) == [
        (rule, "registered with the Food Standards Agency")]


def test_customers_who_find_are_a_crowd_report():
    rule = "anecdote-as-evidence/crowd-reports"
    assert flagged(SALE, "Most customers find they never need to book another session.", rule) == [
        (rule, "customers find")]


def test_nothing_in_it_that_can_harm_you_is_no_harms_discussion():
    from conftest import lint_page

    page = ("# The SnoreStop clip\n\nOrder tonight and save 40%. Our clip opens your airways and ends snoring "
            "for good. There's nothing in it that can harm you. Our customers love it.\n")
    assert "missing-harms/no-risks-discussed" in [f["rule"] for f in lint_page(page)]


def test_what_some_people_say_on_a_page_that_explains_it_away_is_no_testimonial():
    """A medicines helpline's answer: the evidence is weak, some people feel better, and the
    placebo effect may be why. Two statements of the evidence's limits make the page candid."""
    from conftest import lint_page

    answer = ("# Does homeopathy work?\n\nThere's no good-quality evidence that homeopathy is effective as a "
              "treatment for any health condition.\n\nSome people say they feel better after homeopathy. This may "
              "be because of the time spent with a practitioner, the placebo effect, or because their condition "
              "got better on its own.\n")
    assert [f["rule"] for f in lint_page(answer) if f["category"] == "anecdote-as-evidence"] == []
    seller = SALE + "Many patients say they feel better after one session.\n"
    assert "anecdote-as-evidence/patient-reports" in [f["rule"] for f in lint_page(seller)]


@pytest.mark.parametrize("sentence, span", [
    ("So there's virtually no pain and no real downtime.", "no real downtime"),
    ("I flew home on day seven with no issues at all.", "no issues"),
])
def test_no_downtime_or_issues_is_a_safety_promise(sentence, span):
    rule = "safety-claim/no-harms"
    assert flagged(SALE, sentence, rule) == [(rule, span)]


def test_not_addictive_is_a_safety_promise():
    rule = "safety-claim/safe-for-everyone"
    assert flagged(SALE, "They are not addictive at therapeutic doses.", rule) == [(rule, "not addictive")]


def test_what_a_symptom_can_come_from_is_no_list_of_conditions_treated():
    sentence = "Trouble concentrating can also come from poor sleep, anxiety, depression, thyroid problems or hearing loss."
    assert flagged(SALE, sentence, "efficacy-overstatement/many-conditions") == []


def test_a_test_as_accurate_as_a_clinicians_matches_standard_care():
    rule = "efficacy-overstatement/matches-standard-care"
    assert flagged(SALE, "Our test is as accurate as your audiologist.", rule) == [(rule, "as accurate as your audiologist")]


def test_cure_in_a_programmes_name_is_no_cure_claim():
    rule = "cure-claim/absolute-cure"
    sentence = "NHLBI is also supporting work through its Cure Sickle Cell Initiative to improve access."
    assert flagged(CAREFUL, sentence, rule) == []
    assert flagged(SALE, "Stem cells cure ALS.", rule) == [(rule, "cure")]
