"""One finding per span and category: a finding inside another of its category that is at
least as severe says nothing new and is dropped; partial overlaps and other categories stay."""

from conftest import lint_page
from healthlint.output.findings import Finding, without_repeats


def finding(rule: str, start: int, end: int, category: str = "cure-claim", severity: str = "warning") -> Finding:
    return Finding("p.md", rule, category, severity, "m", None, start, end, 1, start + 1, 1, end + 1)


def kept(*findings: Finding) -> list[tuple[str, int, int]]:
    return [(f.rule, f.offset, f.end_offset) for f in without_repeats(list(findings))]


def test_a_finding_inside_another_of_its_category_is_dropped():
    assert kept(finding("a", 0, 30), finding("b", 5, 10)) == [("a", 0, 30)]
    assert kept(finding("b", 5, 10), finding("a", 0, 30)) == [("a", 0, 30)]


def test_the_same_span_from_two_rules_is_one_finding_the_more_severe_first():
    assert kept(finding("a", 0, 10), finding("b", 0, 10, severity="error")) == [("b", 0, 10)]
    assert kept(finding("b", 0, 10), finding("a", 0, 10)) == [("a", 0, 10)]


def test_of_two_equal_findings_the_rule_the_pack_lists_first_stays():
    rank = {"z-first": 0, "a-second": 1}
    assert [f.rule for f in without_repeats([finding("a-second", 0, 10), finding("z-first", 0, 10)], rank)] == ["z-first"]


def test_partial_overlaps_other_categories_and_more_severe_findings_inside_stay():
    assert kept(finding("a", 0, 10), finding("b", 5, 20)) == [("a", 0, 10), ("b", 5, 20)]
    assert kept(finding("a", 0, 30), finding("b", 5, 10, category="hype")) == [("a", 0, 30), ("b", 5, 10)]
    assert kept(finding("a", 0, 30, severity="info"), finding("b", 5, 10, severity="error")) == [
        ("a", 0, 30), ("b", 5, 10)]


def test_a_testimonial_is_one_finding_not_one_per_rule():
    """The set-apart testimonial covers the words that first-person-result also flags."""
    text = ('Order FlexiPaw today and save 20%.\n\n'
            '> "I dropped 40 pounds and I\'m off my pills."\n> \u2014 Dana, 52\n')
    anecdotes = [(f["rule"], text[f["offset"]:f["end_offset"]]) for f in lint_page(text)
                 if f["rule"].startswith("anecdote-as-evidence/")]
    assert anecdotes == [("anecdote-as-evidence/set-apart-testimonial", "I dropped 40 pounds and I'm off my pills.")]
