"""commercial-conflict: the author sells what it praises ("At our clinic we provide ...")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from healthlint.lazyregex import lazy
from healthlint.rules import Match, Rule, RuleInfo

if TYPE_CHECKING:  # annotations only: importing the context module costs a cached run time
    from healthlint.claims.rule import Analyzer
    from healthlint.rules.context import SentenceContext

# The publisher named as the place of care ("at our clinic"): a seller's page's, not a hospital's
# leaflet on its own wards or trials ("every study at our hospital is reviewed by ...").
_SELLER_PLACE = lazy(r"\b(?:at|in|with)\s+our\s+(?:clinic|cent(?:er|re)|practice|facility|institute|office|team|hospital|lab)s?\b",
                     regex.I)
# The publisher offering the treatment or writing about it ("At Stemedix we provide ..."), on any page.
_SELLER = lazy(
    r"\bour\s+(?:clinic|cent(?:er|re)|practice|facility|institute|team|doctors|physicians|specialists|providers|staff)s?\s+"
    r"(?:offers?|provides?|uses?|performs?|specializ\w+|specialis\w+|administers?|delivers?)\b"
    r"|\bat\s+(?:our\s+[\w-]+|(?:(?-i:\p{Lu})[\w&.-]*\s+){0,3}(?-i:\p{Lu})[\w&.-]*),?\s+(?:we|our\s+team)\s+(?:provide|offer|specializ\w+|specialis\w+|use|perform|deliver)\b"
    r"|\b(?:written|reviewed|provided|brought\s+to\s+you)\s+by\s+(?:a|an|our|the)?\s*(?:\w+\s+){0,2}?"
    r"(?:professional|doctor|physician|nurse|specialist|team|expert|staff)s?\s+(?:at|of|from)\s+(?-i:\p{Lu})[\w&.-]*",
    regex.I,
)
# The writer's own product or lab, named beside the advice ("our Glucose Balance stack, which I
# personally formulated", "I made my own mix", "run through his own ClearPath lab"): on a page that
# reads as promotional, the adviser is the seller.
_OWN_PRODUCT = lazy(
    r"\b(?:I|we)\s+(?:\w+\s+){0,4}?(?:formulated|created|developed|designed|made|launched|invented|built)\s+(?:my|our)\s+own\b"
    r"|\b(?:which|that)\s+(?:I|we)\s+(?:personally\s+|ourselves\s+)?(?:formulated|developed|designed|created|invented)\b"
    r"|\b(?:formulated|developed|designed|created|made|invented)\s+(?:it|this|them|something|(?:the\s+)?(?:[\w-]+\s+){1,2}?)"
    r"(?:myself|ourselves|himself|herself)\b"
    r"|\b(?:my|our|his|her|[\w-]+[\x27\u2019]s)\s+own\s+(?:[\w-]+\s+){0,2}?(?:brand|line|formula|mix|blend|supplements?|stack|lab"
    r"|range|protocol|products?|clinic)\b",
    regex.I,
)
_DISCLOSURE = lazy(
    r"\b(?:conflicts?\s+of\s+interest|disclosure|we\s+(?:sell|are\s+paid|receive\s+payment)|sponsored\s+by|paid\s+(?:content|partnership)|advertisement)\b",
    regex.I,
)


@dataclass
class SellerPraise(Rule):
    """Flags text in which the publisher presents itself as the provider of the treatment, unless
    disclosed: as offering it or writing about it on any page, as the place of care ("at our
    clinic") or the maker of its own product ("which I personally formulated") on a page that reads
    as promotional (a hospital's leaflet on its own trials is not selling)."""

    analyzer: Analyzer | None = None  # the pack's claims analyzer, for the document's register

    def check(self, ctx: SentenceContext) -> Iterable[Match]:
        text = ctx.document.text
        if ctx.document.once("commercial:disclosed", lambda doc: bool(_DISCLOSURE.search(doc.text))):
            return
        patterns = [_SELLER]
        if self.analyzer and self.analyzer.reads_promotional(ctx.document):
            patterns += [_SELLER_PLACE, _OWN_PRODUCT]
        said = [m.start() for pattern in patterns for m in pattern.finditer(text, ctx.start, ctx.end)
                if not ctx.negated(m.start())]
        if said:
            yield Match(min(said), ctx.end)


RULE = SellerPraise(
    RuleInfo(
        id="commercial-conflict/seller-as-author",
        category="commercial-conflict",
        severity="warning",
        message="The author appears to sell the treatment it describes, and no conflict of interest is disclosed.",
        suggestion="Disclose the interest plainly at the top ('We are a clinic that sells this treatment') "
                   "and keep marketing out of the health information.",
        rationale=(
            "A clinic's blog post about the treatment it sells is advertising, whatever its tone. Readers weigh "
            "information differently when they know the writer profits from their decision; HealthNewsReview.org "
            "and medical journals require such conflicts to be disclosed."
        ),
        bad=("This post was written by a medical professional at Stemedix Inc. At Stemedix we provide access to "
             "regenerative medicine.", "At our clinic we provide stem cell injections for knee pain.",
             "Order today and save 20%. Try our Glucose Balance stack, which I personally formulated."),
        good=("Disclosure: we are a clinic that sells this treatment. At our clinic we provide injections.",
              "Ask whether the clinic sells the treatment it recommends."),
        pack="health-claims",
    ),
    keywords=("our ", " we ", "written by", "reviewed by", "provided by", "brought to you", "own ", "formulated",
              "developed", "designed", "created", "invented"),
)
