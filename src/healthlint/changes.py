"""Which lines changed since a git revision, so CI can report only findings on touched lines.

Lines come from `git diff -M --unified=0 REV` (the working tree against REV, renames followed);
files git does not track yet (and does not ignore) count as changed throughout.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from healthlint.errors import HealthlintError
from healthlint.findings import Finding
from healthlint.lazyregex import lazy

_HUNK = lazy(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
EVERY_LINE = None  # a file that is new as a whole


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise HealthlintError("--changed-since needs git, which is not installed") from None
    if done.returncode != 0:
        raise HealthlintError(f"--changed-since: git {' '.join(args[:2])} failed: {done.stderr.strip()}")
    return done.stdout


def changed_lines(revision: str, cwd: Path) -> dict[Path, set[int] | None]:
    """Absolute path -> the 1-based line numbers added or changed since `revision` (None: all)."""
    root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], cwd)
    changed: dict[Path, set[int] | None] = {}
    current: Path | None = None
    for line in _git(["diff", "-M", "--unified=0", "--no-color", "--no-ext-diff", revision, "--"], root).splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else (root / name[2:]).resolve()
            if current is not None:
                changed.setdefault(current, set())
        elif current is not None and (hunk := _HUNK.match(line)):
            start, count = int(hunk.group(1)), int(hunk.group(2) or "1")
            lines = changed[current]
            if lines is not None:
                lines.update(range(start, start + count))
    for name in _git(["ls-files", "--others", "--exclude-standard"], root).splitlines():
        changed[(root / name).resolve()] = EVERY_LINE
    return changed


def only_changed(findings: list[Finding], changed: dict[Path, set[int] | None]) -> list[Finding]:
    """The findings that overlap a changed line."""
    kept = []
    for finding in findings:
        lines = changed.get(Path(finding.path).resolve(), set())
        if lines is EVERY_LINE or any(n in lines for n in range(finding.line, finding.end_line + 1)):
            kept.append(finding)
    return kept
