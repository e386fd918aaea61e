"""The reads-like-a-claim rules (healthlint_claims.likely): a word-count model of overclaims by
category, on pages that read as promotional only, and the tool that builds it."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import healthlint_claims
from conftest import CAREFUL, SELLER, flagged, lint_page
from healthlint.rules.context import DocumentContext
from healthlint.text.document import from_text
from healthlint_claims import likely

ROOT = Path(__file__).resolve().parents[1]
STORY = "Within a month my energy came roaring back and my joints felt twenty again."


def test_a_story_no_phrase_rule_knows_is_read_as_an_anecdote_on_a_sellers_page_only():
    assert flagged(SELLER, STORY) == [("anecdote-as-evidence/reads-like-a-claim", STORY)]
    assert flagged(CAREFUL, STORY) == []


def test_the_message_names_the_words_that_weighed_most():
    category, score, words = likely.best(STORY, likely.load())
    assert category == "anecdote-as-evidence" and score > likely.load()["threshold"]
    assert words and all(likely.load()["detect"][w] > 0 for w in words)


def test_a_question_and_careful_advice_are_not_read_as_claims():
    assert flagged(SELLER, "Did your energy come roaring back within a month?") == []
    assert flagged(SELLER, "Talk to your doctor before you start any supplement.") == []


def test_directions_for_use_are_not_read_as_claims_and_a_three_word_line_is_not_read():
    """An instruction opens with one of the pack's `directions` ("Take", "Do not use"), in a list item
    too; the same words as a report of a result are read. Three words are too few to read."""
    assert flagged(SELLER, "Take one in three days.", "anecdote-as-evidence/") == []
    assert flagged(SELLER, "- **Take** one in three days.", "anecdote-as-evidence/") == []
    assert flagged(SELLER, "I took one in three days.", "anecdote-as-evidence/") == [
        ("anecdote-as-evidence/reads-like-a-claim", "I took one in three days.")]
    assert likely.best("How it works", likely.load()) is None


def test_a_trigger_gives_way_only_over_the_words_that_weighed_most():
    """A denial of something else in the sentence does not say the story otherwise; a condition
    over its words does. A gentle word beside a denial ("no needles") is left to the precise rule."""
    other = "It wasn't cheap, but " + STORY[0].lower() + STORY[1:]
    assert flagged(SELLER, other) == [("anecdote-as-evidence/reads-like-a-claim", other)]
    assert flagged(SELLER, "If you stick with it, " + STORY[0].lower() + STORY[1:]) == []
    assert flagged(SELLER, "No needles and no surgery: our gentle treatment uses light pulses.",
                   "invasiveness-mismatch/") == []



def test_a_denial_that_makes_the_claim_is_read_and_one_that_takes_it_back_is_not():
    """'you'll never have to think about your teeth again' is a benefit made by denying: its
    'never' weighs for the reading and does not say it otherwise. A denial of evidence ('no
    controlled data') says a figure's reading otherwise."""
    veneers = "Our veneers are built to last a lifetime, so you'll never have to think about your teeth again."
    page = DocumentContext.build(from_text(SELLER + veneers + "\n", "page.md"))
    sentence = page.sentence(page.sentence_at(len(SELLER)))
    found = likely.reading(sentence, likely.load())
    assert found is not None and "never" in " ".join(found[2]).split()  # read, its 'never' among the words that weighed
    assert flagged(SELLER, "We have no controlled data, said one of the doctors.", "unsourced-statistic/") == []


def test_every_category_of_the_model_has_words_for_the_writer():
    model = likely.load()
    assert set(model["weights"]) <= set(likely.KINDS)
    pack = {rule.info.id for rule in healthlint_claims.rules() if isinstance(rule, likely.ReadsLikeAClaim)}
    assert pack == {f"{likely.REPORTED_AS[c]}/reads-like-{c}" if c in likely.REPORTED_AS else f"{c}/reads-like-a-claim"
                    for c in model["weights"]}
    categories = {rule.info.category for rule in healthlint_claims.rules() if isinstance(rule, likely.ReadsLikeAClaim)}
    assert "discourages-care" not in categories  # the model's kind is reported in the taxonomy's category


def test_the_tool_builds_the_same_model_twice_from_the_annotated_sets(tmp_path):
    """Deterministic from tools/claim-model/ alone (the shipped model also read the NIH pages of the
    project's shared material, which a clone does not have): two processes (each its own hash
    seed) over the first four sets give the same bytes; all sets take ~7 s a build."""
    sets = tmp_path / "sets"
    for folder in sorted(p for p in (ROOT / "tools" / "claim-model").iterdir() if p.is_dir())[:4]:
        shutil.copytree(folder, sets / folder.name)
    outs = [tmp_path / "a.json", tmp_path / "b.json"]
    builds = [subprocess.Popen([sys.executable, str(ROOT / "tools" / "train_claim_model.py"), "--output", str(out),
                                "--sets", str(sets)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for out in outs]  # side by side
    assert [build.wait() for build in builds] == [0, 0]
    runs = [out.read_bytes() for out in outs]
    assert runs[0] == runs[1]
    model = json.loads(runs[0])
    assert isinstance(model["threshold"], float) and model["detect"] and "efficacy-overstatement" in model["weights"]


def test_a_reading_gives_way_to_a_finding_of_its_own_category_only():
    """'Our tea cures arthritis for good' reads as a cure claim, and a precise rule already says so:
    the reading gives way. 'Within a week the swelling had vanished' is a cure claim to a precise
    rule and reads as a customer's story: a second kind, so both are reported."""
    assert likely.best("Our tea cures arthritis for good.", likely.load())[0] == "cure-claim"
    assert flagged(SELLER, "Our tea cures arthritis for good.") == [
        ("cure-claim/permanent-relief", "cures arthritis for good")]
    assert flagged(SELLER, "Within a week the swelling had vanished.") == [
        ("anecdote-as-evidence/reads-like-a-claim", "Within a week the swelling had vanished."),
        ("cure-claim/condition-gone", "swelling had vanished")]


def test_a_reading_keeps_the_clauses_a_precise_finding_leaves():
    """A precise rule explains one clause of a sentence the model reads as a claim; the reading
    stays on the longest run of the other clauses, trimmed, with the rule's own message (the words
    it names may stand in the clause it left), and is dropped when what is left is under four words."""
    sentence = ("The heat tightens the soft palate and uvula by triggering new collagen, "
                "opening up your airway so air flows silently.")
    assert flagged(SELLER, sentence) == [
        ("efficacy-overstatement/treats-condition", "tightens the soft palate and uvula by triggering new collagen"),
        ("efficacy-overstatement/reads-like-a-claim", "opening up your airway so air flows silently")]
    reading = [f for f in lint_page(SELLER + sentence + "\n") if f["rule"] == "efficacy-overstatement/reads-like-a-claim"]
    assert [f["message"] for f in reading] == [
        "This reads as a health benefit stated as fact on a seller's page; it needs evidence a reader can check."]
    assert flagged(SELLER, "Our tea cures arthritis for good, truly.") == [
        ("cure-claim/permanent-relief", "cures arthritis for good")]
