"""Derived keywords kept between runs: a run answered from the findings cache parses no pattern.

One JSON file in the user's cache folder (never a repository's: an entry forged there could
switch a rule off), mapping each pattern to its keywords (healthlint.rules.keywords.derive), under a
stamp of healthlint's version and of the deriving module's file, so a changed derivation starts
afresh. Only runs with a findings cache use it (`--no-cache` writes nothing). A file that cannot
be read or written is ignored: keywords are derived again.
"""

from __future__ import annotations

import json
from pathlib import Path

from healthlint import __version__
from healthlint.running.trust import user_cache_dir

FILE = "keywords.json"
LIMIT = 20_000  # entries kept: a config's edited patterns do not pile up for ever

_entries: dict[str, list[str] | None] = {}  # pattern -> keywords, for this process
_read = False  # the file was read: this run keeps what it derives
_changed = False


def _stamp() -> str:
    try:
        found = Path(__file__).with_name("keywords.py").stat()
        return f"{__version__}:{found.st_size}:{found.st_mtime_ns}"
    except OSError:
        return __version__


def enable() -> None:
    """Use the file for this run: read it now, and let `save` write what is derived after."""
    global _read
    if _read:
        return
    _read = True
    try:
        data = json.loads((user_cache_dir() / FILE).read_text(encoding="utf-8"))
        if data.get("stamp") == _stamp():
            for pattern, found in data["entries"].items():
                if found is None or (isinstance(found, list) and all(isinstance(w, str) for w in found)):
                    _entries.setdefault(pattern, found)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        pass


def derive(pattern: str) -> list[str] | None:
    """healthlint.rules.keywords.derive(pattern), from memory or the file when it is there."""
    global _changed
    if pattern in _entries:
        return _entries[pattern]
    from healthlint.rules.keywords import derive as parse_and_derive  # only for patterns not seen before

    _entries[pattern] = found = parse_and_derive(pattern)
    _changed = True
    return found


def save() -> None:
    """Write the file when it is in use and this run derived something new (the newest LIMIT entries)."""
    global _changed
    if not (_read and _changed):
        return
    _changed = False
    from healthlint.atomic import write_text

    kept = dict(list(_entries.items())[-LIMIT:])
    folder = user_cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_text(folder / FILE, json.dumps({"stamp": _stamp(), "entries": kept}))
    except OSError:
        pass
