"""Suggested rewrites: `--diff` shows them all as a unified diff, `--fix` applies the safe ones.

Only prose is ever rewritten (rules see nothing else), suppressed findings are gone before this,
overlapping rewrites keep the first, and files are written atomically with their line endings
and permission bits unchanged.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from healthlint.atomic import write_bytes
from healthlint.findings import Finding


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


def apply_safe(findings: list[Finding], sources: dict[str, str], skip: str | None = None) -> list[str]:
    """Write the safe rewrites into their files, but not into `skip` (standard input's name);
    returns the paths changed."""
    changed = []
    for path, group in by_path(findings, safe_only=True).items():
        before = sources[path]
        after = rewrite(before, group)
        if after != before and path not in (skip, "-"):
            write_bytes(Path(path), after.encode("utf-8"))
            changed.append(path)
    return changed
