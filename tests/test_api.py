"""The public API: a Linter loaded once lints text and paths, prints nothing, pickles, and gives
the findings `healthlint check -j1` gives, serially, in a fork pool and in a spawn pool."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import healthlint
from conftest import DEMO, FIXTURES, ROOT
from healthlint.errors import ConfigError

DRAFT = "# Knee pain\n\nOur therapy is a miracle cure. Studies show it works.\n"

# A plugin that records the process that imported it: proves a worker loaded plugins itself.
RECORDER = '''
import os
from pathlib import Path
Path(os.environ["HEALTHLINT_TEST_PIDS"], str(os.getpid())).touch()
'''


def cli_json(*args: str, cwd: Path = ROOT) -> list[dict]:
    """`healthlint check --format json` as a user runs it: a real process."""
    done = subprocess.run([sys.executable, "-m", "healthlint", "check", "--format", "json", "--no-cache", *args],
                          capture_output=True, text=True, cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def as_json(result: healthlint.RunResult) -> list[dict]:
    return [f.as_json() for f in result.findings]


def test_the_package_root_exports_the_api():
    assert healthlint.Linter is healthlint.api.Linter
    assert {"Linter", "Finding", "RunError", "RunResult"} <= set(healthlint.__all__)


def test_lint_text_returns_findings_and_prints_nothing(capsys):
    linter = healthlint.Linter.load(isolated=True, plugins=[DEMO], select=["demo"])
    result = linter.lint_text(DRAFT, "draft.md")
    assert [(f.rule, DRAFT[f.offset:f.end_offset], f.line, f.column) for f in result.findings] == [
        ("demo/miracle", "miracle", 3, 18), ("demo/studies-show", "Studies show", 3, 32)]
    assert result.errors == [] and result.files == 1
    # The finding knows its sentence: the report and the baseline need no second parse.
    miracle = result.findings[0]
    assert DRAFT[miracle.sentence_start:miracle.sentence_end] == "Our therapy is a miracle cure."
    assert capsys.readouterr() == ("", "")


def test_lint_paths_reports_bad_paths_as_errors_not_exceptions(tmp_path, capsys):
    linter = healthlint.Linter.load(isolated=True, plugins=[DEMO], select=["demo"])
    (tmp_path / "a.md").write_text(DRAFT)
    (tmp_path / "bad.md").write_bytes(b"caf\xe9 miracle\n")
    result = linter.lint_paths([str(tmp_path / "a.md"), str(tmp_path / "bad.md"), str(tmp_path / "nope.md")])
    assert [f.rule for f in result.findings] == ["demo/miracle", "demo/studies-show"]
    assert [e.message for e in result.errors] == [  # paths that are not there first, then files that fail
        f"{tmp_path / 'nope.md'}: no such file or directory",
        f"{tmp_path / 'bad.md'}:1: not valid UTF-8 (byte 0xe9 at line 1, byte 4 of the line); save the file as UTF-8"]
    assert capsys.readouterr() == ("", "")


def test_a_bad_configuration_raises_a_person_facing_error(tmp_path):
    (tmp_path / ".healthlint.toml").write_text('select = ["no-such-rule"]\n')
    with pytest.raises(ConfigError, match="'select' names 'no-such-rule', which is no rule id, pack or category"):
        healthlint.Linter.load(root=tmp_path)


def test_settings_apply_to_text_as_they_do_to_files(tmp_path):
    """lint_text honours the configuration: per-file overrides, exclusion, unused suppressions."""
    (tmp_path / ".healthlint.toml").write_text(
        'select = ["demo"]\nreport-unused-suppressions = true\nexclude = ["vendor"]\n'
        f'plugins = [{json.dumps(DEMO)}]\n'
        '[[overrides]]\npaths = ["notes/*.md"]\nseverity = { "demo/miracle" = "error" }\n')
    linter = healthlint.Linter.load(root=tmp_path, allow_config_plugins=True)
    text = "<!-- healthlint-disable-next-line demo/studies-show -->\nA miracle.\n"
    plain = linter.lint_text(text, str(tmp_path / "a.md"))
    assert [(f.rule, f.severity) for f in plain.findings] == [
        ("healthlint/unused-suppression", "warning"), ("demo/miracle", "warning")]
    assert [f.severity for f in linter.lint_text(text, str(tmp_path / "notes" / "b.md")).findings] == [
        "warning", "error"]
    assert linter.lint_text(text, str(tmp_path / "vendor" / "c.md")).findings == []
    assert not linter.lints(str(tmp_path / "vendor" / "c.md")) and not linter.lints(str(tmp_path / "a.rst"))


def test_linter_and_results_pickle():
    linter = healthlint.Linter.load(isolated=True, plugins=[DEMO], select=["demo"])
    result = linter.lint_text(DRAFT, "draft.md")
    assert pickle.loads(pickle.dumps(result)) == result
    again = pickle.loads(pickle.dumps(linter))
    assert again.lint_text(DRAFT, "draft.md") == result
    assert again.rules == linter.rules and "demo/no-harms" in again.rules  # every loaded rule, selected or not


def _lint_in_child(linter: healthlint.Linter, text: str) -> tuple[int, healthlint.RunResult]:
    return os.getpid(), linter.lint_text(text, "draft.md")


def test_a_linter_goes_to_a_spawned_worker_and_reloads_its_plugins_by_name(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHLINT_TEST_PIDS", str(tmp_path))
    recorder = tmp_path / "recorder.py"
    recorder.write_text(RECORDER)
    linter = healthlint.Linter.load(isolated=True, plugins=[DEMO, str(recorder)], select=["demo"])
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        pid, result = pool.submit(_lint_in_child, linter, DRAFT).result()
    assert pid != os.getpid()
    assert result == linter.lint_text(DRAFT, "draft.md")
    assert {int(p.name) for p in tmp_path.iterdir() if p.name.isdigit()} == {os.getpid(), pid}


@pytest.fixture(scope="module")
def fixtures_at_one_job() -> list[dict]:
    """`healthlint check --isolated -j1 fixtures` from the repository root, run once for the tests it is compared with."""
    return cli_json("--isolated", "-j", "1", "fixtures")


@pytest.mark.slow
def test_fixtures_through_fork_and_spawn_pools_match_the_cli_at_one_job(tmp_path, monkeypatch, fixtures_at_one_job):
    """22 fixture documents, 2 workers: each pool's findings equal `healthlint check -j1`'s, in order,
    and the spawn pool's workers really ran (each loaded the plugins itself)."""
    expected = fixtures_at_one_job
    assert len(expected) > 50
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("HEALTHLINT_TEST_PIDS", str(tmp_path))
    recorder = tmp_path / "recorder.py"
    recorder.write_text(RECORDER)
    linter = healthlint.Linter.load(isolated=True, plugins=[str(recorder)])
    for method in ("fork", "spawn"):
        result = linter.lint_paths(["fixtures"], jobs=2, start_method=method)
        assert (method, as_json(result)) == (method, expected)
        assert result.files == len([p for p in FIXTURES.rglob("*") if p.suffix in (".md", ".txt")])
    workers = {int(p.name) for p in tmp_path.iterdir() if p.name.isdigit()} - {os.getpid()}
    assert len(workers) == 2  # the spawned ones (forked workers inherit the loaded plugins)


@pytest.mark.slow
def test_cli_jobs_match_one_job_on_the_fixtures(fixtures_at_one_job):
    assert cli_json("--isolated", "-j", "2", "fixtures") == fixtures_at_one_job


@pytest.mark.slow
def test_without_fork_jobs_spawn_workers_instead_of_running_serially(tmp_path, monkeypatch):
    """Where there is no fork (Windows), -j still uses processes: spawned ones."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("HEALTHLINT_TEST_PIDS", str(tmp_path))
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    recorder = tmp_path / "recorder.py"
    recorder.write_text(RECORDER)
    linter = healthlint.Linter.load(isolated=True, plugins=[str(recorder)])
    serial = linter.lint_paths(["fixtures"], jobs=1)
    assert {int(p.name) for p in tmp_path.iterdir() if p.name.isdigit()} == {os.getpid()}
    assert linter.lint_paths(["fixtures"], jobs=2) == serial
    assert len({int(p.name) for p in tmp_path.iterdir() if p.name.isdigit()} - {os.getpid()}) == 2
