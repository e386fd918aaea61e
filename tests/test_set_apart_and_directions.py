"""Kinds from blind sets 163-164, careful batch 22 and FDA-style claims set e (issue 15): a review
signed in lower case; a glossary's term in its table cell; directions after "Once opened,"; a
crowd that reports, not a practitioner who sees clients; a negative finding with a comma in it;
a device's stated limits as the harms a page discusses; a compound's first half is no object."""

import pytest

from conftest import CAREFUL, SELLER, assert_seller_only, assert_silent, flagged, lint_page
from healthlint.claims.lexicon import load_lexicon
from healthlint.errors import RuleError

TESTIMONIAL = "anecdote-as-evidence/set-apart-testimonial"


@pytest.mark.parametrize("signature", ["- customer review", "\u2014 verified buyer", "\u2014 five-star Google review"])
def test_a_review_signed_in_lower_case_straight_after_its_quotation_is_a_testimonial(signature):
    quote = "Since we started spraying the house, no one in our family has caught a cold, not even once."
    assert flagged(SELLER, f'"{quote}" {signature}', TESTIMONIAL) == [(TESTIMONIAL, quote)]


def test_a_lower_case_line_after_a_dash_inside_prose_is_no_signature():
    assert flagged(SELLER, '"Rest" - as the saying goes - is half the cure, and so we close on Sundays.', TESTIMONIAL) == []
    assert flagged(SELLER, "Most dogs improve - some take longer.", TESTIMONIAL) == []


GLOSSARY = ("# What the FDA's words mean\n\n" + CAREFUL
            + "| Term | What it means |\n|---|---|\n"
            + "| **FDA registered** | The company has told the FDA where it makes products; this is not a review |\n")


def test_a_term_alone_in_its_table_cell_on_a_careful_page_is_named_not_claimed():
    assert [f for f in lint_page(GLOSSARY) if f["rule"] == "regulatory-claim/misused-approval"] == []


def test_the_same_cell_in_a_sellers_comparison_table_still_claims_it():
    table = "Order now and save 20%.\n\n| Feature | Ours |\n|---|---|\n| FDA registered | yes |\n"
    found = [table[f["offset"]:f["end_offset"]] for f in lint_page(table)
             if f["rule"] == "regulatory-claim/misused-approval"]
    assert found == ["FDA registered"]
    # in a careful page's prose, said of a product, it is a claim as before
    said = CAREFUL + "This mat is FDA registered.\n"
    assert "regulatory-claim/misused-approval" in [f["rule"] for f in lint_page(said)]


@pytest.mark.parametrize("sentence", [
    "Once opened, use within six months.",
    "Once opened, keep it in the fridge and finish within three days.",
])
def test_directions_after_an_opening_clause_are_not_read_as_claims(sentence):
    assert [r for r, _ in flagged(SELLER + "Order now and save 20%.\n\n", sentence) if "reads-like" in r] == []


def test_a_crowd_reports_but_a_practitioner_who_sees_clients_does_not():
    assert_silent("I see clients Tuesday to Saturday, from 8 am to 9 pm UK time.", "anecdote-as-evidence/crowd-reports")
    assert_seller_only("Our members notice a difference in the first week.",
                       [("anecdote-as-evidence/crowd-reports", "Our members notice")], "anecdote-as-evidence/crowd-reports")


def test_a_negative_finding_with_a_clause_inside_it_is_no_appeal_to_studies():
    assert flagged(CAREFUL, "Studies found that ginkgo biloba, a supplement often marketed for tinnitus, did not help.",
                   "uncited-evidence/studies-show") == []
    assert flagged(CAREFUL, "Studies found that ginkgo biloba, a supplement sold for tinnitus, helps most people.",
                   "uncited-evidence/studies-show") == [("uncited-evidence/studies-show", "Studies found")]


ADVERT = ("# The Nova band\n\nOrder your Nova band now and save 20%. Our device detects sleep apnea, "
          "tracks your oxygen and spots heart trouble early. Our patented sensor reads your blood oxygen every "
          "second. Nova is the breakthrough your sleep needs. Our app gives you a sleep score each morning.\n\n")


def test_a_devices_stated_limits_are_the_harms_an_advert_discusses():
    assert "missing-harms/no-risks-discussed" in [f["rule"] for f in lint_page(ADVERT)]
    limits = ADVERT + "Readings may be less accurate if the band is loose, and it can miss some events.\n"
    assert "missing-harms/no-risks-discussed" not in [f["rule"] for f in lint_page(limits)]


def test_the_first_half_of_a_compound_is_not_the_object_before_a_predicate():
    assert flagged(SELLER, "The blood-oxygen app is designed for general wellness.",
                   "efficacy-overstatement/treats-condition") == []
    assert flagged(SELLER, "The blood sugar formula is designed for diabetes.", "efficacy-overstatement/treats-condition") \
        == [("efficacy-overstatement/treats-condition", "designed for diabetes")]


def test_a_verb_marker_inside_an_entry_is_one_clear_error():
    with pytest.raises(RuleError, match=r"^p.toml: vocabulary 'x': 'turn on \(v\) your': '\(v\)' ends a verb entry"):
        load_lexicon({"x": ["turn on (v) your"]}, "p.toml")
    assert "turns on your" in load_lexicon({"x": ["turn on your (v)"]}, "p.toml")["x"]


def test_an_agency_may_call_a_treatment_effective_a_seller_may_not():
    plain = "Vitamin D supplements are an effective treatment for vitamin D deficiency."
    assert flagged(CAREFUL, plain, "efficacy-overstatement/") == []
    assert flagged(SELLER + "Order today and save 20%.\n\n", plain, "efficacy-overstatement/called-effective") == [
        ("efficacy-overstatement/called-effective", "are an effective treatment")]
    raised = "Stem cell therapy is becoming a more viable and effective treatment for MS."
    assert flagged(CAREFUL, raised, "efficacy-overstatement/effective-treatment") == [
        ("efficacy-overstatement/effective-treatment", "becoming a more viable and effective treatment")]


def test_a_participle_after_an_article_describes_a_noun_and_states_no_treatment():
    side_effects = "The most common are tiredness and soreness of the skin in the treated area."
    assert flagged(SELLER + "Donate now.\n\n", side_effects, "efficacy-overstatement/treats-condition") == []
    assert flagged(SELLER, "Our laser treated my eczema.", "efficacy-overstatement/treats-condition") == [
        ("efficacy-overstatement/treats-condition", "treated my eczema")]


def test_a_short_page_that_asks_readers_to_register_reads_as_promotional():
    page = ("# Free masterclass\n\nRegister now for free.\n\nMy programme is for busy women.\n\n"
            "The kids have not had a single sniffle since October.\n\nSee you there.\n")
    rules = [f["rule"] for f in lint_page(page)]
    assert "commercial-conflict/call-to-action" in rules and "cure-claim/condition-gone" in rules


def test_what_an_earlier_predicate_is_said_of_is_not_a_later_ones_subject():
    assert_seller_only("Decompression beats surgery and beats steroid shots, hands down.",
                       [("efficacy-overstatement/matches-standard-care", "beats surgery"),
                        ("efficacy-overstatement/matches-standard-care", "beats steroid")],
                       "efficacy-overstatement/matches-standard-care")
    # a care-comparer that is the subject still makes a careful comparison
    assert_silent("Surgery beats steroid shots for this kind of tear.", "efficacy-overstatement/matches-standard-care")


def test_conditions_to_be_checked_for_are_not_conditions_treated():
    assert flagged(SELLER, "We ask that parents see their pediatrician first so that reflux, allergies or an infection "
                   "can be checked for.", "efficacy-overstatement/many-conditions") == []
    assert flagged(SELLER, "Our drops calm reflux, allergies and infections.", "efficacy-overstatement/many-conditions") \
        == [("efficacy-overstatement/many-conditions", "reflux, allergies and infections")]


def test_no_study_with_words_between_denies_the_finding_it_names():
    sentence = ("Laboratory studies have shown that cannabinoids can kill some cancer cells, but no large studies "
                "in people have shown that cannabis can control or cure cancer.")
    assert flagged(CAREFUL, sentence, "cure-claim/") == []
    assert flagged(CAREFUL, "Large studies in people have shown that cannabis can cure cancer.", "cure-claim/absolute-cure") \
        == [("cure-claim/absolute-cure", "cure")]


def test_shockwave_is_non_invasive_in_truth_and_an_injection_is_not():
    page = SELLER + "Book now and save 20%. Our PRP injections heal the heel.\n\n"
    assert flagged(page, "Shockwave is non-invasive in the true sense, as nothing breaks the skin.",
                   "invasiveness-mismatch/") == []
    assert flagged(page, "Our PRP injections are non-invasive.", "invasiveness-mismatch/gentle-procedure") == [
        ("invasiveness-mismatch/gentle-procedure", "injections are non-invasive")]


def test_fewer_treatments_proven_is_a_limit_not_a_claim():
    assert flagged(CAREFUL, "Fewer treatments have been proven to help people with preserved ejection fraction.",
                   "efficacy-overstatement/proven-effective") == []
    assert flagged(SELLER, "Our formula is proven to help your heart.", "efficacy-overstatement/proven-effective") == [
        ("efficacy-overstatement/proven-effective", "proven to help")]


def test_a_time_course_with_its_caveat_after_but_is_no_testimonial():
    course = "Many people notice improved vision within a day or two, but your vision may fluctuate for several months."
    assert flagged(CAREFUL, course, "anecdote-as-evidence/") == []
    assert flagged(CAREFUL, "Many people notice improved vision within a day or two.", "anecdote-as-evidence/") == [
        ("anecdote-as-evidence/patient-reports", "people notice improved")]
