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
    assert bad.stderr == (f"healthlint: error: --changed-since: 'no-such-rev' is not a commit in the repository at "
                          f"{tmp_path.resolve()}; fetch it first (for a branch of a remote: git fetch origin BRANCH)\n")


def test_a_revision_missing_from_a_shallow_clone_says_how_to_fetch_it(tmp_path, monkeypatch):
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q")
    for n in range(3):
        (origin / "a.md").write_text(f"Version {n}.\n")
        git(origin, "add", ".")
        git(origin, "commit", "-qm", f"c{n}")
    first = git(origin, "rev-list", "--max-parents=0", "HEAD").strip()
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", "clone")
    monkeypatch.chdir(tmp_path / "clone")
    bad = run_cli("check", "--isolated", "--no-cache", "--changed-since", first, "a.md")
    assert bad.exit_code == 2
    assert f"--changed-since: '{first}' is not a commit in the repository at " in bad.stderr
    assert "this is a shallow clone" in bad.stderr and "fetch-depth: 0" in bad.stderr


def test_names_with_spaces_non_ascii_and_quotes_are_not_dropped(tmp_path, monkeypatch):
    """git quotes such names in its human diff ("caf\\303\\251.md", a tab after 'my file.md'):
    the README's CI recipe passed a new cure claim in café.md with exit 0."""
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")
    names = ["café.md", "my file.md", 'say "no".md', "sub dir/ünï cödé.md", "tab\tname.md"]
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("# Notes\n\nPlain words.\n")
    (tmp_path / "old name.md").write_text("# Moved\n\n" + "Plain background words here.\n" * 8)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    for name in names:
        (tmp_path / name).write_text("# Notes\n\nPlain words.\n\nStem cells can cure ALS.\n")
    git(tmp_path, "mv", "old name.md", "nouveau nom é.md")
    (tmp_path / "nouveau nom é.md").write_text("# Moved\n\n" + "Plain background words here.\n" * 8
                                                + "Stem cells can cure ALS.\n")
    run = run_cli("check", "--isolated", "--no-cache", "--format", "json", "--select", "cure-claim",
                  "--changed-since", "HEAD", ".")
    found = sorted({(os.path.relpath(f["path"]), f["line"]) for f in run.findings})
    assert found == sorted([(name, 5) for name in names] + [("nouveau nom é.md", 11)])
    assert run.exit_code == 1
