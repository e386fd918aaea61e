"""SARIF that code scanning trusts: percent-encoded URIs relative to the repository root (whatever
folder the run starts in), file:// URIs outside it, partial fingerprints, rule help; validated
against the official SARIF 2.1.0 schema with format checking and by Microsoft's SARIF Multitool."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
MULTITOOL_VARIABLE = "HEALTHLINT_SARIF_MULTITOOL"  # the npm package's folder; .ci/run sets it
NAMES = ["a b#c é.md", "100%.md", "colon:first.md"]


def multitool_folder() -> Path:
    """The folder of the npm package @microsoft/sarif-multitool-linux (the Multitool and the schema)."""
    folder = Path(os.environ.get(MULTITOOL_VARIABLE) or ROOT / ".ci/node/node_modules/@microsoft/sarif-multitool-linux")
    if not (folder / "Sarif.Multitool").is_file():
        pytest.skip(f"the SARIF Multitool is not installed here (npm package @microsoft/sarif-multitool-linux; "
                    f"set {MULTITOOL_VARIABLE} to its folder); .ci/run installs it, so CI runs this test")
    return folder


def healthlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "healthlint", "check", "--isolated", "--no-cache", *args],
                          cwd=cwd, capture_output=True, text=True, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose docs/sub holds awkward names, and a draft outside the repository."""
    repo = tmp_path / "repo"
    (repo / "docs" / "sub").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    for name in NAMES:
        (repo / "docs" / "sub" / name).write_text("# Draft\n\nStem cells can cure ALS.\n", encoding="utf-8")
    (tmp_path / "outside.md").write_text("A miracle cure.\n", encoding="utf-8")
    return repo


def sarif_of_a_subfolder_run(repo: Path) -> dict:
    """`check --format sarif` run from docs/ over '.', an absolute path outside the repository and a
    missing file (a tool execution notification)."""
    run = healthlint("--format", "sarif", ".", str(repo.parent / "outside.md"), "missing.md", cwd=repo / "docs")
    assert run.returncode == 2, run.stderr  # the missing file
    return json.loads(run.stdout)


def test_uris_are_encoded_and_relative_to_the_repository_root(repo):
    (sarif_run,) = sarif_of_a_subfolder_run(repo)["runs"]
    assert sarif_run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.as_uri() + "/"}}
    locations = {json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"], ensure_ascii=False)
                 for r in sarif_run["results"]}
    assert locations == {
        '{"uri": "docs/sub/a%20b%23c%20%C3%A9.md", "uriBaseId": "%SRCROOT%"}',
        '{"uri": "docs/sub/100%25.md", "uriBaseId": "%SRCROOT%"}',
        '{"uri": "docs/sub/colon%3Afirst.md", "uriBaseId": "%SRCROOT%"}',
        json.dumps({"uri": (repo.parent / "outside.md").as_uri()}),
    }
    (notification,) = sarif_run["invocations"][0]["toolExecutionNotifications"]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "docs/missing.md", "uriBaseId": "%SRCROOT%"}


def test_github_annotations_name_files_from_the_repository_root(repo):
    run = healthlint("--format", "github", "--select", "cure-claim", "sub", cwd=repo / "docs")
    files = sorted(line.split("file=", 1)[1].split(",line=", 1)[0] for line in run.stdout.splitlines())
    assert files == ["docs/sub/100%25.md", "docs/sub/a b#c é.md", "docs/sub/colon%3Afirst.md"]


def test_results_carry_the_baseline_fingerprint_and_rules_their_help(repo, tmp_path):
    docs = repo / "docs"
    (sarif_run,) = json.loads(healthlint("--format", "sarif", "sub", cwd=docs).stdout)["runs"]
    baseline = tmp_path / "baseline.json"
    healthlint("--write-baseline", str(baseline), "sub", cwd=docs)
    recorded = {(e["rule"], e["fingerprint"]) for e in json.loads(baseline.read_text())["entries"]}
    given = {(r["ruleId"], r["partialFingerprints"]["healthlint/v1"]) for r in sarif_run["results"]}
    assert given == recorded and len(given) == 1  # one claim, the same sentence in three files
    driver = sarif_run["tool"]["driver"]
    assert driver["informationUri"] == "https://github.com/healthlint/healthlint"
    rule = next(r for r in driver["rules"] if r["id"] == "cure-claim/absolute-cure")
    assert rule["name"] == "CureClaimAbsoluteCure"
    assert rule["helpUri"] == "https://github.com/healthlint/healthlint/blob/main/docs/rules/cure-claim/absolute-cure.md"
    assert rule["help"]["markdown"].startswith(rule["shortDescription"]["text"] + "\n\n**Why it matters.** ")
    assert "Flagged:\n\n- `" in rule["help"]["markdown"] and "Not flagged:\n\n- `" in rule["help"]["markdown"]


def test_the_official_schema_with_format_checking_accepts_it(repo):
    schema = json.loads((multitool_folder() / "sarif-2.1.0.json").read_text(encoding="utf-8-sig"))
    validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
    # Format checking is really on: the URI the old reporter wrote fails it.
    assert "uri-reference" in validator.format_checker.checkers
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"},
              "locations": [{"physicalLocation": {"artifactLocation": {"uri": "sub/a b#c é.md"}}}]}]}]}
    assert [e.validator for e in validator.iter_errors(broken)] == ["format"]
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(sarif_of_a_subfolder_run(repo))]
    assert errors == []


@pytest.mark.slow
def test_the_sarif_multitool_validates_it(repo, tmp_path):
    tool = multitool_folder() / "Sarif.Multitool"
    log, verdict = tmp_path / "healthlint.sarif", tmp_path / "verdict.sarif"
    log.write_text(json.dumps(sarif_of_a_subfolder_run(repo)), encoding="utf-8")
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
    done = subprocess.run([str(tool), "validate", str(log), "--output", str(verdict), "--log", "ForceOverwrite",
                           "--level", "Error;Warning"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    (validation,) = json.loads(verdict.read_text(encoding="utf-8-sig"))["runs"]
    assert [(r["ruleId"], r["message"]) for r in validation["results"]] == []
    assert validation["invocations"][0]["executionSuccessful"] is True
