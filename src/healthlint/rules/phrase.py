"""Declarative phrase rules: patterns plus conditions, written as TOML data.

    [[rule]]
    name = "miracle"                      # id becomes "<category>/miracle" (or set id = "...")
    category = "hype"
    severity = "warning"
    message = "..."
    suggestion = "..."
    rationale = "..."
    patterns = ['\\bmiracle\\b']          # regex module syntax, case-insensitive
    keywords = ["miracle"]                # only for a pattern no keyword can be derived from
    unless = ["negated", "hedged", "cited", "paragraph-cited", "question", "heading", "quoted"]
    requires = '...'                      # the sentence must also match this
    excludes = '...'                      # skip when the sentence matches this
    near = { pattern = '...', words = 8 } # only with this pattern within N words
    register = "promotional"              # only in a document that reads as promotional (the
                                          # file's [register] cues, healthlint.claims.register)
    bad = ["..."]                         # examples the rule must flag
    good = ["..."]                        # examples it must leave alone
    fix = "..."                           # a rewrite of the match (groups expand), shown by --diff
    fix-safe = true                       # --fix may apply it: it cannot make a true statement false

Keywords are derived from each pattern (healthlint.rules.keywords, kept between runs by
healthlint.rules.keywordcache), and each pattern runs only on sentences holding one of its own. A
hand-written `keywords` list counts only when some pattern yields none: it is added to the rule's
keywords and that pattern runs on every sentence holding one of them; beside patterns that all
yield keywords it is ignored (so it can never switch a pattern off, and configs written before
keywords were derived keep working). A pattern that yields none without a list is an error.
Every key is typed (`_KEYS`, checked by healthlint.rules.schema): one error names the file, rule and key.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import regex

from healthlint.claims.lexicon import Lexicon, load_lexicon
from healthlint.deferred import Deferred
from healthlint.errors import RuleError
from healthlint.lazyregex import lazy
from healthlint.rules import SEVERITIES, Match, Rule, RuleInfo, keywordcache, prefilter, schema
from healthlint.rules.schema import Kind

if TYPE_CHECKING:  # annotations only: importing these costs a cached run time
    from healthlint.claims.concepts import ConceptTagger
    from healthlint.claims.rule import Analyzer
    from healthlint.rules.context import DocumentContext, SentenceContext

# ConText categories of core's lexicon (healthlint/claims/context.toml) a phrase rule may name in `unless`.
SCOPED = ("hypothetical", "reported", "conditional", "comparative", "limited")
MATCH_TIMEOUT = 5.0  # seconds (wall clock) for one pattern of a user's config on one sentence: a guard
# against exponential backtracking, loose enough that a loaded CI machine never trips it on a sane pattern
CONDITIONS = ("negated", "hedged", "cited", "paragraph-cited", "question", "heading", "quoted",
              *SCOPED)
_KEYS: dict[str, Kind] = {
    "name": str, "id": str, "category": str, "severity": str, "message": str, "suggestion": str,
    "rationale": str, "patterns": list[str], "keywords": list[str], "unless": list[str], "requires": str,
    "excludes": str, "near": {"pattern": str, "words": int}, "bad": list[str], "good": list[str],
    "case-sensitive": bool, "fix": str, "fix-safe": bool, "not-subject": list[str], "not-topic": list[str], "register": str,
    "formerly": list[str],
}
_REQUIRED = ("category", "message", "patterns")
_SCOPED = frozenset(SCOPED)
_NEGATED, _HEDGED = frozenset({"negated"}), frozenset({"hedged"})
_WORD = lazy(r"\w+")


class LazyPattern:
    """A regular expression compiled on first use: the regex module's compiler is slow, and most
    runs need only the patterns of rules whose keywords occur. Invalid patterns raise RuleError.
    With a `timeout`, each search gives up after that many seconds (TimeoutError). A search of
    text that lacks the words every match holds (healthlint.rules.prefilter) finds nothing
    without running, or compiling, the pattern."""

    __slots__ = ("source", "flags", "where", "timeout", "_compiled", "_code", "_needs", "_kept_needs")

    def __init__(self, source: str, flags: int, where: str, eager: bool, timeout: float | None = None) -> None:
        self.source, self.flags, self.where, self.timeout = source, flags, where, timeout
        self._compiled: regex.Pattern[str] | None = None
        self._code: bytes | None = None  # the compiled pattern, pickled (see __getstate__)
        self._needs: prefilter.Needs | None = None  # found on first search
        self._kept_needs: Deferred[prefilter.Needs] | None = None  # found before pickling (see __getstate__)
        if eager:
            self.compiled()

    def __getstate__(self) -> tuple[None, dict[str, Any]]:
        """Pickled with its compiled code, compiled now if need be. The regex module pickles a
        compiled pattern as that code, which it loads without parsing the pattern again, so a run
        that loads built rules (healthlint.running.compiled) skips the compiler (~2 ms for one of
        the packs' patterns) for the patterns it uses. The code is kept as bytes until first use:
        a run does not rebuild the hundreds of patterns it never uses. So are the words its
        matches need (found now if need be): such a run parses no pattern. (The kept file is
        named by the regex module's version too: its code is that version's.)"""
        code = self._code
        if code is None:
            import pickle

            try:
                code = pickle.dumps(self.compiled(), protocol=pickle.HIGHEST_PROTOCOL)
            except RuleError:  # an invalid pattern raises where it is used, as it would have
                code = None
        return None, {"source": self.source, "flags": self.flags, "where": self.where, "timeout": self.timeout,
                      "_compiled": None, "_code": code, "_needs": None,
                      "_kept_needs": self._kept_needs or Deferred(self._needs if self._needs is not None
                                                                  else self._find_needs())}

    def __setstate__(self, state: tuple[None, dict[str, Any]]) -> None:
        """Also a pattern pickled before its needs were kept (a kept file of the same version)."""
        self._needs = self._kept_needs = None
        for name, value in state[1].items():
            setattr(self, name, value)

    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            if self._code is not None:
                import pickle

                self._compiled = pickle.loads(self._code)  # what __getstate__ wrote, in the kept file
                return self._compiled
            try:
                self._compiled = regex.compile(self.source, self.flags)
            except regex.error as exc:
                raise RuleError(f"{self.where}: invalid regular expression {self.source!r}: {exc}") from None
        return self._compiled

    # Without a timeout the argument is left out: even timeout=None costs a search ~0.2 us, and a
    # number ~1.1 us (more than the search itself on most sentences).
    def search(self, text: str, start: int, end: int) -> regex.Match[str] | None:
        if not self.may_match(text, start, end):
            return None
        compiled = self._compiled or self.compiled()
        if self.timeout is None:
            return compiled.search(text, start, end)
        return compiled.search(text, start, end, timeout=self.timeout)

    def finditer(self, text: str, start: int, end: int) -> Iterable[regex.Match[str]]:
        if not self.may_match(text, start, end):
            return ()
        compiled = self._compiled or self.compiled()
        if self.timeout is None:
            return compiled.finditer(text, start, end)
        return compiled.finditer(text, start, end, timeout=self.timeout)

    def may_match(self, text: str, start: int, end: int) -> bool:
        """text[start:end] holds the words every match needs (False: the pattern cannot match there)."""
        needs = self._needs
        if needs is None:
            needs = self._needs = self._find_needs()
        return not needs or prefilter.met(needs, text, start, end)

    def _find_needs(self) -> prefilter.Needs:
        if self._kept_needs is not None:
            return self._kept_needs.get()
        return prefilter.needs(self.source, self.flags)


class Near(NamedTuple):  # not a dataclass: a NamedTuple is ~2.5x faster to create at import
    """A phrase rule's `near`: a match counts only with `pattern` within `words` words of it."""

    pattern: LazyPattern
    words: int


@dataclass
class PhraseRule(Rule):
    """A rule made of patterns and conditions; see the module docstring for the TOML form."""

    patterns: tuple[LazyPattern, ...] = ()
    unless: frozenset[str] = frozenset()
    requires: LazyPattern | None = None
    excludes: LazyPattern | None = None
    near: Near | None = None
    source: str = ""
    fix: str | None = None  # a replacement template (\\g<name> and \\1 expand groups)
    fix_safe: bool = False
    not_subject: ConceptTagger | None = None  # a match whose clause names one of these before it is skipped
    not_topic: ConceptTagger | None = None  # no match counts on a careful page whose title names one of these
    register: str | None = None  # "promotional": matches count only in a document that reads so ...
    analyzer: Analyzer | None = None  # ... by the register cues of this analyzer (its file's [register])
    # Per pattern, the keywords one of which every match of it contains (None: unknown, so the
    # pattern runs on every sentence that holds one of the rule's keywords).
    gates: tuple[frozenset[str] | None, ...] = ()
    # The patterns to run, by the gate keywords a sentence holds (see _gated): sentences share
    # few such sets, so one set intersection and a look-up replace a gate test per pattern.
    _selected: dict[frozenset[str], tuple[LazyPattern, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _gate_words: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (healthlint.running.compiled) without the selections a run has made."""
        return {**self.__dict__, "_selected": {}}

    def taggers(self) -> tuple[ConceptTagger, ...]:
        # Not the register's tagger: in a pack its claim rules tag it in the run's pass anyway, and
        # a runner of this rule alone (test-rules, rule pages) would have to build it into its own
        # automaton; the register measures itself in one pass when the run's did not tag it.
        return (self.not_subject,) if self.not_subject else ()

    def only_pattern(self, index: int) -> PhraseRule:
        """This rule with its pattern `index` alone, gated as in the whole rule: `test-rules` runs
        it to learn which patterns a rule's examples reach."""
        return replace(self, patterns=(self.patterns[index],), gates=(self.gates[index],))

    def applies(self, ctx: DocumentContext) -> bool:
        """Not in a document that does not read as promotional, for a rule limited to that
        register, nor in a warning about health fraud for a rule that lets reported speech be
        (both measured once per document)."""
        if self.analyzer is None:
            return True
        if self.analyzer.silences(self.unless, ctx):
            return False
        if not self.register:
            return True
        register = self.analyzer.register(ctx)
        return register is None or register.promotional

    def check(self, ctx: SentenceContext) -> Iterable[Match]:
        patterns = self._gated(ctx.keywords)  # only the patterns whose keywords the sentence holds can match
        if not patterns:
            return
        text, start, end = ctx.document.text, ctx.start, ctx.end
        if self.requires and not self.requires.search(text, start, end):
            return
        taken: list[tuple[int, int]] = []
        checked_sentence = False
        unless, scoped = self.unless, frozenset[str]()
        for pattern in patterns:
            for match in pattern.finditer(text, start, end):
                if match.end() == match.start() or (taken and any(s < match.end() and match.start() < e for s, e in taken)):
                    continue
                if not checked_sentence:  # sentence-wide conditions, only once something matched
                    checked_sentence = True
                    if self.analyzer:  # on a candid page, hedged and limited claims are let be too
                        unless = self.analyzer.unless(self.unless, ctx.document)
                    scoped = unless & _SCOPED
                    if ctx.silenced(unless) or (
                            self.excludes and self.excludes.search(text, start, end)):
                        return
                if "negated" in unless and ctx.negated(match.start(), match.end()):
                    continue
                if "hedged" in unless and ctx.hedged(match.start(), match.end()):
                    continue
                if ctx.set_apart(match.start(), match.end(), unless):
                    continue
                if scoped and ctx.modified(match.start(), scoped):
                    continue
                if self.not_subject and _subject_named(self.not_subject, ctx, match.start()):
                    continue
                if self.not_topic and self._on_topic(ctx.document):
                    continue
                if self.near and not self._near(ctx, match):
                    continue
                taken.append(match.span())
                replacement = match.expand(self.fix) if self.fix is not None else None
                yield Match(match.start(), match.end(), replacement=replacement, safe=self.fix_safe)

    def _on_topic(self, document: DocumentContext) -> bool:
        """The document does not read as promotional and its title (its first heading) names a
        `not-topic` term: a careful page about a curable infection ("Hepatitis C: testing and
        treatment") speaks of its cure in every sentence, named or not ("Current treatment cures
        more than 95% of people"). Measured once per document."""
        tagger = self.not_topic
        if tagger is None or self.analyzer is None:
            return False
        return bool(document.once(f"titled:{tagger.key}", lambda d: _titled(tagger, d))
                    and not self.analyzer.reads_promotional(document))

    def _gated(self, hits: AbstractSet[str]) -> tuple[LazyPattern, ...]:
        """The patterns, in order, whose gate is None or shares a keyword with `hits`. A gate
        meets `hits` exactly when it meets `hits` & all gates' words, so that smaller set keys them."""
        words = self._gate_words
        if words is None:
            words = self._gate_words = frozenset().union(*(gate for gate in self.gates if gate is not None))
        key = words.intersection(hits)
        patterns = self._selected.get(key)
        if patterns is None:
            patterns = self._selected[key] = tuple(
                p for p, gate in zip(self.patterns, self.gates) if gate is None or not key.isdisjoint(gate))
        return patterns

    def _near(self, ctx: SentenceContext, match: regex.Match[str]) -> bool:
        assert self.near is not None
        text = ctx.document.text
        before = list(_WORD.finditer(text, ctx.start, match.start()))[-self.near.words:]
        after = list(_WORD.finditer(text, match.end(), ctx.end))[: self.near.words]
        start = before[0].start() if before else match.start()
        end = after[-1].end() if after else match.end()
        return bool(self.near.pattern.search(text, start, end))


def phrase_rule(data: dict[str, Any], pack: str, source: str, prefix: str | None = None,
                eager: bool = True, timeout: float | None = None, lexicon: Lexicon | None = None) -> PhraseRule:
    """Build one phrase rule from its TOML table; errors name `source` and the key.

    Its id is `id` when given, else "<prefix or category>/<name>". With `eager`, its patterns are
    compiled (and so validated) now; otherwise on first use. With `timeout`, a search of one of
    its patterns in one sentence gives up after that many seconds: the engine gives rules from a
    user's config MATCH_TIMEOUT. A pack's patterns are code, reviewed and tested with the pack like
    its Python rules, and run without one (a timeout makes each search several times slower).
    """
    label = data.get("id") or data.get("name") or "?"
    where = f"{source}: rule {label!r}"
    schema.check(data, _KEYS, where)
    missing = [k for k in _REQUIRED if k not in data] + ([] if ("id" in data or "name" in data) else ["name"])
    if missing:
        raise RuleError(f"{where}: missing {', '.join(repr(m) for m in missing)}")
    unless = set(data.get("unless", []))
    if unless - set(CONDITIONS):
        raise RuleError(f"{where}: unknown condition(s) {sorted(unless - set(CONDITIONS))} in 'unless'; "
                        f"allowed: {', '.join(CONDITIONS)}")
    severity = data.get("severity", "warning")
    if severity not in SEVERITIES:
        raise RuleError(f"{where}: 'severity' must be one of {', '.join(SEVERITIES)}, not {severity!r}")
    if data.get("register", "promotional") != "promotional":
        raise RuleError(f"{where}: 'register' must be \"promotional\", not {data['register']!r}")
    rule_id = data.get("id") or f"{prefix or data['category']}/{data['name']}"
    flags = 0 if data.get("case-sensitive", False) else regex.IGNORECASE

    vocabularies = lexicon or Lexicon(source=source)

    def expand(text: str, key: str) -> str:
        return vocabularies.substitute(text, f"{where} '{key}'")

    def pattern(text: str, key: str) -> LazyPattern:
        return LazyPattern(expand(text, key), flags | regex.VERBOSE * ("\n" in text), f"{where} '{key}'", eager, timeout)

    patterns = tuple(pattern(p, "patterns") for p in data["patterns"])
    keywords, gates = _keywords(data["patterns"], [p.source for p in patterns], data.get("keywords"), where)
    near = None
    if "near" in data:
        near = Near(pattern(data["near"]["pattern"], "near"), data["near"]["words"])
    try:
        info = RuleInfo(
            id=rule_id, category=data["category"], severity=severity, message=data["message"],
            suggestion=data.get("suggestion"), rationale=data.get("rationale", ""),
            bad=tuple(data.get("bad", ())), good=tuple(data.get("good", ())), pack=pack,
            formerly=tuple(data.get("formerly", ())),
        )
    except ValueError as exc:
        raise RuleError(f"{where}: {exc}") from None
    return PhraseRule(
        info=info, keywords=keywords, patterns=patterns, gates=gates,
        unless=frozenset(unless),
        requires=pattern(data["requires"], "requires") if "requires" in data else None,
        excludes=pattern(data["excludes"], "excludes") if "excludes" in data else None,
        near=near, source=source, fix=data.get("fix"), fix_safe=data.get("fix-safe", False),
        not_subject=_tagger(vocabularies, data.get("not-subject", []), f"{where} 'not-subject'"),
        not_topic=_tagger(vocabularies, data.get("not-topic", []), f"{where} 'not-topic'"),
        register=data.get("register"),
    )


def _keywords(written: list[str], sources: list[str], given: list[str] | None,
              where: str) -> tuple[tuple[str, ...], tuple[frozenset[str] | None, ...]]:
    """The rule's keywords and each pattern's gate (see the module docstring): derived per pattern;
    `given` keywords count only when some pattern yields none, and a pattern that yields none
    without them is an error naming it."""
    derived = [keywordcache.derive(source) for source in sources]
    blind = [text for text, found in zip(written, derived) if found is None]
    if blind and given is None:
        raise RuleError(f"{where}: cannot derive keywords from pattern {blind[0]!r}: add a literal word "
                        "(3 characters or more) that every match contains, or a 'keywords' list of words "
                        "one of which every match of it contains")
    words = {k for found in derived for k in found or ()} | {k.lower() for k in (given or []) if blind}
    gates = (None,) if len(sources) == 1 else tuple(None if found is None else frozenset(found) for found in derived)
    return tuple(sorted(words)), gates


def _tagger(lexicon: Lexicon, names: list[Any], where: str) -> ConceptTagger | None:
    """A tagger of the vocabularies `names` (None for none); unknown names are an error."""
    lexicon.require(names, where)
    if not names:
        return None
    from healthlint.claims.concepts import ConceptTagger

    return ConceptTagger(lexicon, names)


def _titled(tagger: ConceptTagger, document: DocumentContext) -> bool:
    """The document's first heading, when it is one of its first three blocks, names one of the tagger's concepts."""
    for block in document.regions.blocks[:3]:
        if block.kind == "heading":
            return bool(tagger.mentions(document.text, block.start, block.end))
    return False


def _subject_named(tagger: ConceptTagger, ctx: SentenceContext, position: int) -> bool:
    """One of the tagger's concepts is named where the subject of `position` stands (its clause, after any 'that')."""
    from healthlint.claims.frames import clause_start, subject_start

    text = ctx.document.text
    start = subject_start(text, clause_start(text, ctx.start, position), position)
    return any(start <= m.start and m.end <= position for m in tagger.in_sentence(ctx))


def load_phrase_rules(path: str | Path, pack: str) -> list[Rule]:
    """Every `[[rule]]` of a pack's TOML file. Patterns compile on first use (a pack's own tests
    run its examples, so every pattern is compiled there)."""
    import tomli

    path = Path(path)
    try:
        data = tomli.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomli.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: {exc}") from None
    from healthlint.claims.rule import analyzer_for, claim_rule

    lexicon = load_lexicon(data.get("vocabularies", {}), str(path), path.parent)
    phrases = [phrase_rule(table, pack, str(path), eager=False, lexicon=lexicon) for table in data.get("rule", [])]
    rules: list[Rule] = list(phrases)
    if "claim" in data or "register" in data or any(rule.register for rule in phrases):
        analyzer = analyzer_for(data, lexicon, str(path))
        for rule in phrases:
            if rule.register and analyzer.register_spec is None:
                raise RuleError(f"{path}: rule {rule.info.id!r}: 'register' needs a [register] table in {path}")
            if analyzer.register_spec is not None:
                rule.analyzer = analyzer  # its register, and whether a page warns of fraud
        rules.extend(claim_rule(table, pack, str(path), analyzer) for table in data.get("claim", []))
    return rules
