"""The built-in output formats, registered through the same hook a plugin would use."""

from __future__ import annotations

from healthlint.output.reporters.base import Reporter
from healthlint.output.reporters.github import GithubReporter
from healthlint.output.reporters.gitlab import GitlabReporter
from healthlint.output.reporters.json_ import JsonReporter
from healthlint.output.reporters.junit import JunitReporter
from healthlint.output.reporters.sarif import SarifReporter
from healthlint.output.reporters.text import TextReporter
from healthlint.rules.hookspec import hookimpl


@hookimpl
def healthlint_reporters() -> list[type[Reporter]]:
    return [TextReporter, JsonReporter, GithubReporter, SarifReporter, GitlabReporter, JunitReporter]
