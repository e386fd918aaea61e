"""The language server's linting, in a child process: the server's event loop never runs a rule.

A `LintWorker` is one child process that loads the configuration and plugins once and lints the
texts it is sent. A lint that overruns its time limit (a slow or looping plugin rule) or kills the
process ends that process; the next lint starts a fresh one, so hover, other documents and
`shutdown` are never held up by a rule. A plugin's output goes to standard error, never into the
server's JSON-RPC stream on standard output.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from healthlint.output.findings import Finding
from healthlint.rules import RuleInfo

if TYPE_CHECKING:
    from healthlint.api import Linter

# Limits count the worker's CPU seconds where the system tells them (Linux), so a busy machine
# does not stop a lint that is only waiting for a core; a rule that waits (sleeps, blocks) uses no
# CPU and is stopped after WALL_FACTOR times the limit in wall-clock seconds.
# A backstop: the engine stops each rule at its own limit (rule-time-limit, healthlint.running.timelimit);
# this one ends the process when a lint still runs on (a long call into C, many slow rules).
BASE_TIME_LIMIT = 30.0  # seconds for any document, plus
TIME_LIMIT_PER_MB = 10.0  # seconds for each MB of text (the CLI lints a dense MB in under 2 s)
START_TIME_LIMIT = 60.0  # seconds to load the configuration and plugins
WALL_FACTOR = 4
POLL_SECONDS = 0.25

Range = tuple[int, int, int, int]  # start line, start character, end line, end character (LSP)


@dataclass
class Outcome:
    """What linting one text gave: findings with their LSP ranges, and errors for a person."""

    findings: list[Finding] = field(default_factory=list)
    ranges: list[Range] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class Started:
    """What a worker reports once its configuration and plugins are loaded."""

    rules: dict[str, RuleInfo]
    errors: list[str]  # a configuration that cannot be used, plugins that failed to load


def lint_text(linter: Linter, path: str, text: str) -> Outcome:
    """The one place the server lints: the editor's text of `path` through the CLI's pipeline
    (healthlint.api), with its LSP ranges. Errors of other files (plugins that failed to load)
    were reported when the worker started."""
    from healthlint.errors import HealthlintError
    from healthlint.text.lines import LineTable

    try:
        if not linter.lints(path):
            return Outcome()
        _check_encodable(text, path)
        result = linter.lint_text(text, path)
    except HealthlintError as exc:  # a lone surrogate; the broken configuration of a subfolder
        return Outcome(errors=[str(exc)])
    table = LineTable.of(text)
    ranges = [table.position(f.offset) + table.position(f.end_offset) for f in result.findings]
    return Outcome(result.findings, ranges, [error.message for error in result.errors if error.path == path])


def _check_encodable(text: str, path: str) -> None:
    """Raise InputError for a lone surrogate (a client may send one, escaped in JSON): it is not
    text, and no rule, parser or file could hold it."""
    from healthlint.errors import InputError
    from healthlint.text.document import from_text

    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line, column = from_text(text, path).position(exc.start)
        raise InputError(f"{path}:{line}:{column}: holds a lone surrogate (U+{ord(text[exc.start]):04X}), "
                         "which is not text; not linted") from None


class WorkerFailed(Exception):
    """The worker process overran its time limit or died; it has been ended."""


class LintWorker:
    """One child process that lints for the server, started on first use and after a failure."""

    def __init__(self, root: Path, plugins: tuple[str, ...]) -> None:
        self.root, self.plugins = root, plugins
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self.started: Started | None = None

    def start(self) -> Started:
        """Start the process (if it is not running) and return what it loaded."""
        if self._process is not None and self._process.is_alive() and self.started is not None:
            return self.started
        self.stop()
        context = multiprocessing.get_context("spawn")  # not fork: the server runs threads
        ours, theirs = context.Pipe()
        process = context.Process(target=_work, args=(theirs, str(self.root), self.plugins, os.getpid()),
                                  name="healthlint-lint", daemon=True)
        process.start()
        theirs.close()
        self._process, self._connection = process, ours
        started = self._exchange(None, START_TIME_LIMIT, "loading the configuration and plugins")
        assert isinstance(started, Started)
        self.started = started
        return started

    def lint(self, path: str, text: str) -> Outcome:
        """Lint one text; raises WorkerFailed (and ends the process) when it overruns or dies."""
        self.start()
        limit = BASE_TIME_LIMIT + TIME_LIMIT_PER_MB * len(text) / 1e6
        outcome = self._exchange((path, text), limit, f"linting {path}")
        assert isinstance(outcome, Outcome)
        return outcome

    def _exchange(self, message: object, limit: float, doing: str) -> object:
        """Send `message` (unless None) and wait up to `limit` seconds for the answer."""
        process, connection = self._process, self._connection
        if process is None or connection is None:
            raise WorkerFailed(f"the linting process was stopped before {doing}")
        started, cpu_before = time.monotonic(), _cpu_seconds(process.pid)
        try:
            if message is not None:
                connection.send(message)
            while not connection.poll(POLL_SECONDS):
                wall = time.monotonic() - started
                cpu = _cpu_seconds(process.pid)
                used = cpu - cpu_before if cpu is not None and cpu_before is not None else wall
                if used > limit or wall > WALL_FACTOR * limit:
                    break
            else:
                return connection.recv()
        except (EOFError, OSError, ValueError):  # it died, or stop() closed the pipe under us
            process.join(1)
            self.stop()
            raise WorkerFailed(f"the linting process ended (exit code {process.exitcode}) while {doing}") from None
        self.stop()
        raise WorkerFailed(f"{doing} took more than {limit:.0f} s (a slow or looping plugin rule?); "
                           "it was stopped")

    def stop(self) -> None:
        """End the process, if any, at once (safe to call from another thread)."""
        process, connection = self._process, self._connection
        self._process = self._connection = None
        self.started = None
        if connection is not None:
            connection.close()
        if process is not None and process.is_alive():
            process.kill()
            process.join(5)


def _cpu_seconds(pid: int | None) -> float | None:
    """The CPU time a process has used (user and system), where /proc tells it; else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _work(connection: Connection, root: str, plugins: tuple[str, ...], parent: int) -> None:
    """The worker process: load once, then lint every (path, text) received, until the pipe closes."""
    os.dup2(2, 1)  # a plugin's print() must not reach the server's JSON-RPC stream
    sys.stdout = sys.stderr
    threading.Thread(target=_die_with, args=(parent,), daemon=True).start()
    from healthlint.api import Linter
    from healthlint.errors import HealthlintError

    linter: Linter | None = None
    try:
        linter = Linter.load(root=root, plugins=plugins, fingerprints=False)
        connection.send(Started(linter.rules, [error.message for error in linter.errors]))
    except HealthlintError as exc:
        connection.send(Started({}, [str(exc)]))
    while True:
        try:
            path, text = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(lint_text(linter, path, text) if linter is not None else Outcome())


def _die_with(parent: int) -> None:
    """End this process when the server that started it is gone, even mid-rule."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)
