"""Claims worded in no way the other rules know: a sentence on a seller's page whose words are
those of overclaims of one kind, by a word-count model learned from annotated drafts.

The phrase and claim rules catch what someone foresaw; sellers in a new genre word the same claims
otherwise. `claim_model.json` holds, for each word or pair of words, its weight in a logistic
regression that tells overclaims of any kind from careful sentences (`detect`), and for each
category the log ratio of its rate in that category's overclaims against the other overclaims
(tools/train_claim_model.py builds it from the annotated drafts and careful pages in
tools/claim-model/). A sentence whose words' weights, summed over the square root of its word
count, pass the model's threshold reads as an overclaim; it
is flagged in the category whose ratios (and share of overclaims) sum highest, with the words that
weighed most named in the message. Only on pages that read as promotional (the pack's register):
the model knows how overclaims read, not who is speaking.
"""

from __future__ import annotations

import heapq
import itertools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from healthlint.deferred import Deferred
from healthlint.lazyregex import lazy
from healthlint.rules import Match, Rule, RuleInfo
from healthlint_claims.invasiveness import said_of_the_non_invasive

if TYPE_CHECKING:
    from healthlint.claims.rule import Analyzer
    from healthlint.rules.context import SentenceContext

MODEL = Path(__file__).with_name("claim_model.json")
SAID_OTHERWISE = frozenset({"negated", "hedged", "reported", "hypothetical", "conditional"})
# Kinds read from what a sentence denies ("no needles, no surgery"): whether the procedure it is
# said of is gentle is for the precise rule, which knows what the page does, so any trigger in the
# sentence lets it be. A reading of another kind gives way only to a trigger over its weightiest words.
WHOLE_SENTENCE = frozenset({"invasiveness-mismatch"})
# Kinds whose claims are made by denying ("it can't come back", "you'll never have to think about it
# again", "your body cannot shift it on its own"): a negation word that weighs for such a reading is
# the claim's own, and neither it nor its scope says the claim otherwise ("again" in "you'll never
# have to think about your teeth again"). For other kinds ("We have no controlled data", "no
# financial relationship") the negation says it otherwise.
DENIAL_MADE = frozenset({"efficacy-overstatement", "cure-claim", "safety-claim"})
_WORD = lazy(r"[a-z0-9%$\u00a3\u20ac']+")

# What each category's finding tells the writer, after "This reads as ...".
KINDS = {
    "cure-claim": ("a promise that the condition will be gone",
                   "Say what changed, in how many people and for how long, with a source [cite]."),
    "efficacy-overstatement": ("a health benefit stated as fact",
                               "Say what a study found, in whom and by how much [cite], or describe the product "
                               "without the benefit."),
    "safety-claim": ("a promise of safety", "Name the known side effects and who should not use it, with a source."),
    "regulatory-claim": ("an approval or a licence offered as proof",
                         "Say exactly what was approved or registered, for what, and that it is not proof the product works."),
    "invasiveness-mismatch": ("a gentle word for a procedure",
                              "Describe what is done (needles, incisions, anaesthesia) and the recovery."),
    "uncited-evidence": ("evidence invoked without a source", "Name the study and link it [cite], or drop the appeal."),
    "unsourced-statistic": ("a figure with no source", "Give the figure's source, who was counted and when [cite]."),
    "anecdote-as-evidence": ("a customer's story offered as proof",
                             "Label it as one person's experience, or replace it with what a controlled study found [cite]."),
    "hype": ("sales hype", "Say plainly what the product is and what is known about it."),
    "discourages-care": ("a nudge away from standard care",
                         "Present the product beside standard care, not instead of it; tell readers to change treatment "
                         "only with their doctor."),
    "commercial-conflict": ("sales pressure inside health information",
                            "Separate the offer from the information and disclose what you sell."),
}


# A kind the model learned that the findings taxonomy has no category for: reported in the category
# it belongs to ("you won't need your inhaler" overstates what the product does), with a rule id
# that keeps the kind ("efficacy-overstatement/reads-like-discourages-care").
REPORTED_AS = {"discourages-care": "efficacy-overstatement"}


MIN_WORDS = 4  # a heading or a label of three words ("How it works") is too little to read a claim in


def tokens(text: str) -> set[str]:
    """The sentence's lowercase words and pairs of adjacent words: the model's features."""
    return _features(_WORD.findall(text.lower()))


def _features(words: list[str]) -> set[str]:
    return {*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))}


@cache
def load(path: Path = MODEL) -> dict[str, Any]:
    """The model: {"threshold": float, "detect": {feature: ratio}, "weights": {category: {feature:
    ratio}}, "bias": {category: float}, "examples": {category: {"bad": str, "good": str}}}."""
    with open(path, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def best(text: str, model: dict[str, Any]) -> tuple[str, float, list[str]] | None:
    """When the sentence reads as an overclaim (its score by the `detect` ratios, of all overclaims
    against careful sentences, is above the model's threshold): the category whose overclaims it
    reads most like among overclaims (`bias` plus its `weights`), the score and the (up to three)
    words that weighed most for an overclaim. None otherwise, or when the sentence has fewer than
    MIN_WORDS words."""
    found = _detected(text, model)
    if found is None:
        return None
    features, score = found
    detect = model["detect"]
    # Only sentences that read as overclaims get here: a look-up per category and feature is cheap.
    kinds = model["kinds"].get() if "kinds" in model else _kinds(model)  # see reading_model
    sums = dict.fromkeys(kinds["bias"], 0.0)
    by_feature = kinds["by_feature"]
    for feature in features:
        for category, weight in by_feature.get(feature, ()):
            sums[category] += weight
    totals = {category: bias + sums[category] for category, bias in kinds["bias"].items()}
    category = max(sorted(totals), key=totals.__getitem__)
    weighed = heapq.nlargest(3, ((detect[f], f) for f in features if f in detect))
    return category, score, [f for w, f in weighed if w > 0]


def _detected(text: str, model: dict[str, Any]) -> tuple[set[str], float] | None:
    """The sentence's features and score by `detect`, when the score passes the threshold."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    features = _features(words)
    score = sum(w for w in map(model["detect"].get, features) if w is not None) / math.sqrt(len(features) + 1)
    return (features, score) if score > model["threshold"] else None


@dataclass
class ReadsLikeAClaim(Rule):
    """One category's findings of the model (a rule per category, so that each keeps its id)."""

    category: str = ""
    analyzer: Analyzer | None = None
    directions: regex.Pattern[str] | None = None  # how an instruction begins (the pack's `directions`)
    # The parts of the model a reading needs (see reading_model), one object for all the categories'
    # rules: kept with the built rules, so a run that finds them kept reads no JSON, and unpickled
    # only when a page first needs a reading (most careful pages never do).
    model: Deferred[dict[str, Any]] | None = None

    def applies(self, ctx: Any) -> bool:
        """On a page that reads as promotional by cues of its own (a text with no cue at all, which
        other rules take for the seller's words, is too little to read a style by)."""
        register = self.analyzer.register(ctx) if self.analyzer else None
        return bool(register and register.promotional and register.promotional_cues)

    def check(self, ctx: SentenceContext) -> Iterable[Match]:
        # in a 1-tuple: the cache takes None for "not yet computed", and most sentences read as no claim
        (found,) = ctx.document.per_sentence(
            "likely-claim", ctx.index,
            lambda: (reading(ctx, self.model.get() if self.model else load(), self.directions),))
        if found is None or found[0] != self.category:
            return
        words = ", ".join(f"'{w}'" for w in found[2])
        kind, _ = KINDS[self.category]
        yield Match(ctx.start, ctx.end, message=(
            f"This reads as {kind} on a seller's page, worded as such claims are ({words}); "
            "it needs evidence a reader can check."))

    def holds_in(self, text: str) -> bool:
        """The clauses a precise rule's finding left still read, on their own, as an overclaim of
        this rule's kind."""
        found = best(text, self.model.get() if self.model else load())
        return found is not None and found[0] == self.category


def reading(ctx: SentenceContext, model: dict[str, Any],
            directions: regex.Pattern[str] | None = None) -> tuple[str, float, list[str]] | None:
    """The model's reading of the sentence (best), unless it is a question, cited or an instruction
    (it opens with one of `directions`: "Take one in three days"), a gentle word for what is truly
    non-invasive (a scan, a test: as invasiveness-mismatch/gentle-procedure reads it), or a ConText trigger denies,
    hedges or reports the words that weighed most for it (any trigger, for a kind in
    WHOLE_SENTENCE): the model reads words, not what is said of them. Made once per sentence
    for all the categories' rules, the model first (most sentences stop there)."""
    found = best(ctx.text, model)
    if found is None or ctx.silenced(frozenset({"question", "cited"})):
        return None
    said_otherwise = [m for m in ctx.modifiers() if m.category in SAID_OTHERWISE]
    if said_otherwise and (found[0] in WHOLE_SENTENCE or _covered(ctx, found[0], found[2], said_otherwise)):
        return None
    if directions is not None and directions.match(ctx.document.text, ctx.start, ctx.end):
        return None
    if found[0] == "invasiveness-mismatch" and said_of_the_non_invasive(ctx):
        return None  # as the precise rule: "our foot scan is completely non-invasive" is true
    return found


def _covered(ctx: SentenceContext, category: str, words: list[str], modifiers: list[Any]) -> bool:
    """One of the words that weighed most for the reading is a modifier's trigger ("could",
    "said") or in its scope, or none of them can be found: a trigger elsewhere in the sentence
    ("It is not cheap, but it melts fat away") does not say the claim otherwise, nor, for a kind
    in DENIAL_MADE, a negation that is itself among the weighed words."""
    tokens = [(m.group(), m.start()) for m in _WORD.finditer(ctx.text.lower())]  # as the model reads them
    found: list[tuple[int, int]] = []  # where the weighed words are, in the document
    for feature in words:  # a word or a pair of adjacent words
        parts = feature.split(" ")
        for i in range(len(tokens) - len(parts) + 1):
            if all(tokens[i + k][0] == part for k, part in enumerate(parts)):
                last = tokens[i + len(parts) - 1]
                found.append((ctx.start + tokens[i][1], ctx.start + last[1] + len(last[0])))
    if category in DENIAL_MADE:  # a denial among the weighed words makes the claim: its scope does not take it back
        modifiers = [m for m in modifiers if not (m.category == "negated" and any(
            start < m.end and m.start < end for start, end in found))]
    return not found or any(m.covers(at) or m.start <= at < m.end for at, _ in found for m in modifiers)


def reading_model(model: dict[str, Any]) -> dict[str, Any]:
    """What best() reads of the model (not its examples). The categories' parts wait in a Deferred
    of their own: only a sentence that reads as an overclaim needs them, and unpickling them is
    half of unpickling the model (~1.5 ms of a run whose page reads as promotional)."""
    return {"threshold": model["threshold"], "detect": model["detect"], "kinds": Deferred(_kinds(model))}


def _kinds(model: dict[str, Any]) -> dict[str, Any]:
    """The categories' parts of the model: their bias, and each feature's weights by category
    (most features weigh in one category: a sentence adds up only the weights it has)."""
    by_feature: dict[str, list[tuple[str, float]]] = {}
    for category, weights in model["weights"].items():
        for feature, weight in weights.items():
            if weight:
                by_feature.setdefault(feature, []).append((category, weight))
    return {"bias": model["bias"], "by_feature": {f: tuple(pairs) for f, pairs in by_feature.items()}}


@dataclass
class ClaimReader:
    """Whether a sentence reads as an overclaim to the model, whatever its kind (best): the pack's
    register asks it of a page that sells in its own voice but nets careful by its cues."""

    model: Deferred[dict[str, Any]]

    def __call__(self, sentence: str) -> bool:
        return _detected(sentence, self.model.get()) is not None


def rules(analyzer: Analyzer) -> list[ReadsLikeAClaim]:
    """A rule for each category the model knows; the analyzer's register gets the model's reading
    (ClaimReader)."""
    model = Deferred(reading_model(load()))
    analyzer.claim_reader = ClaimReader(model)
    directions = None
    if "directions" in analyzer.lexicon:  # markup first: "- Take one daily", "**Use** twice a day"
        opener = (rf"(?:{analyzer.lexicon.pattern('direction-openers')}\s*,\s*)?"
                  if "direction-openers" in analyzer.lexicon else "")
        directions = regex.compile(r"[\s#>*_+-]*" + opener + analyzer.lexicon.pattern("directions"), regex.I)
    return [ReadsLikeAClaim(
        RuleInfo(
            id=f"{REPORTED_AS[category]}/reads-like-{category}" if category in REPORTED_AS else f"{category}/reads-like-a-claim",
            category=REPORTED_AS.get(category, category),
            severity="info",
            message=f"This reads as {KINDS[category][0]} on a seller's page; it needs evidence a reader can check.",
            suggestion=KINDS[category][1],
            rationale=(
                "Sellers in a new genre word their claims in ways no list foresees. This rule compares the "
                "sentence's words with those of annotated overclaims of every kind and of careful writing "
                "(tools/claim-model/); on a page that reads as promotional, a sentence that reads far more like "
                "the first is flagged in the kind whose overclaims it reads most like, with the words that weighed "
                "most. It is a reading, not a proof: check the sentence, and suppress it with a reason if it is fair."
            ),
            bad=_example(category, "bad"),
            good=_example(category, "good"),
            pack="health-claims",
            fallback=True,
            formerly=(f"{category}/reads-like-a-claim", category) if category in REPORTED_AS else (),
        ),
        category=category, analyzer=analyzer, directions=directions, model=model)
        for category in sorted(load()["weights"])]


def _example(category: str, kind: str) -> tuple[str, ...]:
    """The model's example sentence of this kind for the category (chosen by the tool that builds it)."""
    example = load().get("examples", {}).get(category, {}).get(kind)
    return (example,) if example else ()
