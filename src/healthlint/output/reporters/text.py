"""`--format text` (default): rustc/ruff style, with the source line and a caret underline."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import click

from healthlint.output.findings import Finding, RunResult
from healthlint.output.reporters.base import Reporter

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}
_WIDTH = 100  # characters of a source line shown around a finding


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class TextReporter(Reporter):
    name = "text"
    description = "human-readable findings with the source line and a caret underline (default)"

    def _style(self, text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if self.options.color else text  # type: ignore[arg-type]

    def chunks(self, result: RunResult) -> Iterator[str]:
        for finding in result.findings:
            lines = [self._header(finding)]
            if not self.options.quiet:
                lines.extend(self._excerpt(finding, result.sources.get(finding.path)))
            yield "".join(line + "\n" for line in lines)
        if self.options.statistics and result.findings:
            yield "\n"
            counts = Counter((f.rule, f.category) for f in result.findings)
            for (rule, category), count in counts.most_common():
                yield f"{count:5d}  {rule:45s} {category}\n"
        if not self.options.quiet:
            yield self._summary(result) + "\n"

    def _header(self, f: Finding) -> str:
        severity = self._style(f.severity, fg=_COLORS[f.severity], bold=True)
        location = self._style(f"{f.path}:{f.line}:{f.column}:", bold=True)
        return f"{location} {severity} [{f.rule}] {f.message}"

    def _excerpt(self, f: Finding, source: str | None) -> list[str]:
        lines = []
        if source is not None:
            line_text = _line(source, f.offset, f.column)
            first = max(0, f.column - 1 - _WIDTH // 3)
            shown = line_text[first:first + _WIDTH]
            span_end = f.end_column - 1 if f.end_line == f.line else len(line_text)
            width = max(1, min(span_end, first + len(shown)) - (f.column - 1))
            gutter = " " * len(str(f.line))
            lines.append(f"{gutter} |")
            lines.append(f"{f.line} | {'…' if first else ''}{shown.expandtabs(1)}")
            carets = self._style("^" * width, fg=_COLORS[f.severity], bold=True)
            lines.append(f"{gutter} | {' ' * (f.column - 1 - first + (1 if first else 0))}{carets}")
            if f.suggestion:
                lines.append(f"{gutter} = suggestion: {f.suggestion}")
        elif f.suggestion:
            lines.append(f"  = suggestion: {f.suggestion}")
        lines.append("")
        return lines

    def _summary(self, result: RunResult) -> str:
        files = _plural(result.files, "file")
        if not result.findings:
            summary = f"No findings in {files}."
        else:
            by_severity = Counter(f.severity for f in result.findings)
            parts = ", ".join(_plural(by_severity[s], s) for s in ("error", "warning", "info") if by_severity[s])
            touched = len({f.path for f in result.findings})
            summary = f"Found {_plural(len(result.findings), 'finding')} ({parts}) in {touched} of {files}."
        if result.errors:
            summary += f" {_plural(len(result.errors), 'error')} prevented a complete check (see above)."
        return summary


def _line(source: str, offset: int, column: int) -> str:
    """The line holding `offset`, from its start to its line break."""
    start = offset - (column - 1)
    if start > 0 and source[start - 1:start] == "\ufeff":
        start -= 1
    start = max(0, start)
    end = len(source)
    for brk in ("\n", "\r"):
        found = source.find(brk, offset)
        if found != -1:
            end = min(end, found)
    return source[start:end].lstrip("\ufeff")
