"""--changed-since REV: only findings on lines added or changed since REV, following renames."""

import os
import subprocess

from conftest import run_cli

ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@t", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=ENV).stdout


def rules_and_lines(run):
    return sorted((os.path.basename(f["path"]), f["rule"], f["line"]) for f in run.findings)


def test_only_changed_lines_renames_and_untracked_files(tmp_path, monkeypatch):
    repo = tmp_path / "articles"
    repo.mkdir()
    monkeypatch.chdir(repo)
    git(repo, "init", "-q")
    body = "".join(f"Background paragraph {i} about the condition and its usual care.\n\n" for i in range(12))
    (repo / "old.md").write_text("# Old\n\nA miracle cure.\n\n" + body + "Plain text.\n")
    (repo / "kept.md").write_text("# Kept\n\nA breakthrough.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first")
    base = git(repo, "rev-parse", "HEAD").strip()

    git(repo, "mv", "old.md", "renamed.md")
    (repo / "renamed.md").write_text("# Old\n\nA miracle cure.\n\n" + body + "Plain text. Studies show it works.\n")
    (repo / "new.md").write_text("A beacon of hope.\n")  # untracked: every line counts
    args = ["check", "--isolated", "--no-cache", "--format", "json"]
    everything = run_cli(*args, ".")
    assert ("kept.md", "hype/hype-phrase", 3) in rules_and_lines(everything)
    changed = run_cli(*args, "--changed-since", base, ".")
    assert rules_and_lines(changed) == [("new.md", "hype/hype-phrase", 1),
                                        ("renamed.md", "uncited-evidence/studies-show", 29)]
    assert changed.exit_code == 1

    git(repo, "add", ".")
    git(repo, "commit", "-qm", "second")
    assert rules_and_lines(run_cli(*args, "--changed-since", "HEAD", ".")) == []


def test_bad_revision_and_no_repository_are_clear_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("A miracle.\n")
    outside = run_cli("check", "--isolated", "--no-cache", "--changed-since", "HEAD", "a.md")
    assert outside.exit_code == 2
    assert outside.stderr.startswith("healthlint: error: --changed-since: git rev-parse --show-toplevel failed: ")
    git(tmp_path, "init", "-q")
    bad = run_cli("check", "--isolated", "--no-cache", "--changed-since", "no-such-rev", "a.md")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("healthlint: error: --changed-since: git rev-parse --verify failed")
