"""healthlint's regenerative-medicine pack: claims specific to stem cells, exosomes and similar products.

A small pack that shows how a third party writes one: phrase rules in rules.toml, one Python rule,
and a `healthlint` entry point in its package metadata.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from healthlint import hookimpl
from healthlint.rules import Rule
from healthlint.rules.phrase import load_phrase_rules

PACK = "regenerative"


@cache
def rules() -> list[Rule]:
    from healthlint_regenerative import autologous

    return [*load_phrase_rules(Path(__file__).with_name("rules.toml"), PACK), autologous.RULE]


@hookimpl
def healthlint_rules() -> list[Rule]:
    return rules()
