"""The command line: `healthlint check`, `healthlint rules`, `healthlint explain`.

Errors are exceptions with a message for a person, caught once here.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from healthlint import __version__
from healthlint.config import resolve
from healthlint.errors import HealthlintError
from healthlint.explain import explain_text
from healthlint.findings import RunError, RunResult
from healthlint.rules import SEVERITIES, RuleInfo, severity_rank
from healthlint.trust import ALLOW_ENV, ALLOW_FLAG

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CACHE_DIR_NAME = ".healthlint_cache"
FINGERPRINTED_FORMATS = ("sarif", "gitlab")  # formats that identify a finding across edits


def _allow(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    ctx.meta[ALLOW_FLAG] = value


_ALLOW_CONFIG_PLUGINS = click.option(
    ALLOW_FLAG, is_flag=True, expose_value=False, callback=_allow,
    help="Load the plugins the configuration file names (code from the repository; see Security in the README).")


def _allowed() -> bool:
    """Whether this command was given --allow-config-plugins."""
    return bool(click.get_current_context().meta.get(ALLOW_FLAG))


def _common(function: Callable[..., Any]) -> Callable[..., Any]:
    """Options every command shares: where the configuration and plugins come from."""
    options = [
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Use this configuration file instead of searching for one."),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        click.option("--plugin", "plugins", multiple=True, metavar="MODULE",
                     help="Load a plugin module (dotted name or .py path); repeatable."),
        click.option("--debug", is_flag=True, help="Show tracebacks of plugin and rule errors."),
        _ALLOW_CONFIG_PLUGINS,
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _session_or_exit(config_path: str | None, isolated: bool, plugins: tuple[str, ...]):
    """Load configuration and plugins for `rules` and `explain`; a person-facing error exits 2."""
    from healthlint.engine import Session

    try:
        return Session.start(resolve(config_path, isolated), plugins, allow_config_plugins=_allowed())
    except HealthlintError as exc:
        _fail(str(exc))


def _fail(message: str) -> NoReturn:
    click.echo(f"healthlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _print_errors(errors: list[RunError], debug: bool) -> None:
    for error in errors:
        click.echo(f"healthlint: error: {error.message}", err=True)
        if debug and error.detail:
            click.echo(error.detail, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="healthlint")
def cli() -> None:
    """healthlint finds overclaiming in health writing and suggests careful phrasing."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", default="text", show_default=True, metavar="FORMAT",
              help="Output format: text, json, github, sarif, or one a plugin adds.")
@click.option("--select", help="Comma-separated rule ids, packs or categories to run (replaces the config's).")
@click.option("--ignore", help="Comma-separated rule ids, packs or categories to skip (added to the config's).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that makes the exit code 1.")
@click.option("--statistics", is_flag=True, help="Also print how many findings each rule made.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="Only the findings: no source lines, no summary.")
@click.option("--stdin-filename", help="The file name to report for '-' (standard input).")
@click.option("--report-unused-suppressions", is_flag=True, default=None,
              help="Report suppression comments that silenced nothing.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Processes to lint with; 0 means one per core.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the findings cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Where to keep the findings cache (default: .healthlint_cache beside the config file).")
@click.option("--timings", is_flag=True, help="Print the time each rule and pack took, to standard error.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Record today's findings in FILE (then exit 0) to adopt healthlint on existing content.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report only findings that are not recorded in FILE.")
@click.option("--report-stale", is_flag=True, help="With --baseline: report entries whose finding is gone.")
@click.option("--changed-since", metavar="REV",
              help="Report only findings on lines added or changed since the git revision REV.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the rewrites rules suggest, as a unified diff.")
@click.option("--fix", is_flag=True, help="Apply the rewrites that rules mark safe, then report what is left.")
@_common
def check(paths: tuple[str, ...], output_format: str, select: str | None, ignore: str | None,
          fail_on: str | None, statistics: bool, color: str, quiet: bool, stdin_filename: str | None,
          report_unused_suppressions: bool | None, jobs: int, no_cache: bool, cache_dir: str | None,
          timings: bool, write_baseline: str | None, baseline_path: str | None, report_stale: bool,
          changed_since: str | None, show_diff: bool, fix: bool, config_path: str | None, isolated: bool,
          plugins: tuple[str, ...], debug: bool) -> None:
    """Lint Markdown and text files (default: the current folder). '-' reads standard input."""
    from healthlint.reporters.base import ReportOptions

    def split(value: str | None) -> tuple[str, ...] | None:
        return tuple(s.strip() for s in value.split(",") if s.strip()) if value is not None else None

    try:
        base = resolve(config_path, isolated)
        ignore_all = (base.ignore + (split(ignore) or ())) if ignore else None
        from healthlint.engine import Session, default_jobs

        config = base.with_options(select=split(select), ignore=ignore_all, fail_on=fail_on,
                                   report_unused_suppressions=report_unused_suppressions)
        cache = None if no_cache else Path(cache_dir) if cache_dir else config.root / CACHE_DIR_NAME
        fingerprints = bool(baseline_path or write_baseline) or output_format in FINGERPRINTED_FORMATS
        session = Session.start(config, plugins, cache_dir=cache, fingerprints=fingerprints,
                                allow_config_plugins=_allowed())
        session.timed = timings
        reporters = session.reporters()
        if output_format not in reporters:
            raise HealthlintError(f"unknown format {output_format!r}; available: {', '.join(sorted(reporters))}")
        stdin_name = stdin_filename or "-"
        stdin_text = _read_stdin(stdin_name) if "-" in paths else None
        if baseline_path or write_baseline:  # imported only by the runs that use them: start-up matters in hooks
            from healthlint import baseline
        known = baseline.Baseline(Path(baseline_path)) if baseline_path else None
        targets, workers = list(paths) or ["."], jobs or default_jobs()
        result = session.check(targets, stdin_text, stdin_filename, jobs=workers)
        if write_baseline:
            count = baseline.write(Path(write_baseline), result.findings)
            click.echo(f"healthlint: wrote {count} baseline entries for {len(result.findings)} findings "
                       f"to {write_baseline}", err=True)
            _print_errors(result.errors, debug)
            sys.exit(EXIT_ERROR if result.errors else EXIT_CLEAN)
        if known is not None:
            result.findings = known.filter(result.findings)
            if report_stale:
                result.findings += known.stale(result.checked)
        if changed_since:
            from healthlint import changes

            result.findings = changes.only_changed(result.findings, changes.changed_lines(changed_since, Path.cwd()))
        if show_diff:
            shown = _print_diff(result)
            _print_errors(result.errors, debug)
            sys.exit(EXIT_ERROR if result.errors else EXIT_FINDINGS if shown else EXIT_CLEAN)
        out = sys.stdout
        if fix:
            from healthlint import fixes

            fixed = fixes.apply_safe(result.findings, result.sources, skip=stdin_name if stdin_text is not None else None)
            if fixed:
                click.echo(f"healthlint: fixed {len(fixed)} file(s): {', '.join(fixed)}", err=True)
            if stdin_text is not None:  # a filter, as `ruff check --fix -`: the fixed text is the output
                stdin_text = fixes.rewrite(stdin_text, fixes.by_path(result.findings, safe_only=True).get(stdin_name, ()))
                sys.stdout.write(stdin_text)
                sys.stdout.flush()
                out = sys.stderr
            if fixed or stdin_text is not None:
                # What is left, from the files as they are now (the cache is keyed by content).
                result = session.check(targets, stdin_text, stdin_filename, jobs=workers)
        use_color = color == "always" or (color == "auto" and output_format == "text" and out.isatty())
        reporter = reporters[output_format](ReportOptions(color=use_color, statistics=statistics, quiet=quiet))
        try:
            reporter.write(result, out)
        except Exception as exc:  # a plugin's reporter: say which, keep the traceback for --debug
            if debug:
                raise
            raise HealthlintError(f"output format {output_format!r} failed: {type(exc).__name__}: {exc} "
                                  "(run with --debug for the traceback)") from None
        out.flush()
    except HealthlintError as exc:
        _fail(str(exc))
    _print_errors(result.errors, debug)
    if timings:
        click.echo(timings_table(result.timings, result.rules), err=True, nl=False)
    if result.errors:
        sys.exit(EXIT_ERROR)
    threshold = severity_rank(config.fail_on)
    sys.exit(EXIT_FINDINGS if any(severity_rank(f.severity) >= threshold for f in result.findings) else EXIT_CLEAN)


def _read_stdin(name: str) -> str:
    """Standard input, decoded as a file is: as bytes, so CRLF survives a `--fix -` filter."""
    from healthlint.document import decode

    return decode(sys.stdin.buffer.read(), name)


def _print_diff(result: RunResult) -> bool:
    """Print the rewrites the findings suggest as a unified diff; True when there was any."""
    from healthlint import fixes

    groups = fixes.by_path(result.findings, safe_only=False)
    for path, group in groups.items():
        before = result.sources[path]
        sys.stdout.write(fixes.unified_diff(path, before, fixes.rewrite(before, group)))
    return bool(groups)


def timings_table(timings: dict[str, float], rules: dict[str, RuleInfo]) -> str:
    """Seconds per rule, then per pack, slowest first."""
    total = sum(timings.values()) or 1.0
    packs: dict[str, float] = {}
    for rule_id, seconds in timings.items():
        pack = rules[rule_id].pack if rule_id in rules else rule_id.split("/", 1)[0]
        packs[pack] = packs.get(pack, 0.0) + seconds
    lines = [f"{'rule / pack':48s} {'seconds':>9s} {'share':>6s}"]
    for name, seconds in sorted(timings.items(), key=lambda item: -item[1]):
        lines.append(f"{name:48s} {seconds:9.3f} {100 * seconds / total:5.1f}%")
    lines.append("")
    for name, seconds in sorted(packs.items(), key=lambda item: -item[1]):
        lines.append(f"{'pack ' + name:48s} {seconds:9.3f} {100 * seconds / total:5.1f}%")
    return "\n".join(lines) + "\n"


def _rules_of(session: Any) -> list[RuleInfo]:
    return sorted((r.info for r in session.rules), key=lambda info: info.id)


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_common
def rules(output_format: str, config_path: str | None, isolated: bool, plugins: tuple[str, ...], debug: bool) -> None:
    """List every pack and rule, with id, category and severity (JSON: every key as loaded)."""
    session = _session_or_exit(config_path, isolated, plugins)
    infos = _rules_of(session)
    if output_format == "json":
        from healthlint.ruledata import rule_json

        data = [rule_json(r) for r in sorted(session.rules, key=lambda r: r.info.id)]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for info in infos:
            click.echo(f"{info.id:48s} {info.category:26s} {info.severity:8s} {info.message}")
        packs = sorted({i.pack for i in infos})
        click.echo(f"\n{len(infos)} rules in {len(packs)} packs: {', '.join(packs)}")
    _print_errors(session.errors, debug)
    sys.exit(EXIT_ERROR if session.errors else EXIT_CLEAN)


@cli.command()
@click.argument("rule_id")
@_common
def explain(rule_id: str, config_path: str | None, isolated: bool, plugins: tuple[str, ...], debug: bool) -> None:
    """Explain a rule: what it flags, why, how to fix it, with examples."""
    from healthlint.ruletest import flagged

    session = _session_or_exit(config_path, isolated, plugins)
    rules = {r.info.id: r for r in session.rules}
    rule = rules.get(rule_id)
    if rule is None:
        close = sorted(i for i in rules if rule_id in i)
        hint = f"; did you mean {', '.join(close[:5])}?" if close else "; see `healthlint rules`"
        _fail(f"no rule {rule_id!r}{hint}")
    try:
        click.echo(explain_text(rule.info, lambda example: bool(flagged(rule, example))))
    except HealthlintError as exc:
        _fail(str(exc))


@cli.command("test-rules")
@click.argument("path", required=False, type=click.Path(exists=True))
@_common
def test_rules(path: str | None, config_path: str | None, isolated: bool, plugins: tuple[str, ...],
               debug: bool) -> None:
    """Run every rule's bad and good examples; exit 1 when one is wrong or a pattern reaches none.

    PATH is a configuration file, a pack's rules file ([[rule]] tables, tested alone) or a folder
    to find the configuration from; by default the configuration is found as `check` finds it.
    """
    from healthlint import ruletest

    try:
        rules, errors = ruletest.rules_to_test(path, config_path, isolated, plugins)
        outcome = ruletest.run(rules)
    except HealthlintError as exc:
        _fail(str(exc))
    for problem in outcome.problems:
        click.echo(str(problem))
    click.echo(outcome.summary())
    for message in errors:
        click.echo(f"healthlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if outcome.problems else EXIT_CLEAN)


@cli.command()
@click.option("-o", "--output", default="docs", show_default=True, type=click.Path(file_okay=False),
              help="The docs folder: pages go to OUTPUT/rules/<rule id>.md, with an index.")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 when a page is out of date.")
def docs(output: str, check_only: bool) -> None:
    """Generate a Markdown page per rule of healthlint's packs, from the rules' metadata."""
    from healthlint import rulepages

    folder = Path(output) / "rules"
    try:
        pages = rulepages.Pages.of(rulepages.documented_rules())
        changed = pages.differences(folder) if check_only else pages.write(folder)
    except (HealthlintError, OSError) as exc:
        _fail(str(exc))
    for relative in changed:
        click.echo(f"{folder / relative}: {'out of date' if check_only else 'written'}")
    if check_only and changed:
        click.echo(f"healthlint: {len(changed)} page(s) out of date; run: {rulepages.REGENERATE}", err=True)
        sys.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", default="healthlint-report.html", show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the report.")
@click.option("--stdin-filename", help="The file name to report for '-' (standard input).")
@_common
def report(paths: tuple[str, ...], output: str, stdin_filename: str | None, config_path: str | None, isolated: bool,
           plugins: tuple[str, ...], debug: bool) -> None:
    """Write a self-contained HTML report of the findings under PATHS, for editors. '-' reads standard input."""
    from healthlint.atomic import write_text
    from healthlint.engine import default_jobs
    from healthlint.report import render

    session = _session_or_exit(config_path, isolated, plugins)
    try:
        stdin_text = _read_stdin(stdin_filename or "-") if "-" in paths else None
    except HealthlintError as exc:
        _fail(str(exc))
    result = session.check(list(paths) or ["."], stdin_text, stdin_filename, jobs=default_jobs())
    try:
        write_text(Path(output), render(result))
    except OSError as exc:
        _fail(f"{output}: cannot write the report: {exc.strerror or exc}")
    click.echo(f"healthlint: wrote {output}: {len(result.findings)} findings in {result.files} files", err=True)
    _print_errors(result.errors, debug)
    sys.exit(EXIT_ERROR if result.errors else EXIT_CLEAN)


@cli.command()
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE", help="Load a plugin module; repeatable.")
@_ALLOW_CONFIG_PLUGINS
def server(plugins: tuple[str, ...]) -> None:
    """Run the language server (LSP over standard input and output) for editors."""
    if _allowed():  # this process is the server: the flag is the environment variable, for every session it starts
        os.environ[ALLOW_ENV] = "1"
    try:
        from healthlint.server import serve
    except ImportError as exc:
        _fail(f"the language server needs pygls ({exc}); install it with: pip install 'healthlint[lsp]'")
    serve(plugins)


def main() -> None:
    cli()


