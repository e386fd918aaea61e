"""anecdote-as-evidence: a customer's words set apart as a quotation on a seller's page.

Sellers set testimonials apart: a block quotation, or a paragraph in quotation marks, signed with
a dash and a name ("> "Zero side effects and I sleep again." / > - Mike, 31"). Its sentences need
no customer word, first person or outcome verb to be a testimonial ("Drill-free for life!"); the
layout says so. The rule reads the layout (the core's "quote" blocks) and the pack's register.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from healthlint.lazyregex import lazy
from healthlint.rules import Match, Rule, RuleInfo

if TYPE_CHECKING:  # annotations only: importing the context module costs a cached run time
    from healthlint.claims.rule import Analyzer
    from healthlint.rules.context import DocumentContext, SentenceContext
    from healthlint.rules.phrase import LazyPattern

_OPENS = "\"\u201c\u201e\u00ab"
_QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb"
# A signature: a dash at the start of a line, after the closing quotation mark or after the end
# of a sentence, then a name (a capital letter: "The Nguyen family") and at most a short line,
# as in "- Jenna P., 34", '..." -- Mike_T' or "The pain was gone. - Karen, Ohio"; or, straight
# after the closing quotation mark, any short line ('..." - verified buyer', '..." - customer review').
_SIGNATURE = lazy(r"(?<=(?:^|[\n\"\u201d\u00bb]|[.!?][)\"\u201d\u00bb]?[ \t])[ \t>*_]*)(?:[\u2014\u2013]|--?(?=\s))\s*"
                  r"(?-i:\p{Lu})(?=[^\n]{0,80}(?:\n|$))"
                  r"|(?<=[\"\u201d\u00bb][ \t]*)(?:[\u2014\u2013]|--?(?=\s))[ \t]*\w(?=[\w ,.'\u2019-]{0,40}(?:\n|$))", regex.I)
_WORD = lazy(r"\w")


@dataclass
class SetApartTestimonial(Rule):
    """Flags a testimonial set apart from the text (a block quotation that opens with a quotation
    mark, or a signed block quotation or paragraph) on a page that reads as promotional: one
    finding over its words, from its first sentence; the signature is left out."""

    analyzer: Analyzer | None = None  # the pack's claims analyzer, for the document's register
    # The pack's `seller-signatures`: a signature that names the seller's own people ("- HydroVita
    # Seller", "- The Care Team") signs an answer, not a customer's story.
    seller_signed: LazyPattern | None = None

    def check(self, ctx: SentenceContext) -> Iterable[Match]:
        spans = ctx.document.once("testimonials:blocks", lambda d: _testimonial_blocks(d, self.seller_signed))
        if not spans:
            return
        at = bisect.bisect_right(spans, (ctx.start, len(ctx.document.text))) - 1
        if at < 0 or not spans[at][0] <= ctx.start < spans[at][1]:
            return
        block_start, block_end = spans[at]
        starts = ctx.document.sentences.starts
        if ctx.index and starts[ctx.index - 1] >= block_start:
            return  # one finding per testimonial, made at its first sentence
        if not self._promotional(ctx.document):
            return
        text, start, end = ctx.document.text, ctx.start, block_end
        signed = _SIGNATURE.search(text, start, end)
        if signed:
            end = signed.start()
        while start < end and (text[start] in _QUOTES or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in _QUOTES or text[end - 1].isspace()):
            end -= 1
        if _WORD.search(text, start, end):
            yield Match(start, end)

    def _promotional(self, document: DocumentContext) -> bool:
        return bool(self.analyzer and self.analyzer.reads_promotional(document))


def _testimonial_blocks(document: DocumentContext, seller: LazyPattern | None = None) -> list[tuple[int, int]]:
    """The (start, end) of each testimonial set apart: a block quotation that opens with a
    quotation mark, or a block quotation or paragraph that is signed, but not by the seller's own
    people (`seller` names them). In a signed paragraph that is not in quotation marks, the
    testimonial is the sentence the signature ends."""
    text, found = document.text, []
    for block in document.regions.blocks:
        if block.kind not in ("quote", "paragraph"):
            continue
        opens = text[block.start] in _OPENS
        signed = _SIGNATURE.search(text, block.start + 1, block.end)
        if signed and seller is not None:
            line_end = text.find("\n", signed.start(), block.end)
            if seller.search(text, signed.start(), block.end if line_end < 0 else line_end):
                continue
        if (block.kind == "quote" and (opens or signed)) or (signed and opens):
            found.append((block.start, block.end))
        elif signed:
            found.append((_sentence_before(document, signed.start(), block.start), block.end))
    return found


def _sentence_before(document: DocumentContext, signature: int, floor: int) -> int:
    """The start of the sentence that the signature at `signature` closes."""
    starts = document.sentences.starts
    at = max(bisect.bisect_right(starts, signature) - 1, 0)
    if at and not _WORD.search(document.text, starts[at], signature):
        at -= 1  # the signature is a sentence of its own: the one before it is the testimonial
    return max(starts[at], floor)


RULE = SetApartTestimonial(
    RuleInfo(
        id="anecdote-as-evidence/set-apart-testimonial",
        category="anecdote-as-evidence",
        severity="warning",
        message="A customer's quoted words, set apart and signed, are offered as proof that the product works; "
                "one person's story cannot show that it caused the change.",
        suggestion="Report what controlled studies found, with a source; if you keep the quotation, say that it is "
                   "one person's experience and that results vary.",
        rationale=(
            "Sellers set testimonials apart from their text, in a block quotation or in quotation marks signed "
            "with a name ('- Jenna P., 34'), so that each reads as a verdict: 'Drill-free for life!', 'Zero side "
            "effects.' People improve for many reasons (the natural course of an illness, other treatment, "
            "expectation), and a seller chooses the stories that worked; the FTC treats testimonials in "
            "advertising as the seller's own claims, which need the same evidence. Fires only on pages that "
            "read as promotional: a news story or a public-health page may quote a patient."
        ),
        bad=('Order FlexiPaw today and save 20%.\n\n> "Our vet couldn\'t believe the difference."\n> \u2014 Tom R., 58',
             'Book your free consultation now!\n\n"Three years of Botox and not a single new wrinkle."\n\u2014 Megan T., 31',
             'Join our walking programme today.\n\n> I can walk to the shops again.\n> \u2014 Ellen and Roy, Leeds',
             'Order today. After three sessions the pain was gone. \u2014 Karen, Ohio',
             'Order today.\n\n"Not one cold in our house all winter." - verified buyer'),
        good=('Talk to your doctor about the risks and side effects. In a clinical trial, researchers found '
              'a small effect.\n\n> "We need larger trials," said Dr. Chen.',
              'Order today and save 20%.\n\n> Note: results vary from person to person.',
              'Order today. The guideline was updated in 2020 \u2014 Atlanta, Georgia, is where the agency sits.',
              'Order today and save 20%.\n\nA: Orders ship within two days. \u2014 *GlowCo Seller*'),
        pack="health-claims",
    ),
)
