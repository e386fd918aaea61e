"""A plugin whose rules attack the process that runs them: one never returns, one prints to
standard output (the language server's JSON-RPC stream), one ends the process."""

import os

from healthlint import hookimpl
from healthlint.rules import Match, Rule, RuleInfo


class Loops(Rule):
    def check(self, ctx):
        while True:
            pass


class Prints(Rule):
    def check(self, ctx):
        print("Content-Length: 5\r\n\r\nnoise")
        start = ctx.text.index("printme")
        yield Match(ctx.start + start, ctx.start + start + 7)


class Exits(Rule):
    def check(self, ctx):
        os._exit(3)


def _info(name: str) -> RuleInfo:
    return RuleInfo(id=f"hostile/{name}", category="hype", severity="warning", message=f"hostile {name}")


@hookimpl
def healthlint_rules():
    return [Loops(_info("loops"), keywords=("loopforever",)), Prints(_info("prints"), keywords=("printme",)),
            Exits(_info("exits"), keywords=("exitnow",))]
