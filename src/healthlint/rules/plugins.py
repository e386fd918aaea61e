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
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from healthlint.errors import PluginError
from healthlint.rules.entrypoints import EntryPoint, entry_points

if TYPE_CHECKING:
    import pluggy

ENTRY_POINT_GROUP = "healthlint"
BUILTIN_PLUGINS = ("healthlint.output.reporters.builtin",)


class Plugins:
    """A loaded plugin manager and what went wrong while loading."""

    def __init__(self, manager: pluggy.PluginManager) -> None:
        self.manager = manager
        self.errors: list[PluginError] = []

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


def _is_path(spec: str) -> bool:
    """A local plugin named by its .py file rather than by module name."""
    return spec.endswith(".py") or "/" in spec or "\\" in spec


def _local_path(spec: str, base: Path | None) -> Path:
    path = Path(spec)
    return base / path if not path.is_absolute() and base is not None else path


def _import_local(spec: str, base: Path | None) -> ModuleType:
    """Import a module by dotted name, or a .py file by path (relative to `base`)."""
    if _is_path(spec):
        path = _local_path(spec, base)
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


def installed(entry_point_plugins: bool = True) -> list[EntryPoint]:
    """The installed packs (entry points of the `healthlint` group), in loading order."""
    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name) if entry_point_plugins else []


def source_files(local: tuple[str, ...] = (), base: Path | None = None,
                 entry_point_plugins: bool = True) -> list[tuple[str, list[Path]]] | None:
    """What `load` would load besides the built-ins (part of healthlint), as (plugin, its files)
    pairs, found as `load` finds them but without running any plugin code: a package's whole
    folder, a module's file. None when a plugin cannot be found that way (a namespace package,
    a module from a zip file, one that does not exist): then only loading it tells."""
    found: list[tuple[str, list[Path]]] = []
    for entry in installed(entry_point_plugins):
        files = _module_files(entry.value.partition(":")[0].strip(), None)
        if files is None:
            return None
        found.append((f"{entry.name}={entry.value}", files))
    for spec in local:
        files = [_local_path(spec, base)] if _is_path(spec) else _module_files(spec, base)
        if files is None:
            return None
        found.append((spec, files))
    return found


def _module_files(name: str, base: Path | None) -> list[Path] | None:
    """The files of module `name` (a package's folder, recursively), located as `_import_local`
    and `importlib.import_module` would locate it, without importing it or its parents."""
    parts = name.split(".")
    spec = None
    if base is not None and parts[0] not in sys.modules:
        spec = importlib.machinery.PathFinder.find_spec(parts[0], [str(base)])
    try:
        spec = spec or importlib.util.find_spec(parts[0])
        for depth in range(2, len(parts) + 1):
            if spec is None or spec.submodule_search_locations is None:
                return None
            spec = importlib.machinery.PathFinder.find_spec(".".join(parts[:depth]),
                                                             list(spec.submodule_search_locations))
    except (ImportError, ValueError):  # a malformed name, a module whose __spec__ is None
        return None
    if spec is None or not spec.has_location or not spec.origin:
        return None
    origin = Path(spec.origin)
    return sorted(origin.parent.rglob("*")) if spec.submodule_search_locations is not None else [origin]


def load(local: tuple[str, ...] = (), base: Path | None = None, entry_point_plugins: bool = True) -> Plugins:
    """A plugin manager with the built-ins, the installed packs and the local plugins."""
    import pluggy  # here: a run answered from the cache loads no plugin

    from healthlint.rules import hookspec

    manager = pluggy.PluginManager(hookspec.PROJECT)
    manager.add_hookspecs(hookspec)
    plugins = Plugins(manager)
    for name in BUILTIN_PLUGINS:
        manager.register(importlib.import_module(name), name=name)
    for entry in installed(entry_point_plugins):
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
