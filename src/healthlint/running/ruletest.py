"""`healthlint test-rules`: each rule's `bad` and `good` examples run as tests, and each pattern of
a phrase rule must be reached by a `bad` example (ruff's way: every documented example is a test).

A pattern is reached when, run alone with the rule's conditions, it flags one of the rule's `bad`
examples; a pattern no example reaches is untested, and may be dead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import tomli

from healthlint.errors import ConfigError, HealthlintError, RuleError
from healthlint.rules import Rule
from healthlint.rules.phrase import PhraseRule, load_phrase_rules
from healthlint.running import config as config_module
from healthlint.text.document import from_text

if TYPE_CHECKING:
    from healthlint.running.runner import Linter

EXAMPLE_PATH = "example.md"  # examples are linted as Markdown, as a draft would be


@dataclass(frozen=True)
class Problem:
    """One thing a rule's examples show wrong, said for a person."""

    rule: str
    what: str
    unreached: bool = False  # a pattern no bad example reaches, rather than an example gone wrong

    def __str__(self) -> str:
        return f"{self.rule}: {self.what}"


@dataclass(frozen=True)
class Outcome:
    """What running the examples of some rules found."""

    rules: int
    examples: int
    patterns: int
    problems: list[Problem]

    def summary(self) -> str:
        unreached = sum(1 for p in self.problems if p.unreached)
        wrong = len(self.problems) - unreached
        return (f"{self.rules} rule(s), {self.examples} example(s), {self.patterns} pattern(s): "
                f"{wrong} example(s) wrong, {unreached} pattern(s) reached by no bad example")


def flagged_spans(rule: Rule, text: str, runner: Linter | None = None) -> list[tuple[int, int]]:
    """The (start, end) character spans of `text` that `rule` flags, run alone on it as a Markdown
    draft, in order (`runner`: a runner of `rule` alone, to reuse over many examples). A rule that
    raises or times out on it is a RuleError naming the rule."""
    from healthlint.running.runner import Linter

    result = (runner or Linter([rule])).lint(from_text(text, EXAMPLE_PATH))
    if result.errors:
        raise RuleError(f"{rule.info.id}: on the example {text!r}: {result.errors[0].message}")
    return sorted((f.offset, f.end_offset) for f in result.findings)


def flagged(rule: Rule, text: str, runner: Linter | None = None) -> list[str]:
    """The pieces of `text` that `rule` flags (see flagged_spans)."""
    return [text[start:end] for start, end in flagged_spans(rule, text, runner)]


def compile_all(rule: Rule) -> None:
    """Compile every pattern of a phrase rule now, so an invalid one is a RuleError (exit 2)
    before any example runs, not a failure of each example that reaches it."""
    if isinstance(rule, PhraseRule):
        for pattern in (*rule.patterns, rule.requires, rule.excludes, rule.near.pattern if rule.near else None):
            if pattern is not None:
                pattern.compiled()


def _problems(rule: Rule) -> Iterable[Problem]:
    from healthlint.running.runner import Linter

    rule_id, info = rule.info.id, rule.info
    runner = Linter([rule])
    for example in info.bad:
        try:
            if not flagged(rule, example, runner):
                yield Problem(rule_id, f"bad example not flagged: {example!r}")
        except RuleError as exc:
            yield Problem(rule_id, f"bad example {example!r} fails: {exc}")
    for example in info.good:
        try:
            spans = flagged(rule, example, runner)
            if spans:
                yield Problem(rule_id, f"good example flagged ({', '.join(map(repr, spans))}): {example!r}")
        except RuleError as exc:
            yield Problem(rule_id, f"good example {example!r} fails: {exc}")
    if isinstance(rule, PhraseRule):
        yield from _unreached(rule)


def _unreached(rule: PhraseRule) -> Iterable[Problem]:
    """A problem for each pattern that flags none of the rule's bad examples on its own."""
    from healthlint.running.runner import Linter

    for index, pattern in enumerate(rule.patterns):
        alone = rule.only_pattern(index)
        runner = Linter([alone])
        try:
            reached = any(flagged(alone, example, runner) for example in rule.info.bad)
        except RuleError:  # already reported as the example's failure
            reached = True
        if not reached:
            yield Problem(rule.info.id, f"pattern {index + 1} of {len(rule.patterns)} is reached by no bad "
                                        f"example: '{_shortened(pattern.source)}'", unreached=True)


def _shortened(source: str, limit: int = 200) -> str:
    """A pattern's first line, cut at `limit` characters (a vocabulary expands to a long
    alternation), with '\u2026' when anything is left out."""
    lines = source.strip().splitlines() or [""]
    line = lines[0][:limit]
    return line if (line, len(lines)) == (source.strip(), 1) else line + "\u2026"


def run(rules: list[Rule]) -> Outcome:
    """Every example of every rule, and every pattern of the phrase rules."""
    for rule in rules:
        compile_all(rule)
    problems = [problem for rule in rules for problem in _problems(rule)]
    return Outcome(
        rules=len(rules),
        examples=sum(len(r.info.bad) + len(r.info.good) for r in rules),
        patterns=sum(len(r.patterns) for r in rules if isinstance(r, PhraseRule)),
        problems=problems,
    )


def rules_to_test(path: str | None, config_path: str | None, isolated: bool,
                  plugins: tuple[str, ...]) -> tuple[list[Rule], list[str]]:
    """The rules `test-rules PATH` runs, and the errors of loading plugins. PATH is a pack's rules
    file (its rules only), a configuration file, or a folder to find the configuration from;
    without it, the configuration is found as `check` finds it. A configuration gives the rules
    it selects (top-level `select` and `ignore`) of the packs, its plugins and its own."""
    from healthlint.running.engine import Session

    if path and config_path:
        raise ConfigError("give PATH or --config, not both")
    target = Path(path) if path else None
    if target is not None and target.is_file():
        rules = rules_file(target)
        if rules is not None:
            return list(rules), []
        config = config_module.load(target)
    else:
        config = config_module.resolve(config_path, isolated, start=target)
    session = Session.start(config, plugins)
    selected = [r for r in session.rules if config_module.enabled(r.info, config.select, config.ignore)]
    return selected, [error.message for error in session.errors]


def rules_file(path: Path) -> list[Rule] | None:
    """The rules of a pack's rules file (a TOML file with `[[rule]]` or `[[claim]]` tables), or
    None when `path` is a configuration file instead."""
    if path.name in config_module.CONFIG_NAMES:
        return None
    try:
        data = tomli.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read as TOML: {exc}") from None
    if "rule" not in data and "claim" not in data:
        raise HealthlintError(f"{path}: neither a configuration file ({', '.join(config_module.CONFIG_NAMES)}) "
                              "nor a rules file with [[rule]] or [[claim]] tables")
    return load_phrase_rules(path, path.parent.name or path.stem)
