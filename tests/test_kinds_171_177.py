"""Kinds from blind sets 171-177 and careful batch 31 (issue 15): a gerund before a modal is
another verb's subject; harms listed after "can also raise"; an imperative "stay off school";
standard care said to be proven; a gentle word with its reason on a careful page; a scan the
claim model must not read as invasive; permanence said in new ways."""

import pytest

from conftest import CAREFUL, SELLER, flagged, lint_page

TREATS = "efficacy-overstatement/treats-condition"
SALE = SELLER + "Order today and save 20%.\n\n"  # a page that sells in so many words


def test_an_ing_predicate_before_a_modal_does_not_take_the_modals_object():
    assert flagged(SELLER, "Stopping suddenly can cause withdrawal symptoms and relapse.", TREATS) == []
    # the predicate still takes its own object, and a finite verb before a modal is unchanged
    assert flagged(SELLER, "Our drops relieve constipation.", TREATS) == [(TREATS, "relieve constipation")]


def test_harms_after_can_also_raise_are_not_conditions_treated():
    harms = "It can also raise your red blood cell count, cause acne or breast swelling, and worsen sleep apnoea."
    assert flagged(SELLER, harms, "efficacy-overstatement/many-conditions") == []


@pytest.mark.parametrize("sentence", [
    "Stay off school or work until all the spots have scabbed over.",
    "Stay off the affected leg for a day.",
])
def test_an_imperative_stay_off_is_no_lasting_result(sentence):
    assert flagged(CAREFUL, sentence, "cure-claim/permanent-relief") == []


@pytest.mark.parametrize("sentence, span", [
    ("Once your set point is reset, the weight stays off.", "stays off"),
    ("With our plan, the gains stay put once training is finished.", "stay put"),
    ("Dry underarms. For good.", "For good"),
    ("Our robotic knees are built to last a lifetime.", "built to last a lifetime"),
])
def test_a_result_said_to_last_is_a_cure_claim(sentence, span):
    assert flagged(SELLER, sentence, "cure-claim/permanent-relief") == [("cure-claim/permanent-relief", span)]


def test_standard_care_said_to_be_proven_is_the_evidence_not_a_sellers_claim():
    assert flagged(CAREFUL, "Surgery is the only treatment that has been proven to work for cataracts.",
                   "efficacy-overstatement/proven-effective") == []
    assert flagged(SELLER, "Our serum is proven to regrow hair.", "efficacy-overstatement/proven-effective") == [
        ("efficacy-overstatement/proven-effective", "proven to regrow")]


def test_a_gentle_word_with_its_reason_stands_on_a_careful_page_even_beside_a_laser():
    page = ("Cataract surgery removes the cloudy lens. If clouding comes back, a YAG laser capsulotomy is a "
            "non-invasive treatment, as no cuts are made to the eye.")
    assert flagged(CAREFUL, page, "invasiveness-mismatch/") == []


def test_the_claim_model_does_not_read_a_scan_as_an_invasive_procedure():
    assert flagged(SELLER, "Our 3D foot scan is completely non-invasive.", "invasiveness-mismatch/") == []


def test_a_finding_of_no_difference_is_no_appeal_to_evidence():
    sentence = "Those studies found no differences in memory, attention or kidney function between the two groups."
    assert flagged(CAREFUL, sentence, "uncited-evidence/studies-show") == []


STUDIO = ("# Frost Lab cryotherapy\n\nBook your first freeze now and save 20%. Our cryotherapy sessions ease "
          "inflammation, speed recovery and lift your mood. Our chamber is the breakthrough your body needs. "
          "Our members love the results of our treatment.\n\n")


@pytest.mark.parametrize("caution", [
    "That said, cryotherapy isn't right for everyone.",
    "We can't book you in if you're pregnant or have a heart condition.",
    "Cold burns to the skin are uncommon but can happen.",
    "Using too much powder can make your baby ill.",
    "It is not suitable for babies with a diagnosed milk allergy.",
])
def test_who_it_is_not_for_and_uncommon_harms_are_a_discussion_of_harms(caution):
    assert "missing-harms/no-risks-discussed" in [f["rule"] for f in lint_page(STUDIO)]
    assert "missing-harms/no-risks-discussed" not in [f["rule"] for f in lint_page(STUDIO + caution + "\n")]


@pytest.mark.parametrize("reassurance", [
    "Cryotherapy is right for everyone.",
    "It is suitable for babies with eczema.",
])
def test_the_same_words_unnegated_are_no_caution(reassurance):
    assert "missing-harms/no-risks-discussed" in [f["rule"] for f in lint_page(STUDIO + reassurance + "\n")]


def test_an_account_activated_is_no_mechanism_and_a_careful_link_is_no_sale():
    assert flagged(SALE, "Activate your free account today.",
                   "efficacy-overstatement/root-cause") == []
    assert flagged(CAREFUL, "Get the facts here.", "commercial-conflict/") == []


COST_ANSWER = ("## How much do antivirals cost?\n\nThe list price of a 5-day course of Paxlovid is about $1,390. "
               "Most people pay much less through insurance, and people with Medicare may pay nothing out of pocket. "
               "Ask your pharmacist what your plan covers before you fill the prescription.\n")


def test_an_agencys_answer_about_what_treatment_costs_is_not_a_sellers_page():
    assert [f["rule"] for f in lint_page(COST_ANSWER) if f["category"] not in ("uncited-evidence", "unsourced-statistic")] == []


def test_a_sellers_price_still_reads_as_one():
    page = "## Our drops\n\nOur drops ease joint pain. A bottle is only $19 this week. Buy now and save 20%.\n"
    assert "commercial-conflict/call-to-action" in [f["rule"] for f in lint_page(page)]


def test_an_adjective_after_be_takes_no_object_later_in_the_sentence():
    sentence = "A positive rapid test is very likely to be correct, and you should assume you have COVID-19."
    assert flagged(SALE, sentence, "cure-claim/") == []
    assert flagged(SELLER, "Our drops correct dry eye.", "cure-claim/ends-condition") == [
        ("cure-claim/ends-condition", "correct dry eye")]


def test_a_gentle_word_said_of_a_spray_is_true_of_the_spray():
    page = (SELLER + "Order today and save 20%. An epinephrine auto-injector is a shot into the thigh.\n\n")
    assert flagged(page, "In 2024, the FDA approved a needle-free epinephrine nasal spray.", "invasiveness-mismatch/") == []
    assert flagged(page, "Our needle-free treatment is the answer.", "invasiveness-mismatch/") == [
        ("invasiveness-mismatch/gentle-procedure", "needle-free")]


def test_a_harm_admitted_by_a_double_negative_is_no_promise_and_counts_as_harms_discussed():
    page = SELLER + "Book now and save 20% on our chelation drips, the breakthrough your body needs.\n\n"
    assert flagged(page, "Chelation is not without risk.", "safety-claim/") == []
    assert "missing-harms/no-risks-discussed" in [f["rule"] for f in lint_page(page)]
    assert "missing-harms/no-risks-discussed" not in [f["rule"] for f in lint_page(page + "Chelation is not without risk.\n")]
    assert flagged(page, "Our drips are without risk.", "safety-claim/no-harms") == [("safety-claim/no-harms", "without risk")]


def test_your_doctor_told_to_keep_taking_a_medicine_is_no_authority_appeal():
    assert flagged(SALE, "Keep taking any medicine your doctor has prescribed.",
                   "uncited-evidence/") == []


def test_the_first_half_of_a_compound_takes_no_object_after_it():
    assert flagged(SALE, "It's slow-simmered beef bone broth, dried down into a powder.", TREATS) == []
    assert flagged(SALE, "It slows bone loss.", TREATS) == [(TREATS, "slows bone loss")]


@pytest.mark.parametrize("page, sentence, rule", [
    (SELLER + "Book now and save 20%.\n\n", "Bruising, swelling and tenderness for a few days are common.",
     "efficacy-overstatement/many-conditions"),
    (CAREFUL, "FDA-approved stem cell products are limited to a few specific uses, mostly for diseases of the blood.",
     "regulatory-claim/"),
    (CAREFUL, "Some people with tinnitus report relief when hearing aids make outside sounds easier to hear, but results vary.",
     "anecdote-as-evidence/"),
])
def test_careful_sentences_of_sets_186_189_and_careful_36(page, sentence, rule):
    assert flagged(page, sentence, rule) == []


def test_a_small_risk_of_harms_is_no_list_of_conditions_treated():
    sentence = "There is a small risk of infection, bleeding, bruising or temporary numbness around the knee."
    assert flagged(SELLER + "Book now and save 20%.\n\n", sentence, "efficacy-overstatement/") == []


def test_an_answer_that_sends_readers_to_trusted_sellers_is_not_a_sellers_page():
    answer = ("# Which masks work best?\n\nA well-fitting respirator, such as a NIOSH-approved N95, offers the most "
              "protection. Buy masks from trusted sellers, and look for the approval number printed on the mask. "
              "A mask should cover your nose and mouth and fit snugly. Cloth masks protect less. Wear one in "
              "crowded indoor spaces when illness is spreading. Talk to your doctor if you find it hard to breathe in "
              "a mask. Clinical trials of masks have been small.\n")
    assert [f["rule"] for f in lint_page(answer) if f["category"] not in ("uncited-evidence", "unsourced-statistic")] == []


# Claims of blind sets 178-201, each in the words a draft used, on a page that sells.
@pytest.mark.parametrize("sentence, rule, span", [
    # blind sets 178-181
    ("Reverses years of thinning \u2014 permanently.", "cure-claim/permanent-relief", "permanently"),
    ("[Grab the Hush Sleep Sack here](https://example.com/hush)", "commercial-conflict/call-to-action",
     "Grab the Hush Sleep Sack here"),
    ("Activate your free account today.", "commercial-conflict/call-to-action", "Activate your free account today"),
    ('"My urologist couldn\'t believe it!"', "anecdote-as-evidence/testimonial", "My urologist couldn't believe"),
    ("Ready to skip the surgery?", "efficacy-overstatement/why-settle-for-care", "Ready to skip the surgery"),
    ("Safe to use with a perforated eardrum.", "safety-claim/safe-for-everyone", "Safe to use with"),
    # blind sets 182-185
    ("Upgrade your pledge on the campaign page.", "commercial-conflict/call-to-action", "Upgrade your pledge"),
    ("Here's what most people never hear.", "hype/experts-in-the-dark", "what most people never hear"),
    ("This is the missing piece your pediatrician never told you about.", "hype/experts-in-the-dark",
     "your pediatrician never told"),
    ("Pharmacists we've spoken to are calling it the biggest thing since the childproof cap.",
     "uncited-evidence/authority-appeal", "Pharmacists we've spoken to are calling it the"),
    # blind sets 186-189
    ("The thing nobody tells you is that thyroid problems start in the gut.", "hype/experts-in-the-dark",
     "nobody tells you"),
    ("This is the stuff they just don't teach at medical school.", "hype/experts-in-the-dark",
     "don't teach at medical school"),
    ("Used by top performance coaches and Olympic athletes.", "unsourced-statistic/popularity-as-proof",
     "Used by top performance coaches"),
    ("Many GPs privately agree with what I do.", "uncited-evidence/studies-show", "GPs privately agree"),
    ("Backed by 50 years of neuroscience.", "uncited-evidence/studies-show", "Backed by 50 years of neuroscience"),
    # blind sets 190-193
    ("Operators are standing by.", "commercial-conflict/call-to-action", "Operators are standing by"),
    ("Link's in my profile.", "commercial-conflict/call-to-action", "Link's in my profile"),
    ("They're just not trained to look for it.", "hype/experts-in-the-dark", "They're just not trained to look for"),
    ("Heat is the closest thing we have to a longevity pill.", "hype/sales-superlative",
     "the closest thing we have to a longevity pill"),
    ("Expansion fixes the root cause.", "efficacy-overstatement/root-cause", "fixes the root cause"),
    ("Results that are permanent.", "cure-claim/permanent-relief", "Results that are permanent"),
    # blind sets 194-197
    ("So it's no more pads, ever.", "cure-claim/never-again", "no more pads, ever"),
    ("Free blood-glucose meter with every 12-week plan.", "commercial-conflict/call-to-action",
     "Free blood-glucose meter with every 12-week plan"),
    ("Regular adjustments realign your spine permanently.", "cure-claim/permanent-relief",
     "realign your spine permanently"),
    # blind sets 198-201
    ("It clears ingrown hairs and razor bumps for good.", "cure-claim/permanent-relief",
     "clears ingrown hairs and razor bumps for good"),
    ("You'll never face another amputation scare.", "cure-claim/never-again", "never face another"),
    ("We haven't had a single sick day.", "efficacy-overstatement/never-ill", "haven't had a single sick day"),
    ("It's as harmless as a glass of water.", "safety-claim/safe-for-everyone", "as harmless as"),
])
def test_a_claim_of_sets_178_201_is_flagged_on_its_span(sentence, rule, span):
    found = flagged(SALE, sentence, rule)
    assert [hit for hit in found if hit[1] in sentence] == [(rule, span)]
