"""Documents: the exact text of a file, with character offsets and 1-based line/column positions."""

from __future__ import annotations

import bisect
import os
import stat
from array import array
from collections.abc import Sequence
from pathlib import Path

from healthlint.errors import InputError
from healthlint.lazyregex import lazy

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
TEXT_SUFFIXES = frozenset({".txt"})
LINTED_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES

_LINE_BREAK = lazy(r"\r\n|\r|\n")
BOM = "\ufeff"


class Document:
    """A file's text exactly as written (a leading BOM is kept as character 0).
    (A plain class, as the other holders a one-file check imports: see healthlint.running.engine.)"""

    def __init__(self, path: str, text: str, kind: str = "markdown") -> None:
        self.path = path
        self.text = text
        self.kind = kind  # "markdown" or "text"
        self._line_starts: Sequence[int] | None = None

    @property
    def line_starts(self) -> Sequence[int]:
        """The offset of each line's first character (an array: a 50 MB file has a million lines)."""
        if self._line_starts is None:
            starts = array("q", [0])
            starts.extend(m.end() for m in _LINE_BREAK.finditer(self.text))
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters.

        A leading BOM is not counted as a column, as editors do not show it.
        """
        starts = self.line_starts
        index = bisect.bisect_right(starts, offset) - 1
        column = offset - starts[index] + 1
        if index == 0 and self.text.startswith(BOM) and offset > 0:
            column -= 1
        return index + 1, column

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n").lstrip(BOM)


def kind_for(path: str) -> str:
    """'text' for plain-text files, 'markdown' for everything else."""
    return "text" if Path(path).suffix.lower() in TEXT_SUFFIXES else "markdown"


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (BOM allowed); raise InputError naming the line and byte of invalid input.

    A file that is not UTF-8 and holds NUL bytes, or whose head is mostly NUL bytes
    (UTF-16, images, archives), is reported as binary. A stray NUL inside valid
    UTF-8 text is kept and linted like any other character.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if b"\x00" in data:
            raise InputError(f"{path}: binary file (contains NUL bytes); not linted") from None
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, "
            f"byte {exc.start - line_start + 1} of the line); save the file as UTF-8"
        ) from None
    head = data[:8192]
    if head and head.count(0) * 4 > len(head):
        raise InputError(f"{path}: binary file (mostly NUL bytes; UTF-16 is not supported); not linted")
    return text


def is_probably_binary(data: bytes) -> bool:
    """True when a file found while walking a directory should be skipped silently."""
    return b"\x00" in data[:8192]


_SURROGATE = lazy("[\ud800-\udfff]")


def lone_surrogate(text: str) -> int | None:
    """The offset of the first lone surrogate in `text` (not valid Unicode), or None."""
    if text.isascii():
        return None
    found = _SURROGATE.search(text)
    return found.start() if found else None


def from_text(text: str, path: str = "<text>", kind: str | None = None) -> Document:
    """A document from text already in memory."""
    return Document(path=path, text=text, kind=kind or kind_for(path))


MAX_FILE_SIZE = 100_000_000  # bytes; `max-file-size` in the configuration
_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket"}


def read_bytes(path: str, limit: int = MAX_FILE_SIZE) -> bytes:
    """A regular file's bytes, at most `limit` of them. Raises InputError naming the file.

    The file is opened without blocking (a named pipe cannot hang the run) and checked to be a
    regular file before anything is read: a committed `zero.md -> /dev/zero` is an error, not
    3 GB of zeros."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file ({_KINDS.get(stat.S_IFMT(info.st_mode), 'special')}); not read")
        try:
            data = stream.read(min(info.st_size, limit) + 1)  # one allocation of the size stat gives
            if len(data) > info.st_size:  # it grew, or stat does not know (/proc): read on, up to the limit
                data += stream.read(limit + 1 - len(data))
        except OSError as exc:
            raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputError(f"{path}: larger than max-file-size ({limit:,} bytes); not read")
    return data


def load(path: str) -> Document:
    """Read and decode a document from disk. Raises InputError with a message naming the file."""
    return from_text(decode(read_bytes(path), path), path)
