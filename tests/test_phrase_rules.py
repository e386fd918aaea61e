"""Declarative phrase rules: conditions, keyword derivation, and errors that name the rule."""

import pytest

from healthlint.document import from_text
from healthlint.errors import RuleError
from healthlint.phrase import derive_keywords, phrase_rule
from healthlint.runner import Linter

from conftest import DEMO_ARGS, run_cli


def spans(table: dict, text: str) -> list[str]:
    rule = phrase_rule({"name": "t", "category": "hype", "message": "m", **table}, "test", "test")
    return [text[f.offset:f.end_offset] for f in Linter([rule]).lint(from_text(text, "x.md")).findings]


def test_near_requires_excludes_and_unless():
    near = {"patterns": [r"\bsafe\b"], "near": {"pattern": r"\binjections?\b", "words": 3}}
    assert spans(near, "The injections are safe. Cars are safe.") == ["safe"]
    assert spans(near, "The injections given by our nurses are safe.") == []
    requires = {"patterns": [r"\bsafe\b"], "requires": r"\bstem cells?\b"}
    assert spans(requires, "Stem cells are safe. Cars are safe.") == ["safe"]
    excludes = {"patterns": [r"\bsafe\b"], "excludes": r"\bwhether\b"}
    assert spans(excludes, "We ask whether it is safe. It is safe.") == ["safe"]
    unless = {"patterns": [r"\bcure\b"], "unless": ["negated", "hedged", "cited", "question"]}
    assert spans(unless, "No cure. It may cure. A cure [1]. A cure? A cure.") == ["cure"]



def test_a_keyword_of_several_words_is_found_across_wrapped_lines_and_markup():
    """Prose wraps lines, and masked emphasis leaves runs of spaces: 'holy grail' must still be found."""
    table = {"patterns": [r"\bholy\s+grail\b"], "keywords": ["holy grail"]}
    text = "The holy\ngrail. A holy **grail** here.\n\n- The holy\n  grail\n\nA holy\tgrail.\n\nThe holygrail."
    assert spans(table, text) == ["holy\ngrail", "holy **grail", "holy\n  grail", "holy\tgrail"]

@pytest.mark.parametrize("pattern, keywords", [
    (r"\bbeacon\s+of\s+hope\b", ["beacon"]),
    (r"\b(?:miracle|breakthrough)s?\b", ["breakthrough", "miracle"]),
    (r"(?:completely|totally) safe", ["completely", "totally"]),
    (r"\w+", None),
])
def test_keywords_are_derived_from_literal_patterns(pattern, keywords):
    assert derive_keywords(pattern) == keywords


def test_each_pattern_runs_only_where_its_own_keywords_occur():
    """Rule keywords may be given by hand; a pattern whose literal words contain some of them is
    tried only on sentences holding one (so its compile and scan are skipped elsewhere), and a
    pattern with no such words runs on every candidate sentence."""
    rule = phrase_rule({"name": "t", "category": "hype", "message": "m",
                        "patterns": [r"\bgame[- ]?changers?\b", r"\bmiracles?\b", r"\b(?:new|fresh)\s+hope\b",
                                     r"\b(?:beacon|ray)\s+of\s+hope\b"],
                        "keywords": ["game", "miracle", "new hope", "fresh hope", "of hope"]}, "test", "test", eager=False)
    # `\s+` joins literal words as the keyword pass reads white space, so "of hope" gates the last one
    assert rule.gates() == (frozenset({"game"}), frozenset({"miracle"}), None, frozenset({"of hope"}))
    text = "A miracle and new hope. A game changer. A ray of\nhope."
    findings = Linter([rule]).lint(from_text(text, "x.md")).findings
    assert [text[f.offset:f.end_offset] for f in findings] == ["miracle", "new hope", "game changer", "ray of\nhope"]
    rule = phrase_rule({"name": "t", "category": "hype", "message": "m",
                        "patterns": [r"\bgame[- ]?changers?\b", r"\bmiracles?\b"]}, "test", "test", eager=False)
    Linter([rule]).lint(from_text("A miracle.", "x.md"))
    assert rule.patterns[0]._compiled is None and rule.patterns[1]._compiled is not None


def test_underivable_keywords_and_bad_keys_are_errors():
    with pytest.raises(RuleError, match=r"rule 't': cannot derive literal keywords .* add 'keywords"):
        phrase_rule({"name": "t", "category": "hype", "message": "m", "patterns": [r"\w+"]}, "p", "cfg")
    with pytest.raises(RuleError, match=r"cfg: rule 't': unknown condition\(s\) \['sometimes'\]"):
        phrase_rule({"name": "t", "category": "hype", "message": "m", "patterns": ["x+y"], "keywords": ["y"],
                     "unless": ["sometimes"]}, "p", "cfg")


def test_plugin_contributes_an_output_format(write):
    path = write("a.md", "A miracle. Studies show.\n")
    run = run_cli("check", *DEMO_ARGS, "--format", "demo-count", path)
    assert run.stdout == "2 findings\n"
    assert run.exit_code == 1


def test_a_verbose_pattern_takes_its_keywords_from_the_pattern_not_its_comments():
    from healthlint.ruletest import flagged

    rule = phrase_rule({"name": "x", "category": "hype", "message": "m", "patterns": ["""
        \\bwonder        # the hype word, then,
        \\s+drugs?\\b     # what it praises
        """]}, "local", "test")
    assert rule.keywords == ("wonder",)
    assert flagged(rule, "A wonder drug, at last.") == ["wonder drug"]
