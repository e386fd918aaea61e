"""Which lines changed since a git revision, so CI can report only findings on touched lines.

File names come from `git diff --raw -z` (NUL-separated, exactly as stored: no quoting of
non-ASCII names, no tab after names with spaces) and line numbers from the hunk headers of the
patch git prints after it (`--patch-with-raw`, renames followed), block by block in the same
order. Files git does not track yet (and does not ignore) count as changed throughout.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from healthlint.errors import HealthlintError
from healthlint.output.findings import Finding

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_FILE_HEADER = re.compile(rb"^diff --git ", re.MULTILINE)  # content lines start with +, - or space
EVERY_LINE = None  # a file that is new as a whole


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise HealthlintError("--changed-since needs git, which is not installed") from None
    if done.returncode != 0:
        detail = os.fsdecode(done.stderr).strip() or f"exit status {done.returncode}"
        raise HealthlintError(f"--changed-since: git {' '.join(args[:2])} failed: {detail}")
    return done.stdout


def _verify(revision: str, root: Path) -> None:
    """A revision that is not a commit here is a clear error; in a shallow clone (CI checkouts
    usually are) the base commit is often simply not fetched, so say how to fetch it."""
    done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
                          cwd=root, capture_output=True, check=False)
    if done.returncode == 0:
        return
    message = f"--changed-since: {revision!r} is not a commit in the repository at {root}"
    if _git(["rev-parse", "--is-shallow-repository"], root).strip() == b"true":
        message += ("; this is a shallow clone, so the commit may not have been fetched: fetch the history "
                    "(actions/checkout with fetch-depth: 0, or git fetch --unshallow) or at least that commit")
    else:
        message += "; fetch it first (for a branch of a remote: git fetch origin BRANCH)"
    raise HealthlintError(message)


@dataclass(frozen=True)
class _Entry:
    """One `--raw` line: its status letter and the file's name now (None when deleted)."""

    status: str
    path: bytes | None


def _raw_entries(raw: bytes) -> list[_Entry]:
    """Parse `--raw -z`: ':modes shas STATUS\\0path\\0', with two paths for renames and copies."""
    fields = raw.split(b"\0")
    entries, index = [], 0
    while index < len(fields) and fields[index].startswith(b":"):
        status = fields[index].split()[-1].decode("ascii")[:1]
        if status in "RC":
            entries.append(_Entry(status, fields[index + 2]))
            index += 3
        else:
            entries.append(_Entry(status, None if status == "D" else fields[index + 1]))
            index += 2
    return entries


def _added_lines(block: bytes) -> set[int]:
    """Line numbers (in the new file) of the hunks of one file's patch."""
    lines: set[int] = set()
    for line in block.split(b"\n"):
        if hunk := _HUNK.match(line):
            start, count = int(hunk.group(1)), int(hunk.group(2) or b"1")
            lines.update(range(start, start + count))
    return lines


def changed_lines(revision: str, cwd: Path) -> dict[Path, set[int] | None]:
    """Absolute path -> the 1-based line numbers added or changed since `revision` (None: all)."""
    root = Path(os.fsdecode(_git(["rev-parse", "--show-toplevel"], cwd).rstrip(b"\n")))
    _verify(revision, root)
    output = _git(["diff", "--patch-with-raw", "-z", "-M", "--unified=0",
                   "--no-color", "--no-ext-diff", "--ignore-submodules", revision, "--"], root)
    raw, _, patch = output.partition(b"\0\0")  # names are never empty: the first "\0\0" ends the raw part
    entries = _raw_entries(raw + b"\0")
    blocks = _FILE_HEADER.split(patch)[1:]
    # A type change (file <-> symlink) prints a deletion and an addition: two blocks for one entry.
    expected = sum(2 if entry.status == "T" else 1 for entry in entries)
    changed: dict[Path, set[int] | None] = {}
    position = 0
    for entry in entries:
        width = 2 if entry.status == "T" else 1
        mine, position = blocks[position:position + width], position + width
        if entry.path is None:
            continue
        path = (root / os.fsdecode(entry.path)).resolve()
        if entry.status in "AT" or len(blocks) != expected:
            changed[path] = EVERY_LINE  # new as a whole, or a patch we cannot pair up: never drop a finding
        else:
            changed[path] = set().union(*map(_added_lines, mine))
    for name in _git(["ls-files", "-z", "--others", "--exclude-standard"], root).split(b"\0"):
        if name:
            changed[(root / os.fsdecode(name)).resolve()] = EVERY_LINE
    return changed


def only_changed(findings: list[Finding], changed: dict[Path, set[int] | None]) -> list[Finding]:
    """The findings that overlap a changed line."""
    kept = []
    for finding in findings:
        lines = changed.get(Path(finding.path).resolve(), set())
        if lines is EVERY_LINE or any(n in lines for n in range(finding.line, finding.end_line + 1)):
            kept.append(finding)
    return kept
