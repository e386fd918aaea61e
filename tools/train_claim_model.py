"""Build plugins/healthlint_claims/claim_model.json, the word-count model of the reads-like-a-claim
rules (healthlint_claims/likely.py).

    python tools/train_claim_model.py [--output FILE] [--sets DIR] [CAREFUL_DIR ...]

Reads the annotated sets in tools/claim-model/ (or --sets DIR; each: promo/NAME.md with NAME.gold, a span and its
categories per line, and NAME.good, careful sentences of the same draft; careful/*.md, careful
pages): a sentence of a draft that holds a gold span is an overclaim of the span's first category;
the draft's other sentences, its good sentences (three times over) and the careful pages' sentences
are careful writing, with the sentences of any CAREFUL_DIR given (the shipped model also read the NIH
pages of the project's shared material). Sentences are those healthlint reads. `detect`, which tells
an overclaim (each sentence once, whatever its categories) from careful writing, is a logistic
regression over the words and pairs of words seen DETECT_MIN_COUNT times or more, each worth one
over the square root of the sentence's feature count plus one, as likely.best reads them: the
weights are `detect`, and the threshold is the score at which its probability reaches READ_AS_CLAIM (the
regression's bias folded in). For each category with at least 20 overclaims,
each word or pair seen twice in them gets the log ratio of its rate there to its rate in the other
overclaims (`weights`), and the category a `bias` for its share of them: these tell the kind. The
output is deterministic for the same input.
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from healthlint.claims.modifiers import default_context
from healthlint.rules.context import DocumentContext
from healthlint.text.document import from_text
from healthlint_claims.likely import MODEL, SAID_OTHERWISE, ReadsLikeAClaim, best, tokens

SETS = Path(__file__).with_name("claim-model")
# `detect` was a log ratio per feature (naive Bayes, threshold 1.0) until stop 38. The regression,
# trained on the same sentences, against it with the rules around it on sets neither was trained on
# (blind sets 124-131: 784 overclaims, 521 must-not spans): overclaims found in an accepted category
# 664 -> 666, must-not spans flagged 83 -> 70, FDA warning-letter claims 82 -> 85 of 89, strong
# findings on the blind careful pages (batches 2-7) 3.83 -> 4.27 per 1,000 (at READ_AS_CLAIM 0.08: 663, 66,
# 84 and 3.53); NIH pages unchanged (the model reads only promotional pages). Features seen fewer
# than five times are left out: with all seen twice, 2.5 times the features for the same scores.
DETECT_MIN_COUNT = 5
READ_AS_CLAIM = 0.065  # the regression's probability from which a sentence reads as an overclaim
EPOCHS = 8  # passes over the sentences, in an order shuffled with SEED
STEP = 0.5  # AdaGrad's step size
L2 = 1e-5
SEED = 0
MIN_COUNT = 2
SELLER = "Shop now. "  # the examples are read on a seller's page, as the rule reads
# The kind: each category's own overclaims against the other overclaims, plus five times the log of
# its share of them (nine sets left out in turn: 0.448 of overclaims found in an accepted category;
# 0.429 by ratios against careful writing and no prior; 1x the prior 0.427, 8x 0.445).
PRIOR_WEIGHT = 5.0
MIN_SENTENCES = 20  # fewer overclaims of a kind than this teach the words of a few drafts


def sentences(path: Path) -> list[tuple[int, int, str]]:
    text = path.read_text(encoding="utf-8")
    document = DocumentContext.build(from_text(text, str(path)))
    return [(s.start, s.end, text[s.start:s.end]) for s in document.sentences]


def gold(path: Path) -> list[tuple[str, str]]:
    """(span, first category) of each line of a draft's .gold file."""
    found = []
    for line in path.with_suffix(".gold").read_text(encoding="utf-8").splitlines():
        span, _, categories = line.partition("\t")
        if span and categories:
            found.append((span, categories.split(",")[0].strip()))
    return found


def examples(model: dict[str, Any], overclaims: dict[str, list[str]], careful: list[str]) -> dict[str, dict[str, str]]:
    """Each category's examples for its rule page and `healthlint test-rules`: the overclaim of the
    category that the model reads most surely as one, and the shortest careful sentence that it reads
    as no claim, each `plain` and after a seller's call to action."""

    directions = _directions()

    def plain(sentence: str) -> bool:
        """One line of 50 to 120 characters, a capital to a full stop, with no Markdown markup (a
        rule page quotes it), that nothing denies, hedges or reports and that gives no directions
        (the rule leaves such sentences alone)."""
        return (50 <= len(sentence) <= 120 and "\n" not in sentence and not any(mark in sentence for mark in "*_`[]")
                and sentence[0].isupper() and sentence[-1] in ".!"
                and not any(m.category in SAID_OTHERWISE for m in default_context().modifiers(sentence, 0, len(sentence)))
                and not (directions is not None and directions.match(sentence)))
    quiet = sorted((s for s in set(careful) if plain(s) and best(s, model) is None),
                   key=lambda s: (len(s), s))
    found = {}
    for category in sorted(model["weights"]):
        scored = [(b[1], s) for s in set(overclaims[category])
                  if plain(s) and (b := best(s, model)) and b[0] == category]
        if scored and quiet:
            found[category] = {"bad": SELLER + max(scored)[1], "good": SELLER + quiet[0]}
    return found


def _directions() -> Any:
    """The pack's pattern of how directions for use begin, as its reads-like-a-claim rules read it."""
    import healthlint_claims

    return next((rule.directions for rule in healthlint_claims.rules() if isinstance(rule, ReadsLikeAClaim)), None)


def ratios(sentences: list[str], others: list[str]) -> dict[str, float]:
    """Each feature seen MIN_COUNT times or more in `sentences`: the log ratio of its rate there to
    its rate in `others` (add-one smoothing)."""
    counts = Counter(f for sentence in sentences for f in tokens(sentence))
    background = Counter(f for sentence in others for f in tokens(sentence))
    n, m = len(sentences), len(others)
    found = {f: math.log((c + 1) / (n + 2)) - math.log((background[f] + 1) / (m + 2))
             for f, c in counts.items() if c >= MIN_COUNT}
    return {f: round(w, 3) for f, w in sorted(found.items())}


def regression(overclaims: list[str], careful: list[str]) -> tuple[dict[str, float], float]:
    """A logistic regression telling overclaims from careful sentences (see the module docstring):
    each kept feature's weight, rounded, and the score threshold."""
    counts = Counter(f for sentence in (*overclaims, *careful) for f in tokens(sentence))
    rows = []
    for label, sentences in ((1.0, overclaims), (0.0, careful)):
        for sentence in sentences:
            features = tokens(sentence)
            kept = sorted(f for f in features if counts[f] >= DETECT_MIN_COUNT)  # sorted: the same sums in any process
            rows.append((kept, 1.0 / math.sqrt(len(features) + 1), label))
    weights: dict[str, float] = defaultdict(float)
    squares: dict[str, float] = defaultdict(float)
    bias = bias_square = 0.0
    order = random.Random(SEED)
    for _ in range(EPOCHS):
        order.shuffle(rows)
        for kept, scale, label in rows:
            z = max(min(sum(weights[f] for f in kept) * scale + bias, 30.0), -30.0)
            error = 1.0 / (1.0 + math.exp(-z)) - label
            for f in kept:
                gradient = error * scale + L2 * weights[f]
                squares[f] += gradient * gradient
                weights[f] -= STEP * gradient / math.sqrt(squares[f] + 1e-8)
            bias_square += error * error
            bias -= STEP * error / math.sqrt(bias_square + 1e-8)
    threshold = math.log(READ_AS_CLAIM / (1 - READ_AS_CLAIM)) - bias
    return {f: round(w, 3) for f, w in sorted(weights.items()) if round(w, 3)}, round(threshold, 3)


def main(careful_dirs: list[str], output: Path = MODEL, sets: Path = SETS) -> None:
    overclaims: dict[str, list[str]] = defaultdict(list)
    pooled: list[tuple[str, set[str]]] = []  # every overclaim once, with its categories
    careful: list[str] = []
    for draft in sorted(sets.glob("*/promo/*.md")):
        text = draft.read_text(encoding="utf-8")
        spans = [(text.find(span), text.find(span) + len(span), category) for span, category in gold(draft)]
        for start, end, sentence in sentences(draft):
            kinds = {category for s, e, category in spans if s >= 0 and s < end and start < e}
            for category in kinds:
                overclaims[category].append(sentence)
            if kinds:
                pooled.append((sentence, kinds))
            else:
                careful.append(sentence)
        good = draft.with_suffix(".good")
        if good.exists():
            careful.extend([line for line in good.read_text(encoding="utf-8").splitlines() if line.strip()] * 3)
    pages = [*sorted(sets.glob("*/careful/*.md")), *(p for d in careful_dirs for p in sorted(Path(d).rglob("*.md")))]
    for page in pages:
        careful.extend(sentence for _, _, sentence in sentences(page))
    kinds = sorted(c for c in overclaims if len(overclaims[c]) >= MIN_SENTENCES)
    weights = {c: ratios(overclaims[c], [s for s, of in pooled if c not in of]) for c in kinds}
    bias = {c: round(PRIOR_WEIGHT * math.log(len(overclaims[c]) / len(pooled)), 3) for c in kinds}
    detect, threshold = regression([s for s, _ in pooled], careful)
    model = {"threshold": threshold, "detect": detect, "weights": weights, "bias": bias}
    model["examples"] = examples(model, overclaims, careful)
    output.write_text(json.dumps(model, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{output}: {len(model['detect'])} + {sum(len(w) for w in weights.values())} weights, "
          f"{len(careful)} careful sentences, {len(pooled)} overclaims, "
          + ", ".join(f"{c} {len(overclaims[c])}" for c in sorted(overclaims)))


if __name__ == "__main__":
    args, options = sys.argv[1:], {}
    while args[:1] in (["--output"], ["--sets"]):
        options[args[0][2:]] = Path(args[1])
        args = args[2:]
    main(args, **options)
