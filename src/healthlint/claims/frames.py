"""Claim frames: a predicate concept bound to its object (and, where it can be told, its subject)
inside one clause, with the modifiers that cover it.

"Our drops relieve constipation." -> predicate relieve, object constipation, subject "our drops";
"There is no cure for ALS." -> predicate cure, object ALS, modifiers {negated}: a mention, not a
claim. A frame is built per sentence from the concept mentions and the ConText modifiers, both
computed once per sentence (`SentenceAnalysis`) however many rules ask.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import NamedTuple

import regex

from healthlint.claims.concepts import Mention
from healthlint.claims.modifiers import ContextRules, Modifier
from healthlint.lazyregex import lazy

_WORD = lazy(r"\w[\w'\u2019-]*")
_AUXILIARY = lazy(r"(?:is|are|was|were|has|have|had|will|becomes?|became|gets?|got)\b", regex.I)
# "that" after a verb of saying or showing opens a new subject; a relative "that" ("the blocks
# that repair muscles") does not.
_THAT = lazy(
    r"\b(?:show|shows|shown|showed|suggest|suggests|suggested|find|finds|found|say|says|said|prove|proves|"
    r"proved|proven|demonstrate|demonstrates|demonstrated|reveal|reveals|revealed|indicate|indicates|"
    r"indicated|confirm|confirms|confirmed|believe|believes|believed|know|knows|known|report|reports|"
    r"reported|conclude|concludes|concluded|note|notes|noted|claim|claims|claimed)\s+that\b", regex.I)
_THERE_IS = lazy(r"\bthere(?:[\x27\u2019]s|\s+(?:is|are|was|were|will\s+be|has\s+been|have\s+been))\b", regex.I)
# What may stand before an object that opens its clause ("Your acne, solved."): markup, a determiner.
_OPENING = lazy(r"[\W_]*(?:(?:your|my|his|her|their|our|the)\s+)?", regex.I)
# A clause joined by a comma and a conjunction with a subject of its own: "Aronia lowers blood pressure as
# well as the tablets I used in surgery, and it reverses diabetes" (the subject of "reverses" is "it").
_NEW_SUBJECT = lazy(r",\s*(?:and|so|yet|but|or)\s+(?=(?:it|they|we|you|he|she|this|these|those|our|my|your|its|their|his|her)\b)", regex.I)
# What may stand between a subject and its predicate: auxiliaries, adverbs, prepositions, verbs that
# take a predicate ("helps", "works to"). Any other word after a candidate means the candidate only
# modifies the head of its noun phrase ("our immunotherapy protocol shrinks ...": the subject is the
# protocol, not immunotherapy). A possessive stays the subject: "the body's cells", "our clinic's
# protocol" are of the possessor's kind.
_SUBJECT_FOLLOWERS = frozenset("""
    is are was were be been being am has have had having do does did can could may might will would shall should
    must also often not never only even still usually generally typically sometimes always rarely seldom already
    then now just that which who whose where when while and or nor but for of in on at to by with from into onto
    after before during without within alone itself themselves himself herself plus as than so too very more most
    less least much help helps helped helping work works worked working seem seems seemed appear appears appeared
    tend tends tended use uses used using get gets got actually really truly quickly slowly directly
    """.split())
# A verb that makes its object do something ("triggers your body to rebuild", "helps researchers
# find"): the word after it is that verb's object, not the subject of the predicate that follows.
_CAUSATIVE = lazy(
    r"\b(?:help|helps|helped|helping|allow|allows|allowed|allowing|trigger|triggers|triggered|triggering|signal"
    r"|signals|signaled|signalled|tell|tells|told|prompt|prompts|prompted|stimulate|stimulates|stimulated|encourage"
    r"|encourages|encouraged|enable|enables|enabled|teach|teaches|taught|train|trains|trained|get|gets|got|make"
    r"|makes|made|let|lets|cause|causes|caused|push|pushes|pushed|force|forces|forced|wake|wakes|woke"
    r"|retrain|retrains|retrained|reprogram|reprograms|reprogrammed|rewire|rewires|rewired|instruct|instructs"
    r"|instructed|coax|coaxes|coaxed|nudge|nudges|nudged)\s+$", regex.I)
# Conjunctions: an object before the predicate with one between ("weight and balanced", "glucose
# and reduce", "disease or reduced") is a coordinate's, not the predicate's, as "knee pain" is in
# "knee pain relief". (Articles and prepositions between, tried too, cost as many claims as they
# saved false alarms on the blind sets.)
_NOT_IN_A_COMPOUND = frozenset("and or nor but".split())
# A predicate in -ing with a modal after it is the subject of another verb, whose object the later
# noun is: in "Stopping suddenly can cause withdrawal symptoms" the symptoms are caused, not stopped.
_MODALS = frozenset("can could may might will would shall should must cannot can't won't".split())
# A noun used as an instrument: the object of a verb of using, right before an infinitive of purpose
# ("our protocol combines decompression and targeted nutrition to rebuild discs"): whoever uses it
# acts, so it is not the infinitive's subject.
_USING = lazy(r"\b(?:use|uses|used|using|combine|combines|combined|combining|employ|employs|employed|harness"
              r"|harnesses|harnessed|pair|pairs|paired|blend|blends|blended|apply|applies|applied)\b", regex.I)
_TO = lazy(r"\s+to\s+\Z", regex.I)
_HYPHENATED = lazy(r"-\w")  # a word joined to the next by a hyphen: the first half of a compound
# Words after which an "-ed" predicate describes the noun that follows (see _adjective).
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "each", "every"})
_LAST_WORD = lazy(r"(?r)\w[\w'\u2019-]*")  # searched backwards: the last word before a position
# Forms of "be" after which a bare predicate is an adjective (see _complement).
_BE = frozenset("be is are was were been being am".split())
# Verbs of what a body feels: an -ing word right after one is a symptom named ("guests feel flushing,
# a tight chest or nausea"), not a verb with an object.
_SENSED = frozenset("feel feels felt feeling experience experiences experienced experiencing notice notices noticed".split())
LABEL_WORDS = 6  # at most this many words before a sentence's first colon make it a label
# A pronoun right after a predicate that has no object of its own stands for a thing named before
# it ("Think of metformin as a crutch: you won't need it"; "Lots of clients come off it"): the
# object is then the last one named earlier in the sentence, or in the sentence before. Not when the
# predicate opens its clause: "Avoid it", "Loosen it" tell the reader what to do.
_PRONOUN = lazy(r"\s+(?:it|them)\b", regex.I)
_BREAK = lazy(r"[;:\u2014\u2013()!?]|\s[-\u2022*]\s|\b(?:but|however|although|though|whereas|while|except|unlike|because|if|unless)\b", regex.I)


def clause_start(text: str, sentence_start: int, position: int) -> int:
    """Where the clause holding `position` begins: after the last clause break before it."""
    start = sentence_start
    for match in _BREAK.finditer(text, sentence_start, position):
        start = match.end()
    return start


def subject_start(text: str, clause_start: int, position: int) -> int:
    """Where the subject of a predicate at `position` can start: after the last 'that' in its
    clause ("studies show that nitric oxide kills viruses": the subject is nitric oxide), or after
    an existential 'there is', which has no subject before it ("our surgeons use premium implants,
    so there's no chance of rejection"), or after a comma and a conjunction that begin a clause with
    a subject of its own (", and it ...")."""
    start = clause_start
    for match in _NEW_SUBJECT.finditer(text, clause_start, position):
        start = match.end()
    for match in _THAT.finditer(text, clause_start, position):
        start = match.end()
    for match in _THERE_IS.finditer(text, start, position):
        start = match.end()
    return start


def _inside_a_longer(mention: Mention, others: Sequence[Mention]) -> bool:
    """`mention` is a word of a longer term found at the same place: "lower" in "lower back pain"
    is part of the condition's name, not a verb said of it."""
    return any(o.start <= mention.start and mention.end <= o.end and o.end - o.start > mention.end - mention.start
               for o in others)


class Frame(NamedTuple):  # not a frozen dataclass: one compiles six methods at import, ~4x slower to create
    """A claim: `predicate` said of `object` (None when the predicate needs none)."""

    predicate: Mention
    object: Mention | None
    subject: Mention | None
    modifiers: frozenset[str]
    pronoun: Mention | None = None  # where the object is named by a pronoun ("need it"), the object being earlier

    @property
    def start(self) -> int:
        near = self.pronoun or self.object
        return min(self.predicate.start, near.start if near else self.predicate.start)

    @property
    def end(self) -> int:
        near = self.pronoun or self.object
        return max(self.predicate.end, near.end if near else self.predicate.end)


class SentenceAnalysis:
    """One sentence's concept mentions, modifiers and clause breaks, and the frames they make."""

    def __init__(self, text: str, start: int, end: int, mentions: Sequence[Mention], context: ContextRules,
                 modifiers: Callable[[], list[Modifier]] | None = None,
                 earlier: Callable[[], Sequence[Mention]] | None = None) -> None:
        self.text, self.start, self.end = text, start, end
        self.mentions = list(mentions)
        self._find = modifiers or (lambda: context.modifiers(text, start, end))
        self._earlier = earlier  # the mentions of the sentence before, in the same block, on demand

    @cached_property
    def modifiers(self) -> list[Modifier]:
        """The sentence's ConText modifiers, found on first use (`modifiers` may share them with
        the sentence's other rules: SentenceContext.modifiers)."""
        return self._find()

    @cached_property
    def breaks(self) -> list[int]:
        """Offsets of clause breaks in the sentence (a frame never spans one)."""
        return [m.start() for m in _BREAK.finditer(self.text, self.start, self.end)]

    def categories_at(self, position: int) -> frozenset[str]:
        """The modifier categories whose scope covers `position`, and "negated" where `position`
        is a later word of a negation's own phrase ("does not cure", "is not the same as")."""
        return frozenset(m.category for m in self.modifiers
                         if m.covers(position) or (m.start < position < m.end and m.category == "negated"))

    def clause(self, position: int) -> tuple[int, int]:
        """The clause around `position`: between the clause breaks on either side of it."""
        index = bisect.bisect_right(self.breaks, position)
        return (self.breaks[index - 1] if index else self.start,
                self.breaks[index] if index < len(self.breaks) else self.end)

    def words_between(self, start: int, end: int) -> int:
        return sum(1 for _ in _WORD.finditer(self.text, start, end)) if start < end else 0

    def of(self, names: Iterable[str]) -> list[Mention]:
        wanted = set(names)
        return [m for m in self.mentions if m.concept in wanted]

    def frames(self, predicates: Iterable[str], objects: Iterable[str] = (), subjects: Iterable[str] = (),
               after: int = 8, before: int = 0) -> list[Frame]:
        """A frame for each predicate mention; with `objects`, only predicates with an object
        mention in their clause, up to `after` words after it or `before` words before it (the
        nearest wins). The subject is the nearest `subjects` mention before the predicate in its
        clause, if any."""
        objects = tuple(objects)
        object_mentions = self.of(objects)
        subject_mentions = self.of(subjects)
        found = []
        for predicate in self.of(predicates):
            lo, hi = self.clause(predicate.start)
            if self._in_a_name(predicate, lo, hi) or _inside_a_longer(predicate, object_mentions):
                continue
            target = pronoun = None
            if objects:  # a capitalised predicate in a title takes its object after it ("Reduce Acne"),
                # never before ("Centers for Disease Control"), unless it is a verb's ("Diabetes Is
                # Finished") or the text shouts ("ECZEMA IS GONE")
                target = self._nearest(predicate, object_mentions, lo, hi, after,
                                       0 if self._named_like(predicate, lo, hi) else before)
                pronoun = (None if target or not self.words_between(lo, predicate.start)  # "Avoid it.": an instruction
                           else _PRONOUN.match(self.text, predicate.end, hi))
                if pronoun is not None:
                    target = self._antecedent(predicate, set(objects), pronoun.group().strip().lower() == "them")
                if target is None:
                    continue
            since = subject_start(self.text, lo, predicate.start)
            subject = next((m for m in reversed(subject_mentions)
                            if since <= m.start and m.end <= predicate.start), None)
            if subject is not None and (self._modifies_a_head(subject, predicate)
                                        or _CAUSATIVE.search(self.text, lo, subject.start)
                                        or self._instrument(subject, predicate, since)):
                subject = None  # the head of the noun phrase is a word no vocabulary names, or a verb's object
            found.append(Frame(predicate, target, subject, self.categories_at(predicate.start),
                               None if pronoun is None else
                               Mention("pronoun", pronoun.end() - len(pronoun.group().lstrip()), pronoun.end())))
        # what an earlier predicate is said of is its object, not a later one's subject ("it beats
        # surgery and it beats steroid shots": surgery does not beat steroid shots)
        said_of = {(frame.object.start, frame.object.end) for frame in found if frame.object is not None}
        return [frame._replace(subject=None) if frame.subject and (frame.subject.start, frame.subject.end) in said_of
                else frame for frame in found]

    def _adjective(self, predicate: Mention, lo: int) -> bool:
        """A participle that describes the noun after it, not a verb whose object comes before it:
        "-ed" right after an article or a demonstrative ("soreness of the skin in the treated area"
        names a place, not a treatment said of soreness)."""
        word = self.text[predicate.start:predicate.end]
        if not word.lower().endswith("ed") or " " in word:
            return False
        return self._word_before(predicate, lo) in _DETERMINERS

    def _complement(self, predicate: Mention, lo: int) -> bool:
        """A one-word predicate that is no participle, right after a form of "be", is an adjective
        said of the subject: it takes no object later in the sentence ("a positive test is very
        likely to be correct, and you should assume you have COVID-19": nothing corrects COVID-19),
        only one right after it or after "of" (see _beyond_complement)."""
        word = self.text[predicate.start:predicate.end].lower()
        if " " in word or word.endswith(("ed", "en", "ing")):
            return False
        return self._word_before(predicate, lo) in _BE

    def _word_before(self, predicate: Mention, lo: int) -> str:
        """The word right before `predicate` in its clause (from `lo`), lower case; "" if none."""
        before = _LAST_WORD.search(self.text, lo, predicate.start)
        return "" if before is None else before.group().lower()

    def _beyond_complement(self, predicate: Mention, mention: Mention) -> bool:
        """`mention` is not what the adjective `predicate` is of: words stand between them and the
        first is not "of" or "from" ("nature's antibiotic" and "free of pain" are of their noun)."""
        first = _WORD.search(self.text, predicate.end, mention.start)
        return first is not None and first.group().lower() not in ("of", "from")

    def _antecedent(self, predicate: Mention, objects: set[str], plural: bool) -> Mention | None:
        """What a pronoun after `predicate` stands for: the last object named before the predicate
        in this sentence, else the last one of the sentence before, of the pronoun's number ("them"
        for "pills", "it" for "metformin" or "diabetes": a word in s is plural unless in ss, us, is, es)."""
        def agrees(mention: Mention) -> bool:
            word = self.text[mention.start:mention.end].lower()
            return word.endswith("s") if plural else not word.endswith("s") or word.endswith(("ss", "us", "is", "es"))
        here = [m for m in self.mentions if m.concept in objects and m.end <= predicate.start and agrees(m)]
        if here:
            return here[-1]
        earlier = [m for m in (self._earlier() if self._earlier else ()) if m.concept in objects and agrees(m)]
        return earlier[-1] if earlier else None

    def _modifies_a_head(self, subject: Mention, predicate: Mention) -> bool:
        """`subject` only modifies the head of its noun phrase: a word follows it that cannot stand
        between a subject and its verb ("our immunotherapy protocol shrinks tumors", "chemotherapy
        patients often lose hair"), or it is the first part of a compound ("a chemotherapy-free
        program")."""
        gap = self.text[subject.end:predicate.start]
        if _HYPHENATED.match(gap):
            return True
        word = _WORD.match(gap.lstrip()) if gap[:1].isspace() else None
        if word is None:
            return False
        first = word.group().lower()
        return first not in _SUBJECT_FOLLOWERS and not first.endswith("ly")

    def _instrument(self, subject: Mention, predicate: Mention, since: int) -> bool:
        """`subject` is what a verb of using before it uses, for the purpose the infinitive after
        it states ("combines ... targeted nutrition to rebuild discs")."""
        return bool(_TO.match(self.text[subject.end:predicate.start])) and bool(
            _USING.search(self.text, since, subject.start))

    def _named_like(self, predicate: Mention, lo: int, hi: int) -> bool:
        """A capitalised predicate that may end a name: not one that opens with an auxiliary
        ("Is Finished", "Has Vanished"), nor one in a clause written in capitals throughout."""
        text = self.text
        if not text[predicate.start].isupper():
            return False
        if _AUXILIARY.match(text, predicate.start, predicate.end):
            return False
        return any(c.islower() for c in text[lo:hi])

    def _in_a_name(self, predicate: Mention, clause_start: int, clause_end: int) -> bool:
        """A capitalised predicate inside a clause is part of a name ("Centers for Disease
        Control"), not a verb; at a clause's start, or in a clause in title case ("May Lower
        Blood Pressure"), it is a heading or a label."""
        if not self.text[predicate.start].isupper():
            return False
        before = [w.group() for w in _WORD.finditer(self.text, clause_start, predicate.start)]
        after = [w.group() for w in _WORD.finditer(self.text, predicate.end, min(clause_end, predicate.end + 60))][:3]
        title_case = all(w[0].isupper() or not w[0].isalpha() or len(w) <= 3 for w in before + after)  # "for", "and", "[sic]"
        return bool(before) and not title_case

    def _nearest(self, predicate: Mention, candidates: list[Mention], lo: int, hi: int,
                 after: int, before: int) -> Mention | None:
        """The nearest object after the predicate (within `after` words), else the nearest one
        just before it (within `before` words, with no punctuation and no conjunction between)."""
        best: tuple[int, Mention] | None = None
        gerund = self.text[predicate.start:predicate.end].lower().endswith("ing")
        if gerund and self._word_before(predicate, lo) in _SENSED:
            return None
        complement = self._complement(predicate, lo)
        # the first half of a compound describes the noun after it: "slow-simmered beef bone"
        compound = _HYPHENATED.match(self.text, predicate.end) is not None
        for mention in candidates:
            if mention.start >= predicate.end and mention.end <= hi and not compound and not (
                    complement and self._beyond_complement(predicate, mention)):
                distance = self.words_between(predicate.end, mention.start)
                if distance <= after and (best is None or distance < best[0]) and not (gerund and any(
                        w.group().lower() in _MODALS for w in _WORD.finditer(self.text, predicate.end, mention.start))):
                    best = (distance, mention)
        if best or not before or self._adjective(predicate, lo):
            return best[1] if best else None
        for mention in candidates:
            # not the first half of a compound ("the blood-oxygen app is designed for"): it names another thing
            if lo <= mention.start and mention.end <= predicate.start and self.text[mention.end:mention.end + 1] != "-":
                gap = self.text[mention.end:predicate.start]
                distance = self.words_between(mention.end, predicate.start)
                # "Insomnia, solved.": the object opening its clause, a comma, then what became of it
                named_then_done = gap.strip() == "," and _OPENING.fullmatch(self.text, lo, mention.start) is not None
                if (distance <= before and (named_then_done or not any(ch in gap for ch in ",.;:"))
                        and (best is None or distance < best[0])
                        and not any(w.group().lower() in _NOT_IN_A_COMPOUND for w in _WORD.finditer(gap))):
                    best = (distance, mention)
        if best is None and (label := self.label(lo)):
            return next((m for m in reversed(candidates) if label[0] <= m.start and m.end <= label[1]), None)
        return best[1] if best else None

    def label(self, clause_start: int) -> tuple[int, int] | None:
        """The label a clause explains, when the sentence opens with a few words and a colon:
        in "Migraines: stops an attack before it starts" the clause after the colon is said of
        the label, as a list's bold label is of the text that follows it."""
        if clause_start <= self.start or self.text[clause_start] != ":" or self.breaks[0] != clause_start:
            return None
        return (self.start, clause_start) if self.words_between(self.start, clause_start) <= LABEL_WORDS else None
