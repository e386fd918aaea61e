"""Start-up (issue 18): a re-run answered from the findings cache loads no plugin and builds no
rule, yet a change to anything the rules are made of lints again: a file of an installed
third-party pack (its rules.toml, its vocabulary file), the configuration or a term file it
names, healthlint's version. Each is shown as a user meets it: real processes, files edited
between two runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hostile import commit, healthlint, user_env

pytestmark = pytest.mark.slow

PACK_INIT = """from pathlib import Path

from healthlint import hookimpl
from healthlint.rules.phrase import load_phrase_rules


@hookimpl
def healthlint_rules():
    return load_phrase_rules(Path(__file__).with_name("rules.toml"), "third")
"""
PACK_RULES = """[vocabularies]
brands = { file = "brands.txt" }

[[rule]]
name = "brand-cure"
category = "cure-claim"
severity = "error"
message = "A brand promises a cure."
patterns = ['{brands} cures']
"""
DRAFT = "# Drops\n\nZapito cures colds. Miraclex cures colds. Our drops soothe babies.\n"


def install_pack(site: Path) -> None:
    """A third-party pack installed as pip installs one: a package and its entry point in a
    dist-info folder on the path."""
    (site / "thirdpack").mkdir(parents=True)
    (site / "thirdpack" / "__init__.py").write_text(PACK_INIT)
    (site / "thirdpack" / "rules.toml").write_text(PACK_RULES)
    (site / "thirdpack" / "brands.txt").write_text("Zapito\n")
    (site / "thirdpack-1.0.dist-info").mkdir()
    (site / "thirdpack-1.0.dist-info" / "entry_points.txt").write_text("[healthlint]\nthird = thirdpack\n")


def flagged(run: subprocess.CompletedProcess[bytes]) -> list[tuple[str, str, str]]:
    """(rule, severity, flagged text) of each finding of a `--format json` run."""
    assert run.returncode in (0, 1), run.stderr
    assert run.stderr == b""
    lines = DRAFT.splitlines()
    return [(f["rule"], f["severity"], lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1])
            for f in json.loads(run.stdout)]


@pytest.fixture
def pack_run(tmp_path):
    site = tmp_path / "site"
    install_pack(site)
    repo = commit(tmp_path / "repo", {"draft.md": DRAFT})

    def run() -> list[tuple[str, str, str]]:
        return flagged(healthlint(repo, "check", "--format", "json", "--select", "third", "draft.md",
                                  home=tmp_path / "home", PYTHONPATH=str(site)))

    return site, repo, run


def test_editing_an_installed_packs_rules_or_its_vocabulary_file_lints_again(pack_run):
    site, _, run = pack_run
    rule = "cure-claim/brand-cure"
    assert run() == run() == [(rule, "error", "Zapito cures")]
    (site / "thirdpack" / "brands.txt").write_text("Zapito\nMiraclex\n")
    assert run() == run() == [(rule, "error", "Zapito cures"), (rule, "error", "Miraclex cures")]
    rules = site / "thirdpack" / "rules.toml"
    rules.write_text(rules.read_text().replace("{brands} cures", "{brands} cures colds\\b"))
    assert run() == run() == [(rule, "error", "Zapito cures colds"), (rule, "error", "Miraclex cures colds")]
    rules.write_text(rules.read_text().replace('severity = "error"', 'severity = "info"'))
    assert run() == [(rule, "info", "Zapito cures colds"), (rule, "info", "Miraclex cures colds")]


def test_installing_or_removing_a_pack_lints_again(pack_run):
    site, repo, _ = pack_run
    home = repo.parent / "home"

    def rules_found(**env: str) -> set[str]:
        run = healthlint(repo, "check", "--format", "json", "draft.md", home=home, **env)
        return {f["rule"] for f in json.loads(run.stdout)}

    without = rules_found()
    assert "cure-claim/brand-cure" not in without and without  # the built-in packs' findings
    assert rules_found(PYTHONPATH=str(site)) == without | {"cure-claim/brand-cure"}
    assert rules_found() == without


def test_editing_the_configuration_or_a_term_file_it_names_lints_again(tmp_path):
    config = ('[vocabularies]\nbrands = { file = "brands.txt" }\n\n[[rules]]\nname = "brand-cure"\n'
              'category = "cure-claim"\nseverity = "error"\nmessage = "A brand promises a cure."\n'
              'patterns = ["{brands} cures"]\n')
    repo = commit(tmp_path / "repo", {".healthlint.toml": config, "brands.txt": "Zapito\n", "draft.md": DRAFT})

    def run() -> list[tuple[str, str, str]]:
        return flagged(healthlint(repo, "check", "--format", "json", "--select", "local", "draft.md",
                                  home=tmp_path / "home"))

    assert run() == run() == [("local/brand-cure", "error", "Zapito cures")]
    (repo / "brands.txt").write_text("Miraclex\n")
    assert run() == run() == [("local/brand-cure", "error", "Miraclex cures")]
    (repo / ".healthlint.toml").write_text(config.replace("{brands} cures", "{brands} cures colds"))
    assert run() == [("local/brand-cure", "error", "Miraclex cures colds")]


VERSIONED = """import os
from healthlint import hookimpl
from healthlint.rules import Match, Rule, RuleInfo


class Soothe(Rule):
    def check(self, ctx):  # depends on something no cache key holds: shows whether a file was linted
        if os.environ.get("FLAG_SOOTHE") and "soothe" in ctx.text:
            start = ctx.start + ctx.text.index("soothe")
            yield Match(start, start + 6)


@hookimpl
def healthlint_rules():
    return [Soothe(RuleInfo(id="flag/soothe", category="hype", severity="info", message="Soothe."), ("soothe",))]
"""
UNDER_VERSION = ("import sys, healthlint; healthlint.__version__ = sys.argv.pop(1)\n"
                 "from healthlint.cli import main\nmain()\n")


def test_another_healthlint_version_lints_again(tmp_path):
    (tmp_path / "flag.py").write_text(VERSIONED)
    repo = commit(tmp_path / "repo", {"draft.md": DRAFT})

    def run(version: str, **env: str) -> list[tuple[str, str, str]]:
        args = [sys.executable, "-P", "-c", UNDER_VERSION, version, "check", "--format", "json", "--isolated",
                "--plugin", str(tmp_path / "flag.py"), "--select", "flag", "draft.md"]
        return flagged(subprocess.run(args, cwd=repo, capture_output=True, env=user_env(tmp_path / "home", **env)))

    assert run("1.0", FLAG_SOOTHE="1") == [("flag/soothe", "info", "soothe")]
    assert run("1.0") == [("flag/soothe", "info", "soothe")]  # answered from the cache
    assert run("1.1") == []  # upgraded: linted again


PROBE = ("import sys\nfrom healthlint.cli import main\ntry:\n    main()\nexcept SystemExit as end:\n    code = end.code\n"
         "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pluggy', 'regex', 'pyromark', 'ahocorasick', "
         "'healthlint_claims', 'healthlint_regenerative', 'thirdpack') or m in ('healthlint.rules.phrase', "
         "'healthlint.running.runner')), file=sys.stderr)\nsys.exit(code)\n")


@pytest.mark.parametrize("output", ["text", "json", "sarif"])
def test_a_cached_run_loads_no_plugin_and_prints_what_a_fresh_run_prints(pack_run, output):
    """The rules' descriptions (SARIF lists every rule) and the reporters come from the cache's
    summary of the rules, and the output is byte for byte a fresh run's."""
    site, repo, _ = pack_run
    args = ["--format", output, "draft.md"]
    env = user_env(repo.parent / "home", PYTHONPATH=str(site))
    fresh = subprocess.run([sys.executable, "-m", "healthlint", "check", "--no-cache", *args], cwd=repo,
                           capture_output=True, env=env)
    runs = [subprocess.run([sys.executable, "-c", PROBE, "check", *args], cwd=repo, capture_output=True, env=env)
            for _ in range(2)]
    for run in runs:
        assert (run.returncode, run.stdout) == (fresh.returncode, fresh.stdout)
    assert b"thirdpack" in runs[0].stderr.splitlines()[-1]  # the first run loads the packs ...
    assert runs[1].stderr.splitlines()[-1] == b"[]"  # ... the second, none of them nor their machinery
    if output == "sarif":
        rules = json.loads(fresh.stdout)["runs"][0]["tool"]["driver"]["rules"]
        assert {"cure-claim/brand-cure", "hype/hype-phrase"} <= {rule["id"] for rule in rules}


def test_a_plugins_format_and_an_unknown_format_on_a_cached_run(tmp_path):
    demo = Path(__file__).parent / "plugins" / "demo_pack.py"
    repo = commit(tmp_path / "repo", {"draft.md": DRAFT})
    args = ["check", "--isolated", "--plugin", str(demo), "draft.md"]
    home = tmp_path / "home"
    first = healthlint(repo, *args, home=home)
    assert healthlint(repo, *args, home=home).stdout == first.stdout  # cached
    demo_format = [healthlint(repo, *args[:-1], "--format", "demo-count", "draft.md", home=home) for _ in range(2)]
    assert demo_format[0].stdout == demo_format[1].stdout and demo_format[0].stdout
    unknown = healthlint(repo, *args[:-1], "--format", "nope", "draft.md", home=home)
    assert unknown.returncode == 2
    assert unknown.stderr.startswith(b"healthlint: error: unknown format 'nope'; available: demo-count, github, ")


def test_a_plugin_error_is_reported_on_every_cached_run(tmp_path):
    broken = Path(__file__).parent / "plugins" / "broken_import.py"
    repo = commit(tmp_path / "repo", {"draft.md": DRAFT})
    runs = [healthlint(repo, "check", "--isolated", "--plugin", str(broken), "draft.md", home=tmp_path / "home")
            for _ in range(2)]
    assert runs[0].returncode == runs[1].returncode == 2
    assert runs[0].stderr == runs[1].stderr and b"failed to load" in runs[0].stderr
    assert runs[0].stdout == runs[1].stdout and b"[cure-claim/absolute-cure]" in runs[0].stdout  # the others ran


def test_a_corrupt_rules_entry_is_rebuilt(pack_run):
    _, repo, run = pack_run
    first = run()
    [entry] = (repo / ".healthlint_cache").glob("*.rules")
    entry.write_text('{"rules": [["no/such", 1]], "reporters": {}}')
    assert run() == first
    assert json.loads(entry.read_text())["rules"]  # written again, whole


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_a_pool_on_a_cached_run_lints_changed_files_as_one_process_does(tmp_path, start_method):
    """The session of a cached run has loaded no plugin; its workers (forked, or spawned from
    its recipe) load them for the files that changed, and find what one process finds."""
    from healthlint import Linter

    drafts = sorted((Path(__file__).parent.parent / "fixtures" / "drafts").glob("*.md"))
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(20):
        (docs / f"d{i:02d}.md").write_text(drafts[i % len(drafts)].read_text(encoding="utf-8"), encoding="utf-8")

    def findings(jobs: int, cache: Path | None) -> tuple[bool, list[tuple[object, ...]]]:
        linter = Linter.load(isolated=True, cache_dir=cache)
        deferred = linter.session._loaded is None
        result = linter.lint_paths([str(docs)], jobs=jobs, start_method=start_method)
        assert result.errors == []
        return deferred, [(f.path, f.line, f.column, f.rule, f.message) for f in result.findings]

    expected = findings(1, None)[1]
    assert findings(2, tmp_path / "cache") == (False, expected)  # the first run loads and fills the cache
    for i in range(0, 20, 3):  # changed files: linted again, in the workers
        (docs / f"d{i:02d}.md").write_text("It cures arthritis, guaranteed.\n", encoding="utf-8")
    expected = findings(1, None)[1]
    assert findings(2, tmp_path / "cache") == (True, expected)
