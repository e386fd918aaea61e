"""`--format json`: one JSON array of findings, the contract in the README."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

from healthlint.findings import RunResult
from healthlint.reporters.base import Reporter

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # one encoder: json.dumps with options builds one per call


class JsonReporter(Reporter):
    name = "json"
    description = ("a JSON array of findings (path, line, column, end_line, end_column, offset, end_offset, rule, ...), "
                   "then an {path, error} object for each file or plugin that could not be checked")

    def chunks(self, result: RunResult) -> Iterator[str]:
        # One item a line: readable, diff-friendly, streamed, and encoded by json's C encoder.
        items = itertools.chain((f.as_json() for f in result.findings), (e.as_json() for e in result.errors))
        first = next(items, None)
        if first is None:
            yield "[]\n"
            return
        yield "[\n  " + _ENCODE(first)
        for item in items:
            yield ",\n  " + _ENCODE(item)
        yield "\n]\n"
