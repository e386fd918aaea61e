"""`--format gitlab`: a GitLab Code Quality report (a JSON array of issues), shown on merge requests.

Paths are relative to the repository root. Each issue's fingerprint is stable across unrelated
edits (the file, the baseline fingerprint and which occurrence of it this is), so GitLab can tell
new findings from fixed ones between the base and the head of a merge request.
"""

from __future__ import annotations

import json
from collections import Counter

from healthlint.output.findings import RunResult
from healthlint.output.reporters.base import Reporter

_SEVERITY = {"info": "info", "warning": "minor", "error": "major"}


class GitlabReporter(Reporter):
    name = "gitlab"
    description = "a GitLab Code Quality report (JSON), for merge request widgets"

    def render(self, result: RunResult) -> str:
        import hashlib  # here: loading OpenSSL costs every run's start-up

        from healthlint.text.locations import Locations

        where = Locations().display
        seen: Counter[tuple[str, str, str]] = Counter()
        issues = []
        for f in result.findings:
            path = where(f.path)
            identity = (path, f.rule, f.fingerprint or f"{f.line}:{f.column}")
            seen[identity] += 1
            fingerprint = hashlib.sha256("\0".join((*identity, str(seen[identity]))).encode()).hexdigest()
            issues.append({
                "type": "issue",
                "check_name": f.rule,
                "description": f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else ""),
                "categories": ["Style"],
                "severity": _SEVERITY[f.severity],
                "fingerprint": fingerprint,
                "location": {"path": path, "positions": {"begin": {"line": f.line, "column": f.column},
                                                         "end": {"line": f.end_line, "column": f.end_column}}},
            })
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
