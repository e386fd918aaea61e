"""Kinds from blind sets 202-255 and careful batches 40-67 (issue 15), each pinned by what must be
flagged on a selling page and what must not be flagged, on a selling page or a careful one.

Context and frames: what "does not mean" or "is not the same as" weighs is not asserted; "if"
opens a clause; a later word of a negation's own phrase is denied; "doesn't just" asserts more;
"the aim is to" states an aim; an -ing word after "feel" names a symptom; what a symptom "can
come from" is no list of conditions treated. Register: a page that states its evidence's limits
("no good-quality evidence", "the placebo effect") is taken at its word. Harms: a disclaimer or
a business's risk is no harms discussion; plain side effects and advice after a condition are."""

import pytest

from conftest import CAREFUL, SELLER, flagged, lint_page

SALE = SELLER + "Order today and save 20%.\n\n"  # a page that sells in so many words
HARMS = "missing-harms/no-risks-discussed"


@pytest.mark.parametrize("sentence, rule, span", [
    # sets 202-207
    ("In plain terms: it doesn't just mask symptoms, it repairs the damage.",
     "efficacy-overstatement/root-cause", "doesn't just mask"),
    ("Our therapy doesn't just relieve pain.", "efficacy-overstatement/treats-condition", "relieve pain"),
    ("Our cream clears eczema if used daily.", "efficacy-overstatement/treats-condition", "clears eczema"),
    ("Our drops are the same as surgery.", "efficacy-overstatement/matches-standard-care", "the same as surgery"),
    ("Visit our FDA-registered pharmacy.", "regulatory-claim/misused-approval", "FDA-registered"),
    ("Book your drainage session: cellulite isn't a fat problem, it's a lymph problem.",
     "efficacy-overstatement/reframed-cause", "isn't a fat problem, it's a lymph problem"),
    ("Eczema is not a skin problem; it is a gut problem.",
     "efficacy-overstatement/reframed-cause", "is not a skin problem; it is a gut problem"),
    ("Our special sapphire blades leave no marks, so nobody will ever know.", "safety-claim/no-harms", "no marks"),
    # sets 208-210: a seller's customers said to have left care
    ("Many of our diabetic customers have cut back their medication.",
     "anecdote-as-evidence/crowd-reports", "customers have cut back"),
    ("Many of our patients have tapered off steroids entirely after starting LDN.",
     "anecdote-as-evidence/crowd-reports", "our patients have tapered off"),
    ("Many of our members have cancelled scheduled tendon repairs.",
     "anecdote-as-evidence/crowd-reports", "our members have cancelled"),
    ("Sessions are \u00a329 each.", "commercial-conflict/price", "\u00a329"),
    # sets 211-216
    ("Why risk it when there's a gentle, natural alternative?", "hype/why-settle", "Why risk it when there's"),
    ("Why settle for prescription pills and their side effects when nature already has the answer?",
     "hype/why-settle", "Why settle for prescription pills and their side effects when nature"),
    ("Frankincense has been found in research to kill cancer cells.",
     "uncited-evidence/studies-show", "has been found in research to"),
    ("Molecular hydrogen has been approved as an advanced medical treatment since 2016.",
     "regulatory-claim/trust-mark", "has been approved as an advanced medical treatment"),
    ("Your body holds its new set point, so you won't gain it back.", "cure-claim/permanent-relief",
     "won't gain it back"),
    ("Our gel injections ease pain.", "efficacy-overstatement/treats-condition", "ease pain"),
    ("Our tea eases bloating.", "efficacy-overstatement/treats-condition", "eases bloating"),
    ("Parents at our centers report more eye contact and fewer meltdowns.",
     "anecdote-as-evidence/crowd-reports", "Parents at our centers report"),
    ("Our members with anxiety report feeling calmer within weeks.",
     "anecdote-as-evidence/crowd-reports", "Our members with anxiety report"),
    ("Many customers have reduced or stopped their medication.",
     "anecdote-as-evidence/crowd-reports", "customers have reduced"),
    ("There's nothing here that could harm you or a future baby.",
     "safety-claim/absolute-safety", "nothing here that could harm you"),
    ("Stop wasting money on pills that don't work.",
     "efficacy-overstatement/disparages-standard-care", "wasting money on pills"),
    ("It regrows hair that's been gone for years.", "efficacy-overstatement/repairs-body", "regrows hair"),
    ("It's literally been used in hospitals for a hundred years.",
     "unsourced-statistic/popularity-as-proof", "used in hospitals for a hundred years"),
    # sets 217-222
    ("Our formula is registered with the Food Standards Agency.",
     "regulatory-claim/trust-mark", "registered with the Food Standards Agency"),
    ("Most customers find they never need to book another session.",
     "anecdote-as-evidence/crowd-reports", "customers find"),
    ("So there's virtually no pain and no real downtime.", "safety-claim/no-harms", "no real downtime"),
    ("I flew home on day seven with no issues at all.", "safety-claim/no-harms", "no issues"),
    ("They are not addictive at therapeutic doses.", "safety-claim/safe-for-everyone", "not addictive"),
    ("Our test is as accurate as your audiologist.",
     "efficacy-overstatement/matches-standard-care", "as accurate as your audiologist"),
    ("Stem cells cure ALS.", "cure-claim/absolute-cure", "cure"),
    # sets 223-225
    ("Side effects are essentially nonexistent at our doses.", "safety-claim/absolute-safety",
     "Side effects are essentially nonexistent"),
    ("There's nothing in here that could ever irritate or harm your little one.", "safety-claim/absolute-safety",
     "nothing in here that could ever irritate or harm your"),
    ("Science now knows that emotional trauma gets stored in your muscles.", "uncited-evidence/studies-show",
     "Science now knows"),
    # sets 226-228
    ("Even if you've tried every tablet going, Botox succeeds where pills fail.",
     "efficacy-overstatement/disparages-standard-care", "pills fail"),
    ("Why go straight to expensive fertility clinics when nature already has the answer?", "hype/why-settle",
     "Why go straight to expensive fertility clinics when nature"),
    ("Nine times out of ten we can sort it in a couple of sessions.", "unsourced-statistic/unsourced-number",
     "Nine times out of ten"),
    ("Most owners see their dog moving more freely within 7 days.", "anecdote-as-evidence/crowd-reports",
     "owners see"),
    ("Decades of clinical work by physicians in Mexico and Germany document tumor shrinkage.",
     "uncited-evidence/studies-show", "physicians in Mexico and Germany document"),
    # the adviser's own product (sets 205, 210, 220)
    ("I teamed up with a nutritionist and made my own mix, GlowBalance.", "commercial-conflict/seller-as-author",
     "my own mix, GlowBalance."),
    ("Try our Glucose Balance supplement stack, which I personally formulated.",
     "commercial-conflict/seller-as-author", "which I personally formulated."),
    # sets 229-234
    ("Erase bulging veins forever in a 30-minute lunch-break visit.", "cure-claim/permanent-relief",
     "Erase bulging veins forever"),
    ("Why add synthetic hormones when your own body can make what it needs?", "hype/why-settle",
     "Why add synthetic hormones when your own body"),
    ("The big insurers and hospital systems are protecting their surgery business.", "hype/suppressed-secret",
     "protecting their surgery business"),
    ("Doctors only tell you to lose weight because there is no drug they can sell you.", "hype/suppressed-secret",
     "no drug they can sell you"),
    ("92% of Willow Breath graduates give birth without any pain relief at all.",
     "unsourced-statistic/unsourced-number", "92% of Willow Breath graduates"),
    ("That's the insurance industry protecting surgeons' profits.", "hype/suppressed-secret",
     "protecting surgeons' profits"),
    ("Seventy percent of your immune system lives in your gut.", "unsourced-statistic/unsourced-number",
     "Seventy percent of your immune system"),
    # sets 235-240
    ("We guarantee you'll walk out a non-smoker.", "efficacy-overstatement/proven-effective", "guarantee you'll"),
    ("The robot guarantees perfect screw placement every single time.", "efficacy-overstatement/proven-effective",
     "guarantees perfect"),
    ("There is nothing in our practice that can do you harm.", "safety-claim/absolute-safety",
     "nothing in our practice that can do you harm"),
    ("Ninety percent of the guys who try it say they'd never train without it again.",
     "unsourced-statistic/unsourced-number", "Ninety percent of the guys"),
    ("Research going back a century links root-canaled teeth to heart disease.", "uncited-evidence/studies-show",
     "Research going back a century links"),
    # sets 241-243
    ("So I did my own research and formulated something myself.", "commercial-conflict/seller-as-author",
     "formulated something myself."),
    ("Download it: the #1 breathwork app for stress, sleep and energy.", "hype/sales-superlative",
     "the #1 breathwork app"),
    ("With a diagnostic accuracy of 99%, our scan finds what others miss.", "unsourced-statistic/unsourced-number",
     "diagnostic accuracy of 99%"),
    # sets 244-246
    ("Why let a surgeon cut into your knee when the answer is a sleeve?", "hype/why-settle",
     "Why let a surgeon cut into your knee when the answer"),
    ("ADHD is an inflammation problem, not a brain condition.", "efficacy-overstatement/reframed-cause",
     "is an inflammation problem, not a brain condition"),
    ("Our founder, Dr Alex Morgan, designed the JetSet formula himself.", "commercial-conflict/seller-as-author",
     "designed the JetSet formula himself."),
    # sets 250-252
    ("Join our webinar to hear what conventional oncology still isn't telling patients.", "hype/suppressed-secret",
     "what conventional oncology still isn't telling patients"),
    # sets 247-249
    ("96% remain completely free of eating disorder thoughts five years on.", "unsourced-statistic/unsourced-number",
     "96% remain completely free"),
    ("Once the root is healed, relapse simply doesn't happen.", "cure-claim/permanent-relief",
     "relapse simply doesn't happen"),
    # sets 253-255
    ("There is no money in a method that lets you stop buying them.", "hype/suppressed-secret",
     "no money in a method that"),
    ("There's a mountain of science behind CBD and recovery.", "uncited-evidence/studies-show",
     "a mountain of science"),
    ("Many of them have been able to put their painkillers away for good.", "efficacy-overstatement/replaces-care",
     "put their painkillers away"),
    # FDA-style set t
    ("I skipped the RSV shot for my newborn and started LittleShield instead.",
     "efficacy-overstatement/replaces-care", "skipped the RSV shot"),
    ("Why take that risk when there's a plant-based option that works with your body?", "hype/why-settle",
     "Why take that risk when there's"),
])
def test_a_claim_of_sets_202_255_is_flagged_on_its_span(sentence, rule, span):
    assert flagged(SALE, sentence, rule) == [(rule, span)]


@pytest.mark.parametrize("sentence, span", [
    ("Proton therapy is the most precise weapon ever built against cancer.", "ever built"),
    ("It is the future of cancer treatment, and every patient in our region deserves it.",
     "is the future of cancer treatment"),
    ("You'll perform like you're 25 again.", "like you're 25 again"),
    ("So you stay as sharp at seventy as you were at forty.", "as sharp at seventy as you were at forty"),
    ("Aging is now optional.", "Aging is now optional"),
    ("No other diet, drug or surgery comes close.", "No other diet, drug or surgery comes close"),
    ("It is the closest thing science has to a longevity pill.", "the closest thing science has to a longevity pill"),
    ("Hangovers are officially a solved problem.", "are officially a solved problem"),
])
def test_a_sales_superlative_of_sets_210_225_is_among_the_findings(sentence, span):
    rule = "hype/sales-superlative"  # a sentence may hold more than one superlative
    assert (rule, span) in flagged(SALE, sentence, rule)


@pytest.mark.parametrize("page, sentence, among", [
    # what "does not mean" or "is not the same as" weighs is not asserted
    (CAREFUL, "Having no side effects does not mean the vaccine isn't working.", "safety-claim/"),
    (SALE, "Having no side effects does not mean the vaccine isn't working.", "safety-claim/"),
    (CAREFUL, "An FDA-registered pharmacy is not the same as an FDA-approved medicine.", None),
    # a later word of a negation's own phrase is denied
    (SALE, "Our drops are not the same as surgery.", "efficacy-overstatement/matches-standard-care"),
    # "if" opens a clause: the rash is not the object of "stop"
    (SALE, "Stop using the gel if your baby gets a rash or seems unusually sleepy.",
     "efficacy-overstatement/treats-condition"),
    (SALE, "Stop taking the tablets if you get a rash.", "efficacy-overstatement/treats-condition"),
    (CAREFUL, "Depression isn't a character flaw, it's a medical condition.", "efficacy-overstatement/reframed-cause"),
    (SALE, "Some patients have stopped treatment because of side effects.", "anecdote-as-evidence/crowd-reports"),
    (SALE, "A gift of \u00a325 could fund a nurse for an hour, and Gift Aid adds 25p to every \u00a31 you give.",
     "commercial-conflict/price"),
    (CAREFUL, "Researchers are asking what the future of cancer treatment may look like.", "hype/sales-superlative"),
    (SALE, "Why do symptoms come back when treatment stops?", "hype/why-settle"),
    (CAREFUL, "Why risk it when there's a gentle, natural alternative?", "hype/why-settle"),  # a careful page quotes it
    # a stated aim; a symptom named after "feel"; what a symptom can come from
    (SALE, "Gel injections do not cure osteoarthritis; the aim is to ease pain for a few months.",
     "efficacy-overstatement/treats-condition"),
    (SALE, "Many guests feel flushing, a tight chest, nausea or stomach cramps if the drip runs too fast.",
     "efficacy-overstatement/treats-condition"),
    (SALE, "Trouble concentrating can also come from poor sleep, anxiety, depression, thyroid problems or hearing loss.",
     "efficacy-overstatement/many-conditions"),
    (SALE, "Use a gentle shampoo to clean your hair.", "efficacy-overstatement/"),
    (CAREFUL, "NHLBI is also supporting work through its Cure Sickle Cell Initiative to improve access.",
     "cure-claim/absolute-cure"),
    # who a treatment is not offered to; side effects some clients notice
    (SALE, "We do not offer colonics to anyone who is pregnant, has Crohn's disease, ulcerative colitis, "
           "diverticulitis or severe heart disease.", "efficacy-overstatement/many-conditions"),
    (SALE, "Some clients notice slight bruising and tenderness at the injection sites.",
     "anecdote-as-evidence/crowd-reports"),
    (CAREFUL, "Ask your own doctor whether it suits you.", "commercial-conflict/seller-as-author"),
    # NINDS and PDQ pages (careful 58-59): a benefit that wears off; as much as possible; no clinical trial
    (CAREFUL, "Over time, many people notice the benefit wears off before the next dose.",
     "anecdote-as-evidence/patient-reports"),
    (CAREFUL, "Treatment focuses on helping people regain as much function and independence as possible.",
     "cure-claim/restore-function"),
    (CAREFUL, "No clinical trial has shown that cannabis or cannabinoids cure cancer.", "cure-claim/absolute-cure"),
    (CAREFUL, "Many people see symptoms improve within days to weeks of starting the diet.",
     "anecdote-as-evidence/patient-reports"),
    (SALE, "Your order is guaranteed to arrive in 3 days.", "efficacy-overstatement/proven-effective"),
    (CAREFUL, "No one treatment for IC/PBS has been found that works for everyone.",
     "efficacy-overstatement/proven-effective"),
    (CAREFUL, "Are miracle weight-loss products real?", "hype/hype-phrase"),
    (CAREFUL, "Some people say acupuncture helps them feel calmer and more in control during IVF.",
     "anecdote-as-evidence/patient-reports"),
    (CAREFUL, "Addiction is a brain disease, not a moral failing.", "efficacy-overstatement/reframed-cause"),
    (CAREFUL, "The only stem cell products approved by the FDA are blood-forming stem cells from cord blood.",
     "regulatory-claim/misused-approval"),
    # a health department's pages (careful 66): a regulator's registration is the source; a range's top
    (CAREFUL, "When used as directed, EPA-registered repellents are proven safe and effective.",
     "safety-claim/unsourced-safety"),
    (CAREFUL, "Three doses are 99% to 100% effective at preventing paralytic polio.",
     "efficacy-overstatement/proven-effective"),
    (SALE, "With bracing, the aim is usually to stop a curve getting worse rather than to straighten it.",
     "efficacy-overstatement/treats-condition"),
    # NHLBI pages (careful 68): a claim of only some conditions; what may help prevent a return
    (CAREFUL, "A transplant can cure some of these conditions, but it has serious risks.", "cure-claim/absolute-cure"),
    (CAREFUL, "Diet alone may not correct anemia, but it can help prevent it from coming back.",
     "cure-claim/permanent-relief"),
    # a regulator's proposal is reported, not claimed
    (CAREFUL, "Two ingredients have been proposed as generally recognized as safe and effective.",
     "safety-claim/gras-misuse"),
])
def test_a_careful_sentence_of_sets_202_255_is_not_flagged(page, sentence, among):
    assert flagged(page, sentence, among) == []


def test_a_sellers_own_no_side_effects_is_still_a_safety_claim():
    assert flagged(SALE, "Our vaccine has no side effects.", "safety-claim/") != []


NASAL = ("# AeroVeil immune shield\n\nBack AeroVeil today and save 30%. Our spray blocks viruses before they "
         "take hold and cuts your chance of infection by up to 80%. It's a vaccine in a bottle, without the "
         "needle, the appointments or the side effects. Our backers love it.\n\n")


@pytest.mark.parametrize("addition, discussed", [
    ("", False),
    ("This spray is not a substitute for medical care.\n", False),  # a disclaimer
    ("## Risks and challenges\n\nOur biggest risk is manufacturing: delays in tooling could push back delivery.\n",
     False),  # a business's risk
    ("There's nothing in it that can harm you.\n", False),  # a promise, not a discussion
    ("Side effects are essentially nonexistent at our doses.\n", False),
    ("Complication rates fall by 80% with our robot.\n", False),  # harms said to fall
    # plain side effects, and advice after the condition
    ("Some people notice mild bloating or slight water weight gain in the first few weeks.\n", True),
    ("If you have kidney disease, or take medicine that affects your kidneys, talk to your doctor before using it.\n",
     True),
    ("The spray should not be used by women who are or may become pregnant.\n", True),
    ("Please don't use it over broken skin or anywhere you've had recent surgery.\n", True),
    ("Too much of vitamins like vitamin D or zinc isn't good for little bodies.\n", True),
    ("If you're pregnant or on blood thinners, check with your doctor first.\n", True),
])
def test_what_a_selling_page_adds_is_or_is_not_a_discussion_of_harms(addition, discussed):
    assert (HARMS not in [f["rule"] for f in lint_page(NASAL + addition)]) is discussed


def test_a_poison_named_as_the_complaint_is_no_harm_of_the_product():
    page = ("# The mold protocol\n\nJoin our 90-day protocol today and save 20%. Mold toxicity is the hidden root "
            "cause behind chronic fatigue, and our protocol clears it. Our clients love the results.\n")
    assert HARMS in [f["rule"] for f in lint_page(page)]


def test_a_consumer_answer_on_money_back_guarantees_is_a_fraud_warning_not_a_sales_page():
    """It quotes the sellers' offers ("risk-free trial", "money-back guarantee") and tells readers
    to report suspected fraud to the Federal Trade Commission: a warning, so no call to action."""
    answer = ('# What is a "money-back guarantee" really worth?\n\nA money-back guarantee is a promise about '
              'refunds. It is not evidence that a product is safe or that it works.\n\nSellers of health fraud '
              'products often use phrases like "risk-free trial" to make an unproven product feel safe to try. '
              'Consumers who try to get their money back sometimes find that the company has disappeared.\n\n'
              'Read the terms before you buy. Report suspected fraud to the Federal Trade Commission.\n')
    assert [f["rule"] for f in lint_page(answer) if f["category"] == "commercial-conflict"] == []
    assert "commercial-conflict/call-to-action" in [f["rule"] for f in lint_page(SALE + "Money-back guarantee!\n")]


def test_what_some_people_say_on_a_page_that_explains_it_away_is_no_testimonial():
    """A medicines helpline's answer: the evidence is weak, some people feel better, and the
    placebo effect may be why. Two statements of the evidence's limits make the page candid."""
    answer = ("# Does homeopathy work?\n\nThere's no good-quality evidence that homeopathy is effective as a "
              "treatment for any health condition.\n\nSome people say they feel better after homeopathy. This may "
              "be because of the time spent with a practitioner, the placebo effect, or because their condition "
              "got better on its own.\n")
    assert [f["rule"] for f in lint_page(answer) if f["category"] == "anecdote-as-evidence"] == []
    seller = SALE + "Many patients say they feel better after one session.\n"
    assert "anecdote-as-evidence/patient-reports" in [f["rule"] for f in lint_page(seller)]
