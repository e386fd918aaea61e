"""`--format json`: one JSON array of findings, the contract in the README."""

from __future__ import annotations

import json

from healthlint.findings import RunResult
from healthlint.reporters.base import Reporter


class JsonReporter(Reporter):
    name = "json"
    description = "a JSON array of findings (path, line, column, end_line, end_column, offset, end_offset, rule, ...)"

    def render(self, result: RunResult) -> str:
        return json.dumps([f.as_json() for f in result.findings], indent=2, ensure_ascii=False) + "\n"
