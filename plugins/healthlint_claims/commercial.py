"""commercial-conflict: the author sells what it praises ("At our clinic we provide ...")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import regex

from healthlint.lazyregex import lazy
from healthlint.rules import Match, Rule, RuleInfo

if TYPE_CHECKING:  # annotations only: importing the context module costs a cached run time
    from healthlint.rules.context import SentenceContext

_SELLER = lazy(
    r"\b(?:at|in|with)\s+our\s+(?:clinic|cent(?:er|re)|practice|facility|institute|office|team|hospital|lab)s?\b"
    r"|\bour\s+(?:clinic|cent(?:er|re)|practice|facility|institute|team|doctors|physicians|specialists|providers|staff)s?\s+"
    r"(?:offers?|provides?|uses?|performs?|specializ\w+|specialis\w+|administers?|delivers?)\b"
    r"|\bat\s+(?:(?-i:\p{Lu})[\w&.-]*\s+){1,4}(?:we|our\s+team)\s+(?:provide|offer|specializ\w+|specialis\w+|use|perform|deliver)\b"
    r"|\b(?:written|reviewed|provided|brought\s+to\s+you)\s+by\s+(?:a|an|our|the)?\s*(?:\w+\s+){0,2}?"
    r"(?:professional|doctor|physician|nurse|specialist|team|expert|staff)s?\s+(?:at|of|from)\s+(?-i:\p{Lu})[\w&.-]*",
    regex.I,
)
_DISCLOSURE = lazy(
    r"\b(?:conflicts?\s+of\s+interest|disclosure|we\s+(?:sell|are\s+paid|receive\s+payment)|sponsored\s+by|paid\s+(?:content|partnership)|advertisement)\b",
    regex.I,
)


class SellerPraise(Rule):
    """Flags text in which the publisher presents itself as the provider of the treatment, unless disclosed."""

    def check(self, ctx: SentenceContext) -> Iterable[Match]:
        text = ctx.document.text
        if ctx.document.once("commercial:disclosed", lambda doc: bool(_DISCLOSURE.search(doc.text))):
            return
        for match in _SELLER.finditer(text, ctx.start, ctx.end):
            if not ctx.negated(match.start()):
                yield Match(match.start(), ctx.end)
                return


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
             "regenerative medicine.", "At our clinic we provide stem cell injections for knee pain."),
        good=("Disclosure: we are a clinic that sells this treatment. At our clinic we provide injections.",
              "Ask whether the clinic sells the treatment it recommends."),
        pack="health-claims",
    ),
    keywords=("our ", " we ", "written by", "reviewed by", "provided by", "brought to you"),
)
