"""The editor's "disable" quick fix: a comment that silences the finding and leaves the rendered
Markdown as it was (a comment line inside a paragraph would split it)."""

import re

import pytest

from healthlint.running.config import Config
from healthlint.running.disable import apply, disable_comment
from healthlint.running.engine import Session
from healthlint.text.document import from_text
from healthlint.text.markdown import render

RULE = "cure-claim/absolute-cure"
NEXT_LINE = f"<!-- healthlint-disable-next-line {RULE} -->"


def visible(html: str) -> str:
    """Rendered HTML without healthlint's comments and the white space around tags."""
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", " ".join(re.sub(r"<!-- healthlint-[^>]*-->", "", html).split()))


@pytest.fixture(scope="module")
def session():
    return Session.start(Config(select=(RULE,)), entry_points=True)


@pytest.mark.parametrize("text, expected", [
    ("# Knee\n\nOur therapy works well and\nwill cure your arthritis.\n",
     f"# Knee\n\nOur therapy works well and {NEXT_LINE}\nwill cure your arthritis.\n"),
    ("# Knee\n\nIt will cure your arthritis.\n", f"# Knee\n\n{NEXT_LINE}\nIt will cure your arthritis.\n"),
    ("- first item\n- it will cure gout\n- third\n", f"- first item {NEXT_LINE}\n- it will cure gout\n- third\n"),
    ("- first item\n\n- it will cure gout\n\n- third\n", f"- first item\n\n  {NEXT_LINE}\n- it will cure gout\n\n- third\n"),
    ("> quoted\n>\n> It will cure gout.\n", f"> quoted\n>\n> {NEXT_LINE}\n> It will cure gout.\n"),
    ("Hard break  \nit will cure gout.\n", f"Hard break {NEXT_LINE}  \nit will cure gout.\n"),
    ("Hard break\\\nit will cure gout.\n", f"Hard break {NEXT_LINE}\\\nit will cure gout.\n"),
    ("```\ncode\n```\nIt will cure gout.\n", f"```\ncode\n```\n{NEXT_LINE}\nIt will cure gout.\n"),
    ("| a | b |\n|---|---|\n| x | it will cure gout |\n",
     f"| a | b |\n|---|---|\n| x | it will <!-- healthlint-disable {RULE} -->cure<!-- healthlint-enable {RULE} --> gout |\n"),
    ("Para one\r\n\r\nIt will cure gout.\r\n", f"Para one\r\n\r\n{NEXT_LINE}\r\nIt will cure gout.\r\n"),
])
def test_the_comment_silences_the_finding_and_keeps_the_rendering(session, text, expected):
    document = from_text(text, "x.md")
    (finding,) = session.linter_for("x.md").lint(document).findings
    insertions = disable_comment(text, document.line_starts, finding.offset, finding.end_offset, RULE)
    assert insertions is not None
    edited = apply(text, insertions)
    assert edited == expected
    assert session.linter_for("x.md").lint(from_text(edited, "x.md")).findings == []
    assert visible(render(edited)) == visible(render(text))
    assert "-- reason" not in edited


def test_a_column_0_comment_line_would_have_split_the_paragraph():
    text = "Our therapy works well and\nwill cure your arthritis.\n"
    assert render(text).count("<p>") == 1
    assert render(f"Our therapy works well and\n{NEXT_LINE}\nwill cure your arthritis.\n").count("<p>") == 2


def test_plain_text_gets_a_comment_line_before_the_finding():
    text = "Line one\nIt will cure gout.\n"
    document = from_text(text, "x.txt")
    insertions = disable_comment(text, document.line_starts, 16, 20, RULE, markdown=False)
    assert apply(text, insertions) == f"Line one\n{NEXT_LINE}\nIt will cure gout.\n"
