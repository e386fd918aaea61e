"""invasiveness-mismatch: 'non-invasive', 'painless' or 'simple' said of a procedure that is not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from healthlint.lazyregex import lazy
from healthlint.rules import Match, Rule, RuleInfo

if TYPE_CHECKING:  # annotations only: importing the context module costs a cached run time
    from healthlint.claims.lexicon import Lexicon
    from healthlint.claims.rule import Analyzer
    from healthlint.rules.context import DocumentContext, SentenceContext
    from healthlint.rules.phrase import LazyPattern

# Words of ease rather than of the body ("simple", "quick", "relaxing"), as regex pieces: careful pages
# use them truly of short procedures, so they count only on a page that reads as promotional.
_EASE = ("simple", "easy", "quick", "gentle", "relaxing", "soothing", "effortless", r"hassle[- ]free", r"stress[- ]free")
# An operation named by its suffix: a frenectomy, a sinuplasty, a tracheostomy ("dichotomy" is not one).
_SURGICAL = r"(?!dichotom)\w+(?:ectom|otom|ostom|plast)(?:y|ies)"
_GENTLE = lazy(
    rf"\b(?:non-?\s?invasive|noninvasive|painless|pain[- ]free|{'|'.join(_EASE)}),?\s+"
    r"(?:[\w-]+,?\s+){0,2}?(?:options?|procedures?|treatments?|therap(?:y|ies)|alternatives?|approach(?:es)?|injections?|process|solutions?|infusions?"
    rf"|drips?|shots?|jabs?|transfusions?|operations?|surger(?:y|ies)|implants?|{_SURGICAL})\b"
    # a visit or a session is gentle only in the strong words: "a quick session" is said of massages too
    r"|\b(?:non-?\s?invasive|noninvasive|painless|pain[- ]free),?\s+(?:[\w-]+,?\s+){0,2}?(?:visits?|sessions?|appointments?)\b"
    r"|\b(?:procedure|treatment|therapy|injection|infusion|process|approach)s?\s+(?:is|are)\s+(?:\w+\s+)?(?:non-?\s?invasive|noninvasive|painless|pain[- ]free)\b",
    regex.I,
)
_EASY = lazy(rf"(?:{'|'.join(_EASE)})\b", regex.I)
_INVASIVE = lazy(  # not after "non-" or "liquid": a "non-surgical" or "liquid rhinoplasty" is no operation
    r"\b(?<!\bnon[- ])(?<!\bliquid\s)(?:intrathecal\w*|spinal\s+(?:injections?|taps?)|lumbar\s+punctures?|into\s+the\s+spin\w+|bone\s+marrow\s+(?:aspirat\w+|harvest\w*|extraction|draw)"
    r"|liposuction|fat\s+(?:harvest\w*|extraction)|surg(?:ery|ical|eries)|intravenous\w*|iv\s+(?:infusions?|drips?|therapy)"
    r"|infusions?|inject(?:ion|ions|ed|ing|s)?|needles?|catheter\w*|epidural|biops(?:y|ies)|anesthe\w+|anaesthe\w+|incisions?"
    rf"|{_SURGICAL}|sedation|stitch(?:es|ed)|sutur\w+|grafts?|transplant\w*|implant(?:ed|ation)"
    r"|(?:dental|breast|hormone|pellet|penile)\s+implants?|(?:placed|inserted)\s+(?:\w+\s+){0,2}?under\s+the\s+skin"
    # what the aesthetic trade injects or threads under the skin, by name
    r"|microneedl\w*|botox|(?:dermal|lip|cheek|under-eye|tear[- ]trough)\s+fillers?|filler\s+injections?|thread\s+lifts?"
    # lasers that burn or cut tissue away (not the low-level "cold" lasers that only shine on it)
    r"|lasik|lasek|(?:co2|ablative|fractional|erbium)\s+lasers?|laser\s+(?:resurfacing|ablation)|vaginal\s+(?:laser|rejuvenation)"
    # lasers that shatter pigment or burn follicles, and plasma that burns the skin's surface
    r"|(?:q-switched|picosecond|pico|nd:yag|alexandrite|diode)\s+lasers?|laser\s+(?:tattoo|hair)\s+removal"
    r"|(?:tattoo|hair)\s+removal\s+lasers?|plasma\s+(?:pen|skin\s+tightening)|fibroblast\s+(?:treatment|therapy|lift))\b",
    regex.I,
)
_GENUINELY_NON_INVASIVE = lazy(
    r"\b(?:mri|ct\s+scans?|scans?|ultrasound|x-?rays?|imaging|blood\s+pressure|cuff|eeg|ecg|ekg|test(?:s|ing)?|exam(?:ination)?s?"
    r"|monitor\w*|stimulation|tms|tdcs|hearing|screening|measure\w*"
    # beams aimed from outside the body: truly non-invasive, though they have side effects of their own
    r"|radiotherap\w*|radiation\s+(?:therapy|treatment)|proton\s+(?:beam\s+)?therapy|radiosurgery|gamma\s+knife"
    # waves and light sent through the skin, which they do not break
    r"|shock\s?wave\w*|eswt|low[- ]level\s+lasers?|cold\s+lasers?|photobiomodulation"
    # therapies of movement and talk, and what is worn (not "massage" or "exercise": "it feels like a
    # gentle scalp massage", "back to exercise the same day" are said of invasive procedures too)
    r"|physical\s+therap\w*|physiotherap\w*|counsel+ing|talking\s+therap\w*|psychotherap\w*"
    r"|cognitive\s+behaviou?ral|splints?|braces?|hearing\s+aids?)\b", regex.I)


# The pack's vocabulary of a treatment said on its own to be gentle ("simple and non-invasive: a
# weekly injection", "zero pain", "no downtime"): on a seller's page that describes an invasive
# treatment, the same mismatch; not when hedged or limited ("usually painless").
GENTLE_CLAIMS = "gentle-claims"
# A procedure made small: a word that shrinks (vocabulary, first) at most two words before what a
# procedure feels like or leaves behind (second): "just a tiny needle prick", "a quick outpatient
# touch-up", "virtually nothing to recover from", "not really surgery"; or life resumed at once:
# "eating normally straight away", "back at your desk the same afternoon".
UNDERSTATED = (("understatements", "procedure-sensations"), ("recovery-denials", "procedure-ordeals"),
               ("life-resumed", "at-once"))


def said_gentle(lexicon: Lexicon) -> tuple[str, tuple[str, ...]]:
    """The pattern of a procedure said to be gentle, from the pack's vocabularies, and the words
    (its keywords) one of which a sentence must hold for it to match."""
    small = [rf"{lexicon.pattern(shrink)}(?:\W+\w+){{0,2}}?\W+{lexicon.pattern(what)}" for shrink, what in UNDERSTATED]
    words = [*lexicon[GENTLE_CLAIMS], *(term for _, what in UNDERSTATED for term in lexicon[what])]
    return "|".join([lexicon.pattern(GENTLE_CLAIMS), *small]), tuple(words)


@dataclass
class InvasivenessMismatch(Rule):
    """Flags gentle words for a procedure in a document whose procedure involves needles, surgery or
    infusion: with a procedure named ("a painless procedure") on any page, alone ("simple and
    non-invasive", "no downtime") on a page that reads as promotional. Words of ease ("a quick
    procedure") count only on a page that reads as promotional."""

    analyzer: Analyzer | None = None  # the pack's claims analyzer, for the document's register
    said_gentle: LazyPattern | None = None  # the pack's gentle words and understatements (see said_gentle())

    def check(self, ctx: SentenceContext) -> Iterable[Match]:
        text = ctx.document.text
        if ctx.is_question() or said_of_the_non_invasive(ctx):
            return
        if self.analyzer and self.analyzer.silences(_REPORTED, ctx.document):
            return  # a warning about health fraud lists the sellers' words; it does not say them
        # quotation marks set a seller's words apart on a careful page, not on the seller's own
        quoted = self.analyzer.unless(_QUOTED, ctx.document) if self.analyzer else _QUOTED
        if _says_what_it_avoids(ctx, heat_counts=self._promotional(ctx)):
            return  # "non-invasive: there are no needles or incisions" describes the procedure it names
        named: list[tuple[int, int]] = []  # gentle words said of a named procedure
        for match in _GENTLE.finditer(text, ctx.start, ctx.end):
            named.append(match.span())
            if _EASY.match(text, match.start()) and not self._promotional(ctx):
                continue  # "a quick laser procedure" in a hospital leaflet is a fact, not a sales word
            if not (ctx.negated(match.start()) or ctx.modified(match.start(), _LIMITED)
                    or ctx.modified(match.end() - 1, _LIMITED) or ctx.modified(match.start(), _REPORTED)
                    or ctx.set_apart(match.start(), match.end(), quoted)):
                yield from _mismatch(ctx, match)
        if self.said_gentle and self._promotional(ctx):
            for match in self.said_gentle.finditer(text, ctx.start, ctx.end):
                if not any(start < match.end() and match.start() < end for start, end in named) and not ctx.modified(
                        match.start(), _NOT_SAID) and not _OF_A_FORM.match(text, match.end(), ctx.end):
                    yield from _mismatch(ctx, match)

    def _promotional(self, ctx: SentenceContext) -> bool:
        return bool(self.analyzer and self.analyzer.reads_promotional(ctx.document))


def said_of_the_non_invasive(ctx: SentenceContext) -> bool:
    """The sentence names a test, a scan or a therapy that does not break the skin ("our 3D foot
    scan is completely non-invasive"): its gentle words are true of that."""
    return _GENUINELY_NON_INVASIVE.search(ctx.document.text, ctx.start, ctx.end) is not None


def _mismatch(ctx: SentenceContext, match: regex.Match[str]) -> Iterable[Match]:
    """The finding for a gentle word, when the text performs an invasive step."""
    procedure = ctx.document.once("invasiveness:procedure", _procedure)
    if procedure is not None:
        yield Match(match.start(), match.end(), message=(
            f"'{match.group()}' is said of a treatment that this text also describes as "
            f"'{procedure.group()}'; needles, infusions and surgery are invasive and carry risks."))


# A form given without breaking the skin, right after the gentle word that is said of it: "a
# needle-free epinephrine nasal spray" is true of the spray, whatever else the page injects. Possessive
# runs of spaces and of letters: a run of spaces is never given back to be tried again (linear on any text).
_OF_A_FORM = lazy(r"(?:\s++[\w-]++){0,2}?\s++(?:nasal\s+|oral\s+|eye\s+)?(?:sprays?|inhalers?|drops|pills?|tablets?|capsules?"
                  r"|gumm(?:y|ies)|lozenges?|liquids?|syrups?|powders?)\b", regex.I)
_SKIN_BROKEN = lazy(r"\b(?:needles?|injections?|incisions?|cuts?|cutting)\b", regex.I)
_NEEDLE = lazy(r"needl|inject|infusion|intravenous|\biv\b|epidural|intrathecal|puncture|botox|filler", regex.I)
_BLADE = lazy(r"incision|\bcut|surg|liposuction|stitch|sutur|graft|transplant|implant|biops", regex.I)


_BURNS = lazy(r"\b(?:lasers?|heat(?:s|ed|ing)?|radio\s?frequency|burn(?:s|ed|ing)?|cauteri[sz]\w*|ablat\w*)\b", regex.I)


def _says_what_it_avoids(ctx: SentenceContext, heat_counts: bool = True) -> bool:
    """The sentence denies that the skin is broken ("no needles, incisions or anaesthetic"): its
    gentle words describe that procedure, whatever else the page mentions; unless, with
    `heat_counts` (on a seller's page), its paragraph heats or burns tissue ("the laser heats the
    soft palate ... no needles: it is painless"; a hospital's "a non-invasive laser treatment, as no
    cuts are made" gives its reason), or
    the page's own invasive step is of the other kind ("no cutting, no downtime" on a page of
    injections: it denies surgery, not the needle)."""
    document, block = ctx.document, ctx.document.block_of(ctx.sentence)
    denied = {_kind(mention.group()) for mention in _SKIN_BROKEN.finditer(document.text, ctx.start, ctx.end)
              if ctx.negated(mention.start())}
    if not denied or (heat_counts and _BURNS.search(document.text, block.start, block.end) is not None):
        return False
    procedure = document.once("invasiveness:procedure", _procedure)
    kind = None if procedure is None else _kind(procedure.group())
    return kind is None or kind in denied


def _kind(word: str) -> str | None:
    """Whether an invasive step is a needle's or a blade's (None: neither, as sedation or a catheter)."""
    if _NEEDLE.search(word):
        return "needle"
    return "blade" if _BLADE.search(word) else None


def _procedure(document: DocumentContext) -> regex.Match[str] | None:
    """The first mention of an invasive step that the text does not deny: "without surgery" or
    "no needles" names what the treatment avoids, not what it is."""
    for mention in _INVASIVE.finditer(document.text):
        index = document.sentence_at(mention.start())
        if index is None or not document.sentence(index).modified(mention.start(), _DENIED):
            return mention
    return None


_DENIED = frozenset({"negated"})
_REPORTED = frozenset({"reported"})  # a claim reported ("clinics advertise it as non-invasive")
_QUOTED = frozenset({"quoted"})  # in quotation marks: a seller's words, quoted
_LIMITED = frozenset({"hedged", "limited"})  # "usually painless", "may be a simple procedure"
_NOT_SAID = frozenset({"negated", "hedged", "limited", "conditional", "hypothetical", "reported", "comparative"})

RULE = InvasivenessMismatch(
    RuleInfo(
        id="invasiveness-mismatch/gentle-procedure",
        category="invasiveness-mismatch",
        severity="error",
        message="'Non-invasive', 'painless' or 'simple' is said of a procedure that involves needles, surgery or infusion.",
        suggestion="Describe the procedure as it is: 'stem cells are injected into the spinal canal (a lumbar puncture), "
                   "which can cause headache and, rarely, infection'.",
        rationale=(
            "Spinal (intrathecal) injections, bone-marrow aspiration, liposuction to harvest fat, surgery and IV "
            "infusions all break the skin, need sterile technique and carry risks such as infection, bleeding and "
            "headache. Calling them non-invasive hides those risks. 'Non-invasive' is accurate for an MRI or a "
            "blood-pressure cuff, and the rule leaves those alone."
        ),
        bad=("Cells are delivered through spinal injections. This approach offers a non-invasive option.",
             "Getting started is simple and non-invasive: a weekly injection you give yourself at home.",
             "Book now: filler injections with no downtime.",
             "Book now: thread-lift injections with zero pain and no scars.",
             "Book now: laser spine surgery with hardly any downtime, just a tiny needle prick.",
             "Book now: the injection is about as invasive as a flu shot, just a mild pinch.",
             "Book now. Our erbium laser heats the palate. No cutting, no needles: it is completely non-invasive."),
        good=("An MRI is a non-invasive test.", "Cells are given by intravenous infusion, which carries a small risk of infection.",
              "A lumbar puncture is usually painless; talk to your doctor about possible side effects and risks.",
              "Cataract surgery carries risks; talk to your doctor. Clouding later can be treated with a quick laser "
              "procedure in clinic.",
              "Cataract surgery carries risks; talk to your doctor. If clouding comes back, a YAG laser capsulotomy "
              "is a non-invasive treatment, as no cuts are made to the eye.",
              'Clinics inject stem cells into the knee and call it "a non-invasive alternative to surgery".',
              "Proton beam therapy is non-invasive; young children may have a general anaesthetic to keep still.",
              "Some patients are told they need surgery. Decompression is non-invasive: there are no needles, incisions "
              "or anesthetic.",
              "Injections can help some people. Physical therapy is non-invasive, but it takes time."),
        pack="health-claims",
    ),
    keywords=("invasive", "painless", "pain-free", "pain free", *(word.split("[")[0] for word in _EASE)),
)
