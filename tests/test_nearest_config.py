"""Each file is linted with its nearest configuration (as ruff and markdownlint-cli2 do), so a
monorepo's sites, and pre-commit run from the root, get each folder's own settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli

CLAIM = "A miracle cure.\n"  # hype/hype-phrase (warning) and cure-claim/absolute-cure (error)


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    (tmp_path / ".healthlint.toml").write_text('ignore = ["hype"]\n')
    site = tmp_path / "site-a"
    (site / "docs").mkdir(parents=True)
    (site / "drafts").mkdir()
    (site / ".healthlint.toml").write_text('select = ["hype"]\nexclude = ["drafts/"]\nfail-on = "error"\n')
    for path in (tmp_path / "y.md", site / "docs" / "x.md", site / "drafts" / "z.md"):
        path.write_text(CLAIM)
    return tmp_path


def found(run) -> list[tuple[str, str]]:
    return sorted((Path(f["path"]).as_posix().removeprefix("./"), f["rule"]) for f in run.findings)


def test_each_file_gets_its_nearest_configuration(monorepo):
    walked = run_cli("check", "--no-cache", "--format", "json", ".")
    assert found(walked) == [("site-a/docs/x.md", "hype/hype-phrase"), ("y.md", "cure-claim/absolute-cure")]
    named = run_cli("check", "--no-cache", "--format", "json", "site-a/docs/x.md", "y.md")  # as pre-commit runs it
    assert found(named) == found(walked)


def test_fail_on_and_settings_are_the_files_own(monorepo):
    only_site = run_cli("check", "--no-cache", "site-a/docs/x.md")
    assert only_site.exit_code == 0  # a warning, and site-a fails on errors only
    assert run_cli("check", "--no-cache", "y.md").exit_code == 1
    settings = json.loads(run_cli("check", "--show-settings", "site-a/docs/x.md").stdout)
    assert (settings["config-file"], settings["select"]) == (str(monorepo / "site-a" / ".healthlint.toml"), ["hype"])


def test_an_explicit_config_or_isolated_governs_every_file(monorepo):
    given = run_cli("check", "--no-cache", "--format", "json", "--config", ".healthlint.toml", ".")
    assert found(given) == [("site-a/docs/x.md", "cure-claim/absolute-cure"),
                            ("site-a/drafts/z.md", "cure-claim/absolute-cure"), ("y.md", "cure-claim/absolute-cure")]
    isolated = run_cli("check", "--no-cache", "--format", "json", "--isolated", "site-a/docs/x.md")
    assert found(isolated) == [("site-a/docs/x.md", "cure-claim/absolute-cure"),
                               ("site-a/docs/x.md", "hype/hype-phrase")]
