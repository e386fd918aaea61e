"""Built rules kept between runs: a run that must lint a file (the one file a pre-commit hook
checks after an edit, or every file with `--no-cache`) loads its rules and the pass's automaton
from one file instead of loading the plugins and building them again. The file is written by the
second run that builds the same rules (the first leaves a mark). It holds rules, never findings.

The file is a pickle, and unpickling runs code, so it is kept only among the user's own files
(`user_cache_dir()/compiled`, never a repository's cache folder, which a pull request could fill),
read only when the user owns it and nobody else may write to it, and named by a hash of the
settings fingerprint (healthlint's version, every plugin's source and data, the configuration):
a changed plugin or configuration gets a new file. The newest KEEP files are kept. A file that
cannot be read, written or unpickled is ignored: the plugins load as without it.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from healthlint import lazyregex, running
from healthlint.deferred import Deferred
from healthlint.running.cache import blake2b  # loaded already: the settings fingerprint is made there
from healthlint.running.owned import NOFOLLOW, cache_path, open_own, write_own

if TYPE_CHECKING:
    from healthlint.claims.modifiers import ContextRules
    from healthlint.output.reporters.base import Reporter
    from healthlint.rules import Rule

FOLDER = "compiled"
KEEP = 8  # files kept: one per configuration a user lints often


class Compiled:
    """What loading the plugins and linting built: the rules, the output formats, and the
    runners (healthlint.running.runner.Linter, by the per-file settings that chose their rules)
    with their automata. (A plain class: see healthlint.running.engine.TargetResult.)"""

    def __init__(self, fingerprint: str, rules: list[Rule], reporters: Deferred[dict[str, type[Reporter]]],
                 runners: dict[tuple[object, ...], Any]) -> None:
        self.fingerprint = fingerprint  # the settings they were built under
        self.rules = rules
        self.reporters = reporters  # see healthlint.running.engine.Loaded
        self.runners = runners
        # healthlint.lazyregex's module-level patterns, compiled: (pattern, flags) -> pickled code
        self.patterns: dict[tuple[str, int], bytes] = {}
        # core's ConText lexicon (healthlint.claims.modifiers.default_context), when the rules read it
        self.context: Deferred[ContextRules] | None = None


def _engines() -> str:
    """The versions of the compiled engines whose own data the file holds: the regex module's
    compiled patterns (healthlint.rules.phrase.LazyPattern) and pyahocorasick's automata. An
    upgrade of either, which the settings fingerprint does not see, gets a new file."""
    import ahocorasick
    import regex

    try:
        found = os.stat(ahocorasick.__file__ or "")
        automaton = f"{found.st_size}:{found.st_mtime_ns}"
    except (OSError, TypeError):
        automaton = "?"
    return f"regex {regex.__version__}, ahocorasick {automaton}"


def _path(fingerprint: str) -> Path | None:
    """The kept file of `fingerprint`; None when the user has no cache folder of their own
    (healthlint.running.owned.cache_path)."""
    name = blake2b(f"{fingerprint}\0{_engines()}".encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()
    return cache_path(FOLDER, f"{name}.pickle")


def load(fingerprint: str) -> Compiled | None:
    """The rules built under `fingerprint` by an earlier run, or None."""
    path = _path(fingerprint)
    if path is None:
        return None
    stream = open_own(path)
    if stream is None:
        return None  # none kept, or someone else could have written it
    with stream:
        collecting = gc.isenabled()
        gc.disable()  # the ~80 collections the load's new objects would trigger find no garbage
        try:
            found = pickle.load(stream)  # the user's own file, checked above
        except Exception:  # a file from an older healthlint, a plugin's class moved: build afresh
            return None
        finally:
            if running.ENDS_AFTER_ONE_RUN:  # the rules live as long as the process: see there
                gc.freeze()
            if collecting:
                gc.enable()
    if not isinstance(found, Compiled) or found.fingerprint != fingerprint:
        return None
    lazyregex.use_code(found.patterns)
    if found.context is not None:
        from healthlint.claims import modifiers

        modifiers.use_kept(found.context)
    try:
        os.utime(path)  # used now: pruned last
    except OSError:
        pass
    return found


def save(fingerprint: str, compiled: Compiled) -> None:
    """Keep `compiled` for the next run under `fingerprint`, from the second run that had to build
    it (the first only leaves a mark: a settings fingerprint met once, such as a throwaway
    configuration's, is not worth a pickle); nothing when a rule will not pickle (a plugin's rule
    holding an open file, say) or the folder cannot be written."""
    path = _path(fingerprint)
    if path is None:
        return
    seen = path.with_suffix(".seen")
    try:
        if not seen.exists():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.close(os.open(seen, os.O_WRONLY | os.O_CREAT | NOFOLLOW, 0o600))
            _prune(path.parent)
            return
    except OSError:
        return
    try:
        compiled.patterns = lazyregex.compiled_code()
        modifiers = sys.modules.get("healthlint.claims.modifiers")  # imported: the rules read the lexicon
        compiled.context = Deferred(modifiers.default_context()) if modifiers else None
        data = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    if write_own(path, data):
        _prune(path.parent)


def _prune(folder: Path) -> None:
    """Remove all but the KEEP most recently used files and marks."""
    for suffix in ("*.pickle", "*.seen"):
        files = sorted(folder.glob(suffix), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP:]:
            old.unlink(missing_ok=True)
