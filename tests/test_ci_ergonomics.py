"""What users of ruff and markdownlint expect in CI: gitignore-style excludes, --show-settings,
--show-files, --output-file, --exit-zero, GitLab Code Quality and JUnit formats, `healthlint clean`."""

from __future__ import annotations

import json
import subprocess
from xml.etree import ElementTree

from conftest import run_cli

DRAFT = "# Notes\n\nA miracle cure.\n"


def test_excludes_mean_what_they_mean_in_gitignore(tmp_path):
    """`[ab].md` never matched, a leading `/` did not anchor, and `!` did not re-include."""
    for name in ("a.md", "b.md", "c.md", "top.md", "sub/top.md", "drafts/x.md", "drafts/keep.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(DRAFT)
    (tmp_path / ".healthlint.toml").write_text('exclude = ["[ab].md", "/top.md", "drafts/*", "!drafts/keep.md"]\n')
    run = run_cli("check", "--show-files", ".")
    assert run.exit_code == 0
    assert run.stdout.splitlines() == ["./c.md", "./drafts/keep.md", "./sub/top.md"]


def test_a_bad_pattern_is_a_config_error(tmp_path):
    (tmp_path / ".healthlint.toml").write_text('exclude = ["ok/**", "[z-a].md"]\n')
    run = run_cli("check", "--show-files", ".")
    assert run.exit_code == 2
    assert run.stderr.startswith(f"healthlint: error: {tmp_path / '.healthlint.toml'}: 'exclude': invalid pattern: ")


def test_show_settings_prints_the_effective_settings(tmp_path):
    (tmp_path / ".healthlint.toml").write_text('ignore = ["hype"]\nfail-on = "warning"\n')
    run = run_cli("check", "--show-settings", "--ignore", "cure-claim", "--fail-on", "error")
    settings = json.loads(run.stdout)
    assert (settings["config-file"], settings["root"]) == (str(tmp_path / ".healthlint.toml"), str(tmp_path))
    assert (settings["select"], settings["ignore"], settings["fail-on"]) == (["ALL"], ["hype", "cure-claim"], "error")
    assert run.exit_code == 0


def test_output_file_and_exit_zero(tmp_path):
    (tmp_path / "a.md").write_text(DRAFT)
    run = run_cli("check", "--isolated", "--no-cache", "--format", "json", "--output-file", "out.json", "a.md")
    assert (run.exit_code, run.stdout) == (1, "")
    assert [f["rule"] for f in json.loads((tmp_path / "out.json").read_text())] == [
        "hype/hype-phrase", "cure-claim/absolute-cure"]
    assert run_cli("check", "--isolated", "--no-cache", "--exit-zero", "a.md").exit_code == 0
    assert run_cli("check", "--isolated", "--no-cache", "--exit-zero", "a.md", "missing.md").exit_code == 2
    unwritable = run_cli("check", "--isolated", "--no-cache", "-o", str(tmp_path / "no" / "such" / "dir" / "r"), "a.md")
    assert unwritable.exit_code == 2 and "cannot write the report" in unwritable.stderr


def test_gitlab_code_quality_report(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    page = repo / "docs" / "page one.md"
    page.write_text("A miracle cure.\n\nA miracle cure.\n")
    monkeypatch.chdir(repo / "docs")
    issues = json.loads(run_cli("check", "--isolated", "--no-cache", "--format", "gitlab", ".").stdout)
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["positions"]["begin"]["line"])
            for i in issues] == [("hype/hype-phrase", "minor", "docs/page one.md", 1),
                                 ("cure-claim/absolute-cure", "major", "docs/page one.md", 1),
                                 ("hype/hype-phrase", "minor", "docs/page one.md", 3),
                                 ("cure-claim/absolute-cure", "major", "docs/page one.md", 3)]
    assert all(i["type"] == "issue" and i["description"] and i["categories"] == ["Style"] for i in issues)
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == 4  # the same sentence twice is two issues
    page.write_text("# Title\n\nA new paragraph.\n\nA miracle cure.\n\nA miracle cure.\n")  # lines move
    moved = json.loads(run_cli("check", "--isolated", "--no-cache", "--format", "gitlab", ".").stdout)
    assert [i["fingerprint"] for i in moved] == fingerprints


def test_junit_report(tmp_path):
    (tmp_path / "a.md").write_text(DRAFT)
    (tmp_path / "clean.md").write_text("Plain words.\n")
    run = run_cli("check", "--isolated", "--no-cache", "--format", "junit", "a.md", "clean.md", "missing.md")
    assert run.exit_code == 2
    root = ElementTree.fromstring(run.stdout)
    assert (root.tag, root.get("tests"), root.get("failures"), root.get("errors")) == ("testsuites", "4", "2", "1")
    suites = {suite.get("name"): suite for suite in root}
    assert list(suites) == ["a.md", "clean.md", "missing.md"]
    assert [(c.get("name"), c[0].tag, c[0].get("type")) for c in suites["a.md"]] == [
        ("hype/hype-phrase at 3:3", "failure", "warning"), ("cure-claim/absolute-cure at 3:11", "failure", "error")]
    assert [(c.get("name"), len(c)) for c in suites["clean.md"]] == [("no findings", 0)]
    assert suites["missing.md"][0][0].get("message") == "missing.md: no such file or directory"


def test_clean_removes_the_cache_and_only_a_cache(tmp_path):
    (tmp_path / "a.md").write_text(DRAFT)
    run_cli("check", "--isolated", "a.md")
    assert (tmp_path / ".healthlint_cache").is_dir()
    run = run_cli("clean")
    assert (run.exit_code, run.stderr) == (0, f"healthlint: removed the cache at {tmp_path / '.healthlint_cache'}\n")
    assert not (tmp_path / ".healthlint_cache").exists()
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "notes.md").write_text("mine\n")
    refused = run_cli("clean", "--cache-dir", "precious")
    assert refused.exit_code == 2 and "not a healthlint cache" in refused.stderr
    assert (tmp_path / "precious" / "notes.md").read_text() == "mine\n"
