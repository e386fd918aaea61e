"""Suggested rewrites: `--diff` shows them all as a unified diff, `--fix` applies the safe ones.

Only prose is ever rewritten (rules see nothing else), suppressed findings are gone before this,
overlapping rewrites keep the first, and files are written atomically with their line endings
and permission bits unchanged.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path

from healthlint.atomic import write_bytes
from healthlint.errors import InputError
from healthlint.output.findings import Finding, RunError


def rewrite(text: str, findings: Iterable[Finding]) -> str:
    """`text` with each finding's replacement applied, left to right, skipping overlaps."""
    parts, position = [], 0
    for finding in sorted(findings, key=lambda f: (f.offset, f.end_offset)):
        if finding.replacement is None or finding.offset < position:
            continue
        parts.append(text[position:finding.offset])
        parts.append(finding.replacement)
        position = finding.end_offset
    parts.append(text[position:])
    return "".join(parts)


def by_path(findings: Iterable[Finding], safe_only: bool) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.replacement is not None and (finding.safe or not safe_only):
            grouped.setdefault(finding.path, []).append(finding)
    return grouped


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def apply_safe(findings: list[Finding], sources: dict[str, str], skip: str | None = None,
               root: Path | None = None) -> tuple[list[str], list[RunError]]:
    """Write the safe rewrites into their files, but not into `skip` (standard input's name):
    the paths changed, and an error for each file that could not be (a symlink leading out of
    `root`, a read-only folder, a full disk)."""
    changed: list[str] = []
    errors: list[RunError] = []
    for path, group in by_path(findings, safe_only=True).items():
        before = sources[path]
        after = rewrite(before, group)
        if after != before and path not in (skip, "-"):
            try:
                write_bytes(_write_target(path, root), after.encode("utf-8"))
                changed.append(path)
            except InputError as exc:
                errors.append(RunError(str(exc), path))
            except OSError as exc:
                errors.append(RunError(f"{path}: cannot write the fix: {exc.strerror or exc}", path))
    return changed, errors


def _write_target(path: str, root: Path | None) -> Path:
    """The file to write for `path`: itself, or, when a symlink (of the file or a folder on
    its way) leads elsewhere, the file it leads to, as long as that is inside `root`; a
    symlink is never replaced by a regular file."""
    given = Path(os.path.abspath(path))
    real = Path(os.path.realpath(path))
    if real == given:
        return given
    inside = root is not None and real.is_relative_to(os.path.realpath(root))
    if not inside:
        raise InputError(f"{path}: a symbolic link to {real}, outside {root or 'the project'}; not fixed")
    return real
