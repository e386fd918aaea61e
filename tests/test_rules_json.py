"""`healthlint rules --format json`: each rule's keys as loaded."""

import json

from conftest import DEMO, run_cli

CONFIG = r"""
[[rules]]
name = "cure-all"
category = "hype"
severity = "error"
message = "Do not call our supplement a cure-all."
suggestion = "Say what it does."
patterns = ['\bcure[- ]all\b', '\bpanacea\b']
unless = ["quoted", "negated"]
requires = '\bour\b'
excludes = '\bnot\s+a\b'
near = { pattern = '\btonic\b', words = 6 }
fix = "supplement"
case-sensitive = true
bad = ["Our tonic is a cure-all."]
good = ["It is not a cure-all."]
formerly = ["local/panacea", "remedy-hype"]
"""


def test_a_config_rule_lists_every_key_as_loaded(write):
    config = write(".healthlint.toml", CONFIG)
    run = run_cli("rules", "--config", config, "--format", "json")
    assert run.exit_code == 0
    [rule] = [r for r in json.loads(run.stdout) if r["pack"] == "local"]
    assert "panacea" in rule.pop("keywords")  # derived from the patterns, as the loader derives them
    assert rule == {
        "id": "local/cure-all", "pack": "local", "category": "hype", "severity": "error",
        "message": "Do not call our supplement a cure-all.", "suggestion": "Say what it does.",
        "rationale": "", "url": None, "kind": "phrase",
        "patterns": [r"\bcure[- ]all\b", r"\bpanacea\b"], "case-sensitive": True,
        "unless": ["negated", "quoted"], "requires": r"\bour\b", "excludes": r"\bnot\s+a\b",
        "near": {"pattern": r"\btonic\b", "words": 6}, "fix": "supplement", "fix-safe": False, "not-subject": [], "not-topic": [],
        "source": config, "bad": ["Our tonic is a cure-all."], "good": ["It is not a cure-all."],
        "formerly": ["local/panacea", "remedy-hype"],
    }


def test_a_rules_old_names_still_select_it(write, tmp_path):
    """A rule renamed (`formerly`) is still chosen by its old id or category, in `select`, `ignore`
    and a disable comment; the built-in care rules answer to `discourages-care`, their old category."""
    config = write(".healthlint.toml", CONFIG)
    draft = tmp_path / "draft.md"
    draft.write_text("Try our tonic, a cure-all.\n", encoding="utf-8")
    for selector in ("local/panacea", "remedy-hype"):
        run = run_cli("check", "--config", config, "--select", selector, "--format", "json", str(draft))
        assert [f["rule"] for f in run.findings] == ["local/cure-all"]
        assert run_cli("check", "--config", config, "--select", "local", "--ignore", selector, str(draft)).exit_code == 0
    draft.write_text("<!-- healthlint-disable-next-line local/panacea -->\nTry our tonic, a cure-all.\n", encoding="utf-8")
    assert run_cli("check", "--config", config, "--select", "local", str(draft)).exit_code == 0
    seller = tmp_path / "seller.md"
    seller.write_text("Welcome. Book now.\n\nYou will not need your inhaler.\n", encoding="utf-8")
    run = run_cli("check", "--isolated", "--select", "discourages-care", "--format", "json", str(seller))
    assert [f["rule"] for f in run.findings] == ["efficacy-overstatement/replaces-care"]
    assert run_cli("check", "--isolated", "--select", "no-such-category", str(seller)).exit_code == 2
    explained = run_cli("explain", "--isolated", "discourages-care/does-without-care")  # the old id explains the rule
    assert explained.exit_code == 0
    assert explained.stdout.startswith("# efficacy-overstatement/does-without-care\n")
    assert "Formerly: discourages-care/does-without-care, discourages-care" in explained.stdout


def test_pack_rules_have_their_page_and_python_rules_their_kind():
    run = run_cli("rules", "--isolated", "--plugin", DEMO, "--format", "json")
    rules = {r["id"]: r for r in json.loads(run.stdout)}
    assert rules["cure-claim/absolute-cure"]["url"].endswith("/docs/rules/cure-claim/absolute-cure.md")
    assert rules["cure-claim/absolute-cure"]["keywords"] == ["cure", "cured", "curing"]  # derived per pattern
    assert rules["cure-claim/absolute-cure"]["case-sensitive"] is False
    assert rules["demo/miracle"]["url"] is None
    assert (rules["demo/miracle"]["kind"], rules["demo/miracle"]["fix"]) == ("phrase", "remarkable")
    assert rules["demo/studies-show"]["kind"] == "sentence"
    assert "patterns" not in rules["demo/studies-show"]
    assert rules["demo/studies-show"]["keywords"] == ["studies show"]
    assert rules["demo/no-harms"]["kind"] == "document"


def test_claim_rules_list_their_keys_as_loaded():
    run = run_cli("rules", "--isolated", "--format", "json")
    rules = {r["id"]: r for r in json.loads(run.stdout)}
    ends = rules["cure-claim/ends-condition"]
    assert (ends["kind"], ends["predicate"], ends["object"]) == ("claim", ["healing-verbs"], ["conditions"])
    assert (ends["subject"], ends["not-subject"]) == (["own-products"], ["research-actors", "care-actors"])
    assert (ends["after"], ends["before"], ends["register"]) == (6, 0, "promotional")
    assert "limited" in ends["unless"] and ends["keywords"] == []  # gated by its predicate concepts
    assert ends["url"].endswith("/docs/rules/cure-claim/ends-condition.md")
