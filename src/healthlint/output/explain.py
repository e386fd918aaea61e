"""The text of `healthlint explain ID`, shared by the CLI and the language server's hover."""

from __future__ import annotations

from collections.abc import Callable

from healthlint.rules import RuleInfo


def explain_text(info: RuleInfo, flags: Callable[[str], bool] | None = None) -> str:
    """The explanation of a rule, in the shape of ruff's rule docs. With `flags` (does the rule
    flag this text?), each example is shown where the rule really puts it, and an example it
    gets wrong says so; without, as the rule declares them."""
    def really(example: str, declared: bool) -> bool:
        return declared if flags is None else flags(example)

    flagged = [e for e in info.bad if really(e, True)]
    flagged += [f"{e}  (listed as good: `healthlint test-rules`)" for e in info.good if really(e, False)]
    passed = [e for e in info.good if not really(e, False)]
    passed += [f"{e}  (listed as bad: `healthlint test-rules`)" for e in info.bad if not really(e, True)]
    parts = [f"# {info.id}", "", f"Category: {info.category}    Default severity: {info.severity}", ""]
    if info.formerly:
        parts += [f"Formerly: {', '.join(info.formerly)}", ""]
    parts += ["## What it flags", info.message, ""]
    if info.rationale:
        parts += ["## Why it matters", info.rationale.strip(), ""]
    if info.suggestion:
        parts += ["## How to fix it", info.suggestion, ""]
    if flagged:
        parts += ["## Flagged"] + [f"  - {example}" for example in flagged] + [""]
    if passed:
        parts += ["## Not flagged"] + [f"  - {example}" for example in passed] + [""]
    return "\n".join(parts).rstrip() + "\n"
