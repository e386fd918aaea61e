"""Plugin loading: built-in reporters, entry-point packs, and local modules (`--plugin`).

Like pytest, the core's own reporters register through the same hooks a third
party uses; rule packs (built-in ones included) come from the `healthlint`
entry-point group. A plugin that fails to load or whose hook raises is recorded
by name and the run goes on.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from healthlint import hookspec
from healthlint.entrypoints import entry_points
from healthlint.errors import PluginError

ENTRY_POINT_GROUP = "healthlint"
BUILTIN_PLUGINS = ("healthlint.reporters.builtin",)


@dataclass
class Plugins:
    """A loaded plugin manager and what went wrong while loading."""

    manager: pluggy.PluginManager
    errors: list[PluginError] = field(default_factory=list)

    def call(self, hook_name: str) -> list[tuple[str, Any]]:
        """Call a hook on every plugin separately: (plugin name, result) pairs; a raising
        hook becomes an error naming the plugin instead of stopping the run."""
        results = []
        hook = getattr(self.manager.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):
            try:
                with redirect_stdout(sys.stderr):  # a plugin's print() must not corrupt a report
                    results.append((impl.plugin_name, impl.function()))
            except (Exception, SystemExit) as exc:  # a third party's bug, even sys.exit()
                self.errors.append(PluginError(
                    f"plugin {impl.plugin_name!r}: hook {hook_name} raised {type(exc).__name__}: {exc}", _traceback()))
        return results


def _traceback() -> str:
    """The traceback of the exception being handled, for --debug."""
    import traceback  # only when a plugin fails: it costs start-up time (it imports textwrap)

    return traceback.format_exc()


def _import_local(spec: str, base: Path | None) -> ModuleType:
    """Import a module by dotted name, or a .py file by path (relative to `base`)."""
    if spec.endswith(".py") or "/" in spec or "\\" in spec:
        path = Path(spec)
        if not path.is_absolute() and base is not None:
            path = base / path
        if not path.is_file():
            raise FileNotFoundError(f"no such file {path}")
        module_spec = importlib.util.spec_from_file_location(f"healthlint_local_{path.stem}", path)
        assert module_spec and module_spec.loader
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        return module
    top = spec.split(".", 1)[0]
    if base is not None and top not in sys.modules:
        # Found in `base` without putting it on sys.path, where a `tempfile.py` beside the config
        # would shadow the standard library for the rest of the run.
        found = importlib.machinery.PathFinder.find_spec(top, [str(base)])
        if found is not None and found.loader is not None:
            package = importlib.util.module_from_spec(found)
            sys.modules[top] = package
            try:
                found.loader.exec_module(package)
            except BaseException:
                del sys.modules[top]
                raise
    return importlib.import_module(spec)


def load(local: tuple[str, ...] = (), base: Path | None = None, entry_point_plugins: bool = True) -> Plugins:
    """A plugin manager with the built-ins, the installed packs and the local plugins."""
    manager = pluggy.PluginManager(hookspec.PROJECT)
    manager.add_hookspecs(hookspec)
    plugins = Plugins(manager)
    for name in BUILTIN_PLUGINS:
        manager.register(importlib.import_module(name), name=name)
    if entry_point_plugins:
        for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            if manager.has_plugin(entry.name):
                continue
            try:
                with redirect_stdout(sys.stderr):
                    manager.register(entry.load(), name=entry.name)
            except (Exception, SystemExit) as exc:
                plugins.errors.append(PluginError(
                    f"plugin {entry.name!r} ({entry.value}) failed to load: {type(exc).__name__}: {exc}", _traceback()))
    for spec in local:
        try:
            with redirect_stdout(sys.stderr):
                module = _import_local(spec, base)
            if not manager.is_registered(module):
                manager.register(module, name=spec)
        except (Exception, SystemExit) as exc:
            plugins.errors.append(PluginError(f"plugin {spec!r} failed to load: {type(exc).__name__}: {exc}",
                                              _traceback()))
    return plugins
