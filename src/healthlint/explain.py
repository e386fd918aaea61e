"""The text of `healthlint explain ID`, shared by the CLI and the language server's hover."""

from __future__ import annotations

from healthlint.rules import RuleInfo


def explain_text(info: RuleInfo) -> str:
    """The explanation of a rule, in the shape of ruff's rule docs."""
    parts = [f"# {info.id}", "", f"Category: {info.category}    Default severity: {info.severity}", "",
             "## What it flags", info.message, ""]
    if info.rationale:
        parts += ["## Why it matters", info.rationale.strip(), ""]
    if info.suggestion:
        parts += ["## How to fix it", info.suggestion, ""]
    if info.bad:
        parts += ["## Flagged"] + [f"  - {example}" for example in info.bad] + [""]
    if info.good:
        parts += ["## Not flagged"] + [f"  - {example}" for example in info.good] + [""]
    return "\n".join(parts).rstrip() + "\n"
