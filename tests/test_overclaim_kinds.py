"""Kinds of overclaim a red team's promotional drafts showed weak, written for the kind rather
than the sentence: crowds of customers with no customer word, comparisons with standard care,
disease causes said as fact, offers and guarantees in other words, authority borrowed, and a body
part said to be mended (whose message must name a repair, not "an end to your tendons").

Each kind is pinned on a seller's page and, with the same sentence, left alone on a careful page
that says "talk to your doctor" and names side effects."""

import pytest

from conftest import CAREFUL, SELLER, assert_seller_only, assert_silent, findings, flagged, lint_page, rules_of


def found(text: str) -> list[dict]:
    return [f for f in lint_page(text) if f["category"] != "missing-harms"]


@pytest.mark.parametrize("sentence, span, obj", [
    ("The peptide mends your tendons.", "mends your tendons", "tendons"),
    ("Our bone broth heals your gut.", "heals your gut", "your gut"),  # ("in 30 days": a timed result over it)
    ("Every chew heals the joint from the inside.", "heals the joint", "the joint"),  # "repairs": restore-function, listed first
])
def test_a_body_part_said_to_be_mended_is_a_repair_not_an_end(sentence, span, obj):
    got = [f for f in found(SELLER + sentence + "\n") if f["rule"] in ("efficacy-overstatement/repairs-body", "cure-claim/ends-condition")]
    assert [(f["rule"], (SELLER + sentence)[f["offset"]:f["end_offset"]]) for f in got] == [("efficacy-overstatement/repairs-body", span)]
    assert f"repairs, heals or regrows {obj};" in got[0]["message"]
    assert "an end to" not in got[0]["message"]
    assert flagged(CAREFUL, sentence, "efficacy-overstatement/repairs-body") == []


def test_a_condition_said_to_be_ended_keeps_its_cure_message():
    text = SELLER + "Our detox programme eliminates joint pain.\n"
    got = [f for f in found(text) if f["rule"] == "cure-claim/ends-condition"]
    assert [text[f["offset"]:f["end_offset"]] for f in got] == ["eliminates joint pain"]
    assert got[0]["message"].startswith("'eliminates ... joint pain' promises an end to joint pain")


@pytest.mark.parametrize("sentence", [
    "Surgery can repair the joint.",                   # care is the subject
    "The peptide may help your tendons heal.",         # hedged
    "No supplement can regrow your hair.",             # negated
])
def test_repairs_said_carefully_are_not_flagged_even_on_a_seller_page(sentence):
    assert_silent(sentence, "efficacy-overstatement/repairs-body")


@pytest.mark.parametrize("sentence, expected", [
    # a crowd with no customer word: the count, the rating, the invitation, the history
    ("Over 40,000 happy dogs and counting.",
     [("unsourced-statistic/popularity-as-proof", "40,000 happy dogs")]),
    ("Served to 2 million guests and counting.",
     [("unsourced-statistic/popularity-as-proof", "2 million guests and counting")]),
    ("Join 100,000+ members who've finally beaten their cravings.",
     [("unsourced-statistic/popularity-as-proof", "Join 100,000+ members")]),
    ("Rated 4.9 stars by 12,000 buyers.", [("unsourced-statistic/popularity-as-proof", "Rated 4.9 stars")]),
    ("The tonic has helped millions of families for 200 years.",
     [("unsourced-statistic/popularity-as-proof", "has helped millions of families")]),
    ("Over 1 million cups brewed.", [("unsourced-statistic/popularity-as-proof", "Over 1 million cups brewed")]),
    # what a crowd of buyers is said to report or notice
    ("Regular drinkers report sharper focus.", [("anecdote-as-evidence/crowd-reports", "Regular drinkers report")]),
    ("Most owners see a difference within a week.", [("anecdote-as-evidence/crowd-reports", "owners see a difference")]),
    ("Users report 8 to 12 lb of lean mass.", [("anecdote-as-evidence/crowd-reports", "Users report")]),
])
def test_a_crowd_offered_as_proof_is_flagged_on_a_seller_page_only(sentence, expected):
    assert_seller_only(sentence, expected, ("anecdote-as-evidence/", "unsourced-statistic/popularity-as-proof"))


@pytest.mark.parametrize("sentence", [
    "The programme reached 40,000 families last year.",       # a reach, not a crowd of happy buyers
    "Join a clinical trial if your doctor says you are eligible.",
    "No remedy has helped millions of people lose weight for good.",  # negated
    "Users may notice a mild tingling.",                      # hedged
    "Patients report less pain after the injection.",         # patients: a clinical report, patient-reports' kind
])
def test_crowds_said_carefully_are_not_popularity_or_crowd_reports_even_on_a_seller_page(sentence):
    assert_silent(sentence, ("unsourced-statistic/popularity-as-proof", "anecdote-as-evidence/crowd-reports"))


@pytest.mark.parametrize("sentence, expected", [
    # standard care named by a drug, a body as the comparison's subject, a drug's job done "naturally"
    ("PRP is the natural alternative to finasteride.",
     [("efficacy-overstatement/better-than-standard-care", "natural alternative to finasteride")]),
    ("Our drops train the immune system as a gentle alternative to conventional vaccines.",
     [("efficacy-overstatement/better-than-standard-care", "a gentle alternative to conventional vaccines")]),
    ("It's the perfect first-line medicine for kids.",
     [("efficacy-overstatement/better-than-standard-care", "perfect first-line medicine")]),
    ("Same results, just without the big-pharma markup.",
     [("efficacy-overstatement/better-than-standard-care", "without the big-pharma")]),
    # the reader's own care said to have failed them
    ("We find the hidden triggers your doctor missed.", [("efficacy-overstatement/care-failed-you", "your doctor missed")]),
    ("Standard blood tests miss the real problem.", [("efficacy-overstatement/care-failed-you", "Standard blood tests miss")]),
    # standard care run down by a question that answers itself
    ("Why settle for drugs when nature has the answer?",
     [("efficacy-overstatement/why-settle-for-care", "Why settle for drugs")]),
    # "when it comes to" is not a condition: the dismissal is said outright
    ("When it comes to chronic illness, conventional medicine just hands out pills that mask your symptoms.",
     [("efficacy-overstatement/care-failed-you", "conventional medicine just hands out"),
      ("efficacy-overstatement/against-conventional-care", "pills that mask your symptoms")]),
])
def test_standard_care_set_aside_is_flagged_on_a_seller_page_only(sentence, expected):
    assert_seller_only(sentence, expected, rules_of(expected),  # against-conventional-care fires on any page
                       careful=[(r, q) for r, q in expected if r == "efficacy-overstatement/against-conventional-care"])


@pytest.mark.parametrize("sentence", [
    "Exercise works better than pills for mild depression in some trials.",   # care compared with care
    "Doctors may miss the diagnosis at first because the symptoms are vague.",  # hedged
    "Your doctor did not miss anything if the test was normal.",               # negated
    "Why do doctors prescribe antibiotics for ear infections?",                # a real question
    "If you stop taking statins, tell your doctor.",
])
def test_care_compared_carefully_is_not_flagged_even_on_a_seller_page(sentence):
    assert_silent(sentence, "efficacy-overstatement/")


@pytest.mark.parametrize("sentence, expected", [
    ("All disease begins in the gut.", [("efficacy-overstatement/disease-cause", "begins in the gut")]),
    ("Most childhood ear infections are caused by a misaligned upper neck.",
     [("efficacy-overstatement/disease-cause", "are caused by a misaligned")]),
    ("Birth is the first major trauma to a baby's spine.",
     [("efficacy-overstatement/disease-cause", "the first major trauma to a baby's spine")]),
    # a question that asserts the cause is still the seller's claim
    ("Is your back pain caused by a misaligned spine?",
     [("efficacy-overstatement/disease-cause", "caused by a misaligned spine")]),
    # a verb of a phrase ("lurk in", "accumulate in") is inflected: the "(v)" mark goes at the end
    ("Toxins lurk in your fat cells.", [("efficacy-overstatement/hidden-enemy", "Toxins lurk in")]),
])
def test_a_disease_cause_said_as_fact_is_flagged_on_a_seller_page_only(sentence, expected):
    assert_seller_only(sentence, expected, ("efficacy-overstatement/disease-cause", "efficacy-overstatement/hidden-enemy"))


@pytest.mark.parametrize("sentence", [
    "Most ear infections are caused by bacteria or viruses.",   # causes care treats
    "Cancer that begins in the colon is called colon cancer.",  # where a disease begins, not what causes it
    "Thrush is caused by candida.",
    "Spina bifida is caused by the failure of the spine to close.",
    "Back pain is not caused by a misaligned spine.",           # negated
    "Researchers are testing whether some cases begin in the gut.",
])
def test_causes_careful_pages_name_are_not_disease_cause_even_on_a_seller_page(sentence):
    assert_silent(sentence, "efficacy-overstatement/disease-cause")


@pytest.mark.parametrize("sentence, expected", [
    ("Love your results or your next treatment is free.",
     [("commercial-conflict/call-to-action", "Love your results or"),
      ("commercial-conflict/call-to-action", "your next treatment is free")]),
    ("Results guaranteed.", [("commercial-conflict/call-to-action", "Results guaranteed")]),
    ("The same medicine for a fraction of the price.",
     [("commercial-conflict/call-to-action", "a fraction of the price")]),
    ("Approval takes minutes.", [("commercial-conflict/call-to-action", "Approval takes minutes")]),
    ("Most people qualify!", [("commercial-conflict/call-to-action", "Most people qualify")]),
])
def test_offers_and_guarantees_in_other_words_are_flagged_on_a_seller_page_only(sentence, expected):
    assert_seller_only(sentence, expected, "commercial-conflict/")


@pytest.mark.parametrize("sentence", [
    "There is no guarantee that your next treatment will work.",
    "Generic drugs cost a fraction of the price? Ask your pharmacist.",   # a question
])
def test_offers_said_carefully_are_not_flagged_even_on_a_seller_page(sentence):
    assert_silent(sentence, "commercial-conflict/")


@pytest.mark.parametrize("sentence, expected", [
    ("Welcome to Denver's most advanced smile studio.", [("hype/sales-superlative", "Denver's most advanced")]),
    ("Dentists everywhere are quietly switching their own families to hydroxyapatite.",
     [("uncited-evidence/authority-appeal", "Dentists everywhere are quietly switching their")]),
    ("NASA developed red light therapy to help astronauts heal in space.",
     [("uncited-evidence/authority-appeal", "NASA developed")]),
    ("Dr. Reyes is recognised as a leader in biological dentistry.",
     [("uncited-evidence/authority-appeal", "recognised as a leader")]),
    ("Developed with a board-certified veterinary team.",
     [("uncited-evidence/authority-appeal", "Developed with a board-certified veterinary team")]),
    ("Vet-formulated, so you know it's the real deal.",
     [("regulatory-claim/certificate-as-proof", "Vet-formulated, so you know")]),
])
def test_authority_borrowed_is_flagged_on_a_seller_page_only(sentence, expected):
    assert_seller_only(sentence, expected, rules_of(expected))


def test_a_secret_kept_by_anyone_is_suppressed_secret_on_any_page():
    sentence = "It is the healing stack that pro athletes don't want you to know about."
    assert flagged(CAREFUL, sentence, "hype/suppressed-secret") == [("hype/suppressed-secret", "don't want you to know about")]


@pytest.mark.parametrize("sentence", [
    "Researchers have developed an animal model of the disease.",   # researchers, not an institution's name
    "In Alzheimer's most advanced stage, people need help with daily care.",
    "Nurses are quietly leaving the profession.",
])
def test_authority_in_careful_words_is_not_flagged_even_on_a_seller_page(sentence):
    assert_silent(sentence, ("uncited-evidence/authority-appeal", "hype/sales-superlative"))


@pytest.mark.parametrize("sentence, expected", [
    # the same kinds in words the red team did not use
    ("Longtime takers notice calmer evenings within days.",
     [("anecdote-as-evidence/crowd-reports", "Longtime takers notice")]),
    ("Our community of 80,000 members swears by it.",
     [("unsourced-statistic/popularity-as-proof", "community of 80,000")]),
    ("Your doctor will just prescribe another pill.",
     [("efficacy-overstatement/care-failed-you", "Your doctor will just prescribe")]),
    ("All for a fraction of what you'd pay at the pharmacy.",
     [("commercial-conflict/call-to-action", "a fraction of what")]),
    ("Harvard researchers discovered the compound in our formula.",
     [("uncited-evidence/authority-appeal", "Harvard researchers")]),
    ("Seattle's #1 rated wellness clinic.", [("hype/sales-superlative", "Seattle's #1 rated")]),
])
def test_the_kinds_are_caught_in_other_words_on_a_seller_page_only(sentence, expected):
    assert_seller_only(sentence, expected, rules_of(expected))


@pytest.mark.parametrize("sentence, expected", [
    # a second probe, other genres (hearing, fertility, snoring): the concept, not the red team's words
    ("Beloved by 90,000 grandparents across America.",
     [("unsourced-statistic/popularity-as-proof", "Beloved by 90,000")]),
    ("Thousands of listeners now hear the birds again.",
     [("unsourced-statistic/popularity-as-proof", "Thousands of listeners now")]),
    ("Tinnitus sufferers across the country report instant quiet.",
     [("unsourced-statistic/popularity-as-proof", "sufferers across the country report")]),
    ("A drug-free answer to Xanax.", [("efficacy-overstatement/better-than-standard-care", "drug-free answer to Xanax")]),
    ("ENTs want to sell you surgery, not a cure.", [("efficacy-overstatement/care-failed-you", "ENTs want to sell you")]),
    ("Nearly every chronic illness can be traced back to a toxic liver.",
     [("efficacy-overstatement/disease-cause", "traced back to a toxic liver"),
      ("efficacy-overstatement/one-cause-of-all-disease", "Nearly every chronic illness can be traced back to")]),
    ("Everyone is approved, no credit check.",
     [("commercial-conflict/call-to-action", "Everyone is approved"),
      ("commercial-conflict/call-to-action", "no credit check")]),
    ("As seen on TV.", [("uncited-evidence/authority-appeal", "As seen on")]),
    ("Used by Olympic swimmers and Navy SEALs.",
     [("uncited-evidence/authority-appeal", "Used by Olympic swimmers")]),
    ("Created in partnership with audiologists.",
     [("uncited-evidence/authority-appeal", "Created in partnership with audiologists")]),
])
def test_a_second_probe_of_other_genres_is_flagged_on_a_seller_page_only(sentence, expected):
    assert_seller_only(sentence, expected, rules_of(expected), any_order=True)


@pytest.mark.parametrize("sentence", [
    "Cook the roast, followed by 3 minutes of rest.",                     # not a following
    "The same changes are featured in Alexander disease.",                # not the media
    "Millions of Americans now live with diabetes.",                      # not buyers
])
def test_other_genres_in_careful_words_are_not_flagged_even_on_a_seller_page(sentence):
    assert_silent(sentence, ("unsourced-statistic/popularity-as-proof", "uncited-evidence/authority-appeal"))


@pytest.mark.parametrize("sentence, expected", [
    # a third probe (an IV lounge): sales counts, ratings, care said to miss, prizes, training, secrets
    ("Our drips have hydrated over 30,000 guests since 2019.",
     [("unsourced-statistic/popularity-as-proof", "have hydrated over 30,000 guests")]),
    ("Five stars on Google from 2,300 patients.", [("unsourced-statistic/popularity-as-proof", "Five stars on")]),
    ("Thermography catches what mammograms miss.",
     [("efficacy-overstatement/matches-standard-care", "catches what mammograms")]),
    ("Order today and skip the urgent care line.",  # 'urgent care' is a careful cue: the offer outweighs it
     [("efficacy-overstatement/does-without-care", "skip the urgent care line")]),
    ("Order today: your GP will only tell you your labs are normal.",
     [("efficacy-overstatement/care-failed-you", "your GP will only tell you your labs are normal")]),
    ("Pay nothing today.", [("commercial-conflict/call-to-action", "Pay nothing today")]),
    ("Our medical director trained at Johns Hopkins.",
     [("uncited-evidence/authority-appeal", "trained at Johns Hopkins")]),
    ("Voted best IV bar in Austin three years running.",
     [("hype/sales-superlative", "Voted best"), ("hype/sales-superlative", "three years running")]),
    ("The detox your pharmacist hopes you never hear about.",
     [("hype/suppressed-secret", "hopes you never hear")]),
])
def test_a_third_probe_is_flagged_on_a_seller_page_only(sentence, expected):
    kinds = rules_of(expected)
    assert_seller_only(sentence, expected, kinds,
                       careful=None if "hype/suppressed-secret" in kinds else [])  # that one fires on any page


@pytest.mark.parametrize("sentence", [
    "However, CT scans can miss gallstones that are present.",   # a test's limits, not care run down
    "An ultrasound takes pictures without using x-rays.",
])
def test_a_tests_limits_said_carefully_are_not_flagged_even_on_a_seller_page(sentence):
    assert_silent(sentence, "efficacy-overstatement/")


def test_a_seller_page_that_names_the_gp_and_the_pharmacist_still_reads_as_a_seller_page():
    # walk-ins, 'on us', 'new guests' and stars are a seller's words: three care words
    # ('urgent care', 'your GP', 'your pharmacist') no longer outweigh them
    page = ("# Revive IV Lounge\n\nWalk-ins welcome all weekend.\n\nFirst drip 50% off for new guests.\n\n"
            "Book three, get the fourth on us.\n\nFive stars on Google.\n\nSkip the urgent care line.\n\n"
            "Your GP will tell you your labs are normal.\n\nYour pharmacist sells pills.\n\n"
            "Unlike antidepressants, ketamine works in hours.\n")
    assert ("efficacy-overstatement/better-than-standard-care", "Unlike antidepressants") in findings(page)


def test_a_warning_page_that_lists_a_sellers_secret_is_not_suppressed_secret():
    assert_silent("- Claims that doctors or drug companies don't want you to know about the product.",
                  "hype/suppressed-secret", page=CAREFUL)


@pytest.mark.parametrize("sentence, expected", [
    # a fourth probe (a children's focus supplement, hormone pellets, a clinic abroad)
    ("More than half a million kids take FocusKids every school morning.",
     [("unsourced-statistic/popularity-as-proof", "half a million kids take")]),
    ("Teachers notice the difference by Friday.",
     [("anecdote-as-evidence/crowd-reports", "Teachers notice")]),
    ("Over 9 in 10 moms would recommend it to a friend.",
     [("unsourced-statistic/popularity-as-proof", "9 in 10 moms would recommend")]),
    ("Patients fly in from 40 countries.", [("unsourced-statistic/popularity-as-proof", "fly in from 40 countries")]),
    ("A gentle option for parents who'd rather not medicate.",
     [("efficacy-overstatement/better-than-standard-care", "rather not medicate")]),
    ("Why put your child on Ritalin when there's a better way?",
     [("efficacy-overstatement/why-settle-for-care", "Why put your child on Ritalin")]),
    ("Pediatricians are quick to prescribe but slow to listen.",
     [("efficacy-overstatement/care-failed-you", "Pediatricians are quick to prescribe")]),
    ("Behaviour problems almost always start with a nutrient gap.",
     [("efficacy-overstatement/disease-cause", "start with a nutrient gap")]),
    ("Menopause symptoms come from estrogen dominance, not aging.",
     [("efficacy-overstatement/disease-cause", "come from estrogen dominance")]),
    ("Developed by a mom and a pediatric nutritionist.",
     [("uncited-evidence/authority-appeal", "Developed by a mom and a pediatric nutritionist")]),
    ("America's fastest-growing kids' supplement.", [("hype/sales-superlative", "fastest-growing")]),
])
def test_a_fourth_probe_is_flagged_on_a_seller_page_only(sentence, expected):
    assert_seller_only(sentence, expected, rules_of(expected))


@pytest.mark.parametrize("sentence", [
    "The most popular classes of drugs used to prevent stroke are antiplatelets.",
    "Family members may notice changes in memory first.",       # hedged
    "Patients come to the clinic for a check-up every year.",
])
def test_the_fourth_probes_words_in_careful_sentences_are_not_flagged_even_on_a_seller_page(sentence):
    assert_silent(sentence, ("hype/sales-superlative", "anecdote-as-evidence/crowd-reports",
                             "unsourced-statistic/popularity-as-proof"))


def test_a_pets_youth_given_back_is_life_back_on_a_seller_page_only():
    assert_seller_only("Give your dog their puppy years back.", [("efficacy-overstatement/life-back", "their puppy years")],
                       "efficacy-overstatement/life-back")
