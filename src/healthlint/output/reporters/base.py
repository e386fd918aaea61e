"""The reporter interface."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, TextIO

from healthlint.output.findings import RunResult


class ReportOptions:
    """How a reporter writes: the command line's --color, --statistics and --quiet.
    (A plain class, as the other holders a one-file check imports: see healthlint.running.engine.)"""

    def __init__(self, color: bool = False, statistics: bool = False, quiet: bool = False) -> None:
        self.color = color
        self.statistics = statistics
        self.quiet = quiet


class Reporter:
    """Turns a run's result into text for stdout. Subclasses set `name` and implement `render`,
    or `chunks` to stream large outputs piece by piece."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, options: ReportOptions | None = None) -> None:
        self.options = options or ReportOptions()

    def chunks(self, result: RunResult) -> Iterator[str]:
        """The output in pieces; by default, all of `render`."""
        yield self.render(result)

    def render(self, result: RunResult) -> str:
        """The whole output as one string."""
        if type(self).chunks is Reporter.chunks:
            raise NotImplementedError(f"reporter {self.name!r} implements neither render nor chunks")
        return "".join(self.chunks(result))

    def write(self, result: RunResult, stream: TextIO) -> None:
        for chunk in self.chunks(result):
            stream.write(chunk)
