"""Each suppression form, and unused ones reported."""

import json

from conftest import FIXTURES, demo_check


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
