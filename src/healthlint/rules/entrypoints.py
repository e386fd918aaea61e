"""Entry points of installed distributions, read without importlib.metadata.

It reads the files importlib.metadata reads (`*.dist-info/entry_points.txt` and
`*.egg-info/entry_points.txt` in each sys.path directory, the first distribution of a name
winning) but skips importing it: that import (email, zipfile, csv, ...) costs more start-up
time than the rest of healthlint, and a linter in a pre-commit hook starts on every commit.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NamedTuple

_SUFFIXES = (".dist-info", ".egg-info")


class EntryPoint(NamedTuple):  # not a frozen dataclass: one builds its methods at import, ~4x slower
    """`name = module:attribute` in a group of one distribution's entry_points.txt."""

    name: str
    value: str
    distribution: str

    def load(self) -> Any:
        module, _, attribute = self.value.partition(":")
        loaded: Any = importlib.import_module(module.strip())
        for part in filter(None, attribute.strip().split(".")):
            loaded = getattr(loaded, part)
        return loaded


def _distribution(directory: str) -> str:
    """The normalised project name of a `name-version.dist-info` directory."""
    stem = directory.rsplit(".", 1)[0].split("-", 1)[0]
    return stem.lower().replace("-", "_").replace(".", "_")


def _group(text: str, group: str, distribution: str) -> list[EntryPoint]:
    found: list[EntryPoint] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
        elif inside and "=" in line:
            name, value = (part.strip() for part in line.split("=", 1))
            found.append(EntryPoint(name, value.split("[", 1)[0].strip(), distribution))
    return found


def entry_points(group: str, path: list[str] | None = None) -> list[EntryPoint]:
    """Every entry point of `group` installed on `path` (default: sys.path)."""
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for entry in sys.path if path is None else path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:  # a zip file or a missing directory: nothing installed there
            continue
        for name in names:
            if not name.endswith(_SUFFIXES):
                continue
            distribution = _distribution(name)
            if distribution in seen:
                continue
            seen.add(distribution)
            try:
                with open(os.path.join(entry or ".", name, "entry_points.txt"), encoding="utf-8") as file:
                    text = file.read()
            except (OSError, UnicodeDecodeError):
                continue
            found.extend(_group(text, group, distribution))
    return found
