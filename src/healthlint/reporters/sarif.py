"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it."""

from __future__ import annotations

import json

from healthlint import __version__
from healthlint.findings import RunResult
from healthlint.reporters.base import Reporter

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


class SarifReporter(Reporter):
    name = "sarif"
    description = "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers"

    def render(self, result: RunResult) -> str:
        rule_ids = sorted({f.rule for f in result.findings} | set(result.rules))
        index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
        rules = []
        for rule_id in rule_ids:
            info = result.rules.get(rule_id)
            entry: dict[str, object] = {"id": rule_id, "name": rule_id.replace("/", "-")}
            if info is not None:
                entry.update({
                    "shortDescription": {"text": info.message},
                    "fullDescription": {"text": info.rationale or info.message},
                    "help": {"text": (info.suggestion or info.message)},
                    "defaultConfiguration": {"level": _LEVEL[info.severity]},
                    "properties": {"category": info.category, "tags": [info.category]},
                })
            rules.append(entry)
        results = [
            {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _LEVEL[f.severity],
                "message": {"text": f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path.replace("\\", "/")},
                        "region": {
                            "startLine": f.line, "startColumn": f.column,
                            "endLine": f.end_line, "endColumn": f.end_column,
                            "charOffset": f.offset, "charLength": f.end_offset - f.offset,
                        },
                    },
                }],
                "properties": {"category": f.category},
            }
            for f in result.findings
        ]
        notifications = [
            {
                "level": "error",
                "message": {"text": e.message},
                **({"locations": [{"physicalLocation": {"artifactLocation": {"uri": e.path}}}]} if e.path else {}),
            }
            for e in result.errors
        ]
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "healthlint", "version": __version__, "semanticVersion": __version__,
                    "informationUri": "https://pypi.org/project/healthlint/", "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "invocations": [{
                    "executionSuccessful": not result.errors,
                    "toolExecutionNotifications": notifications,
                }],
                "results": results,
            }],
        }
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
