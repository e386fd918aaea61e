"""Inline suppressions written as HTML comments in Markdown (or anywhere in plain text).

    <!-- healthlint-disable RULE-OR-PACK-OR-CATEGORY ... -- reason -->
    <!-- healthlint-enable [RULE ...] -->
    <!-- healthlint-disable-next-line [RULE ...] -->
    <!-- healthlint-disable-file [RULE ...] -->

With no selector a comment applies to every rule.
"""

from __future__ import annotations

from healthlint.rules import RuleInfo
from healthlint.text.document import Document
from healthlint.text.regions import COMMENT

UNUSED_SUPPRESSION = RuleInfo(  # reported with --report-unused-suppressions
    id="healthlint/unused-suppression",
    category="suppression",
    severity="warning",
    message="This suppression comment silenced nothing; remove it or name the rule it was meant for.",
    suggestion="Delete the comment.",
)

class Suppression:
    """A directive and the character range it covers.
    (A plain class, as the other holders a one-file check imports: see healthlint.running.engine.)"""

    __slots__ = ("kind", "selectors", "comment_start", "comment_end", "start", "end", "used", "enabled")

    def __init__(self, kind: str, selectors: tuple[str, ...], comment_start: int, comment_end: int,
                 start: int, end: int) -> None:
        self.kind = kind
        self.selectors = selectors
        self.comment_start = comment_start
        self.comment_end = comment_end
        self.start = start
        self.end = end
        self.used = False
        self.enabled: list[tuple[int, tuple[str, ...]]] = []  # (offset, selectors) enabled again

    def covers(self, info: RuleInfo, offset: int) -> bool:
        if not self.start <= offset < self.end:
            return False
        if self.selectors and not any(info.selected_by(s) for s in self.selectors):
            return False
        return not any(at <= offset and any(info.selected_by(s) for s in selectors) for at, selectors in self.enabled)


def _selectors(body: str) -> tuple[str, ...]:
    return tuple(body.split("--", 1)[0].replace(",", " ").split())


def parse(document: Document, html: list[tuple[int, int]]) -> list[Suppression]:
    """Every suppression in the HTML ranges of a document, with the range each covers."""
    text = document.text
    directives = [m for start, end in html for m in COMMENT.finditer(text, start, end)]
    result: list[Suppression] = []
    open_ranges: list[Suppression] = []
    for match in directives:
        kind, selectors = match.group(1), _selectors(match.group(2))
        if kind == "disable-file":
            result.append(Suppression(kind, selectors, match.start(), match.end(), 0, len(text)))
        elif kind == "disable-next-line":
            line, _ = document.position(match.end())
            starts = document.line_starts
            start = starts[line] if line < len(starts) else len(text)
            end = starts[line + 1] if line + 1 < len(starts) else len(text)
            result.append(Suppression(kind, selectors, match.start(), match.end(), start, end))
        elif kind == "disable":
            suppression = Suppression(kind, selectors, match.start(), match.end(), match.end(), len(text))
            result.append(suppression)
            open_ranges.append(suppression)
        else:  # enable: what it names, and nothing else a `disable` named with it
            for suppression in list(open_ranges):
                if not selectors or (set(suppression.selectors) and set(suppression.selectors) <= set(selectors)):
                    suppression.end = match.start()
                    open_ranges.remove(suppression)
                else:
                    suppression.enabled.append((match.start(), selectors))
    return result
