"""Where the editor's "disable" quick fix puts its suppression comment.

A comment must silence the finding and must not change what the Markdown renders to: a comment
line at column 0 of a paragraph's continuation line starts an HTML block and splits the
paragraph (or the list item, or the block quote). So the candidates are tried in this order, and
the first that renders to the same HTML (the comment aside) and keeps the comment as HTML is
taken:

1. a next-line comment at the end of the previous line, which the parser keeps inside that
   line's block (before a hard line break's trailing spaces or backslash);
2. a next-line comment on a line of its own before the finding's line, behind the same block
   quote markers and indentation (list markers become spaces);
3. a disable/enable pair around the finding itself (inline HTML, in a table cell too).

A plain-text document has no rendering: the comment goes on its own line before the finding's.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from healthlint.lazyregex import lazy
from healthlint.text.markdown import render

_CONTAINER_PREFIX = lazy(r"(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")
_LIST_MARKER = lazy(r"[-+*]|\d{1,9}[.)]")
_LINE_BREAK = lazy(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Insertion:
    """Text to insert at a character offset."""

    offset: int
    text: str


def disable_comment(text: str, line_starts: Sequence[int], start: int, end: int, rule: str,
                    markdown: bool = True) -> list[Insertion] | None:
    """The insertions that disable `rule` for the finding at [start, end) of `text` without changing
    its rendering, or None when no candidate keeps the rendering."""
    comment = f"<!-- healthlint-disable-next-line {rule} -->"
    line = bisect.bisect_right(line_starts, start) - 1
    line_start = line_starts[line]
    own_line = [Insertion(line_start, _prefix(text, line_start) + comment + _line_break(text))]
    if not markdown:
        return own_line
    candidates = []
    if line > 0 and (point := _end_of_content(text, line_starts[line - 1], line_start)) is not None:
        candidates.append(([Insertion(point, " " + comment)], [" " + comment]))
    candidates.append((own_line, [comment]))
    pair = [f"<!-- healthlint-disable {rule} -->", f"<!-- healthlint-enable {rule} -->"]
    candidates.append(([Insertion(start, pair[0]), Insertion(end, pair[1])], pair))
    before = _normalized(render(text))
    for insertions, comments in candidates:  # comments: the HTML each must render as, verbatim
        after = render(apply(text, insertions))
        if all(c in after for c in comments) and _normalized(_without(after, comments)) == before:
            return insertions
    return None


def apply(text: str, insertions: Sequence[Insertion]) -> str:
    """`text` with the insertions made (offsets refer to the original text)."""
    parts, position = [], 0
    for insertion in sorted(insertions, key=lambda i: i.offset):
        parts += [text[position:insertion.offset], insertion.text]
        position = insertion.offset
    parts.append(text[position:])
    return "".join(parts)


def _end_of_content(text: str, line_start: int, next_line_start: int) -> int | None:
    """Where a comment appended to the line [line_start, next_line_start) goes: after its last
    character, before trailing white space and a hard break's backslash; None for a blank line."""
    content = text[line_start:next_line_start].rstrip("\r\n")
    stripped = content.rstrip(" \t")
    if not stripped:
        return None
    backslashes = len(stripped) - len(stripped.rstrip("\\"))
    return line_start + len(stripped) - (backslashes % 2)


def _prefix(text: str, line_start: int) -> str:
    """The block quote markers and indentation a line's content sits behind, list markers as spaces."""
    found = _CONTAINER_PREFIX.match(text, line_start)  # it matches the empty string too
    prefix = found.group() if found else ""
    return _LIST_MARKER.sub(lambda m: " " * len(m.group()), prefix)


def _line_break(text: str) -> str:
    """The document's line break: CR LF, CR or LF, as its first line break is."""
    found = _LINE_BREAK.search(text)
    return found.group() if found else "\n"


def _without(html: str, comments: list[str]) -> str:
    for comment in comments:
        html = html.replace(comment, "")
    return html


def _normalized(html: str) -> str:
    return " ".join(html.split())
