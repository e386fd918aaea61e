"""Named vocabularies: term lists a pack (or a user's config) defines once and refers to by name.

In a rules file:

    [vocabularies]
    treat-verbs = ["relieve (v)", "treat (v)", "fight off (v)"]   # "(v)": a verb, inflected
    conditions = { file = "conditions.txt" }                      # one term a line, '#' comments
    symptoms = { terms = ["pain", "swelling"], extends = ["conditions"] }

A verb entry `"treat (v)"` stands for treat, treats, treated, treating; in a phrase of several
words the first word is the verb ("fight off (v)": fights off, fought off is not guessed, so
irregular forms are listed as terms of their own), or the second after an adverb of degree
("only mask (v)": only masks, only masked). Patterns refer to a vocabulary as `{name}`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import regex

from healthlint.deferred import Deferred
from healthlint.errors import RuleError
from healthlint.lazyregex import lazy

NAME = lazy(r"[a-z][a-z0-9_-]*\Z")
REFERENCE = lazy(r"\{([a-z][a-z0-9_-]*)\}")  # `{name}` in a pattern; `{2,3}` is never a name
_VOWELS = "aeiou"
# Adverbs a verb phrase may open with: the verb is the word after ("just manage (v)").
LEADING_ADVERBS = frozenset({"only", "just", "merely", "simply", "barely", "hardly", "still", "never", "really"})


def inflections(verb: str) -> tuple[str, ...]:
    """A regular English verb's forms: cure -> cure, cures, cured, curing; stop -> stopped."""
    v = verb.lower()
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        return verb, verb + "s", verb + "d", verb[:-1] + "ing"
    if v.endswith(("s", "sh", "ch", "x", "z")) or (v.endswith("o") and not v.endswith("oo")):  # go -> goes
        return verb, verb + "es", verb + "ed", verb + "ing"
    if v.endswith("y") and len(v) > 1 and v[-2] not in _VOWELS:
        return verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"
    if (len(v) >= 3 and v[-1] not in _VOWELS + "wxy" and v[-2] in _VOWELS and v[-3] not in _VOWELS
            and len(regex.findall(f"[{_VOWELS}]+", v)) == 1):  # one syllable, consonant-vowel-consonant
        return verb, verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing"
    return verb, verb + "s", verb + "ed", verb + "ing"


def plural(noun: str) -> str | None:
    """A regular English noun's plural (rash -> rashes, cyst -> cysts, injury -> injuries): a verb's
    -s form, but -o takes -s (vertigos); a hyphenated compound's last part (flare-up -> flare-ups);
    None for a word that ends in s (diabetes, arthritis, measles) or is not a word."""
    n = noun.lower()
    head, hyphen, tail = noun.rpartition("-")
    if hyphen and head and tail.isalpha() and len(tail) >= 2 and not n.endswith("s"):
        return head + hyphen + (tail + "s" if n.endswith("o") else inflections(tail)[1])
    if len(n) < 3 or not n.isalpha() or n.endswith("s"):
        return None
    return noun + "s" if n.endswith("o") else inflections(noun)[1]


def expand(term: str) -> tuple[str, ...]:
    """The surface forms of one entry: itself, or a verb's inflections (`"treat (v)"`)."""
    term = " ".join(term.split())
    if not term.endswith(" (v)"):
        return (term,)
    words = term[:-4].split(" ")
    at = 1 if len(words) > 1 and words[0].lower() in LEADING_ADVERBS else 0
    return tuple(" ".join([*words[:at], form, *words[at + 1:]]) for form in inflections(words[at]))


class Lexicon:
    """A set of named vocabularies, each a tuple of surface forms (longest first). (A plain class,
    as the other holders a one-file check imports: see healthlint.running.engine.)"""

    def __init__(self, terms: dict[str, tuple[str, ...]] | None = None, source: str = "") -> None:
        self.terms: dict[str, tuple[str, ...]] = {} if terms is None else terms
        self.source = source
        self._patterns: dict[str, str] = {}
        self._pending: dict[str, Callable[[], tuple[str, ...]]] = {}

    def __getstate__(self) -> dict[str, Any]:
        """Pickled for healthlint.running.compiled with every vocabulary read (one not yet read is
        a function of this process), each to be unpickled when first used again."""
        for name in list(self._pending):
            self[name]
        pending = {name: Deferred(terms).get for name, terms in self.terms.items()}
        return {**self.__dict__, "terms": {}, "_pending": pending}

    def __contains__(self, name: str) -> bool:
        return name in self.terms or name in self._pending

    def names(self) -> list[str]:
        return sorted({*self.terms, *self._pending})

    def unknown(self, name: object, where: str, shown: str | None = None) -> RuleError:
        """The error for a reference to a vocabulary this lexicon does not define, listing those it does."""
        known = ", ".join(self.names()) or "none"
        return RuleError(f"{where}: unknown vocabulary {shown or repr(name)}; defined: {known}")

    def require(self, names: Iterable[object], where: str) -> tuple[str, ...]:
        """`names`, each the name of a vocabulary of this lexicon, else one RuleError naming `where`."""
        for name in names:
            if not isinstance(name, str) or name not in self:
                raise self.unknown(name, where)
        return tuple(names)  # type: ignore[arg-type]

    def __getitem__(self, name: str) -> tuple[str, ...]:
        """The forms of one vocabulary; a vocabulary read from a file is read on first use (a run
        answered from the cache, or one whose rules never ask, does not read a 15,000-line list)."""
        if name not in self.terms and name in self._pending:
            self.terms[name] = self._pending.pop(name)()
        try:
            return self.terms[name]
        except KeyError:
            raise self.unknown(name, self.source, f"{{{name}}}") from None

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
            if match.group(1) not in self:
                raise self.unknown(match.group(1), where, f"{{{match.group(1)}}}")
            return self.pattern(match.group(1))
        return REFERENCE.sub(replace, pattern)


def load_lexicon(data: Mapping[str, Any], source: str, folder: Path | None = None,
                 base: Lexicon | None = None) -> Lexicon:
    """Build a Lexicon from a `[vocabularies]` table; `folder` resolves `file = ...` entries.
    Every problem is one RuleError naming `source`, the vocabulary and the key; a listed file
    must exist now, and is read when the vocabulary is first used."""
    lexicon = Lexicon(dict(base.terms) if base else {}, source)
    if not isinstance(data, Mapping):
        raise RuleError(f"{source}: 'vocabularies' must be a table of name = [terms], not {type(data).__name__}")
    specs: dict[str, tuple[list[str], Path | None, list[str], bool]] = {}
    for name, spec in data.items():
        where = f"{source}: vocabulary {name!r}"
        if not NAME.match(name):
            raise RuleError(f"{where}: a name is lowercase letters, digits, '-' and '_', starting with a letter")
        if isinstance(spec, list):
            spec = {"terms": spec}
        if not isinstance(spec, Mapping):
            raise RuleError(f"{where}: must be a list of terms or a table with 'terms', 'file', 'extends'")
        unknown = set(spec) - {"terms", "file", "extends", "plurals"}
        if unknown:
            raise RuleError(f"{where}: unknown key {sorted(unknown)[0]!r}; allowed: extends, file, plurals, terms")
        plurals = spec.get("plurals", False)
        if not isinstance(plurals, bool):
            raise RuleError(f"{where}: 'plurals' must be true or false")
        terms = spec.get("terms", [])
        if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
            raise RuleError(f"{where}: 'terms' must be a list of non-empty strings")
        misplaced = next((t for t in terms if "(v)" in t and not " ".join(t.split()).endswith(" (v)")), None)
        if misplaced is not None:
            raise RuleError(f"{where}: {misplaced!r}: '(v)' ends a verb entry, whose first word is the verb "
                            "(\"turn on your (v)\")")
        path = _term_file(spec["file"], folder, where) if "file" in spec else None
        extends = spec.get("extends", [])
        if not isinstance(extends, list) or not all(isinstance(e, str) for e in extends):
            raise RuleError(f"{where}: 'extends' must be a list of vocabulary names")
        specs[name] = (terms, path, extends, plurals)
    for name, (_, _, extends, _) in specs.items():  # after all are read, so order in the file does not matter
        for other in extends:
            if other not in specs and other not in lexicon.terms:
                raise RuleError(f"{source}: vocabulary {name!r}: 'extends' names unknown vocabulary {other!r}")

    def resolve(name: str) -> Callable[[], tuple[str, ...]]:
        terms, path, extends, plurals = specs[name]

        def forms() -> tuple[str, ...]:
            entries = [*terms, *(_read_terms(path, f"{source}: vocabulary {name!r}") if path else ())]
            if plurals:
                entries += _plurals(entries)
            return _forms([*entries, *(form for other in extends for form in lexicon[other])])
        return forms

    for name in specs:
        lexicon.terms.pop(name, None)
        lexicon._pending[name] = resolve(name)
    return lexicon


def _plurals(entries: Iterable[str]) -> list[str]:
    """Each name with its last word in the plural: "rash" -> "rashes", "ovarian cyst" -> "ovarian cysts"."""
    found = []
    for entry in entries:
        head, space, last = " ".join(entry.split()).rpartition(" ")
        many = None if entry.endswith(" (v)") else plural(last)
        if many:
            found.append(head + space + many)
    return found


def _forms(entries: Iterable[str]) -> tuple[str, ...]:
    forms = {form for entry in entries for form in expand(entry)}
    return tuple(sorted(sorted(forms), key=len, reverse=True))  # longest first, then A-Z (a stable sort)


def _term_file(file: Any, folder: Path | None, where: str) -> Path:
    if not isinstance(file, str):
        raise RuleError(f"{where}: 'file' must be a path (a string)")
    path = (folder or Path(".")) / file
    if not path.is_file():
        raise RuleError(f"{where}: cannot read {path}: no such file")
    return path


def _read_terms(path: Path, where: str) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{where}: cannot read {path}: {exc}") from None
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]
