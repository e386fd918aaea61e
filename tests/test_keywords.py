"""Keyword derivation (healthlint.rules.keywords): every match of a pattern contains a derived keyword,
the keywords are those derived through the stdlib's private parser before, and what the parser
does not understand yields no keyword at all."""

import functools
import re
import re._parser as sre_parse  # the former derivation, kept here only as the oracle to compare with

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from healthlint.rules.keywords import _best, _literal, _usable, derive, keyword_options
from healthlint.rules.phrase import PhraseRule


def pack_rules() -> list[PhraseRule]:
    import healthlint_claims
    import healthlint_regenerative

    return [r for r in [*healthlint_claims.rules(), *healthlint_regenerative.rules()] if isinstance(r, PhraseRule)]


def pack_patterns() -> list[tuple[str, str, int]]:
    """(rule id, pattern source after vocabulary substitution, index) of every pack pattern."""
    return [(r.info.id, p.source, i) for r in pack_rules() for i, p in enumerate(r.patterns)]


def former_options(items, phrases: bool) -> list[list[str]]:
    """Candidate keyword sets as the former code read them from `re._parser`'s output."""
    options, current = [], []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            current.append(" " if chr(arg).isspace() else chr(arg))
            continue
        if phrases and current and name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1 and len(arg[2]) == 1 \
                and str(arg[2][0][0]) == "IN" and [(str(a), str(b)) for a, b in arg[2][0][1]] == [("CATEGORY", "CATEGORY_SPACE")]:
            current.append(" ")
            continue
        if current:
            options.append([_literal(current, phrases)])
            current = []
        inner = None
        if name == "SUBPATTERN":
            inner = _best(_usable(former_options(arg[-1], phrases)))
        elif name == "BRANCH":
            branches = [_best(_usable(former_options(b, phrases))) for b in arg[1]]
            inner = None if any(b is None for b in branches) else [k for b in branches for k in b or ()]
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1:
            inner = _best(_usable(former_options(arg[2], phrases)))
        if inner:
            options.append(inner)
    if current:
        options.append([_literal(current, phrases)])
    return options


def former(pattern: str, phrases: bool = False) -> list[list[str]]:
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE | (re.VERBOSE if "\n" in pattern else 0))
    except Exception:
        return []
    return [sorted({k.lower().strip() for k in o}) for o in _usable(former_options(list(parsed), phrases))]


EXAMPLES = [
    r"\bbeacon\s+of\s+hope\b", r"\b(?:miracle|breakthrough)s?\b", r"(?:completely|totally) safe",
    r"\b(?:cure|cures|cured)\b", r"(cure)s", r"[c]ure", r"a{2,3}bcd", r"(?i:miracle)x", r"(?=cure)cured",
    r"(?:ab|ac)def", r"(?<![\w-])(?:fight\s+off|treat)(?![\w-])", r"\bholy\s+grail\b", "(?x) miracle \\s+ # c\n cure",
    "\n  \\bwonder   # the word\n  \\s+drugs?\\b\n", r"\bgame[- ]?changers?\b", r"(?P<x>proven)\s+(?P=x)",
    r"100%\s+safe", r"\$\d+ off", r"(?<!\bcancer\s)cure(?!\s+miracle)", r"[^a]bc{1,}def", r"(?:clinically\s+)?proven\b", r"approv(?:ed|al)\b",
]


def _selectivity(keywords: list[str]) -> tuple[int, int]:
    return min(len(k) for k in keywords), -len(keywords)


@pytest.mark.parametrize("pattern", [p for _, p, _ in pack_patterns()] + EXAMPLES)
def test_keywords_are_those_of_the_former_stdlib_derivation_or_better(pattern):
    """Where `re._parser` gave keywords, the new parser gives the same, or (where that parser
    hoisted a common prefix out of branches, `cur` for `(?:cures?|curing)`) longer ones: each
    contains a former keyword, or the set is more selective by the measure both choose with."""
    before = _best(former(pattern))
    if before is None:
        return
    after = derive(pattern)
    assert after is not None
    assert after == before or all(any(b in a for b in before) for a in after) \
        or _selectivity(after) >= _selectivity(before), (before, after)


def test_most_pack_patterns_get_exactly_the_former_keywords():
    """The same reading of a pattern: only branches with a common prefix differ."""
    patterns = [p for _, p, _ in pack_patterns()]
    same = [p for p in patterns if derive(p) == _best(former(p))]
    assert len(same) >= 0.85 * len(patterns)
    assert keyword_options(r"\b(?:miracle|wonder)\s+(?:drug|cure)s?\b") == former(r"\b(?:miracle|wonder)\s+(?:drug|cure)s?\b")
    assert keyword_options(r"\bto\s+(?:cure|heal)\b", phrases=True) == former(r"\bto\s+(?:cure|heal)\b", phrases=True)


@pytest.mark.parametrize("pattern, keywords", [
    (r"\bbeacon\s+of\s+hope\b", ["beacon"]),
    (r"\b(?:miracle|breakthrough)s?\b", ["breakthrough", "miracle"]),
    (r"(?:completely|totally) safe", ["completely", "totally"]),
    (r"\b(?:cures?|curing)\b", ["cure", "curing"]),  # not `cur`: a common prefix stays in each branch
    (r"\bto\s+us\b", ["to us"]),  # no word of 3 letters: the phrase, as the keyword pass reads it
    (r"(?<=\bnew\s)miracle", ["miracle"]),  # lookarounds add nothing
    (r"(?<!\bcancer\s)cure(?!\s+research)", ["cure"]),
    (r"(?:clinically\s+)?proven", ["proven"]),
    (r"\bfda[- ]?(?:approved|cleared)\b", ["approved", "cleared"]),
    ("(?x) miracle  # not 'comment' \n \\s+ cure", ["miracle"]),
    (r"(?P<name>proven)\s+safe", ["proven"]),
    (r"\x6diracle", ["miracle"]),
])
def test_derived_keywords(pattern, keywords):
    assert derive(pattern) == keywords


@pytest.mark.parametrize("pattern", [
    r"\w+", r"\d+ mg", r"(?:a|bc)d",  # nothing of 3 characters every match holds
    r"\mcure(?|a|b)", r"(?(1)cure|heal)", r"cure{e<=1}", r"[[:alpha:]]cure", r"\pLcure\X",  # regex-module syntax
    r"(?V1)cure", r"(?R)cure", r"cure)", r"(cure", r"[cure", r"cure(?i)", r"\Kcure", r"*cure",
])
def test_what_it_does_not_understand_yields_no_keyword(pattern):
    assert derive(pattern) is None


def test_the_packs_patterns_are_all_derivable_or_given_keywords_by_hand():
    """Since keywords are derived per pattern, a hand-written list can no longer switch a pattern off."""
    for rule in pack_rules():
        for pattern, gate in zip(rule.patterns, rule.gates):
            found = derive(pattern.source)
            if found is not None:
                assert set(found) <= set(rule.keywords), (rule.info.id, pattern.source)
                assert gate is None or gate == frozenset(found)


def _texts() -> list[str]:
    texts = [t for r in pack_rules() for t in (*r.info.bad, *r.info.good)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.md"))]
    return texts


def assert_matches_hold_keywords(source: str, flags: int, text: str) -> None:
    """Every match of `source` in `text` holds one of its derived keywords, read as the keyword
    pass reads text: lowercased, each run of white space one space."""
    keywords = derive(source)
    if keywords is None:
        return
    for match in regex.compile(source, flags).finditer(text):
        folded = " ".join(match.group().lower().split())
        assert match.group() == "" or any(k in folded for k in keywords), (source, match.group(), keywords)


def test_every_match_in_the_examples_and_fixtures_contains_a_derived_keyword():
    text = "\n\n".join(_texts())
    for rule in pack_rules():
        for pattern in rule.patterns:
            assert_matches_hold_keywords(pattern.source, pattern.flags, text)


@functools.cache
def _as_re(source: str) -> re.Pattern[str]:
    """A pack pattern compiled by `re` (hypothesis's from_regex reads `re` syntax), once: the
    generated-text tests draw 150 examples, and `re`'s own cache of 512 does not hold the packs'
    patterns among everything else compiled meanwhile (recompiling them took half those tests' time)."""
    return re.compile(source, re.IGNORECASE | (re.VERBOSE if "\n" in source else 0))


@functools.cache
def _drawable() -> list[tuple[str, int]]:
    """Pack patterns `re` can generate text from (hypothesis's from_regex reads `re` syntax)."""
    found = []
    for rule in pack_rules():
        for pattern in rule.patterns:
            try:
                _as_re(pattern.source)
                found.append((pattern.source, pattern.flags))
            except re.error:
                pass
    return found


@st.composite
def generated_text(draw, noise: str) -> tuple[str, int, str]:
    """(source, flags, text) of a pack pattern and a text drawn from the pattern itself: a match,
    in random case, amid random text of the characters `noise`."""
    source, flags = draw(st.sampled_from(_drawable()))
    sample = draw(st.from_regex(_as_re(source)))
    around = draw(st.text(alphabet=noise, max_size=12))
    return source, flags, "".join(c.upper() if i % 3 == 0 else c for i, c in enumerate(around + sample + around))


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(drawn=generated_text(" \n\t.,abcuer-"))
def test_every_match_of_generated_text_contains_a_derived_keyword(drawn):
    """Texts drawn from a pack pattern itself (a match, in random case, amid random text)."""
    assert_matches_hold_keywords(*drawn)


@settings(deadline=None)
@given(words=st.lists(st.sampled_from(["cure", "cures", "miracle", "safe", "to", "us", "of", "hope", "x"]), max_size=8),
       seps=st.lists(st.sampled_from([" ", "  ", "\n", "-", ""]), min_size=8, max_size=8))
def test_every_match_of_word_salad_contains_a_derived_keyword(words, seps):
    text = "".join(w + s for w, s in zip(words, seps))
    for pattern in EXAMPLES:
        assert_matches_hold_keywords(pattern, regex.IGNORECASE | regex.VERBOSE * ("\n" in pattern), text)


@pytest.mark.slow
def test_derived_keywords_are_kept_in_the_user_cache_under_a_stamp(tmp_path):
    """A run with a findings cache keeps its derived keywords in the user's cache folder (never
    the project's) and the next run reads them; a file of another version of the parser is
    ignored, and --no-cache neither reads nor writes it."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    (tmp_path / ".healthlint.toml").write_text("[[rules]]\nname = 'x'\ncategory = 'hype'\nmessage = 'm'\n"
                                               "patterns = ['\\bwonderous\\b']\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("A wonderous pill.\n", encoding="utf-8")
    check = [sys.executable, "-m", "healthlint", "check", "--format", "json", "a.md"]

    def rules_found(*args: str) -> list[str]:
        run = subprocess.run([*check, *args], capture_output=True, text=True, cwd=tmp_path, env=env)
        return [f["rule"] for f in json.loads(run.stdout)]

    stored = tmp_path / "user-cache" / "healthlint" / "keywords.json"
    assert rules_found("--no-cache") == ["local/x"] and not stored.exists()
    assert rules_found() == ["local/x"]
    data = json.loads(stored.read_text(encoding="utf-8"))
    assert data["entries"]["\\bwonderous\\b"] == ["wonderous"]
    assert not list(tmp_path.glob(".healthlint_cache/keywords*"))
    data["entries"]["\\bwonderous\\b"] = ["zzz"]  # proof that the file is read: these keywords never occur
    stored.write_text(json.dumps(data), encoding="utf-8")
    built = tmp_path / "user-cache" / "healthlint" / "compiled"  # rules the last run built come first
    shutil.rmtree(built)
    assert rules_found("--cache-dir", str(tmp_path / "other")) == []
    stored.write_text(json.dumps({**data, "stamp": "another parser"}), encoding="utf-8")
    shutil.rmtree(built)
    assert rules_found("--cache-dir", str(tmp_path / "third")) == ["local/x"]
