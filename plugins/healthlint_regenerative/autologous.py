"""Reassurance that a patient's own cells carry no risk (autologous therefore safe)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import regex

from healthlint.lazyregex import lazy
from healthlint.rules import Match, Rule, RuleInfo

if TYPE_CHECKING:  # annotations only: importing the context module costs a cached run time
    from healthlint.rules.context import SentenceContext

_REASSURANCE = lazy(
    r"\b(?:no|zero|minimal|minimi[sz]\w*|reduc\w*|lower\w*|eliminat\w*|avoid\w*|little|without)\s+(?:the\s+|any\s+)?"
    r"(?:risk|chance|danger)s?\s+of\s+(?:\w+\s+)?(?:rejection|complications?|reactions?)\b"
    r"|\b(?:cannot|can't|won't|will\s+not)\s+be\s+rejected\b",
    regex.I,
)
_OWN_CELLS = lazy(
    r"\b(?:autologous|(?:patient|person|individual)['\u2019]s\s+own|your\s+own|their\s+own|own\s+(?:body|cells|fat|tissue|blood|bone\s+marrow))\b",
    regex.I,
)


class AutologousReassurance(Rule):
    """Flags 'no risk of rejection' reasoning when the text says the cells are the patient's own."""

    def check(self, ctx: SentenceContext) -> Iterable[Match]:
        text = ctx.document.text
        previous = ctx.neighbour(-1)
        scope_start = previous.start if previous is not None and previous.block == ctx.sentence.block else ctx.start
        if not _OWN_CELLS.search(text, scope_start, ctx.end) or ctx.cited():
            return
        for match in _REASSURANCE.finditer(text, ctx.start, ctx.end):
            yield Match(match.start(), match.end())


RULE = AutologousReassurance(
    RuleInfo(
        id="safety-claim/autologous-no-rejection",
        category="safety-claim",
        severity="warning",
        message="Using a patient's own cells avoids rejection, but not the real risks: infection, contamination, "
                "and harm from how the cells are processed and injected.",
        suggestion="Name the risks that remain with a source: 'even with your own cells, injections can cause "
                   "infection and, in reported cases, blindness or tumours [cite]'.",
        rationale=(
            "'Autologous, so no risk of rejection' is the most common reassurance in stem cell marketing. It answers "
            "a risk few readers worried about and stays silent on the ones that have harmed patients: FDA warnings "
            "describe infections, blindness after eye injections and tumours after spinal injections of patients' "
            "own processed cells."
        ),
        bad=("Stem cells can be sourced from the patient's own body, reducing the risk of rejection.",
             "The cells come from your own fat. This eliminates the risk of rejection."),
        good=("Donor organs carry a risk of rejection, so patients take immunosuppressants.",
              "The cells come from your own fat; infection is still possible."),
        pack="regenerative",
    ),
    keywords=("rejection", "rejected", "complication", "reaction"),
)
