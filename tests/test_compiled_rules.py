"""Built rules kept between runs (issue 18, start-up of a one-file check): after an edit, a
pre-commit run lints the changed file with the rules and automaton an earlier run built, without
calling any plugin's hook; a `--no-cache` run, which keeps no findings, does the same with the
rules; a changed plugin builds again; the kept file lives among the user's own files, never a
repository's, and one that someone else could have written is never loaded. Real processes,
files edited between runs."""

from __future__ import annotations

import json
import os
import pickle
import stat
from pathlib import Path

import pytest

from hostile import commit, healthlint

pytestmark = pytest.mark.slow

PACK = '''from pathlib import Path

from healthlint import hookimpl
from healthlint.rules.phrase import load_phrase_rules

HERE = Path(__file__).parent


@hookimpl
def healthlint_rules():
    with open(HERE.parent.parent / "calls.txt", "a") as calls:  # shows whether this run built its rules
        calls.write("built\\n")
    return load_phrase_rules(HERE / "rules.toml", "third")
'''
RULES = """[[rule]]
name = "brand-cure"
category = "cure-claim"
severity = "error"
message = "A brand promises a cure."
patterns = ['\\bZapito cures\\b']
"""


class Planted:
    """Unpickling this writes a file: the proof that a planted pickle ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.marker, "ran"))


@pytest.fixture(params=[(), ("--no-cache",)], ids=["findings-cache", "no-cache"])
def edits(tmp_path, request):
    site = tmp_path / "site"
    (site / "thirdpack").mkdir(parents=True)
    (site / "thirdpack" / "__init__.py").write_text(PACK)
    (site / "thirdpack" / "rules.toml").write_text(RULES)
    (site / "thirdpack-1.0.dist-info").mkdir()
    (site / "thirdpack-1.0.dist-info" / "entry_points.txt").write_text("[healthlint]\nthird = thirdpack\n")
    repo = commit(tmp_path / "repo", {"draft.md": "# Drops\n\nZapito cures colds.\n"})
    count = iter(range(1000))

    def run() -> list[tuple[str, int]]:
        """Edit the draft (a new line each time, as a writer does), then check it."""
        with open(repo / "draft.md", "a") as draft:
            draft.write(f"\nEdit {next(count)}: Zapito cures colds.\n")
        done = healthlint(repo, "check", *request.param, "--format", "json", "--select", "third", "draft.md",
                          home=tmp_path / "home", PYTHONPATH=str(site))
        assert done.returncode == 1 and done.stderr == b"", done.stderr
        return [(f["rule"], f["line"]) for f in json.loads(done.stdout)]

    def built() -> int:
        calls = tmp_path / "calls.txt"  # outside the pack: its files are part of the settings fingerprint
        return len(calls.read_text().splitlines()) if calls.exists() else 0

    return site, repo, tmp_path / "home" / "cache" / "healthlint" / "compiled", run, built


def findings(count: int) -> list[tuple[str, int]]:
    """The draft's findings after `count` edits: one on its line 3 and one per edit."""
    return [("cure-claim/brand-cure", line) for line in range(3, 4 + 2 * count, 2)]


def test_a_changed_file_is_linted_with_the_rules_an_earlier_run_built(edits):
    site, repo, kept, run, built = edits
    assert run() == findings(1) and built() == 1  # the first run of these settings leaves a mark ...
    assert run() == findings(2) and built() == 2  # ... the second keeps what it built ...
    assert run() == findings(3) and built() == 2  # ... and the next lints the changed file with no hook call
    assert run() == findings(4) and built() == 2
    [file] = kept.glob("*.pickle")
    assert stat.S_IMODE(file.stat().st_mode) == 0o600 and stat.S_IMODE(kept.stat().st_mode) == 0o700
    assert not list(repo.rglob("*.pickle"))  # never in the repository's cache folder

    rules = site / "thirdpack" / "rules.toml"
    rules.write_text(rules.read_text().replace("Zapito cures", "Zapito"))  # the pack changed: build again
    assert run() == findings(5) and built() == 3
    assert run() == findings(6) and built() == 4
    assert run() == findings(7) and built() == 4
    assert len(list(kept.glob("*.pickle"))) == 2


def test_a_kept_file_others_could_have_written_is_never_loaded(edits, tmp_path):
    _, _, kept, run, built = edits
    run(), run()
    marker = tmp_path / "planted-ran"
    for runs, mode in enumerate((0o666, 0o620), start=3):  # writable by anyone, then by the group
        [file] = kept.glob("*.pickle")
        file.write_bytes(pickle.dumps(Planted(marker)))
        os.chmod(file, mode)
        assert run() == findings(runs)
        assert not marker.exists()
        assert built() == runs  # built from the plugins instead


def test_a_damaged_kept_file_builds_the_rules_again(edits):
    _, _, kept, run, built = edits
    run(), run()
    [file] = kept.glob("*.pickle")
    file.write_bytes(file.read_bytes()[:1000])  # a write cut short, a disk gone full
    assert run() == findings(3) and built() == 3
    assert run() == findings(4) and built() == 3  # and kept a whole one again


def test_a_no_cache_run_keeps_rules_but_no_findings(tmp_path):
    repo = commit(tmp_path / "repo", {"draft.md": "A miracle cure.\n"})
    for _ in range(2):
        done = healthlint(repo, "check", "--no-cache", "draft.md", home=tmp_path / "home")
        assert done.returncode == 1
    assert len(list((tmp_path / "home" / "cache" / "healthlint" / "compiled").glob("*.pickle"))) == 1
    assert not list(repo.rglob("*.pickle")) and not (repo / ".healthlint_cache").exists()


def test_without_a_home_folder_no_file_is_kept_or_read_in_the_current_folder(tmp_path, monkeypatch):
    """With no home folder to be found, the user's cache folder would be a relative path: the
    current folder's, a repository's. A file planted where it would point is not read, and
    nothing is kept there."""
    from healthlint.running import compiled, owned

    monkeypatch.chdir(tmp_path)
    relative = Path("~/.cache/healthlint")
    monkeypatch.setattr(owned, "user_cache_dir", lambda: tmp_path / relative)
    planted = compiled._path("settings")
    assert planted is not None
    planted.parent.mkdir(mode=0o700, parents=True)
    planted.write_bytes(pickle.dumps(compiled.Compiled("settings", [], {}, {})))
    os.chmod(planted, 0o600)
    assert compiled.load("settings") is not None  # a valid file, owned by the user ...
    monkeypatch.setattr(owned, "user_cache_dir", lambda: relative)
    assert compiled._path("settings") is None
    assert compiled.load("settings") is None  # ... is not read from a relative folder
    planted.unlink()
    for _ in range(2):  # the first save leaves a mark, the second would write the file
        compiled.save("settings", compiled.Compiled("settings", [], {}, {}))
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_a_changed_healthlint_file_changes_the_fingerprint(monkeypatch):
    """Two installs of one version from different commits (a pre-commit hook moved to a new rev)
    share the user's cache folder: their findings and built rules must not be mixed, or a rule
    pickled by the older code meets the newer code's methods."""
    from healthlint.running import cache

    stamp = cache.core_stamp()
    assert "/claims/rule.py:" in stamp and "/running/cache.py:" in stamp
    before = cache.sources_fingerprint([])
    monkeypatch.setattr(cache, "core_stamp", lambda: stamp.replace("/claims/rule.py:", "/claims/rule.py:1"))
    assert cache.sources_fingerprint([]) != before


def test_a_packs_data_file_of_any_kind_changes_the_fingerprint(tmp_path):
    """A pack's model weights (claim_model.json) are data its rules are built from, as its word
    lists are: retrained, the kept rules and cached findings of the older weights must not be used.
    Bytecode is not what the rules are built from."""
    from healthlint.running import cache

    pack = tmp_path / "pack"
    (pack / "__pycache__").mkdir(parents=True)
    (pack / "__init__.py").write_text("")
    (pack / "model.json").write_text('{"threshold": 1.5}')
    files = lambda: sorted(p for p in pack.rglob("*"))  # noqa: E731 - as engine._loaded_sources lists them
    before = cache.sources_fingerprint([("pack", files())])
    (pack / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert cache.sources_fingerprint([("pack", files())]) == before
    (pack / "model.json").write_text('{"threshold": 2.5}')
    assert cache.sources_fingerprint([("pack", files())]) != before


def test_pack_files_are_hashed_once_until_they_change(tmp_path, monkeypatch):
    """The hash of a pack's files is remembered by their stat (path, size, inode, times), so a
    one-file check does not read a pack's megabyte of data on every run; a file rewritten to the
    same size with its mtime put back still changes the fingerprint (its ctime moved), and a file
    changed within RACY of being hashed is not remembered at all."""
    from healthlint.running import cache

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "model.json").write_text('{"threshold": 1.5}')
    files = [("pack", [pack / "model.json"])]
    racy = cache.sources_fingerprint(files)
    assert not (tmp_path / ".user-cache" / "healthlint" / cache.SOURCES_MEMO).exists()  # just written: racy
    monkeypatch.setattr(cache, "RACY", -10**12)  # every file settled
    before = cache.sources_fingerprint(files)
    assert before == racy
    memo = tmp_path / ".user-cache" / "healthlint" / cache.SOURCES_MEMO
    assert stat.S_IMODE(memo.stat().st_mode) == 0o600 and len(json.loads(memo.read_text())) == 1
    reads = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or original(self))
    assert cache.sources_fingerprint(files) == before and reads == []  # from the memo
    times = (pack / "model.json").stat()
    (pack / "model.json").write_text('{"threshold": 2.5}')
    os.utime(pack / "model.json", ns=(times.st_atime_ns, times.st_mtime_ns))
    assert cache.sources_fingerprint(files) != before and reads == [pack / "model.json"]
    memo.chmod(0o666)  # another user could have written it: not read
    assert cache.sources_fingerprint(files) != before and len(reads) == 2


def test_another_regex_module_version_gets_another_file(monkeypatch):
    """The kept file holds the regex module's compiled code: an upgraded regex module, which the
    settings fingerprint does not see, must not load code compiled by the older one."""
    import regex

    from healthlint.running import compiled

    before = compiled._path("same settings")
    assert compiled._path("same settings") == before
    monkeypatch.setattr(regex, "__version__", regex.__version__ + ".1")
    assert compiled._path("same settings") != before


def test_a_kept_runner_finds_what_it_found_before_it_was_pickled():
    """A runner kept between runs, unpickled, has the same word-by-word steps through the condition
    vocabulary (made as documents first hold a term's first word) and finds the same, terms of
    several words of that vocabulary included."""
    from healthlint.running.config import Config
    from healthlint.running.engine import Session
    from healthlint.text.document import from_text

    session = Session.start(Config())
    text = ("Our drops cure juvenile rheumatoid arthritis and chronic obstructive pulmonary disease. "
            "A miracle cure for type 2 diabetes, heart disease and high blood pressure!\n")
    runner = session.linter_for("draft.md")
    before = runner.lint(from_text(text, "draft.md")).findings
    assert before and any(key.startswith("chronic obstructive") for key in runner._steps)
    kept = pickle.loads(pickle.dumps(runner))
    assert kept._steps == runner._steps
    assert kept.lint(from_text(text, "draft.md")).findings == before


COUNTING = ("import sys, regex._main as engine\ncompiles = []\nreal = engine._compile\n"
            "engine._compile = lambda *args: compiles.append(args[0]) or real(*args)\n"
            "from healthlint.cli import main\ntry:\n    main()\nexcept SystemExit as end:\n    code = end.code\n"
            "print(len(compiles), file=sys.stderr)\nsys.exit(code)\n")


def test_a_changed_file_is_linted_without_compiling_a_pattern(tmp_path):
    """The kept file holds the compiled code of the packs' patterns and of healthlint's own
    module-level ones: the regex module's compiler (pure Python, the slowest part of a one-file
    run's linting) never runs, and the findings are a fresh run's."""
    import subprocess
    import sys

    from hostile import user_env

    repo = commit(tmp_path / "repo", {"draft.md": "# Drops\n\nA miracle cure for juvenile rheumatoid arthritis.\n"})
    home = tmp_path / "home"
    for edit in range(3):  # the first run leaves a mark, the second keeps what it built
        with open(repo / "draft.md", "a") as draft:
            draft.write(f"\nEdit {edit}: our clinically proven drops reverse heart disease, doctors hate it!\n")
        if edit < 2:
            healthlint(repo, "check", "--format", "json", "draft.md", home=home)
    args = ["check", "--format", "json", "draft.md"]
    kept = subprocess.run([sys.executable, "-P", "-c", COUNTING, *args], cwd=repo, capture_output=True,
                          env=user_env(home))
    fresh = healthlint(repo, *args, "--no-cache", home=tmp_path / "fresh-home")  # no kept rules there
    assert kept.stderr.splitlines()[-1] == b"0"
    assert (kept.returncode, kept.stdout) == (fresh.returncode, fresh.stdout) == (1, fresh.stdout)
    assert len(json.loads(kept.stdout)) >= 4
