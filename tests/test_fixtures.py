"""The project's own drafts: each promotional draft's findings exactly, and zero on careful texts.

Expected findings live in fixtures/expected/<draft>.json (rule, category, line, quoted span);
they were reviewed by hand when written. A change that adds or loses a finding fails here.
"""

import json

import pytest

from conftest import FIXTURES, run_cli

DRAFTS = sorted((FIXTURES / "drafts").iterdir())
CAREFUL = sorted((FIXTURES / "careful").iterdir())


def findings(path):
    run = run_cli("check", "--isolated", "--format", "json", str(path))
    assert run.stderr == ""
    text = path.read_text(encoding="utf-8")
    return run, [{"rule": f["rule"], "category": f["category"], "line": f["line"],
                  "quote": text[f["offset"]:f["end_offset"]]} for f in run.findings]


def test_enough_fixtures():
    assert len(DRAFTS) + len(CAREFUL) >= 15
    assert len(CAREFUL) >= 5


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_promotional_draft_findings(path):
    run, got = findings(path)
    expected = json.loads((FIXTURES / "expected" / f"{path.name}.json").read_text(encoding="utf-8"))
    assert got == expected
    assert run.exit_code == 1


@pytest.mark.parametrize("path", CAREFUL, ids=lambda p: p.name)
def test_careful_text_has_no_findings(path):
    run, got = findings(path)
    assert got == []
    assert run.exit_code == 0
    assert json.loads((FIXTURES / "expected" / f"{path.name}.json").read_text(encoding="utf-8")) == []


def test_every_category_is_exercised_by_the_drafts():
    categories = {item["category"] for path in DRAFTS
                  for item in json.loads((FIXTURES / "expected" / f"{path.name}.json").read_text(encoding="utf-8"))}
    assert {"cure-claim", "efficacy-overstatement", "safety-claim", "uncited-evidence", "anecdote-as-evidence",
            "unsourced-statistic", "hype", "invasiveness-mismatch", "regulatory-claim",
            "commercial-conflict", "discourages-care"} <= categories
