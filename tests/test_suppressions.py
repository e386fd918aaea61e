"""Each suppression form, and unused ones reported."""

import json

from conftest import FIXTURES, demo_check, run_cli


def test_suppression_fixture():
    path = FIXTURES / "core" / "suppressions.md"
    expected = json.loads((FIXTURES / "core" / "suppressions.expected.json").read_text())
    text = path.read_text()
    run = demo_check(str(path))
    got = [{"rule": f["rule"], "line": f["line"], "column": f["column"], "quote": text[f["offset"]:f["end_offset"]]}
           for f in run.findings]
    assert got == expected


def test_unused_suppression_is_reported():
    path = FIXTURES / "core" / "suppressions.md"
    run = demo_check("--report-unused-suppressions", str(path))
    unused = [f for f in run.findings if f["rule"] == "healthlint/unused-suppression"]
    assert [(f["line"], f["column"], f["category"]) for f in unused] == [(14, 1, "suppression")]
    assert unused[0]["message"].startswith("This suppression comment silenced nothing")


def test_disable_file_by_category_and_all(write):
    by_category = write("a.md", "<!-- healthlint-disable-file hype -->\nA miracle. Studies show it.\n")
    assert [f["rule"] for f in demo_check(by_category).findings] == ["demo/studies-show"]
    everything = write("b.md", "A miracle. Studies show it.\n\n<!-- healthlint-disable-file -->\n")
    assert demo_check(everything).findings == []


def test_comment_in_code_is_not_a_suppression(write):
    path = write("a.md", "```\n<!-- healthlint-disable-file -->\n```\n\nA miracle.\n")
    assert [f["rule"] for f in demo_check(path).findings] == ["demo/miracle"]


def test_enable_with_selector_ends_only_that_section(write):
    path = write("a.md", "<!-- healthlint-disable demo/miracle -->\n<!-- healthlint-disable demo/studies-show -->\n"
                         "A miracle. Studies show.\n<!-- healthlint-enable demo/miracle -->\n\nA miracle. Studies show.\n")
    assert [(f["rule"], f["line"]) for f in demo_check(path).findings] == [("demo/miracle", 6)]


def test_enable_of_one_rule_keeps_the_others_a_disable_named_with_it(write):
    """`enable hype` after `disable hype cure-claim` re-enabled cure-claim too."""
    path = write("a.md", "<!-- healthlint-disable hype cure-claim -->\nA miracle cure.\n"
                         "<!-- healthlint-enable hype -->\n\nA miracle cure.\n")
    run = run_cli("check", "--isolated", "--no-cache", "--format", "json", "--select", "hype/hype-phrase,cure-claim",
                  "--report-unused-suppressions", path)
    assert [(f["rule"], f["line"]) for f in run.findings] == [("hype/hype-phrase", 5)]


def test_enable_of_one_rule_inside_a_disable_of_every_rule(write):
    path = write("a.md", "<!-- healthlint-disable -->\nA miracle cure.\n<!-- healthlint-enable cure-claim -->\n\n"
                         "A miracle cure.\n\n<!-- healthlint-enable -->\nA miracle cure.\n")
    run = run_cli("check", "--isolated", "--no-cache", "--format", "json", "--select", "hype/hype-phrase,cure-claim", path)
    assert [(f["rule"], f["line"]) for f in run.findings] == [
        ("cure-claim/absolute-cure", 5), ("hype/hype-phrase", 8), ("cure-claim/absolute-cure", 8)]


def test_a_suppression_comment_in_plain_text_is_not_linted_itself(write):
    """In a .txt file "cure" inside "cure-claim" (and the reason's words) were findings."""
    path = write("notes.txt", "<!-- healthlint-disable-next-line cure-claim -- quoting a miracle cure advert -->\n"
                              "Stem cells cure ALS.\n\nStem cells cure ALS.\n")
    run = run_cli("check", "--isolated", "--no-cache", "--format", "json", "--report-unused-suppressions", path)
    assert [(f["rule"], f["line"], f["column"]) for f in run.findings] == [("cure-claim/absolute-cure", 4, 12)]
