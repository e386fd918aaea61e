"""docs/rules-format.md: its worked examples are real rules whose examples pass `test-rules`."""

import re

import pytest

from conftest import ROOT
from healthlint.running import ruletest

PAGE = (ROOT / "docs" / "rules-format.md").read_text(encoding="utf-8")
WORKED = re.findall(r"```toml\n(.*?)```", PAGE.split("## Worked examples", 1)[1], flags=re.S)


def test_the_page_has_three_worked_examples():
    assert len(WORKED) == 3
    assert sum("[tool.healthlint]" in block for block in WORKED) == 1


@pytest.mark.parametrize("block", WORKED, ids=["phrase-rule", "vocabulary-and-condition", "config-rule"])
def test_a_worked_example_passes_test_rules(block, tmp_path):
    if "[tool.healthlint]" in block:
        path = tmp_path / "pyproject.toml"
        path.write_text(block, encoding="utf-8")
        rules, errors = ruletest.rules_to_test(str(path), None, False, ())
        rules = [r for r in rules if r.info.pack == "local"]
        assert errors == []
    else:
        path = tmp_path / "pack" / "rules.toml"
        path.parent.mkdir()
        path.write_text(block, encoding="utf-8")
        rules = ruletest.rules_file(path)
    assert len(rules) == 1
    outcome = ruletest.run(rules)
    assert outcome.problems == [], "\n".join(map(str, outcome.problems))
    assert outcome.examples >= 4
