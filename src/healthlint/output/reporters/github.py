"""`--format github`: GitHub Actions workflow commands, shown as annotations on a pull request."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.output.findings import RunResult
from healthlint.output.reporters.base import Reporter

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    name = "github"
    description = "GitHub Actions annotations (::warning file=...,line=...::message)"

    def chunks(self, result: RunResult) -> Iterator[str]:
        from healthlint.text.locations import Locations  # here: every run imports the built-in reporters

        where = Locations().display  # GitHub places annotations by the path from the repository root
        for f in result.findings:
            message = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
            yield (f"::{_LEVEL[f.severity]} file={_escape_property(where(f.path))},line={f.line},col={f.column},"
                   f"endLine={f.end_line},endColumn={f.end_column},title={_escape_property(f.rule)}"
                   f"::{_escape_data(message)}\n")
        for e in result.errors:
            location = f" file={_escape_property(where(e.path))}" if e.path else ""
            yield f"::error{location}::{_escape_data(e.message)}\n"
