"""A time limit for Python code of rules, in any thread of any process.

A watchdog thread (one per process, started on first use) raises RuleTimeout in a thread whose
limit has passed, with PyThreadState_SetAsyncExc: the exception arrives between two bytecodes of
the rule, so a looping or slow Python rule is stopped; a single long call into C (a regular
expression without a timeout) is stopped when it returns. It works in the main thread (-j1), in
the worker processes of -j2 (each starts its own watchdog) and in a language server's threads.
RuleTimeout derives from BaseException, so a rule's own `except Exception` does not swallow it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

RULE_TIME_LIMIT = 10.0  # seconds a rule may spend on one file; `rule-time-limit` in the configuration
POLL = 0.02  # seconds between two looks of the watchdog at the running limits


class RuleTimeout(BaseException):
    """A rule ran past its time limit."""


class _Slot:
    """One thread's running limit: a deadline, and whether the watchdog fired at it."""

    __slots__ = ("deadline", "fired", "lock")

    def __init__(self) -> None:
        self.deadline: float | None = None
        self.fired = False
        self.lock = threading.Lock()


_slots: dict[int, _Slot] = {}
_watchdog_pid: int | None = None
_start_lock = threading.Lock()


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    import ctypes  # here: most runs never stop a rule

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exception) if exception else None)


def _watch() -> None:
    while True:
        time.sleep(POLL)
        now = time.monotonic()
        for thread_id, slot in list(_slots.items()):
            if slot.deadline is not None and now >= slot.deadline and not slot.fired:
                with slot.lock:
                    if slot.deadline is not None and not slot.fired:
                        slot.fired = True
                        _raise_in(thread_id, RuleTimeout)


def _ensure_watchdog() -> None:
    """Start this process's watchdog (a forked worker does not inherit its parent's thread)."""
    global _watchdog_pid
    if _watchdog_pid == os.getpid():
        return
    with _start_lock:
        if _watchdog_pid != os.getpid():
            _slots.clear()  # a fork copies the parent's slots, whose threads are not here
            threading.Thread(target=_watch, name="healthlint-time-limit", daemon=True).start()
            _watchdog_pid = os.getpid()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise RuleTimeout in this thread if the body runs longer than `seconds` (None: no limit)."""
    if seconds is None:
        yield
        return
    _ensure_watchdog()
    thread_id = threading.get_ident()
    slot = _slots.get(thread_id)
    if slot is None:
        slot = _slots[thread_id] = _Slot()
    slot.fired = False
    slot.deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        with slot.lock:
            slot.deadline = None
            fired = slot.fired
            slot.fired = False
        if fired:  # the exception may still be pending: take it back, and raise it here instead
            _raise_in(thread_id, None)
    if fired:
        raise RuleTimeout
