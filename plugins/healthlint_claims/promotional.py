"""Phrase rules that fire only on pages that read as promotional (`promotional.toml`).

A price, a booking link or "FDA cleared" on a seller's page is a sales claim; on a public-health
page ("book an appointment with your GP", "the FDA approved the vaccine in 2021") it is help. The
rules are ordinary phrase rules; each match stands only when the document's register, measured by
the pack's `[register]` cues in rules.toml, is promotional.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from healthlint.rules import Match
from healthlint.rules.phrase import PhraseRule

if TYPE_CHECKING:
    from healthlint.claims.rule import Analyzer
    from healthlint.rules.context import SentenceContext


@dataclass
class PromotionalPhraseRule(PhraseRule):
    """A phrase rule whose matches count only in a promotional document."""

    analyzer: Analyzer | None = None  # the pack's claims analyzer, for the document's register

    def check(self, ctx: SentenceContext) -> Iterable[Match]:
        register = self.analyzer.register(ctx.document) if self.analyzer else None  # once per document
        if register is not None and not register.promotional:
            return ()
        return super().check(ctx)


def promotional_only(rule: PhraseRule, analyzer: Analyzer) -> PromotionalPhraseRule:
    """`rule`, gated by the register that `analyzer` measures."""
    return PromotionalPhraseRule(**{f.name: getattr(rule, f.name) for f in fields(rule)}, analyzer=analyzer)
