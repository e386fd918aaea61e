"""`--format json`: one JSON array of findings, the contract in the README."""

from __future__ import annotations

import json

from healthlint.findings import RunResult
from healthlint.reporters.base import Reporter


class JsonReporter(Reporter):
    name = "json"
    description = "a JSON array of findings (path, line, column, end_line, end_column, offset, end_offset, rule, ...)"

    def render(self, result: RunResult) -> str:
        if not result.findings:
            return "[]\n"
        # One finding a line: readable, diff-friendly, and encoded by json's C encoder.
        lines = ",\n".join("  " + json.dumps(f.as_json(), ensure_ascii=False) for f in result.findings)
        return f"[\n{lines}\n]\n"
