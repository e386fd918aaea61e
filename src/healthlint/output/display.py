"""File names made safe to show: a name is whatever bytes a repository committed.

A name that is not UTF-8 reaches Python with lone surrogates (surrogateescape), which would make
JSON and SARIF output invalid UTF-8 or raise UnicodeEncodeError; a name holding ESC, CR or a
bidirectional override could rewrite what a terminal or a log viewer shows (a tab is left as
it is). Such characters are
shown as Python-style escapes (\\xff, \\x1b, \\r, \\u202e); every other name is left as it is.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from healthlint.output.findings import RunError, RunResult


@cache
def _unsafe() -> re.Pattern[str]:
    """The characters escaped; compiled when first needed (~0.7 ms): every one of them is
    non-printable, so a printable text (almost every file name and message) never needs it."""
    return re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    character = match[0]
    if "\udc80" <= character <= "\udcff":  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{ord(character) - 0xDC00:02x}"
    return character.encode("unicode_escape", "backslashreplace").decode("ascii") if ord(character) < 0x100 \
        else f"\\u{ord(character):04x}"


def safe(text: str) -> str:
    """`text` with control, bidirectional-override and undecodable characters escaped."""
    return text if text.isprintable() else _unsafe().sub(_escape, text)


def safe_result(result: RunResult) -> RunResult:
    """The run's result with every file name (and error message) safe to show; the same
    object when nothing needed escaping, as for almost every run. Findings are renamed in
    place, so they stay the same objects (a report may know them by identity)."""
    names = {*result.checked, *result.sources, *(e.path for e in result.errors if e.path)}
    unsafe = {name: safe(name) for name in names if not name.isprintable() and _unsafe().search(name)}
    messages = [safe(e.message) for e in result.errors]
    if not unsafe and all(m == e.message for m, e in zip(messages, result.errors)):
        return result
    for finding in result.findings:
        if finding.path in unsafe:
            finding.path = unsafe[finding.path]
    errors = [RunError(message, unsafe.get(e.path, e.path) if e.path else e.path, e.detail)
              for message, e in zip(messages, result.errors)]
    return dataclasses.replace(result, errors=errors,
                               sources={unsafe.get(k, k): v for k, v in result.sources.items()},
                               checked=[unsafe.get(c, c) for c in result.checked])
