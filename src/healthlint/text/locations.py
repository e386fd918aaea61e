"""Where a finding's file is, as CI services want it: relative to the repository root with `/`,
or as a percent-encoded URI (SARIF, GitLab Code Quality), whatever folder the run started in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

SOURCE_ROOT = "%SRCROOT%"  # the uriBaseId SARIF consumers (GitHub code scanning, VS Code) expect


def repository_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding `.git` (a folder, or a file in a worktree or
    submodule); `start` itself outside a repository."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


@dataclass
class Locations:
    """Paths of one run relative to one root (default: the repository holding the working folder)."""

    root: Path = field(default_factory=lambda: repository_root(Path(os.getcwd())))

    def relative(self, path: str) -> str | None:
        """`path` relative to the root, with `/`; None when the file lies outside the root."""
        absolute = os.path.abspath(path)
        try:
            relative = Path(absolute).relative_to(self.root)
        except ValueError:
            return None
        return relative.as_posix()

    def display(self, path: str) -> str:
        """Relative to the root with `/`, or the absolute path (with `/`) outside it."""
        relative = self.relative(path)
        return relative if relative is not None else Path(os.path.abspath(path)).as_posix()

    def artifact(self, path: str) -> dict[str, str]:
        """A SARIF artifactLocation: a percent-encoded relative reference against SOURCE_ROOT, or a
        file:// URI for a file outside the repository."""
        relative = self.relative(path)
        if relative is None:
            return {"uri": Path(os.path.abspath(path)).as_uri()}
        return {"uri": quote(relative, safe="/"), "uriBaseId": SOURCE_ROOT}

    def base_ids(self) -> dict[str, dict[str, str]]:
        """SARIF originalUriBaseIds: where SOURCE_ROOT was on this machine (a URI ending in '/')."""
        uri = self.root.as_uri()
        return {SOURCE_ROOT: {"uri": uri if uri.endswith("/") else uri + "/"}}
