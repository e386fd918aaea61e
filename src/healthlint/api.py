"""The public API, and the one pipeline every caller runs: the command line, the language
server, the HTML report and a Dask cluster all lint through a `Linter`.

    import healthlint

    linter = healthlint.Linter.load()                    # the configuration found from the current folder
    result = linter.lint_text("A miracle cure.\\n", "draft.md")
    for finding in result.findings:
        print(finding.line, finding.column, finding.rule, finding.message)
    result = linter.lint_paths(["docs/"], jobs=4)        # findings and errors; nothing is printed

A `Linter` holds no global state and prints nothing; it and everything it returns pickle, so it
can be sent to a worker process (which loads the plugins again by name). The pipeline: find the
files, lint each (inline suppressions and the unused-suppression report happen per document),
then keep the findings a baseline does not record and those on lines changed since a revision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from healthlint.output.findings import Finding, RunError, RunResult
from healthlint.rules import RuleInfo
from healthlint.running.config import Config, resolve
from healthlint.running.engine import Session, TargetResult
from healthlint.running.files import Target, discover
from healthlint.running.nearest import Nearest, settings
from healthlint.text.document import LINTED_SUFFIXES, from_text


class Linter:
    """A configuration with its plugins and rules, loaded once, and what to do after linting
    (baseline, changed lines). Build one with `Linter.load`. (A plain class, not a dataclass:
    see healthlint.running.engine.TargetResult.)"""

    def __init__(self, session: Session, baseline: Path | None = None, report_stale: bool = False,
                 changed_since: str | None = None, repository: Path | None = None,
                 nearest: Nearest | None = None) -> None:
        self.session = session
        self.baseline = baseline  # report only findings this baseline file does not record
        self.report_stale = report_stale  # ... and one finding per recorded entry that is gone
        self.changed_since = changed_since  # report only findings on lines changed since this git revision
        self.repository = repository  # where to ask git about `changed_since` (default: the current folder)
        self.nearest = nearest  # each file's nearest configuration, when none was given

    @classmethod
    def load(cls, config: str | Path | Config | None = None, *, root: str | Path | None = None,
             isolated: bool = False, plugins: Sequence[str] = (), select: Sequence[str] | None = None,
             ignore: Sequence[str] = (), fail_on: str | None = None,
             report_unused_suppressions: bool | None = None, cache_dir: str | Path | None = None,
             baseline: str | Path | None = None, report_stale: bool = False, changed_since: str | None = None,
             fingerprints: bool = True, timed: bool = False, allow_config_plugins: bool = False,
             nearest: bool | None = None, keep_rules: bool = False) -> Linter:
        """Load a configuration and its plugins once.

        `config` is a file (or a ready `Config`); without one, the nearest configuration at or
        above `root` (default: the current folder) is used, or none with `isolated`. With
        `nearest` (the default when no `config` is given and not `isolated`), a file below a
        folder with a configuration of its own is linted with that one instead. `plugins`
        are extra plugin modules (dotted names or .py paths). `select` replaces the configured
        selection; `ignore` adds to it. With `cache_dir`, findings of unchanged files are reused.
        With `cache_dir` or `keep_rules`, the rules are kept built in the user's cache folder for
        the next load with the same settings (healthlint.running.compiled).
        `fingerprints=False` saves a hash per finding when no baseline will be written. The
        plugins a configuration file names load only with `allow_config_plugins` (or the user's
        permission, see healthlint.running.trust): they are code from the repository.
        Raises `healthlint.errors.HealthlintError` (with a message for a person) on a bad
        configuration; a plugin that fails to load is reported in `errors` instead.
        """
        if isinstance(config, Config):
            base = config
        else:
            base = resolve(str(config) if config is not None else None, isolated,
                           Path(root) if root is not None else None)
        options: dict[str, Any] = {"select": tuple(select) if select is not None else None, "ignore": tuple(ignore),
                   "fail_on": fail_on, "report_unused_suppressions": report_unused_suppressions}
        start: dict[str, Any] = {"extra_plugins": tuple(plugins), "cache_dir": Path(cache_dir) if cache_dir else None,
                 "fingerprints": fingerprints or baseline is not None, "allow_config_plugins": allow_config_plugins,
                 "keep_rules": keep_rules}
        session = Session.start(settings(base, **options), **start)
        session.timed = timed
        if nearest is None:
            nearest = config is None and not isolated
        if baseline is not None:
            from healthlint.running.baseline import Baseline

            Baseline(Path(baseline))  # a missing or broken baseline fails here, before any linting
        return cls(session, Path(baseline) if baseline is not None else None, report_stale, changed_since,
                   Path(root) if root is not None else None, Nearest(options, start, timed) if nearest else None)

    def session_for(self, path: str) -> Session:
        """The session (configuration, plugins, rules) that lints `path`: its nearest
        configuration's, or the run's own. Standard input ('-') gets the run's own."""
        if self.nearest is None or path == "-":
            return self.session
        return self.nearest.session_for(path, self.session)

    def fail_on(self, path: str) -> str:
        """The lowest severity that fails the run, for a finding in `path`."""
        return self.session_for(path).config.fail_on

    @property
    def config(self) -> Config:
        return self.session.config

    @property
    def rules(self) -> dict[str, RuleInfo]:
        """Every loaded rule, by id."""
        return {rule.info.id: rule.info for rule in self.session.rules}

    @property
    def errors(self) -> list[RunError]:
        """Plugins that failed to load (every result repeats them)."""
        return list(self.session.errors)

    def lints(self, path: str) -> bool:
        """True when a folder walk would lint `path`: a Markdown or text file, not excluded."""
        return Path(path).suffix.lower() in LINTED_SUFFIXES and not self.session_for(path).config.is_excluded(path)

    def lint_text(self, text: str, path: str = "<text>") -> RunResult:
        """Lint text in memory as the file `path` (its suffix says Markdown or plain text; its
        place decides which per-file overrides apply). An excluded path gives no findings."""
        session = self.session_for(path)
        if session.config.is_excluded(path):
            return self.combine([], [], [])
        target = Target(path, explicit=True)
        document = from_text(text, path)
        return self.combine([target], [session.lint_document(document)], [])

    def lint_paths(self, paths: Iterable[str], jobs: int = 1, start_method: str | None = None,
                   stdin_text: str | None = None, stdin_filename: str | None = None) -> RunResult:
        """Lint files and folders ('-' is `stdin_text`, reported as `stdin_filename`) with up to
        `jobs` processes ('fork' or 'spawn' by `start_method`; fork where there is fork). The
        result is the same, in the same order, whatever `jobs` and `start_method` are."""
        targets, errors = self.targets(paths)
        groups: dict[int, tuple[Session, list[int]]] = {}
        for index, target in enumerate(targets):
            session = self.session_for(target.path)
            groups.setdefault(id(session), (session, []))[1].append(index)
        results: list[TargetResult | None] = [None] * len(targets)
        for session, indexes in groups.values():
            done = session.lint_all([targets[i] for i in indexes], jobs, start_method, stdin_text, stdin_filename)
            for index, result in zip(indexes, done):
                results[index] = result
        return self.combine(targets, [r for r in results if r is not None], errors, stdin_filename)

    def targets(self, paths: Iterable[str]) -> tuple[list[Target], list[RunError]]:
        """The files `paths` name, in a stable order, and errors for paths that do not exist:
        to spread over workers that call `lint_target` and hand their results to `combine`."""
        targets, errors = discover(list(paths), self.config)
        if self.nearest is not None:  # a nearer configuration's excludes apply to its files
            targets = [t for t in targets if not self.session_for(t.path).config.is_excluded(t.path)]
        return targets, errors

    def lint_target(self, target: Target) -> TargetResult:
        """One file's findings and errors (read from disk; never raises for bad input)."""
        return self.session_for(target.path).lint_target(target)

    def combine(self, targets: list[Target], results: list[TargetResult], errors: list[RunError],
                stdin_filename: str | None = None) -> RunResult:
        """One run's result from each target's, in the targets' order, after the baseline and
        the changed lines. Standard input ('-') is reported as `stdin_filename`."""
        result = self.session.combine(targets, results, errors, stdin_filename)
        if self.baseline is not None:
            from healthlint.running.baseline import Baseline  # imported only by the runs that use it

            known = Baseline(self.baseline)
            result.findings = known.filter(result.findings)
            if self.report_stale:
                result.findings += known.stale(result.checked)
        if self.changed_since:
            from healthlint.running import changes

            changed = changes.changed_lines(self.changed_since, self.repository or Path.cwd())
            result.findings = changes.only_changed(result.findings, changed)
        return result

    def fix(self, paths: Iterable[str], jobs: int = 1, start_method: str | None = None,
            stdin_text: str | None = None, stdin_filename: str | None = None,
            ) -> tuple[list[str], str | None, RunResult]:
        """Write the rewrites rules mark safe into their files, then lint again: the files
        changed, standard input's text with its safe rewrites (None without '-'; it is never
        written to a file, even one named by `stdin_filename`), and the findings left."""
        from healthlint.running import fixes

        targets = list(paths)
        result = self.lint_paths(targets, jobs, start_method, stdin_text, stdin_filename)
        stdin_name = stdin_filename or "-"
        fixed, refused = fixes.apply_safe(result.findings, result.sources,
                                          skip=stdin_name if stdin_text is not None else None, root=self.config.root)
        if stdin_text is not None:
            stdin_text = fixes.rewrite(stdin_text, fixes.by_path(result.findings, safe_only=True).get(stdin_name, ()))
        if fixed or stdin_text is not None:  # what is left, from the files as they are now
            result = self.lint_paths(targets, jobs, start_method, stdin_text, stdin_filename)
        result.errors += refused
        return fixed, stdin_text, result

    @staticmethod
    def diffs(result: RunResult) -> dict[str, str]:
        """Path -> a unified diff of every rewrite the findings suggest (nothing is written)."""
        from healthlint.running import fixes

        return {path: fixes.unified_diff(path, result.sources[path], fixes.rewrite(result.sources[path], group))
                for path, group in fixes.by_path(result.findings, safe_only=False).items()}

    @staticmethod
    def write_baseline(target: str | Path, findings: list[Finding]) -> int:
        """Record `findings` (from a linter loaded with fingerprints) in a baseline file;
        returns the number of entries."""
        from healthlint.running import baseline

        return baseline.write(Path(target), findings)


__all__ = ["Config", "Finding", "Linter", "RuleInfo", "RunError", "RunResult", "Target", "TargetResult"]
