"""Rule documentation: the stable URL of each rule's page."""

from healthlint.config import Config
from healthlint.docs import DEFAULT_BASE_URL, DOCUMENTED_PACKS, help_url, rule_url
from healthlint.engine import Session
from healthlint.entrypoints import entry_points
from healthlint.plugins import ENTRY_POINT_GROUP
from healthlint.rules import RuleInfo


def test_rule_url_is_the_rule_id_under_the_docs_folder(monkeypatch):
    monkeypatch.delenv("HEALTHLINT_DOCS_URL", raising=False)
    assert rule_url("cure-claim/absolute-cure") == DEFAULT_BASE_URL + "cure-claim/absolute-cure.md"
    assert DEFAULT_BASE_URL.startswith("https://") and DEFAULT_BASE_URL.endswith("/docs/rules/")


def test_rule_url_base_comes_from_the_argument_then_the_environment(monkeypatch):
    monkeypatch.setenv("HEALTHLINT_DOCS_URL", "https://docs.example.org/rules")
    assert rule_url("hype/miracle") == "https://docs.example.org/rules/hype/miracle.md"
    assert rule_url("hype/miracle", base="https://x.test/r/") == "https://x.test/r/hype/miracle.md"


def test_help_url_only_for_rules_healthlint_documents(monkeypatch):
    monkeypatch.delenv("HEALTHLINT_DOCS_URL", raising=False)
    built_in = RuleInfo("hype/miracle", "hype", "warning", "m", pack="health-claims")
    assert help_url(built_in) == DEFAULT_BASE_URL + "hype/miracle.md"
    assert help_url(RuleInfo("local/ours", "hype", "warning", "m")) is None
    assert help_url(RuleInfo("demo/x", "demo", "warning", "m")) is None


def test_documented_packs_are_the_packs_healthlint_installs():
    ours = {e.name for e in entry_points(ENTRY_POINT_GROUP) if e.distribution == "healthlint"}
    assert set(DOCUMENTED_PACKS) == ours
    packs = {r.info.pack for r in Session.start(Config()).rules}
    assert set(DOCUMENTED_PACKS) <= packs
