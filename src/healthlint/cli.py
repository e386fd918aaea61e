"""The command line: `healthlint check`, `healthlint rules`, `healthlint explain`.

Errors are exceptions with a message for a person, caught once here.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import click

from healthlint import __version__
from healthlint.errors import HealthlintError, InputError
from healthlint.output.findings import RunError
from healthlint.rules import SEVERITIES, RuleInfo, severity_rank
from healthlint.running.config import resolve
from healthlint.running.trust import ALLOW_ENV, ALLOW_FLAG

if TYPE_CHECKING:
    from healthlint.api import Linter

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CACHE_DIR_NAME = ".healthlint_cache"
CACHE_MARKER = "# created by healthlint"  # the first line of the .gitignore a cache folder holds
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


def _linter_or_exit(config_path: str | None, isolated: bool, plugins: tuple[str, ...]) -> Linter:
    """Load configuration and plugins for `rules`, `explain` and `report`; a person-facing error exits 2."""
    from healthlint.api import Linter

    try:
        return Linter.load(config_path, isolated=isolated, plugins=plugins, fingerprints=False,
                           allow_config_plugins=_allowed())
    except HealthlintError as exc:
        _fail(str(exc))


def _fail(message: str) -> NoReturn:
    click.echo(f"healthlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _print_errors(errors: list[RunError], debug: bool) -> None:
    from healthlint.output.display import safe

    for error in errors:
        click.echo(f"healthlint: error: {safe(error.message)}", err=True)
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
@click.option("--no-cache", is_flag=True,
              help="Neither read nor write the findings cache. The rules built from the packs are still "
                   "kept, as Python keeps .pyc files, in ~/.cache/healthlint/compiled/ (under $XDG_CACHE_HOME "
                   "when set), a file per version of healthlint, packs and configuration: delete that folder "
                   "to build them afresh.")
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
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Lint on the Dask cluster whose scheduler is at ADDRESS (pip install 'healthlint[dask]').")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the report to FILE instead of standard output.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means an error).")
@click.option("--show-settings", is_flag=True,
              help="Print the settings that apply to the first PATH (its nearest config) as JSON, then exit.")
@click.option("--show-files", is_flag=True, help="Print the files that would be linted, then exit.")
@_common
def check(paths: tuple[str, ...], output_format: str, select: str | None, ignore: str | None,
          fail_on: str | None, statistics: bool, color: str, quiet: bool, stdin_filename: str | None,
          report_unused_suppressions: bool | None, jobs: int, no_cache: bool, cache_dir: str | None,
          timings: bool, write_baseline: str | None, baseline_path: str | None, report_stale: bool,
          changed_since: str | None, show_diff: bool, fix: bool, dask_address: str | None,
          output_file: str | None, exit_zero: bool, show_settings: bool, show_files: bool,
          config_path: str | None, isolated: bool,
          plugins: tuple[str, ...], debug: bool) -> None:
    """Lint Markdown and text files (default: the current folder). '-' reads standard input."""
    from healthlint.api import Linter
    from healthlint.output.reporters.base import ReportOptions
    from healthlint.running.engine import default_jobs

    def split(value: str | None) -> tuple[str, ...] | None:
        return tuple(s.strip() for s in value.split(",") if s.strip()) if value is not None else None

    try:
        config = resolve(config_path, isolated)
        cache = None if no_cache else Path(cache_dir) if cache_dir else config.root / CACHE_DIR_NAME
        fingerprints = bool(write_baseline) or output_format in FINGERPRINTED_FORMATS  # a baseline adds them
        linter = Linter.load(config, plugins=plugins, select=split(select), ignore=split(ignore) or (),
                             fail_on=fail_on, report_unused_suppressions=report_unused_suppressions,
                             cache_dir=cache, baseline=baseline_path, report_stale=report_stale,
                             changed_since=changed_since, fingerprints=fingerprints, timed=timings,
                             allow_config_plugins=_allowed(), nearest=not (config_path or isolated),
                             keep_rules=True)
        reporter_class = linter.session.reporter(output_format)
        targets, workers = list(paths) or ["."], jobs or default_jobs()
        if show_settings or show_files:
            _show(linter, targets, show_settings, debug)
        stdin_name = stdin_filename or "-"
        stdin_text = _read_stdin(stdin_name, config.max_file_size) if "-" in paths else None
        fixed_stdin = None
        if fix and dask_address:
            raise HealthlintError("--fix writes files here; run it without --dask")
        if fix and not (write_baseline or show_diff):
            fixed, fixed_stdin, result = linter.fix(targets, workers, stdin_text=stdin_text,
                                                    stdin_filename=stdin_filename)
            if fixed:
                click.echo(f"healthlint: fixed {len(fixed)} file(s): {', '.join(fixed)}", err=True)
        elif dask_address:
            from healthlint.running.cluster import lint_on_dask

            result = lint_on_dask(linter, targets, dask_address)
        else:
            result = linter.lint_paths(targets, workers, stdin_text=stdin_text, stdin_filename=stdin_filename)
        if write_baseline:
            count = linter.write_baseline(write_baseline, result.findings)
            click.echo(f"healthlint: wrote {count} baseline entries for {len(result.findings)} findings "
                       f"to {write_baseline}", err=True)
            _print_errors(result.errors, debug)
            sys.exit(EXIT_ERROR if result.errors else EXIT_CLEAN)
        if show_diff:
            diffs = linter.diffs(result)
            sys.stdout.write("".join(diffs.values()))
            _print_errors(result.errors, debug)
            sys.exit(EXIT_ERROR if result.errors else EXIT_FINDINGS if diffs else EXIT_CLEAN)
        out: TextIO = io.StringIO() if output_file else sys.stdout
        if fixed_stdin is not None:  # a filter, as `ruff check --fix -`: the fixed text is the output
            sys.stdout.write(fixed_stdin)
            sys.stdout.flush()
            out = out if output_file else sys.stderr
        from healthlint.output.display import safe_result

        use_color = _use_color(color, out) if output_format == "text" or color != "auto" else False
        reporter = reporter_class(ReportOptions(color=use_color, statistics=statistics, quiet=quiet))
        try:
            with contextlib.redirect_stdout(sys.stderr):  # the reporter writes to `out`; its prints do not
                reporter.write(safe_result(result), out)
            out.flush()
        except BrokenPipeError:  # `healthlint check | head -1`: the reader has what it wanted
            _discard_output(out)
        except Exception as exc:  # a plugin's reporter: say which, keep the traceback for --debug
            if debug:
                raise
            raise HealthlintError(f"output format {output_format!r} failed: {type(exc).__name__}: {exc} "
                                  "(run with --debug for the traceback)") from None
        if output_file:
            _write_report(Path(output_file), out.getvalue())  # type: ignore[attr-defined]
    except HealthlintError as exc:
        _fail(str(exc))
    _print_errors(result.errors, debug)
    if timings:
        click.echo(timings_table(result.timings, result.rules), err=True, nl=False)
    if result.errors:
        sys.exit(EXIT_ERROR)
    failed = not exit_zero and any(severity_rank(f.severity) >= severity_rank(linter.fail_on(f.path))
                                   for f in result.findings)
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


def _show(linter: Linter, targets: list[str], settings: bool, debug: bool) -> NoReturn:
    """--show-settings (the effective settings as JSON) or --show-files (one path a line)."""
    if settings:
        click.echo(json.dumps(linter.session_for(targets[0]).config.as_table(), indent=2, ensure_ascii=False))
        errors = linter.errors
    else:
        found, errors = linter.targets(targets)
        for target in found:
            click.echo(target.path)
        errors = linter.errors + errors
    _print_errors(errors, debug)
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _commit() -> str | None:
    """The commit of the working folder's repository (marked when the tree has changes), if any."""
    import subprocess

    try:
        done = subprocess.run(["git", "describe", "--always", "--dirty=+changes", "--abbrev=12"],
                              capture_output=True, text=True, check=False)
    except OSError:
        return None
    return (done.stdout.strip() or None) if done.returncode == 0 else None


def _write_report(path: Path, text: str) -> None:
    """Write a report atomically; a file that cannot be written is an error naming it."""
    from healthlint.atomic import write_text

    try:
        write_text(path, text)
    except OSError as exc:
        raise HealthlintError(f"{path}: cannot write the report: {exc.strerror or exc}") from None


def _use_color(choice: str, stream: TextIO) -> bool:
    """--color always or never; with auto, NO_COLOR (https://no-color.org) turns colour off and
    FORCE_COLOR on (NO_COLOR wins when both are set), else colour on a terminal only."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return stream.isatty()


def _discard_output(stream: TextIO) -> None:
    """The reader closed the pipe: send the rest (and the interpreter's last flush) to the null
    device, so the run ends with its own exit code and no BrokenPipeError message."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, stream.fileno())
    os.close(null)


def _read_stdin(name: str, limit: int) -> str:
    """Standard input, decoded as a file is: as bytes, so CRLF survives a `--fix -` filter; at
    most `limit` bytes (max-file-size), so `< /dev/zero` is an error, not a MemoryError."""
    from healthlint.text.document import decode

    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{name}: standard input is larger than max-file-size ({limit:,} bytes); not read")
    return decode(data, name)


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


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_common
def rules(output_format: str, config_path: str | None, isolated: bool, plugins: tuple[str, ...], debug: bool) -> None:
    """List every pack and rule, with id, category and severity (JSON: every key as loaded)."""
    linter = _linter_or_exit(config_path, isolated, plugins)
    loaded = sorted(linter.session.rules, key=lambda r: r.info.id)
    infos = [rule.info for rule in loaded]
    if output_format == "json":
        from healthlint.output.ruledata import rule_json

        data = [rule_json(r) for r in loaded]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for info in infos:
            click.echo(f"{info.id:48s} {info.category:26s} {info.severity:8s} {info.message}")
        packs = sorted({i.pack for i in infos})
        click.echo(f"\n{len(infos)} rules in {len(packs)} packs: {', '.join(packs)}")
    _print_errors(linter.errors, debug)
    sys.exit(EXIT_ERROR if linter.errors else EXIT_CLEAN)


@cli.command()
@click.argument("rule_id")
@_common
def explain(rule_id: str, config_path: str | None, isolated: bool, plugins: tuple[str, ...], debug: bool) -> None:
    """Explain a rule: what it flags, why, how to fix it, with examples."""
    from healthlint.output.explain import explain_text
    from healthlint.running.ruletest import flagged

    rules = {r.info.id: r for r in _linter_or_exit(config_path, isolated, plugins).session.rules}
    rule = rules.get(rule_id) or next((r for r in rules.values() if rule_id in r.info.formerly and "/" in rule_id), None)
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
    from healthlint.running import ruletest

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
    from healthlint.output import rulepages

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
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Mark each finding new or unchanged against FILE, and list the fixed ones.")
@_common
def report(paths: tuple[str, ...], output: str, stdin_filename: str | None, baseline_path: str | None,
           config_path: str | None, isolated: bool, plugins: tuple[str, ...], debug: bool) -> None:
    """Write a self-contained HTML report of the findings under PATHS, for editors. '-' reads standard input."""
    from healthlint.api import Linter
    from healthlint.output.report import Comparison, RunInfo, render
    from healthlint.running.engine import default_jobs

    try:
        linter = Linter.load(config_path, isolated=isolated, plugins=plugins, fingerprints=bool(baseline_path),
                             allow_config_plugins=_allowed())
        stdin_text = _read_stdin(stdin_filename or "-", linter.config.max_file_size) if "-" in paths else None
        result = linter.lint_paths(list(paths) or ["."], default_jobs(), stdin_text=stdin_text,
                                   stdin_filename=stdin_filename)
        comparison = None
        if baseline_path:
            from healthlint.running.baseline import Baseline

            known = Baseline(Path(baseline_path))
            comparison = Comparison({id(f) for f in known.filter(result.findings)}, known.stale(result.checked))
        info = RunInfo(_now(), _commit(), str(linter.config.path) if linter.config.path else None, baseline_path)
        from healthlint.output.display import safe_result

        _write_report(Path(output), render(safe_result(result), info, comparison))
    except HealthlintError as exc:
        _fail(str(exc))
    click.echo(f"healthlint: wrote {output}: {len(result.findings)} findings in {result.files} files", err=True)
    _print_errors(result.errors, debug)
    sys.exit(EXIT_ERROR if result.errors else EXIT_CLEAN)


@cli.command()
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="The cache folder to remove (default: .healthlint_cache beside the config file).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Use this configuration file instead of searching for one.")
def clean(cache_dir: str | None, config_path: str | None) -> None:
    """Remove the findings cache (only a folder healthlint created)."""
    import shutil

    try:
        folder = Path(cache_dir) if cache_dir else resolve(config_path, False).root / CACHE_DIR_NAME
    except HealthlintError as exc:
        _fail(str(exc))
    if not folder.exists():
        click.echo(f"healthlint: no cache at {folder}", err=True)
        return
    try:
        marker = (folder / ".gitignore").read_text(encoding="utf-8")
    except OSError:
        marker = ""
    if folder.is_symlink() or not marker.startswith(CACHE_MARKER):
        _fail(f"{folder}: not a healthlint cache (no .gitignore written by healthlint); not removed")
    try:
        shutil.rmtree(folder)
    except OSError as exc:
        _fail(f"{folder}: cannot remove the cache: {exc.strerror or exc}")
    click.echo(f"healthlint: removed the cache at {folder}", err=True)


@cli.command()
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE", help="Load a plugin module; repeatable.")
@_ALLOW_CONFIG_PLUGINS
def server(plugins: tuple[str, ...]) -> None:
    """Run the language server (LSP over standard input and output) for editors."""
    if _allowed():  # this process is the server: the flag is the environment variable, for every session it starts
        os.environ[ALLOW_ENV] = "1"
    try:
        from healthlint.editor.server import serve
    except ImportError as exc:
        _fail(f"the language server needs pygls ({exc}); install it with: pip install 'healthlint[lsp]'")
    serve(plugins)


def main() -> None:
    """The console script: every exception not reported already is one line and exit 2;
    Ctrl-C exits 130 and SIGTERM 143, both after removing any temporary file being written."""
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort as exc:  # click turns KeyboardInterrupt (and EOF at a prompt) into Abort
        click.echo("healthlint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED if isinstance(exc.__context__, KeyboardInterrupt) else EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("healthlint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except _Terminated:
        sys.exit(128 + signal.SIGTERM)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except Exception as exc:  # healthlint's own bug, or a plugin's that reached here
        if "--debug" in sys.argv:
            raise
        click.echo(f"healthlint: error: unexpected {type(exc).__name__}: {exc} "
                   "(run with --debug for the traceback)", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)


def run() -> NoReturn:
    """The console script and `python -m healthlint`: `main()` in a process of its own, which ends
    without tearing the interpreter down (freeing every rule, pattern and module one object at a
    time is ~20 ms of a one-file check). In the order Python's own exit goes: atexit functions, then
    standard output and error flushed; when a thread that is not a daemon still runs, or a flush
    fails, Python's own exit ends the process instead (it waits for the thread, and reports the
    failure)."""
    import gc

    from healthlint import running

    running.ENDS_AFTER_ONE_RUN = True
    # A collection every 10,000 new containers instead of 700: importing the modules a lint needs
    # sets off ~20 collections that free nothing (~3-5 ms); cycles still go, a little later.
    gc.set_threshold(10_000, *gc.get_threshold()[1:])
    try:
        main()
        code: int | str | None = EXIT_CLEAN
    except SystemExit as end:
        code = EXIT_CLEAN if end.code is None else end.code
    threading = sys.modules.get("threading")
    waits = threading is not None and any(not thread.daemon and thread is not threading.main_thread()
                                          for thread in threading.enumerate())  # as Python's exit would
    if isinstance(code, int) and not waits:
        import atexit

        atexit._run_exitfuncs()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        else:
            os._exit(code)
    sys.exit(code)


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class _Terminated(BaseException):
    """SIGTERM, raised where the run is (not SystemExit, which a rule's failure handler catches)."""


def _terminated(signum: int, frame: object) -> None:
    raise _Terminated  # unwinds: atomic writes remove their temporary file


