"""Seller-page kinds written in other words (issue 15): testimonials told as quotations, letters
and recovery stories; guarantees, urgency, bundles and prices; sales superlatives; evidence
appealed to but not cited; result figures; safety asserted by a seller; missing-harms on short
adverts. Each seller-only kind is pinned on a seller's page and, with the same sentence, left
alone on a careful one."""

import pytest

from conftest import CAREFUL, SELLER, assert_seller_only, assert_silent, categories_of, findings, flagged, lint_page


def lint(text: str) -> list[dict]:
    return lint_page(text)


@pytest.mark.parametrize("sentence, expected", [
    ('"My migraines stopped after the first bottle," says Renee, a dental hygienist.',
     [("anecdote-as-evidence/testimonial", '"My migraines stopped after the first bottle," says')]),
    ("One listener emailed to say her hot flashes had faded.", [("anecdote-as-evidence/testimonial", "emailed")]),
    ("Our members tell us the shakes keep them full until dinner.",
     [("anecdote-as-evidence/testimonial", "members tell us")]),
    ("Within three sessions, he was sleeping through the night again.",
     [("anecdote-as-evidence/testimonial", "Within three sessions, he was")]),
    ("Two years later she is still off her inhaler.", [("anecdote-as-evidence/testimonial", "Two years later she is")]),
    ("Every purchase is backed by our 30-day happiness guarantee.",
     [("commercial-conflict/call-to-action", "our 30-day happiness guarantee")]),
    ("Gift sets ship free, today only.", [("commercial-conflict/call-to-action", "only")]),  # the deadline, not the delivery
    ("Mention code SPRING when you book.", [("commercial-conflict/call-to-action", "Mention code")]),
    ("Intake appointments (90 minutes, $295) include testing.", [("commercial-conflict/price", "$295")]),
    ("I recommend my own Borrelia Clear tincture.",
     [("commercial-conflict/call-to-action", "my own Borrelia Clear tincture")]),
    ("It makes your body heal like never before.", [("hype/sales-superlative", "like never before")]),
    ("That flush is where the magic happens.", [("hype/sales-superlative", "where the magic happens")]),
    ("No cane, no pain. My surgeon couldn't believe the X-rays.",
     [("anecdote-as-evidence/customer-praise", "My surgeon couldn't believe")]),
    ("The six-week program starts at $1,950.", [("commercial-conflict/price", "$1,950")]),
    ("The numbers so far are stunning.", [("hype/sales-superlative", "stunning")]),
    ("Our blend is the most potent tonic on the market.",
     [("hype/sales-superlative", "the most potent"), ("hype/sales-superlative", "on the market")]),
    ("Meet the best-kept secret in skincare.", [("hype/sales-superlative", "best-kept secret")]),
    ("Say hello to smoother skin in minutes.",
     [("hype/sales-superlative", "Say hello to"), ("hype/sales-superlative", "in minutes")]),
    ("Patients lose an average of 14 pounds in eight weeks.",
     [("unsourced-statistic/sales-figure", "an average of 14 pounds")]),
    ("Our live birth rate is nearly double the national average.",
     [("unsourced-statistic/sales-figure", "double the national")]),
    ("Our peptide creams are safe and effective.", [("safety-claim/safe-and-effective", "are safe and effective")]),
])
def test_a_seller_kind_is_flagged_on_a_seller_page_and_not_on_a_careful_one(sentence, expected):
    assert_seller_only(sentence, expected, categories_of(expected))  # frame rules of other kinds may fire too


@pytest.mark.parametrize("sentence, expected", [
    ("Backed by decades of clinical research.",
     [("uncited-evidence/studies-show", "Backed by decades of clinical research")]),
    ("The science behind red light therapy is clear.",
     [("uncited-evidence/studies-show", "The science behind red light therapy is clear")]),
    ("Thousands of published studies support cupping.",
     [("uncited-evidence/studies-show", "Thousands of published studies support")]),
    ("The gel lowered swelling scores by roughly a third.",
     [("unsourced-statistic/unsourced-number", "lowered swelling scores by roughly a third")]),
    ("The finding may be a turning point for people with lupus.", [("hype/hype-phrase", "turning point for")]),
])
def test_evidence_numbers_and_hype_in_other_words_are_flagged_on_any_page(sentence, expected):
    assert flagged(CAREFUL, sentence) == expected


@pytest.mark.parametrize("sentence", [
    '"We saw some improvement, but the trial was small," said Dr. Chen, who led the study.',  # a researcher, not a customer
    "Some people say they feel better after acupuncture, but controlled trials found no benefit [2].",
    "Research has not shown that the supplement prevents cancer.",
    "The science on cold plunges is not clear.",
    "There is no guarantee that the treatment will work.",
    "COVID-19 vaccines are safe and effective, and serious side effects are rare.",
    "Vaccination is the most effective way to prevent measles.",
])
def test_careful_writing_with_the_same_words_is_left_alone(sentence):
    assert_silent(sentence, page=CAREFUL)


def test_safety_said_to_be_proven_is_flagged_on_any_page_but_a_bare_safe_only_on_a_seller_page():
    assert findings(CAREFUL + "Its safety has been proven.\n") == [
        ("safety-claim/unsourced-safety", "safety has been proven")]
    assert findings(CAREFUL + "The vaccine is safe and effective.\n") == []


@pytest.mark.parametrize("advert", [
    "# Lash serum\n\nLonger lashes in four weeks. Our peptide serum is gentle and vegan. Order today.\n",
    "Beat jet lag with our hydration drips, delivered to your hotel room. Drips from $149.\n",
    "Hear every word again. Our invisible hearing aids fit in minutes. Ask for them by name.\n",
    "Sleep deeper with our magnesium gummies, with a no-risk 60-day trial.\n",
])
def test_missing_harms_fires_on_a_short_advert_that_never_names_a_risk(advert):
    assert [f["rule"] for f in lint(advert) if f["category"] == "missing-harms"] == ["missing-harms/no-risks-discussed"]


ADVERT = "Sleep deeper with our magnesium gummies, with a no-risk 60-day trial. Order today.\n\n"


@pytest.mark.parametrize("precaution", [
    "They are not suitable if you have kidney disease.",
    "Do not take them if you are pregnant or breastfeeding.",
    "Stop using them and see your doctor if you get a rash.",
    "People with epilepsy or heart conditions should check with their doctor first.",
    "If you take blood thinners, ask your pharmacist before starting.",
    "Magnesium can interact with some antibiotics.",
    "The gummies are toxic to dogs; keep them out of reach.",
    "If a child swallows several, call the Poisons Information Centre.",
    "We don't recommend them while breastfeeding.",
    "Patch test on your arm a day before first use.",
    "Not for children under 12.",
    "Tell your doctor if you have a pacemaker or take insulin.",
    "Do not use them if you are allergic to fish.",
])
def test_an_advert_that_states_who_should_not_use_it_discusses_harms(precaution):
    """Precautions are a discussion of harms in a seller's words: who should not use the product,
    what it can interact with, when to stop, whom to call. missing-harms stays silent; the same
    advert with only a packaging note does not."""
    assert [f for f in lint(ADVERT + precaution + "\n") if f["category"] == "missing-harms"] == []
    assert [f["rule"] for f in lint(ADVERT + "Do not use if the seal is broken.\n")
            if f["category"] == "missing-harms"] == ["missing-harms/no-risks-discussed"]


@pytest.mark.parametrize("not_a_harm", [
    "Any side effects?",  # a question asked, not answered
    "| Side effects | None |\n|---|---|\n| Results | Lasting |",  # a label in a table
    "The lenses block harmful blue light.",  # harm the product claims to block
    "It can even lower your breast cancer risk.",  # the reader's risk of a disease
    "Four in five strokes come without a single warning sign.",
    "Families never have to worry about side effects.",
])
def test_harm_words_that_discuss_no_harm_of_the_product_leave_missing_harms_firing(not_a_harm):
    assert [f["rule"] for f in lint(ADVERT + not_a_harm + "\n") if f["category"] == "missing-harms"] == [
        "missing-harms/no-risks-discussed"]


@pytest.mark.parametrize("page", [
    "# Screening\n\nScreening is recommended for adults aged 45 to 75. Talk to your doctor about which test is right "
    "for you. Many insurance plans cover screening at no cost.\n",
    "# Notes\n\nWe met on Tuesday to plan the team picnic.\n",  # a "we", but nothing sold
    "# Eye health\n\nGet an eye exam as often as your eye doctor recommends. In a large trial, a vitamin formula "
    "slowed one eye disease.\n",  # one cue ("formula"), but a careful page's words
    "# Hand washing\n\nWash your hands with soap and water for at least 20 seconds. If soap is not available, use "
    "a sanitizer with at least 60% alcohol.\n",
])
def test_missing_harms_stays_silent_on_careful_pages_with_no_risk_words(page):
    assert [f for f in lint(page) if f["category"] == "missing-harms"] == []


@pytest.mark.parametrize("sentence, expected", [
    # crowds of customers of every kind, and quotations signed with a dash and who they are
    ("Thousands of couples have conceived with our program.", [("anecdote-as-evidence/testimonial", "couples ")]),
    ("Pet owners tell us their dogs are calmer within a week.",
     [("anecdote-as-evidence/testimonial", "Pet owners tell us")]),
    ('"Best chews ever." \u2014 Dana R., mom of two rescues',
     [("anecdote-as-evidence/set-apart-testimonial", "Best chews ever.")]),
    # prices as they were and are now, and rates
    ("Sessions are normally $300, now $199.",
     [("commercial-conflict/price", "$300"), ("commercial-conflict/price", "$199")]),
    ("Lock in the winter rate of $1,250.",
     [("commercial-conflict/call-to-action", "Lock in"), ("commercial-conflict/price", "$1,250")]),
    # any profession named as the proof
    ("Veterinarians nationwide are recommending our chews.",
     [("uncited-evidence/authority-appeal", "Veterinarians nationwide are recommending")]),
    ("Formulated by a team of naturopaths.", [("uncited-evidence/authority-appeal", "Formulated by a team of naturopaths")]),
])
def test_testimonials_prices_and_authorities_in_other_words(sentence, expected):
    assert_seller_only(sentence, expected, categories_of(expected))


@pytest.mark.parametrize("sentence, expected", [
    ("The cure your doctor doesn't want you to know about.",
     [("hype/suppressed-secret", "doctor doesn't want you to know")]),
    ("This protocol will change the lives of millions.", [("hype/hype-phrase", "will change the lives")]),
    ("Our readers call it life-changing.", [("hype/hype-phrase", "call it life-changing")]),
    # hype in someone's own words: attributed, or said as "we"
    ('"This is the breakthrough families have been waiting for," said the founder.',
     [("hype/quoted-hype", "breakthrough")]),
    ('"We believe this will change the lives of millions of patients."', [("hype/quoted-hype", "change the lives")]),
])
def test_hype_in_other_words_is_flagged_on_any_page(sentence, expected):
    assert flagged(CAREFUL, sentence, "hype/") == expected


@pytest.mark.parametrize("sentence", [
    "Talk with people who have had transplants and ask how it has changed their lives.",
    'A local clinic touts a stem cell "Miracle" for arthritis.',     # a scare-quoted word in a news story
    "\u2014 Maria, 52",                                                # patient-reports' own, not twice
    "Tell your doctor about every supplement you take.",
])
def test_near_misses_of_the_new_kinds_are_left_alone(sentence):
    assert_silent(sentence, {"hype/quoted-hype", "hype/hype-phrase", "hype/suppressed-secret", "anecdote-as-evidence/testimonial"})


@pytest.mark.parametrize("sentence, expected", [
    ("The new therapy wipes out tumors, the company says.",
     [("efficacy-overstatement/press-release-claim", "wipes out")]),
    ("A university press release says the drug could end the need for insulin.",
     [("efficacy-overstatement/press-release-claim", "end the need for insulin")]),
    ("The spray clears the brain and is completely non-toxic, according to the company.",
     [("efficacy-overstatement/press-release-claim", "completely non-toxic")]),
])
def test_a_claim_passed_on_from_a_company_or_press_release_is_flagged_on_any_page(sentence, expected):
    assert flagged(CAREFUL, sentence, "efficacy-overstatement/press-release-claim") == expected


@pytest.mark.parametrize("sentence", [
    "The drug does not cure diabetes, the company said.",
    "The company says the trial will enrol 300 people with eczema next year.",
    "Researchers found that the drug reduced relapses by a third [1].",    # no interested party named
    'Be wary of products sold as "a quick miracle cure" for arthritis.',  # quoted to warn, nobody's words
])
def test_reported_claims_without_an_interested_party_or_denied_are_left_alone(sentence):
    assert_silent(sentence, {"efficacy-overstatement/press-release-claim", "hype/quoted-hype"}, page=CAREFUL)


def test_a_bare_evidence_label_is_uncited_but_advice_to_choose_evidence_is_not():
    assert findings(CAREFUL + "Backed by research.\n") == [("uncited-evidence/studies-show", "Backed by research")]
    assert findings(CAREFUL + "Patients should choose treatments backed by evidence.\n") == []


def test_an_overdose_said_to_be_impossible_in_other_words_is_a_seller_safety_claim():
    assert findings(SELLER + "You cannot give too many.\n") == [("safety-claim/safe-for-everyone", "cannot give too many")]
    assert findings(CAREFUL + "You cannot give too many.\n") == []


@pytest.mark.parametrize("advert", [
    # evidence claimed, not weighed, is no careful page's word
    "# Joint Rescue\n\nClinical studies prove it rebuilds cartilage in weeks. Only $39 a bottle.\n",
    # risks said to be absent are not a discussion of them
    "Our drops calm colic fast. Clinical studies prove they work, with none of the risks of medicine. Buy now.\n",
])
def test_missing_harms_fires_on_an_advert_that_claims_studies_or_denies_risks(advert):
    assert [f["rule"] for f in lint(advert) if f["category"] == "missing-harms"] == ["missing-harms/no-risks-discussed"]


def test_a_page_that_weighs_the_studies_is_still_careful():
    page = "# Vitamin D\n\nIn a large trial, vitamin D tablets did not prevent falls. A blood test costs about $20.\n"
    assert [f for f in lint(page) if f["category"] == "missing-harms"] == []


@pytest.mark.parametrize("sentence, rule, quote", [
    ("Side effects are usually mild.", "safety-claim/harms-called-rare", "Side effects are usually mild"),
    ("Risks are low.", "safety-claim/harms-called-rare", "Risks are low"),
    ("The injections are well tolerated.", "safety-claim/harms-called-rare", "well tolerated"),
])
def test_harms_called_rare_is_a_sellers_claim_and_a_careful_pages_summary(sentence, rule, quote):
    """'Side effects are rare' sums up the facts on a public-health page and waves the question
    away on a seller's; 'minimal' or 'negligible' dismiss harms on any page (minimised-harms)."""
    assert (rule, quote) in flagged(SELLER, sentence)
    assert_silent(sentence, "safety-claim/", page=CAREFUL)


def test_harms_called_minimal_is_flagged_on_any_page():
    sentence = "Adverse effects are minimal.\n"
    for page in (SELLER, CAREFUL):
        assert ("safety-claim/minimised-harms", "Adverse effects are minimal") in findings(page + sentence)


@pytest.mark.parametrize("sentence, rule, quote", [
    ("Our remedies are so dilute they cannot harm even a newborn.", "safety-claim/safe-for-everyone", "cannot harm"),
    ("Our drops will not hurt your baby.", "safety-claim/safe-for-everyone", "will not hurt"),
    ("There's no such thing as too much light.", "safety-claim/safe-for-everyone", "no such thing as too much"),
    ("You get the gains of testosterone without the side effects.", "safety-claim/absolute-safety",
     "without the side effects"),
])
def test_harmlessness_in_other_words_is_a_safety_claim(sentence, rule, quote):
    """A harm denied ('cannot harm', 'will not hurt') is a safety promise: the negation is the claim."""
    assert (rule, quote) in flagged(SELLER, sentence)


@pytest.mark.parametrize("sentence, quote", [
    ("Lose 10 pounds in two weeks.", "Lose 10 pounds in two weeks"),
    ("Ear infections clear within 24 to 48 hours.", "clear within 24 to 48 hours"),
    ("See visible results after one session.", "visible results after one session"),
    ("Patients lose 5 to 10 lbs in the first month.", "lose 5 to 10 lbs in the first month"),
])
def test_a_result_by_a_deadline_is_a_sellers_promise(sentence, quote):
    assert ("efficacy-overstatement/timed-result", quote) in flagged(SELLER, sentence)
    assert_silent(sentence, "efficacy-overstatement/timed-result", page=CAREFUL)


def test_a_deadline_without_a_result_or_with_a_hedge_is_not_a_timed_result():
    for sentence in ("Orders ship within 2 days.", "Some people may see results after six sessions.",
                     "Do not stop taking it within the first week."):
        assert_silent(sentence, "efficacy-overstatement/timed-result")


@pytest.mark.parametrize("sentence, expected", [
    ("Recommended by orthopedic surgeons and physical therapists.",
     ("uncited-evidence/authority-appeal", "Recommended by orthopedic surgeons")),
    ("Doctor Recommended for instant relief.", ("uncited-evidence/authority-appeal", "Doctor Recommended")),
    ("Our sleeve is endorsed by the Mayo Clinic.", ("uncited-evidence/authority-appeal", "endorsed by the Mayo Clinic")),
    ("Ophthalmologists are stunned.", ("hype/sales-superlative", "Ophthalmologists are stunned")),
    ("CopperFlex is the revolutionary knee sleeve.", ("hype/sales-superlative", "revolutionary")),
])
def test_endorsements_and_hype_on_any_noun_are_a_sellers(sentence, expected):
    assert expected in flagged(SELLER, sentence)
    assert expected not in flagged(CAREFUL, sentence)


def test_who_is_a_pronoun_not_an_institution():
    assert_silent("Patients who have recommended us get a discount.", "uncited-evidence/authority-appeal")


@pytest.mark.parametrize("sentence, expected", [
    ("Your gut will thank you.", ("efficacy-overstatement/body-thanks", "Your gut will thank you")),
    ("Whatever your condition, acupuncture can help.", ("efficacy-overstatement/cure-all", "Whatever your condition")),
    ("You can take it alongside any prescription.", ("safety-claim/safe-for-everyone", "alongside any")),
    ("Throw away your reading glasses in 30 days.",
     ("efficacy-overstatement/timed-result", "Throw away your reading glasses in 30 days")),
    ("It is the drink that fixed my gut.", ("anecdote-as-evidence/testimonial", "fixed my gut")),
    ("It is the only thing that worked for me.", ("anecdote-as-evidence/testimonial", "the only thing that worked")),
])
def test_claims_left_to_the_reader_are_a_sellers_claims(sentence, expected):
    assert expected in flagged(SELLER, sentence)
    assert expected not in flagged(CAREFUL, sentence)


@pytest.mark.parametrize("sentence, quote", [
    ("Many patients find they no longer need their anxiety or sleep medication.",
     "no longer need their anxiety or sleep medication"),
    ("Women use it alongside (or instead of!) conventional treatment.", "instead of!) conventional treatment"),
    ("We advise families to pause further vaccinations while their child is detoxing.", "pause further vaccinations"),
])
def test_a_product_said_to_replace_standard_care_is_flagged_on_a_sellers_page(sentence, quote):
    assert ("efficacy-overstatement/replaces-care", quote) in flagged(SELLER, sentence)
    assert_silent(sentence, "efficacy-overstatement/replaces-care", page=CAREFUL)


def test_advice_to_delay_a_vaccination_while_ill_is_not_replacing_care():
    assert_silent("If you have a fever, delay your vaccination until you recover.", "efficacy-overstatement/")


def test_your_life_back_and_a_share_of_a_sellers_patients():
    text = SELLER + "Get your energy and your life back. 94% of Apex patients report they are pain-free.\n"
    got = findings(text)
    assert ("efficacy-overstatement/life-back", "your life back") in got
    assert ("unsourced-statistic/unsourced-number", "94% of Apex patients") in got


@pytest.mark.parametrize("sentence, quote", [
    ("Stock is limited.", "Stock is limited"),
    ("Only 500 seats left for the masterclass.", "Only 500 seats left"),
    ("Only 23 panels left in this batch.", "Only 23 panels left"),
    ("Our current batch is nearly gone.", "batch is nearly gone"),
    ("Register before Friday to keep your place.", "Register before Friday"),
])
def test_scarcity_and_deadlines_are_calls_to_action(sentence, quote):
    assert ("commercial-conflict/call-to-action", quote) in flagged(SELLER, sentence)
