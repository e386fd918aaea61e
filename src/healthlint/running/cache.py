"""A content-hash cache of each file's findings that the repository it sits in cannot forge.

Entries are keyed by the file's bytes and path, the configuration, healthlint's version and the
source of every loaded plugin, never by mtime; the key is a keyed hash (BLAKE2b as a MAC) under a
secret of the user's own, kept outside every repository (`trust.user_cache_dir()/key`), so an
entry committed to a repository has a name no run will ever look up. The cache folder is opened
once without following symlinks and everything in it is reached through that descriptor, again
without following symlinks: a committed `.healthlint_cache` symlink, or links inside it, make
healthlint skip the cache, never write elsewhere. Entries are JSON lines written to a temporary
file in the cache folder (which git ignores) and renamed; entries unused for MAX_AGE are pruned.
Beside them, one entry per settings fingerprint describes the rules (healthlint.running.summary), so that
a run whose every file is answered here loads no plugin.
"""

from __future__ import annotations

import itertools
import json
import os
import stat
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from healthlint import __version__
from healthlint.output.findings import Finding, RunError, field_values
from healthlint.running.owned import NOFOLLOW, cache_path, open_own, write_own
from healthlint.running.trust import user_cache_dir

try:  # hashlib.blake2b itself, without importing hashlib, which loads OpenSSL (~2.5 ms of every run)
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

# An entry is lines of JSON: the list of errors, then lists of up to CHUNK findings, each finding
# the list of its field values in declaration order (Finding.__slots__).
FORMAT = 4  # bump when the entry layout changes
KEY_BYTES = 32
MAX_AGE = 30 * 24 * 3600  # seconds an entry is kept after it was written
PRUNE_EVERY = 24 * 3600  # seconds between two prunings of one cache folder
STALE_TEMPORARY = 3600  # seconds after which a temporary file is an interrupted write's leftover
CHUNK = 10_000  # findings per line: a 50 MB file's entry is never one string in memory
_PRUNED = ".pruned"
RULES_SUFFIX = ".rules"  # the entry that describes the rules of a settings fingerprint (healthlint.running.summary)
SOURCES_MEMO = "sources.json"  # in user_cache_dir(): the hash of each plugin file's bytes, by its stat (see _Digests)
MEMO_ENTRIES = 4096  # files the memo remembers (a few plugin folders, however many configurations)
RACY = 2_000_000_000  # ns: a file changed more recently than this may change again within its mtime's tick


def core_stamp() -> str:
    """The size and modification time of each of healthlint's own files: two installs of the
    same version from different commits (a pre-commit hook moved to a new rev, an editable
    install after a pull) share the user's cache folder but not their entries or built rules."""
    package = Path(__file__).resolve().parent.parent
    parts = []
    for folder, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith((".py", ".toml", ".json", ".txt")):
                try:
                    found = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                parts.append(f"{folder[len(str(package)):]}/{name}:{found.st_size}:{found.st_mtime_ns}")
    return "\n".join(parts)


def sources_fingerprint(sources: list[tuple[str, list[Path]]]) -> str:
    """A hash of healthlint's version and own files (core_stamp) and of what rules are built
    from: each plugin's name and the bytes of its files (sources and data of any kind: a pack's
    word lists, rule tables, a model's weights; not bytecode), and files a configuration reads."""
    digest = blake2b(f"{__version__}:{FORMAT}:{sys.version_info[:2]}".encode(), digest_size=32)
    digest.update(core_stamp().encode("utf-8", "surrogateescape"))
    digests = _Digests.load()
    for name, files in sources:
        digest.update(f"\0{name}\0".encode("utf-8", "surrogateescape"))
        for file in files:
            if file.suffix in (".pyc", ".pyo") or "__pycache__" in file.parts:
                continue
            try:
                found = os.stat(file)
            except OSError:
                continue
            if stat.S_ISREG(found.st_mode):
                digest.update(f"{file}\0{found.st_size}\0{digests.of(file, found)}\0".encode("utf-8", "surrogateescape"))
    digests.save()
    return digest.hexdigest()


class _Digests:
    """The hash of each plugin file's bytes, remembered by the file's path, size, inode and times
    (as git's index does): a one-file check stats a pack's files instead of reading and hashing
    its megabyte of word lists and weights on every run. A file changed within RACY of being
    hashed is hashed again on every run until it is older (its next change could keep its
    mtime). The memo is the user's own file (`user_cache_dir()/sources.json`), read only when
    nobody else may write to it, as the kept rules it helps to name (healthlint.running.compiled)."""

    def __init__(self, path: Path | None, known: dict[str, str]) -> None:
        self.path = path
        self.known = known
        self.used: dict[str, str] = {}
        self.added = False

    @classmethod
    def load(cls) -> _Digests:
        path = cache_path(SOURCES_MEMO)  # none without a home folder: no memo a repository could hold
        stream = open_own(path) if path is not None else None
        if stream is None:
            return cls(path, {})
        try:
            with stream:
                known = json.loads(stream.read())
        except (OSError, ValueError):
            return cls(path, {})
        if not isinstance(known, dict) or not all(isinstance(v, str) for v in known.values()):
            return cls(path, {})
        return cls(path, known)

    def of(self, file: Path, found: os.stat_result) -> str:
        """The hash of `file`'s bytes; `found` is its stat."""
        key = f"{file}\0{found.st_size}\0{found.st_mtime_ns}\0{found.st_ctime_ns}\0{found.st_ino}\0{found.st_dev}"
        value = self.known.get(key)
        if value is None:
            data = file.read_bytes()
            value = blake2b(data, digest_size=32).hexdigest()
            settled = time.time_ns() - RACY
            if len(data) == found.st_size and max(found.st_mtime_ns, found.st_ctime_ns) < settled:
                self.added = True
            else:
                key = ""  # not remembered
        if key:
            self.used[key] = value
        return value

    def save(self) -> None:
        """Write the memo when a file was hashed afresh: this run's files first, then the others
        it knew, MEMO_ENTRIES at most; nothing when the folder cannot be written."""
        if not self.added or self.path is None:
            return
        kept = dict(itertools.islice({**self.used, **self.known}.items(), MEMO_ENTRIES))
        write_own(self.path, json.dumps(kept, separators=(",", ":")).encode("utf-8"))


def secret_key(folder: Path | None = None) -> bytes | None:
    """The user's cache key (created on first use, readable by the user only); None when the
    user's cache folder cannot hold one, and then nothing is cached."""
    path = (folder or user_cache_dir()) / "key"
    for _ in range(2):
        try:
            descriptor = os.open(path, os.O_RDONLY | NOFOLLOW | os.O_NONBLOCK)
        except FileNotFoundError:
            try:
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600)
            except FileExistsError:
                continue  # another run created it meanwhile: read that one
            except OSError:
                return None
            key = os.urandom(KEY_BYTES)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(key)
            return key
        except OSError:
            return None
        with os.fdopen(descriptor, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return None
            key = stream.read(KEY_BYTES + 1)
        return key if len(key) == KEY_BYTES else None
    return None


class Cache:
    """Findings and errors per (file path, bytes), under one settings fingerprint."""

    def __init__(self, directory: Path, fingerprint: str, key: bytes | None = None) -> None:
        self.directory = directory
        self.fingerprint = fingerprint
        self._key = key
        self._folder: int | None = None  # the cache folder's descriptor, once opened
        self._state = "new"  # "new", "open", "missing" (nothing to read yet) or "off"

    def _secret(self) -> bytes | None:
        if self._key is None and self._state != "off":
            self._key = secret_key()
            if self._key is None:
                self._state = "off"
        return self._key

    def key(self, path: str, data: bytes) -> str | None:
        """The entry name of a file's bytes; None when this user has no cache key."""
        secret = self._secret()
        if secret is None:
            return None
        digest = blake2b(self.fingerprint.encode(), digest_size=32, key=secret)
        digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _open(self, create: bool) -> int | None:
        """The cache folder's descriptor, opened without following a symlink; None if absent
        (and not `create`) or unusable."""
        if self._state == "open" or self._state == "off" or (self._state == "missing" and not create):
            return self._folder
        flags = os.O_RDONLY | os.O_DIRECTORY | NOFOLLOW
        try:
            self._folder = os.open(self.directory, flags)
        except FileNotFoundError:
            if not create:
                self._state = "missing"
                return None
            try:
                os.mkdir(self.directory, 0o755)
                self._folder = os.open(self.directory, flags)
            except OSError:
                self._state = "off"
                return None
        except OSError:  # a symlink (ELOOP), not a folder, unreadable: no cache this run
            self._state = "off"
            return None
        self._state = "open"
        try:  # O_EXCL|O_NOFOLLOW: an existing file or a (dangling) symlink is left as it is
            ignore = os.open(".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o644, dir_fd=self._folder)
            with os.fdopen(ignore, "w", encoding="utf-8") as stream:
                stream.write("# created by healthlint\n*\n")
        except OSError:
            pass
        return self._folder

    def _read(self, name: str) -> TextIO | None:
        """An entry's file, opened without following a symlink; None when there is none."""
        folder = self._open(create=False)
        if folder is None:
            return None
        try:
            descriptor = os.open(name, os.O_RDONLY | NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
        except OSError:
            return None
        stream = os.fdopen(descriptor, encoding="utf-8")
        try:
            if stat.S_ISREG(os.fstat(descriptor).st_mode):
                return stream
        except OSError:
            pass
        stream.close()
        return None

    def _write(self, name: str, lines: Iterable[str]) -> None:
        """Write an entry atomically (a temporary file, renamed); a cache that cannot be written is skipped."""
        folder = self._open(create=True)
        if folder is None:
            return
        temporary = f"{name}.{os.getpid()}.tmp"
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o644, dir_fd=folder)
        except OSError:
            return
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                stream.writelines(lines)
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException as exc:  # an interrupted write keeps the old entry and leaves no temporary
            try:
                os.unlink(temporary, dir_fd=folder)
            except OSError:
                pass
            if not isinstance(exc, OSError):
                raise

    def get(self, key: str) -> tuple[list[Finding], list[RunError]] | None:
        stream = self._read(f"{key}.json")
        if stream is None:
            return None
        try:
            with stream:
                errors = [RunError(e["message"], e["path"]) for e in json.loads(stream.readline())]
                findings = [Finding(*f) for line in stream for f in json.loads(line)]  # a chunk at a time
            return findings, errors
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None  # corrupt: lint again and overwrite

    def put(self, key: str, findings: list[Finding], errors: list[RunError]) -> None:
        """Store an entry; a cache that cannot be written is silently skipped."""
        head = json.dumps([{"message": e.message, "path": e.path} for e in errors]) + "\n"
        chunks = (json.dumps([field_values(f) for f in findings[start:start + CHUNK]]) + "\n"  # compact, fast to load
                  for start in range(0, len(findings), CHUNK))
        self._write(f"{key}.json", itertools.chain([head], chunks))

    def _rules_name(self) -> str | None:
        key = self.key("", b"")  # no file has an empty path: no file's entry has this name
        return f"{key}{RULES_SUFFIX}" if key else None

    def get_rules(self) -> Any:
        """The rule summary stored under these settings (JSON, see healthlint.running.summary), or None."""
        name = self._rules_name()
        stream = self._read(name) if name else None
        if stream is None:
            return None
        try:
            with stream:
                return json.load(stream)
        except (OSError, ValueError, RecursionError):
            return None

    def put_rules(self, data: Any) -> None:
        name = self._rules_name()
        if name:
            self._write(name, [json.dumps(data)])

    def prune(self, now: float | None = None) -> int:
        """Remove entries older than MAX_AGE and leftover temporary files, at most once per
        PRUNE_EVERY per folder; returns how many files were removed."""
        folder = self._open(create=False)
        if folder is None:
            return 0
        now = time.time() if now is None else now
        try:
            if now - os.stat(_PRUNED, dir_fd=folder, follow_symlinks=False).st_mtime < PRUNE_EVERY:
                return 0
        except FileNotFoundError:
            pass
        except OSError:
            return 0
        removed = 0
        try:
            os.close(os.open(_PRUNED, os.O_WRONLY | os.O_CREAT | NOFOLLOW, 0o644, dir_fd=folder))
            os.utime(_PRUNED, dir_fd=folder, follow_symlinks=False)
            with os.scandir(folder) as entries:
                for entry in entries:
                    age = now - entry.stat(follow_symlinks=False).st_mtime
                    if (entry.name.endswith((".json", RULES_SUFFIX)) and age > MAX_AGE) or \
                            (entry.name.endswith(".tmp") and age > STALE_TEMPORARY):
                        os.unlink(entry.name, dir_fd=folder)
                        removed += 1
        except OSError:
            pass
        return removed
