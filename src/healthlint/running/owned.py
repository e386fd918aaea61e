"""Files of the user's own in healthlint's cache folder, which later runs trust: the kept rules
(healthlint.running.compiled, unpickled) and the memo of plugin files' hashes (healthlint.running.
cache). They live only under `user_cache_dir()`, never in a folder relative to the current one (a
repository's, where a pull request could put a file); one is read only when it is a regular file
the user owns and nobody else may write to, and written whole, readable by the user only.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from healthlint.running.trust import user_cache_dir

NOFOLLOW = os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def cache_path(*parts: str) -> Path | None:
    """`user_cache_dir()` joined with `parts`; None when the user has no cache folder of their own
    (with no home folder to be found, it would be relative to the current folder)."""
    try:
        folder = user_cache_dir()
    except (RuntimeError, KeyError, OSError):
        return None
    return folder.joinpath(*parts) if folder.is_absolute() else None


def open_own(path: Path) -> BinaryIO | None:
    """`path` open for reading when it is a regular file the user owns and nobody else may write to
    (not followed if it is a symbolic link); None otherwise, or when it cannot be opened."""
    try:
        stream = os.fdopen(os.open(path, os.O_RDONLY | NOFOLLOW), "rb")
    except OSError:
        return None
    status = os.fstat(stream.fileno())
    if not stat.S_ISREG(status.st_mode) or status.st_mode & 0o022 or (
            hasattr(os, "getuid") and status.st_uid != os.getuid()):
        stream.close()
        return None  # someone else could have written it
    return stream


def write_own(path: Path, data: bytes) -> bool:
    """Write `data` to `path` whole (a temporary file renamed over it), readable by the user only,
    making its folder (the user's only) when missing; False when it cannot be written."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
        return True
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:  # no folder to hold it
            pass
        return False
