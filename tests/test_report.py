"""The HTML report, rendered in a real headless Chromium: the chart, the tables and the category
filter hold the right numbers, read from the page itself; a screenshot is kept as an artefact."""

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import FIXTURES, run_cli
from healthlint.output.docs import rule_url

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium(*args, profile):
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


def test_report_is_self_contained_and_counts_match(tmp_path):
    output = tmp_path / "report.html"
    run = run_cli("report", "--isolated", "-o", str(output), str(FIXTURES / "drafts"))
    assert run.exit_code == 0
    page = output.read_text(encoding="utf-8")
    assert not re.search(r"""(src=|<link[^>]*href=)["']https?:""", page), "the report must not load anything from the network"
    assert ('<td><a class="rule-link" href="#rule-cure-claim/absolute-cure">cure-claim/absolute-cure</a></td>'
            in page)
    explanation = re.search(r'<section class="rule" id="rule-cure-claim/absolute-cure">(.*?)</section>', page, re.S).group(1)
    assert f'<a class="docs-link" href="{rule_url("cure-claim/absolute-cure")}">' in explanation
    assert "<strong>Why it matters.</strong>" in explanation and "Flagged:" in explanation
    findings = run_cli("check", "--isolated", "--no-cache", "--format", "json", str(FIXTURES / "drafts")).findings
    for category, count in Counter(f["category"] for f in findings).items():
        assert f'<tr data-category="{category}" data-count="{count}">' in page
        assert f'data-category="{category}" data-count="{count}"></rect>' in page


def test_each_finding_shows_its_whole_sentence_from_the_run(tmp_path):
    """The sentence comes with the finding (no second parse), markup and all, the span marked."""
    draft = tmp_path / "a.md"
    draft.write_text("# Title\n\nFirst. Our **new** therapy is a miracle cure for all.\n\nLast one.\n")
    output = tmp_path / "report.html"
    assert run_cli("report", "--isolated", "-o", str(output), str(draft)).exit_code == 0
    cells = re.findall(r'<td class="sentence">(.*?)</td>', output.read_text(encoding="utf-8"))
    assert "Our **new** therapy is a <mark>miracle</mark> cure for all." in cells
    assert not any("First." in cell or "Last one" in cell for cell in cells)


def test_run_details_and_the_baseline_comparison(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    (tmp_path / "a.md").write_text("A miracle cure.\n\nStudies show it works.\n")
    run_cli("check", "--isolated", "--write-baseline", "base.json", "a.md")
    (tmp_path / "a.md").write_text("A miracle cure.\n\nA breakthrough.\n")  # one claim gone, one new
    assert run_cli("report", "--isolated", "--baseline", "base.json", "-o", "r.html", "a.md").exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert re.search(r'<dd id="run-date">\d{4}-\d\d-\d\d \d\d:\d\d UTC</dd>', page)
    assert '<dd id="run-configuration">none</dd>' in page and '<dd id="run-baseline">base.json</dd>' in page
    statuses = re.findall(r'<tr class="finding" [^>]*data-rule="([^"]+)"[^>]*data-status="(\w+)"', page)
    assert statuses == [("hype/hype-phrase", "unchanged"), ("cure-claim/absolute-cure", "unchanged"),
                        ("hype/hype-phrase", "new")]
    assert re.search(r'<span id="new-count">1</span> new, <span id="unchanged-count">2</span> unchanged, '
                     r'<span id="fixed-count">1</span> fixed', page)
    assert "The baselined finding of uncited-evidence/studies-show" in page


def dom_of(page: Path, address: str, tmp_path: Path) -> str:
    """The page's DOM after its scripts ran, opened at `address` (a fragment such as #rule=...)."""
    return chromium("--dump-dom", f"{page.as_uri()}{address}", profile=tmp_path / "profile").stdout


def visible_rows(dom: str) -> list[dict[str, str]]:
    rows = []
    for attributes in re.findall(r'<tr class="finding" ([^>]*)>', dom):
        if 'hidden=""' not in attributes:
            rows.append(dict(re.findall(r'data-(\w+)="([^"]*)"', attributes)))
    return rows


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_report_in_a_real_browser(tmp_path):
    output = tmp_path / "report.html"
    run_cli("report", "--isolated", "-o", str(output), str(FIXTURES / "drafts"))
    findings = run_cli("check", "--isolated", "--no-cache", "--format", "json", str(FIXTURES / "drafts")).findings
    expected = Counter(f["category"] for f in findings)

    dom = dom_of(output, "#category=hype", tmp_path)
    bars = {m.group(1): int(m.group(2)) for m in re.finditer(r'<rect [^>]*data-category="([\w-]+)" data-count="(\d+)"', dom)}
    assert bars == dict(expected)
    table = {m.group(1): int(m.group(2)) for m in re.finditer(r'<tr data-category="([\w-]+)" data-count="(\d+)">', dom)}
    assert table == dict(expected)
    # The script ran in the browser: the filter from the address shows only the hype findings.
    assert re.search(r'<span id="visible-count">(\d+)</span>', dom).group(1) == str(expected["hype"])
    assert {row["category"] for row in visible_rows(dom)} == {"hype"} and len(visible_rows(dom)) == expected["hype"]
    assert re.search(r'<span id="total">(\d+)</span>', dom).group(1) == str(len(findings))

    # Filters combine (file and severity); an article with nothing to show is hidden.
    path = findings[0]["path"]
    wanted = [f for f in findings if f["path"] == path and f["severity"] == "error"]
    assert wanted
    dom = dom_of(output, f"#file={quote(path)}&severity=error", tmp_path)
    assert [(r["file"], r["severity"], r["rule"]) for r in visible_rows(dom)] == [
        (path, "error", f["rule"]) for f in sorted(wanted, key=lambda f: f["offset"])]
    articles = re.findall(r'<section class="article" id="article-\d+" data-file="([^"]*)"( hidden="")?>', dom)
    assert [name for name, hidden in articles if not hidden] == [path]

    # Every rule link lands on that rule's explanation on the page.
    targets = set(re.findall(r'<section class="rule" id="(rule-[^"]+)">', dom))
    links = set(re.findall(r'<a class="rule-link" href="#(rule-[^"]+)">', dom))
    assert links and links <= targets
    assert targets == {f"rule-{f['rule']}" for f in findings}

    artefacts = Path(os.environ.get("HEALTHLINT_TEST_ARTEFACTS", tmp_path))
    artefacts.mkdir(parents=True, exist_ok=True)
    screenshot = artefacts / "report.png"
    chromium(f"--screenshot={screenshot}", "--window-size=1200,1400", output.as_uri(), profile=tmp_path / "profile2")
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
