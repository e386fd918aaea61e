"""The rule runner: one keyword pass per document, then each rule on its candidate sentences."""

from __future__ import annotations

import heapq
import itertools
import re
import sys
import time
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import redirect_stdout
from functools import cached_property
from typing import TYPE_CHECKING, Any

import ahocorasick

from healthlint.claims.concepts import ConceptTagger, is_word_char, whole_word
from healthlint.deferred import Deferred
from healthlint.lazyregex import lazy
from healthlint.output.findings import Finding, RunError, without_repeats
from healthlint.rules import DocumentRule, Match, Rule, RuleInfo
from healthlint.rules.context import DocumentContext
from healthlint.running import suppressions
from healthlint.running.timelimit import RULE_TIME_LIMIT, RuleTimeout, TimeLimit
from healthlint.text.document import Document
from healthlint.text.reading import read, term_key

if TYPE_CHECKING:
    import regex

    from healthlint.rules.vocabulary import Term, Vocabulary

_TOKEN = lazy(r"\w+")
_ASCII_TOKEN = re.compile(r"\w+")  # the same words in ASCII text, at a quarter of the cost a call
BY_WORDS = 2000  # a vocabulary with more terms than this is found word by word (see Linter._build)
WINDOW = 2048  # sentences whose keyword hits and candidate sets are held at once (see Linter.windows)


class FileResult:
    """One document's findings and rule errors, and each rule's seconds when timed."""

    __slots__ = ("findings", "errors", "timings")

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.errors: list[RunError] = []
        self.timings: dict[str, float] = {}  # rule id -> seconds, when timed


class Linter:
    """A fixed set of rules, compiled once into a keyword automaton, applied to documents."""

    def __init__(self, rules: Iterable[Rule], severities: dict[str, str] | None = None, timed: bool = False,
                 vocabulary: tuple[Term, ...] = (), fingerprints: bool = True,
                 time_limit: float | None = RULE_TIME_LIMIT, register: str | None = None) -> None:
        self.rules = list(rules)
        self.register = register  # the documents' register as the configuration declares it (None: measured)
        self.time_limit = time_limit  # seconds each rule may spend on one document (None: no limit)
        self.fingerprints = fingerprints
        self.severities = severities or {}
        self.timed = timed
        self.vocabulary = vocabulary
        self._always: list[int] = []
        self._tagged: frozenset[str] = frozenset()
        self._longest = 0
        self._automaton: Any = None
        self._entries: list[tuple[Any, ...]] = []
        self._steps: dict[str, tuple[tuple[Any, ...] | None, bool]] = {}  # see _open
        # A door's terms, (term, payload), until a document first holds the door (see _open).
        self._closed: Deferred[dict[str, list[tuple[str, tuple[Any, ...]]]]] = Deferred({})

    @cached_property
    def rule_rank(self) -> dict[str, int]:
        """Rule id -> its place among the rules: of two findings on one span, the earlier rule's stays."""
        return {rule.info.id: place for place, rule in enumerate(self.rules)}

    @cached_property
    def fallbacks(self) -> frozenset[int]:
        """The indices of the rules whose matches give way to other rules' of their category
        inside their span (see _give_way)."""
        return frozenset(index for index, rule in enumerate(self.rules) if rule.info.fallback)

    @property
    def built(self) -> bool:
        """The pass's automaton is built (a pickle of this runner carries it)."""
        return self._automaton is not None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "timed": False}

    def _build(self) -> Any:
        """The one automaton of the keyword and concept pass, built on first use (a run answered
        from the cache never builds it). Its values index `self._entries`; each entry: the term's
        length, the term when it is a keyword, the rules it is a keyword of, the (tagger key,
        concepts) it is a form of, the rules those concepts gate, and for a door (see below) the
        pairs of characters its terms go on with after it. Terms of one vocabulary
        share an entry per length: the automaton holds integers, which pickle fast
        (healthlint.running.compiled keeps a built runner for the next run)."""
        keyword_rules: dict[str, list[int]] = defaultdict(list)
        concepts: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}  # form -> (tagger key, names) of each
        gated: dict[str, tuple[int, ...]] = {}
        taggers = {t.key: t for rule in self.rules for t in rule.taggers()}
        gates: dict[str, list[tuple[int, frozenset[str]]]] = defaultdict(list)  # tagger key -> (rule, names)
        for index, rule in enumerate(self.rules):
            gate = rule.concept_gate()
            if gate is not None:
                taggers.setdefault(gate[0].key, gate[0])
                gates[gate[0].key].append((index, gate[1]))
            elif not rule.keywords:
                self._always.append(index)
            for keyword in rule.keywords:
                keyword_rules[term_key(keyword)].append(index)
        # Terms of several words of a large vocabulary ("juvenile rheumatoid arthritis") are found
        # word by word from their first word (a door in the automaton), not held letter by letter
        # in it: the condition vocabulary's 15,000 terms would be most of the automaton's states.
        doors: dict[str, str] = {}  # such a term -> its first word
        held: set[str] = set(keyword_rules)  # terms the automaton must hold
        merged: set[str] = set()  # forms of several taggers
        layouts = [_layout(tagger) for tagger in taggers.values()]
        for key, layout in zip(taggers, layouts):
            both = concepts.keys() & layout.concepts.keys()
            earlier = {form: concepts[form] for form in both}
            concepts.update(layout.concepts)
            for form in both:
                concepts[form] = earlier[form] + layout.concepts[form]
            merged |= both
            held.update(layout.whole)
            doors.update(layout.doors)
            for names, forms in layout.groups.items():
                rules = tuple(index for index, wanted in gates[key] if not wanted.isdisjoint(names))
                if rules:
                    for form in forms:
                        gated[form] = tuple(sorted({*gated[form], *rules})) if form in gated else rules
        self._tagged = frozenset(taggers)
        self._longest = max(map(len, keyword_rules.keys() | concepts.keys()), default=0)
        none: tuple[int, ...] = ()
        self._steps = {}
        closed: dict[str, list[tuple[str, tuple[Any, ...]]]] = {}
        payloads: dict[tuple[object, ...], tuple[object, ...]] = {}
        # A door's terms go on from it with one of a few pairs of characters (" d" for "... disease",
        # "'s" for "...'s disease"): a door followed by another pair opens no term (see candidates).
        # Each tagger's layout holds its doors' terms with the payload most runners give them; the
        # doors of terms this runner gives another (gated, merged, held after all) are made again.
        follow: dict[str, frozenset[str]] = {}
        shared: set[str] = set()  # doors of several taggers
        for layout in layouts:
            for door, terms in layout.closed.items():
                if door in closed:
                    closed[door] = closed[door] + terms
                    shared.add(door)
                else:
                    closed[door], follow[door] = terms, layout.follow[door]
        for door in shared | {doors[form] for form in doors.keys() & (gated.keys() | held | merged)}:
            alive = dict.fromkeys(form for form, _ in closed.pop(door) if form not in held)
            del follow[door]
            if alive:
                closed[door] = [(form, payloads.setdefault(p := (concepts[form], gated.get(form, none)), p))
                                for form in alive]
                follow[door] = frozenset(form[len(door):len(door) + 2] for form in alive)
        self._closed = Deferred(closed)  # a kept runner unpickles it when a document first holds a door
        opening = set(closed)
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        numbers: dict[tuple[Any, ...], int] = {}
        # Equal parts of entries as one object, which the kept file unpickles once: of the packs'
        # ~16,000 parts of ~4,000 entries, ~1,100 differ (unpickling them takes a third of the time).
        parts: dict[object, Any] = {}
        share = parts.setdefault
        shut: frozenset[str] = frozenset()
        for word in held | opening:
            in_rules, of_concepts, of_gated = keyword_rules.get(word), concepts.get(word), gated.get(word)
            rules_part = share(part := tuple(in_rules), part) if in_rules else none
            concepts_part = share(of_concepts, of_concepts) if of_concepts else none
            gated_part = share(of_gated, of_gated) if of_gated else none
            follow_part = share(follow[word], follow[word]) if word in opening else shut
            entry = (len(word), word if in_rules else None, rules_part, concepts_part, gated_part, follow_part)
            automaton.add_word(word, numbers.setdefault(entry, len(numbers)))
        self._entries = list(numbers)
        automaton.make_automaton()
        return automaton

    def build(self) -> None:
        """Build the pass's automaton now (forked workers then share the one their parent built)."""
        if self._automaton is None:
            self._automaton = self._build()

    def _open(self, door: str) -> None:
        """The word-by-word steps of the terms that begin with `door`, made the first time a
        document holds it (274 NIH pages open 988 of the 3,346 first words of condition terms).
        A step of a term's words so far says whether a term ends there (its payload) and whether
        longer terms go on; the terms of two doors share no step, since their first words differ.
        The steps are added at once, then the door is closed, so another thread never reads half."""
        steps: dict[str, tuple[tuple[Any, ...] | None, bool]] = {}
        closed = self._closed.get()
        for form, payload in closed.get(door, ()):
            ends = [m.end() for m in _words(form).finditer(form)]
            for end in ends[:-1]:
                steps[form[:end]] = (steps.get(form[:end], (None, True))[0], True)
            steps[form] = (payload, steps.get(form, (None, False))[1])
        self._steps.update(steps)
        closed.pop(door, None)

    def _continued(self, piece: str, start: int, end: int) -> list[tuple[int, tuple[Any, ...]]]:
        """The ends and (concepts, gated rules) of the terms of several words that begin with
        the word piece[start:end], found word by word."""
        if piece[start:end] in self._closed.get():
            self._open(piece[start:end])
        steps, words = self._steps, _words(piece)
        found: list[tuple[int, tuple[Any, ...]]] = []
        while True:
            word = words.search(piece, end)
            if word is None:
                return found
            end = word.end()
            step = steps.get(piece[start:end])
            if step is None:
                return found
            if step[0] is not None:
                found.append((end, step[0]))
            if not step[1]:
                return found

    def windows(self, ctx: DocumentContext) -> Iterator[tuple[int, int]]:
        """Consecutive ranges [first, stop) of sentence indexes covering the document, WINDOW
        sentences each: candidate sets and keyword hits are kept for one window at a time, so a
        50 MB document does not hold them for all its sentences at once."""
        count = len(ctx.sentences)
        for first in range(0, max(count, 1), WINDOW):
            yield first, min(first + WINDOW, count)

    def candidates(self, ctx: DocumentContext, first: int = 0, stop: int | None = None) -> dict[int, set[int]]:
        """rule index -> indexes of the sentences in [first, stop) holding one of its keywords or
        gating concepts (-1: a keyword occurs in this stretch of the document). Terms that start
        from the first sentence's start (from 0 for the first window) up to the next window's
        first sentence count. Records in `ctx.hits` which keywords each sentence holds and in
        `ctx.mentions` the concept mentions of every tagger the rules read."""
        self.build()
        starts, ends = ctx.sentences.starts, ctx.sentences.ends
        stop = len(starts) if stop is None else stop
        text_start = starts[first] if 0 < first < len(starts) else 0
        text_end = starts[stop] if stop < len(starts) else len(ctx.text)
        found: dict[int, set[int]] = defaultdict(set)
        hits, mentions = ctx.hits, ctx.mentions
        ctx.tagged, ctx.whole = self._tagged, first == 0 and stop == len(starts)
        if self._longest:
            sentence_start, sentence_end, sentence = 0, -1, None  # the sentence of the last hit
            words: set[str] = set()
            # A slice, not iter(text, start, end): the automaton converts the whole string it is given.
            piece, back = read(ctx.text[text_start:text_end + self._longest - 1])
            entries, piece_end = self._entries, len(piece) - 1
            for last, number in self._automaton.iter(piece):
                length, word, keyword_rules, concepts, gated, door = entries[number]
                first_char = last - length + 1
                if not keyword_rules and ((first_char and piece[first_char - 1].isalnum() and piece[first_char].isalnum())
                                          or (last < piece_end and piece[last + 1].isalnum() and piece[last].isalnum())):
                    continue  # the commonest hit: a concept's letters inside a longer word ("i" in "skin")
                whole = bool(concepts or gated or door) and whole_word(piece, first_char, last)
                if not (whole or keyword_rules):  # a concept's letters inside a longer word
                    continue
                start = text_start + back(first_char)
                if start >= text_end:  # the next window's
                    continue
                if not sentence_start <= start < sentence_end:
                    sentence = ctx.sentence_at(start)
                    if sentence is not None:
                        sentence_start, sentence_end = starts[sentence], ends[sentence]
                        words = hits.setdefault(sentence, set())
                    else:  # hits come by their end: the next may start back inside the last sentence
                        sentence_start, sentence_end = 0, -1
                if sentence is None:  # outside every sentence: a rule still hears of the document
                    for index in keyword_rules:
                        found.setdefault(index, set())  # gets its -1 below
                    continue
                if keyword_rules:
                    words.add(word)
                    for index in keyword_rules:
                        found[index].add(sentence)
                if whole:
                    tagged = mentions.setdefault(sentence, {})
                    end = text_start + back(last) + 1
                    for key, names in concepts:
                        tagged.setdefault(key, []).append((names, start, end))
                    for index in gated:
                        found[index].add(sentence)
                    if piece[last + 1:last + 3] in door:  # a term of several words may begin here
                        for stop_char, (of_concepts, opening) in self._continued(piece, first_char, last + 1):
                            end = text_start + back(stop_char - 1) + 1
                            for key, names in of_concepts:
                                tagged.setdefault(key, []).append((names, start, end))
                            for index in opening:
                                found[index].add(sentence)
            for sentences in found.values():
                sentences.add(-1)
        for index in self._always:
            found[index] = {-1, *range(first, stop)}
        return found

    def lint(self, document: Document, report_unused_suppressions: bool = False) -> FileResult:
        """Findings of every rule on one document, after inline suppressions. What rules print
        goes to standard error: standard output is the report's (or a language server's)."""
        with redirect_stdout(sys.stderr):
            return self._lint(document, report_unused_suppressions)

    def _lint(self, document: Document, report_unused_suppressions: bool) -> FileResult:
        result = FileResult()
        ctx = DocumentContext.build(document)
        ctx.declared_register = self.register
        produced: dict[int, list[Match]] = defaultdict(list)
        failures: dict[int, RunError] = {}
        length = len(document.text)

        spent: dict[int, float] = defaultdict(float)  # rule index -> seconds on this document

        def run(index: int, check: Callable[[], Iterable[Match]]) -> None:
            """One rule on part of the document; a rule that times out, raises or exits loses
            its matches for this file and is reported once."""
            rule = self.rules[index]
            started = time.perf_counter()
            try:
                limit = None if self.time_limit is None else max(self.time_limit - spent[index], 0.0)
                with TimeLimit(limit):
                    produced[index].extend([_valid(m, rule, length) for m in check()])
            except RuleTimeout:
                failures[index] = RunError(
                    f"{document.path}: rule {rule.info.id} took longer than {self.time_limit:g} s "
                    "(rule-time-limit) and was stopped; the rule was skipped for this file", document.path)
                produced.pop(index, None)
            except TimeoutError:
                failures[index] = RunError(
                    f"{document.path}: rule {rule.info.id} timed out (a pattern took too long; "
                    "simplify it); the rule was skipped for this file", document.path)
                produced.pop(index, None)
            except (Exception, SystemExit) as exc:  # a plugin's bug, even sys.exit(0), must not end the run
                import traceback  # rarely needed, and it costs start-up time (it imports textwrap)

                failure = f"called sys.exit({exc.code!r})" if isinstance(exc, SystemExit) else \
                    f"failed: {type(exc).__name__}: {exc}"
                failures[index] = RunError(f"{document.path}: rule {rule.info.id} {failure}", document.path,
                                           traceback.format_exc())
                produced.pop(index, None)
            elapsed = time.perf_counter() - started
            spent[index] += elapsed
            if self.timed:
                result.timings[rule.info.id] = result.timings.get(rule.info.id, 0.0) + elapsed

        document_rules: set[int] = set()
        for first, stop in self.windows(ctx):
            ctx.hits.clear()
            ctx.mentions.clear()
            for index, sentences in sorted(self.candidates(ctx, first, stop).items()):
                rule = self.rules[index]
                if isinstance(rule, DocumentRule):
                    document_rules.add(index)
                elif index not in failures:
                    # run() calls the lambda at once, so the loop variables it reads are this turn's.
                    run(index, lambda: [m for s in sorted(sentences) if s >= 0  # noqa: B023
                                        for m in rule.check(ctx.sentence(s))]  # noqa: B023
                        if rule.applies(ctx) else [])  # noqa: B023
        ctx.hits.clear()  # the mentions stay: a document rule may read the register from them
        for index in sorted(document_rules):
            document_rule = self.rules[index]
            assert isinstance(document_rule, DocumentRule)
            run(index, lambda: document_rule.check_document(ctx))  # noqa: B023 (called at once)
        result.errors.extend(failures[index] for index in sorted(failures))
        if self.fallbacks & produced.keys():
            _give_way(produced, self.fallbacks, self.rules, document.text)
        directives = suppressions.parse(document, ctx.regions.html)
        accepted = None
        if self.vocabulary:  # a configuration's accepted terms (healthlint.rules.vocabulary)
            from healthlint.rules.vocabulary import Vocabulary

            accepted = Vocabulary(self.vocabulary, ctx.text)
        pending = sorted(directives, key=lambda s: s.start, reverse=True)
        active: list[suppressions.Suppression] = []
        # Each rule's matches in order, merged lazily: a big document's matches are not copied again.
        ordered = heapq.merge(*(self._in_order(self.rules[index].info, matches, accepted)
                                for index, matches in produced.items()), key=lambda pair: (pair[1].start, pair[1].end, pair[0].id))
        for info, match in ordered:
            while pending and pending[-1].start <= match.start:  # a sweep: each directive enters once
                active.append(pending.pop())
            active = [s for s in active if s.end > match.start]
            covering = [s for s in active if s.covers(info, match.start)]
            for suppression in covering:
                suppression.used = True
            if not covering:
                result.findings.append(self._finding(ctx, info, match))
        result.findings = without_repeats(result.findings, self.rule_rank)
        if report_unused_suppressions:
            for suppression in directives:
                if not suppression.used:
                    span = Match(suppression.comment_start, suppression.comment_end)
                    result.findings.append(self._finding(ctx, suppressions.UNUSED_SUPPRESSION, span))
            result.findings.sort(key=lambda f: (f.offset, f.end_offset, f.rule))
        return result

    @staticmethod
    def _in_order(info: RuleInfo, matches: list[Match], accepted: Vocabulary | None) -> Iterator[tuple[RuleInfo, Match]]:
        """One rule's matches by position, each span once, without those the vocabulary accepts."""
        matches.sort(key=lambda m: (m.start, m.end))
        last = (-1, -1)
        for match in matches:
            if (match.start, match.end) != last and (accepted is None or not accepted.accepts(info, match)):
                yield info, match
            last = (match.start, match.end)

    def _finding(self, ctx: DocumentContext, info: RuleInfo, match: Match) -> Finding:
        document = ctx.document
        line, column = document.position(match.start)
        end_line, end_column = document.position(match.end)
        flagged = document.text[match.start:match.end]
        sentence = ctx.sentence_at(match.start)
        if sentence is None:
            start, end, prose = match.start, match.end, flagged
        else:
            start, end = ctx.sentences.starts[sentence], ctx.sentences.ends[sentence]
            prose = ctx.text[start:end]  # markup blanked: re-formatting a sentence keeps its fingerprint
        return Finding(
            path=document.path, rule=info.id, category=info.category,
            severity=self.severities.get(info.id, info.severity),
            message=match.message or info.message,
            suggestion=match.suggestion if match.suggestion is not None else info.suggestion,
            offset=match.start, end_offset=match.end,
            line=line, column=column, end_line=end_line, end_column=end_column,
            fingerprint=fingerprint(info.id, flagged, prose) if self.fingerprints else "",
            sentence_start=start, sentence_end=end,
            replacement=match.replacement, safe=match.safe and match.replacement is not None,
            former_fingerprints=tuple((former, fingerprint(former, flagged, prose)) for former in info.formerly
                                      if "/" in former) if self.fingerprints and info.formerly else (),
        )


def _give_way(produced: dict[int, list[Match]], fallbacks: frozenset[int], rules: list[Rule], text: str) -> None:
    """A fallback rule's match gives way to the matches of other rules of its category inside it
    (a rule of another category says something else of the sentence): it keeps only the longest
    run of its clauses that none of them touches, of GIVE_WAY_WORDS words or more, where the rule
    says it still holds (Rule.holds_in), with the rule's own message; or it is dropped. ("The heat
    tightens the palate by triggering collagen, opening up your airway so air flows silently": a
    precise rule explains the first clause, the reading stays on the second.) Before suppressions
    and the vocabulary, so that silencing the precise rule never brings the fallback's whole span out."""
    spans = [(m.start, m.end, rules[index].info.category) for index, matches in produced.items()
             if index not in fallbacks for m in matches]
    for index in fallbacks & produced.keys():
        rule = rules[index]
        kept: list[Match] = []
        for match in produced[index]:
            inside = [(s, e) for s, e, c in spans if c == rule.info.category and match.start <= s and e <= match.end]
            if not inside:
                kept.append(match)
            elif (rest := _untouched(text, match.start, match.end, inside)) and rule.holds_in(text[rest[0]:rest[1]]):
                kept.append(Match(*rest, suggestion=match.suggestion))
        produced[index] = kept


GIVE_WAY_WORDS = 4  # words a fallback's untouched clauses need to keep a finding (see _give_way)
# Where a clause ends: a semicolon, a bracket, a dash, or a comma that is not a list's ("every
# cream, peel and laser": one or two words, then another comma, "and" or "or"). Not a colon: what
# follows one says what the clause before it claims ("non-invasive: a weekly injection at home").
_FRAYED = " \t\n,;:()\u2014\u2013*_\"\u201c\u201d"  # what a run of clauses is trimmed of at its ends (and a full stop at its end)
_CLAUSE_END = re.compile(r"[;()\u2014\u2013]|,(?!\s+[\w\x27\u2019-]+(?:\s+[\w\x27\u2019-]+)?(?:,|\s+(?:and|or)\b))")


def _untouched(text: str, start: int, end: int, touched: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The longest run of the clauses of text[start:end] (see _CLAUSE_END) that no span in
    `touched` overlaps, trimmed, when it has GIVE_WAY_WORDS words or more."""
    cuts = [start, *(m.end() for m in _CLAUSE_END.finditer(text, start, end)), end]
    best: tuple[int, int] | None = None
    run_start: int | None = None
    for clause_start, clause_end in [*itertools.pairwise(cuts), (end, end)]:
        free = clause_end > clause_start and not any(s < clause_end and clause_start < e for s, e in touched)
        if free and run_start is None:
            run_start = clause_start
        elif not free and run_start is not None:
            piece = text[run_start:clause_start]
            left = run_start + len(piece) - len(piece.lstrip(_FRAYED))
            right = clause_start - (len(piece) - len(piece.rstrip(_FRAYED + ".!?")))
            if len(_ASCII_TOKEN.findall(text, left, right)) >= GIVE_WAY_WORDS and (
                    best is None or right - left > best[1] - best[0]):
                best = (left, right)
            run_start = None
    return best


class _Layout:
    """The forms of one tagger as a runner's automaton takes them (see Linter._build): made once
    per tagger, since a process that builds a runner per rule (a rule's examples, its docs page)
    would otherwise read every form of the large vocabularies again for each."""

    def __init__(self, tagger: ConceptTagger) -> None:
        large = {name for name, size in tagger.sizes.items() if size > BY_WORDS}
        self.concepts: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}  # form -> ((key, names),)
        self.groups: dict[tuple[str, ...], list[str]] = defaultdict(list)  # names -> their forms
        self.whole: set[str] = set()  # forms the automaton holds
        self.doors: dict[str, str] = {}  # forms found word by word -> their first word
        # door -> its terms with their payload when no rule is gated by them (see Linter._open)
        self.closed: dict[str, list[tuple[str, tuple[Any, ...]]]] = defaultdict(list)
        pairs: dict[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]] = {}
        payloads: dict[tuple[str, ...], tuple[Any, ...]] = {}
        for form, names in tagger.forms.items():
            self.concepts[form] = pairs.setdefault(names, ((tagger.key, names),))
            self.groups[names].append(form)
            door = _door(form) if large and large.issuperset(names) else None
            if door is None:
                self.whole.add(form)
            else:
                self.doors[form] = door
                self.closed[door].append((form, payloads.setdefault(names, (self.concepts[form], ()))))
        self.closed = dict(self.closed)
        # door -> the pairs of characters its terms go on with after it
        self.follow = {door: frozenset(form[len(door):len(door) + 2] for form, _ in terms)
                       for door, terms in self.closed.items()}


_layouts: weakref.WeakKeyDictionary[ConceptTagger, _Layout] = weakref.WeakKeyDictionary()


def _layout(tagger: ConceptTagger) -> _Layout:
    """The layout of `tagger`, made on first use."""
    layout = _layouts.get(tagger)
    if layout is None:
        layout = _layouts[tagger] = _Layout(tagger)
    return layout


def _door(term: str) -> str | None:
    """The first word of a term of several words that begins and ends with a word, when that
    word is long enough not to be met inside most words ("a", "in", "the" would be doors hit
    everywhere): such a term is found word by word. None for any other term."""
    first = _words(term).match(term)
    if first is None or first.end() < 4 or first.end() == len(term) or not is_word_char(term[-1]):
        return None
    return first.group()


def _words(text: str) -> re.Pattern[str] | regex.Pattern[str]:
    """The word pattern for `text`: the stdlib's for ASCII text (str.isascii() costs nothing)."""
    return _ASCII_TOKEN if text.isascii() else _TOKEN


def fingerprint(rule: str, flagged: str, sentence: str) -> str:
    """Identifies a finding across unrelated edits and moved lines: the rule, the flagged text and
    its sentence, with white space folded (so re-wrapping a paragraph keeps it)."""
    import hashlib  # here: only baseline runs need it, and loading OpenSSL costs start-up time

    digest = hashlib.sha256("\0".join((rule, " ".join(flagged.split()), " ".join(sentence.split()))).encode())
    return digest.hexdigest()[:20]


class InvalidMatch(Exception):
    """A rule returned something that is not a span inside the document."""


def _valid(match: object, rule: Rule, length: int) -> Match:
    if not isinstance(match, Match):
        raise InvalidMatch(f"returned {type(match).__name__}, expected healthlint.rules.Match")
    if not (isinstance(match.start, int) and isinstance(match.end, int) and 0 <= match.start <= match.end <= length):
        raise InvalidMatch(f"returned span {match.start!r}..{match.end!r} outside the document (length {length})")
    return match
