"""Writing a file so that it is either the old one or the complete new one, never half of each."""

from __future__ import annotations

import os
from pathlib import Path


def write_bytes(target: Path, data: bytes) -> None:
    """Write to a temporary file beside `target` and rename it into place, keeping `target`'s
    permission bits; on any error (or interruption) the original is left untouched."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # what open() would have given a new file
    import tempfile  # here: most runs write nothing

    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))
