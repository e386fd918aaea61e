"""LSP positions of a document: one line table, built once, for every conversion.

The Language Server Protocol counts lines broken by "\\n", "\\r\\n" or "\\r" only (U+2028 and the
other characters `str.splitlines` breaks on are ordinary text), and characters in UTF-16 code
units. The line starts are the document's own (`Document.line_starts`), so a line here is the
line the command line reports; a character above U+FFFF counts two units, found by bisection
in the list of such characters, so each conversion costs O(log n) whatever the line's length.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence

from healthlint.lazyregex import lazy

_ASTRAL = lazy(r"[\U00010000-\U0010ffff]")


class LineTable:
    """Converts between character offsets and LSP (line, UTF-16 character) positions."""

    def __init__(self, text: str, line_starts: Sequence[int]) -> None:
        self._length = len(text)
        self.line_starts = self._starts = line_starts
        self._ends = array("q", (start - _break_length(text, start) for start in line_starts[1:]))
        self._ends.append(len(text))  # each line's end, before its line break
        self._astral = array("q") if text.isascii() else array("q", (m.start() for m in _ASTRAL.finditer(text)))

    @classmethod
    def of(cls, text: str) -> LineTable:
        """The table of a text, with the line starts the command line uses."""
        from healthlint.text.document import from_text

        return cls(text, from_text(text).line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based line and UTF-16 character of a character offset."""
        line = bisect.bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        astral = self._astral
        wide = bisect.bisect_left(astral, offset) - bisect.bisect_left(astral, start) if astral else 0
        return line, offset - start + wide

    def offset(self, line: int, character: int) -> int:
        """The character offset of an LSP position; past the end of a line means its end, past
        the last line the document's end (as the protocol asks), inside a surrogate pair its start."""
        if line < 0:
            return 0
        if line >= len(self._starts):
            return self._length
        start, end = self._starts[line], self._ends[line]
        offset = start + max(character, 0)
        for index in range(bisect.bisect_left(self._astral, start), len(self._astral)):
            astral = self._astral[index]
            if astral >= offset or astral >= end:
                break
            offset -= 1  # this character took two of the units counted
        return min(offset, end)


def _break_length(text: str, line_start: int) -> int:
    """The length of the line break just before `line_start` (2 for CR LF)."""
    return 2 if text[line_start - 2:line_start] == "\r\n" else 1
