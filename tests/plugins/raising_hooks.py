"""A plugin whose hooks misbehave: rules hook raises, reporter renders with an exception."""

from healthlint import hookimpl
from healthlint.output.reporters.base import Reporter


class BrokenReporter(Reporter):
    name = "broken"

    def render(self, result):
        raise ValueError("cannot render")


@hookimpl
def healthlint_rules():
    raise RuntimeError("rules hook exploded")


@hookimpl
def healthlint_reporters():
    return [BrokenReporter]
