"""`--format json`: one JSON array of findings, the contract in the README."""

from __future__ import annotations

import json

from healthlint.findings import RunResult
from healthlint.reporters.base import Reporter


class JsonReporter(Reporter):
    name = "json"
    description = ("a JSON array of findings (path, line, column, end_line, end_column, offset, end_offset, rule, ...), "
                   "then an {path, error} object for each file or plugin that could not be checked")

    def render(self, result: RunResult) -> str:
        items = [f.as_json() for f in result.findings] + [e.as_json() for e in result.errors]
        if not items:
            return "[]\n"
        # One item a line: readable, diff-friendly, and encoded by json's C encoder.
        lines = ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in items)
        return f"[\n{lines}\n]\n"
