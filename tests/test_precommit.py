"""The pre-commit hook, run for real with `pre-commit try-repo` in a temporary git repository."""

import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "PATH": __import__("os").environ["PATH"]})


@pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed (test extra)")
def test_try_repo_flags_a_draft_and_passes_a_clean_one(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("the healthlint checkout is not a git repository")
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "clean.md").write_text("# Notes\n\nWe met on Tuesday.\n")
    (repo / "code.py").write_text("x = 'miracle cure'\n")
    git(repo, "add", ".")
    clean = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "healthlint", "--all-files"], cwd=repo,
                           capture_output=True, text=True, timeout=600)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "healthlint" in clean.stdout and "Passed" in clean.stdout
    (repo / "draft.md").write_text("# Hope\n\nStudies show this miracle treatment cures arthritis.\n")
    git(repo, "add", ".")
    flagged = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "healthlint", "--all-files"], cwd=repo,
                             capture_output=True, text=True, timeout=600)
    assert flagged.returncode == 1
    assert "Failed" in flagged.stdout
    assert "draft.md:3:" in flagged.stdout
    assert "code.py" not in flagged.stdout
