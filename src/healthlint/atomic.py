"""Writing a file so that it is either the old one or the complete new one, never half of each."""

from __future__ import annotations

import os
from pathlib import Path


def write_bytes(target: Path, data: bytes) -> None:
    """Write to a temporary file beside `target` and rename it into place, keeping `target`'s
    permission bits; on any error (or interruption) the original is left untouched.

    Where the system allows (Linux, O_TMPFILE), the data is written to a file with no name,
    which is named only for the instant before the rename: a run killed while writing leaves
    nothing behind for `git add -A` to pick up."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # what open() would have given a new file
    folder = target.parent
    temporary = None
    try:
        try:
            handle = os.open(folder, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o600)
        except (AttributeError, OSError):  # not Linux, or a file system without unnamed files
            import tempfile  # here: most runs write nothing

            handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(handle, mode)
            if temporary is None:
                temporary = str(folder / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
                # linkat(AT_SYMLINK_FOLLOW) on the descriptor's /proc link (a dir fd makes Python
                # call linkat, not link; it is ignored for an absolute path)
                os.link(f"/proc/self/fd/{handle}", temporary, src_dir_fd=handle, follow_symlinks=True)
        os.replace(temporary, target)
    except BaseException:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))
