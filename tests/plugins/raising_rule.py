"""A plugin whose rules misbehave: one raises, one returns a span outside the document, one a tuple."""

from healthlint import hookimpl
from healthlint.rules import Match, Rule, RuleInfo


class Raises(Rule):
    def check(self, ctx):
        raise RuntimeError("boom")


class OutOfRange(Rule):
    def check(self, ctx):
        yield Match(0, 10**9)


class WrongType(Rule):
    def check(self, ctx):
        yield (0, 1)


@hookimpl
def healthlint_rules():
    return [
        Raises(RuleInfo(id="bad/raises", category="hype", severity="error", message="never shown"),
               keywords=("miracle",)),
        OutOfRange(RuleInfo(id="bad/out-of-range", category="hype", severity="error", message="never shown"),
                   keywords=("miracle",)),
        WrongType(RuleInfo(id="bad/wrong-type", category="hype", severity="error", message="never shown"),
                  keywords=("miracle",)),
    ]
