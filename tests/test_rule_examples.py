"""Every registered rule's examples: each bad example is flagged by that rule, each good one is not."""

import pytest

from healthlint.config import Config
from healthlint.document import from_text
from healthlint.engine import Session
from healthlint.runner import Linter

from conftest import DEMO

SESSION = Session.start(Config(), (DEMO,))
RULES = SESSION.rules


def test_built_in_packs_are_registered_through_entry_points():
    packs = {rule.info.pack for rule in RULES}
    assert {"health-claims", "regenerative", "demo"} <= packs
    assert SESSION.errors == []


def flagged_by(rule, text: str) -> list[str]:
    result = Linter([rule]).lint(from_text(text, "example.md"))
    assert result.errors == []
    return [text[f.offset:f.end_offset] for f in result.findings]


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
