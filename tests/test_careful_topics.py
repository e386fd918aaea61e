"""A careful page titled with a curable infection speaks of its cure in every sentence, named or
not; claims that outlast the treatment; sponsorship and shop links; the usual time course of a
treatment with its caveat (issue 15, from blind sets 139-142 and careful batch 14)."""

import pytest

from conftest import CAREFUL, SELLER, assert_seller_only, assert_silent, findings, flagged

CURE_SENTENCES = (
    "Current treatment cures more than 90% of people who finish it.\n\n"
    "Cure lowers the risk of liver cancer, but it does not remove it.\n"
)


def cures(text: str) -> list[tuple[str, str]]:
    return [(rule, span) for rule, span in findings(text) if rule == "cure-claim/absolute-cure"]


def test_a_careful_page_titled_with_a_curable_infection_may_speak_of_its_cure():
    page = "# Hepatitis C: tests and treatment\n\n" + CAREFUL + CURE_SENTENCES
    assert cures(page) == []


def test_the_same_sentences_under_another_title_or_on_a_sellers_page_are_cure_claims():
    other = "# Arthritis: tests and treatment\n\n" + CAREFUL + CURE_SENTENCES
    assert cures(other) == [("cure-claim/absolute-cure", "cures"), ("cure-claim/absolute-cure", "Cure")]
    treatment = "# Stem cell transplant for MS: a cure at last?\n\n" + CAREFUL + "For them, the treatment permanently cures MS.\n"
    assert cures(treatment) == [("cure-claim/absolute-cure", "cures")]  # a title names the topic, not a treatment
    seller = ("# Hepatitis C: our natural cure\n\nOrder now and save 20%. Our tincture is the answer.\n\n"
              + CURE_SENTENCES)
    assert ("cure-claim/absolute-cure", "cures") in cures(seller)


@pytest.mark.parametrize("sentence, expected", [
    ("The results last even after you stop wearing it.", "results last even after you stop"),
    ("Once your bite is corrected, it stays corrected.", "Once your bite is corrected, it stays corrected"),
    ("It is a one-time fix for crooked teeth.", "fix"),
    ("The belt tightens your tummy permanently.", "tightens your tummy permanently"),
])
def test_a_result_said_to_outlast_the_treatment_is_a_cure_claim(sentence, expected):
    assert_seller_only(sentence, [("cure-claim/permanent-relief", expected)], "cure-claim/permanent-relief", careful=None)


def test_a_result_kept_only_while_treatment_goes_on_is_no_such_claim():
    assert_silent("Once your blood pressure is controlled, it stays controlled only while you take the tablets.",
                  "cure-claim/permanent-relief")


@pytest.mark.parametrize("sentence, rule, expected", [
    ("This week's tips are brought to you by VitaBurst.", "commercial-conflict/sponsored", "brought to you by"),
    ("I'm a proud HydraGlow ambassador.", "commercial-conflict/sponsored", "proud HydraGlow ambassador"),
    ("Everything I use is in my shop.", "commercial-conflict/call-to-action", "in my shop"),
    ("Please help Sam's fund on GoFundMe.", "commercial-conflict/call-to-action", "GoFundMe"),
])
def test_a_sponsor_an_ambassador_a_shop_and_a_fundraiser_are_commercial_ties(sentence, rule, expected):
    assert_seller_only(sentence, [(rule, expected)], rule)


def test_the_usual_time_course_with_its_caveat_is_no_testimonial():
    sentence = "Most people see some improvement after 6 weeks, and it can take 3 months to see the full effect."
    assert_silent(sentence, "anecdote-as-evidence/patient-reports", page=CAREFUL)
    assert_seller_only("Most of our patients see a big improvement after one session.",
                       [("anecdote-as-evidence/patient-reports", "patients see a big improvement")],
                       "anecdote-as-evidence/patient-reports", careful=None)


INJECTIONS = "# Prolotherapy for knee pain\n\nBook now. Prolotherapy is a series of injections into the damaged ligament.\n\n"


def test_a_denial_in_a_list_after_the_same_word_still_promises_and_a_blade_denied_leaves_the_needle():
    """'no cutting, no downtime': the first 'no' does not deny the second item, and denying surgery
    on a page of injections does not make the page's gentle words true."""
    found = findings(INJECTIONS + "There's no cutting, no downtime and no recovery period.\n")
    assert [span for rule, span in found if rule == "invasiveness-mismatch/gentle-procedure"] == [
        "no downtime", "no recovery period"]


def test_a_negation_over_a_whole_predicate_still_denies_a_claim_of_another_word():
    page = CAREFUL + "No vaccine is 100% effective or completely free of side effects.\n"
    assert [rule for rule, _ in findings(page) if rule.startswith("safety-claim/")] == []


def test_an_answer_signed_by_the_seller_is_no_testimonial():
    page = ("Order today and save 20%.\n\n**Q: How long does shipping take?**\n"
            "A: Orders ship within two days from our warehouse. \u2014 *GlowCo Seller*\n\n"
            "**Q: Does it work?**\nA: My migraines are gone! \u2014 *Verified purchaser, Mei L.*\n")
    assert [(rule, span) for rule, span in findings(page) if rule == "anecdote-as-evidence/set-apart-testimonial"] == [
        ("anecdote-as-evidence/set-apart-testimonial", "A: My migraines are gone!")]


def test_a_laser_that_shatters_pigment_is_no_gentle_procedure():
    page = ("# Laser tattoo removal\n\nBook now. Our picosecond laser breaks the ink into tiny particles.\n\n"
            "The treatment is completely painless.\n")
    assert [span for rule, span in findings(page) if rule == "invasiveness-mismatch/gentle-procedure"] == [
        "treatment is completely painless"]


@pytest.mark.parametrize("sentence, expected", [
    ("DIABETES IS FINISHED!!", "DIABETES IS FINISHED"),
    ("Diabetes Is Finished", "Diabetes Is Finished"),
    ("Eczema IS gone.", "Eczema IS gone"),
])
def test_a_headline_in_capitals_names_what_is_gone_before_its_verb(sentence, expected):
    """A capitalised predicate may end a name ("Centers for Disease Control"), so it takes no
    object before it; one that opens with an auxiliary, or a clause in capitals, does."""
    assert_seller_only(sentence, [("cure-claim/condition-gone", expected)], "cure-claim/condition-gone")


def test_a_name_in_title_case_is_still_no_claim():
    assert_silent("The Centers for Disease Control and Prevention publishes guidance.")


def test_a_bold_label_in_capitals_before_a_colon_is_read_as_its_own_clause():
    """A capitalised predicate is taken for the end of a name when the words around it are not in
    title case; the words after a colon belong to another clause and no longer count."""
    sentence = "**ONE BOTTLE, DOZENS OF BENEFITS**: supports your joints."
    assert ("efficacy-overstatement/cure-all", "DOZENS OF BENEFITS") in [
        (rule, span) for rule, span in findings(SELLER + sentence + "\n")]


def test_an_agency_speaking_as_we_makes_no_sellers_claim():
    """A bare "we" is anyone's voice: an agency's "the best way we have" is not a seller's claim
    (careful batch 17), while a seller naming its own clinic still is, on a page read as careful."""
    assert_silent("Vaccination is the best way we have to reduce the risk of flu and its complications.",
                  "efficacy-overstatement/treats-condition", page=CAREFUL)
    assert ("efficacy-overstatement/treats-condition", "relieves chronic fatigue") in flagged(
        CAREFUL, "Our clinic relieves chronic fatigue.", "efficacy-overstatement/treats-condition")


def test_a_regulators_proposal_is_reported_not_claimed():
    """'Generally recognized as safe and effective' is the FDA's own sunscreen wording: what it
    proposed is reported (careful batch 18); a seller's GRAS claim is still one."""
    assert_silent("In 2019 the FDA proposed that two mineral ingredients are generally recognized as safe "
                  "and effective.", "safety-claim/gras-misuse", page=CAREFUL)
    assert flagged(SELLER, "Our cells are generally recognized as safe.", "safety-claim/gras-misuse") == [
        ("safety-claim/gras-misuse", "generally recognized as safe")]


@pytest.mark.parametrize("sentence", [
    "Esketamine nasal spray is FDA-approved for treatment-resistant depression in adults.",
    "Ketamine was approved by the FDA as an anaesthetic in 1970.",
    "The FDA has approved allergy tablets for grass pollen and dust mites.",
    "Naltrexone was approved by the FDA at 50 mg for alcohol dependence.",
])
def test_an_approval_said_with_the_use_it_covers_is_no_trust_mark(sentence):
    """What trust-mark's own suggestion asks for: the exact status and for what use (blind sets
    121, 145, 148 and 160, must-not spans on sellers' pages)."""
    assert_silent(sentence, "regulatory-claim/trust-mark")


@pytest.mark.parametrize("sentence, expected", [
    ("Our atropine drops are FDA-approved for myopia control.", "FDA-approved"),
    ("The laser is FDA-approved for infant frenectomy, giving you total peace of mind.", "FDA-approved"),
    ("FDA approved for over fifty years, so you can trust it.", "FDA approved"),
    ("An FDA-cleared device.", "FDA-cleared"),
])
def test_an_approval_of_the_sellers_own_product_or_offered_as_proof_still_is(sentence, expected):
    assert_seller_only(sentence, [("regulatory-claim/trust-mark", expected)], "regulatory-claim/trust-mark", careful=None)


@pytest.mark.parametrize("sentence", [
    "Many melanomas that are found early can be cured with surgery alone.",  # found early: conditional
    "Collecting the sample has no side effects and does not hurt.",          # a test, not a treatment
    "Antibiotics are life-saving medicines for many bacterial infections.",  # an agency's plain fact
])
def test_an_agencys_plain_facts_are_not_overclaims(sentence):
    """Careful batches 19 and 20 (a health service's and an agency's pages), scored unread first."""
    assert_silent(sentence, page=CAREFUL)


def test_without_found_early_the_same_cure_is_said_unconditionally():
    """The control of "found early": the same sentence without its condition is a cure claim, on the
    same careful page."""
    assert flagged(CAREFUL, "Melanoma can be cured with surgery alone.", "cure-claim/") == [
        ("cure-claim/absolute-cure", "cured")]
