"""Hook specifications: how a plugin adds rules and output formats to healthlint.

A plugin is a module (or object) with functions named like these and marked with
`healthlint.hookimpl`. Register it under the `healthlint` entry-point group::

    [project.entry-points.healthlint]
    my-pack = "my_pack"

or load it for one run with `--plugin my_pack` / `plugins = ["my_pack"]` in config.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

from healthlint.rules.hookimpl import PROJECT
from healthlint.rules.hookimpl import hookimpl as hookimpl  # re-exported: plugins import it from here too

if TYPE_CHECKING:
    from healthlint.output.reporters.base import Reporter
    from healthlint.rules import Rule

hookspec = pluggy.HookspecMarker(PROJECT)


@hookspec
def healthlint_rules() -> list[Rule]:  # type: ignore[empty-body]  # a specification: plugins implement it
    """Return the rules this plugin contributes (phrase rules, Python rules, or both)."""


@hookspec
def healthlint_reporters() -> list[type[Reporter]]:  # type: ignore[empty-body]
    """Return reporter classes; each class's `name` becomes a `--format` choice."""
