"""Findings and run errors: what rules produce and reporters print."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from healthlint.rules import severity_rank

if TYPE_CHECKING:
    from healthlint.rules import RuleInfo


@dataclass(slots=True)  # not frozen: a frozen dataclass builds ~6x slower, and there are many; treat as read-only
class Finding:
    """One flagged span in one file, with positions computed from its document."""

    path: str
    rule: str
    category: str
    severity: str
    message: str
    suggestion: str | None
    offset: int
    end_offset: int
    line: int
    column: int
    end_line: int
    end_column: int
    fingerprint: str = ""  # rule + flagged text + sentence, for baselines (see runner.fingerprint)
    sentence_start: int = 0  # the sentence the finding is in (its own span when in none), for the
    sentence_end: int = 0  # HTML report, which so needs no second parse
    replacement: str | None = None  # a suggested rewrite of the span (--diff)
    safe: bool = False  # the rewrite is safe to apply unattended (--fix)
    # (a former id, the fingerprint under it) of a renamed rule (RuleInfo.formerly), for baselines:
    # one written before the rename still knows the finding
    former_fingerprints: tuple[tuple[str, str], ...] = ()

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        # Worker processes send back thousands of findings: a plain tuple of the fields pickles
        # about twice as fast as the default (a dict of slot names to values per finding).
        return Finding, field_values(self)

    def as_json(self) -> dict[str, object]:
        """The JSON findings contract."""
        return {
            "path": self.path, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "offset": self.offset, "end_offset": self.end_offset,
            "rule": self.rule, "category": self.category, "severity": self.severity,
            "message": self.message, "suggestion": self.suggestion,
        }


field_values = attrgetter(*Finding.__slots__)  # a Finding's values in field order, as one tuple


def without_repeats(findings: list[Finding], rank: Mapping[str, int] | None = None) -> list[Finding]:
    """The findings less each one whose span lies inside another finding of its category that is
    at least as severe ('gave me my life back' inside a flagged testimonial): two findings that
    say the same thing about the same words are noise. Partial overlaps stay, since each covers
    words the other does not. Of two on the same span, the more severe stays, then the rule that
    comes first in `rank` (rule id -> its place among the rules: a pack lists its rules in the
    order it prefers them), then by id. Returned in (offset, end, rule) order."""
    reach: dict[str, list[int]] = {}  # category -> per severity, the furthest end of a kept finding at least as severe
    kept: list[Finding] = []
    places = rank or {}
    for finding in sorted(findings, key=lambda f: (f.offset, -f.end_offset, -severity_rank(f.severity),
                                                   places.get(f.rule, len(places)), f.rule)):
        ends = reach.setdefault(finding.category, [-1, -1, -1])
        severity = severity_rank(finding.severity)
        if ends[severity] >= finding.end_offset:
            continue
        for level in range(severity + 1):
            ends[level] = max(ends[level], finding.end_offset)
        kept.append(finding)
    kept.sort(key=lambda f: (f.offset, f.end_offset, f.rule))
    return kept


class RunError(NamedTuple):  # not a frozen dataclass: one compiles six methods at import, ~4x slower to create
    """Something that went wrong for one file or one plugin; the run goes on and exits 2."""

    message: str
    path: str | None = None
    detail: str | None = None  # a traceback, shown with --debug

    def as_json(self) -> dict[str, object]:
        return {"path": self.path, "error": self.message}


@dataclass
class RunResult:
    """Everything a reporter needs about one run."""

    findings: list[Finding]
    errors: list[RunError]
    files: int
    rules: dict[str, RuleInfo]  # every rule that ran, by id
    sources: dict[str, str]  # path -> text, for showing source lines
    timings: dict[str, float] = field(default_factory=dict)  # rule id -> seconds, with --timings
    checked: list[str] = field(default_factory=list)  # every file path linted, in order
