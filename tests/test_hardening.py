"""Bad input, hostile rules and faulty plugins never break a run, and reading never writes."""

import hashlib
import os

import pytest

from conftest import DEMO, DEMO_ARGS, ROOT, demo_check, run_cli
from healthlint import atomic
from healthlint.running import cache as cache_module
from healthlint.text import document as document_module

PLUGINS = ROOT / "tests" / "plugins"


def test_symlink_loop_under_a_directory_is_not_followed(tmp_path):
    (tmp_path / "a.md").write_text("A miracle.\n")
    os.symlink(tmp_path, tmp_path / "loop")
    run = demo_check(str(tmp_path))
    assert [os.path.basename(f["path"]) for f in run.findings] == ["a.md"]
    assert run.exit_code == 1


def test_file_that_vanishes_between_discovery_and_reading(tmp_path, monkeypatch):
    kept = tmp_path / "kept.md"
    gone = tmp_path / "gone.md"
    kept.write_text("A miracle.\n")
    gone.write_text("A miracle.\n")
    real = document_module.read_bytes

    def vanish(path, *limit):
        if path.endswith("gone.md"):
            gone.unlink(missing_ok=True)
        return real(path, *limit)

    monkeypatch.setattr(document_module, "read_bytes", vanish)
    run = demo_check(str(tmp_path))
    assert run.exit_code == 2
    assert run.stderr == f"healthlint: error: {gone}: no such file or directory\n"
    assert [f["path"] for f in run.findings] == [str(kept)]


def test_unreadable_file_is_named(tmp_path, monkeypatch):
    locked = tmp_path / "locked.md"
    locked.write_text("A miracle.\n")
    real = document_module.os.open

    def deny(path, *args, **kwargs):  # a test run as root reads every file: deny it here
        if str(path).endswith("locked.md"):
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(document_module.os, "open", deny)
    run = demo_check(str(locked))
    assert (run.exit_code, run.stderr) == (2, f"healthlint: error: {locked}: permission denied\n")


def test_empty_file_and_nul_characters(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    nul = tmp_path / "nul.md"
    nul.write_bytes(b"Text with a \x00 NUL. A miracle.\n")
    run = demo_check(str(empty), str(nul))
    assert run.exit_code == 1 and run.stderr == ""
    assert [(f["path"], f["column"]) for f in run.findings] == [(str(nul), 22)]


def test_one_megabyte_line_is_linted_with_exact_columns(tmp_path):
    line = ("word " * 200_000) + "a miracle here"
    path = tmp_path / "long.md"
    path.write_text(line + "\n")
    run = demo_check(str(path))
    assert [(f["line"], f["column"]) for f in run.findings] == [(1, 1_000_003)]
    text = run_cli("check", *DEMO_ARGS, str(path)).stdout
    assert max(len(line) for line in text.splitlines()) < 200  # the excerpt is a window, not the line


def test_catastrophic_user_pattern_times_out_and_the_run_goes_on(tmp_path, monkeypatch):
    # A config pattern may search one sentence for MATCH_TIMEOUT (5 s) of wall clock; waiting out
    # 1 s shows the same: (a|a)+$ on 40 a's needs ~2**40 steps, so it times out either way.
    monkeypatch.setattr("healthlint.rules.phrase.MATCH_TIMEOUT", 1.0)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".healthlint.toml").write_text(
        f'plugins = [{DEMO!r}]\nselect = ["demo/miracle", "local"]\nrule-time-limit = 600\n'  # the pattern's own limit
        '[[rules]]\nname = "slow"\ncategory = "hype"\nmessage = "m"\npatterns = ["(a|a)+$"]\nkeywords = ["aaa"]\n')
    (tmp_path / "a.md").write_text("a" * 40 + "!\n")
    (tmp_path / "b.md").write_text("A miracle.\n")
    run = run_cli("check", "--format", "json", "--no-cache", "--allow-config-plugins", "a.md", "b.md")
    assert run.exit_code == 2
    assert run.stderr == ("healthlint: error: a.md: rule local/slow timed out (a pattern took too long; "
                          "simplify it); the rule was skipped for this file\n")
    assert [f["path"] for f in run.findings] == ["b.md"]


def test_raising_hooks_and_reporters_are_named_without_traceback(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("A miracle.\n")
    plugin = str(PLUGINS / "raising_hooks.py")
    run = demo_check("--plugin", plugin, str(path))
    assert run.exit_code == 2
    assert (f"healthlint: error: plugin '{plugin}': hook healthlint_rules raised RuntimeError: rules hook exploded"
            in run.stderr)
    assert [f["rule"] for f in run.findings] == ["demo/miracle"]
    broken = run_cli("check", *DEMO_ARGS, "--plugin", plugin, "--format", "broken", str(path))
    assert broken.exit_code == 2
    assert broken.stderr == ("healthlint: error: output format 'broken' failed: ValueError: cannot render "
                             "(run with --debug for the traceback)\n")


def test_reading_never_writes(tmp_path):
    """The linted folder is as it was: no file changed, none added (the user's cache folder, which
    the tests keep in tmp_path too, may gain the built rules)."""
    for name in ("a.md", "b.txt", "c.md"):
        (tmp_path / name).write_bytes(b"A miracle.\r\nStudies show it.\r\n")

    def state() -> dict[str, tuple[str, int]]:
        return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
                for p in tmp_path.iterdir() if p.name not in (".user-cache", ".user-config")}
    before = state()
    run_cli("check", "--isolated", "--no-cache", str(tmp_path))
    assert state() == before


def test_interrupted_cache_write_keeps_the_old_entry_and_leaves_no_temporary(tmp_path, monkeypatch):
    store = cache_module.Cache(tmp_path / "cache", "fingerprint")
    key = store.key("a.md", b"text")
    store.put(key, [], [])
    entry = next((tmp_path / "cache").rglob("*.json"))
    original = entry.read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)  # os.replace, which the cache renames with
    with pytest.raises(KeyboardInterrupt):
        store.put(key, [], [cache_module.RunError("changed", "a.md")])
    assert entry.read_bytes() == original
    assert not list((tmp_path / "cache").rglob("*.tmp"))
    assert original == b"[]\n"  # no errors, no findings


def test_unreadable_directory_is_named_and_the_rest_is_linted(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("A miracle.\n")
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):
        if onerror is not None:  # the file walk's; the settings fingerprint walks healthlint's own files without one
            onerror(PermissionError(13, "Permission denied", str(tmp_path / "private")))
        yield from real_walk(top, onerror=onerror, **kwargs)

    monkeypatch.setattr("healthlint.running.files.os.walk", walk)
    run = demo_check(str(tmp_path))
    assert run.exit_code == 2
    assert run.stderr == f"healthlint: error: {tmp_path / 'private'}: cannot be read: Permission denied\n"
    assert [os.path.basename(f["path"]) for f in run.findings] == ["a.md"]
