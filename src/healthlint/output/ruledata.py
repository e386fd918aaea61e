"""A rule as data: what `healthlint rules --format json` prints, each phrase rule's keys as loaded
(keywords derived, patterns as compiled, vocabularies expanded) and each claim rule's, so a
person or a tool sees what actually runs."""

from __future__ import annotations

import regex

from healthlint.claims.rule import ClaimRule
from healthlint.output.docs import help_url
from healthlint.rules import DocumentRule, Rule
from healthlint.rules.phrase import LazyPattern, PhraseRule


def rule_json(rule: Rule) -> dict[str, object]:
    """The rule's metadata, kind and keywords; for a phrase or claim rule also every key of its
    format (a key the rule does not set is null, or its default)."""
    info = rule.info
    data: dict[str, object] = {
        "id": info.id, "pack": info.pack, "category": info.category, "severity": info.severity,
        "message": info.message, "suggestion": info.suggestion, "rationale": info.rationale,
        "url": help_url(info), "kind": _kind(rule), "keywords": list(rule.keywords),
        "formerly": list(info.formerly),
    }
    if isinstance(rule, PhraseRule):
        data |= {
            "patterns": [p.source for p in rule.patterns],
            "case-sensitive": bool(rule.patterns) and not rule.patterns[0].flags & regex.IGNORECASE,
            "unless": sorted(rule.unless),
            "requires": _source(rule.requires),
            "excludes": _source(rule.excludes),
            "near": {"pattern": rule.near.pattern.source, "words": rule.near.words} if rule.near else None,
            "fix": rule.fix,
            "fix-safe": rule.fix_safe,
            "not-subject": list(rule.not_subject.names) if rule.not_subject else [],
            "not-topic": list(rule.not_topic.names) if rule.not_topic else [],
            "source": rule.source,
        }
    elif isinstance(rule, ClaimRule):
        data |= {
            "predicate": list(rule.predicates), "object": list(rule.objects), "after": rule.after,
            "before": rule.before, "subject": list(rule.subjects), "not-subject": list(rule.not_subjects),
            "register": rule.register, "unless": sorted(rule.unless), "source": rule.source,
        }
    data |= {"bad": list(info.bad), "good": list(info.good)}
    return data


def _kind(rule: Rule) -> str:
    """'phrase' or 'claim' (TOML data), 'document' or 'sentence' (Python)."""
    if isinstance(rule, PhraseRule):
        return "phrase"
    if isinstance(rule, ClaimRule):
        return "claim"
    return "document" if isinstance(rule, DocumentRule) else "sentence"


def _source(pattern: LazyPattern | None) -> str | None:
    return pattern.source if pattern is not None else None

