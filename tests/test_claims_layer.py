"""The claims layer: vocabularies, ConText modifier scopes, claim frames, register, claim rules."""

from __future__ import annotations

import pytest

from conftest import ROOT, run_cli
from healthlint.claims.concepts import ConceptTagger
from healthlint.claims.frames import SentenceAnalysis
from healthlint.claims.lexicon import expand, inflections, load_lexicon
from healthlint.claims.modifiers import default_context
from healthlint.errors import RuleError

FRAME_PACK = str(ROOT / "tests" / "plugins" / "frame_pack" / "__init__.py")


@pytest.mark.parametrize(("verb", "forms"), [
    ("cure", ("cure", "cures", "cured", "curing")),
    ("relieve", ("relieve", "relieves", "relieved", "relieving")),
    ("stop", ("stop", "stops", "stopped", "stopping")),
    ("ease", ("ease", "eases", "eased", "easing")),
    ("remedy", ("remedy", "remedies", "remedied", "remedying")),
    ("soothe", ("soothe", "soothes", "soothed", "soothing")),
    ("fix", ("fix", "fixes", "fixed", "fixing")),
    ("treat", ("treat", "treats", "treated", "treating")),
    ("veto", ("veto", "vetoes", "vetoed", "vetoing")),
    ("go", ("go", "goes", "goed", "going")),  # "went" is listed as a term of its own
])
def test_verb_entries_cover_their_inflections(verb, forms):
    assert inflections(verb) == forms


def test_a_phrasal_verb_inflects_its_first_word():
    assert expand("fight off (v)") == ("fight off", "fights off", "fighted off", "fighting off")
    assert expand("brain  fog") == ("brain fog",)
    assert expand("only mask (v)") == ("only mask", "only masks", "only masked", "only masking")


def test_plurals_add_each_own_terms_regular_plural_and_leave_the_rest(tmp_path):
    (tmp_path / "names.txt").write_text("ovarian cyst\ninjury\n# a comment\nrash\nflare-up\n")
    lexicon = load_lexicon({"lay": ["warts"], "c": {"file": "names.txt", "terms": ["diabetes", "cure (v)"],
                                                     "extends": ["lay"], "plurals": True}}, "p.toml", tmp_path)
    assert sorted(lexicon["c"]) == sorted(["ovarian cyst", "ovarian cysts", "injury", "injuries", "rash", "rashes",
                                           "flare-up", "flare-ups",  # a hyphenated compound's last part
                                           "diabetes", "cure", "cures", "cured", "curing", "warts"])
    assert sorted(load_lexicon({"c": ["rash"]}, "p.toml")["c"]) == ["rash"]  # only when asked
    with pytest.raises(RuleError, match=r"^p.toml: vocabulary 'c': 'plurals' must be true or false$"):
        load_lexicon({"c": {"terms": ["rash"], "plurals": "yes"}}, "p.toml")


def test_vocabulary_errors_name_the_file_and_the_vocabulary():
    with pytest.raises(RuleError, match=r"^p.toml: vocabulary 'x': 'terms' must be a list of non-empty strings$"):
        load_lexicon({"x": {"terms": [1]}}, "p.toml")
    with pytest.raises(RuleError, match=r"'extends' names unknown vocabulary 'nope'"):
        load_lexicon({"x": {"terms": ["a"], "extends": ["nope"]}}, "p.toml")
    lexicon = load_lexicon({"x": ["a"]}, "p.toml")
    with pytest.raises(RuleError, match=r"unknown vocabulary \{y\}; defined: x"):
        lexicon.substitute(r"\b{y}\b", "p.toml: rule 'r'")


def scopes(sentence):
    return sorted((m.category, sentence[m.start:m.end], sentence[m.scope_start:m.scope_end])
                  for m in default_context().modifiers(sentence, 0, len(sentence)))


def test_negation_covers_the_claim_after_it_and_stops_at_a_boundary():
    assert scopes("There is no cure for ALS, but rest helps.") == [("negated", "no", "cure for ALS")]
    # "and" ends a negation: the second claim is not denied
    assert scopes("It has no side effects and cures arthritis.") == [("negated", "no", "side effects")]
    assert scopes("That stem cells cure ALS has not been shown.") == [
        ("negated", "has not been shown", "That stem cells cure ALS")]


def test_negation_goes_on_through_a_list_of_single_words_and_no_further():
    """A comma or an "and" that joins a list of words does not end a negation ("not intended to
    diagnose, treat, cure or prevent", the supplement disclaimer); a comma before a new clause
    does, and so does an "and" that is not part of such a list."""
    assert scopes("It is not intended to diagnose, treat, cure or prevent any disease.") == [
        ("hedged", "intended to", "diagnose, treat, cure or prevent any disease."),
        ("negated", "not", "intended to diagnose, treat, cure or prevent any")]
    assert scopes("There is no pain, swelling, and bruising.") == [("negated", "no", "pain, swelling, and bruising.")]
    assert scopes("No surgery, pain relief is immediate.") == [("negated", "No", "surgery")]
    assert scopes("It is not a drug, and it cures pain.") == [("negated", "not", "a drug")]
    assert scopes("We use no drugs, surgery or needles, and our therapy cures arthritis.") == [
        ("negated", "no", "drugs, surgery or needles,")]


def test_what_a_claim_means_only_is_an_explanation_of_it():
    """'"FDA registered" means only that a company is registered with the FDA': the page explains
    the seller's words, it does not say them."""
    assert scopes("It means only that a company is registered with the FDA.") == [
        ("reported", "means only that", "a company is registered with the FDA.")]


def test_what_sellers_materials_say_is_reported():
    """A careful page quotes listings and labels to weigh them: their words are reported."""
    assert scopes("Many device listings say it is FDA approved.") == [
        ("limited", "Many", "device listings say it is FDA approved."),
        ("reported", "listings say", "it is FDA approved.")]


def test_a_claim_advertised_online_is_reported():
    """What treatments are "advertised online as" is the sellers' word, which a careful page reports."""
    assert scopes("Shops list treatments advertised online as breakthroughs or cures.") == [
        ("reported", "advertised online", "as breakthroughs or cures.")]


def test_a_studys_judgement_reports_what_it_judged():
    """"No serious side effects were judged to be caused by the drug": the trial's assessment,
    reported, over the words before it."""
    assert scopes("No serious side effects were judged to be caused by the drug.") == [
        ("negated", "No", "serious side effects were judged to be caused"),
        ("reported", "were judged to be", "No serious side effects")]


def test_what_does_not_mean_something_is_a_premise_not_a_claim():
    """"Having no side effects does not mean the vaccine isn't working": the words before "does not
    mean" are weighed, not asserted, up to the clause's start; what follows is denied."""
    assert scopes("Some people have none; having no side effects does not mean it failed.") == [
        ("hypothetical", "does not mean", "having no side effects"),
        ("limited", "Some", "people have none"),
        ("negated", "does not mean", "it failed."),
        ("negated", "no", "side effects does not mean it failed.")]


def test_some_of_these_limits_the_claim_before_it_and_what_follows():
    """"A transplant can cure some of these conditions": the claim holds of some objects only; the
    quantifier still limits what it introduces ("some of these children improve")."""
    assert scopes("A transplant can cure some of these conditions.") == [
        ("limited", "some of these", "A transplant can cure"), ("limited", "some of these", "conditions.")]


def test_in_the_sense_that_limits_the_claim_before_it():
    """"Injections are non-invasive in the sense that no cut is made": the qualification limits the
    word before it to one sense."""
    assert scopes("Injections are non-invasive in the sense that no cut is made.") == [
        ("limited", "in the sense that", "Injections are non-invasive"), ("negated", "no", "cut is made.")]


def test_a_rhetorical_why_when_you_can_asks_nothing():
    """"Why accept X when you can reverse heart disease?" asserts that you can: it is not a
    question, and "when you can" is not a condition; a real question stays one."""
    from healthlint.text.language import is_question

    assert not is_question("Why accept managing your symptoms when you can reverse heart disease at its root?")
    assert is_question("Can it reverse heart disease?")
    assert is_question("Why do symptoms come back when treatment stops?")
    assert scopes("Why accept managing your symptoms when you can reverse heart disease?") == []
    assert scopes("Call us when you have symptoms.") == [("conditional", "when", "you have symptoms.")]


@pytest.mark.parametrize("sentence, control, control_scope", [
    # "which is low magnesium" names a level; "the risk is low" hedges what comes before it
    ("The gummies fix the root cause, which is low magnesium in the brain.",
     "The risk of infection is low.", [("hedged", "is low", "The risk of infection")]),
    # "no need to live with sciatica" promises a life without it; "no need for surgery" denies
    ("There is no need to live with sciatica any longer.",
     "There is no need for surgery.", [("negated", "no", "need for surgery.")]),
    # "walked out of our clinic" limits nothing; "9 out of 10" limits a claim to some people
    ("He walked out of our clinic with his vertigo gone.",
     "It works for 9 out of 10 patients.", [("limited", "out of", "10 patients.")]),
    # "within a few weeks" is a span of time; "a few patients" limits a claim to some people
    ("Within a few weeks the ringing switches off.",
     "A few patients notice it.", [("limited", "A few", "patients notice it.")]),
])
def test_words_that_hold_a_trigger_without_its_sense_start_no_scope(sentence, control, control_scope):
    """A pseudo-trigger ("is low magnesium", "no need to live with", "out of our") starts no scope;
    the trigger inside it still does where it has its sense."""
    assert scopes(sentence) == []
    assert scopes(control) == control_scope


def test_most_people_limit_what_is_said_of_them_before_or_after():
    """"for most people" limits a claim on either side of it (read on careful batch 16, unread
    until then: "Shade, hats and clothing have no side effects for most people")."""
    assert ("limited", "for most people", "Shade and hats have no side effects") in scopes(
        "Shade and hats have no side effects for most people.")
    assert ("limited", "For most people", "it causes no side effects.") in scopes(
        "For most people it causes no side effects.")


def test_once_tells_when_not_whether():
    """"Once the collagen has set, the lift lasts for good" promises the result: "once" says when
    it comes, not whether, so it is no conditional trigger; "if" still is."""
    assert scopes("Once the collagen has set, the lift lasts for good.") == []
    assert ("conditional", "If", "the collagen sets") in scopes("If the collagen sets, the lift lasts.")


def test_found_early_said_first_makes_what_follows_conditional():
    """"Melanomas that are found early can be cured with surgery": the condition is said before
    what it allows (careful batch 19); "if found early" after it still looks back."""
    assert scopes("Melanomas that are found early can be cured with surgery.") == [
        ("conditional", "found early", "can be cured with surgery.")]
    assert ("conditional", "if found early", "It can be cured") in scopes("It can be cured if found early.")


def test_an_inference_denied_covers_the_list_it_denies():
    """"Approval does not mean it will work for every dog or that it has no side effects": the denied
    inference reaches the list's last item (blind set 161's careful page)."""
    found = scopes("Approval does not mean it will work for every dog or that it has no side effects.")
    assert ("negated", "does not mean", "it will work for every dog or that it has no side effects.") in found


def test_a_proposal_and_what_sellers_call_it_are_reported():
    """A regulator's proposal is not its finding, and what sellers call a reaction is their word
    (careful batch 18; blind FDA-style claims, set b)."""
    assert ("reported", "proposed that", "two ingredients are safe.") in scopes(
        "In 2019 the FDA proposed that two ingredients are safe.")
    assert ("reported", "Some sellers call", "these reactions a healing crisis.") in scopes(
        "Some sellers call these reactions a healing crisis.")


def test_evidence_denied_covers_the_clause_it_introduces():
    """"There is not yet good evidence that ..." denies the clause after it as one trigger (its
    scope reaching sixteen words), up to the next boundary, as any negation does."""
    assert scopes("There is not yet good evidence that wearing a sensor every day improves long-term health.") == [
        ("negated", "not yet good evidence that", "wearing a sensor every day improves long-term health.")]
    assert scopes("There is no evidence that it cures arthritis, but our gel cures gout.") == [
        ("negated", "no evidence that", "it cures arthritis")]
    assert scopes("No study has shown that collagen rebuilds cartilage or can cure arthritis.") == [
        ("negated", "No study has shown that", "collagen rebuilds cartilage or can cure arthritis.")]
    assert scopes("There is not enough evidence to support taking vitamin supplements as a cure.") == [
        ("negated", "not enough evidence to support", "taking vitamin supplements as a cure.")]
    assert scopes("We are not aware of good evidence that lysine supplements prevent or treat shingles.") == [
        ("negated", "not aware of good evidence that", "lysine supplements prevent or treat shingles.")]


def test_no_chance_of_denies_rather_than_hedges():
    """"No chance of" is one negation: its "chance" does not make what follows a possibility."""
    assert scopes("There is no chance of side effects.") == [("negated", "no chance of", "side effects.")]
    assert scopes("There is a chance of side effects.") == [("hedged", "chance of", "side effects.")]


def test_not_yet_denies_and_hedges():
    """"Not yet approved" is no approval (negated) and may change (hedged)."""
    assert scopes("It is not yet approved by the FDA.") == [
        ("hedged", "not yet", "approved by the FDA."), ("negated", "not yet", "approved by the FDA.")]


def test_a_way_the_writer_offers_is_no_hypothesis():
    """"Looking for a way to ease pain" seeks; "a gentle, natural way to ease pain" sells."""
    assert scopes("A gentle, natural way to ease pain with no side effects.") == [("negated", "no", "side effects.")]
    assert scopes("Researchers seek a way to ease pain.") == [("hypothetical", "way to", "ease pain.")]


def test_pseudo_triggers_are_not_negations():
    assert scopes("It not only cures pain, it heals joints.") == []
    assert scopes("It is 100% safe for every age.") == []
    assert scopes("It is about as gentle as water.") == []  # a comparison, not a number made rough
    assert scopes("It helps about 30% of patients.") == [
        ("limited", "% of", "patients."), ("limited", "about", "30% of patients.")]
    # "about" of a subject is no approximation: the claim after the comma is not limited
    assert scopes("There is nothing to worry about, and you can take it with anything.") == [
        ("negated", "nothing", "to worry about")]
    assert scopes("Ask about the risks of about 3 doses.") == [("limited", "about", "3 doses.")]
    assert scopes("Unlike what you may have heard, TRT does not cause cancer.") == [
        ("negated", "not", "cause cancer.")]
    # "claim" of an offer taken up reports no one's words; of a thing said, it does
    assert scopes("Readers can claim a special introductory price.") == []
    assert scopes("Sellers claim the balm cures eczema.") == [("reported", "claim", "the balm cures eczema.")]


def test_a_superlative_limits_nothing_and_a_time_phrase_ends_a_negation():
    """"The most effective" is a superlative, not the quantifier "most"; a phrase of time ends what
    "without" denies ("reading without glasses after her miracle upgrade" denies only the glasses)."""
    assert scopes("It is the most effective treatment on the market.") == []
    assert scopes("Most people recover within a week.") == [("limited", "Most", "people recover within a week.")]
    assert scopes("She reads without glasses after her miracle upgrade.") == [("negated", "without", "glasses")]


def test_a_chance_to_act_is_an_offer_and_no_surprise_denies_nothing():
    assert scopes("A once-in-a-lifetime chance to fix your eyes.") == []
    assert scopes("There is a chance your symptoms return.") == [("hedged", "a chance your", "symptoms return.")]
    assert scopes("It's no surprise that 140,000 bottles have been sold.") == []


def test_what_something_is_needed_for_is_an_aim_of_a_few_words():
    """"Needed to" makes its aim hypothetical ("is needed to achieve a complete cure") and no more:
    the evidence stated after it in the same sentence is still stated."""
    assert scopes("Additional treatment is needed to achieve a complete cure.") == [
        ("hypothetical", "needed to", "achieve a complete cure")]
    assert ("hypothetical", "needed to", "standardize treatment protocols, the") in scopes(
        "More data is needed to standardize treatment protocols, the existing evidence suggests it is safer.")


def test_evidence_from_some_trials_hedges_the_claim_before_it():
    assert scopes("Exercise works better than pills for depression in some trials.") == [
        ("hedged", "in some trials", "Exercise works better than pills for depression")]
    assert scopes("Neurologists contacted for this story were cautious.") == [
        ("reported", "contacted for this story", "were cautious.")]


def test_a_concession_is_no_question():
    """"Whether used for X or Y, it works" concedes every use and claims them all; "whether" of a
    question under study still makes what follows hypothetical."""
    assert scopes("Whether used for pain or for sleep, it works every time.") == []
    assert scopes("Researchers test whether it works for pain.") == [
        ("hypothetical", "test whether", "it works for pain.")]


def test_hedges_hypotheses_conditions_and_limits():
    assert ("hypothetical", "whether", "a cure has been achieved") in scopes("whether a cure has been achieved")
    assert ("limited", "usually", "cured, if found early.") in scopes("Tumors are usually cured, if found early.")
    assert ("hedged", "may", "reduce pain in the knee.") in scopes("It may reduce pain in the knee.")
    assert ("reported", "claims", "to cure cancer.") in scopes("The seller claims to cure cancer.")
    assert ("comparative", "fewer", "side effects than surgery.") in scopes("It has fewer side effects than surgery.")
    # a condition said after the claim covers it: "Treatment can cure bowel cancer if it is found early."
    assert next(c for c in scopes("Treatment can cure bowel cancer if it is found early.") if c[0] == "conditional")[:2] == (
        "conditional", "if it is found early")


def test_a_reported_claim_runs_on_through_and_and_stops_at_so():
    """A warning describes what sellers say: "advertise that sessions will realign the spine and
    cure back pain", "be cautious of anyone who says they can cure sciatica"; the writer's own
    conclusion after "so" is not reported."""
    assert ("reported", "advertise that", "sessions will realign the spine and cure back pain.") in scopes(
        "Some clinics advertise that sessions will realign the spine and cure back pain.")
    assert ("reported", "Be cautious of", "anyone who says they can cure sciatica") in scopes(
        "Be cautious of anyone who says they can cure sciatica")
    assert ("reported", "claims", "it works,") in scopes("The seller claims it works, so we cure you.")


LEXICON = load_lexicon({
    "treat": ["relieve (v)", "treat (v)", "relief"], "conditions": ["constipation", "knee pain", "pain"],
    "sellers": ["we", "our drops"], "research": ["researchers"],
}, "test")


def frames(sentence, **kwargs):
    tagger = ConceptTagger(LEXICON)
    analysis = SentenceAnalysis(sentence, 0, len(sentence), tagger.mentions(sentence), default_context())
    return [(sentence[f.predicate.start:f.predicate.end], f.object and sentence[f.object.start:f.object.end],
             f.subject and f.subject.concept, sorted(f.modifiers))
            for f in analysis.frames(["treat"], ["conditions"], ["sellers", "research"], **kwargs)]


def test_a_frame_binds_predicate_object_and_subject_in_one_clause():
    assert frames("Our drops relieve constipation.") == [("relieve", "constipation", "sellers", [])]
    assert frames("Researchers treated knee pain.") == [("treated", "knee pain", "research", [])]


def test_the_object_of_a_verb_that_makes_it_act_is_not_the_subject():
    """"It helps researchers treat knee pain": the product makes them act; in "researchers
    treated knee pain" they are the subject."""
    assert frames("It helps researchers treat knee pain.") == [("treat", "knee pain", None, [])]
    assert frames("The drops retrain researchers to treat knee pain.") == [("treat", "knee pain", None, [])]
    # an instrument used for a purpose is not the infinitive's subject; the one who uses it acts
    assert frames("Our lab uses researchers to treat knee pain.") == [("treat", "knee pain", None, [])]
    assert frames("Researchers treated knee pain.") == [("treated", "knee pain", "research", [])]


def test_an_existential_there_is_has_no_subject_before_it():
    """"Researchers use the lab, so there is a treat for knee pain": what follows "there is" is
    said by no one named before it."""
    assert frames("Researchers use the lab, so there is a treat for knee pain.") == [
        ("treat", "knee pain", None, [])]
    assert frames("Researchers treat knee pain.") == [("treat", "knee pain", "research", [])]


def test_a_clause_after_a_comma_and_a_conjunction_has_its_own_subject():
    """", and it relieves ...": the pronoun is the subject, not what the clause before named."""
    assert frames("Researchers tested the drops in a lab, and it relieves knee pain.") == [
        ("relieves", "knee pain", None, [])]
    assert frames("Our lab tested the drops, and researchers treated knee pain.") == [
        ("treated", "knee pain", "research", [])]


def test_a_condition_named_then_a_comma_then_what_became_of_it():
    """"Knee pain, treated.": the object opens the clause and the predicate follows its comma; a
    comma inside a clause still parts an object from a predicate after it."""
    assert frames("Knee pain, treated.", before=3) == [("treated", "Knee pain", None, [])]
    assert frames("Your knee pain, treated.", before=3) == [("treated", "knee pain", None, [])]
    assert frames("Our lab saw knee pain, treated.", before=3) == []


def test_a_frame_carries_the_modifiers_over_its_predicate():
    assert frames("Our drops do not relieve constipation.") == [("relieve", "constipation", "sellers", ["negated"])]
    assert frames("We are testing whether it relieves constipation.")[0][3] == ["hypothetical"]


def test_no_frame_without_an_object_in_the_clause():
    assert frames("Our drops relieve you; constipation is common.") == []
    assert frames("Relief is near.") == []


def test_an_object_before_its_predicate_only_when_asked_and_adjacent():
    assert frames("Fast knee pain relief.", before=2) == [("relief", "knee pain", None, [])]
    assert frames("Fast knee pain relief.") == []
    assert frames("For pain, relief comes fast.", before=2) == []
    # a coordinate's object, not the predicate's: "pain and treat"
    assert frames("Note the knee pain and treat the cut.", before=2) == []
    assert frames("Note the knee pain then treat the cut.", before=2) == [("treat", "knee pain", None, [])]


def test_a_label_before_a_colon_is_the_object_of_the_clause_after_it():
    """"Migraines: stops an attack before it starts" is said of migraines, as a bold list label is;
    only the sentence's first colon after a few words makes a label, and only for a rule that takes
    objects before its predicate."""
    assert frames("Knee pain: treats an attack before it starts.", before=2) == [("treats", "Knee pain", None, [])]
    assert frames("Knee pain: treats an attack before it starts.") == []
    assert frames("A new study of the people with long-standing knee pain: we treat them.", before=2) == []
    assert frames("Note: knee pain aside, we treat you.", before=2) == []
    assert frames("Migraines; we treat them.", before=2) == []


def test_a_pronoun_after_a_predicate_stands_for_the_object_named_before_it():
    """"Knee pain was awful; we relieve it": the object is the last one named earlier in the sentence,
    or in the sentence before (earlier=), and the frame's span is the predicate and the pronoun. An
    instruction that opens its clause ("Relieve it") and a predicate with an object of its own take none."""
    def pronoun_frames(sentence, earlier=()):
        tagger = ConceptTagger(LEXICON)
        analysis = SentenceAnalysis(sentence, 0, len(sentence), tagger.mentions(sentence), default_context(),
                                    earlier=lambda: earlier)
        return [(sentence[f.start:f.end], f.object.concept, f.object.start) for f in analysis.frames(["treat"], ["conditions"])]

    sentence = "Knee pain was awful, but we relieve it fast."
    assert pronoun_frames(sentence) == [("relieve it", "conditions", 0)]
    before = "Constipation is common."
    tagged = ConceptTagger(LEXICON).mentions(before)
    assert pronoun_frames("Our drops relieve it.", earlier=tagged) == [("relieve it", "conditions", 0)]
    assert pronoun_frames("Our drops relieve it.") == []
    assert pronoun_frames("Knee pain? Relieve it with rest.") == []
    assert pronoun_frames("Knee pain aside, we relieve constipation with it.") == [("relieve constipation", "conditions", 28)]


def test_a_pronouns_object_is_named_in_the_message_and_a_blank_line_ends_the_search():
    """The finding covers "won't need it" on the seller's page and names metformin, said in the
    sentence before; after a blank line the pronoun stands for nothing the rule can read."""
    text = "Order now. Think of metformin as a crutch. Once the food is fixed, you won't need it.\n"
    found = [(f["rule"], text[f["offset"]:f["end_offset"]], f["message"]) for f in check(text).findings
             if f["rule"] == "efficacy-overstatement/does-without-care"]
    assert [(rule, span) for rule, span, _ in found] == [("efficacy-overstatement/does-without-care", "won't need it")]
    assert "metformin" in found[0][2]
    apart = "Order now. Think of metformin as a crutch.\n\nOnce the food is fixed, you won't need it.\n"
    assert not [f for f in check(apart).findings if f["rule"] == "efficacy-overstatement/does-without-care"]


def test_a_capitalised_predicate_inside_a_clause_is_a_name():
    assert frames("Read the Treat Pain Foundation's leaflet.") == []


def _lines_modifiers(text):
    """(line, categories of its modifiers) for each sentence of `text`, read as a document."""
    from healthlint.rules.context import DocumentContext
    from healthlint.text.document import from_text

    document = DocumentContext.build(from_text(text, "d.md"))
    return [(document.text[s.start:s.end], sorted({m.category for m in document.sentence(i).modifiers()}))
            for i, s in enumerate(document.sentences)]


def test_a_lists_lead_in_lends_its_denial_hedge_hypothesis_and_condition_to_the_lines_under_it():
    """'The goals of treatment may include:' hedges each line below it, bulleted or not, as far as
    the first finished paragraph; a seller's 'What our clients say:' does not make its list reported
    speech, and a lead-in with no modifier lends nothing."""
    text = ("The goals of treatment may include:\n\nPreventing the aneurysm from growing\n\n"
            "- Preventing or reversing damage\n\nMost aneurysms are found by chance.\n\n"
            "What our clients say:\n\n- My pain is gone\n\nOur protocol:\n\n- Reversing diabetes\n")
    lines = dict(_lines_modifiers(text))
    assert lines["Preventing the aneurysm from growing"] == ["hedged", "hypothetical"]
    assert lines["Preventing or reversing damage"] == ["hedged", "hypothetical"]
    assert lines["Most aneurysms are found by chance."] == ["limited"]  # a finished paragraph: the list ended
    assert lines["My pain is gone"] == []
    assert lines["Reversing diabetes"] == []
    assert [f["rule"] for f in check(text).findings if f["category"] == "cure-claim"] == [
        "cure-claim/condition-gone", "cure-claim/reverse-disease"]


def check(text, *args):
    return run_cli("check", "--isolated", "--no-cache", "--format", "json", "-", "--stdin-filename", "d.md",
                   *args, input=text)


def test_a_third_party_pack_writes_a_frame_rule_and_its_message_names_what_was_found():
    run = check("Buy now. Our drops soothe colic.\n", "--plugin", FRAME_PACK)
    found = [(f["rule"], f["message"]) for f in run.findings if f["rule"].startswith("efficacy-overstatement/soothes")]
    assert found == [("efficacy-overstatement/soothes", "'soothe' said of colic by Our drops.")]


def test_a_third_party_pack_uses_with_and_lead_in():
    """The `with` and `lead-in` keys from a pack's own TOML: a frame with a term of permanence in
    its clause; each line of a list under a lead-in that states the claim."""
    forever = ("--plugin", FRAME_PACK, "--select", "cure-claim/soothes-forever")  # alone: the built-in
    # pack's cure-claim/lasting-end reads the same sentence, and one finding per span and category is kept
    said = check("Buy now. Our drops soothe colic for good.\n", *forever).findings
    assert [f["rule"] for f in said] == ["cure-claim/soothes-forever"]
    assert check("Buy now. Our drops soothe colic.\n", *forever).findings == []
    text = "Buy now. Our drops soothe:\n\n- colic\n- teething pain\n"
    listed = [(text[f["offset"]:f["end_offset"]], f["message"])
              for f in check(text, "--plugin", FRAME_PACK, "--select", "efficacy-overstatement/soothes-listed").findings]
    assert listed == [("colic", "'colic' is listed under 'soothe'."),
                      ("teething pain", "'teething pain' is listed under 'soothe'.")]


def test_register_keeps_a_frame_rule_off_a_careful_page():
    careful = "Talk to your doctor. Gripe water is said to calm colic. Talk to your doctor first.\n"
    promotional = "Order now! Gripe water calms colic. Buy today.\n"
    assert not [f for f in check(careful, "--plugin", FRAME_PACK).findings if f["rule"].endswith("/soothes")]
    assert [f["rule"] for f in check(promotional, "--plugin", FRAME_PACK).findings
            if f["rule"].endswith("/soothes")] == ["efficacy-overstatement/soothes"]


def test_the_packs_treats_condition_rule_on_a_sellers_page_and_a_careful_one():
    seller = "Shop now! Our drops relieve constipation and ease bloating. Free shipping.\n"
    careful = ("Talk with your doctor about constipation. Laxatives can relieve constipation. "
               "Risks and side effects may include cramps.\n")
    got = [(f["rule"], seller[f["offset"]:f["end_offset"]]) for f in check(seller).findings
           if f["rule"] == "efficacy-overstatement/treats-condition"]
    assert got == [("efficacy-overstatement/treats-condition", "relieve constipation"),
                   ("efficacy-overstatement/treats-condition", "ease bloating")]
    assert not [f for f in check(careful).findings if f["category"] == "efficacy-overstatement"]


def test_a_services_leaflet_to_its_own_patients_is_not_a_sellers_page():
    """A ward's leaflet says "we" and "our team" as a clinic's page does; its instructions and when
    to call ("ask your nurse", "if you are worried") are what make it careful."""
    leaflet = ("We have given you this leaflet because our team has fitted your splint. Wear it at night. "
               "The splint relieves joint pain. Ask your nurse how often to wear it. "
               "If you are worried, call the ward.\n")
    clinic = ("We have fitted over 2,000 splints. Our team is here for you. The splint relieves joint pain. "
              "Wear it at night. Contact us today.\n")
    assert not [f for f in check(leaflet).findings if f["rule"] == "efficacy-overstatement/treats-condition"]
    assert [clinic[f["offset"]:f["end_offset"]] for f in check(clinic).findings
            if f["rule"] == "efficacy-overstatement/treats-condition"] == ["relieves joint pain"]


def test_a_regulators_account_of_a_trial_is_not_a_sellers_page():
    """A regulator's release says "we", a price and "discounts" as a shop does; who took part, what
    the trial cannot show yet and the serious risks are what make it careful. The same claim with
    the shop's words around it is flagged."""
    release = ("We approved the therapy today. In the trial, 40 participants had fewer pain crises. "
               "Longer follow-up is needed, and it is not yet known how long the effect lasts. "
               "The therapy relieves pain crises in most patients. "
               "It carries serious risks, including infertility. Independent experts reviewed the findings. "
               "The company sets the price; we do not negotiate prices or discounts.\n")
    shop = ("We approved the therapy today. The therapy relieves pain crises in most patients. "
            "Prices start at $99, with discounts for members. Book now.\n")
    assert not [f for f in check(release).findings if f["category"] == "efficacy-overstatement"]
    assert [f["rule"] for f in check(shop).findings if f["rule"] == "efficacy-overstatement/treats-condition"] == [
        "efficacy-overstatement/treats-condition"]


def test_a_hospital_leaflet_that_weighs_what_it_offers_is_not_a_sellers_page():
    """A department's leaflet says "our physiotherapists" and "free" as a clinic does; what it does
    not offer and why ("we do not offer ... because there is not enough evidence", "not
    recommended", "there are risks such as") is what makes it careful."""
    leaflet = ("This leaflet is for patients of the orthopaedic department. Paracetamol can ease pain. "
               "We do not offer stem cell injections because there is not enough evidence that they work. "
               "Knee replacement is very effective, and there are risks such as infection. "
               "Our physiotherapists run a free exercise class. Ask your GP to refer you.\n")
    assert not [f for f in check(leaflet).findings if f["severity"] != "info"
                and f["category"] not in ("uncited-evidence", "unsourced-statistic")]


def test_a_claim_rule_naming_an_unknown_vocabulary_is_one_clear_error(tmp_path):
    rules = tmp_path / "pack.toml"
    rules.write_text('[vocabularies]\na = ["x"]\n[[claim]]\nname = "n"\ncategory = "c"\nmessage = "m"\n'
                     'predicate = ["nope"]\n')
    from healthlint.rules.phrase import load_phrase_rules
    with pytest.raises(RuleError, match=r"pack.toml: claim 'n': 'predicate': unknown vocabulary 'nope'; defined: a$"):
        load_phrase_rules(rules, "p")


AD = ("Try our new Joint Flex gummies today! They ease stiff knees and help you move freely again. "
      "Order now and get 20% off with code FLEX20.\n")
LEAFLET = ("Joint pain is common after 50. Talk with your doctor about what kinds of exercise are right for you. "
           "Possible side effects of pain medicines include stomach upset.\n")


def test_missing_harms_fires_on_a_short_advert_by_its_register():
    run = check(AD)
    assert [(f["rule"], f["line"], f["column"]) for f in run.findings if f["category"] == "missing-harms"] == [
        ("missing-harms/no-risks-discussed", 1, 1)]
    assert [AD[f["offset"]:f["end_offset"]] for f in run.findings
            if f["rule"] == "efficacy-overstatement/treats-condition"] == ["ease stiff knees"]


def test_missing_harms_is_silent_on_a_careful_leaflet_and_on_an_advert_that_names_its_risks():
    assert check(LEAFLET).findings == []
    warned = AD.replace("FLEX20.", "FLEX20. Possible side effects include an upset stomach.")
    assert not [f for f in check(warned).findings if f["category"] == "missing-harms"]


ADVERTORIAL = ("*SPONSORED CONTENT: presented by Serenity Spa.*\n\n# Local spa brings back an old tradition\n\n"
               "Owner Gina Moretti says her clients come to her after years of trouble. \"Our cleanse eases "
               "bloating,\" she said. A session lasts about 45 minutes. Sessions cost \u00a360. The spa opened in "
               "2019 on Water Street. It is open six days a week. Moretti trained in Germany. She lives in town.\n")
REVIEW_SUMMARY = ("# Vitamin C for colds\n\nWe searched for trials of vitamin C. We found 29 trials. We included "
                  "trials that compared vitamin C with placebo. Our review found that vitamin C did not prevent "
                  "colds in most people. We are uncertain whether it shortens them; you could try it.\n")


def test_an_advertorials_disclosure_and_prices_make_it_promotional_and_a_reviews_we_does_not():
    """A sponsored story is a seller's page in a newspaper's voice; a review summary's "we
    searched, we found" is the researchers' voice, not a clinic's."""
    assert [f["rule"] for f in check(ADVERTORIAL).findings if f["category"] == "missing-harms"] == [
        "missing-harms/no-risks-discussed"]
    assert check(REVIEW_SUMMARY).findings == []


WARNING_PAGE = ("# Beware of fraudulent supplements\n\nWatch out for phrases such as \"miracle cure,\" "
                "\"scientific breakthrough\" and \"money-back guarantee.\" Supplements are not approved by the FDA "
                "before they are sold. Talk to your health care provider before you try one.\n")
SCARE_QUOTED_STORY = ("# Clinic touts stem cell \"miracle\" for Parkinson's\n\nA clinic says its stem cell "
                      "treatment could transform the lives of people with Parkinson's disease. Patients reported "
                      "less tremor after one infusion, according to the clinic.\n")


def test_selling_words_a_careful_page_quotes_do_not_make_it_an_advert():
    """A warning page that quotes a seller's phrases to warn about them is read as careful
    (its own cues say so); a story whose only cue is a scare-quoted "miracle" still counts it."""
    assert [f["rule"] for f in check(WARNING_PAGE).findings if f["category"] == "missing-harms"] == []
    assert [(f["rule"], f["line"]) for f in check(SCARE_QUOTED_STORY).findings if f["category"] == "missing-harms"] \
        == [("missing-harms/no-risks-discussed", 1)]
    unquoted = WARNING_PAGE.replace('"', "").replace("Watch out for phrases such as ", "Our formula is a ")
    assert [f["rule"] for f in check(unquoted).findings if f["category"] == "missing-harms"] == [
        "missing-harms/no-risks-discussed"]


CONFIG_RULE = """
[vocabularies]
our-products = ["Joint Flex", "Flex Plus"]
cure-words = ["cure (v)", "heal (v)"]

[[rules]]
name = "our-product-cures"
category = "cure-claim"
message = "Do not say our products cure anything."
patterns = ['{our-products}\\s+{cure-words}']
unless = ["negated"]
"""


def test_a_config_rule_uses_the_configs_vocabularies(tmp_path):
    config = tmp_path / ".healthlint.toml"
    config.write_text(CONFIG_RULE)
    draft = tmp_path / "a.md"
    draft.write_text("Joint Flex cures arthritis. Flex Plus healed my knee. Joint Flex does not cure gout.\n")
    run = run_cli("check", "--config", str(config), "--select", "local", "--format", "json", "--no-cache", str(draft))
    text = draft.read_text()
    assert [text[f["offset"]:f["end_offset"]] for f in run.findings] == ["Joint Flex cures", "Flex Plus healed"]


def test_a_config_rule_naming_an_unknown_vocabulary_is_one_error_exit_2(tmp_path):
    config = tmp_path / ".healthlint.toml"
    config.write_text(CONFIG_RULE.replace("{our-products}", "{our-product}"))
    (tmp_path / "a.md").write_text("Joint Flex cures arthritis.\n")
    run = run_cli("check", "--config", str(config), "--no-cache", str(tmp_path / "a.md"))
    assert run.exit_code == 2
    assert run.stderr == (f"healthlint: error: {config}: rule 'our-product-cures' 'patterns': unknown vocabulary "
                          "{our-product}; defined: cure-words, our-products\n")


def test_core_categories_are_the_ones_context_toml_defines():
    from healthlint.claims.modifiers import CORE_CATEGORIES
    assert default_context().categories == set(CORE_CATEGORIES)


def test_a_packs_context_table_adds_triggers_to_its_rules_only():
    from healthlint.claims.lexicon import Lexicon
    from healthlint.claims.rule import analyzer_for

    sentence = "Reportedly the drops cure colds."
    analyzer = analyzer_for({"context": {"trigger": [{"category": "reported", "terms": ["reportedly"]}]}},
                            Lexicon(), "pack.toml")
    found = analyzer.context.modifiers(sentence, 0, len(sentence))
    assert [(m.category, sentence[m.scope_start:m.scope_end]) for m in found] == [
        ("reported", "the drops cure colds.")]
    assert default_context().modifiers(sentence, 0, len(sentence)) == []  # core's lexicon is unchanged


@pytest.mark.parametrize("promotional, careful, sentences, verdict", [
    (0, 0, 30, True),    # no cue either way: a bare claim reads as the seller's
    (3, 0, 30, True),    # 0.1 net cues a sentence
    (2, 1, 30, False),   # 0.03: a careful page that says "high-quality" twice
    (1, 1, 5, False),    # balanced
])
def test_register_verdict_from_cue_density(promotional, careful, sentences, verdict):
    from healthlint.claims.register import Register

    assert Register(promotional, careful, sentences, threshold=0.05).promotional is verdict


def test_at_most_caps_how_many_cues_of_a_vocabulary_count():
    """A review summary's "we" on every line is not a cue per line; offers are not capped."""
    from healthlint.claims.concepts import Mention
    from healthlint.claims.register import RegisterSpec

    spec = RegisterSpec(("provider", "offers"), ("care",), 0.05, {"provider": 5})
    we = [Mention("provider", i, i + 2) for i in range(12)]
    assert spec.count(we, 40).promotional_cues == 5
    assert spec.count(we + [Mention("offers", 50, 52)] * 3, 40).promotional_cues == 8
    assert RegisterSpec(("provider",), (), 0.05).count(we, 40).promotional_cues == 12


def test_weight_counts_each_cue_of_a_vocabulary_several_times_after_its_cap():
    from healthlint.claims.concepts import Mention
    from healthlint.claims.register import RegisterSpec

    spec = RegisterSpec(("hype", "offers"), ("care",), 0.05, {"hype": 3}, weight={"hype": 2})
    hype = [Mention("hype", i, i + 2) for i in range(5)]
    assert spec.count([*hype, Mention("offers", 50, 52)], 40).promotional_cues == 7  # 3 counted, twice; 1 offer


def test_a_hospital_release_that_sells_in_its_own_hype_reads_as_promotional():
    """Its prices, "we" and "the NHS" are a careful release's too; "a breakthrough" and "a
    game-changer" said in its own voice (not quoted) are what a careful one does not say."""
    release = ("Today we announced a breakthrough: the first focused ultrasound service in the region. "
               "It is a game-changer for tremor. Treatment costs \u00a39,000. Clinical trials are under way. "
               "Side effects include numbness. Talk to your GP about the risks of treatment; the NHS may fund it.\n")
    quoted = release.replace("a breakthrough", "what the surgeon called \"a breakthrough\"").replace(
        "It is a game-changer for tremor.", 'Some call it "a game-changer for tremor".')
    assert check(release, "--select", "commercial-conflict/price").findings
    assert not check(quoted, "--select", "commercial-conflict/price").findings


COST_TABLE = ("# IVF add-ons\n\nAsk your clinic what each add-on costs and what the evidence says. Talk to your "
              "doctor about the risks. Clinical trials of most add-ons found no increase in live births. Possible side "
              "effects include bleeding and infection, and more research is needed.\n\n"
              "| Add-on | Evidence | Typical cost |\n|---|---|---|\n"
              + "".join(f"| Add-on {n} | Red: trials found no benefit | \u00a3{n}00 to \u00a3{n + 3}00 |\n" for n in range(1, 9))
              + "\nThe time-lapse trials found no evidence of harm to embryos, and no increase in live births.\n")


def test_a_table_of_costs_leaves_a_careful_page_careful():
    """A regulator's table gives each treatment's cost in pounds: sixteen currency signs count as
    four cues (`at-most`), so the page stays careful and its 'no evidence of harm' from trials is
    not a seller's safety promise; the same rows on a shop's page still read as promotional."""
    assert [f["rule"] for f in check(COST_TABLE).findings if f["category"] == "safety-claim"] == []
    shop = COST_TABLE.replace("Ask your clinic", "Book now at our clinic and ask")
    assert "commercial-conflict/call-to-action" in [f["rule"] for f in check(shop).findings]


ABSCESS_PAGE = ("# Abscess\n\n## What is an abscess?\n\nAn abscess is a pocket of pus. It can form almost anywhere "
                "in the body. When an area of your body becomes infected, white blood cells go to the infected area. "
                "Pus is a mixture of living and dead white blood cells, germs and dead tissue. Bacteria, viruses, "
                "parasites and swallowed objects can all lead to abscesses. Skin abscesses are easy to detect. They "
                "are red, raised and painful. Abscesses inside the body may not be obvious.\n")
TAGLINES = ("# Liver Flush\n\nParasites lead to fatigue\n\nDraws out toxins overnight\n\nSupports the liver\n\n"
            "For energy and focus\n\nNatural formula\n\nGentle daily cleanse\n\nDoctor formulated\n\n"
            "Made in small batches\n")


def test_prose_with_no_cue_reads_as_careful_and_a_list_of_taglines_as_the_sellers():
    """An encyclopaedia's page (nine finished sentences and a question heading) says nothing of
    "our" product, offers or "your doctor": with `careful-prose-from` (the pack: 4) its "parasites ... lead to
    abscesses" is an explanation, not a seller's hidden enemy. The same count of lines written as
    taglines, without a full stop, is read as the seller's words; so is a short claim alone."""
    assert [f["rule"] for f in check(ABSCESS_PAGE).findings if f["category"] != "uncited-evidence"] == []
    assert "efficacy-overstatement/hidden-enemy" in [f["rule"] for f in check(TAGLINES).findings]
    assert [f["rule"] for f in check("# Note\n\nParasites lead to fatigue.\n").findings] == [
        "efficacy-overstatement/hidden-enemy"]


def test_an_encyclopaedias_headings_count_as_finished_prose():
    """A short topic page: two headings without a full stop and two sentences. Its headings are
    the structure of an explanation, not taglines, so the page reads as careful; as a seller's
    list of lines the same words are flagged."""
    page = ("# Parasites\n\n## Causes\n\nParasites are living things that use other living things for food. "
            "Parasites can lead to diarrhea and weight loss.\n")
    assert [f["rule"] for f in check(page).findings if f["category"] != "uncited-evidence"] == []
    lines = "# Parasites\n\nCauses\n\nParasites use other living things for food\n\nParasites can lead to weight loss\n"
    assert "efficacy-overstatement/root-cause" in [f["rule"] for f in check(lines).findings]


def test_a_prose_threshold_that_is_not_a_count_of_sentences_is_one_clear_error():
    from healthlint.claims.rule import analyzer_for

    lexicon = load_lexicon({"we": ["we"]}, "p.toml")
    with pytest.raises(RuleError, match=r"p.toml: \[register\]: 'careful-prose-from' must be a whole number"):
        analyzer_for({"register": {"promotional": ["we"], "careful-prose-from": 2.5}}, lexicon, "p.toml")


def test_a_register_cap_that_is_not_a_count_is_one_clear_error():
    from healthlint.claims.rule import analyzer_for

    lexicon = load_lexicon({"we": ["we"]}, "p.toml")
    with pytest.raises(RuleError, match=r"p.toml: \[register\]: 'at-most' maps vocabulary names to how many"):
        analyzer_for({"register": {"promotional": ["we"], "at-most": {"we": "five"}}}, lexicon, "p.toml")
    with pytest.raises(RuleError, match=r"unknown vocabulary"):
        analyzer_for({"register": {"promotional": ["we"], "at-most": {"us": 3}}}, lexicon, "p.toml")
    with pytest.raises(RuleError, match=r"p.toml: \[register\]: 'weight' maps vocabulary names to how many times"):
        analyzer_for({"register": {"promotional": ["we"], "weight": {"we": 0}}}, lexicon, "p.toml")


def test_claims_from_reads_a_page_that_sells_in_its_own_voice_by_its_share_of_claims():
    """A page whose cues net careful (trials, "your GP") but that sells in its own voice is read
    sentence by sentence with the pack's claim reader: from `claims-from` of its sentences read as
    claims, it is promotional. Too few own cues, quoted ones only, or too few claims: it stays careful."""
    from healthlint.claims.rule import analyzer_for
    from healthlint.rules.context import DocumentContext
    from healthlint.text.document import from_text

    lexicon = load_lexicon({"we": ["we", "our"], "care": ["trial", "your gp", "side effects"]}, "p.toml")
    analyzer = analyzer_for({"register": {"promotional": ["we"], "careful": ["care"], "claims-from": 0.3}},
                            lexicon, "p.toml")
    analyzer.claim_reader = lambda sentence: "cures" in sentence
    said = "We are proud. Our team is proud. We say it. Our clinic is here. We care. "
    careful = "A trial is running. Ask your GP. Side effects are listed. A trial ended. Ask your GP again. A trial began. "

    def promotional(text: str) -> bool:
        register = analyzer.register(DocumentContext.build(from_text(text, "d.md")))
        return bool(register and register.promotional)

    claims = "It cures pain. It cures colds. It cures flu. It cures gout. It cures acne. It cures warts.\n"
    assert promotional(said + careful + claims)  # 5 own cues against 6 careful ones; 6 of 17 sentences are claims
    assert not promotional(said + careful + "It helps. " * 6 + "\n")  # no claims
    assert not promotional('"We are proud." ' + careful + claims)  # no cue in its own voice
    analyzer.claim_reader = None
    assert not promotional(said + careful + claims)  # no reader: the cues alone


def test_claims_from_reads_a_page_with_few_careful_cues():
    """A seller's list of claims with no price, "our" or offer in it, or with too few such cues to
    outweigh one careful word (as FDA warning letters quote them), reads as promotional from
    `claims-from` of its sentences read as claims; an explanation with as few cues, or a page with
    enough careful cues, stays careful (blind FDA-style claims, sets b and d)."""
    from healthlint.claims.rule import analyzer_for
    from healthlint.rules.context import DocumentContext
    from healthlint.text.document import from_text

    lexicon = load_lexicon({"we": ["we", "our"], "care": ["trial", "your gp", "side effects"]}, "p.toml")
    analyzer = analyzer_for({"register": {"promotional": ["we"], "careful": ["care"], "claims-from": 0.3,
                                          "careful-prose-from": 4}}, lexicon, "p.toml")
    analyzer.claim_reader = lambda sentence: "cures" in sentence

    def promotional(text: str) -> bool:
        register = analyzer.register(DocumentContext.build(from_text(text, "d.md")))
        return bool(register and register.promotional)

    claims = "It cures pain. It cures colds. It cures flu. It cures gout. It cures acne. "
    plain = "The disease is rare. It starts in childhood. It affects the nerves. Tests can find it. It runs in families. "
    assert promotional(claims + plain)  # no cue either way; 5 of 10 sentences are claims
    assert not promotional(plain + plain)  # no cue, no claim: an explanation
    assert promotional("We know. Our view. A trial is running. " + claims + plain)  # two cues against one: too few to go by
    assert not promotional("We know. Our view. A trial is running. " + plain + plain)
    careful = "A trial is running. Ask your GP. Side effects are listed. A trial ended. Ask your GP again. "
    assert not promotional(careful + claims + plain)  # five careful cues: read by its cues alone


def test_a_claims_share_that_is_not_a_share_is_one_clear_error():
    from healthlint.claims.rule import analyzer_for

    lexicon = load_lexicon({"we": ["we"]}, "p.toml")
    with pytest.raises(RuleError, match=r"p.toml: \[register\]: 'claims-from' must be a share of sentences"):
        analyzer_for({"register": {"promotional": ["we"], "claims-from": 1.5}}, lexicon, "p.toml")


def test_a_warning_threshold_that_is_not_a_count_and_an_unknown_warning_vocabulary_are_clear_errors():
    from healthlint.claims.rule import analyzer_for

    lexicon = load_lexicon({"we": ["we"], "scam": ["scam"]}, "p.toml")
    with pytest.raises(RuleError, match=r"p.toml: \[register\]: 'warning-at-least' must be a whole number"):
        analyzer_for({"register": {"warning": ["scam"], "warning-at-least": 0}}, lexicon, "p.toml")
    with pytest.raises(RuleError, match=r"unknown vocabulary"):
        analyzer_for({"register": {"warning": ["fraud"]}}, lexicon, "p.toml")


SCAM_PAGE = ("# Spotting a scam\n\nScammers sell bogus cures online.\n\n## Miracle Cure!\n\nOne pill will not cure "
             "many different diseases. Success stories are easy to make up.\n")


def test_a_fraud_warning_page_silences_the_rules_that_let_reported_speech_be():
    """Two fraud words on a careful page make it a warning: its "Miracle Cure!" heading and
    "success stories" are the sellers' words it lists. One fraud word is not enough, and a
    seller's page that mentions scams is still a seller's page."""
    assert check(SCAM_PAGE).findings == []
    one_word = SCAM_PAGE.replace("Scammers sell bogus cures online.", "Some sellers sell cures online.")
    assert [f["rule"] for f in check(one_word).findings if f["category"] == "hype"] == ["hype/hype-phrase"]
    seller = "# Beware of scams\n\nAvoid bogus copies: order only from our shop. A miracle for your joints.\n"
    assert "hype/hype-phrase" in [f["rule"] for f in check(seller).findings]


CLINIC = ("# Dry needling at our clinic\n\nBook an evaluation today. We offer dry needling as an add-on for $40. "
          "Some studies suggest it can reduce pain in the short term.{caveats}\n")
CAVEATS = " The research is mixed, and the effects are often small. It won't reverse arthritis."


def test_a_clinic_candid_about_its_evidence_is_taken_at_its_word_on_hedged_claims():
    """Two statements of the evidence's limits make a page candid: its hedged claim ("some studies
    suggest it can reduce pain") is not flagged, though the page sells; the same page without them
    is flagged, and an unhedged claim on the candid page still is."""
    def treats(text: str) -> list[str]:
        return [text[f["offset"]:f["end_offset"]] for f in check(text).findings
                if f["rule"] == "efficacy-overstatement/treats-condition"]
    assert treats(CLINIC.format(caveats="")) == ["reduce pain"]
    assert treats(CLINIC.format(caveats=CAVEATS)) == []
    unhedged = CLINIC.format(caveats=CAVEATS).replace("Some studies suggest it can reduce", "It reduces")
    assert treats(unhedged) == ["reduces pain"]


def test_quotation_marks_set_words_apart_on_a_careful_page_only():
    """A feature that sells quotes its founder to make the claim; an agency's page quotes a seller
    to warn about it. The same quoted line is flagged on the first and left alone on the second;
    on the first, a quotation of three words or fewer names a term rather than quoting speech."""
    line = 'The director calls the water "completely natural, so there are no side effects whatsoever."'
    seller = f"Book your spa week now: only 40 packages left at $1,890.\n\n{line}\n"
    careful = ("Mud baths are not a treatment for arthritis. Talk to your doctor about treatments that work."
               f"\n\n{line}\n")
    def safety(text: str) -> list[str]:
        return [f["rule"] for f in check(text).findings if f["category"] == "safety-claim"]
    assert safety(seller) == ["safety-claim/natural-so-safe"]  # which holds absolute-safety's "no side effects"
    assert safety(careful) == []
    # a term cited as a word, not speech: the seller's own style guide is left alone
    assert safety(seller.replace(line, 'Our style guide lists "risk-free" as a banned word.')) == []
    assert safety(seller.replace(line, 'Our style guide lists "it is risk-free for everyone" as a banned line.')) == [
        "safety-claim/absolute-safety"]


def test_a_page_that_corrects_claims_is_a_warning_whatever_it_quotes():
    """A newspaper's corrections quote the overclaims they take back, in the paper's own "we": two
    corrections' words make the page a warning, and the quoted claims are not flagged."""
    page = ("## Corrections\n\nOur 9 March article said creatine \"beats antidepressants and has no side effects at all\". "
            "That overstated the evidence, which comes from one trial of 40 people. We regret the error.\n\n"
            "A headline on 7 March incorrectly said sound waves \"cure hand tremor\". We have amended it.\n")
    assert [f["rule"] for f in check(page).findings if f["category"] != "missing-harms"] == []
    product = ("Order today: our Curve Correction mode is $199. Curve Correction works in weeks. New in Curve "
               "Correction 2.0: it is 100% safe for all-night wear.\n")
    assert "safety-claim/absolute-safety" in [f["rule"] for f in check(product).findings]  # a feature, not a correction
    assert [f["rule"] for f in check(page.replace("overstated", "summarised").replace("We regret the error.", "")
                                      .replace("incorrectly ", "")).findings
            if f["category"] == "safety-claim"] == ["safety-claim/absolute-safety"]


def test_a_candour_threshold_that_is_not_a_count_is_one_clear_error():
    from healthlint.claims.rule import analyzer_for

    lexicon = load_lexicon({"mixed": ["research is mixed"]}, "p.toml")
    with pytest.raises(RuleError, match=r"p.toml: \[register\]: 'candour-at-least' must be a whole number"):
        analyzer_for({"register": {"candour": ["mixed"], "candour-at-least": "two"}}, lexicon, "p.toml")


def test_the_pass_finds_a_large_vocabularys_terms_of_several_words_as_a_tagger_alone_does():
    """Terms of several words of a vocabulary over BY_WORDS terms are found word by word from
    their first word; what the pass records must be what the tagger finds on its own: the
    longest term at a start, white space and curly apostrophes read as the tagger reads them,
    never the tail of a hyphenated word nor a word inside a longer one."""
    from healthlint.rules import Match, Rule, RuleInfo
    from healthlint.running.runner import BY_WORDS, Linter
    from healthlint.text.document import from_text

    filler = [f"zzcondition{i} syndrome" for i in range(BY_WORDS + 1)]
    named = ["breast", "breast cancer", "breast cancer type 2", "aging skin", "in situ carcinoma",
             "x-linked disorder", "alzheimer's disease", "knee pain"]
    tagger = ConceptTagger(load_lexicon({"conditions": filler + named}, "t.toml"))

    class Probe(Rule):
        def taggers(self):
            return (tagger,)

        def concept_gate(self):
            return tagger, frozenset({"conditions"})

        def check(self, ctx):
            for mention in tagger.in_sentence(ctx):
                yield Match(mention.start, mention.end)

    text = ("It treats breast cancer type 2, breastfeeding pain and anti-aging skin, in situ carcinoma,\n"
            "X-linked disorder, Alzheimer\u2019s  disease and zzcondition7 syndrome. Knee pain too.\n")
    runner = Linter([Probe(RuleInfo(id="t/probe", category="t", severity="info", message="m"))])
    found = [text[f.offset:f.end_offset] for f in runner.lint(from_text(text, "d.md")).findings]
    assert "alzheimer's disease" in runner._steps and "in situ carcinoma" not in runner._steps  # the two routes
    assert found == ["breast cancer type 2", "in situ carcinoma", "X-linked disorder", "Alzheimer\u2019s  disease",
                     "zzcondition7 syndrome", "Knee pain"]
    assert found == [text[m.start:m.end] for m in tagger.mentions(text)]


PUBLIC_HEALTH_PAGE = (
    "# Hepatitis C and shingles: what to know\n\n"
    "Hepatitis C can be cured with 8 to 12 weeks of oral therapy. Chlamydia can be cured with the right "
    "treatment. Breakthrough infections are usually mild. The FDA granted the drug breakthrough therapy "
    "designation. A GP or a pharmacist can help you choose a medicine to ease the pain.\n")


def test_public_health_wording_is_not_read_as_a_claim():
    """Kinds found on careful pages of other agencies (CDC, NHS, FDA): an infection that standard
    treatment cures, as the subject of "can be cured"; technical terms that hold a hype word
    ("breakthrough infections", "breakthrough therapy designation"); UK care words (GP,
    pharmacist) that make a page read as careful. A seller's cure claim about the same infection
    is still flagged, and --fix has nothing to delete from the regulatory status."""
    assert check(PUBLIC_HEALTH_PAGE).findings == []
    seller = "Our herbal blend cures hepatitis C in weeks. Order now.\n"
    assert [(f["rule"], seller[f["offset"]:f["end_offset"]]) for f in check(seller).findings
            if f["category"] == "cure-claim"] == [("cure-claim/absolute-cure", "cures")]
    # hype counts twice in the register: a tagline that sells a breakthrough is an advert on its own
    assert [f["rule"] for f in check("A breakthrough for your joints.\n").findings
            if not f["rule"].endswith("/reads-like-a-claim")] == ["missing-harms/no-risks-discussed", "hype/hype-phrase"]


CHIRO_AD = ("# Gentle care for little ears\n\nWe see children with ear infections every week. Our gentle adjustments "
            "clear ear infections without antibiotics and cannot harm even a newborn. Book your visit today.\n")


def test_missing_harms_reads_harms_of_the_treatment_not_the_diseases_it_sells_against():
    """'ear infections' (what a page treats) and 'cannot harm a newborn' (reassurance) are no
    harms discussion; side effects in plain words ('can cause soreness', 'some patients have
    tenderness or swelling') are."""
    assert [f["rule"] for f in check(CHIRO_AD).findings if f["category"] == "missing-harms"] == [
        "missing-harms/no-risks-discussed"]
    for warned in ("The adjustment can cause mild soreness for a day.",
                   "Some patients have tenderness, swelling or a headache afterwards.",
                   "Manipulation of the neck has been linked to stroke and artery damage.",
                   "Minor bruising, soreness or a little bleeding at the needle sites is common.",
                   "Rarely, serious problems such as a punctured lung have been reported.",
                   "Looking at the lamp without protection can harm your eyes."):
        assert not [f for f in check(CHIRO_AD + warned + "\n").findings if f["category"] == "missing-harms"], warned
    other = "Memory slips can come from stress, poor sleep and the side effects of some medicines.\n"
    assert [f["rule"] for f in check(CHIRO_AD + other).findings if f["category"] == "missing-harms"] == [
        "missing-harms/no-risks-discussed"]


NEWS_VOICE_ADVERT = ("PAID ADVERTISEMENT\n\n# Retired nurse's tea has doctors talking\n\nResearchers at a university "
                     "studied the herbs in it. Sudden chest pain is a medical emergency; see a doctor. Readers get "
                     "50% off their first order. Take one cup daily. These statements have not been evaluated by "
                     "the Food and Drug Administration.\n")


def test_an_adverts_own_label_its_discount_and_the_supplement_disclaimer_make_it_promotional():
    """An advert in a news report's voice names researchers and says "see a doctor"; its label, its
    "% off" and the disclaimer a supplement seller must print are what give it away."""
    assert [f["rule"] for f in check(NEWS_VOICE_ADVERT).findings if f["category"] == "missing-harms"] == [
        "missing-harms/no-risks-discussed"]
    unlabelled = (NEWS_VOICE_ADVERT.replace("PAID ADVERTISEMENT\n\n", "").replace("50% off", "a leaflet with")
                  .replace("These statements have not been evaluated by the Food and Drug Administration.", ""))
    assert [f for f in check(unlabelled).findings if f["category"] == "missing-harms"] == []


FRAUD_WARNING = ("# Health fraud scams\n\nScammers promote bogus products in magazines and online. Watch for "
                 "phrases such as quick fix, scientific breakthrough, cure all, no-risk, money-back guarantee.\n\n"
                 "One product does it all. Be suspicious of products that claim to cure many diseases.\n")


def test_a_fraud_warning_that_lists_the_sellers_phrases_unquoted_is_left_alone():
    """A regulator's scam warning names fraud ("scammers", "bogus") and lists the sellers'
    phrases after "watch for phrases such as", without quotation marks; the same phrases in a
    seller's own voice are flagged."""
    assert check(FRAUD_WARNING).findings == []
    selling = "# Joint Flex\n\nA scientific breakthrough with a money-back guarantee. One product does it all.\n"
    assert [f["rule"] for f in check(selling).findings if f["category"] != "missing-harms"] == [
        "hype/hype-phrase", "commercial-conflict/call-to-action", "efficacy-overstatement/cure-all"]


REGULATOR_NOTICE = ("# Slimming capsules: our findings\n\nOur laboratory found undeclared sibutramine in capsules "
                    "sold online. The seller's misleading claims included: Melts fat overnight. No side effects. "
                    "Selling unapproved medicines is illegal. Stop taking the capsules and talk to your doctor.\n")


def test_a_regulators_notice_is_a_warning_by_what_it_charges_the_seller_with():
    """A regulator's notice need not say "scam": "undeclared", "misleading", "unapproved" and
    "illegal" are what it finds and charges, and the seller's phrases it lists, unquoted, are then
    reported, not said. The same phrases on the seller's page are flagged."""
    assert [f for f in check(REGULATOR_NOTICE).findings if f["category"] != "missing-harms"] == []
    selling = "# Slim capsules\n\nOur capsules: Melts fat overnight. No side effects.\n"
    assert [f["rule"] for f in check(selling).findings if f["category"] != "missing-harms"] == [
        "efficacy-overstatement/treats-condition", "safety-claim/absolute-safety"]


CONSUMER_REGULATOR = ("# Anti-ageing offers: what we found\n\nWe reviewed 40 online offers. Many used fake reviews, "
                      "misleading before-and-after photos and unlawful subscription traps: a $1 trial, then $89 every "
                      "month. Sellers promised permanent results and a 100% money-back guarantee. Some products were "
                      "counterfeit. Buy only from a registered clinic.\n")


def test_a_page_that_names_fraud_four_times_is_a_warning_whatever_it_quotes():
    """A consumer regulator quotes the sellers' offers (prices, a trial, a guarantee, 'permanent
    results') until they outnumber its careful words; four fraud words ('fake', 'misleading',
    'unlawful', 'counterfeit'), twice what makes a warning, say whose page it is. A seller's page
    says one of them at most (150 annotated drafts)."""
    assert [f["rule"] for f in check(CONSUMER_REGULATOR).findings if f["category"] != "unsourced-statistic"] == []
    selling = CONSUMER_REGULATOR.replace("fake", "real").replace("misleading", "stunning").replace(
        "unlawful", "flexible").replace("counterfeit", "sold out")
    assert "commercial-conflict/call-to-action" in [f["rule"] for f in check(selling).findings]


HOSPITAL_PAGE = ("# Kidney stones\n\nOur urologists see many people with kidney stones, and we can help you plan "
                 "treatment. Small stones usually pass on their own. Drinking more water lowers the risk of another "
                 "stone. Some medicines may cause stones. Larger stones may need a procedure. For more information, "
                 "see our stones clinic page.\n")


def test_a_hospitals_we_and_our_beside_public_health_wording_reads_as_careful():
    """A hospital says "our urologists" and "we can help" as a seller does; the way it words risk
    and what may be needed ("the risk of", "may cause", "may need", "for more information") is a
    public-health page's, so its register is careful and the document-level harms rule is silent."""
    assert [f for f in check(HOSPITAL_PAGE).findings if f["category"] == "missing-harms"] == []
    plain = (HOSPITAL_PAGE.replace("lowers the risk of another stone", "stops stones").replace("may cause", "cause")
             .replace("may need", "need").replace("For more information, see", "See"))
    assert [f["rule"] for f in check(plain).findings if f["category"] == "missing-harms"] == [
        "missing-harms/no-risks-discussed"]


FORUM_POST = ("# Three months in\n\nHonestly, I started the drops after my doctor said there was nothing else to try. "
              "My husband noticed first. I've been telling everyone. Talk to your doctor before you change anything.\n")


def test_a_buyers_own_voice_makes_a_forum_post_promotional():
    """A forum post sells in the first person ("my doctor", "my husband", "honestly", "I started"),
    words a public-health page does not use; without them the same page has only "talk to your
    doctor" and reads as careful."""
    assert [f["rule"] for f in check(FORUM_POST).findings if f["category"] == "missing-harms"] == [
        "missing-harms/no-risks-discussed"]
    neutral = ("# Three months in\n\nThe drops were started after the doctor said there was nothing else to try. "
               "A relative noticed first. Talk to your doctor before you change anything.\n")
    assert [f for f in check(neutral).findings if f["category"] == "missing-harms"] == []


PRESS_RELEASE = ("# SkinCheck launches AI mole scanner\n\nBOSTON (Business Wire) - SkinCheck Health today announced "
                 "its new app. Researchers reviewed the images in a clinical trial. The app is free on the App Store "
                 "and Google Play. Talk to your doctor about any changing mole.\n\nMedia contact: press@example.com\n")


def test_a_company_press_release_reads_as_promotional():
    """A company's release names researchers and a clinical trial as a public-health page would;
    the newswire, "today announced", the app stores and the media contact are a company's."""
    assert [f["rule"] for f in check(PRESS_RELEASE).findings if f["category"] == "missing-harms"] == [
        "missing-harms/no-risks-discussed"]
