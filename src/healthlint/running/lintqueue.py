"""Which document the language server lints next: only the latest text of each, one at a time.

Edits coalesce: a document edited a thousand times while a lint runs is linted once more, at its
latest version. Documents take turns in the order they were first queued. The linting happens on
this queue's own thread (which waits on the worker process), never on the server's event loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from healthlint.running.lintworker import LintWorker, Outcome, Started, WorkerFailed


@dataclass(frozen=True)
class Job:
    """One version of one open document."""

    uri: str
    version: int | None
    path: str
    text: str


class LintQueue:
    """A thread that starts the worker (handing what it loaded to `started`), then lints the latest
    queued version of each document and hands each outcome to `done(job, outcome)`; both
    callbacks are called on this thread."""

    def __init__(self, worker: LintWorker, done: Callable[[Job, Outcome], None],
                 started: Callable[[Started], None]) -> None:
        self._worker, self._done, self._started = worker, done, started
        self._pending: dict[str, Job] = {}
        self._wake = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="healthlint-lint-queue", daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> None:
        """Queue `job`, replacing any version of its document not yet linted."""
        with self._wake:
            self._pending[job.uri] = job
            self._wake.notify()

    def forget(self, uri: str) -> None:
        """Drop a closed document's queued version, if any."""
        with self._wake:
            self._pending.pop(uri, None)

    def close(self) -> None:
        """Stop linting and end the worker process; a lint in progress is abandoned."""
        with self._wake:
            self._closed = True
            self._pending.clear()
            self._wake.notify()
        self._worker.stop()

    def _next(self) -> Job | None:
        with self._wake:
            while not self._pending and not self._closed:
                self._wake.wait()
            if self._closed:
                return None
            uri = next(iter(self._pending))
            return self._pending.pop(uri)

    def _run(self) -> None:
        try:
            self._started(self._worker.start())
        except WorkerFailed as exc:
            self._started(Started({}, [str(exc)]))
        while (job := self._next()) is not None:
            try:
                outcome = self._worker.lint(job.path, job.text)
            except WorkerFailed as exc:
                outcome = Outcome(errors=[f"{job.path}: {exc}"])
            if not self._closed:
                self._done(job, outcome)
