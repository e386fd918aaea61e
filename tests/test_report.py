"""The HTML report, rendered in a real headless Chromium: the chart, the tables and the category
filter hold the right numbers, read from the page itself; a screenshot is kept as an artefact."""

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli

from healthlint.docs import rule_url

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
    assert f'<td><a href="{rule_url("cure-claim/absolute-cure")}">cure-claim/absolute-cure</a></td>' in page
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
    cells = re.findall(r'<td class="sentence">(.*?)<br>', output.read_text(encoding="utf-8"))
    assert "Our **new** therapy is a <mark>miracle</mark> cure for all." in cells
    assert not any("First." in cell or "Last one" in cell for cell in cells)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_report_in_a_real_browser(tmp_path):
    output = tmp_path / "report.html"
    run_cli("report", "--isolated", "-o", str(output), str(FIXTURES / "drafts"))
    findings = run_cli("check", "--isolated", "--no-cache", "--format", "json", str(FIXTURES / "drafts")).findings
    expected = Counter(f["category"] for f in findings)

    dom = chromium("--dump-dom", f"{output.as_uri()}#category=hype", profile=tmp_path / "profile").stdout
    bars = {m.group(1): int(m.group(2)) for m in re.finditer(r'<rect [^>]*data-category="([\w-]+)" data-count="(\d+)"', dom)}
    assert bars == dict(expected)
    table = {m.group(1): int(m.group(2)) for m in re.finditer(r'<tr data-category="([\w-]+)" data-count="(\d+)">', dom)}
    assert table == dict(expected)
    # The script ran in the browser: the filter from the address shows only the hype findings.
    assert re.search(r'<span id="visible-count">(\d+)</span>', dom).group(1) == str(expected["hype"])
    shown = re.findall(r'<tr data-category="([\w-]+)" data-rule="[^"]*">', dom)
    hidden = re.findall(r'<tr data-category="([\w-]+)" data-rule="[^"]*" hidden="">', dom)
    assert set(shown) == {"hype"} and len(shown) == expected["hype"]
    assert len(hidden) == len(findings) - expected["hype"]
    assert re.search(r'<span id="total">(\d+)</span>', dom).group(1) == str(len(findings))

    artefacts = Path(os.environ.get("HEALTHLINT_TEST_ARTEFACTS", tmp_path))
    artefacts.mkdir(parents=True, exist_ok=True)
    screenshot = artefacts / "report.png"
    chromium(f"--screenshot={screenshot}", "--window-size=1200,1400", output.as_uri(), profile=tmp_path / "profile2")
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
