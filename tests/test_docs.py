"""Rule documentation: the stable URL of each rule's page, and the pages `healthlint docs` writes."""

import textwrap

import pytest

from conftest import DEMO, ROOT, rule_runners_shared, run_cli
from healthlint.output.docs import DEFAULT_BASE_URL, DOCUMENTED_PACKS, help_url, rule_url
from healthlint.output.rulepages import MARKER, REGENERATE, Pages, documented_rules, page
from healthlint.rules import RuleInfo
from healthlint.rules.entrypoints import entry_points
from healthlint.rules.plugins import ENTRY_POINT_GROUP
from healthlint.running.config import Config
from healthlint.running.engine import Session


@pytest.fixture(scope="module", autouse=True)
def _pages_generated_once_per_rule_list():
    """Generating every page lints every bad example of every rule (~15 s), and this module asks
    for the packs' pages four times: directly, then through three `healthlint docs` runs. The
    rules are the same objects each time (Session.start keeps them for the process), so their
    pages are too: the first Pages.of of a list of rules is kept and given again for that very
    list (the same rule objects, in the same order); any other list is generated afresh."""
    made: list[tuple[list, Pages]] = []
    generate = Pages.of.__func__

    def of(cls, rules):
        for seen, pages in made:
            if len(seen) == len(rules) and all(a is b for a, b in zip(seen, rules)):
                return pages
        pages = generate(cls, rules)
        made.append((list(rules), pages))
        return pages

    with pytest.MonkeyPatch.context() as patch, rule_runners_shared():  # a runner per rule for the session
        patch.setattr(Pages, "of", classmethod(of))
        yield


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


def test_committed_rule_pages_are_up_to_date():
    stale = Pages.of(documented_rules()).differences(ROOT / "docs" / "rules")
    assert not stale, f"rule pages out of date: {stale}; from the repository root, run: {REGENERATE}"


def test_every_rule_of_the_packs_has_a_page_at_its_url_path():
    rules = documented_rules()
    assert {r.info.pack for r in rules} == set(DOCUMENTED_PACKS)
    for rule in rules:
        assert (ROOT / "docs" / "rules" / f"{rule.info.id}.md").is_file()
        assert rule_url(rule.info.id).endswith(f"/docs/rules/{rule.info.id}.md")


def test_a_page_has_ruffs_sections_and_bolds_what_the_rule_flags():
    [miracle] = [r for r in Session.start(Config(), (DEMO,)).rules if r.info.id == "demo/miracle"]
    assert page(miracle) == textwrap.dedent(f"""\
        # miracle (demo/miracle)

        {MARKER}

        Pack: `demo` · Category: `hype` · Default severity: warning

        ## What it does

        Demo: 'miracle' inflates hope.

        ## Example

        Flagged (the flagged words in bold):

        - A **miracle** treatment.

        Not flagged:

        - There is no miracle treatment.

        ## Use instead

        Describe what was measured.

        ## Fix

        This rule suggests a rewrite of what it flags: `healthlint check --diff` shows it.

        ## Options

        Turn it off with `ignore = ["demo/miracle"]`, change its severity with `severity = {{ "demo/miracle" = "info" }}`, or silence one line with `<!-- healthlint-disable-next-line demo/miracle -- reason -->`.
        """)


def test_docs_writes_pages_checks_them_and_removes_only_its_own_stale_pages(tmp_path):
    rules = tmp_path / "out" / "rules"
    (rules / "hype").mkdir(parents=True)
    (rules / "hype" / "gone.md").write_text(f"# gone\n\n{MARKER}\n", encoding="utf-8")
    (rules / "hype" / "notes.md").write_text("# our notes, written by hand\n", encoding="utf-8")
    check = run_cli("docs", "--output", str(tmp_path / "out"), "--check")
    assert check.exit_code == 1
    assert f"{rules / 'hype' / 'gone.md'}: out of date" in check.stdout
    assert f"run: {REGENERATE}" in check.stderr
    assert not (rules / "README.md").exists()
    written = run_cli("docs", "--output", str(tmp_path / "out"))
    assert written.exit_code == 0
    assert f"{rules / 'cure-claim' / 'absolute-cure.md'}: written" in written.stdout
    assert not (rules / "hype" / "gone.md").exists()
    assert (rules / "hype" / "notes.md").read_text(encoding="utf-8") == "# our notes, written by hand\n"
    assert "[cure-claim/absolute-cure](cure-claim/absolute-cure.md)" in (rules / "README.md").read_text(encoding="utf-8")
    again = run_cli("docs", "--output", str(tmp_path / "out"), "--check")
    assert (again.exit_code, again.stdout) == (0, "")
