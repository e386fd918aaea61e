"""Named vocabularies: term lists a pack (or a user's config) defines once and refers to by name.

In a rules file:

    [vocabularies]
    treat-verbs = ["relieve (v)", "treat (v)", "fight off (v)"]   # "(v)": a verb, inflected
    conditions = { file = "conditions.txt" }                      # one term a line, '#' comments
    symptoms = { terms = ["pain", "swelling"], extends = ["conditions"] }

A verb entry `"treat (v)"` stands for treat, treats, treated, treating; in a phrase of several
words the first word is the verb ("fight off (v)": fights off, fought off is not guessed, so
irregular forms are listed as terms of their own). Patterns refer to a vocabulary as `{name}`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from healthlint.errors import RuleError

NAME = regex.compile(r"[a-z][a-z0-9_-]*\Z")
REFERENCE = regex.compile(r"\{([a-z][a-z0-9_-]*)\}")  # `{name}` in a pattern; `{2,3}` is never a name
_VOWELS = "aeiou"


def inflections(verb: str) -> tuple[str, ...]:
    """A regular English verb's forms: cure -> cure, cures, cured, curing; stop -> stopped."""
    v = verb.lower()
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        return verb, verb + "s", verb + "d", verb[:-1] + "ing"
    if v.endswith(("s", "sh", "ch", "x", "z")):
        return verb, verb + "es", verb + "ed", verb + "ing"
    if v.endswith("y") and len(v) > 1 and v[-2] not in _VOWELS:
        return verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"
    if (len(v) >= 3 and v[-1] not in _VOWELS + "wxy" and v[-2] in _VOWELS and v[-3] not in _VOWELS
            and len(regex.findall(f"[{_VOWELS}]+", v)) == 1):  # one syllable, consonant-vowel-consonant
        return verb, verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing"
    return verb, verb + "s", verb + "ed", verb + "ing"


def expand(term: str) -> tuple[str, ...]:
    """The surface forms of one entry: itself, or a verb's inflections (`"treat (v)"`)."""
    term = " ".join(term.split())
    if not term.endswith(" (v)"):
        return (term,)
    words = term[:-4].split(" ")
    return tuple(" ".join([form, *words[1:]]) for form in inflections(words[0]))


@dataclass
class Lexicon:
    """A set of named vocabularies, each a tuple of surface forms (longest first)."""

    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = ""
    _patterns: dict[str, str] = field(default_factory=dict, repr=False)

    def __contains__(self, name: str) -> bool:
        return name in self.terms

    def __getitem__(self, name: str) -> tuple[str, ...]:
        try:
            return self.terms[name]
        except KeyError:
            known = ", ".join(sorted(self.terms)) or "none"
            raise RuleError(f"{self.source}: unknown vocabulary {{{name}}}; defined: {known}") from None

    def pattern(self, name: str) -> str:
        """A regex alternation matching any term of `name` as whole words (white space runs free)."""
        if name not in self._patterns:
            forms = sorted(self[name], key=len, reverse=True)
            body = "|".join(r"\s+".join(regex.escape(w) for w in form.split(" ")) for form in forms)
            self._patterns[name] = rf"(?<![\w-])(?:{body})(?![\w-])"
        return self._patterns[name]

    def substitute(self, pattern: str, where: str) -> str:
        """`pattern` with each `{name}` replaced by its vocabulary's alternation."""
        def replace(match: regex.Match[str]) -> str:
            if match.group(1) not in self.terms:
                known = ", ".join(sorted(self.terms)) or "none"
                raise RuleError(f"{where}: unknown vocabulary {{{match.group(1)}}}; defined: {known}")
            return self.pattern(match.group(1))
        return REFERENCE.sub(replace, pattern)

    def names_in(self, pattern: str) -> list[str]:
        return REFERENCE.findall(pattern)


def load_lexicon(data: Mapping[str, Any], source: str, folder: Path | None = None,
                 base: Lexicon | None = None) -> Lexicon:
    """Build a Lexicon from a `[vocabularies]` table; `folder` resolves `file = ...` entries.
    Every problem is one RuleError naming `source`, the vocabulary and the key."""
    lexicon = Lexicon(dict(base.terms) if base else {}, source)
    if not isinstance(data, Mapping):
        raise RuleError(f"{source}: 'vocabularies' must be a table of name = [terms], not {type(data).__name__}")
    pending: dict[str, list[str]] = {}
    for name, spec in data.items():
        where = f"{source}: vocabulary {name!r}"
        if not NAME.match(name):
            raise RuleError(f"{where}: a name is lowercase letters, digits, '-' and '_', starting with a letter")
        entries: list[str] = []
        if isinstance(spec, list):
            spec = {"terms": spec}
        if not isinstance(spec, Mapping):
            raise RuleError(f"{where}: must be a list of terms or a table with 'terms', 'file', 'extends'")
        unknown = set(spec) - {"terms", "file", "extends"}
        if unknown:
            raise RuleError(f"{where}: unknown key {sorted(unknown)[0]!r}; allowed: extends, file, terms")
        terms = spec.get("terms", [])
        if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
            raise RuleError(f"{where}: 'terms' must be a list of non-empty strings")
        entries.extend(terms)
        if "file" in spec:
            entries.extend(_read_terms(spec["file"], folder, where))
        extends = spec.get("extends", [])
        if not isinstance(extends, list) or not all(isinstance(e, str) for e in extends):
            raise RuleError(f"{where}: 'extends' must be a list of vocabulary names")
        pending[name] = extends
        lexicon.terms[name] = _forms(entries)
    for name, extends in pending.items():  # after all are read, so order in the file does not matter
        for other in extends:
            if other not in lexicon.terms:
                raise RuleError(f"{source}: vocabulary {name!r}: 'extends' names unknown vocabulary {other!r}")
            lexicon.terms[name] = _forms([*lexicon.terms[name], *lexicon.terms[other]])
    return lexicon


def _forms(entries: Iterable[str]) -> tuple[str, ...]:
    forms = {form for entry in entries for form in expand(entry)}
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


def _read_terms(file: Any, folder: Path | None, where: str) -> list[str]:
    if not isinstance(file, str):
        raise RuleError(f"{where}: 'file' must be a path (a string)")
    path = (folder or Path(".")) / file
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{where}: cannot read {path}: {exc}") from None
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]
