"""The project's own drafts: each promotional draft's findings exactly, and zero on careful texts.

Expected findings live in fixtures/expected/<draft>.json (rule, category, line, quoted span);
they were reviewed by hand when written. A change that adds or loses a finding fails here.
"""

import json

import pytest

from conftest import FIXTURES, Run, run_cli

DRAFTS = sorted((FIXTURES / "drafts").iterdir())
CAREFUL = sorted((FIXTURES / "careful").iterdir())


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict[str, Run]:
    """`healthlint check --isolated --format json` over all the drafts in one run, and over all the
    careful texts in another: a file's findings do not depend on the files checked with it
    (tests/test_properties.py), and each run loads and builds the rules (~0.4 s) once, not once
    a file. Run, like every test, from a folder of its own with user settings and cache of its own."""
    folder = tmp_path_factory.mktemp("fixtures")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        patch.setenv("XDG_CONFIG_HOME", str(folder / ".user-config"))
        patch.setenv("XDG_CACHE_HOME", str(folder / ".user-cache"))
        patch.delenv("HEALTHLINT_ALLOW_CONFIG_PLUGINS", raising=False)
        return {name: run_cli("check", "--isolated", "--format", "json", *map(str, paths))
                for name, paths in (("drafts", DRAFTS), ("careful", CAREFUL))}


def findings(run: Run, path):
    """The findings of `path` in `run`: rule, category, line and the quoted span."""
    assert run.stderr == "" and run.errors == []
    text = path.read_text(encoding="utf-8")
    return [{"rule": f["rule"], "category": f["category"], "line": f["line"],
             "quote": text[f["offset"]:f["end_offset"]]} for f in run.findings if f["path"] == str(path)]


def test_enough_fixtures():
    assert len(DRAFTS) + len(CAREFUL) >= 15
    assert len(CAREFUL) >= 5


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_promotional_draft_findings(path, checked):
    run = checked["drafts"]
    got = findings(run, path)
    expected = json.loads((FIXTURES / "expected" / f"{path.name}.json").read_text(encoding="utf-8"))
    assert got == expected
    assert got and run.exit_code == 1  # a draft checked alone exits 1: it has findings


@pytest.mark.parametrize("path", CAREFUL, ids=lambda p: p.name)
def test_careful_text_has_no_findings(path, checked):
    run = checked["careful"]
    assert findings(run, path) == []
    assert run.exit_code == 0  # no careful text has a finding or an error: each checked alone exits 0
    assert json.loads((FIXTURES / "expected" / f"{path.name}.json").read_text(encoding="utf-8")) == []


def test_every_category_is_exercised_by_the_drafts():
    categories = {item["category"] for path in DRAFTS
                  for item in json.loads((FIXTURES / "expected" / f"{path.name}.json").read_text(encoding="utf-8"))}
    assert {"cure-claim", "efficacy-overstatement", "safety-claim", "uncited-evidence", "anecdote-as-evidence",
            "unsourced-statistic", "hype", "invasiveness-mismatch", "regulatory-claim",
            "commercial-conflict"} <= categories
