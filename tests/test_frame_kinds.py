"""Claim frames with no trigger word (issue 15): a condition said to be gone or to get better as
the subject of its own sentence, remission and cure-all promises, harms said to be absent, standard
care run down, and verbs of relief beyond "treat".

Each kind fires on a seller's page and not on a careful page that names risks and says "talk to
your doctor"; and what careful writing says about the same things is left alone on either page."""

import pytest

from conftest import CAREFUL, SELLER, assert_seller_only, assert_silent, findings, lint_page, rules_of


@pytest.mark.parametrize("sentence, expected", [
    ("Within a week the swelling had vanished.", [("cure-claim/condition-gone", "swelling had vanished")]),
    ("Our gummies make acid reflux a thing of the past.",
     [("cure-claim/condition-gone", "acid reflux a thing of the past")]),
    ("The eczema cleared up and never came back.", [("cure-claim/condition-gone", "eczema cleared up")]),
    ("Within a month the cholesterol numbers dropped.",
     [("efficacy-overstatement/condition-improves", "cholesterol numbers dropped")]),
    ("Patients leave in complete remission.", [("cure-claim/outcome-promise", "complete remission")]),
    ("One tincture does it all.", [("efficacy-overstatement/cure-all", "does it all")]),
    ("There is no bruising and not a single reaction.",
     [("safety-claim/no-harms", "no bruising"), ("safety-claim/no-harms", "not a single reaction")]),
    ("You don't have to poison your body with chemotherapy.",
     [("efficacy-overstatement/disparages-standard-care", "don't have to poison your body with chemotherapy")]),
    ("Before you agree to knee surgery, try the decompression table.",
     [("efficacy-overstatement/better-than-standard-care", "Before you agree to knee surgery")]),
    ("Works just like Ozempic.", [("efficacy-overstatement/matches-standard-care", "Works just like Ozempic")]),
    ("It does what statins do, naturally.", [("efficacy-overstatement/matches-standard-care", "does what statins")]),
    ("Why wait three weeks for a dermatologist?",
     [("efficacy-overstatement/why-settle-for-care", "Why wait three weeks for a dermatologist")]),
    ("Your GP will tell you it's just stress, but our panel finds the cause.",
     [("efficacy-overstatement/care-failed-you", "Your GP will tell you it's")]),
    ("This balm quiets nerve pain.", [("efficacy-overstatement/treats-condition", "quiets nerve pain")]),
    ("The drink keeps colds at bay.", [("efficacy-overstatement/treats-condition", "colds at bay")]),
    ("The peptide mends your tendons.", [("efficacy-overstatement/repairs-body", "mends your tendons")]),
    ("These capsules support your joints.", [("efficacy-overstatement/treats-condition", "support your joints")]),
    ("Reclaim your life with this joint formula.", [("efficacy-overstatement/life-back", "Reclaim your life")]),
    ("Medical-grade, so you know it works.",
     [("regulatory-claim/certificate-as-proof", "Medical-grade, so you know")]),
    ("It is plant-based, so anyone can take it.",
     [("safety-claim/safe-for-everyone", "plant-based, so"), ("safety-claim/safe-for-everyone", "anyone can take")]),
    ("No more back pain!", [("cure-claim/ends-condition", "No more back pain")]),
    ("You won't need surgery.", [("efficacy-overstatement/does-without-care", "won't need surgery")]),
    ("Most customers find they can cut back on painkillers.",
     [("anecdote-as-evidence/crowd-reports", "customers find"),
      ("efficacy-overstatement/does-without-care", "cut back on painkillers")]),
    ("It is about as gentle as a glass of water.", [("safety-claim/safe-for-everyone", "as gentle as")]),
    ("People feel immediate relief.", [("efficacy-overstatement/timed-result", "immediate relief")]),
    ("The growth factors switch shrunken follicles back on.",
     [("efficacy-overstatement/mechanism-as-fact", "switch shrunken follicles")]),
    ("Each drip kick-starts your metabolism.", [("efficacy-overstatement/mechanism-as-fact", "kick-starts your metabolism")]),
    ("The shots torch fat faster.", [("efficacy-overstatement/treats-condition", "torch fat")]),
    ("Our vitamin C wipes out a virus.", [("cure-claim/ends-condition", "wipes out a virus")]),
    ("It shields the brain against Alzheimer's.", [("efficacy-overstatement/treats-condition", "shields the brain")]),
    ("Many clients walk away from their medications.",
     [("efficacy-overstatement/does-without-care", "walk away from their medications")]),
    ("You can give it to your kids too.", [("safety-claim/safe-for-everyone", "give it to your kids")]),
    ("You can sail through winter without catching a thing.",
     [("efficacy-overstatement/total-protection", "without catching a thing")]),
    ("One vial. Dozens of uses.", [("efficacy-overstatement/cure-all", "Dozens of uses")]),
    ("Why put your stomach through ibuprofen?",
     [("efficacy-overstatement/why-settle-for-care", "Why put your stomach through ibuprofen")]),
    ("Our herbs kill bacteria that antibiotics can't touch.",
     [("efficacy-overstatement/treats-condition", "kill bacteria"),
      ("efficacy-overstatement/care-falls-short", "antibiotics can't touch")]),
    ("Our panel picks up what standard blood tests can't.",
     [("efficacy-overstatement/matches-standard-care", "picks up what standard blood tests")]),
    ("Ideal for pregnancy and babies.", [("safety-claim/suits-everyone", "Ideal for pregnancy")]),
    ("You get all the benefit with none of the damage.", [("safety-claim/safe-for-everyone", "none of the damage")]),
    ("There's no chance of an allergic reaction.", [("safety-claim/no-harms", "no chance of an allergic reaction")]),
    ("You can take them alongside anything else.", [("safety-claim/safe-for-everyone", "alongside anything")]),
    ("The cells target only cancer cells, sparing healthy tissue.",
     [("safety-claim/safe-for-everyone", "target only"), ("safety-claim/safe-for-everyone", "sparing healthy")]),
    ("My family has never been healthier.", [("anecdote-as-evidence/customer-praise", "never been healthier")]),
    ("The swelling goes down right away.", [("efficacy-overstatement/condition-improves", "swelling goes down"),
                                            ("efficacy-overstatement/timed-result", "goes down right away")]),
    ("There is no downside, and no hangover the next day.",
     [("safety-claim/no-harms", "no downside"), ("safety-claim/no-harms", "no hangover")]),
    ("You can drop the tamsulosin once the capsules kick in.",
     [("efficacy-overstatement/better-than-standard-care", "drop the tamsulosin")]),
    ("Many guests leave no longer needing their sleeping pills.",
     [("efficacy-overstatement/replaces-care", "no longer needing their sleeping pills")]),
    ("Skip the surgeon.", [("efficacy-overstatement/care-made-needless", "Skip the surgeon")]),
    ("Reverses fatty liver in just 30 days.", [("cure-claim/ends-condition", "Reverses fatty liver")]),
    ("It's just vitamins, so relax.", [("safety-claim/safe-for-everyone", "just vitamins")]),
    ("Most of our testers have thrown away their painkillers.",
     [("efficacy-overstatement/replaces-care", "thrown away their painkillers")]),
    ("Many users find they no longer need check-ups.",
     [("anecdote-as-evidence/crowd-reports", "users find"),
      ("efficacy-overstatement/care-made-needless", "no longer need check-ups")]),
    ("You can finally be free of migraines.", [("anecdote-as-evidence/testimonial", "finally be"),
                                               ("cure-claim/ends-condition", "free of migraines")]),
    ("Our clients have fully recovered from chronic fatigue.",
     [("cure-claim/ends-condition", "fully recovered from chronic fatigue")]),
    ("Within weeks, his tinnitus had stopped completely.", [("efficacy-overstatement/treats-condition", "tinnitus had stopped"),
                                                            ("cure-claim/condition-gone", "tinnitus had stopped completely")]),
    ("Our clients are totally healed after one course.", [("cure-claim/outcome-promise", "totally healed")]),
    ("Chronic pain switched off.", [("cure-claim/condition-gone", "Chronic pain switched off"),
                                    ("efficacy-overstatement/treats-condition", "Chronic pain switched off")]),
    ("I was sceptical at first, but now I'm a believer.", [("anecdote-as-evidence/customer-praise", "I was sceptical"),
                                                          ("anecdote-as-evidence/customer-praise", "I'm a believer")]),
    ("Blood sugar stays stable all day long.", [("efficacy-overstatement/condition-improves", "Blood sugar stays stable")]),
    ("Whatever your symptoms, the protocol addresses them all.",
     [("efficacy-overstatement/cure-all", "Whatever your symptoms"), ("efficacy-overstatement/cure-all", "addresses them all")]),
    ("Deeper sleep, less bloating.",
     [("efficacy-overstatement/benefit-label", "Deeper sleep"), ("efficacy-overstatement/benefit-label", "less bloating")]),
])
def test_a_seller_page_is_flagged_and_a_careful_page_is_not(sentence, expected):
    assert_seller_only(sentence, expected)


@pytest.mark.parametrize("sentence", [
    "Most colds go away on their own within ten days.",       # limited: "most"
    "The rash may clear up in a few weeks.",                  # hedged
    "The pain did not go away.",                              # negated
    "If the swelling goes down, you can walk on it.",         # conditional
    "Blood pressure often drops when you stand up quickly.",  # limited
    "Some patients reach complete remission after chemotherapy.",
    "Most people have no reactions to the vaccine.",
    "Researchers are testing whether the drug can reduce pain.",
    "Most people don't need a follow-up appointment.",        # limited: "most people", not "most of our users"
    "It is rare to be completely cured of eczema.",           # limited: "rare to"
    "Treatment can cure bowel cancer if it is found early.",  # conditional, said after the claim
    "Most people are free of symptoms within a week.",
    "Decompression is not suitable for everyone.",           # negated: a caveat, not a promise
    "The injections aren't safe for everyone.",
])
def test_what_careful_writing_says_of_the_same_things_is_not_flagged_even_on_a_seller_page(sentence):
    assert_silent(sentence)


def test_a_way_the_seller_offers_is_a_claim_not_a_hypothesis():
    """"A gentle, natural way to ease symptoms" is the product described; the safety promise in
    it is one on any page."""
    assert_seller_only("A gentle, natural way to ease symptoms with no side effects.",
                       [("efficacy-overstatement/treats-condition", "ease symptoms"),
                        ("safety-claim/absolute-safety", "no side effects")],
                       careful=[("safety-claim/absolute-safety", "no side effects")])


def test_a_treatment_said_to_last_for_good_is_a_cure_claim_in_its_clause_only():
    """`with`: the frame counts only with a term of permanence in its own clause."""
    assert_seller_only("Sonavita silences tinnitus for good.",
                       [("cure-claim/lasting-end", "silences tinnitus")], "cure-claim/")
    assert_seller_only("The drops relieve hay fever; our prices are fixed for good.", [], "cure-claim/lasting-end")
    assert_seller_only("The drops relieve hay fever.", [], "cure-claim/")
    assert_silent("No supplement silences tinnitus for good.", among="cure-claim/")


def test_a_list_of_conditions_under_a_claim_is_a_claim_on_each_line():
    """`lead-in`: each line of the list is flagged, with the lead-in's verb named; a lead-in that
    describes care, is hedged or has its own object leaves the lines alone."""
    text = "In our experience, a laser release fixes far more than feeding:\n\n1. Colic, reflux and wind\n2. Snoring\n"
    found = [f for f in lint_page(SELLER + text) if f["rule"] == "efficacy-overstatement/listed-conditions"]
    page = SELLER + text
    assert [(page[f["offset"]:f["end_offset"]], f["message"].split(":")[0]) for f in found] == [
        ("Colic, reflux", "'Colic, reflux' is listed under 'fixes'"), ("Snoring", "'Snoring' is listed under 'fixes'")]
    for lead in ("Surgery can help with:", "Our drops may relieve:", "Our drops stop myopia, using:"):
        assert "efficacy-overstatement/listed-conditions" not in rules_of_page(SELLER + lead + "\n\n- Back pain\n- Snoring\n")
    assert "efficacy-overstatement/listed-conditions" not in rules_of_page(CAREFUL + "Our drops relieve:\n\n- Back pain\n")


def rules_of_page(page):
    return {f["rule"] for f in lint_page(page)}


def test_a_result_said_to_be_permanent_is_a_cure_claim_on_any_page():
    said = [("cure-claim/permanent-relief", "regrowth is permanent")]
    assert_seller_only("The regrowth is permanent.", said, careful=said)
    assert_seller_only("The regrowth is not permanent.", [], careful=[])


@pytest.mark.parametrize("sentence, expected", [
    ("It finds the organ with 97% accuracy.", [("unsourced-statistic/unsourced-number", "97% accuracy")]),
    ("It could cut cancer deaths in half.", [("unsourced-statistic/unsourced-number", "cut cancer deaths in half")]),
    ("Found early, cure rates exceed 90%.", [("unsourced-statistic/unsourced-number", "cure rates exceed 90%")]),
    ("It has been proven in study after study.", [("uncited-evidence/studies-show", "study after study")]),
    ("The doctors just don't want you to know it.", [("hype/suppressed-secret", "doctors just don't want you to know")]),
])
def test_figures_studies_and_secrets_are_flagged_on_any_page(sentence, expected):
    """These need a source whoever writes them: the careful page gets the same findings."""
    assert_seller_only(sentence, expected, rules_of(expected), careful=expected)


def test_a_multiplied_rate_is_an_unsourced_number_on_any_page():
    """A figure is soft (info) and wants a source whoever writes it."""
    said = [("unsourced-statistic/unsourced-number", "Doubles implantation rates")]
    assert_seller_only("Doubles implantation rates.", said, careful=said)


def test_the_message_names_the_condition_and_what_was_promised():
    (finding,) = [f for f in lint_page(SELLER + "After two sessions the migraines were gone.\n")
                  if f["rule"] == "cure-claim/condition-gone"]
    assert finding["message"] == ("'migraines ... were gone' tells readers migraines will be gone: "
                                  "a cure claim in other words.")


def test_a_gentle_word_said_alone_is_flagged_on_a_seller_page_that_injects():
    text = "Getting started is simple and non-invasive: a weekly injection you give yourself at home.\n"
    assert findings(SELLER + text) == [("invasiveness-mismatch/gentle-procedure", "non-invasive")]
    assert findings(CAREFUL + text) == []  # alone, the word is judged by the page's register
    assert findings(SELLER + "The injection is usually painless.\n") == []  # limited
    assert findings(SELLER + "Our laser is painless and uses no needles.\n") == []  # nothing invasive performed


@pytest.mark.parametrize("sentence, said", [
    ("The surgery itself is just a tiny needle prick.", "just a tiny needle prick"),
    ("After the surgery there is virtually nothing to recover from.", "virtually nothing to recover from"),
    ("Your surgery ends with a quick outpatient touch-up.", "quick outpatient touch-up"),
    ("The injection is not really surgery.", "is not really surgery"),
    ("Each drip is a relaxing 45-minute infusion.", "relaxing 45-minute infusion"),
    ("Your injection is a lunchtime procedure.", "lunchtime procedure"),
    ("Cells are given through a simple IV drip.", "simple IV drip"),
    ("The infusion feels like nothing more than a blood transfusion.", "nothing more than a blood transfusion"),
    ("After your implant surgery you'll be eating normally straight away.", "eating normally straight away"),
    ("The frenectomy is no more than a gentle touch of light.", "no more than a gentle touch"),
    ("After the surgery, discomfort is minimal.", "discomfort is minimal"),
    ("The injection needle is so fine you'll barely notice it.", "barely notice"),
])
def test_a_procedure_made_small_is_flagged_on_a_seller_page_that_operates(sentence, said):
    """An understatement counts just before what a procedure feels like or leaves, and only on a
    seller's page that operates or injects."""
    assert_seller_only(sentence, [("invasiveness-mismatch/gentle-procedure", said)], "invasiveness-mismatch/")


@pytest.mark.parametrize("text, said", [
    ("A laser frenectomy releases the tongue.\n\nCompletely painless.\n", "Completely painless"),  # an -ectomy
    ("Balloon sinuplasty opens the sinus.\n\nNo bleeding and no stitches.\n", "No bleeding"),  # a -plasty
    ("A pellet is placed under the skin of your hip in a quick, painless 10-minute visit.\n",
     "painless 10-minute visit"),  # a strong word of a visit
    ("Your dental implants go in on day two.\n\nPain-free, same-day procedure.\n", "Pain-free, same-day procedure"),
    ("Your dental implants are placed on day two.\n\nI felt absolutely nothing.\n", "felt absolutely nothing"),
    ("Microneedling with exosomes renews the skin.\n\nNo downtime.\n", "No downtime"),  # needles by name
    ("Our PDO thread lift lifts the jowls.\n\nIt is a lunchtime procedure.\n", "lunchtime procedure"),
    ("Our fractional CO2 laser renews the skin.\n\nCompletely painless.\n", "Completely painless"),  # an ablative laser
])
def test_an_operation_named_otherwise_makes_the_gentle_word_a_mismatch(text, said):
    """An operation named by its suffix, an implant, or a pellet placed under the skin is as
    invasive as 'surgery'; the page's gentle words about it are mismatches."""
    assert ("invasiveness-mismatch/gentle-procedure", said) in findings(SELLER + text)


def test_a_word_that_only_looks_surgical_is_not_an_operation():
    assert findings(SELLER + "There is a false dichotomy here.\n\nCompletely painless.\n") == []
    assert findings(SELLER + "People with metal implants should not have it.\n\nCompletely painless.\n") == []
    assert not [f for f in findings(SELLER + "Our cold laser shines on the knee.\n\nCompletely painless.\n")
                if f[0].startswith("invasiveness")]  # low-level light, nothing burnt away


def test_an_understatement_hedged_or_of_something_else_is_left_alone():
    for sentence in ("During the injection you may feel a quick pinch.",  # hedged
                     "Only surgery can remove a disc this large.",  # no understatement
                     "Our infusion suites have soft lighting and comfortable chairs.",  # the room, not the drip
                     "It is just a tiny scratch from a laser that uses no needles."):  # nothing invasive
        assert_seller_only(sentence, [])


def test_a_condition_after_a_body_part_word_stays_whole():
    """'knee' in 'knee pain' is part of the condition's name, not the body part treated."""
    assert findings(SELLER + "These drops relieve knee pain.\n") == [
        ("efficacy-overstatement/treats-condition", "relieve knee pain")]


def test_a_verb_inside_a_conditions_name_is_not_a_predicate():
    """'Lower' in 'lower back pain' and 'blocked' in 'blocked tubes' are words of the condition's
    name: a physiotherapy page about lower back pain promises nothing; 'lower' said of blood
    pressure still does."""
    assert_silent("What to expect from physical therapy for lower back pain.", among="efficacy-overstatement/")
    assert_silent("Blocked tubes are a common cause of infertility.", among="efficacy-overstatement/")
    assert findings(SELLER + "Our drops lower blood pressure.\n") == [
        ("efficacy-overstatement/treats-condition", "lower blood pressure")]



@pytest.mark.parametrize("sentence, expected", [
    # "immunotherapy" only modifies "protocol": the subject is the seller's protocol, not care
    ("Our immunotherapy protocol shrinks tumors.",
     [("efficacy-overstatement/treats-condition", "shrinks tumors")]),  # one finding per span and category
    ("The chemotherapy-free program kills cancer cells.",
     [("efficacy-overstatement/treats-condition", "kills cancer cells")]),
])
def test_the_subject_is_the_head_of_its_noun_phrase_not_a_word_that_modifies_it(sentence, expected):
    assert_seller_only(sentence, expected)


@pytest.mark.parametrize("sentence", [
    "Chemotherapy often shrinks tumors.",             # an adverb between: care is still the subject
    "Immunotherapy can shrink tumors in some people.",
    "Surgery for early cancer cures most patients.",  # a preposition between
    "Antibiotics that kill bacteria do not help a cold.",
])
def test_care_followed_by_its_verb_stays_the_subject(sentence):
    assert_silent(sentence)


@pytest.mark.parametrize("sentence, expected", [
    # a hidden enemy said, as fact, to harm the body
    ("Everyday toxins slowly poison your cells.", [("efficacy-overstatement/hidden-enemy", "toxins slowly poison")]),
    ("Candida overgrowth wreaks havoc on your digestion.",
     [("efficacy-overstatement/hidden-enemy", "Candida overgrowth wreaks havoc on")]),
    # tissue said to be mended, and the body said to mend itself
    ("The bone broth repairs the gut lining.", [("efficacy-overstatement/repairs-body", "repairs the gut lining")]),
    ("Given the right nutrients, your skin knows how to heal itself.",
     [("efficacy-overstatement/root-cause", "knows how to heal")]),
    # a dental complaint said to get better, and dental care run down
    ("Tooth decay heals with our mineral paste.", [("efficacy-overstatement/condition-improves", "Tooth decay heals")]),
    ("Fluoride is a neurotoxin.", [("efficacy-overstatement/disparages-standard-care", "Fluoride is a neurotoxin")]),
])
def test_mechanisms_and_harms_said_as_fact_are_flagged_on_a_seller_page(sentence, expected):
    assert_seller_only(sentence, expected)


@pytest.mark.parametrize("sentence", [
    "Mercury may damage the nervous system at high doses.",   # hedged
    "Toxins do not build up in a healthy liver.",             # negated
    "Researchers are studying whether microplastics damage human cells.",
    "Smoking damages your lungs.",                            # no hidden enemy of the seller's
])
def test_harms_said_carefully_are_not_flagged_even_on_a_seller_page(sentence):
    assert_silent(sentence)
