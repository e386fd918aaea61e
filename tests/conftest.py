"""Shared helpers: run the real CLI in-process and read findings as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from healthlint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DEMO = str(ROOT / "tests" / "plugins" / "demo_pack.py")
DEMO_ARGS = ["--isolated", "--plugin", DEMO, "--select", "demo"]


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def findings(self) -> list[dict]:
        """The findings of `--format json` output (error objects left out)."""
        return [item for item in json.loads(self.stdout) if "error" not in item]

    @property
    def errors(self) -> list[dict]:
        """The {path, error} objects of `--format json` output."""
        return [item for item in json.loads(self.stdout) if "error" in item]


def run_cli(*args: str, input: str | None = None) -> Run:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


_PACKS: list[Any] = []  # one healthlint.Linter with the installed packs, loaded on first use


def lint_page(text: str, path: str = "page.md") -> list[dict[str, Any]]:
    """The findings of `healthlint check --isolated --format json` on `text` as `path`, through
    the public API with one linter loaded for the whole session (the CLI's findings are the
    API's: tests/test_api.py): rule-behaviour tests then cost milliseconds, not a load each."""
    if not _PACKS:
        import healthlint

        _PACKS.append(healthlint.Linter.load(isolated=True))
    return [{"rule": f.rule, "category": f.category, "offset": f.offset, "end_offset": f.end_offset,
             "message": f.message, "suggestion": f.suggestion} for f in _PACKS[0].lint_text(text, path).findings]


def demo_check(*args: str, input: str | None = None) -> Run:
    """`healthlint check --format json` with only the demo test pack's rules."""
    return run_cli("check", "--format", "json", *DEMO_ARGS, *args, input=input)


@pytest.fixture
def write(tmp_path: Path):
    """Write a file (bytes or text, exactly as given) under tmp_path and return its path as str."""

    def _write(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return str(path)

    return _write


@pytest.fixture(autouse=True)
def _work_in_tmp(tmp_path, monkeypatch):
    """Each test runs in its own folder, so no test sees another's config or findings cache, with
    user settings and cache of its own (never the real home's) and no permission from outside."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".user-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ".user-cache"))
    monkeypatch.delenv("HEALTHLINT_ALLOW_CONFIG_PLUGINS", raising=False)
