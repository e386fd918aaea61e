"""A time limit for Python code of rules, in any thread of any process.

A watchdog thread (one per process, started on first use) raises RuleTimeout in a thread whose
limit has passed, with PyThreadState_SetAsyncExc: the exception arrives between two bytecodes of
the rule, so a looping or slow Python rule is stopped; a single long call into C (a regular
expression without a timeout) is stopped when it returns. It works in the main thread (-j1), in
the worker processes of -j2 (each starts its own watchdog) and in a language server's threads.
RuleTimeout derives from BaseException, so a rule's own `except Exception` does not swallow it.
"""

from __future__ import annotations

import _thread
import os
import threading
import time

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
_watching = False  # this process's watchdog runs
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
    """Start this process's watchdog on first use: a bare thread, which, as a daemon thread,
    never holds up the interpreter's exit. (threading.Thread.start() would also wait until the
    new thread runs: 0.4-3 ms of a one-file check on a busy machine, for a thread that sleeps.)"""
    global _watching
    if _watching:
        return
    with _start_lock:
        if not _watching:
            _thread.start_new_thread(_watch, ())
            _watching = True


def _forked() -> None:
    """A forked child has no watchdog (threads are not copied) and none of its parent's threads."""
    global _watching, _start_lock
    _watching = False
    _start_lock = threading.Lock()
    _slots.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


class TimeLimit:
    """`with TimeLimit(seconds):` raises RuleTimeout in this thread if the body runs longer than
    `seconds` (None: no limit). A class, not a generator: it is entered once per rule and file."""

    __slots__ = ("seconds", "slot")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.slot: _Slot | None = None

    def __enter__(self) -> None:
        if self.seconds is None:
            return
        _ensure_watchdog()
        thread_id = threading.get_ident()
        slot = _slots.get(thread_id)
        if slot is None:
            slot = _slots[thread_id] = _Slot()
        slot.fired = False
        slot.deadline = time.monotonic() + self.seconds
        self.slot = slot

    def __exit__(self, failure: type[BaseException] | None, *_: object) -> None:
        slot = self.slot
        if slot is None:
            return
        with slot.lock:
            slot.deadline = None
            fired = slot.fired
            slot.fired = False
        if fired:  # the exception may still be pending: take it back, and raise it here instead
            _raise_in(threading.get_ident(), None)
            if failure is None:
                raise RuleTimeout
