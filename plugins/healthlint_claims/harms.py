"""missing-harms: a document that promotes a treatment and never discusses its risks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from healthlint.lazyregex import lazy
from healthlint.rules import DocumentRule, Match, RuleInfo
from healthlint.text.language import is_question
from healthlint.text.reading import lower_same_length, pieces

if TYPE_CHECKING:  # annotations only: importing the context module costs a cached run time
    from healthlint.claims.rule import Analyzer
    from healthlint.rules.context import DocumentContext

# Words that talk about a treatment.
_TREATMENT_WORDS = (
    "therapy", "therapies", "treatment", "treatments", "injection", "injections", "infusion", "infusions",
    "procedure", "procedures", "protocol", "protocols", "supplement", "supplements",
)
# What an advert sells, beyond treatment words: a text with one sales cue is an advert only when it
# names one of these ("our drops", "hearing aids"), not "We met on Tuesday".
_PRODUCT_WORDS = (
    *_TREATMENT_WORDS, "drops", "drip", "drips", "serum", "serums", "cream", "creams", "gummies", "capsules", "pills",
    "tablets", "formula", "kit", "kits", "bottle", "bottles", "jar", "jars", "sachets", "vial", "vials", "filler", "fillers", "aids", "device", "devices", "patch",
    "patches", "tincture", "tinctures", "spray", "powder", "medication", "medications", "vitamins", "peptide", "peptides",
)
# Words that promote one: whole words, and stems that any word ending completes.
_PROMOTION_WORDS = (
    "hope", "hopeful", "promising", "promise", "beacon", "breakthrough", "breakthroughs", "exciting", "remarkable",
    "relief", "benefit", "benefits", "advantage", "advantages", "heal", "heals", "healed", "healing", "powerful",
    "frontier", "innovative", "cutting-edge", "effective", "potential",
)
_PROMOTION_STEMS = ("revolution", "transform", "regenerat", "restor", "improv")
# A real harms discussion: risks, side effects, adverse events, named harms, or safety that is in doubt.
# An infection or a tumour is a harm only when something causes it or it is a risk ("the risk of
# infection", "developed tumors"): a seller's page names them as what it treats ("ear infections").
_HARM = lazy(
    r"\b(?:side[- ]effects?|adverse\s+(?:effects?|events?|reactions?)|complications?|harms?|(?:is|are|be|been|can\s+be|may\s+be)\s+harmful|dangers?|dangerous"
    r"|risks?|risky|toxicity|contraindicat\w+|caution|warnings?|unsafe"
    r"|(?:risk|chance|cases?|reports?|signs?)\s+of\s+(?:an?\s+)?(?:\w+\s+)?(?:infections?|tumou?rs?)"
    r"|(?:cause[sd]?|causing|lead\s+to|leads\s+to|led\s+to|result(?:ed|s)?\s+in|develop(?:ed|s)?|got|get)"
    r"\s+(?:\w+\s+){0,3}?(?:infections?|tumou?rs?)"
    r"|(?:infections?|tumou?rs?)\s+(?:at|from(?!\s+the\s+inside\b)|after|caused\s+by|where)\b"
    # side effects in plain words: "can cause soreness", "some patients have tenderness or swelling"
    r"|(?:(?:can|may|might|could|will)\s+cause|(?:some|a\s+few|many|most|a\s+small\s+number\s+of)\s+(?:\w+\s+)?(?:patients|people|users|clients"
    r"|customers|dogs|cats|pets|children|women|men)\s+(?:may\s+|will\s+)?(?:have|experience|feel|notice|get|report))"
    r"\s+(?:\w+[\s,]+){0,4}?(?:soreness|tenderness|swelling|bruising|redness|irritation|itching|rash|nausea|dizziness"
    r"|headaches?|bleeding|allergic|scarring|numbness|upset\s+stomach|diarrh(?:o)?ea|vomiting|cramping|bloating|constipation"
    r"|(?:water\s+)?weight\s+gain|insomnia|drowsiness|dry\s+mouth|(?:lower\s+)?sex\s+drive|erection\s+problems|erectile|changes\s+in\s+mood|mood\s+changes)"
    # side effects stated as facts of the treatment: "minor bruising or soreness is common", "rarely,
    # serious problems such as infection have been reported"
    r"|(?:soreness|tenderness|bruising|redness|bleeding|light-?headed\w*|faint\w*|numbness|scarring)[\s,]+(?:[\w-]+[\s,]+){0,8}?"
    r"(?:(?:is|are)\s+(?:common|possible|normal|expected|usual)|(?:can|may)\s+(?:occur|happen)|(?:has|have)\s+been\s+reported)"
    r"|(?:serious|severe|rare)\s+(?:problems|complications|reactions|injuries)\s+(?:[\w-]+\s+){0,4}?(?:such\s+as|including|like|can|may|have|has)"
    r"|(?:linked|associated)\s+(?:with|to)\s+(?:\w+\s+){0,3}?(?:injury|injuries|damage|failure|toxicity|deaths?)"
    r"|safety\s+(?:\w+\s+){0,3}(?:yet\s+to\s+be|not\s+(?:been\s+)?(?:established|known|proven)|unknown|concerns?)"
    # precautions: who should not use it, and what to do when it goes wrong ("not suitable if you have
    # gum disease", "do not book if you take blood thinners", "people with epilepsy should check with
    # their doctor", "CBD can interact with some medicines", "toxic to cats", "call the Poisons Centre")
    r"|(?:is|are|isn\W?t|aren\W?t)\s+(?:not\s+)?suitable\s+(?:if|for\s+(?:anyone|people|those|children|you\s+if))"
    r"|(?:do\s+not|don\W?t|never)\s+(?:use|take|book|drink|start|combine|mix|give|apply)\s+(?:[\w-]+\s+){0,4}?(?:if|while|during|with)\s"
    r"(?!(?:the\s+)?(?:safety\s+)?(?:seal|package|packaging|box|lid)\b)"
    r"|(?:stop|discontinue)\s+(?:using|taking|use)\s+(?:[\w-]+\s+){0,2}?(?:and|if|when)\s"
    r"|(?:people|anyone|those|patients|clients|guests|users|women|men)\s+(?:with|who\s+(?:have|are|take))\s+(?:[\w,-]+\s+){0,12}?"
    r"(?:should|must|need\s+to|to)\s+(?:check|talk|speak|consult|avoid|not)\b"
    r"|if\s+you\s+(?:take|are\s+taking|use)\s+(?:[\w-]+\s+){0,2}?(?:blood\s+thinners|warfarin|anticoagulants)"
    r"|should\s+not\s+be\s+(?:used|taken|handled|given|applied)\s+(?:[\w-]+\s+){0,2}?by\s+(?:women|men|people|anyone|children|those)\s+(?:who|with)\b"
    # where not to use it, what too much does, what it will do to the skin: "don't use it over broken
    # skin", "too much vitamin D or zinc isn't good for little bodies", "you will probably bruise"
    r"|(?:do\s+not|don\W?t|never)\s+use\s+(?:it\s+|this\s+|them\s+)?(?:on|over|near)\s+(?:broken|irritated|damaged|open|sunburned|inflamed|infected)\b"
    r"|\btoo\s+much\s+(?:[\w-]+\s+){0,8}?(?:is\s*n\W?t|is\s+not|can\s+be)\s+(?:good|safe|harmful|dangerous|toxic)\b"
    r"|(?:will|may|might|can|could)\s+(?:probably\s+|likely\s+)?bruise\b"
    r"|(?:can|may|might|could)\s+interact\s+with|\binteractions?\s+with"
    r"|toxic\s+to\s+(?:cats|dogs|pets|children|people|humans|fish|animals)"
    r"|poisons?\s+(?:information|control|centre|center|line|helpline)"
    r"|(?:can|may|might|could|will)\s+(?:cause|lead\s+to)\s+(?:\w+[\s,]+){0,3}?(?:dehydration|fainting|dizziness|burns?|blisters?|irritation|headaches?)"
    r"|(?:irritate|irritates|sting|stings)\s+(?:the\s+|your\s+)?(?:skin|eyes|airways|lungs)"
    r"|allergic\s+to|if\s+you\s+(?:have|are)\s+(?:an?\s+)?(?:\w+\s+){0,2}?allerg\w+|patch[- ]test"
    r"|not\s+(?:for|suitable\s+for|recommended\s+for|to\s+be\s+(?:given|used)\s+(?:to|by))\s+(?:children|kids|babies|infants|anyone|people|those)\s+under"
    r"|not\s+for\s+under[- ]\d+s?|pacemakers?|bleeding\s+disorders?|hypoglyc\w+"
    # ... and the same advice after the condition: "if you have kidney disease, talk to your doctor before you start"
    r"|if\s+you(?:\s+have|\s+are|[\x27\u2019]re|\s+take|\s+get)\s+(?:[\w,-]+\s+){0,10}?(?:talk|speak|check)\s+(?:to|with)\s+(?:your|a)\s+"
    r"(?:gp|doctor|pharmacist|physician|midwife|health\s*care\s+provider)\s+(?:before|first)\b"
    r"|(?:see|talk\s+to|speak\s+to|check\s+with|ask|tell)\s+(?:your|a)\s+(?:gp|doctor|pharmacist|physician|midwife|dentist"
    r"|health\s*care\s+provider)\s+(?:first\s+)?if\s+you\s+(?:have|are|take|get|notice|develop)\s+(?!any\b|questions|concerns)"
    r"|(?:temporary|tooth|sun|skin)\s+sensitivity|photosensitiv\w+"
    # a device's or a test's limits: "readings may be less accurate", "can overestimate", "false alarms"
    r"|(?:less|not\s+(?:always\s+)?)\s+accurate|inaccura\w+|false\s+(?:alarms?|positives?|negatives?|readings?|reassurance)"
    r"|(?:can|may|might|could|tend\s+to)\s+(?:over|under)estimate|(?:can|may|might|could|will)\s+(?:still\s+)?miss\b"
    r"|(?:not|don\W?t|doesn\W?t|wouldn\W?t)\s+recommend\w*\s+(?:[\w-]+\s+){0,5}?(?:while|during|if|for)\s+(?:breastfeeding|pregnan\w+|you\s+are\s+pregnant)"
    # who it is not for, and harms said to be uncommon but real: "isn't right for everyone", "we can't
    # book you in if you're pregnant", "not suitable for babies with a diagnosed allergy", "cold burns are
    # uncommon but can happen", "can make your baby ill" (not a disclaimer: "not a substitute for medical
    # care" says what the product is not, not what can go wrong)
    r"|(?:isn\W?t|aren\W?t|(?:is|are)\s+not|not)\s+(?:\w+\s+)?(?:right|suitable|safe|appropriate)\s+for\s+(?:everyone|everybody|all\b)"
    r"|(?:isn\W?t|aren\W?t|(?:is|are)\s+not|not)\s+suitable\s+for\s+(?:[\w-]+\s+){1,3}?(?:with|who|under|if|during)"
    r"|(?:can\W?t|cannot|won\W?t|will\s+not|do\s+not|don\W?t)\s+(?:book|treat|see|accept)\s+(?:you|anyone|clients|patients|guests)\s+(?:in\s+)?if"
    r"|(?:is|are)\s+(?:uncommon|rare|unusual|unlikely)\s+but\s+(?:can|do|may|does)\s+(?:happen|occur)"
    r"|(?:can|may|might|could|will)\s+make\s+(?:you|your\s+\w+|them|him|her|people|children|babies)\s+(?:very\s+)?(?:ill|sick|unwell)"
    r")\b",
    regex.I)
# Mentions that do not discuss harms: reassurance, or the risk of getting the disease itself.
_NOT_A_HARM = lazy(
    # (not "without protection can harm your eyes": a modal between makes it a harm stated)
    # (not "is not without risk": a harm admitted)
    r"\b(?<!\b(?:not|never|isn\W?t|aren\W?t)\s)(?:minimi[sz]\w*|reduc\w*|lower\w*|fewer|less|minimal|no|zero|without|free\s+of|none\s+of|eliminat\w*|cuts?)[\s-]+(?:the\s+)?"
    r"(?:(?!(?:can|may|might|could|will|would)\b)[\w,\u2019\x27]+\s+){0,6}?(?:side[- ]effects?|risks?|complications?|harms?|chances?|odds)"
    r"|\b(?:side[- ]effects?|adverse\s+\w+|risks?|complications?)\s+(?:are|is|were)\s+(?:\w+\s+)?(?:minimal|rare|negligible|low|mild|non-?existent|zero|nil)"
    r"|\b(?:higher|increased|greater|lower|slightly\s+\w+)\s+risk\s+of\s+(?:developing|getting|having)"
    r"|\brisk\s+(?:of|for)\s+(?:developing|getting)"
    r"|\b(?:risk\s+factors?|at\s+(?:(?:high|higher|increased|greater|low|lower)\s+)?risk)\b|\b(?:hidden|silent)\s+risks?\b"
    # a business's risks, as a crowdfunding page's "Risks and challenges" gives them: "our biggest risk is manufacturing"
    r"|\brisks?\s+(?:is|are|was|were|lies|lie|include|includes)\s+(?:\w+\s+){0,3}?(?:manufactur\w*|shipping|deliver\w*|delays?|production|suppliers?|tooling|fulfil\w*|logistics)\b"
    # a poison a seller names as the complaint it treats, not a harm of its own product ("mold toxicity")
    r"|\b(?:mou?ld|mycotoxin|metal|mercury|lead|aluminium|aluminum|fluoride|copper|iron|chemical|environmental)\s+toxicity\b"
    r"|\b(?:source|sources|root|cause|causes)\s+of\s+(?:the\s+|your\s+)?toxicity\b"
    # the reader's risk of a disease, not the product's risk: "your risk of dementia", "lower your breast
    # cancer risk", "your family's risk"; warning signs of a disease; harm done to oneself
    r"|\b(?:your|their|his|her|our)\s+(?:[\w\u2019\x27]+\s+){0,2}?risk\b(?!\s+of\s+(?:side|complications?|infections?|bleeding|harm|injury|adverse|allergic|burns?))"
    r"|\b(?:cancer|stroke|heart|dementia|diabetes|disease|fracture|falls?|alzheimer\W?s)\s+risk\b"
    r"|\b(?:early[- ]warning|warning\s+signs?|black[- ]box\s+warning)\b|\bself[- ]harm\b"
    r"|\b(?:worry|worrying|worries)\s+about\s+(?:\w+\s+){0,2}?(?:side[- ]effects?|risks?)"
    r"|\b(?:because\s+of|due\s+to)\s+(?:the\s+|its\s+|their\s+)?side[- ]effects\b"
    r"|\b(?:can(?:no|\W)?t|can\s+not|won\W?t|will\s+not|never|not)\s+(?:\w+\s+){0,2}?(?:harm|hurt)\b"  # "cannot harm a newborn"
    r"|\bnothing\s+(?:[\w\u2019\x27]+\s+){0,4}?(?:can|could|will|would|might)\s+(?:ever\s+|possibly\s+)?(?:do\s+(?:you\s+|anyone\s+)?(?:any\s+)?)?(?:harm|hurt)\b"  # "nothing in it that can harm you"
    # harms said to fall: "complication rates fall by 80% with the robot"
    r"|\b(?:side[- ]effects?|risks?|complications?|complication\s+rates?|infection\s+rates?)\s+(?:\w+\s+){0,2}?(?:fall|falls|fell|drop|drops|dropped|decline|declines|declined|plummet\w*|(?:are|is)\s+(?:reduced|cut|halved))\b"
    r"|\brisk[- ]free\b|\bshared[- ]risk\b"  # offers: "a risk-free trial", "a shared-risk refund"
    # harms of other treatments, named as a cause of the complaint: "the side effects of some medicines"
    r"|\bside[- ]effects?\s+of\s+(?:some|other|many|certain|common|prescription|your|their)\s+(?:\w+\s+)?(?:medicines|medications|drugs|pills)\b",
    regex.I)
MIN_HARM_WORDS = 4  # a shorter line naming harms is a label or a heading, not a discussion of them
MIN_TREATMENT_MENTIONS = 5
MIN_PROMOTION_MENTIONS = 5
MIN_PROMOTION_PER_100_WORDS = 2.0  # clinic posts measured 3 to 5; careful NIH pages at most 1.4
MIN_ADVERT_CUES = 2  # promotional cues (offers, "we", brand marks, hype) that make a short text an advert
MIN_ADVERT_CUES_UNOPPOSED = 1  # ... or one, in a text of some sentences with no careful cue at all
MIN_ADVERT_SENTENCES_UNOPPOSED = 2
# Words of a careful page that the register's cues may miss: one sales cue beside them is not an advert.
_CAREFUL_HINT = lazy(r"\b(?:doctors?|physicians?|nurses?|pharmacists?|exams?|trials?|stud(?:y|ies)|evidence|research"
                     r"|recommend\w*|guidelines?|health\s+department|CDC|NIH|FDA)\b", regex.I)

# Evidence claimed, not weighed: "clinical studies prove", "research shows". An advert says it; its
# words of research are not a careful page's.
_EVIDENCE_CLAIM = lazy(r"\b(?:clinical(?:ly)?\s+)?(?:stud(?:y|ies)|research|trials?|evidence|doctors?|physicians?)\s+"
                       r"(?:\w+\s+){0,2}?(?:prove[sdn]?|proved|shows?|shown|showed|confirm(?:s|ed)?|backs?|backed"
                       r"|supports?|supported|agree[sd]?|recommend(?:s|ed)?)\b"
                       r"|\b(?:backed|supported|proven|tested)\s+by\s+(?:\w+\s+){0,2}?(?:stud(?:y|ies)|research|trials?|doctors?)\b",
                       regex.I)


def _careful_hint(text: str) -> bool:
    """A careful page's word that is not part of an evidence claim ("clinical studies prove")."""
    claims = [(m.start(), m.end()) for m in _EVIDENCE_CLAIM.finditer(text)]
    return any(not any(start <= hint.start() < end for start, end in claims) for hint in _CAREFUL_HINT.finditer(text))


def _word_count(text: str, piece: int = 1 << 20) -> int:
    """The words of `text`, not holding them all at once (a 50 MB text has millions). A table row's
    cell borders, kept in its prose as '|', are not words."""
    return sum(len(text[start:end].replace("|", " ").split()) for start, end in pieces(text, piece))


_WORD_CHARACTER = lazy(r"\w")


class _WordList:
    """Whole words, and words that begin with a stem, counted case-insensitively in one
    Aho-Corasick pass: what `\\b(?:word|...|stem\\w*|...)\\b` with IGNORECASE counts, as long
    as no listed word holds another after a non-word character (as "cutting-edge" would hold
    "edge"). About 5x faster than the regex module runs that alternation over a whole document.
    The automaton is built on first use."""

    def __init__(self, words: tuple[str, ...], stems: tuple[str, ...] = ()) -> None:
        self.words, self.stems = words, stems
        self._automaton: Any = None

    def at_least(self, text: str, count: int, piece: int = 1 << 20) -> bool:
        """True when the words occur at least `count` times in `text` (stops counting there)."""
        if self._automaton is None:
            import ahocorasick  # here: a run answered from the cache never needs it

            self._automaton = ahocorasick.Automaton()
            for word, is_stem in [(w, False) for w in self.words] + [(s, True) for s in self.stems]:
                self._automaton.add_word(word, (len(word), is_stem))
            self._automaton.make_automaton()
        seen = 0
        word_character = _WORD_CHARACTER.match
        for start_of_piece, end_of_piece in pieces(text, piece):
            lowered, last = lower_same_length(text[start_of_piece:end_of_piece]), -1
            for end, (length, is_stem) in self._automaton.iter(lowered):
                start = end - length + 1
                if (start == last or (start and word_character(lowered, start - 1))
                        or (not is_stem and word_character(lowered, end + 1))):
                    continue
                last, seen = start, seen + 1
                if seen >= count:
                    return True
        return count <= 0


_TREATMENT = _WordList(_TREATMENT_WORDS)
_PROMOTION = _WordList(_PROMOTION_WORDS, _PROMOTION_STEMS)
_PRODUCT = _WordList(_PRODUCT_WORDS)


@dataclass
class MissingHarms(DocumentRule):
    """Flags a document that promotes a treatment and never discusses risks, side effects or harms.

    A document promotes when it reads as promotional (the pack's register: offers, a seller's
    "we", brand marks, hype) however short it is, or when it is dense with treatment and promotion
    words (a clinic's long article that reads as information)."""

    analyzer: Analyzer | None = None  # the pack's claims analyzer, for the document's register

    def check_document(self, ctx: DocumentContext) -> Iterable[Match]:
        if not (self._advert(ctx) or self._dense_promotion(ctx.text)):
            return
        text = ctx.text
        for sentence in ctx.sentences:
            piece = text[sentence.start:sentence.end]
            if _word_count(piece) < MIN_HARM_WORDS or is_question(piece):
                continue  # a label (a table row "Side effects | None") or a question asked
            if _HARM.search(piece) and not _NOT_A_HARM.search(piece):
                return
        first = ctx.sentences[0] if ctx.sentences else None
        yield Match(first.start, first.end) if first else Match(0, 0)

    def _advert(self, ctx: DocumentContext) -> bool:
        """A promotional document with cues of its own (a text with none is not an advert): two,
        or one in a text of a few sentences that names a product and where nothing reads as careful
        (a three-line ad)."""
        register = self.analyzer.register(ctx) if self.analyzer else None
        if not (register and register.promotional):
            return False
        if register.promotional_cues >= MIN_ADVERT_CUES:
            return True
        return (register.promotional_cues >= MIN_ADVERT_CUES_UNOPPOSED and not register.careful_cues
                and register.sentences >= MIN_ADVERT_SENTENCES_UNOPPOSED and _PRODUCT.at_least(ctx.text, 1)
                and not _careful_hint(ctx.text))

    @staticmethod
    def _dense_promotion(text: str) -> bool:
        if not _TREATMENT.at_least(text, MIN_TREATMENT_MENTIONS):
            return False
        words = _word_count(text) or 1
        return _PROMOTION.at_least(text, max(MIN_PROMOTION_MENTIONS, int(words * MIN_PROMOTION_PER_100_WORDS / 100)))


RULE = MissingHarms(
    RuleInfo(
        id="missing-harms/no-risks-discussed",
        category="missing-harms",
        severity="warning",
        message="This text promotes a treatment but never discusses its risks, side effects or harms.",
        suggestion="Add what can go wrong and how often (side effects, complications, cost, the chance it does not work), "
                   "with sources.",
        rationale=(
            "Benefits without harms is advertising. HealthNewsReview.org's criteria ask every story about a "
            "treatment to discuss its harms; the FDA's warnings on unapproved stem cell products list infections, "
            "tumours and blindness. A reader cannot weigh a decision on half the facts. The rule looks at the whole "
            "document and points at its first line."
        ),
        bad=("Stem cell therapy offers hope. Its benefits are remarkable: patients improve, pain is relieved, and the "
             "treatment restores function. This promising treatment is an advance. The injections are a breakthrough "
             "therapy, and the procedure is easy.",),
        good=("Stem cell therapy offers hope. Its benefits are uncertain: some patients improve and pain may be relieved. "
              "This promising treatment is an advance. The injections are a new therapy, and the procedure carries "
              "risks, including infection.",),
        pack="health-claims",
    ),
    keywords=("therap", "treatment", "injection", "infusion", "procedure", "protocol", "supplement",
              "buy", "order", "shop", "price", "$", "discount", "book", "\u00ae", "\u2122", "our ", "your "),
)
