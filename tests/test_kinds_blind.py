"""Kinds of claim found in blind test sets 2-4 (written by a helper that never saw the rules):
each kind flagged on a seller's page with its exact rule and span, and left alone on a careful
page; and the careful wordings of new agencies that must not be flagged at all."""

import pytest

from conftest import CAREFUL, SELLER, assert_seller_only, assert_silent, flagged


@pytest.mark.parametrize(("sentence", "expected"), [
    # care run down, skipped or said to have failed
    ("Most GPs are still scared of hormones.", [("efficacy-overstatement/care-failed-you", "GPs are still scared of")]),
    ("Audiologists are trained to sell hearing devices.",
     [("efficacy-overstatement/care-failed-you", "Audiologists are trained to sell")]),
    ("Hearing aids didn't help.", [("efficacy-overstatement/care-did-not-work", "Hearing aids didn't help")]),
    ("Skip the expensive sleep lab.", [("efficacy-overstatement/replaces-care", "Skip the expensive sleep lab")]),
    ("Many students come off their tablets.", [("efficacy-overstatement/replaces-care", "come off their tablets")]),
    ("Why wait months for a referral?", [("efficacy-overstatement/why-settle-for-care", "Why wait months for a referral")]),
    # devices that diagnose, illness that passes users by, lives and youth given back
    ("The ring detects disease before you feel a thing.", [("efficacy-overstatement/detects-condition", "detects disease")]),
    ("Regular clients just don't get sick.", [("efficacy-overstatement/never-ill", "don't get sick")]),
    ("Get your drive back in 2 weeks.", [("efficacy-overstatement/life-back", "your drive back")]),
    ("It upregulates growth hormone receptors.",
     [("efficacy-overstatement/mechanism-as-fact", "upregulates growth hormone")]),
    ("When you heal the gut, everything else follows.",
     [("efficacy-overstatement/root-cause", "everything else follows")]),
    # safety in other words
    ("TRT does not cause prostate cancer.", [("safety-claim/harm-denied", "does not cause prostate cancer")]),
    ("It's been used safely for years.", [("safety-claim/safe-for-everyone", "been used safely")]),
    # selling by scarcity, crowds and an amazed doctor
    ("Only 23 panels left in this batch.", [("commercial-conflict/call-to-action", "Only 23 panels left")]),
    ("Spaces for newborns fill quickly.", [("commercial-conflict/call-to-action", "fill quickly")]),
    ("Over 180,000 bottles have now been sold.",
     [("unsourced-statistic/popularity-as-proof", "Over 180,000 bottles have now been sold")]),
    ("Mushrooms have been used as medicine for 4,000 years.",
     [("unsourced-statistic/popularity-as-proof", "used as medicine for 4,000 years")]),
    ("My ENT consultant was stunned at my follow-up.",
     [("anecdote-as-evidence/testimonial", "My ENT consultant was stunned")]),
    # outcomes promised without a condition word, detox by drawing out, tests waved away, cover-ups
    ("Kids focus better within days.", [("efficacy-overstatement/timed-result", "focus better within days")]),
    ("Feel better from the very first treatment.",
     [("efficacy-overstatement/timed-result", "Feel better from the very first treatment")]),
    ("Finally, relief that lasts.", [("cure-claim/outcome-promise", "relief that lasts")]),
    ("Patients walk out without their cane.", [("efficacy-overstatement/life-back", "without their cane")]),
    ("Why take pills when you can fix the cause?", [("efficacy-overstatement/why-settle-for-care", "Why take pills")]),
    ("There's no need for an MRI; we can tell from your posture.",
     [("efficacy-overstatement/replaces-care", "no need for an MRI")]),
    # set 6's kinds, written as sellers in other genres would: scans declared clear, a pregnancy as
    # the proof, care left behind, a cure-all by exception, colds that never come
    ("Eighteen months later his scans show no active disease.", [("cure-claim/outcome-promise", "no active disease")]),
    ("I was pregnant by my third cycle.", [("anecdote-as-evidence/first-person-result", "I was pregnant")]),
    ("I haven't taken a painkiller since.", [("efficacy-overstatement/replaces-care", "haven't taken a painkiller since")]),
    ("Skip the expensive fertility clinic.", [("efficacy-overstatement/replaces-care", "Skip the expensive fertility clinic")]),
    ("There is almost no condition it can't help.", [("efficacy-overstatement/cure-all", "almost no condition")]),
    ("Regular users basically never get colds.", [("efficacy-overstatement/never-ill", "never get colds")]),
    ("Her tumour shrank until it could barely be felt.", [("efficacy-overstatement/condition-improves", "tumour shrank")]),
    ("The 40 pounds came off without dieting.",
     [("efficacy-overstatement/effortless-weight-loss", "came off without dieting")]),
    # medicine said to be bought or lazy, and the hype of the best ever
    ("Big Pharma bankrolls the medical schools.",
     [("efficacy-overstatement/care-failed-you", "bankrolls the medical schools")]),
    ("They are unavailable here only because drug companies can't patent them.",
     [("efficacy-overstatement/care-failed-you", "drug companies can't patent")]),
    ("My doctor told me to just wait and see.", [("efficacy-overstatement/care-failed-you", "doctor told me to just")]),
    ("It's the single best nootropic I've ever tried.",
     [("hype/sales-superlative", "the single best nootropic I've ever tried")]),
    ("Hearing aids cost thousands.", [("efficacy-overstatement/disparages-standard-care", "Hearing aids cost thousands")]),
    ("Why gabapentin and other medications mask the pain while the nerves keep dying.",
     [("efficacy-overstatement/disparages-standard-care", "medications mask the pain")]),
    ("Honestly, I threw out my tretinoin.", [("efficacy-overstatement/replaces-care", "threw out my tretinoin")]),
    ("Most users never need to refill their pain pills again.",
     [("efficacy-overstatement/replaces-care", "never need to refill their pain pills")]),
    # the offer's end as the reason to buy now
    ("This intro price ends Sunday at midnight.", [("commercial-conflict/offer-runs-out", "intro price ends")]),
    ("Once this shipment is gone, it's gone until autumn.",
     [("commercial-conflict/call-to-action", "Once this shipment is gone")]),
    ("Seating is limited to the first 30 guests.", [("commercial-conflict/call-to-action", "limited to the first 30")]),
    ("Check out before the timer runs out.", [("commercial-conflict/call-to-action", "before the timer runs out")]),
    ("Enjoy a nerve screening (a $250 value).", [("commercial-conflict/call-to-action", "(a $250 value)")]),
    # set 31 (news and press voices): care called spent, out of date or a trap
    ("Therapy and medications just manage symptoms.",
     [("efficacy-overstatement/disparages-standard-care", "medications just manage")]),
    ("Minoxidil and finasteride are yesterday's news.",
     [("efficacy-overstatement/disparages-standard-care", "finasteride are yesterday's news")]),
    ("Frankly, the weekly clinic visit is obsolete.",
     [("efficacy-overstatement/disparages-standard-care", "clinic visit is obsolete")]),
    ("Millions of people are chained to a CPAP machine they hate.",
     [("efficacy-overstatement/disparages-standard-care", "chained to a CPAP machine")]),
    ("There's really no reason to keep trying pills first.",
     [("efficacy-overstatement/disparages-standard-care", "no reason to keep trying pills")]),
    # sets 36-46: a condition said to be undoable
    ("Type 2 diabetes is reversible with our plan.", [("cure-claim/condition-gone", "diabetes is reversible")]),
])
def test_a_kind_from_the_blind_sets_is_flagged_on_a_sellers_page_only(sentence, expected):
    assert_seller_only(sentence, expected, among={rule for rule, _ in expected})


@pytest.mark.parametrize(("sentence", "span"), [
    ("The secret the pharmaceutical industry doesn't want out.", "industry doesn't want out"),
    ("Doctors hate this one simple trick.", "Doctors hate"),
])
def test_a_cover_up_hook_is_hype_on_any_page_but_not_when_warned_about(sentence, span):
    """suppressed-secret has no register: said in a page's own voice, a cover-up is the hook
    whoever writes it; a page that warns about the hook is left alone."""
    assert flagged(SELLER, sentence, "hype/") == [("hype/suppressed-secret", span)]
    assert_silent(f'Be wary of ads that say "{sentence}"', among="hype/", page=CAREFUL)


def test_toxins_drawn_out_are_a_detox_claim_on_any_page_unless_described_as_a_claim():
    """boost-detox has no register: "draws toxins out" is said of no real product; a page that
    reports the claim ("claim to draw toxins") is left alone."""
    sentence = "The pads draw toxins out through the soles of your feet."
    for page in (SELLER, CAREFUL):
        assert flagged(page, sentence, "efficacy-overstatement/boost-detox") == [
            ("efficacy-overstatement/boost-detox", "draw toxins")]
    assert_silent("Sellers claim the pads draw toxins out through the feet.", among="efficacy-overstatement/",
                  page=CAREFUL)


def test_a_harms_list_on_a_sellers_page_is_not_a_list_of_diseases_treated():
    """"Side effects can include ..." puts the list among the treatment's harms (the pack's
    `adverse` context); the same conditions after "our drops ease" are a cure-all."""
    assert_silent("Side effects can include neck pain, stiffness and muscle weakness, headache and drooping eyelids.",
                  among="efficacy-overstatement/")
    assert flagged(SELLER, "Our drops ease neck pain, stiffness, headache and eyelid twitching.",
                   "efficacy-overstatement/many-conditions") == [
        ("efficacy-overstatement/many-conditions", "neck pain, stiffness, headache")]


@pytest.mark.parametrize("sentence", [
    "Some practitioners advertise that sessions will realign the spine and cure back pain permanently.",
    "Be cautious of anyone who says they can cure sciatica in a fixed number of sessions.",
    "Some people notice a temporary change in tooth color after varnish.",
    "People who used the bright-light visor reported better sleep on average than those who used the dim one.",
    "Riluzole is the only drug approved by the FDA to treat ALS.",
    "Results are not permanent.",
    "Be wary of anyone who promises a cure, asks for large payments up front, or tells you to stop your prescribed medicines.",
    "Your kidneys and liver remove toxins from the blood.",
    "The NIH funds the research at many hospitals.",
    "The detox pad manufacturers say the process cleanses the lymphatic system and improves sleep.",
    "Marketing often touts these teas as a quick fix for weight loss.",
    "In some cases the disease advances so slowly that people notice little change in their vision.",
    "The drug is injected into a vein and activated by light; photodynamic therapy is relatively painless.",
    "Drug prices rise every year, and the trial is limited to 30 patients.",
    "Gabapentin can mask the pain of nerve damage for a while.",
    "You may not need an endoscopy if your symptoms go away.",
    "Medications can manage symptoms but do not cure the disease.",
    "Open surgery for this hernia is now rare, and keyhole repair is standard.",
    "Be careful with private detox clinics and miracle claims.",
    "Health claims are not permitted, including statements that a formula boosts brain development or strengthens immunity.",
])
def test_careful_wordings_of_new_agencies_are_not_flagged(sentence):
    assert [f for f in flagged(CAREFUL, sentence) if not f[0].startswith(("uncited-evidence/", "unsourced-statistic/"))] == []


def test_a_figure_counts_the_groups_a_seller_counts():
    """'Residents', 'members', 'employees' are people a figure counts, as 'patients' are; on any
    page, a figure with no source is one (a soft category, not seller-only)."""
    assert flagged(SELLER, "72% of residents needed less medication within two months.", "unsourced-statistic/") == [
        ("unsourced-statistic/unsourced-number", "72% of residents")]
    assert flagged(SELLER, "91% of Glow Squad members saw fewer spots in week one.", "unsourced-statistic/") == [
        ("unsourced-statistic/unsourced-number", "91% of Glow Squad members")]


def test_a_figure_of_how_well_it_works_has_no_source():
    """'95% effective', 'readmissions fell 83%': how well a product works, as a figure; with a
    source it is left alone."""
    assert flagged(SELLER, "Our test is 99% accurate.", "unsourced-statistic/") == [
        ("unsourced-statistic/unsourced-number", "99% accurate")]
    assert flagged(SELLER, "The company says readmissions fell 83%.", "unsourced-statistic/") == [
        ("unsourced-statistic/unsourced-number", "fell 83%")]
    assert_silent("Two doses of the vaccine are 97% effective against measles (CDC, 2024).",
                  among="unsourced-statistic/", page=CAREFUL)
