"""Baselines: a recorded finding survives unrelated edits and moved lines; a changed claim is new;
a finding that is gone is reported as stale."""

import json

from conftest import run_cli

DRAFT = "# Title\n\nA miracle cure. Studies show it helps.\n\nNothing else.\n"


def check(*args):
    return run_cli("check", "--isolated", "--no-cache", "--format", "json", *args)


def test_baseline_survives_edits_and_reports_new_and_stale(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(DRAFT)
    base = tmp_path / "baseline.json"
    written = check("--write-baseline", str(base), str(doc))
    assert written.exit_code == 0
    assert written.stderr.startswith("healthlint: wrote ")
    entries = json.loads(base.read_text())["entries"]
    assert {e["path"] for e in entries} == {"a.md"}
    assert check("--baseline", str(base), str(doc)).findings == []

    # Lines added above, the paragraph re-wrapped, another paragraph edited: nothing new.
    doc.write_text("# Title\n\nAn added paragraph.\n\nA miracle\ncure. Studies show it helps.\n\nNothing more.\n")
    moved = check("--baseline", str(base), str(doc))
    assert (moved.exit_code, moved.findings) == (0, [])

    # The claim changes: its finding is new, and the old entry is stale.
    doc.write_text("# Title\n\nA miracle cure. Studies show it heals.\n")
    changed = check("--baseline", str(base), "--report-stale", str(doc))
    text = doc.read_text()
    assert [(f["rule"], text[f["offset"]:f["end_offset"]]) for f in changed.findings
            if f["rule"] != "healthlint/stale-baseline"] == [("uncited-evidence/studies-show", "Studies show")]
    stale = [f for f in changed.findings if f["rule"] == "healthlint/stale-baseline"]
    assert [(f["path"], f["line"], f["category"]) for f in stale] == [(str(doc), 1, "baseline")]
    assert stale[0]["message"].startswith("The baselined finding of uncited-evidence/studies-show (1x) is gone")
    assert changed.exit_code == 1


def test_stale_entries_only_for_files_checked(tmp_path):
    (tmp_path / "a.md").write_text(DRAFT)
    (tmp_path / "b.md").write_text(DRAFT)
    base = tmp_path / "baseline.json"
    check("--write-baseline", str(base), str(tmp_path))
    only_a = check("--baseline", str(base), "--report-stale", str(tmp_path / "a.md"))
    assert only_a.findings == []


def test_missing_or_bad_baseline_is_a_clear_error(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(DRAFT)
    missing = check("--baseline", str(tmp_path / "nope.json"), str(doc))
    assert missing.exit_code == 2
    assert "nope.json: baseline file not found (create it with --write-baseline)" in missing.stderr
    (tmp_path / "bad.json").write_text("[1, 2]")
    bad = check("--baseline", str(tmp_path / "bad.json"), str(doc))
    assert bad.exit_code == 2 and "bad.json: not a healthlint baseline" in bad.stderr


def test_baseline_after_a_cached_plain_run_still_has_fingerprints(tmp_path):
    """Plain runs skip fingerprints; their cache entries must not be reused by baseline runs."""
    doc = tmp_path / "a.md"
    doc.write_text(DRAFT)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    plain = run_cli("check", "--isolated", "--format", "json", *cache, str(doc))
    assert plain.exit_code == 1 and len(plain.findings) == 3
    base = tmp_path / "baseline.json"
    assert run_cli("check", "--isolated", *cache, "--write-baseline", str(base), str(doc)).exit_code == 0
    entries = json.loads(base.read_text())["entries"]
    assert len(entries) == 3 and all(len(e["fingerprint"]) == 20 for e in entries)
    again = run_cli("check", "--isolated", "--format", "json", *cache, "--baseline", str(base), str(doc))
    assert (again.exit_code, again.findings) == (0, [])


def test_a_baseline_written_before_a_rule_was_renamed_still_knows_its_findings(tmp_path):
    """efficacy-overstatement/against-conventional-care was discourages-care/against-conventional-care
    (RuleInfo.formerly): an entry under the old id, fingerprinted as the old id, still matches; an
    entry under the old id for another claim does not."""
    from healthlint.running.runner import fingerprint

    sentence = "Many patients have been able to stop their medications completely."
    doc = tmp_path / "a.md"
    doc.write_text(f"Welcome to our clinic. Book today.\n\n{sentence}\n")
    rule, old = "efficacy-overstatement/against-conventional-care", "discourages-care/against-conventional-care"
    found = [f for f in check(str(doc)).findings if f["rule"] == rule]
    assert len(found) == 1
    flagged = doc.read_text()[found[0]["offset"]:found[0]["end_offset"]]
    base = tmp_path / "baseline.json"

    def baseline_of(claim: str) -> None:
        entry = {"path": "a.md", "rule": old, "fingerprint": fingerprint(old, flagged, claim), "count": 1}
        base.write_text(json.dumps({"healthlint-baseline": 1, "entries": [entry]}))

    baseline_of(sentence)
    assert [f["rule"] for f in check("--baseline", str(base), str(doc)).findings if f["rule"] == rule] == []
    baseline_of("Another claim altogether.")
    assert [f["rule"] for f in check("--baseline", str(base), str(doc)).findings if f["rule"] == rule] == [rule]
