"""One run: gather rules from plugins and config, find files, lint each, collect findings.

Data flows one way: files -> documents -> rules -> findings -> reporters.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from healthlint.deferred import Deferred
from healthlint.errors import ConfigError, HealthlintError, InputError, PluginError
from healthlint.output.findings import Finding, RunError, RunResult
from healthlint.rules import Rule, RuleInfo
from healthlint.running import config as config_module
from healthlint.running.config import Config
from healthlint.running.files import Target
from healthlint.running.trust import check_config_plugins
from healthlint.text import document as document_module

if TYPE_CHECKING:
    from healthlint.output.reporters.base import Reporter
    from healthlint.rules.plugins import Plugins
    from healthlint.running.cache import Cache
    from healthlint.running.runner import Linter
    from healthlint.running.summary import Summary

LOCAL_PACK = "local"  # pack name of phrase rules declared in a user's config
MIN_FILES_PER_WORKER = 8  # below this, a process pool costs more than it saves


# Plain classes, not dataclasses, here and in the other modules a one-file check imports: a
# dataclass compiles its generated methods when its module is imported (~0.3-0.8 ms each, about
# a sixth of a changed file's start-up over all of them), and these need only an __init__.


class TargetResult:
    """One file's outcome; `source` is kept only when there are findings to show."""

    __slots__ = ("findings", "errors", "source", "timings")

    def __init__(self, findings: list[Finding], errors: list[RunError], source: str | None = None,
                 timings: dict[str, float] | None = None) -> None:
        self.findings = findings
        self.errors = errors
        self.source = source
        self.timings: dict[str, float] = {} if timings is None else timings


class Loaded:
    """What loading the plugins gives: the rules, the output formats, and what went wrong."""

    __slots__ = ("plugins", "rules", "reporters", "errors")

    def __init__(self, plugins: Plugins | None, rules: list[Rule], reporters: Deferred[dict[str, type[Reporter]]],
                 errors: list[RunError]) -> None:
        self.plugins = plugins  # None when the rules came built from an earlier run (healthlint.running.compiled)
        self.rules = rules
        # By output format. A kept file's are unpickled, their modules imported, when first asked for:
        # a run answered from the findings cache's summary (healthlint.running.summary) never asks.
        self.reporters = reporters
        self.errors = errors


class Session:
    """Plugins and rules for a configuration, loaded once, when first needed: a run with a
    findings cache whose every file is answered there (and whose rules are described there,
    see healthlint.running.summary) loads no plugin and builds no rule. Made by `Session.start`."""

    def __init__(self, config: Config, extra_plugins: tuple[str, ...] = (), entry_points: bool = True,
                 keyword_cache: bool = False, fingerprints: bool = True, recipe: tuple[object, ...] = ()) -> None:
        self.config = config
        self.extra_plugins = extra_plugins
        self.entry_points = entry_points  # load the installed packs
        self.keyword_cache = keyword_cache  # keep derived keywords in the user's cache (runs with a findings cache)
        self.cache: Cache | None = None
        self.kept_as: str | None = None  # the settings fingerprint built rules are kept under (healthlint.running.compiled)
        self._timed = False
        self.fingerprints = fingerprints  # compute each finding's baseline fingerprint (only baselines read it)
        self._recipe = recipe  # Session.start's arguments: what a pickle carries
        self._loaded: Loaded | None = None
        self._summary: Summary | None = None  # the rules as a cached run described them, until loaded
        self._linters: dict[tuple[object, ...], Linter] = {}
        self._kept: set[tuple[object, ...]] = set()  # runners the compiled file has

    @property
    def timed(self) -> bool:
        """Lint with each rule's seconds recorded (--timings)."""
        return self._timed

    @timed.setter
    def timed(self, timed: bool) -> None:
        self._timed = timed
        for runner in self._linters.values():  # those loaded already: kept rules load in `start`
            runner.timed = timed

    def __reduce__(self) -> tuple[object, ...]:
        """A session pickles as the recipe that made it: another process (a spawned pool
        worker, a Dask worker) loads the plugins again by name and compiles its own rules."""
        return _restart, (self._recipe, self.timed, tuple(error.message for error in self.errors))

    @classmethod
    def start(cls, config: Config, extra_plugins: tuple[str, ...] = (), entry_points: bool = True,
              cache_dir: Path | None = None, fingerprints: bool = True,
              allow_config_plugins: bool = False, keep_rules: bool = False) -> Session:
        """Load plugins and rules; with `cache_dir`, reuse findings of files seen before, and
        load the plugins only when a file is not in the cache. With `cache_dir` or `keep_rules`,
        the rules an earlier run built under the same settings are loaded instead of built
        (healthlint.running.compiled). Without `fingerprints`, findings carry no baseline
        fingerprint (a hash per finding saved). The config's own plugins load only when the
        user allows them (see healthlint.running.trust)."""
        check_config_plugins(config.path, config.plugins, allow_config_plugins)
        session = cls(config, extra_plugins, entry_points, cache_dir is not None, fingerprints=fingerprints,
                      recipe=(config, extra_plugins, entry_points, cache_dir, fingerprints, allow_config_plugins,
                               keep_rules))
        if cache_dir is None:
            if keep_rules:
                session.kept_as = session._settings_fingerprint()
            session._load()
            return session
        from healthlint.running.cache import Cache
        from healthlint.running.summary import Summary

        session.kept_as = session._settings_fingerprint()
        session.cache = Cache(cache_dir, session.kept_as)
        if session._loaded is None:
            session._summary = Summary.from_json(session.cache.get_rules())
        if session._summary is None:
            loaded = session._load()
            summary = None if loaded.errors else Summary.of(loaded.rules, loaded.reporters.get())
            if summary is not None:
                session.cache.put_rules(summary.as_json())
        return session

    def _settings_fingerprint(self) -> str:
        """What the rules are built from: healthlint's and every plugin's files, the files the
        configuration reads, and the configuration itself (loads the plugins when one is found
        only by importing it)."""
        from healthlint.rules import plugins as plugins_module
        from healthlint.running.cache import sources_fingerprint

        config = self.config
        found = plugins_module.source_files(config.plugins + self.extra_plugins, config.root, self.entry_points)
        if found is None:  # a plugin found only by importing it: hash the files of what was loaded
            plugins = self._load().plugins
            assert plugins is not None  # loaded before a fingerprint, so from the plugins themselves
            found = _loaded_sources(plugins)
        vocabularies = [("vocabulary files", config.vocabulary_files())]
        return f"{sources_fingerprint(found + vocabularies)}{config!r}{self.fingerprints}"

    def _load(self) -> Loaded:
        """Load the plugins and build the rules (once); check the configuration's selectors."""
        if self._loaded is not None:
            return self._loaded
        from healthlint.rules import keywordcache
        from healthlint.rules.plugins import load as load_plugins

        if self.kept_as is not None:
            from healthlint.running import compiled

            kept = compiled.load(self.kept_as)
            if kept is not None:  # built by an earlier run under the same settings: nothing to import or build
                self._linters.update(kept.runners)
                self.timed = self._timed
                self._kept = set(kept.runners)
                self._loaded = Loaded(None, kept.rules, kept.reporters, [])
                return self._loaded
        config = self.config
        if self.keyword_cache:
            keywordcache.enable()
        plugins = load_plugins(config.plugins + self.extra_plugins, config.root, self.entry_points)
        rules, seen = _plugin_rules(plugins)
        if config.rules:
            from healthlint.claims.lexicon import load_lexicon
            from healthlint.rules.phrase import MATCH_TIMEOUT, phrase_rule

            lexicon = load_lexicon(config.vocabularies, config.source(), config.root) if config.vocabularies else None
            for table in config.rules:
                rule = phrase_rule(table, LOCAL_PACK, config.source(), prefix=LOCAL_PACK, timeout=MATCH_TIMEOUT,
                                   lexicon=lexicon)
                if rule.info.id in seen:
                    raise ConfigError(f"{config.source()}: rule id {rule.info.id!r} is already defined by {seen[rule.info.id]!r}")
                seen[rule.info.id] = config.source()
                rules.append(rule)
        keywordcache.save()  # keywords derived while loading, for the next run
        reporters, bad_reporters = _reporters(plugins)
        errors = [RunError(str(e), None, getattr(e, "detail", None)) for e in plugins.errors] + bad_reporters
        _check_selectors(config, rules)
        self._loaded = Loaded(plugins, rules, Deferred(reporters), errors)
        return self._loaded

    @property
    def rules(self) -> list[Rule]:
        return self._load().rules

    @property
    def errors(self) -> list[RunError]:
        """Plugins that failed to load or whose hooks failed (none when the rules came from the cache)."""
        return self._loaded.errors if self._loaded is not None else []

    def rule_infos(self) -> dict[str, RuleInfo]:
        """Every rule's description, by id, without loading the plugins when the cache has them."""
        if self._loaded is None and self._summary is not None:
            return dict(self._summary.rules)
        return {rule.info.id: rule.info for rule in self.rules}

    def reporter(self, name: str) -> type[Reporter]:
        """The reporter class of output format `name`."""
        if self._loaded is None and self._summary is not None:
            found = self._summary.reporter(name)
            if found is not None:
                return found
        reporters = self._load().reporters.get()
        if name not in reporters:
            raise HealthlintError(f"unknown format {name!r}; available: {', '.join(sorted(reporters))}")
        return reporters[name]

    def linter_for(self, path: str) -> Linter:
        select, ignore, severity, register = self.config.settings_for(path)
        key = (select, ignore, tuple(sorted(severity.items())), register)
        self._load()  # first: the rules may come built, with their runners
        linter = self._linters.get(key)
        if linter is None:
            from healthlint.running.runner import Linter  # here: a run answered from the cache never lints
            from healthlint.running.suppressions import UNUSED_SUPPRESSION

            active = [r for r in self.rules if config_module.enabled(r.info, select, ignore)]
            severities = {r.info.id: config_module.effective_severity(r.info, severity) for r in active}
            severities[UNUSED_SUPPRESSION.id] = config_module.effective_severity(UNUSED_SUPPRESSION, severity)
            linter = self._linters[key] = Linter(active, severities, timed=self.timed,
                                                 time_limit=self.config.rule_time_limit,
                                                 vocabulary=self.config.vocabulary, fingerprints=self.fingerprints,
                                                 register=register)
        return linter

    def lint_all(self, targets: list[Target], jobs: int = 1, start_method: str | None = None,
                 stdin_text: str | None = None, stdin_filename: str | None = None) -> list[TargetResult]:
        """Each target's result, in order, with up to `jobs` processes started by `start_method`
        (default: fork where there is fork, else spawn): the same whatever the two are."""
        workers = min(jobs, len(targets) // MIN_FILES_PER_WORKER)
        if workers > 1 and stdin_text is None:
            return self._lint_in_pool(targets, workers, start_method)
        results = [self.lint_target(t, stdin_text, stdin_filename) for t in targets]
        self._keep()
        return results

    def combine(self, targets: list[Target], results: list[TargetResult], errors: list[RunError],
                stdin_filename: str | None = None) -> RunResult:
        """One run's result from each target's, in the targets' order."""
        findings: list[Finding] = []
        sources: dict[str, str] = {}
        timings: dict[str, float] = {}
        # Standard input is reported, and its source kept, under the name --stdin-filename gives it.
        names = [(stdin_filename or "-") if t.path == "-" else t.path for t in targets]
        for name, result in zip(names, results):
            findings.extend(result.findings)
            errors.extend(result.errors)
            if result.source is not None:
                sources[name] = result.source
            for rule_id, seconds in result.timings.items():
                timings[rule_id] = timings.get(rule_id, 0.0) + seconds
        if self.cache is not None:
            self.cache.prune()
        return RunResult(findings, self.errors + errors, len(targets), self.rule_infos(), sources, timings, names)

    def _keep(self) -> None:
        """Keep the rules and the runners built in this process for the next run with these
        settings (healthlint.running.compiled), when one was built that the file lacks."""
        built = {key for key, runner in self._linters.items() if runner.built}
        fingerprint = self.kept_as
        if fingerprint is None or self._loaded is None or self._loaded.errors or built <= self._kept:
            return
        from healthlint.running import compiled

        runners = {key: self._linters[key] for key in built}
        compiled.save(fingerprint, compiled.Compiled(fingerprint, self._loaded.rules, self._loaded.reporters, runners))
        self._kept = built

    def _lint_in_pool(self, targets: list[Target], workers: int, start_method: str | None) -> list[TargetResult]:
        """Forked workers inherit this loaded session (plugins, compiled rules); spawned ones
        receive its recipe and load it once each. Imported here: one-file runs never need it."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = start_method or ("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        from concurrent.futures.process import BrokenProcessPool

        if method == "fork":
            self._load()  # once here, not once in each worker
            if self.cache is None:  # every file is linted: build the pass here too, not in each worker
                self.linter_for(targets[0].path).build()

        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                   initializer=_start_worker, initargs=(self,))
        try:
            results = list(pool.map(_lint_in_worker, targets, chunksize=max(1, len(targets) // (workers * 8))))
        except BrokenProcessPool:
            raise HealthlintError("a worker process died while linting (a rule or plugin ended it, with os._exit "
                                  "or a crash); run with -j 1 to see on which file") from None
        except BaseException:  # Ctrl-C, SIGTERM: stop the workers instead of waiting for their chunks
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
        self._keep()
        return results

    def lint_target(self, target: Target, stdin_text: str | None = None,
                    stdin_filename: str | None = None) -> TargetResult:
        """One file: read it, answer from the cache or lint it, never raise for bad input."""
        try:
            if target.path == "-":
                return self.lint_document(document_module.from_text(stdin_text or "", stdin_filename or "-"))
            data = document_module.read_bytes(target.path, self.config.max_file_size)
            if not target.explicit and document_module.is_probably_binary(data):
                return TargetResult([], [])
            key = self.cache.key(target.path, data) if self.cache else None
            text = document_module.decode(data, target.path)
            del data  # a 50 MB file is not held twice while its findings are built
            cached = self.cache.get(key) if self.cache and key and not self.timed else None  # --timings lints
            if cached is not None:
                findings, errors = cached
                return TargetResult(findings, errors, text if findings else None)
            result = self.lint_document(document_module.from_text(text, target.path))
            if self.cache and key and not result.errors:  # a rule's failure may be transient: lint again next time
                self.cache.put(key, result.findings, result.errors)
            return result
        except InputError as exc:
            return TargetResult([], [RunError(str(exc), target.path)])

    def lint_document(self, document: document_module.Document) -> TargetResult:
        """One document in memory, with this configuration's settings for its path. Text holding
        a lone surrogate (an editor or an API caller can send one; no file decodes to it) is bad
        input: one error, no findings."""
        surrogate = document_module.lone_surrogate(document.text)
        if surrogate is not None:
            line, column = document.position(surrogate)
            return TargetResult([], [RunError(
                f"{document.path}:{line}: not valid Unicode (a lone surrogate, U+{ord(document.text[surrogate]):04X}, "
                f"at column {column}); not linted", document.path)])
        result = self.linter_for(document.path).lint(document, self.config.report_unused_suppressions)
        return TargetResult(result.findings, result.errors, document.text if result.findings else None,
                            result.timings)


def _plugin_rules(plugins: Plugins) -> tuple[list[Rule], dict[str, str]]:
    """The rules every plugin contributes, and rule id -> the plugin that defined it; a bad
    contribution is an error naming the plugin, and the run goes on without it."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for plugin_name, contributed in plugins.call("healthlint_rules"):
        if not isinstance(contributed, (list, tuple, type(None))):
            plugins.errors.append(PluginError(
                f"plugin {plugin_name!r}: healthlint_rules returned {type(contributed).__name__}, not a list of Rules"))
            continue
        for rule in contributed or ():
            if not isinstance(rule, Rule):
                plugins.errors.append(PluginError(
                    f"plugin {plugin_name!r}: healthlint_rules returned {type(rule).__name__}, not a Rule"))
            elif not isinstance(rule.keywords, (list, tuple, frozenset, set)) or \
                    not all(isinstance(k, str) and k for k in rule.keywords):
                plugins.errors.append(PluginError(
                    f"plugin {plugin_name!r}: rule {rule.info.id!r} has keywords {rule.keywords!r}; "
                    "keywords must be non-empty strings"))
            elif rule.info.id in seen:
                plugins.errors.append(PluginError(
                    f"plugin {plugin_name!r}: rule id {rule.info.id!r} is already defined by {seen[rule.info.id]!r}"))
            else:
                seen[rule.info.id] = plugin_name
                rules.append(rule)
    return rules, seen


def _reporters(plugins: Plugins) -> tuple[dict[str, type[Reporter]], list[RunError]]:
    """Output format name -> reporter class, and an error for each bad contribution."""
    from healthlint.output.reporters.base import Reporter

    found: dict[str, type[Reporter]] = {}
    errors: list[RunError] = []
    for plugin_name, classes in plugins.call("healthlint_reporters"):
        for reporter in classes if isinstance(classes, (list, tuple)) else [classes] if classes else ():
            if isinstance(reporter, type) and issubclass(reporter, Reporter) and isinstance(reporter.name, str):
                found.setdefault(reporter.name, reporter)
            else:
                errors.append(RunError(f"plugin {plugin_name!r}: healthlint_reporters returned {reporter!r}, "
                                       "not a Reporter class with a name"))
    return found, errors


def _check_selectors(config: Config, rules: list[Rule]) -> None:
    """A ConfigError naming the key when the configuration selects something no rule is."""
    from healthlint.running.suppressions import UNUSED_SUPPRESSION

    known = {"ALL"} | {key for r in rules for key in (r.info.id, r.info.pack, r.info.category, *r.info.formerly)}
    known |= {UNUSED_SUPPRESSION.id, UNUSED_SUPPRESSION.pack}
    checks = [("select", config.select or ()), ("ignore", config.ignore), ("severity", tuple(config.severity))]
    checks += [(f"vocabulary[{i}].rules", term.rules) for i, term in enumerate(config.vocabulary)]
    for i, override in enumerate(config.overrides):
        checks += [(f"overrides[{i}].select", override.select or ()), (f"overrides[{i}].ignore", override.ignore),
                   (f"overrides[{i}].severity", tuple(override.severity))]
    for key, selectors in checks:
        for selector in selectors:
            if selector not in known:
                raise ConfigError(
                    f"{config.source()}: '{key}' names {selector!r}, which is no rule id, pack or category; "
                    "see `healthlint rules` for the ones there are")


def _loaded_sources(plugins: Plugins) -> list[tuple[str, list[Path]]]:
    """(plugin name, files) of every loaded plugin module: a package's whole folder, a module's file."""
    found: list[tuple[str, list[Path]]] = []
    for name, plugin in sorted(plugins.manager.list_name_plugin(), key=lambda p: str(p[0])):
        path = Path(getattr(plugin, "__file__", None) or "")
        files = sorted(path.parent.rglob("*")) if path.name == "__init__.py" else [path] if path.name else []
        found.append((f"{name}={plugin!r}" if not files else str(name), files))
    return found


def _restart(recipe: tuple[object, ...], timed: bool, errors: tuple[str, ...]) -> Session:
    """The session `recipe` makes, in another process; it must load the plugins as the first
    did, or its findings would differ without a word (a plugin missing on a cluster's worker)."""
    session = Session.start(*recipe)  # type: ignore[arg-type]
    session.timed = timed
    here = tuple(error.message for error in session.errors)
    if here != errors:
        import socket

        raise HealthlintError(f"the worker process {os.getpid()} on {socket.gethostname()} loads plugins differently: "
                              f"{'; '.join(here) or 'no errors'} (here: {'; '.join(errors) or 'no errors'})")
    return session


_WORKER_SESSION: Session | None = None


def _start_worker(session: Session) -> None:
    """Each worker process keeps the parent's Session: inherited by fork, rebuilt from its
    recipe by spawn."""
    global _WORKER_SESSION
    _WORKER_SESSION = session
    _die_with_parent()


def _die_with_parent() -> None:
    """Linux: this worker gets SIGKILL when the process that started it dies, even by kill -9,
    instead of lingering; elsewhere the pool's own shutdown ends it."""
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl: do not outlive it
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle (exit 130)


def _lint_in_worker(target: Target) -> TargetResult:
    assert _WORKER_SESSION is not None
    return _WORKER_SESSION.lint_target(target)


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
