"""Parallel runs give the same output; the findings cache is keyed by content and settings and
survives corruption; --timings reports rules and packs."""

import json
import subprocess
import sys

from conftest import FIXTURES, run_cli


def make_corpus(folder, copies=24):
    drafts = sorted((FIXTURES / "drafts").iterdir())
    for i in range(copies):
        source = drafts[i % len(drafts)]
        (folder / f"d{i:03d}{source.suffix}").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")


def test_jobs_two_matches_jobs_one(tmp_path):
    make_corpus(tmp_path)
    one = run_cli("check", "--isolated", "--no-cache", "--format", "json", "-j", "1", str(tmp_path))
    two = run_cli("check", "--isolated", "--no-cache", "--format", "json", "-j", "2", str(tmp_path))
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert len(one.findings) > 24


def test_cache_is_reused_keyed_by_content_and_settings_and_survives_corruption(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    make_corpus(docs, copies=3)
    cache = tmp_path / "cache"
    args = ["check", "--isolated", "--format", "json", "-j", "1", "--cache-dir", str(cache), str(docs)]
    cold = run_cli(*args)
    entries = sorted(p for p in cache.rglob("*.json"))
    assert len(entries) == 3
    assert (cache / ".gitignore").read_text().endswith("*\n")
    assert run_cli(*args).stdout == cold.stdout

    entries[0].write_text("{not json")  # a corrupt entry is ignored and rebuilt
    assert run_cli(*args).stdout == cold.stdout
    assert json.loads(entries[0].read_text().splitlines()[1])  # errors, then findings

    only_hype = run_cli(*args[:-1], "--select", "hype", str(docs))  # other settings, other entries
    assert {f["category"] for f in only_hype.findings} == {"hype"}

    first = sorted(docs.iterdir())[0]
    first.write_text("Nothing to see here.\n")
    after_edit = run_cli(*args)
    assert not [f for f in after_edit.findings if f["path"] == str(first)]


def test_no_cache_writes_nothing(tmp_path):
    make_corpus(tmp_path, copies=2)
    run_cli("check", "--isolated", "--no-cache", "--format", "json", str(tmp_path))
    assert not (tmp_path / ".healthlint_cache").exists()
    run_cli("check", "--isolated", "--format", "json", str(tmp_path))
    assert (tmp_path / ".healthlint_cache").is_dir()  # the default, beside the (absent) config: the cwd


def test_timings_go_to_stderr_per_rule_and_pack(tmp_path):
    make_corpus(tmp_path, copies=2)
    run = run_cli("check", "--isolated", "--timings", "--format", "json", str(tmp_path))
    json.loads(run.stdout)  # stdout stays valid JSON
    lines = run.stderr.splitlines()
    assert lines[0].split() == ["rule", "/", "pack", "seconds", "share"]
    assert any(line.startswith("hype/hype-phrase ") for line in lines)
    assert any(line.startswith("pack health-claims ") for line in lines)


def test_timings_time_the_rules_an_earlier_run_kept(tmp_path):
    """Without a findings cache, the third run loads the rules the second kept (see
    healthlint.running.compiled) before --timings is known: those runners are timed too."""
    make_corpus(tmp_path, copies=2)
    args = ["check", "--isolated", "--no-cache", "--format", "json", str(tmp_path)]
    for _ in range(2):  # the first leaves a mark, the second keeps the rules
        run_cli(*args)
    assert list((tmp_path / ".user-cache" / "healthlint" / "compiled").glob("*.pickle"))
    lines = run_cli(*args[:-1], "--timings", str(tmp_path)).stderr.splitlines()
    assert any(line.startswith("hype/hype-phrase ") for line in lines)
    assert any(line.startswith("pack health-claims ") for line in lines)


def test_windows_of_sentences_change_nothing(monkeypatch):
    """The keyword pass runs over windows of sentences (bounded memory on huge files); findings
    are the same whatever the window, including keywords that end past a window's last sentence
    ('our ' ends on the space after it) and document-level rules."""
    from healthlint.rules.context import DocumentContext
    from healthlint.running import runner
    from healthlint.running.config import Config
    from healthlint.running.engine import Session
    from healthlint.text.document import from_text, load

    rules = Session.start(Config()).rules
    linter = runner.Linter(rules)
    harms = next(r for r in rules if r.info.id == "missing-harms/no-risks-discussed")
    documents = [load(str(d)) for d in sorted((FIXTURES / "drafts").glob("*.md"))]
    documents.append(from_text(harms.info.bad[0], "harms.md"))
    whole = [linter.lint(d).findings for d in documents]
    rules_found = {f.rule for fs in whole for f in fs}
    assert sum(map(len, whole)) > 50
    assert {"missing-harms/no-risks-discussed", "commercial-conflict/seller-as-author"} <= rules_found
    for window in (1, 2, 7):
        monkeypatch.setattr(runner, "WINDOW", window)
        assert [linter.lint(d).findings for d in documents] == whole
    monkeypatch.setattr(runner, "WINDOW", 1)
    documents.append(from_text("It works. We treat you.", "gap.md"))  # ' we ' starts between sentences
    for document in documents:  # the windows' candidates add up to the whole document's
        ctx = DocumentContext.build(document)
        every = linter.candidates(ctx)
        pieces: dict[int, set[int]] = {}
        for first, stop in linter.windows(ctx):
            for index, sentences in linter.candidates(ctx, first, stop).items():
                pieces.setdefault(index, set()).update(sentences)
        assert pieces == every


def test_a_run_answered_from_the_cache_loads_no_linting_machinery(tmp_path):
    """Start-up: a pre-commit or editor re-run over unchanged files needs neither the document
    analysis modules, the keyword automaton, the pattern parser that derives keywords (they are kept
    in the user's cache) nor OpenSSL (hashlib); a lint run does load the analysis."""
    make_corpus(tmp_path, copies=1)
    probe = ("import sys; from healthlint.cli import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('healthlint.rules.context', 'healthlint.running.runner', 'healthlint.text.markdown', 'ahocorasick', 'hashlib',"
             " 'healthlint.rules.keywords')"
             " if m in sys.modules), file=sys.stderr)")
    args = [sys.executable, "-c", probe, "check", "--isolated", "--format", "json", "--cache-dir",
            str(tmp_path / "cache"), str(tmp_path)]
    cold = subprocess.run(args, capture_output=True, text=True)
    warm = subprocess.run(args, capture_output=True, text=True)
    assert cold.stdout == warm.stdout and json.loads(warm.stdout)
    assert cold.stderr.splitlines()[-1] == ("['ahocorasick', 'healthlint.rules.context', 'healthlint.rules.keywords', "
                                            "'healthlint.running.runner', 'healthlint.text.markdown']")
    assert warm.stderr.splitlines()[-1] == "[]"
