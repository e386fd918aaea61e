"""The rule model: what every rule declares, and the two kinds of rule a pack can write.

A rule names the literal keywords it needs, or the concepts it is about. The runner
finds, in one multi-keyword pass over a document, the sentences that contain any
keyword or concept and calls each rule only on the sentences holding one of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from healthlint.claims.concepts import ConceptTagger
    from healthlint.rules.context import DocumentContext, SentenceContext

SEVERITIES = ("info", "warning", "error")  # lowest first


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class RuleInfo:
    """Everything a person reads about a rule (`healthlint explain ID`)."""

    id: str  # "prefix/name", by convention "category/name"
    category: str
    severity: str
    message: str
    suggestion: str | None = None
    rationale: str = ""
    bad: tuple[str, ...] = ()  # examples the rule must flag
    good: tuple[str, ...] = ()  # examples the rule must leave alone
    pack: str = ""  # the pack that contributes the rule; defaults to the id's prefix
    fallback: bool = False  # gives way to other rules' matches of its category in its span (runner._give_way)
    formerly: tuple[str, ...] = ()  # ids and categories it had before: selectors that name them still select it

    def __post_init__(self) -> None:
        if self.id.count("/") != 1 or not all(self.id.split("/")):
            raise ValueError(f"rule id {self.id!r} must have the form 'prefix/name'")
        if not self.pack:
            object.__setattr__(self, "pack", self.id.split("/", 1)[0])
        if self.severity not in SEVERITIES:
            raise ValueError(f"rule {self.id}: severity {self.severity!r} is not one of {', '.join(SEVERITIES)}")

    def selected_by(self, selector: str) -> bool:
        """True when a selector (rule id, pack name or category, or ALL) names this rule, or names
        what it was called before (`formerly`: a configuration or a suppression written for an
        older version keeps working)."""
        return selector in (self.id, self.pack, self.category, "ALL") or selector in self.formerly


@dataclass(slots=True)  # not frozen: a frozen dataclass builds ~6x slower, and there are many; treat as read-only
class Match:
    """A span a rule flags, in document character offsets, with an optional specific message."""

    start: int
    end: int
    message: str | None = None
    suggestion: str | None = None
    replacement: str | None = None  # text to put in place of [start, end), shown by --diff
    safe: bool = False  # True when the replacement cannot turn a true statement false (--fix applies it)


@dataclass
class Rule:
    """A rule that looks at one sentence at a time. Subclass and implement `check`."""

    info: RuleInfo
    keywords: tuple[str, ...] = field(default=())
    scope = "sentence"

    def check(self, ctx: SentenceContext) -> Iterable[Match]:
        raise NotImplementedError

    def applies(self, ctx: DocumentContext) -> bool:
        """The rule may flag something in this document: asked once per stretch of a document
        (after the keyword pass) before `check` runs on its sentences there."""
        return True

    def taggers(self) -> tuple[ConceptTagger, ...]:
        """The concept taggers whose mentions the rule reads (`ConceptTagger.in_sentence`): the
        runner tags them in its one keyword pass."""
        return ()

    def concept_gate(self) -> tuple[ConceptTagger, frozenset[str]] | None:
        """Instead of keywords: the rule runs on the sentences holding a whole-word mention of
        one of these concepts of the tagger (which `taggers` must include)."""
        return None

    def holds_in(self, text: str) -> bool:
        """A fallback rule's match still holds on `text`, the clauses of its span that the other
        rules' matches left (see RuleInfo.fallback): by default, yes."""
        return True


@dataclass
class DocumentRule(Rule):
    """A rule that judges a whole document (for example: a treatment promoted with no word on harms).

    With keywords, it runs only on documents that contain one of them.
    """

    scope = "document"

    def check_document(self, ctx: DocumentContext) -> Iterable[Match]:
        raise NotImplementedError
