"""Issue 16, items 2 and 3 (cache): a repository cannot forge cache entries nor make healthlint
write outside it through symlinks; failed results are not replayed; old entries are pruned."""

import os
import time

import pytest

from hostile import commit, git, healthlint

pytestmark = pytest.mark.slow

CLAIMS = "# Knee pain\n\nOur therapy is a miracle cure. Studies show it works.\n"
FLAKY = ("import os\nfrom healthlint import hookimpl\nfrom healthlint.rules import Match, Rule, RuleInfo\n"
         "class Flaky(Rule):\n    def check(self, ctx):\n"
         "        if os.environ.get('FLAKY'):\n            raise TimeoutError('the machine is busy')\n"
         "        if 'miracle' in ctx.text:\n            yield Match(ctx.start, ctx.start + 1)\n"
         "@hookimpl\ndef healthlint_rules():\n"
         "    return [Flaky(RuleInfo(id='flaky/rule', category='hype', severity='warning', message='Flaky.'))]\n")


def test_entries_committed_to_the_repository_are_never_read(tmp_path):
    """The attack: run healthlint on the claims, rewrite the entries to say "no findings",
    commit them with `git add -f`; CI on a fresh clone must still report the claims."""
    attacker, ci = tmp_path / "attacker-home", tmp_path / "ci-home"
    repo = commit(tmp_path / "fork", {"draft.md": CLAIMS})
    assert healthlint(repo, "check", "draft.md", home=attacker).returncode == 1
    entries = list((repo / ".healthlint_cache").glob("*.json"))
    assert len(entries) == 1
    for entry in entries:
        entry.write_text("[]\n")  # no errors, no findings
    commit(repo, {})  # git add -A -f: the forged cache is in the pull request
    assert ".healthlint_cache/" in git(repo, "ls-files")
    forged = healthlint(repo, "check", "draft.md", home=attacker)
    assert (forged.returncode, forged.stdout) == (0, b"No findings in 1 file.\n")  # the forgery works with the attacker's own key...
    git(tmp_path, "clone", "-q", str(repo), "checkout")
    run = healthlint(tmp_path / "checkout", "check", "draft.md", home=ci)
    assert run.returncode == 1  # ... and not on CI's machine, whose key the repository cannot know
    assert b"miracle" in run.stdout and b"No findings" not in run.stdout
    key = ci / "cache" / "healthlint" / "key"
    assert oct(key.stat().st_mode & 0o777) == "0o600" and len(key.read_bytes()) == 32


def test_a_committed_cache_symlink_is_not_written_through(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    repo = commit(tmp_path / "repo", {"draft.md": CLAIMS}, symlinks={".healthlint_cache": str(outside)})
    for _ in range(2):
        run = healthlint(repo, "check", "draft.md", home=tmp_path / "home")
        assert run.returncode == 1 and b"miracle" in run.stdout and run.stderr == b""
    assert list(outside.iterdir()) == []
    assert os.path.islink(repo / ".healthlint_cache")


def test_a_dangling_gitignore_symlink_in_the_cache_is_not_written_through(tmp_path):
    target = tmp_path / "outside.txt"
    repo = commit(tmp_path / "repo", {"draft.md": CLAIMS}, symlinks={".healthlint_cache/.gitignore": str(target)})
    run = healthlint(repo, "check", "draft.md", home=tmp_path / "home")
    assert run.returncode == 1 and b"miracle" in run.stdout
    assert not target.exists() and not target.is_symlink()
    assert os.readlink(repo / ".healthlint_cache" / ".gitignore") == str(target)
    assert len(list((repo / ".healthlint_cache").glob("*.json"))) == 1  # the cache itself still works


def test_a_failed_rule_is_not_replayed_from_the_cache(tmp_path):
    """A rule failing on a busy CI machine (a timeout) is not cached until the file changes."""
    (tmp_path / "flaky.py").write_text(FLAKY)
    repo = commit(tmp_path / "repo", {"draft.md": CLAIMS})
    args = ["check", "--isolated", "--plugin", str(tmp_path / "flaky.py"), "--select", "flaky", "draft.md"]
    busy = healthlint(repo, *args, home=tmp_path / "home", FLAKY="1")
    assert busy.returncode == 2
    assert busy.stderr == (b"healthlint: error: draft.md: rule flaky/rule timed out (a pattern took too long; "
                           b"simplify it); the rule was skipped for this file\n")
    calm = healthlint(repo, *args, home=tmp_path / "home")
    assert (calm.returncode, calm.stderr) == (1, b"")
    assert calm.stdout.startswith(b"draft.md:3:1: warning [flaky/rule] Flaky.\n")


def test_old_entries_and_leftover_temporary_files_are_pruned(tmp_path):
    repo = commit(tmp_path / "repo", {"a.md": CLAIMS, "b.md": CLAIMS.replace("Knee", "Hip")})
    home = tmp_path / "home"
    assert healthlint(repo, "check", "a.md", home=home).returncode == 1
    cache = repo / ".healthlint_cache"
    (old,) = cache.glob("*.json")
    leftover = cache / f"{old.stem}.999.tmp"
    leftover.write_text("{")  # what a write killed by SIGKILL leaves
    assert git(repo, "status", "--porcelain", "--ignored=no") == ""  # never picked up by `git add -A`
    month_ago = time.time() - 40 * 24 * 3600
    for path in (old, leftover, cache / ".pruned"):
        os.utime(path, (month_ago, month_ago))
    assert healthlint(repo, "check", "b.md", home=home).returncode == 1
    assert not old.exists() and not leftover.exists()
    assert len(list(cache.glob("*.json"))) == 1  # b.md's, just written


def test_no_user_cache_folder_means_no_cache_not_an_error(tmp_path):
    repo = commit(tmp_path / "repo", {"draft.md": CLAIMS})
    home = tmp_path / "home"
    home.mkdir()
    (home / "cache").write_text("a file where the user's cache folder would be")
    for _ in range(2):
        run = healthlint(repo, "check", "draft.md", home=home)
        assert run.returncode == 1 and b"miracle" in run.stdout and run.stderr == b""
    assert not list(repo.glob(".healthlint_cache/*.json"))  # without a key of the user's own, nothing is cached
