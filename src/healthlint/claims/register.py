"""Document register: how promotional a document reads, as a shared per-document fact.

A seller's page talks to "you" about "our" product, offers, prices and booking, and quotes
customers; a public-health page talks about research, risks and "your doctor". The cues are
vocabularies named by the pack (`[register]` in its rules file); this module only counts them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from healthlint.claims.concepts import Mention


class Register(NamedTuple):  # not a frozen dataclass: one compiles six methods at import, ~4x slower to create
    """Cue counts of one document and the verdict drawn from them."""

    promotional_cues: int
    careful_cues: int
    sentences: int
    threshold: float  # promotional cues, net of careful ones, per sentence
    warning_cues: int = 0  # cues of a warning about health fraud ("scam", "bogus")
    warning_at_least: int = 0  # 0: the pack names no warning cues
    candour_cues: int = 0  # statements of the evidence's limits ("the research is mixed")
    candour_at_least: int = 0  # 0: the pack names no candour cues
    prose: int = 0  # sentences that end in a full stop, a question or an exclamation mark
    careful_prose_from: int = 0  # 0: a text with no cue reads as promotional at any length
    own_voice: bool = False  # a promotional cue outside quotation marks: the page sells in its own words
    claims_share: float = 0.0  # the share of its sentences the claim reader read as claims (when asked; see _claims_share)
    claims_from: float = 0.0  # 0: the pack sets no such share (RegisterSpec.claims_from)
    declared: bool | None = None  # promotional or not, as the configuration declares it (None: measured)

    @property
    def score(self) -> float:
        return (self.promotional_cues - self.careful_cues) / max(self.sentences, 4)

    @property
    def promotional(self) -> bool:
        """Net promotional cues reach `threshold` per sentence. A text with no cue either way is
        read as the seller's own words (a label, a claim quoted on its own, a list of taglines),
        unless it is prose of `careful_prose_from` sentences or more, two thirds of them finished
        (headings, and sentences that end in a full stop, a question or an exclamation mark):
        an explanation that never sells, never speaks of "our" product or "your" order. A page
        with twice the cues that make a fraud warning (`warning_at_least`) is one, whatever it
        quotes of the sellers it warns about. A page whose sentences read as claims in
        `claims_from` of them or more (the pack's claim reader: see RegisterSpec.claims_from) is
        promotional, whatever its careful cues. A register the configuration declares wins."""
        if self.declared is not None:
            return self.declared
        if self.warning_at_least and self.warning_cues >= 2 * self.warning_at_least:
            return False
        if self.claims_from and self.claims_share >= self.claims_from:
            return True
        if self.promotional_cues == 0 and self.careful_cues == 0:
            return not (self.careful_prose_from and self.sentences >= self.careful_prose_from
                        and 3 * self.prose >= 2 * self.sentences)
        return self.score >= self.threshold

    @property
    def warns(self) -> bool:
        """A careful page that warns about health fraud ("scammers", "bogus"): the sellers' words
        it lists, quoted or not, are reported, not said."""
        return bool(self.warning_at_least) and self.warning_cues >= self.warning_at_least and not self.promotional

    @property
    def candid(self) -> bool:
        """The page states the limits of its own evidence more than once ("the research is mixed",
        "it won't reverse arthritis"): its hedged and limited claims are taken at their word."""
        return bool(self.candour_at_least) and self.candour_cues >= self.candour_at_least


class RegisterSpec:
    """A pack's `[register]`: its promotional and careful cue vocabularies, the threshold, how
    many cues of a vocabulary count at most (`at-most`: a "we" said ten times in a review summary
    is not ten sales pitches), how many times each cue of a vocabulary counts (`weight`: hype is
    a surer sign of a sales page than a price), the cues of a warning about health fraud (`warning`, counted
    from `warning-at-least`), of a page candid about its evidence (`candour`, `candour-at-least`),
    from how many sentences a text of prose with no cue reads as careful (`careful-prose-from`),
    and the share of its sentences a pack's claim reader must read as claims for a page that sells in
    its own voice (a promotional cue outside quotation marks) but nets careful by its cues to read
    as promotional all the same (`claims-from`: a hospital's press release or a magazine feature
    quotes trials and "your GP" as a careful page does, yet most of its sentences are claims); a
    page with few careful cues is read the same way (a seller's bare list of claims, as warning
    letters quote them).
    (A plain class, as the other holders a one-file check imports: see healthlint.running.engine.)"""

    def __init__(self, promotional: tuple[str, ...], careful: tuple[str, ...], threshold: float,
                 at_most: dict[str, int] | None = None, warning: tuple[str, ...] = (), warning_at_least: int = 2,
                 candour: tuple[str, ...] = (), candour_at_least: int = 2, careful_prose_from: int = 0,
                 weight: dict[str, int] | None = None, claims_from: float = 0.0) -> None:
        self.promotional = promotional
        self.careful = careful
        self.threshold = threshold
        self.at_most: dict[str, int] = {} if at_most is None else at_most
        self.weight: dict[str, int] = {} if weight is None else weight
        self.claims_from = claims_from  # 0: never asked (Register.claims_from)
        self.warning = warning  # vocabularies of a fraud warning's cues (Register.warns)
        self.warning_at_least = warning_at_least
        self.candour = candour  # vocabularies of statements of the evidence's limits (Register.candid)
        self.candour_at_least = candour_at_least
        self.careful_prose_from = careful_prose_from  # a text with no cue, of this many sentences of prose, reads as careful

    @property
    def cues(self) -> frozenset[str]:
        """Every vocabulary the register counts."""
        return frozenset((*self.promotional, *self.careful, *self.warning, *self.candour))

    def count(self, mentions: Iterable[Mention], sentences: int, prose: int = 0) -> Register:
        """The register of a document of `sentences` sentences (`prose` of them finished) with
        these concept mentions."""
        wanted_promotional, wanted_careful = set(self.promotional), set(self.careful)
        per_vocabulary = Counter(mention.concept for mention in mentions)
        counted = {name: min(n, self.at_most.get(name, n)) * self.weight.get(name, 1) for name, n in per_vocabulary.items()}
        promotional = sum(n for name, n in counted.items() if name in wanted_promotional)
        careful = sum(n for name, n in counted.items() if name in wanted_careful)
        warning = sum(n for name, n in per_vocabulary.items() if name in self.warning)
        candour = sum(n for name, n in per_vocabulary.items() if name in self.candour)
        return Register(promotional, careful, sentences, self.threshold, warning,
                        self.warning_at_least if self.warning else 0, candour,
                        self.candour_at_least if self.candour else 0, prose, self.careful_prose_from,
                        claims_from=self.claims_from)
