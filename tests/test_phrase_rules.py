"""Declarative phrase rules: conditions, keyword derivation, and errors that name the rule."""

import pytest

from conftest import DEMO_ARGS, run_cli
from healthlint.errors import RuleError
from healthlint.rules.context import DocumentContext
from healthlint.rules.phrase import phrase_rule
from healthlint.running.runner import Linter
from healthlint.text.document import from_text


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

def test_each_pattern_runs_only_where_its_own_keywords_occur():
    """Keywords are derived per pattern: a pattern is tried only on sentences holding one of its
    own keywords (so its compile and scan are skipped elsewhere)."""
    rule = phrase_rule({"name": "t", "category": "hype", "message": "m",
                        "patterns": [r"\bgame[- ]?changers?\b", r"\bmiracles?\b", r"\b(?:new|fresh)\s+hope\b",
                                     r"\b(?:beacon|ray)\s+of\s+hope\b", r"\bto\s+us\b"]}, "test", "test", eager=False)
    assert rule.gates == (frozenset({"changer"}), frozenset({"miracle"}), frozenset({"hope"}), frozenset({"hope"}),
                          frozenset({"to us"}))  # no word of 3 letters: the phrase, as the keyword pass reads it
    assert rule.keywords == ("changer", "hope", "miracle", "to us")
    text = "A miracle and new hope. A game changer. A ray of\nhope. Sell to\n us."
    findings = Linter([rule]).lint(from_text(text, "x.md")).findings
    assert [text[f.offset:f.end_offset] for f in findings] == ["miracle", "new hope", "game changer", "ray of\nhope",
                                                               "to\n us"]
    rule = phrase_rule({"name": "t", "category": "hype", "message": "m",
                        "patterns": [r"\bgame[- ]?changers?\b", r"\bmiracles?\b"]}, "test", "test", eager=False)
    Linter([rule]).lint(from_text("A miracle.", "x.md"))
    assert rule.patterns[0]._compiled is None and rule.patterns[1]._compiled is not None


def test_hand_written_keywords_count_only_for_a_pattern_that_yields_none():
    """A `keywords` list beside derivable patterns is ignored (derived keywords are used, so the
    list cannot switch a pattern off); beside one that yields none it gates the rule, and that
    pattern runs on every sentence holding one of them."""
    table = {"name": "t", "category": "hype", "message": "m"}
    ignored = phrase_rule({**table, "patterns": [r"\bgovernment[- ]?cleared\b"], "keywords": ["fda"]}, "test", "test")
    assert ignored.keywords == ("government",)
    assert [f.rule for f in Linter([ignored]).lint(from_text("Our government-cleared clinic.", "x.md")).findings] == ["hype/t"]
    merged = phrase_rule({**table, "patterns": [r"\bmiracles?\b", r"\d+%"], "keywords": ["percent", "%"]}, "test", "test")
    assert merged.keywords == ("%", "miracle", "percent") and merged.gates == (frozenset({"miracle"}), None)
    text = "A miracle. Up 40%. Up 40 percent."
    spans = [text[f.offset:f.end_offset] for f in Linter([merged]).lint(from_text(text, "x.md")).findings]
    assert spans == ["miracle", "40%"]
    with pytest.raises(RuleError, match=r"^cfg: rule 't': cannot derive keywords from pattern '\\\\d\+%': add a literal "
                                        r"word \(3 characters or more\) that every match contains, or a 'keywords' list"):
        phrase_rule({**table, "patterns": [r"\bmiracles?\b", r"\d+%"]}, "p", "cfg")


def test_underivable_keywords_and_bad_keys_are_errors():
    with pytest.raises(RuleError, match=r"rule 't': cannot derive keywords from pattern '\\\\w\+': add a literal word"):
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
    from healthlint.running.ruletest import flagged

    rule = phrase_rule({"name": "x", "category": "hype", "message": "m", "patterns": ["""
        \\bwonder        # the hype word, then,
        \\s+drugs?\\b     # what it praises
        """]}, "local", "test")
    assert rule.keywords == ("wonder",)
    assert flagged(rule, "A wonder drug, at last.") == ["wonder drug"]


REGISTER_RULES = '''
[vocabularies]
offers = ["order now", "money-back guarantee"]
care-talk = ["talk to your doctor"]

[register]
promotional = ["offers"]
careful = ["care-talk"]
threshold = 0.05

[[rule]]
name = "rare-harms"
category = "safety-claim"
message = "Plays down harms."
patterns = ['side effects are rare']
register = "promotional"
'''


def test_a_phrase_rule_with_register_fires_on_a_promotional_page_only(tmp_path):
    from healthlint.rules.phrase import load_phrase_rules

    path = tmp_path / "rules.toml"
    path.write_text(REGISTER_RULES)
    rule = load_phrase_rules(path, "third")[0]
    linter = Linter([rule])

    def found(text: str) -> list[str]:
        return [text[f.offset:f.end_offset] for f in linter.lint(from_text(text, "d.md")).findings]
    assert found("Order now! Side effects are rare.\n") == ["Side effects are rare"]
    assert found("Side effects are rare. Talk to your doctor about them.\n") == []
    assert found("Side effects are rare.\n") == ["Side effects are rare"]  # no cue either way: a bare claim
    # Asked once per document, before any sentence is checked.
    assert rule.applies(DocumentContext.build(from_text("Order now! Side effects are rare.\n", "d.md")))
    assert not rule.applies(DocumentContext.build(from_text("Side effects are rare. Talk to your doctor.\n", "d.md")))


def test_register_on_a_phrase_rule_needs_the_files_register_table(tmp_path):
    from healthlint.rules.phrase import load_phrase_rules

    path = tmp_path / "rules.toml"
    path.write_text(REGISTER_RULES.replace("[register]", "[other]"))
    with pytest.raises(RuleError, match=r"rule 'safety-claim/rare-harms': 'register' needs a \[register\] table in "):
        load_phrase_rules(path, "third")
    path.write_text(REGISTER_RULES.replace('register = "promotional"', 'register = "careful"'))
    with pytest.raises(RuleError, match=r"'register' must be \"promotional\", not 'careful'"):
        load_phrase_rules(path, "third")


def test_a_pickled_rule_keeps_its_compiled_patterns_and_finds_the_same(monkeypatch):
    """Built rules kept between runs (healthlint.running.compiled) carry each pattern's compiled
    code, so the run that loads them never calls the regex module's compiler, and finds the same;
    an invalid pattern still fails where it is used, not when pickled."""
    import pickle

    import regex

    table = {"name": "t", "category": "hype", "message": "m", "patterns": [r"\bmiracle\s+(?:cure|pill)s?\b"],
             "requires": r"\bour\b", "unless": ["negated"]}
    rule = phrase_rule(table, "test", "test")
    text = "Our miracle cures work. Not our miracle pill. A miracle cure."
    before = [(f.offset, f.end_offset) for f in Linter([rule]).lint(from_text(text, "x.md")).findings]
    assert before == [(4, 17)]
    kept = pickle.loads(pickle.dumps(rule))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex, "compile", refuse)
    assert [(f.offset, f.end_offset) for f in Linter([kept]).lint(from_text(text, "x.md")).findings] == before
    monkeypatch.undo()

    from healthlint.rules.phrase import LazyPattern

    broken = pickle.loads(pickle.dumps(LazyPattern("(unclosed", 0, "test 'patterns'", eager=False)))
    with pytest.raises(RuleError, match="invalid regular expression"):
        broken.compiled()


def test_patterns_run_by_gate_and_selection_is_not_pickled():
    import pickle

    rule = phrase_rule({"name": "t", "category": "hype", "message": "m",
                        "patterns": [r"\bmiracles?\b", r"\bwonder\s+drugs?\b", r"\d+%"], "keywords": ["%"]},
                       "test", "test")
    miracle, wonder, percent = rule.patterns
    assert rule._gated({"miracle", "unrelated"}) == (miracle, percent)  # the blind pattern always runs
    assert rule._gated({"wonder", "miracle"}) == (miracle, wonder, percent)  # in the rule's order
    assert rule._gated(set()) == (percent,)
    assert rule._gated(frozenset({"miracle"})) is rule._gated({"miracle", "other"})  # one selection per key
    copy = pickle.loads(pickle.dumps(rule))
    assert copy._selected == {} and len(rule._selected) == 3
    assert [p.source for p in copy._gated({"wonder"})] == [wonder.source, percent.source]
    old = pickle.loads(pickle.dumps(rule))
    del old.__dict__["_selected"], old.__dict__["_gate_words"]  # as pickled before these fields existed
    assert [p.source for p in pickle.loads(pickle.dumps(old))._gated({"miracle"})] == [miracle.source, percent.source]
