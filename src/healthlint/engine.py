"""One run: gather rules from plugins and config, find files, lint each, collect findings.

Data flows one way: files -> documents -> rules -> findings -> reporters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from healthlint import config as config_module
from healthlint import document as document_module
from healthlint.config import Config
from healthlint.errors import ConfigError, HealthlintError, InputError
from healthlint.files import Target, discover
from healthlint.findings import RunError, RunResult
from healthlint.phrase import phrase_rule
from healthlint.plugins import Plugins
from healthlint.plugins import load as load_plugins
from healthlint.reporters.base import Reporter
from healthlint.rules import Rule
from healthlint.runner import UNUSED_SUPPRESSION, Linter

LOCAL_PACK = "local"  # pack name of phrase rules declared in a user's config


@dataclass
class Session:
    """Plugins and rules loaded once for a configuration."""

    config: Config
    plugins: Plugins
    rules: list[Rule]
    errors: list[RunError] = field(default_factory=list)
    _linters: dict[tuple[object, ...], Linter] = field(default_factory=dict)

    @classmethod
    def start(cls, config: Config, extra_plugins: tuple[str, ...] = (), entry_points: bool = True) -> Session:
        plugins = load_plugins(config.plugins + extra_plugins, config.root, entry_points)
        rules: list[Rule] = []
        seen: dict[str, str] = {}
        for plugin_name, contributed in plugins.call("healthlint_rules"):
            for rule in contributed or ():
                if not isinstance(rule, Rule):
                    plugins.errors.append(HealthlintError(
                        f"plugin {plugin_name!r}: healthlint_rules returned {type(rule).__name__}, not a Rule"))
                elif rule.info.id in seen:
                    plugins.errors.append(HealthlintError(
                        f"plugin {plugin_name!r}: rule id {rule.info.id!r} is already defined by {seen[rule.info.id]!r}"))
                else:
                    seen[rule.info.id] = plugin_name
                    rules.append(rule)
        for table in config.rules:
            rule = phrase_rule(table, LOCAL_PACK, config.source(), prefix=LOCAL_PACK)
            if rule.info.id in seen:
                raise ConfigError(f"{config.source()}: rule id {rule.info.id!r} is already defined by {seen[rule.info.id]!r}")
            seen[rule.info.id] = config.source()
            rules.append(rule)
        session = cls(config, plugins, rules, [RunError(str(e), None) for e in plugins.errors])
        session._check_selectors()
        return session

    def reporters(self) -> dict[str, type[Reporter]]:
        found: dict[str, type[Reporter]] = {}
        for _, classes in self.plugins.call("healthlint_reporters"):
            for reporter in classes or ():
                found.setdefault(reporter.name, reporter)
        return found

    def _check_selectors(self) -> None:
        known = {"ALL"} | {key for r in self.rules for key in (r.info.id, r.info.pack, r.info.category)}
        known |= {UNUSED_SUPPRESSION.id, UNUSED_SUPPRESSION.pack}
        config = self.config
        checks = [("select", config.select or ()), ("ignore", config.ignore), ("severity", tuple(config.severity))]
        for i, override in enumerate(config.overrides):
            checks += [(f"overrides[{i}].select", override.select or ()), (f"overrides[{i}].ignore", override.ignore),
                       (f"overrides[{i}].severity", tuple(override.severity))]
        for key, selectors in checks:
            for selector in selectors:
                if selector not in known:
                    raise ConfigError(
                        f"{config.source()}: '{key}' names {selector!r}, which is no rule id, pack or category; "
                        "see `healthlint rules` for the ones there are")

    def linter_for(self, path: str) -> Linter:
        select, ignore, severity = self.config.settings_for(path)
        key = (select, ignore, tuple(sorted(severity.items())))
        linter = self._linters.get(key)
        if linter is None:
            active = [r for r in self.rules if config_module.enabled(r.info, select, ignore)]
            severities = {r.info.id: config_module.effective_severity(r.info, severity) for r in active}
            severities[UNUSED_SUPPRESSION.id] = config_module.effective_severity(UNUSED_SUPPRESSION, severity)
            linter = self._linters[key] = Linter(active, severities)
        return linter

    def check(self, paths: list[str], stdin_text: str | None = None, stdin_filename: str | None = None) -> RunResult:
        """Lint every file under `paths` ('-' is standard input)."""
        targets, errors = discover(paths, self.config)
        findings = []
        sources: dict[str, str] = {}
        for target in targets:
            try:
                document = self._read(target, stdin_text, stdin_filename)
            except InputError as exc:
                errors.append(RunError(str(exc), target.path))
                continue
            if document is None:
                continue
            linter = self.linter_for(document.path)
            result = linter.lint(document, self.config.report_unused_suppressions)
            findings.extend(result.findings)
            errors.extend(result.errors)
            if result.findings:
                sources[document.path] = document.text
        rules = {r.info.id: r.info for r in self.rules}
        return RunResult(findings, self.errors + errors, len(targets), rules, sources)

    @staticmethod
    def _read(target: Target, stdin_text: str | None, stdin_filename: str | None) -> document_module.Document | None:
        if target.path == "-":
            return document_module.from_text(stdin_text or "", stdin_filename or "-")
        if not target.explicit:
            try:
                with open(target.path, "rb") as handle:
                    if document_module.is_probably_binary(handle.read(8192)):
                        return None
            except OSError:
                pass  # load() reports it
        return document_module.load(target.path)
