"""missing-harms: a document that promotes a treatment and never discusses its risks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import regex

from healthlint.lazyregex import lazy
from healthlint.rules import DocumentRule, Match, RuleInfo

if TYPE_CHECKING:  # annotations only: importing the context module costs a cached run time
    from healthlint.context import DocumentContext

# Words that talk about a treatment, and words that promote one.
_TREATMENT = lazy(r"\b(?:therap(?:y|ies)|treatments?|injections?|infusions?|procedures?|protocols?|supplements?)\b", regex.I)
_PROMOTION = lazy(
    r"\b(?:hope|hopeful|promising|promise|beacon|breakthroughs?|revolution\w*|exciting|remarkable|transform\w*"
    r"|regenerat\w*|restor\w*|relief|benefits?|advantages?|heal(?:s|ed|ing)?|powerful|frontier|innovative"
    r"|cutting-edge|effective|potential|improv\w*)\b", regex.I)
# A real harms discussion: risks, side effects, adverse events, named harms, or safety that is in doubt.
_HARM = lazy(
    r"\b(?:side[- ]effects?|adverse\s+(?:effects?|events?|reactions?)|complications?|harms?|harmful|dangers?|dangerous"
    r"|risks?|risky|infections?|tumou?rs?|toxicity|contraindicat\w+|caution|warnings?|unsafe"
    r"|safety\s+(?:\w+\s+){0,3}(?:yet\s+to\s+be|not\s+(?:been\s+)?(?:established|known|proven)|unknown|concerns?))\b", regex.I)
# Mentions that do not discuss harms: reassurance, or the risk of getting the disease itself.
_NOT_A_HARM = lazy(
    r"\b(?:minimi[sz]\w*|reduc\w*|lower\w*|fewer|less|minimal|no|without|free\s+of|eliminat\w*)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    r"(?:side[- ]effects?|risks?|complications?|harms?)"
    r"|\b(?:side[- ]effects?|adverse\s+\w+|risks?|complications?)\s+(?:are|is|were)\s+(?:\w+\s+)?(?:minimal|rare|negligible|low|mild)"
    r"|\b(?:higher|increased|greater|lower|slightly\s+\w+)\s+risk\s+of\s+(?:developing|getting|having)"
    r"|\brisk\s+(?:of|for)\s+(?:developing|getting)"
    r"|\b(?:risk\s+factors?|at\s+risk)\b", regex.I)
MIN_TREATMENT_MENTIONS = 5
MIN_PROMOTION_MENTIONS = 5
MIN_PROMOTION_PER_100_WORDS = 2.0  # clinic posts measured 3 to 5; careful NIH pages at most 1.4


def _at_least(pattern: regex.Pattern[str], text: str, count: int) -> bool:
    """True when `pattern` occurs at least `count` times (stops counting there)."""
    for seen, _ in enumerate(pattern.finditer(text), start=1):
        if seen >= count:
            return True
    return count <= 0


def _word_count(text: str, piece: int = 1 << 20) -> int:
    """len(text.split()) without holding every word at once (a 50 MB text has millions): split
    a piece at a time, each ending at white space so that no word is cut in two."""
    count = start = 0
    while start < len(text):
        end = min(len(text), start + piece)
        while end < len(text) and not text[end].isspace():
            end += 1
        count += len(text[start:end].split())
        start = end
    return count


class MissingHarms(DocumentRule):
    """Flags a document that promotes a treatment and never discusses risks, side effects or harms."""

    def check_document(self, ctx: DocumentContext) -> Iterable[Match]:
        text = ctx.text
        if not _at_least(_TREATMENT, text, MIN_TREATMENT_MENTIONS):
            return
        words = _word_count(text) or 1
        needed = max(MIN_PROMOTION_MENTIONS, int(words * MIN_PROMOTION_PER_100_WORDS / 100))
        if not _at_least(_PROMOTION, text, needed):
            return
        for sentence in ctx.sentences:
            piece = text[sentence.start:sentence.end]
            if _HARM.search(piece) and not _NOT_A_HARM.search(piece):
                return
        first = ctx.sentences[0] if ctx.sentences else None
        yield Match(first.start, first.end) if first else Match(0, 0)


RULE = MissingHarms(
    RuleInfo(
        id="missing-harms/no-risks-discussed",
        category="missing-harms",
        severity="warning",
        message="This text promotes a treatment but never discusses its risks, side effects or harms.",
        suggestion="Add what can go wrong and how often (side effects, complications, cost, the chance it does not work), "
                   "with sources.",
        rationale=(
            "Benefits without harms is advertising. HealthNewsReview.org's criteria ask every story about a "
            "treatment to discuss its harms; the FDA's warnings on unapproved stem cell products list infections, "
            "tumours and blindness. A reader cannot weigh a decision on half the facts. The rule looks at the whole "
            "document and points at its first line."
        ),
        bad=("Stem cell therapy offers hope. Its benefits are remarkable: patients improve, pain is relieved, and the "
             "treatment restores function. This promising treatment is an advance. The injections are a breakthrough "
             "therapy, and the procedure is easy.",),
        good=("Stem cell therapy offers hope. Its benefits are uncertain: some patients improve and pain may be relieved. "
              "This promising treatment is an advance. The injections are a new therapy, and the procedure carries "
              "risks, including infection.",),
        pack="health-claims",
    ),
    keywords=("therap", "treatment", "injection", "infusion", "procedure", "protocol", "supplement"),
)
