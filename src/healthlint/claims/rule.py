"""Claim rules: declarative rules over concepts, frames, modifiers and register (`[[claim]]`).

    [[claim]]
    name = "treats-condition"                 # id "<category>/<name>"
    category = "efficacy-overstatement"
    predicate = ["treat-verbs"]                # vocabularies whose terms state the claim
    object = ["conditions", "symptoms"]        # optional: what the predicate must be said of
    after = 8                                  # words from predicate to object (default 8)
    before = 0                                 # or words from object to predicate ("knee pain relief")
    subject = ["provider"]                     # a frame with such a subject fires in any register
    not-subject = ["research-actors"]          # a frame with such a subject never fires
    register = "promotional"                   # otherwise: only in a promotional document
    unless = ["negated", "hedged", "hypothetical", "question", "cited"]
    with = ["permanence"]                      # optional: a term of these must be in the frame's clause
    lead-in = ["treat-verbs"]                  # instead of frames: a list line naming a predicate term under
                                               # a lead-in whose last clause names one of these
    at-least = 3                               # instead of frames: a sentence naming 3 different
                                               # predicate terms ("for arthritis, gout and sciatica")
    message = "'{predicate}' said of {object} ..."   # {predicate} {object} {subject}: the words found
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from healthlint.claims.concepts import ConceptTagger, Mention, found
from healthlint.claims.frames import Frame, SentenceAnalysis
from healthlint.claims.lexicon import Lexicon
from healthlint.claims.modifiers import CORE_CATEGORIES, ContextRules, default_context
from healthlint.claims.register import Register, RegisterSpec
from healthlint.errors import RuleError
from healthlint.rules import SEVERITIES, Match, Rule, RuleInfo
from healthlint.text.language import is_finished, quoted
from healthlint.text.reading import pieces

if TYPE_CHECKING:
    from healthlint.rules.context import DocumentContext, SentenceContext

SENTENCE_CONDITIONS = ("question", "heading", "cited", "paragraph-cited", "quoted")
CANDID = frozenset({"hedged", "limited"})  # what a page candid about its evidence is taken at its word on
_SET_APART = frozenset({"quoted", "mentioned"})


class Analyzer:
    """A pack's claim machinery: its lexicon tagged in one pass per sentence, its ConText lexicon
    and its register cues. Analyses are made once per sentence and shared by the pack's rules."""

    def __init__(self, lexicon: Lexicon, context: ContextRules | None, register: RegisterSpec | None) -> None:
        self.lexicon, self._context, self.register_spec = lexicon, context, register
        self._tagger: ConceptTagger | None = None
        self.used: set[str] = set()  # vocabularies the rules name; only these are tagged per sentence
        # Tells whether a sentence reads as a claim, for the register's `claims-from`: a pack sets
        # it (healthlint_claims sets its claim model's reading); None, the share is never asked.
        self.claim_reader: Callable[[str], bool] | None = None
        # The document fact the register is kept under: made once (register() is asked per
        # sentence), and unlike id() the same after a pickle (healthlint.running.compiled).
        self._register_key = f"register:{os.urandom(8).hex()}"

    @property
    def context(self) -> ContextRules:
        """The ConText lexicon: core's (read on first use) unless the rules file extends it."""
        return self._context or default_context()

    @property
    def categories(self) -> set[str]:
        return set(self._context.categories) if self._context else set(CORE_CATEGORIES)

    @property
    def tagger(self) -> ConceptTagger:
        """One tagger for every vocabulary the rules and the register read (made once the rules
        are built): the runner tags it in its keyword pass."""
        if self._tagger is None:
            spec = self.register_spec
            self._tagger = ConceptTagger(self.lexicon, sorted(self.used.union(spec.cues if spec else ())))
        return self._tagger

    def analyse(self, ctx: SentenceContext) -> SentenceAnalysis:
        text = ctx.document.text
        return ctx.document.per_sentence(
            id(self), ctx.index,
            lambda: SentenceAnalysis(text, ctx.start, ctx.end, self.tagger.in_sentence(ctx), self.context,
                                     lambda: ctx.modifiers(self.context), lambda: self._earlier(ctx)))

    def _earlier(self, ctx: SentenceContext) -> list[Mention]:
        """The mentions of the sentence before ctx's when both are in one block of text (no blank
        line between): what a pronoun may stand for. Tagged afresh, as a pronoun is rare."""
        index, document = ctx.index - 1, ctx.document
        if index < 0:
            return []
        start, end = document.sentences.starts[index], document.sentences.ends[index]
        if "\n\n" in document.text[end:ctx.start] or "\n\r\n" in document.text[end:ctx.start]:
            return []
        return self.tagger.mentions(document.text, start, end)

    def register(self, document: DocumentContext) -> Register | None:
        """The document's register, counted from the runner's pass when it covered the whole
        document, else from a pass of its own."""
        return None if self.register_spec is None else document.once(self._register_key, self._measure)

    def silences(self, unless: frozenset[str], document: DocumentContext) -> bool:
        """The document is a warning about health fraud (Register.warns) and a rule with this
        `unless` lets reported speech be: it has nothing to flag in it."""
        if "reported" not in unless:
            return False
        register = self.register(document)
        return bool(register and register.warns)

    def candid(self, document: DocumentContext) -> bool:
        """The document states the limits of its own evidence (Register.candid)."""
        register = self.register(document)
        return bool(register and register.candid)

    def unless(self, conditions: frozenset[str], document: DocumentContext) -> frozenset[str]:
        """A rule's `unless` in this document: on a candid page, hedged and limited claims too. On
        a page that reads as promotional and sells in its own voice (a cue outside quotation
        marks), quoted speech is not set apart, only a term cited as a word ("mentioned"): a
        seller's page, a puff piece or a press release quotes its founder, its doctors and its
        customers to make its claims (a careful page quotes them to warn, and keeps `quoted`).
        On a page that does not read as promotional, a rule that lets quoted terms be also lets
        be a term that fills its table cell or list line ("labelled": a glossary's "| FDA
        registered | The company has told the FDA where ... |"); a seller's comparison table
        ("| FDA registered | yes |") still claims it."""
        register = self.register(document)
        if register and register.promotional and register.own_voice and "quoted" in conditions:
            conditions = conditions - {"quoted"} | {"mentioned"}
        elif not (register and register.promotional) and conditions & _SET_APART:
            conditions = conditions | {"labelled"}
        return conditions | CANDID if self.candid(document) else conditions

    def reads_promotional(self, document: DocumentContext) -> bool:
        """The document reads as promotional by this analyzer's register cues (False without any)."""
        register = self.register(document)
        return bool(register and register.promotional)

    def _measure(self, document: DocumentContext) -> Register:
        """Counts the cues in the document; where it also has careful cues, promotional ones it
        puts in quotation marks do not count: a page that says "talk to your doctor" and lists a
        seller's phrases ("miracle cure", "money-back guarantee") is quoting them to warn, while
        a story whose only cue is a scare-quoted "Miracle" in its headline is not. It also records
        whether a promotional cue is said outside quotation marks (Register.own_voice). A
        promotional cue under a negation does not count at all ("this rule is not reliable")."""
        spec = self.register_spec
        assert spec is not None
        cues = spec.cues
        tagger, text = self.tagger, document.text
        if document.whole and tagger.key in document.tagged:
            # Only the cues' terms: the pass also holds every other vocabulary the rules read.
            by_sentence: Iterable[tuple[int | None, list[Mention]]] = (
                (index, found((kept, start, end) for names, start, end in by_tagger.get(tagger.key, ())
                              if (kept := tuple(n for n in names if n in cues))))
                for index, by_tagger in document.mentions.items())
        else:
            by_sentence = ((None, [m for m in tagger.mentions(text, start, end) if m.concept in cues])
                           for start, end in pieces(text))
        located = [(index, mention) for index, mentions in by_sentence for mention in mentions]
        prose = _finished(document)
        starts, ends = document.sentences.starts, document.sentences.ends

        def sentence_of(index: int | None, mention: Mention) -> int | None:
            return document.sentence_at(mention.start) if index is None else index

        def said(index: int | None, mention: Mention) -> bool:
            at = sentence_of(index, mention)
            return at is None or not quoted(text, mention.start, mention.end, starts[at], ends[at])

        def denied(index: int | None, mention: Mention) -> bool:
            at = sentence_of(index, mention)
            return at is not None and document.sentence(at).negated(mention.start, mention.end)

        promotional = set(spec.promotional)
        located = [(index, m) for index, m in located if m.concept not in promotional or not denied(index, m)]
        own_voice = any(m.concept in promotional and said(index, m) for index, m in located)
        register = spec.count((m for _, m in located), len(document.sentences), prose)
        if register.careful_cues and register.promotional_cues:
            quoted_too = {*spec.careful, *spec.warning, *spec.candour}  # cues that count quoted or not
            register = spec.count((m for index, m in located if m.concept in quoted_too or said(index, m)),
                                  len(document.sentences), prose)
        register = register._replace(own_voice=own_voice)
        if document.declared_register is not None:  # the configuration says so: nothing to read
            return register._replace(declared=document.declared_register == "promotional")
        # A page that nets careful is read sentence by sentence when it sells in its own voice, or
        # when it has few careful cues: a seller's list of claims with no price or "our" in it, or
        # too few to outweigh one careful word, reads as claims; an agency's plain explanation does not.
        sells = own_voice and register.promotional_cues >= CLAIMS_SHARE_CUES
        bare = register.careful_cues < CLAIMS_SHARE_CUES
        if (spec.claims_from and self.claim_reader is not None and (sells or bare) and not register.promotional
                and len(document.sentences) >= CLAIMS_SHARE_FROM):
            register = register._replace(claims_share=_claims_share(document, self.claim_reader, spec.claims_from))
        return register


CLAIMS_SHARE_FROM = 10  # sentences: a shorter page's share of claims is too few sentences to read a page by
# Promotional cues (after `weight`) a page that nets careful needs before its claims are read: a
# careful page with a "we" or two is not read twice (a reading loads the pack's model: ~0.1 s). A page
# with fewer careful cues than this is read whatever its promotional cues: most careful pages have more.
CLAIMS_SHARE_CUES = 5


def _claims_share(document: DocumentContext, read: Callable[[str], bool], wanted: float) -> float:
    """The share of the document's sentences `read` reads as claims, counted until it is certain
    whether it reaches `wanted` (the rest are not read)."""
    text, count = document.text, len(document.sentences)
    need, claims = wanted * count, 0
    for left, (start, end) in enumerate(zip(document.sentences.starts, document.sentences.ends), 1):
        claims += read(text[start:end])
        if claims >= need or claims + count - left < need:
            break
    return claims / count


def _finished(document: DocumentContext) -> int:
    """How many of the document's sentences are finished: headings (an explanation's structure) and
    sentences that end in a full stop, a question or an exclamation mark (text.language.is_finished)."""
    text, sentences = document.text, document.sentences
    return sum(is_finished(text[start:end]) or document.block_of(sentences[index]).kind == "heading"
               for index, (start, end) in enumerate(zip(sentences.starts, sentences.ends)))


@dataclass
class ClaimRule(Rule):
    """A rule that flags claim frames; see the module docstring for the TOML form."""

    analyzer: Analyzer | None = None
    predicates: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    not_subjects: tuple[str, ...] = ()
    after: int = 8
    before: int = 0
    unless: frozenset[str] = frozenset()
    register: str | None = None
    at_least: int = 0  # > 0: flag a sentence naming this many different predicate terms (no frames)
    with_: tuple[str, ...] = ()  # a frame counts only with a term of one of these in its clause ("for good")
    lead_in: tuple[str, ...] = ()  # instead of frames: a list line naming a predicate term, under a lead-in
                                   # that names a term of these ("Conditions we treat:")
    source: str = ""

    def taggers(self) -> tuple[ConceptTagger, ...]:
        assert self.analyzer is not None
        return (self.analyzer.tagger,)

    def concept_gate(self) -> tuple[ConceptTagger, frozenset[str]]:
        assert self.analyzer is not None
        return self.analyzer.tagger, frozenset(self.predicates)

    def applies(self, ctx: DocumentContext) -> bool:
        """Not in a warning about health fraud, when the rule lets reported speech be; a `lead-in`
        rule with `register`, only on a page that reads as promotional (no subject can lift it)."""
        if self.analyzer is None:
            return True
        if self.lead_in and self.register:
            register = self.analyzer.register(ctx)
            if register is not None and not register.promotional:
                return False
        return not self.analyzer.silences(self.unless, ctx)

    def frames(self, ctx: SentenceContext) -> list[Frame]:
        """The frames of this rule's concepts in the sentence, before any condition."""
        assert self.analyzer is not None
        return self.analyzer.analyse(ctx).frames(
            self.predicates, self.objects, [*self.subjects, *self.not_subjects], self.after, self.before)

    def check(self, ctx: SentenceContext) -> Iterable[Match]:
        assert self.analyzer is not None
        if self.at_least:
            yield from self._many(ctx)
            return
        if self.lead_in:
            yield from self._listed(ctx)
            return
        if self.register and not self._register_allows(ctx, None) and not self._names_a_subject(ctx):
            return  # a careful page, and no named speaker: no frame of this rule can fire here
        unless = self.analyzer.unless(self.unless, ctx.document)
        frames = [f for f in self.frames(ctx) if not (f.modifiers & unless)
                  and not (f.subject and f.subject.concept in self.not_subjects)]
        if self.with_:
            frames = self._with(ctx, frames)
        if not frames or ctx.silenced(unless):
            return
        taken: list[tuple[int, int]] = []
        for frame in frames:
            if ctx.set_apart(frame.start, frame.end, unless):
                continue
            if not self._register_allows(ctx, frame):
                continue
            if any(s < frame.end and frame.start < e for s, e in taken):
                continue
            taken.append((frame.start, frame.end))
            yield self._found(ctx, frame, frame.start, frame.end)

    def _with(self, ctx: SentenceContext, frames: list[Frame]) -> list[Frame]:
        """The frames with a term of a `with` vocabulary in their clause ("silences tinnitus for good")."""
        assert self.analyzer is not None
        analysis = self.analyzer.analyse(ctx)
        extras = analysis.of(self.with_)

        def accompanied(frame: Frame) -> bool:
            lo, hi = analysis.clause(frame.predicate.start)
            return any(lo <= m.start and m.end <= hi for m in extras)
        return [frame for frame in frames if accompanied(frame)]

    def _listed(self, ctx: SentenceContext) -> Iterable[Match]:
        """One finding over the predicate terms of a list line whose lead-in says, in its last
        clause, a term of a `lead_in` vocabulary with no predicate term after it: "A laser release
        fixes far more than feeding:" over "2. Colic, reflux and wind". The lead-in's subject and
        modifiers count as the line's own ("Surgery can help with:" describes care; "Treatment
        may relieve:" is hedged)."""
        assert self.analyzer is not None
        lead = ctx.document.lead_in(ctx.index)
        if lead is None:
            return
        unless = self.analyzer.unless(self.unless, ctx.document)
        analysis = self.analyzer.analyse(ctx)
        mentions = [m for m in analysis.of(self.predicates) if not (analysis.categories_at(m.start) & unless)]
        if not mentions or ctx.silenced(unless):
            return
        above = ctx.document.sentence(lead)
        led = self.analyzer.analyse(above)
        colon = ctx.document.text.rindex(":", above.start, above.end)
        start, _ = led.clause(colon - 1)
        named = led.of(self.predicates)  # a lead-in predicate with an object of its own ("stop myopia") is done
        said = [f for f in led.frames(self.lead_in, (), [*self.subjects, *self.not_subjects])
                if start <= f.predicate.start < colon and not (f.modifiers & unless)
                and not (f.subject and f.subject.concept in self.not_subjects)
                and not any(f.predicate.end <= m.start < colon for m in named)]
        if said:
            frame = Frame(said[-1].predicate, Mention(mentions[0].concept, mentions[0].start, mentions[-1].end),
                          said[-1].subject, said[-1].modifiers)
            yield self._found(ctx, frame, mentions[0].start, mentions[-1].end)

    def _found(self, ctx: SentenceContext, frame: Frame, start: int, end: int) -> Match:
        """The finding over [start, end), its message and suggestion naming the frame's words."""
        return Match(start, end, message=self._say(self.info.message, ctx, frame),
                     suggestion=self._say(self.info.suggestion, ctx, frame) if self.info.suggestion else None)

    def _many(self, ctx: SentenceContext) -> Iterable[Match]:
        """One finding over a sentence that names `at_least` different predicate terms ("for
        arthritis, bursitis, tendonitis and sciatica"): one product offered for many conditions."""
        assert self.analyzer is not None
        if not self._register_allows(ctx, None):
            return
        text = ctx.document.text
        analysis = self.analyzer.analyse(ctx)

        def names_of(mentions: list[Mention]) -> list[str]:
            return list(dict.fromkeys(" ".join(text[m.start:m.end].lower().split()) for m in mentions))
        mentions = analysis.of(self.predicates)
        if len(names_of(mentions)) < self.at_least:
            return
        unless = self.analyzer.unless(self.unless, ctx.document)
        mentions = [m for m in mentions if not (analysis.categories_at(m.start) & unless)]
        names = names_of(mentions)
        if len(names) < self.at_least or ctx.silenced(unless):
            return
        listed = ", ".join(names[:3]) + (" ..." if len(names) > 3 else "")
        message = self.info.message.format(predicate=listed, object=listed, subject="it", count=len(names))
        yield Match(mentions[0].start, mentions[-1].end, message=message)

    def _names_a_subject(self, ctx: SentenceContext) -> bool:
        """The sentence names one of the rule's `subject` terms: without one, a register-gated
        rule has nothing to say on a careful page."""
        assert self.analyzer is not None
        return bool(self.subjects) and bool(self.analyzer.analyse(ctx).of(self.subjects))

    def _register_allows(self, ctx: SentenceContext, frame: Frame | None) -> bool:
        """Without `register`, always; else when the frame's subject is a named speaker, or the
        document reads as promotional."""
        if not self.register or (frame and frame.subject and frame.subject.concept in self.subjects):
            return True
        assert self.analyzer is not None
        register = self.analyzer.register(ctx.document)
        return register is None or register.promotional

    @staticmethod
    def _say(template: str, ctx: SentenceContext, frame: Frame) -> str:
        if "{" not in template:
            return template
        text = ctx.document.text

        def words(mention: Any) -> str:
            return " ".join(text[mention.start:mention.end].split()) if mention else "it"
        return template.format(predicate=words(frame.predicate), object=words(frame.object), subject=words(frame.subject))


_KEYS: dict[str, type | tuple[type, ...]] = {
    "name": str, "id": str, "category": str, "severity": str, "message": str, "suggestion": str,
    "rationale": str, "predicate": (list, str), "object": (list, str), "subject": (list, str),
    "not-subject": (list, str), "after": int, "before": int, "unless": list, "register": str, "at-least": int,
    "with": (list, str), "lead-in": (list, str),
    "bad": list, "good": list, "formerly": list,
}


def claim_rule(data: Mapping[str, Any], pack: str, source: str, analyzer: Analyzer) -> ClaimRule:
    """One `[[claim]]` table as a ClaimRule; each problem is one RuleError naming file, rule and key."""
    label = data.get("id") or data.get("name") or "?"
    where = f"{source}: claim {label!r}"
    for key, value in data.items():
        if key not in _KEYS:
            raise RuleError(f"{where}: unknown key {key!r}; allowed: {', '.join(sorted(_KEYS))}")
        expected = _KEYS[key]
        if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
            kinds = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            raise RuleError(f"{where}: {key!r} must be a {kinds}, not {type(value).__name__}")
    for key in ("category", "message", "predicate"):
        if key not in data:
            raise RuleError(f"{where}: missing {key!r}")
    for key in ("bad", "good", "formerly"):
        if not all(isinstance(item, str) for item in data.get(key, ())):
            raise RuleError(f"{where}: {key!r} must be a list of strings")
    if "id" not in data and "name" not in data:
        raise RuleError(f"{where}: missing 'name'")

    def names(key: str) -> tuple[str, ...]:
        value = data.get(key, ())
        value = analyzer.lexicon.require([value] if isinstance(value, str) else list(value), f"{where}: {key!r}")
        analyzer.used.update(value)
        return value

    allowed = analyzer.categories | set(SENTENCE_CONDITIONS)
    unless = frozenset(data.get("unless", ()))
    if not all(isinstance(u, str) for u in unless) or unless - allowed:
        raise RuleError(f"{where}: unknown condition(s) {sorted(map(str, unless - allowed))} in 'unless'; "
                        f"allowed: {', '.join(sorted(allowed))}")
    register = data.get("register")
    if register not in (None, "promotional"):
        raise RuleError(f"{where}: 'register' must be \"promotional\", not {register!r}")
    if register and analyzer.register_spec is None:
        raise RuleError(f"{where}: 'register' needs a [register] table in {source}")
    severity = data.get("severity", "warning")
    if severity not in SEVERITIES:
        raise RuleError(f"{where}: 'severity' must be one of {', '.join(SEVERITIES)}, not {severity!r}")
    predicates = names("predicate")
    info = RuleInfo(id=data.get("id") or f"{data['category']}/{data['name']}", category=data["category"],
                    severity=severity, message=data["message"], suggestion=data.get("suggestion"),
                    rationale=data.get("rationale", ""), bad=tuple(data.get("bad", ())),
                    good=tuple(data.get("good", ())), pack=pack, formerly=tuple(data.get("formerly", ())))
    # No keywords: the runner's pass runs the rule on the sentences naming one of its predicates.
    return ClaimRule(info=info, analyzer=analyzer, predicates=predicates,
                     objects=names("object"), subjects=names("subject"), not_subjects=names("not-subject"),
                     after=data.get("after", 8), before=data.get("before", 0), unless=unless,
                     register=register, at_least=data.get("at-least", 0), with_=names("with"), lead_in=names("lead-in"),
                     source=source)


def _counts(table: Mapping[str, Any], key: str, least: int, meaning: str, lexicon: Lexicon, where: str) -> dict[str, int]:
    """`[register]`'s table `key` of vocabulary names to whole numbers of `least` or more."""
    counts = table.get(key, {})
    if not isinstance(counts, Mapping) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= least for n in counts.values()):
        raise RuleError(f"{where}: {key!r} maps vocabulary names to {meaning} ({least} or more)")
    lexicon.require(list(counts), f"{where}: {key!r}")
    return dict(counts)


def analyzer_for(data: Mapping[str, Any], lexicon: Lexicon, source: str) -> Analyzer:
    """The Analyzer of one rules file: its lexicon, core's ConText lexicon plus the file's
    `[context]` additions, and its `[register]` cues."""
    context = None
    if "context" in data:
        context = default_context().copy()
        context.extend(data["context"], source)
    spec = None
    if "register" in data:
        table = data["register"]
        where = f"{source}: [register]"
        if not isinstance(table, Mapping) or set(table) - {"promotional", "careful", "threshold", "at-most", "weight",
                                                           "warning", "warning-at-least", "candour", "candour-at-least",
                                                           "careful-prose-from", "claims-from"}:
            raise RuleError(f"{where}: keys are promotional, careful, warning, candour (vocabulary names), threshold, "
                            "at-most, weight, warning-at-least, candour-at-least, careful-prose-from and claims-from")
        for key in ("promotional", "careful", "warning", "candour"):
            lexicon.require(table.get(key, []), f"{where}: {key!r}")
        threshold = table.get("threshold", 0.2)
        if not isinstance(threshold, (int, float)) or isinstance(threshold, bool):
            raise RuleError(f"{where}: 'threshold' must be a number")
        at_most = _counts(table, "at-most", 0, "how many of their cues count", lexicon, where)
        weight = _counts(table, "weight", 1, "how many times each of their cues counts", lexicon, where)
        at_least = {key: table.get(key, 2) for key in ("warning-at-least", "candour-at-least")}
        for key, n in at_least.items():
            if not isinstance(n, int) or isinstance(n, bool) or n < 1:
                raise RuleError(f"{where}: {key!r} must be a whole number of cues (1 or more)")
        prose_from = table.get("careful-prose-from", 0)
        if not isinstance(prose_from, int) or isinstance(prose_from, bool) or prose_from < 0:
            raise RuleError(f"{where}: 'careful-prose-from' must be a whole number of sentences (0: never)")
        claims_from = table.get("claims-from", 0.0)
        if not isinstance(claims_from, (int, float)) or isinstance(claims_from, bool) or not 0 <= claims_from <= 1:
            raise RuleError(f"{where}: 'claims-from' must be a share of sentences from 0 (never) to 1")
        spec = RegisterSpec(tuple(table.get("promotional", ())), tuple(table.get("careful", ())), float(threshold),
                            at_most, tuple(table.get("warning", ())), at_least["warning-at-least"],
                            tuple(table.get("candour", ())), at_least["candour-at-least"], prose_from, weight,
                            float(claims_from))
    return Analyzer(lexicon, context, spec)

