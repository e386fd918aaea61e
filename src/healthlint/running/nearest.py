"""Each file's nearest configuration, as ruff and markdownlint-cli2 do: in a monorepo, or with
pre-commit run from the root, `site-a/docs/x.md` is linted with `site-a/.healthlint.toml`.

The run's own configuration (found from the working folder) governs every file that has no
nearer one; each nearer configuration is loaded once, with the command line's options on top.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from healthlint.running import config as config_module
from healthlint.running.config import Config
from healthlint.running.engine import Session


def settings(base: Config, select: tuple[str, ...] | None, ignore: tuple[str, ...], fail_on: str | None,
             report_unused_suppressions: bool | None) -> Config:
    """A configuration with the command line's options on top: `select` replaces, `ignore` adds."""
    return base.with_options(select=select, ignore=base.ignore + ignore if ignore else None, fail_on=fail_on,
                             report_unused_suppressions=report_unused_suppressions)


class Nearest:
    """Sessions of the configuration files nearer to a file than the run's own."""

    def __init__(self, options: dict[str, Any], start: dict[str, Any], timed: bool = False) -> None:
        self.options = options  # settings()'s keyword arguments, from the command line
        self.start = start  # Session.start's keyword arguments (plugins, cache, fingerprints, ...)
        self.timed = timed
        self._found: dict[str, Path | None] = {}  # folder -> its nearest config file
        self._sessions: dict[Path, Session] = {}

    def session_for(self, path: str, own: Session) -> Session:
        """The session of the configuration nearest to `path` (a file or folder); `own` when
        there is none or it is the run's own."""
        absolute = os.path.abspath(path)
        folder = absolute if os.path.isdir(absolute) else os.path.dirname(absolute)
        if folder not in self._found:
            self._found[folder] = config_module.find(Path(folder))
        found = self._found[folder]
        if found is None or (own.config.path is not None and found.resolve() == own.config.path.resolve()):
            return own
        session = self._sessions.get(found)
        if session is None:
            session = Session.start(settings(config_module.load(found), **self.options), **self.start)
            session.timed = self.timed
            self._sessions[found] = session
        return session
