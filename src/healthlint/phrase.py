"""Declarative phrase rules: patterns plus conditions, written as TOML data.

    [[rule]]
    name = "miracle"                      # id becomes "<category>/miracle" (or set id = "...")
    category = "hype"
    severity = "warning"
    message = "..."
    suggestion = "..."
    rationale = "..."
    patterns = ['\\bmiracle\\b']          # regex module syntax, case-insensitive
    keywords = ["miracle"]                # optional: derived from the patterns when literal
    unless = ["negated", "hedged", "cited", "paragraph-cited", "question", "heading", "quoted"]
    requires = '...'                      # the sentence must also match this
    excludes = '...'                      # skip when the sentence matches this
    near = { pattern = '...', words = 8 } # only with this pattern within N words
    bad = ["..."]                         # examples the rule must flag
    good = ["..."]                        # examples it must leave alone
    fix = "..."                           # a rewrite of the match (groups expand), shown by --diff
    fix-safe = true                       # --fix may apply it: it cannot make a true statement false
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the stdlib regex parser, used only to derive literal keywords
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from healthlint.claims.lexicon import Lexicon, load_lexicon
from healthlint.errors import RuleError
from healthlint.lazyregex import lazy
from healthlint.rules import SEVERITIES, Match, Rule, RuleInfo

if TYPE_CHECKING:  # annotations only: importing these costs a cached run time
    from healthlint.claims.concepts import ConceptTagger
    from healthlint.context import SentenceContext

# ConText categories of core's lexicon (healthlint/claims/context.toml) a phrase rule may name in `unless`.
SCOPED = ("hypothetical", "reported", "conditional", "comparative", "limited")
MATCH_TIMEOUT = 5.0  # seconds (wall clock) for one pattern of a user's config on one sentence: a guard
# against exponential backtracking, loose enough that a loaded CI machine never trips it on a sane pattern
CONDITIONS = ("negated", "hedged", "cited", "paragraph-cited", "question", "heading", "quoted",
              *SCOPED)
_KEYS = {
    "name": str, "id": str, "category": str, "severity": str, "message": str, "suggestion": str,
    "rationale": str, "patterns": list, "keywords": list, "unless": list, "requires": str,
    "excludes": str, "near": dict, "bad": list, "good": list, "case-sensitive": bool,
    "fix": str, "fix-safe": bool, "not-subject": list,
}
_REQUIRED = ("category", "message", "patterns")
_SCOPED = frozenset(SCOPED)
_NEGATED, _HEDGED = frozenset({"negated"}), frozenset({"hedged"})
_WORD = lazy(r"\w+")


class LazyPattern:
    """A regular expression compiled on first use: the regex module's compiler is slow, and most
    runs need only the patterns of rules whose keywords occur. Invalid patterns raise RuleError.
    With a `timeout`, each search gives up after that many seconds (TimeoutError)."""

    __slots__ = ("source", "flags", "where", "timeout", "_compiled")

    def __init__(self, source: str, flags: int, where: str, eager: bool, timeout: float | None = None) -> None:
        self.source, self.flags, self.where, self.timeout = source, flags, where, timeout
        self._compiled: regex.Pattern[str] | None = None
        if eager:
            self.compiled()

    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            try:
                self._compiled = regex.compile(self.source, self.flags)
            except regex.error as exc:
                raise RuleError(f"{self.where}: invalid regular expression {self.source!r}: {exc}") from None
        return self._compiled

    # Without a timeout the argument is left out: even timeout=None costs a search ~0.2 us, and a
    # number ~1.1 us (more than the search itself on most sentences).
    def search(self, text: str, start: int, end: int) -> regex.Match[str] | None:
        compiled = self._compiled or self.compiled()
        if self.timeout is None:
            return compiled.search(text, start, end)
        return compiled.search(text, start, end, timeout=self.timeout)

    def finditer(self, text: str, start: int, end: int) -> Iterable[regex.Match[str]]:
        compiled = self._compiled or self.compiled()
        if self.timeout is None:
            return compiled.finditer(text, start, end)
        return compiled.finditer(text, start, end, timeout=self.timeout)


@dataclass
class Near:
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
    _gates: tuple[frozenset[str] | None, ...] | None = field(default=None, repr=False, compare=False)

    @property
    def _scoped(self) -> frozenset[str]:
        return self.unless & _SCOPED

    def gates(self) -> tuple[frozenset[str] | None, ...]:
        """Per pattern, rule keywords one of which every match of it contains (None: unknown, so
        the pattern runs on every candidate sentence); worked out on first use."""
        if self._gates is None:  # a lone pattern runs on every candidate: no parse needed to say so
            self._gates = (None,) if len(self.patterns) == 1 else tuple(
                _gate(p.source, list(self.keywords)) for p in self.patterns)
        return self._gates

    def only_pattern(self, index: int) -> PhraseRule:
        """This rule with its pattern `index` alone, gated as in the whole rule: `test-rules` runs
        it to learn which patterns a rule's examples reach."""
        return replace(self, patterns=(self.patterns[index],), _gates=(self.gates()[index],))

    def check(self, ctx: SentenceContext) -> Iterable[Match]:
        hits = ctx.keywords  # only the patterns whose keywords the sentence holds can match
        patterns = [p for p, gate in zip(self.patterns, self.gates()) if gate is None or not hits.isdisjoint(gate)]
        if not patterns:
            return
        text, start, end = ctx.document.text, ctx.start, ctx.end
        if self.requires and not self.requires.search(text, start, end):
            return
        taken: list[tuple[int, int]] = []
        checked_sentence = False
        for pattern in patterns:
            for match in pattern.finditer(text, start, end):
                if match.end() == match.start() or (taken and any(s < match.end() and match.start() < e for s, e in taken)):
                    continue
                if not checked_sentence:  # sentence-wide conditions, only once something matched
                    checked_sentence = True
                    if self._silenced(ctx) or (
                            self.excludes and self.excludes.search(text, start, end)):
                        return
                if "negated" in self.unless and (ctx.negated(match.start(), match.end())
                                                 or ctx.modified(match.start(), _NEGATED)):
                    continue
                if "hedged" in self.unless and (ctx.hedged(match.start(), match.end())
                                                or ctx.modified(match.start(), _HEDGED)):
                    continue
                if "quoted" in self.unless and ctx.quoted(match.start(), match.end()):
                    continue
                if self._scoped and ctx.modified(match.start(), self._scoped):
                    continue
                if self.not_subject and _subject_named(self.not_subject, text, start, match.start()):
                    continue
                if self.near and not self._near(ctx, match):
                    continue
                taken.append(match.span())
                replacement = match.expand(self.fix) if self.fix is not None else None
                yield Match(match.start(), match.end(), replacement=replacement, safe=self.fix_safe)

    def _silenced(self, ctx: SentenceContext) -> bool:
        return (
            ("question" in self.unless and ctx.is_question())
            or ("heading" in self.unless and ctx.is_heading())
            or ("cited" in self.unless and ctx.cited())
            or ("paragraph-cited" in self.unless and ctx.paragraph_cited())
        )

    def _near(self, ctx: SentenceContext, match: regex.Match[str]) -> bool:
        assert self.near is not None
        text = ctx.document.text
        before = list(_WORD.finditer(text, ctx.start, match.start()))[-self.near.words:]
        after = list(_WORD.finditer(text, match.end(), ctx.end))[: self.near.words]
        start = before[0].start() if before else match.start()
        end = after[-1].end() if after else match.end()
        return bool(self.near.pattern.search(text, start, end))


def _options(items: Any, phrases: bool) -> list[list[str]]:
    """Candidate keyword sets of a parsed sequence: every match contains a member of each set.

    A literal run gives its longest word, or with `phrases` the whole run, its words joined by
    `\\s+` or a space read as one space (as the keyword pass reads every run of white space)."""
    options: list[list[str]] = []
    current: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            current.append(" " if chr(arg).isspace() else chr(arg))
            continue
        if phrases and current and _is_white_space_run(name, arg):
            current.append(" ")
            continue
        if current:
            options.append([_literal(current, phrases)])
            current = []
        inner = None
        if name == "SUBPATTERN":
            inner = _required_keywords(arg[-1], phrases)
        elif name == "BRANCH":
            branches = [_required_keywords(branch, phrases) for branch in arg[1]]
            inner = None if any(b is None for b in branches) else [k for b in branches for k in b or ()]
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1:
            inner = _required_keywords(arg[2], phrases)
        if inner:
            options.append(inner)
    if current:
        options.append([_literal(current, phrases)])
    return options


def _is_white_space_run(name: str, arg: Any) -> bool:
    """True for `\\s+` (or `\\s{1,}` ...): one or more white-space characters."""
    if name not in ("MAX_REPEAT", "MIN_REPEAT") or arg[0] < 1 or len(arg[2]) != 1:
        return False
    op, inner = arg[2][0]
    return str(op) == "IN" and [(str(a), str(b)) for a, b in inner] == [("CATEGORY", "CATEGORY_SPACE")]


def _literal(characters: list[str], phrases: bool) -> str:
    """A literal run as a keyword: the longest white-space-free piece, since text may break a
    phrase across lines or emphasis; with `phrases`, all of it with its spaces folded."""
    text = "".join(characters)
    return " ".join(text.split()) if phrases else max(text.split() or [""], key=len)


def _usable(options: list[list[str]]) -> list[list[str]]:
    """The keyword sets whose every member is long enough to be worth searching for."""
    return [o for o in options if all(len(k.strip()) >= 3 for k in o)]


def _best(options: list[list[str]]) -> list[str] | None:
    """The most selective keyword set: the longest shortest member, then the fewest members."""
    return max(options, key=lambda o: (min(len(k.strip()) for k in o), -len(o))) if options else None


def _required_keywords(items: Any, phrases: bool) -> list[str] | None:
    """Keywords such that every match of the sequence contains one of them, or None."""
    return _best(_usable(_options(items, phrases)))


def _keyword_options(pattern: str, phrases: bool = False) -> list[list[str]]:
    """Every usable keyword set of `pattern` (each match contains a member of each set), lowercased.
    A pattern of several lines is verbose, as phrase_rule compiles it: its comments give no keywords."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE | (re.VERBOSE if "\n" in pattern else 0))
    except Exception:  # regex-module syntax the stdlib parser does not know
        return []
    return [sorted({k.lower().strip() for k in option}) for option in _usable(_options(list(parsed), phrases))]


def derive_keywords(pattern: str) -> list[str] | None:
    """Literal keywords every match of `pattern` contains, lowercased, or None when not derivable."""
    return _best(_keyword_options(pattern))


def _gate(pattern: str, keywords: list[str]) -> frozenset[str] | None:
    """Rule keywords one of which every match of `pattern` contains, or None when unknown: taken
    from a keyword set of the pattern whose every member contains a rule keyword."""
    for option in _keyword_options(pattern, phrases=True):  # "of hope" in `\s+of\s+hope`
        inside = [[k for k in keywords if k and k in word] for word in option]
        if all(inside):
            return frozenset(k for found in inside for k in found)
    return None


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
    for key, value in data.items():
        if key not in _KEYS:
            raise RuleError(f"{where}: unknown key {key!r}; allowed: {', '.join(sorted(_KEYS))}")
        if not isinstance(value, _KEYS[key]):
            raise RuleError(f"{where}: {key!r} must be a {_KEYS[key].__name__}, not {type(value).__name__}")
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
    rule_id = data.get("id") or f"{prefix or data['category']}/{data['name']}"
    flags = 0 if data.get("case-sensitive", False) else regex.IGNORECASE

    vocabularies = lexicon or Lexicon(source=source)

    def expand(text: str, key: str) -> str:
        return vocabularies.substitute(text, f"{where} '{key}'")

    def pattern(text: str, key: str) -> LazyPattern:
        return LazyPattern(expand(text, key), flags | regex.VERBOSE * ("\n" in text), f"{where} '{key}'", eager, timeout)

    patterns = tuple(pattern(p, "patterns") for p in data["patterns"])
    keywords = data.get("keywords")
    if keywords is None:
        derived = [derive_keywords(p.source) for p in patterns]
        if any(d is None for d in derived):
            raise RuleError(f"{where}: cannot derive literal keywords from its patterns; add "
                            "'keywords = [...]' listing words every match contains")
        keywords = sorted({k for d in derived for k in d or ()})
    near = None
    if "near" in data:
        spec = data["near"]
        if set(spec) != {"pattern", "words"} or not isinstance(spec["words"], int):
            raise RuleError(f"{where}: 'near' must be {{ pattern = '...', words = N }}")
        near = Near(pattern(spec["pattern"], "near"), spec["words"])
    try:
        info = RuleInfo(
            id=rule_id, category=data["category"], severity=severity, message=data["message"],
            suggestion=data.get("suggestion"), rationale=data.get("rationale", ""),
            bad=tuple(data.get("bad", ())), good=tuple(data.get("good", ())), pack=pack,
        )
    except ValueError as exc:
        raise RuleError(f"{where}: {exc}") from None
    return PhraseRule(
        info=info, keywords=tuple(k.lower() for k in keywords), patterns=patterns,
        unless=frozenset(unless),
        requires=pattern(data["requires"], "requires") if "requires" in data else None,
        excludes=pattern(data["excludes"], "excludes") if "excludes" in data else None,
        near=near, source=source, fix=data.get("fix"), fix_safe=data.get("fix-safe", False),
        not_subject=_tagger(vocabularies, data.get("not-subject", []), f"{where} 'not-subject'"),
    )


def _tagger(lexicon: Lexicon, names: list[Any], where: str) -> ConceptTagger | None:
    """A tagger of the vocabularies `names` (None for none); unknown names are an error."""
    for name in names:
        if not isinstance(name, str) or name not in lexicon:
            known = ", ".join(lexicon.names()) or "none"
            raise RuleError(f"{where}: unknown vocabulary {name!r}; defined: {known}")
    if not names:
        return None
    from healthlint.claims.concepts import ConceptTagger

    return ConceptTagger(lexicon, names)


def _subject_named(tagger: ConceptTagger, text: str, sentence_start: int, position: int) -> bool:
    """One of the tagger's concepts is named where the subject of `position` stands (its clause, after any 'that')."""
    from healthlint.claims.frames import clause_start, subject_start

    start = subject_start(text, clause_start(text, sentence_start, position), position)
    return bool(tagger.mentions(text, start, position))


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
    rules: list[Rule] = [phrase_rule(table, pack, str(path), eager=False, lexicon=lexicon) for table in data.get("rule", [])]
    if "claim" in data:
        analyzer = analyzer_for(data, lexicon, str(path))
        rules.extend(claim_rule(table, pack, str(path), analyzer) for table in data["claim"])
    return rules
