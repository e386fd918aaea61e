"""The pre-commit hook, run for real by pre-commit from this checkout in a temporary git repository."""

import subprocess

import pytest

pytestmark = pytest.mark.slow


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "PATH": __import__("os").environ["PATH"]})


def test_the_hook_flags_a_draft_and_passes_a_clean_one(tmp_path, pre_commit):
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "clean.md").write_text("# Notes\n\nWe met on Tuesday.\n")
    (repo / "code.py").write_text("x = 'miracle cure'\n")
    git(repo, "add", ".")
    clean = pre_commit.run(repo)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "healthlint" in clean.stdout and "Passed" in clean.stdout
    (repo / "draft.md").write_text("# Hope\n\nStudies show this miracle treatment cures arthritis.\n")
    git(repo, "add", ".")
    flagged = pre_commit.run(repo)
    assert flagged.returncode == 1
    assert "Failed" in flagged.stdout
    assert "draft.md:3:" in flagged.stdout
    assert "code.py" not in flagged.stdout
