"""Property-based tests over generated Markdown and text: no exception, every span inside the
document and starting and ending on prose, positions that agree with offsets, results independent of file order
and of --jobs, and suppressions that remove exactly their rule's findings.

CI runs a bounded number of examples (150); the long run is
`HEALTHLINT_HYPOTHESIS_EXAMPLES=100000 pytest tests/test_properties.py`.
"""

from __future__ import annotations

import bisect
import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from healthlint.api import Linter
from healthlint.rules.context import DocumentContext
from healthlint.running.config import Config
from healthlint.running.engine import Session
from healthlint.text.document import from_text

SESSION = Session.start(Config())
API = Linter(SESSION)
LINTER = SESSION.linter_for("x.md")
EXAMPLES = int(os.environ.get("HEALTHLINT_HYPOTHESIS_EXAMPLES", "150"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

WORDS = st.sampled_from([
    "miracle", "cure", "cures", "studies", "show", "safe", "completely", "no", "not", "may", "patients",
    "reported", "improvement", "non-invasive", "injection", "FDA", "approved", "90%", "of", "people", "[1]",
    "(Smith", "et", "al.,", "2020)", "Dr.", "e.g.", "3.5", "mg", "U.S.", "hope", "beacon", "the", "a", "and",
    "é", "🎉", "\u05e9\u05dc\u05d5\u05dd", "e\u0301", "\x00", "\t", "http://x.example/cure", "**bold**", "`code`",
])
SENTENCE = st.lists(WORDS, min_size=1, max_size=14).map(" ".join).map(lambda s: s + st_end(s))


def st_end(sentence: str) -> str:
    return "" if sentence.endswith((".", "?", "!")) else "."


BLOCK = st.one_of(
    SENTENCE.map(lambda s: s),
    st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join),
    SENTENCE.map(lambda s: "# " + s),
    st.lists(SENTENCE, min_size=1, max_size=3).map(lambda items: "\n".join("- " + i for i in items)),
    st.lists(SENTENCE, min_size=1, max_size=2).map(lambda items: "  - nested\n".join("1. " + i + "\n" for i in items)),
    SENTENCE.map(lambda s: f"```\n{s}\n```"),
    SENTENCE.map(lambda s: f"| a | b |\n|---|---|\n| {s.replace('|', ' ')} | x |"),
    SENTENCE.map(lambda s: f"<!-- {s.replace('-->', '')} -->"),
    SENTENCE.map(lambda s: f"<!-- healthlint-disable-next-line -->\n{s}"),
    SENTENCE.map(lambda s: f"[{s}](http://example.org/miracle)"),
    st.text(max_size=40).map(lambda t: t.replace("`", "").replace("<", "")),
    st.integers(min_value=1, max_value=40).map(lambda n: "miracle " + "word " * n * 100),  # a very long line
)


@st.composite
def documents(draw) -> str:
    blocks = draw(st.lists(BLOCK, min_size=1, max_size=8))
    text = "\n\n".join(blocks) + "\n"
    if draw(st.booleans()):
        text = "---\ntitle: miracle cure\n---\n\n" + text
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return text.replace("\n", newline) if newline != "\n" else text


def lint(text: str, name: str = "x.md"):
    result = LINTER.lint(from_text(text, name), report_unused_suppressions=True)
    assert result.errors == [], result.errors
    return result.findings


def line_starts(text: str) -> list[int]:
    """An independent line table: a line ends at \\r\\n, \\r or \\n (not at form feeds or
    Unicode separators, which editors do not break lines at either)."""
    starts, i = [0], 0
    while i < len(text):
        if text[i] == "\r" and text[i + 1:i + 2] == "\n":
            i += 1
        if text[i] in "\r\n":
            starts.append(i + 1)
        i += 1
    return starts


def position(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


@PROFILE
@given(documents(), st.sampled_from(["x.md", "x.txt"]))
def test_spans_are_inside_prose_and_positions_agree(text, name):
    findings = lint(text, name)
    prose = DocumentContext.build(from_text(text, name)).text
    starts = line_starts(text)
    for f in findings:
        assert 0 <= f.offset <= f.end_offset <= len(text)
        if f.rule != "healthlint/unused-suppression" and f.offset < f.end_offset:
            # A span starts and ends on prose; inside, it may run over a link's destination.
            for edge in (f.offset, f.end_offset - 1):
                assert prose[edge] == text[edge] and not text[edge].isspace(), "span edge outside prose"
        assert (f.line, f.column) == position(starts, f.offset)
        assert (f.end_line, f.end_column) == position(starts, f.end_offset)


@PROFILE
@given(documents())
def test_disable_file_removes_exactly_that_rules_findings(text):
    findings = [f for f in lint(text) if f.rule != "healthlint/unused-suppression"]
    if not findings:
        return
    target = findings[0].rule
    suppressed = text + "\n\n<!-- healthlint-disable-file " + target + " -->\n"
    after = [f for f in lint(suppressed) if f.rule != "healthlint/unused-suppression"]
    assert [(f.rule, f.offset) for f in after] == [(f.rule, f.offset) for f in findings if f.rule != target]


@settings(max_examples=max(5, EXAMPLES // 30), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(documents(), min_size=16, max_size=20))
def test_same_result_in_any_file_order_and_with_two_jobs(tmp_path_factory, texts):
    # Written to disk, a document whose head is a quarter NUL bytes or more is a binary file, which
    # is reported and not linted (healthlint.text.document.decode): this test is about text.
    assume(all(head.count(0) * 4 <= len(head) for head in (text.encode("utf-8")[:8192] for text in texts)))
    folder = tmp_path_factory.mktemp("docs")
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"d{i:02d}.md"
        path.write_bytes(text.encode("utf-8"))
        paths.append(str(path))
    forward = API.lint_paths(paths, jobs=1)
    backward = API.lint_paths(list(reversed(paths)), jobs=1)
    parallel = API.lint_paths(paths, jobs=2)

    def per_file(result):
        return sorted((f.path, f.offset, f.rule) for f in result.findings)

    assert per_file(forward) == per_file(backward)
    assert forward.findings == parallel.findings
    assert forward.errors == parallel.errors == []
