"""`--format github`: GitHub Actions workflow commands, shown as annotations on a pull request."""

from __future__ import annotations

from healthlint.findings import RunResult
from healthlint.reporters.base import Reporter

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    name = "github"
    description = "GitHub Actions annotations (::warning file=...,line=...::message)"

    def render(self, result: RunResult) -> str:
        lines = []
        for f in result.findings:
            message = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
            lines.append(
                f"::{_LEVEL[f.severity]} file={_escape_property(f.path)},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},title={_escape_property(f.rule)}"
                f"::{_escape_data(message)}"
            )
        for e in result.errors:
            location = f" file={_escape_property(e.path)}" if e.path else ""
            lines.append(f"::error{location}::{_escape_data(e.message)}")
        return "".join(line + "\n" for line in lines)
