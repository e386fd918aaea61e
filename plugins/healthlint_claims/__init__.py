"""healthlint's general health-claims pack: cure, efficacy, safety, evidence, anecdote, statistics,
hype, invasiveness, regulatory and commercial rules, plus the document-level missing-harms rule.

Simple phrase rules and claim rules are data (rules.toml); so are the phrase rules that fire only
on pages that read as promotional (promotional.toml: prices, booking, trust marks), judged by the
register cues of rules.toml.
Context-aware rules are Python (harms, invasiveness, commercial, testimonials). The pack registers through the
`healthlint` entry-point group like any third party.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from healthlint import hookimpl
from healthlint.claims.rule import ClaimRule
from healthlint.rules import Rule
from healthlint.rules.phrase import LazyPattern, PhraseRule, load_phrase_rules

PACK = "health-claims"


@cache
def rules() -> list[Rule]:
    import regex

    from healthlint_claims import commercial, harms, invasiveness, likely, testimonials

    phrase = load_phrase_rules(Path(__file__).with_name("rules.toml"), PACK)
    analyzer = next(r.analyzer for r in phrase if isinstance(r, ClaimRule) and r.analyzer)  # the register
    harms.RULE.analyzer = testimonials.RULE.analyzer = commercial.RULE.analyzer = analyzer
    testimonials.RULE.seller_signed = LazyPattern(analyzer.lexicon.pattern("seller-signatures"), regex.I,
                                                  f"{PACK}: vocabulary 'seller-signatures'", eager=False)
    said, words = invasiveness.said_gentle(analyzer.lexicon)
    gentle = replace(invasiveness.RULE, analyzer=analyzer, keywords=(*invasiveness.RULE.keywords, *words),
                     said_gentle=LazyPattern(said, regex.I, f"{PACK}: vocabulary {invasiveness.GENTLE_CLAIMS!r}",
                                             eager=False))
    # promotional.toml's rules read rules.toml's [register]: each is `register = "promotional"`.
    sales = [replace(r, register="promotional", analyzer=analyzer)
             for r in load_phrase_rules(Path(__file__).with_name("promotional.toml"), PACK)
             if isinstance(r, PhraseRule)]
    return [*phrase, *sales, harms.RULE, gentle, commercial.RULE, testimonials.RULE, *likely.rules(analyzer)]


@hookimpl
def healthlint_rules() -> list[Rule]:
    return rules()
