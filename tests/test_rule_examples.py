"""Every registered rule's examples: each bad example is flagged by that rule, each good one is not."""

import pytest

from conftest import DEMO, ROOT, runner_of
from healthlint.running.config import Config
from healthlint.running.engine import Session
from healthlint.running.ruletest import EXAMPLE_PATH, flagged
from healthlint.text.document import from_text

SESSION = Session.start(Config(), (DEMO,))
RULES = SESSION.rules


def flagged_by(rule, example: str) -> list[str]:
    """What ruletest.flagged(rule, example) gives (tested to agree below), with one runner per
    rule for all its examples (conftest.runner_of: one for the session): building a claim rule's
    runner costs ~0.2 s, linting an example milliseconds, and these tests lint 400-odd examples."""
    result = runner_of(rule).lint(from_text(example, EXAMPLE_PATH))
    assert result.errors == [], f"{rule.info.id} fails on {example!r}: {result.errors[0].message}"
    return [example[f.offset:f.end_offset] for f in sorted(result.findings, key=lambda f: (f.offset, f.end_offset))]


def test_built_in_packs_are_registered_through_entry_points():
    packs = {rule.info.pack for rule in RULES}
    assert {"health-claims", "regenerative", "demo"} <= packs
    assert SESSION.errors == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.info.id)
def test_rule_has_documentation_and_examples(rule):
    info = rule.info
    assert info.message and info.bad and info.good, f"{info.id} needs a message and good and bad examples"
    if info.pack != "demo":
        assert info.suggestion and info.rationale, f"{info.id} needs a suggestion and a rationale"


@pytest.mark.parametrize("rule, example", [(r, e) for r in RULES for e in r.info.bad],
                         ids=lambda v: v.info.id if hasattr(v, "info") else v[:40])
def test_bad_example_is_flagged(rule, example):
    assert flagged_by(rule, example), f"{rule.info.id} does not flag its bad example {example!r}"


@pytest.mark.parametrize("rule, example", [(r, e) for r in RULES for e in r.info.good],
                         ids=lambda v: v.info.id if hasattr(v, "info") else v[:40])
def test_good_example_is_not_flagged(rule, example):
    assert flagged_by(rule, example) == [], f"{rule.info.id} flags its good example {example!r}"


def test_one_runner_per_rule_flags_what_test_rules_flags():
    """flagged_by, for a rule of each kind, gives what `healthlint test-rules` (ruletest.flagged) gives."""
    kinds = {}
    for rule in RULES:
        kinds.setdefault(type(rule), rule)
    assert len(kinds) >= 2
    for rule in kinds.values():
        for example in (*rule.info.bad, *rule.info.good):
            assert flagged_by(rule, example) == flagged(rule, example), (rule.info.id, example)


def _pack_patterns():
    """(name, compiled) for every pattern of the packs' phrase rules and every module-level
    pattern of healthlint and the packs: none of these runs with a timeout."""
    import sys

    from healthlint.lazyregex import _LazyRegex
    from healthlint.rules.phrase import PhraseRule

    found = {}
    for rule in RULES:
        if isinstance(rule, PhraseRule) and rule.info.pack != "demo":
            lazies = [*rule.patterns, rule.requires, rule.excludes, rule.near and rule.near.pattern]
            for number, lazy in enumerate(p for p in lazies if p is not None):
                found[f"{rule.info.id}#{number}"] = lazy.compiled()
    for name, module in list(sys.modules.items()):
        if name.startswith(("healthlint", "healthlint_claims", "healthlint_regenerative")):
            for attribute, value in vars(module).items():
                if isinstance(value, _LazyRegex):
                    value.search("")  # compiles it
                    found[f"{name}.{attribute}"] = value.search.__self__
    return sorted(found.items())


# Runs of words, spaces and punctuation a sentence can hold (sentences are cut at 2,000 characters).
_HOSTILE = ["a " * 1000, "a" * 2000, " " * 2000, "no " * 666, "cure " * 400, "stem-cell " * 200,
            "a, " * 666, "treatment is not " * 117, "may " * 500, "safe and " * 222, "\u2019s " * 666,
            "https://a." * 200, "(1) " * 500, "100% " * 400]


@pytest.mark.parametrize("name, pattern", _pack_patterns(), ids=lambda v: v if isinstance(v, str) else "")
def test_pack_patterns_do_not_backtrack_catastrophically(name, pattern):
    """The packs' own patterns run without the per-search timeout user patterns get, so each must
    finish quickly on hostile sentence-length text; a second is ~1,000x what a sane pattern needs."""
    for text in _HOSTILE:
        for piece in (text, text.upper(), text + "!"):
            list(pattern.finditer(piece, timeout=1.0))  # TimeoutError fails the test


def test_no_vocabulary_of_the_built_in_packs_lists_a_term_twice():
    """A term written twice in one word list is a twin: edited in one place, it lives on in the other."""
    import tomllib
    from collections import Counter

    twice = {}
    for path in sorted((ROOT / "plugins").glob("*/*.toml")):
        for name, terms in tomllib.loads(path.read_text(encoding="utf-8")).get("vocabularies", {}).items():
            listed = terms.get("terms", []) if isinstance(terms, dict) else terms
            repeated = sorted(term for term, n in Counter(t.lower() for t in listed).items() if n > 1)
            if repeated:
                twice[f"{path.name}: {name}"] = repeated
    assert twice == {}
