"""The built-in output formats, registered through the same hook a plugin would use."""

from __future__ import annotations

from healthlint.hookspec import hookimpl
from healthlint.reporters.base import Reporter
from healthlint.reporters.github import GithubReporter
from healthlint.reporters.gitlab import GitlabReporter
from healthlint.reporters.json_ import JsonReporter
from healthlint.reporters.junit import JunitReporter
from healthlint.reporters.sarif import SarifReporter
from healthlint.reporters.text import TextReporter


@hookimpl
def healthlint_reporters() -> list[type[Reporter]]:
    return [TextReporter, JsonReporter, GithubReporter, SarifReporter, GitlabReporter, JunitReporter]
