"""Document register: how promotional a document reads, as a shared per-document fact.

A seller's page talks to "you" about "our" product, offers, prices and booking, and quotes
customers; a public-health page talks about research, risks and "your doctor". The cues are
vocabularies named by the pack (`[register]` in its rules file); this module only counts them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from healthlint.claims.concepts import Mention


@dataclass(frozen=True)
class Register:
    """Cue counts of one document and the verdict drawn from them."""

    promotional_cues: int
    careful_cues: int
    sentences: int
    threshold: float  # promotional cues, net of careful ones, per sentence

    @property
    def score(self) -> float:
        return (self.promotional_cues - self.careful_cues) / max(self.sentences, 4)

    @property
    def promotional(self) -> bool:
        """Net promotional cues reach `threshold` per sentence; a text with no cue either way (a
        label, a claim quoted on its own) is read as the seller's own words."""
        if self.promotional_cues == 0 and self.careful_cues == 0:
            return True
        return self.score >= self.threshold


@dataclass
class RegisterSpec:
    promotional: tuple[str, ...]
    careful: tuple[str, ...]
    threshold: float

    def count(self, mentions: Iterable[Mention], sentences: int) -> Register:
        """The register of a document of `sentences` sentences with these concept mentions."""
        promotional = careful = 0
        wanted_promotional, wanted_careful = set(self.promotional), set(self.careful)
        for mention in mentions:
            promotional += mention.concept in wanted_promotional
            careful += mention.concept in wanted_careful
        return Register(promotional, careful, sentences, self.threshold)
