"""A small test pack: one phrase rule, one Python sentence rule and one document rule.

It exercises the core the way a real pack does, without any health knowledge of
the built-in packs, so core tests do not change when the real rules do.
"""

from __future__ import annotations

from healthlint import hookimpl
from healthlint.output.reporters.base import Reporter
from healthlint.rules import DocumentRule, Match, Rule, RuleInfo
from healthlint.rules.phrase import phrase_rule

MIRACLE = phrase_rule({
    "id": "demo/miracle",
    "category": "hype",
    "severity": "warning",
    "message": "Demo: 'miracle' inflates hope.",
    "suggestion": "Describe what was measured.",
    "patterns": [r"\bmiracle\b"],
    "unless": ["negated"],
    "fix": "remarkable",  # an unsafe rewrite: --diff shows it, --fix leaves it
    "bad": ["A miracle treatment."],
    "good": ["There is no miracle treatment."],
}, "demo", "demo_pack")


class StudiesShow(Rule):
    """'studies show' with no source in the sentence."""

    def check(self, ctx):
        start = ctx.text.lower().find("studies show")
        if start >= 0 and not ctx.cited():
            yield Match(ctx.start + start, ctx.start + start + len("studies show"))


STUDIES = StudiesShow(
    RuleInfo(id="demo/studies-show", category="uncited-evidence", severity="error",
             message="Demo: which studies?", suggestion="Cite them.",
             bad=["Studies show it works."], good=["Studies show it works [1]."]),
    keywords=("studies show",),
)


class NoHarms(DocumentRule):
    """A document that says 'treatment' and never 'risk'."""

    def check_document(self, ctx):
        text = ctx.lowered
        if "treatment" in text and "risk" not in text:
            line_end = ctx.document.text.find("\n")
            yield Match(0, line_end if line_end > 0 else len(ctx.document.text))


NO_HARMS = NoHarms(
    RuleInfo(id="demo/no-harms", category="missing-harms", severity="info",
             message="Demo: treatment without risks.",
             bad=["A new treatment."], good=["A new treatment with risks."]),
    keywords=("treatment",),
)


@hookimpl
def healthlint_rules():
    return [MIRACLE, STUDIES, NO_HARMS]


class CountReporter(Reporter):
    """A plugin-contributed output format: one line with the number of findings."""

    name = "demo-count"
    description = "the number of findings"

    def render(self, result):
        return f"{len(result.findings)} findings\n"


@hookimpl
def healthlint_reporters():
    return [CountReporter]
