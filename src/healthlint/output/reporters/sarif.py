"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it.

Files are percent-encoded references relative to the repository root (uriBaseId %SRCROOT%, whose
local value is in originalUriBaseIds), or file:// URIs outside it; each result carries the
baseline fingerprint as a partial fingerprint, so code scanning follows a finding across edits.
"""

from __future__ import annotations

import json

from healthlint import __version__
from healthlint.output.findings import RunResult
from healthlint.output.reporters.base import Reporter
from healthlint.rules import RuleInfo

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/healthlint/healthlint"  # where docs.DEFAULT_BASE_URL's pages live
FINGERPRINT_KEY = "healthlint/v1"  # rule + flagged text + sentence (runner.fingerprint)
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _code(text: str) -> str:
    """`text` as a Markdown code span, whatever backticks it holds."""
    fence = "`"
    while fence in text:
        fence += "`"
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def help_markdown(info: RuleInfo) -> str:
    """What the rule flags, why, how to fix it, and its examples, as GitHub shows a rule's help."""
    parts = [info.message]
    if info.rationale:
        parts.append(f"**Why it matters.** {info.rationale.strip()}")
    if info.suggestion:
        parts.append(f"**How to fix it.** {info.suggestion}")
    if info.bad:
        parts.append("Flagged:\n\n" + "\n".join(f"- {_code(example)}" for example in info.bad))
    if info.good:
        parts.append("Not flagged:\n\n" + "\n".join(f"- {_code(example)}" for example in info.good))
    return "\n\n".join(parts)


def _rule(rule_id: str, info: RuleInfo | None) -> dict[str, object]:
    # The friendly name in the Pascal case SARIF asks for (validator rule SARIF2012): CureClaimAbsoluteCure.
    name = "".join(word[:1].upper() + word[1:] for word in rule_id.replace("/", "-").split("-"))
    entry: dict[str, object] = {"id": rule_id, "name": name}
    if info is None:
        return entry
    entry.update({
        "shortDescription": {"text": info.message},
        "fullDescription": {"text": info.rationale or info.message},
        "help": {"text": info.suggestion or info.message, "markdown": help_markdown(info)},
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
        "properties": {"category": info.category, "tags": [info.category]},
    })
    from healthlint.output.docs import help_url

    url = help_url(info)
    if url:
        entry["helpUri"] = url
    return entry


class SarifReporter(Reporter):
    name = "sarif"
    description = "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers"

    def render(self, result: RunResult) -> str:
        from healthlint.text.locations import Locations  # here: every run imports the built-in reporters

        locations = Locations()
        rule_ids = sorted({f.rule for f in result.findings} | set(result.rules))
        index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
        results = []
        for f in result.findings:
            entry: dict[str, object] = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _LEVEL[f.severity],
                "message": {"text": f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": locations.artifact(f.path),
                        "region": {
                            "startLine": f.line, "startColumn": f.column,
                            "endLine": f.end_line, "endColumn": f.end_column,
                            "charOffset": f.offset, "charLength": f.end_offset - f.offset,
                        },
                    },
                }],
                "properties": {"category": f.category},
            }
            if f.fingerprint:
                entry["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
            results.append(entry)
        notifications = [
            {
                "level": "error",
                "message": {"text": e.message},
                **({"locations": [{"physicalLocation": {"artifactLocation": locations.artifact(e.path)}}]}
                   if e.path else {}),
            }
            for e in result.errors
        ]
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "healthlint", "version": __version__, "semanticVersion": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": [_rule(rule_id, result.rules.get(rule_id)) for rule_id in rule_ids],
                }},
                "originalUriBaseIds": locations.base_ids(),
                "columnKind": "unicodeCodePoints",
                "invocations": [{
                    "executionSuccessful": not result.errors,
                    "toolExecutionNotifications": notifications,
                }],
                "results": results,
            }],
        }
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
