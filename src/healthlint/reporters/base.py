"""The reporter interface."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from healthlint.findings import RunResult


@dataclass
class ReportOptions:
    color: bool = False
    statistics: bool = False
    quiet: bool = False


class Reporter:
    """Turns a run's result into text for stdout. Subclasses set `name` and implement `render`."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, options: ReportOptions | None = None) -> None:
        self.options = options or ReportOptions()

    def render(self, result: RunResult) -> str:
        raise NotImplementedError
