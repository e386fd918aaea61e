"""A content-hash cache of each file's findings, safe in CI: keyed by the file's bytes and path,
the configuration, healthlint's version and the source of every loaded plugin, never by mtime.

Entries are JSON files written atomically; an unreadable or corrupt entry is ignored and rebuilt.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from healthlint import __version__
from healthlint.atomic import write_text
from healthlint.findings import Finding, RunError, field_values

try:  # hashlib.blake2b itself, without importing hashlib, which loads OpenSSL (~2.5 ms of every run)
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

# An entry stores each finding as a list of its field values in declaration order (Finding.__slots__).
FORMAT = 3  # bump when the entry layout changes


def plugin_fingerprint(modules: list[object]) -> str:
    """A hash of the source and data files (.py, .toml, .txt) of every plugin module and its package."""
    digest = blake2b(f"{__version__}:{FORMAT}:{sys.version_info[:2]}".encode(), digest_size=32)
    for module in modules:
        path = getattr(module, "__file__", None)
        if not path:
            digest.update(repr(module).encode())
            continue
        path = Path(path)
        files = sorted(path.parent.rglob("*")) if path.name == "__init__.py" else [path]
        for file in files:
            if file.suffix in (".py", ".toml", ".txt") and file.is_file():
                digest.update(str(file.relative_to(path.parent)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


class Cache:
    """Findings and errors per (file path, bytes), under one settings fingerprint."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = directory
        self.fingerprint = fingerprint
        self._ready = False

    def key(self, path: str, data: bytes) -> str:
        digest = blake2b(self.fingerprint.encode(), digest_size=32)
        digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> tuple[list[Finding], list[RunError]] | None:
        try:
            with open(os.path.join(self.directory, key[:2], f"{key}.json"), encoding="utf-8") as stream:
                entry = json.load(stream)
            return ([Finding(*f) for f in entry["findings"]],
                    [RunError(e["message"], e["path"]) for e in entry["errors"]])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or corrupt: lint again and overwrite

    def put(self, key: str, findings: list[Finding], errors: list[RunError]) -> None:
        """Store an entry; a cache that cannot be written is silently skipped."""
        entry = {"findings": [field_values(f) for f in findings],  # compact, fast to load
                 "errors": [{"message": e.message, "path": e.path} for e in errors]}
        try:
            if not self._ready:
                self.directory.mkdir(parents=True, exist_ok=True)
                ignore = self.directory / ".gitignore"
                if not ignore.exists():
                    ignore.write_text("# created by healthlint\n*\n", encoding="utf-8")
                self._ready = True
            folder = self.directory / key[:2]
            folder.mkdir(exist_ok=True)
            write_text(folder / f"{key}.json", json.dumps(entry))  # an interrupted write keeps the old entry
        except OSError:
            pass
