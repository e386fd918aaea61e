"""Issue 16, items 3 and 4 and the bad-input part of 5: symlinks, special files, oversized and
malformed inputs committed to a repository are one clear error each (exit 2), never a write
outside the repository, a hang, a MemoryError or a traceback."""

import json
import os

import pytest

from hostile import commit, healthlint

pytestmark = pytest.mark.slow

FIXABLE = "Try our revolutionary new treatment.\n"
FIXED = "Try our new treatment.\n"
CLAIM = "Our therapy is a miracle cure.\n"


def lines(run) -> list[str]:
    return run.stderr.decode().splitlines()


def test_fix_does_not_write_through_symlinks_leading_out_of_the_repository(tmp_path):
    outside = tmp_path / "outside"
    (outside / "docs").mkdir(parents=True)
    (outside / "victim.md").write_text(FIXABLE)
    (outside / "docs" / "page.md").write_text(FIXABLE)
    repo = commit(tmp_path / "repo", {"own.md": FIXABLE, "real.md": FIXABLE, ".healthlint.toml": ""},
                  symlinks={"draft.md": str(outside / "victim.md"), "docs": str(outside / "docs"),
                            "alias.md": "real.md"})
    run = healthlint(repo, "check", "--fix", "own.md", "draft.md", "docs/page.md", "alias.md", home=tmp_path / "home")
    assert run.returncode == 2
    assert lines(run) == [
        "healthlint: fixed 2 file(s): own.md, alias.md",
        f"healthlint: error: draft.md: a symbolic link to {outside / 'victim.md'}, outside {repo}; not fixed",
        f"healthlint: error: docs/page.md: a symbolic link to {outside / 'docs' / 'page.md'}, outside {repo}; not fixed",
    ]
    assert (outside / "victim.md").read_text() == FIXABLE and (outside / "docs" / "page.md").read_text() == FIXABLE
    assert os.readlink(repo / "draft.md") == str(outside / "victim.md")
    assert (repo / "own.md").read_text() == FIXED
    assert os.readlink(repo / "alias.md") == "real.md"  # a link inside the repository stays a link ...
    assert (repo / "real.md").read_text() == FIXED  # ... and the file it leads to is fixed
    assert sorted(p.name for p in repo.iterdir()) == [".git", ".healthlint.toml", ".healthlint_cache", "alias.md",
                                                     "docs", "draft.md", "own.md", "real.md"]  # no temporaries


def test_special_files_are_errors_not_hangs_or_memory_errors(tmp_path):
    repo = commit(tmp_path / "repo", {"draft.md": CLAIM}, symlinks={"zero.md": "/dev/zero"})
    os.mkfifo(repo / "pipe.md")  # a named pipe nobody writes to
    run = healthlint(repo, "check", ".", home=tmp_path / "home", timeout=30)
    assert run.returncode == 2
    assert lines(run) == ["healthlint: error: ./pipe.md: not a regular file (a named pipe); not read",
                          "healthlint: error: ./zero.md: not a regular file (a character device); not read"]
    assert run.stdout.startswith(b"./draft.md:1:")
    explicit = healthlint(repo, "check", "zero.md", "pipe.md", home=tmp_path / "home", timeout=30)
    assert explicit.returncode == 2 and len(lines(explicit)) == 2


def test_file_size_cap_is_a_setting(tmp_path):
    repo = commit(tmp_path / "repo", {".healthlint.toml": 'max-file-size = "1KB"\n', "big.md": CLAIM * 40,
                                      "small.md": CLAIM})
    run = healthlint(repo, "check", ".", home=tmp_path / "home")
    assert run.returncode == 2
    assert lines(run) == ["healthlint: error: ./big.md: larger than max-file-size (1,000 bytes); not read"]
    assert b"./small.md:1:" in run.stdout
    stdin = healthlint(repo, "check", "-", home=tmp_path / "home", input=(CLAIM * 40).encode())
    assert (stdin.returncode, lines(stdin)) == (
        2, ["healthlint: error: -: standard input is larger than max-file-size (1,000 bytes); not read"])
    (repo / ".healthlint.toml").write_text("max-file-size = -1\n")
    bad = healthlint(repo, "check", ".", home=tmp_path / "home")
    assert bad.returncode == 2
    assert lines(bad) == [f"healthlint: error: {repo / '.healthlint.toml'}: 'max-file-size' must be a size such as "
                          "1000000, \"500KB\" or \"100MB\", not -1"]


def test_standard_input_from_dev_zero_is_an_error(tmp_path):
    repo = commit(tmp_path / "repo", {})
    with open("/dev/zero", "rb") as zero:
        import subprocess
        import sys

        from hostile import user_env

        run = subprocess.run([sys.executable, "-P", "-m", "healthlint", "check", "-"], stdin=zero, cwd=repo,
                             capture_output=True, timeout=60, env=user_env(tmp_path / "home"))
    assert (run.returncode, lines(run)) == (
        2, ["healthlint: error: -: standard input is larger than max-file-size (100,000,000 bytes); not read"])


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_baseline_on_a_special_file_is_an_error(tmp_path, special):
    repo = commit(tmp_path / "repo", {"draft.md": CLAIM}, symlinks={"baseline.json": "/dev/zero"})
    if special == "fifo":
        os.unlink(repo / "baseline.json")
        os.mkfifo(repo / "baseline.json")
    kind = "a named pipe" if special == "fifo" else "a character device"
    run = healthlint(repo, "check", "--baseline", "baseline.json", "draft.md", home=tmp_path / "home", timeout=30)
    assert (run.returncode, lines(run)) == (
        2, [f"healthlint: error: baseline.json: not a regular file ({kind}); not read (the baseline)"])


@pytest.mark.parametrize("content, error", [
    (json.dumps({"entries": [{"path": "draft.md", "rule": "r", "fingerprint": "f", "count": 1e400}]}),
     "baseline.json: not a healthlint baseline (ValueError: 'count' must be a positive whole number, not inf)"),
    ('{"entries": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "baseline.json: not a healthlint baseline (RecursionError: maximum recursion depth exceeded while decoding a "
     "JSON array from a unicode string)"),
    (b'\xff{"entries": []}', "baseline.json: not a healthlint baseline (UnicodeDecodeError: 'utf-8' codec can't "
                             "decode byte 0xff in position 0: invalid start byte)"),
])
def test_malformed_baselines_are_one_clear_error(tmp_path, content, error):
    repo = commit(tmp_path / "repo", {"draft.md": CLAIM, "baseline.json": content})
    run = healthlint(repo, "check", "--baseline", "baseline.json", "draft.md", home=tmp_path / "home")
    assert (run.returncode, lines(run), run.stdout) == (2, [f"healthlint: error: {error}"], b"")


def test_deeply_nested_config_is_one_clear_error(tmp_path):
    repo = commit(tmp_path / "repo", {"draft.md": CLAIM, ".healthlint.toml": "a = " + "[" * 100_000 + "]" * 100_000})
    run = healthlint(repo, "check", "draft.md", home=tmp_path / "home")
    assert (run.returncode, run.stdout) == (2, b"")
    assert lines(run) == [f"healthlint: error: {repo / '.healthlint.toml'}: invalid TOML: TOML inline arrays/tables "
                          "are nested more than the allowed 400 levels"]


def test_writing_a_baseline_into_a_missing_or_read_only_folder_is_one_clear_error(tmp_path):
    repo = commit(tmp_path / "repo", {"draft.md": CLAIM})
    missing = healthlint(repo, "check", "--write-baseline", "missing/baseline.json", "draft.md", home=tmp_path / "home")
    assert (missing.returncode, lines(missing)) == (
        2, ["healthlint: error: missing/baseline.json: cannot write the baseline: No such file or directory"])
    read_only = healthlint(repo, "check", "--write-baseline", "/proc/baseline.json", "draft.md", home=tmp_path / "home")
    assert read_only.returncode == 2 and len(lines(read_only)) == 1
    assert lines(read_only)[0].startswith("healthlint: error: /proc/baseline.json: cannot write the baseline: ")
