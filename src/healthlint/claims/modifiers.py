"""Modifiers with scope, after the ConText algorithm (Harkema et al. 2009; medspaCy's
context_rules.json): a trigger phrase ("no", "may", "whether", "claims that") gives the words in
its scope a category (negated, hedged, hypothetical...). A scope runs forward or backward from its
trigger, up to a number of words, and stops at a clause boundary (";", "but", "however") or at a
word that ends that category's scope ("and" ends a negation: "no side effects and works fast").
Pseudo-triggers ("not only", "no doubt") look like triggers and are not.

The lexicon is data: core's general-English `context.toml`, which a pack may extend. One pass per
sentence gives every modifier; rules then ask which categories cover a span.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from healthlint.deferred import Deferred
from healthlint.errors import RuleError
from healthlint.lazyregex import lazy
from healthlint.text.reading import lower_same_length

DIRECTIONS = ("forward", "backward", "both")
# The categories of core's lexicon (context.toml), known without reading it.
CORE_CATEGORIES = ("negated", "hedged", "hypothetical", "reported", "conditional", "comparative", "limited")
_TOKEN = lazy(r"\w[\w'\u2019]*(?:-\w[\w'\u2019]*)*|[^\w\s]")


class Trigger(NamedTuple):  # not a frozen dataclass: one compiles six methods at import, ~4x slower to create
    """A trigger phrase of the lexicon: its category, and how far its scope runs which way."""

    category: str
    direction: str
    words: tuple[str, ...]
    max_words: int
    backward_category: str  # the category of its backward scope (`category` unless the trigger says)


class Modifier(NamedTuple):
    """A trigger found in a sentence and the character range its scope covers."""

    category: str
    start: int  # the trigger phrase
    end: int
    scope_start: int
    scope_end: int

    def covers(self, position: int) -> bool:
        return self.scope_start <= position < self.scope_end


class ContextRules:
    """A ConText lexicon: triggers by first word, pseudo-triggers, clause boundaries. (A plain
    class, as the other holders a one-file check imports: see healthlint.running.engine.)"""

    def __init__(self, triggers: dict[str, list[Trigger]] | None = None,
                 pseudo: dict[str, list[tuple[str, ...]]] | None = None, boundaries: frozenset[str] = frozenset(),
                 stops: dict[str, frozenset[str]] | None = None, categories: set[str] | None = None) -> None:
        self.triggers: dict[str, list[Trigger]] = {} if triggers is None else triggers
        self.pseudo: dict[str, list[tuple[str, ...]]] = {} if pseudo is None else pseudo
        self.boundaries = boundaries
        self.stops: dict[str, frozenset[str]] = {} if stops is None else stops  # category -> words ending its scope
        self.categories: set[str] = set() if categories is None else categories
        # Made on first use: the first words of every phrase, and the words ending each category's scope.
        self._firsts: frozenset[str] = frozenset()
        self._ends: dict[str, frozenset[str]] = {}

    def extend(self, data: Mapping[str, Any], source: str) -> None:
        """Add a `context` table: [[trigger]] lists, `pseudo`, `boundaries`, `stops`."""
        for index, spec in enumerate(data.get("trigger", [])):
            where = f"{source}: context trigger #{index + 1}"
            if not isinstance(spec, Mapping) or set(spec) - {"category", "direction", "terms", "max-words",
                                                             "backward-category"}:
                raise RuleError(f"{where}: keys are category, direction, terms, max-words, backward-category")
            category, direction = spec.get("category"), spec.get("direction", "forward")
            terms, max_words = spec.get("terms"), spec.get("max-words", 8)
            backward = spec.get("backward-category", category)
            if not isinstance(category, str) or direction not in DIRECTIONS:
                raise RuleError(f"{where}: needs a 'category' and a 'direction' of {', '.join(DIRECTIONS)}")
            if not isinstance(backward, str) or (backward != category and direction != "both"):
                raise RuleError(f"{where}: 'backward-category' names a category, for a trigger of direction 'both'")
            if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
                raise RuleError(f"{where}: 'terms' must be a list of non-empty strings")
            if not isinstance(max_words, int) or max_words < 1:
                raise RuleError(f"{where}: 'max-words' must be a positive integer")
            self.categories |= {category, backward}
            for term in terms:
                words = tuple(tokens_of(term))
                self.triggers.setdefault(words[0], []).append(Trigger(category, direction, words, max_words, backward))
        for term in data.get("pseudo", []):
            words = tuple(tokens_of(term))
            self.pseudo.setdefault(words[0], []).append(words)
        self.boundaries |= frozenset(w for t in data.get("boundaries", []) for w in tokens_of(t))
        for category, words in data.get("stops", {}).items():
            self.stops[category] = self.stops.get(category, frozenset()) | frozenset(words)
        for words_list in self.triggers.values():  # longest phrase first, so "no longer" wins over "no"
            words_list.sort(key=lambda t: -len(t.words))
        self._firsts, self._ends = frozenset(), {}

    def copy(self) -> ContextRules:
        """A copy that `extend` can add to without changing this lexicon."""
        return ContextRules(triggers={k: list(v) for k, v in self.triggers.items()},
                            pseudo={k: list(v) for k, v in self.pseudo.items()},
                            boundaries=self.boundaries, stops=dict(self.stops), categories=set(self.categories))

    def modifiers(self, text: str, start: int, end: int) -> list[Modifier]:
        """Every modifier in the sentence text[start:end]."""
        piece = lower_same_length(text[start:end])  # offsets stay exact
        words = _TOKEN.findall(piece.replace("\u2019", "'"))
        firsts = self._firsts or self._first_words()
        candidates = [i for i, word in enumerate(words) if word in firsts]
        if not candidates:  # most sentences: nothing more to do
            return []
        spans: list[tuple[int, int]] = []  # each token's [start, end) in the piece, made when needed
        found: list[Modifier] = []
        free = 0  # the first token not yet read as part of a phrase
        for i in candidates:
            if i < free:
                continue
            pseudo = [len(p) for p in self.pseudo.get(words[i], ()) if tuple(words[i:i + len(p)]) == p]
            if pseudo:
                free = i + max(pseudo)
                continue
            matched = 0
            for trigger in self.triggers.get(words[i], ()):  # the longest first
                size = len(trigger.words)
                if matched and size < matched:
                    break
                if tuple(words[i:i + size]) == trigger.words:
                    matched = size
                    spans = spans or [m.span() for m in _TOKEN.finditer(piece)]
                    found.extend(self._scopes(trigger, start, spans, words, i, i + size))
            free = i + (matched or 1)
        return found

    def _first_words(self) -> frozenset[str]:
        self._firsts = frozenset(self.triggers) | frozenset(self.pseudo)
        return self._firsts

    def _scopes(self, trigger: Trigger, offset: int, spans: list[tuple[int, int]], words: list[str],
                first: int, stop: int) -> Iterable[Modifier]:
        """The trigger at tokens [first, stop) of a sentence starting at `offset`, with its scopes."""
        trigger_start, trigger_end = spans[first][0] + offset, spans[stop - 1][1] + offset
        ends = self._ends_of(trigger.category)
        if trigger.direction in ("forward", "both"):
            last, count, listing = stop, 0, False
            while last < len(words) and count < trigger.max_words:
                if words[last] in ends:
                    # A list of single words goes on past its commas and its "and"/"or": "not
                    # intended to diagnose, treat, cure or prevent", "no pain, swelling or bruising".
                    listing = _in_a_list(words, last, listing)
                    if not listing:
                        break
                count += words[last][0].isalnum()
                last += 1
            if count:  # a scope covers at least one word, not a lone full stop
                yield Modifier(trigger.category, trigger_start, trigger_end,
                               spans[stop][0] + offset, spans[last - 1][1] + offset)
        if trigger.direction in ("backward", "both"):
            ends = self._ends_of(trigger.backward_category)
            first_in, count = first, 0
            while first_in > 0 and words[first_in - 1] not in ends and count < trigger.max_words:
                first_in -= 1
                count += words[first_in][0].isalnum()
            if count:
                yield Modifier(trigger.backward_category, trigger_start, trigger_end,
                               spans[first_in][0] + offset, spans[first - 1][1] + offset)

    def _ends_of(self, category: str) -> frozenset[str]:
        """The words that end a scope of `category`: the boundaries and the category's stops."""
        ends = self._ends.get(category)
        if ends is None:
            ends = self._ends[category] = self.boundaries | self.stops.get(category, frozenset())
        return ends


_JOINS = frozenset({"and", "or"})


def _in_a_list(words: list[str], at: int, listing: bool) -> bool:
    """The stop word at `at` joins a list of single words: a comma between two of them ("treat,
    cure, prevent"), and, once such a list has begun, "and" or a comma before "and"/"or"."""
    before, after = words[at - 1] if at else "", words[at + 1:at + 3]
    if not (after and after[0][:1].isalnum()):
        return False
    if words[at] == ",":
        return before[:1].isalnum() and ((listing and after[0] in _JOINS)
                                         or (len(after) > 1 and after[1] in {",", *_JOINS}))
    # "..., and bruising.": the list's last word, then its end (not "..., and our therapy cures")
    return listing and words[at] in _JOINS and (len(after) == 1 or not after[1][:1].isalnum())


def tokens_of(term: str) -> list[str]:
    return [m.group().lower().replace("\u2019", "'") for m in _TOKEN.finditer(term)]


def load_context_file(path: Path, rules: ContextRules | None = None) -> ContextRules:
    import tomli

    rules = rules or ContextRules()
    try:
        data = tomli.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomli.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: {exc}") from None
    rules.extend(data.get("context", data), str(path))
    return rules


_kept: Deferred[ContextRules] | None = None  # core's lexicon as a kept file holds it (see use_kept)


@cache
def default_context() -> ContextRules:
    """Core's general-English ConText lexicon (negation, hedging, hypothesis, report, condition,
    comparison, limiting quantifiers), loaded once."""
    if _kept is not None:
        return _kept.get()
    return load_context_file(Path(__file__).with_name("context.toml"))


def use_kept(context: Deferred[ContextRules]) -> None:
    """Take core's lexicon from a kept file (healthlint.running.compiled, which holds it as
    default_context() made it under the same settings), unpickled when first used: a run that
    loads built rules neither parses context.toml nor builds its triggers."""
    global _kept
    _kept = context
