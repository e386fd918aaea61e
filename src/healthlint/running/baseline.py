"""Baselines for existing content: record today's findings, then report only new ones.

Entries are keyed by file (relative to the baseline file's folder), rule and fingerprint (the
flagged text and its sentence), so a finding survives unrelated edits and moved lines; a changed
claim is a new finding, and a renamed rule's finding matches the entry under its former id.
Entries whose finding is gone are "stale".
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from healthlint.atomic import write_text
from healthlint.errors import ConfigError, HealthlintError, InputError
from healthlint.output.findings import Finding
from healthlint.text.document import read_bytes

FORMAT = 1
STALE_RULE = "healthlint/stale-baseline"


def _key_path(path: str, folder: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive
        return Path(path).resolve().as_posix()


def write(target: Path, findings: list[Finding]) -> int:
    """Write the baseline atomically; returns the number of entries."""
    counts = Counter((_key_path(f.path, target.parent), f.rule, f.fingerprint) for f in findings)
    entries = [{"path": p, "rule": r, "fingerprint": fp, "count": n} for (p, r, fp), n in sorted(counts.items())]
    try:
        write_text(target, json.dumps({"healthlint-baseline": FORMAT, "entries": entries}, indent=1) + "\n")
    except OSError as exc:
        raise HealthlintError(f"{target}: cannot write the baseline: {exc.strerror or exc}") from None
    return len(entries)


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"'count' must be a positive whole number, not {value!r}")
    return value


class Baseline:
    """Known findings; `filter` keeps the new ones and remembers which entries matched."""

    def __init__(self, source: Path) -> None:
        if not os.path.lexists(source):
            raise ConfigError(f"{source}: baseline file not found (create it with --write-baseline)")
        try:  # read as a linted file is: a named pipe or /dev/zero is an error, not a hang
            data = json.loads(read_bytes(str(source)).decode("utf-8"))
            entries = data["entries"]
            self._left = Counter({(e["path"], e["rule"], e["fingerprint"]): _count(e.get("count", 1)) for e in entries})
        except InputError as exc:
            raise ConfigError(f"{exc} (the baseline)") from None
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise ConfigError(f"{source}: not a healthlint baseline ({type(exc).__name__}: {exc})"[:500]) from None
        self.folder = source.parent

    def filter(self, findings: list[Finding]) -> list[Finding]:
        """The findings the baseline does not know. A finding of a renamed rule is known by its
        former id too (RuleInfo.formerly): a baseline written before the rename still holds it."""
        kept = []
        for finding in findings:
            path = _key_path(finding.path, self.folder)
            keys = [(path, finding.rule, finding.fingerprint),
                    *((path, former, fingerprint) for former, fingerprint in finding.former_fingerprints)]
            key = next((k for k in keys if self._left[k] > 0), None)
            if key is not None:
                self._left[key] -= 1
            else:
                kept.append(finding)
        return kept

    def stale(self, checked: list[str]) -> list[Finding]:
        """Findings for entries of the `checked` files that `filter` did not match: gone from the text."""
        paths = {_key_path(path, self.folder): path for path in checked}
        return [
            Finding(path=paths[path], rule=STALE_RULE, category="baseline", severity="warning",
                    message=f"The baselined finding of {rule} ({count}x) is gone; rewrite the baseline "
                            "with --write-baseline to drop it.",
                    suggestion=None, offset=0, end_offset=0, line=1, column=1, end_line=1, end_column=1)
            for (path, rule, _), count in sorted(self._left.items()) if count > 0 and path in paths
        ]
