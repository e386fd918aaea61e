"""The language server runs the CLI's pipeline with the CLI's settings: on every fixture, the
diagnostics a real LSP client receives are the findings `healthlint check` prints."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra (pygls)")

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from conftest import FIXTURES

pytestmark = pytest.mark.slow

SEVERITY = {types.DiagnosticSeverity.Error: "error", types.DiagnosticSeverity.Warning: "warning",
            types.DiagnosticSeverity.Information: "info"}
# Settings the server must honour as the CLI does: a severity change, a per-folder override, a
# declared register, an excluded folder, the unused-suppression report and an accepted term.
CONFIG = """\
report-unused-suppressions = true
exclude = ["careful/immune-*.md"]
severity = { "hype" = "error" }
[[overrides]]
paths = ["drafts/**"]
ignore = ["uncited-evidence"]
[[overrides]]
paths = ["drafts/glp1-*.md"]
register = "careful"
[[vocabulary]]
term = "miracle"
rules = ["hype"]
"""


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected_diagnostics(folder) -> dict[str, list[tuple]]:
    done = subprocess.run([sys.executable, "-m", "healthlint", "check", "--format", "json", "--no-cache", "."],
                          cwd=folder, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    by_file: dict[str, list[tuple]] = {}
    for finding in json.loads(done.stdout):
        path = folder / finding["path"]
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        start_line, end_line = finding["line"] - 1, finding["end_line"] - 1
        by_file.setdefault(str(path), []).append((
            finding["rule"], finding["severity"],
            start_line, utf16(lines[start_line][:finding["column"] - 1]),
            end_line, utf16(lines[end_line][:finding["end_column"] - 1]) if end_line < len(lines) else 0))
    return by_file


def test_server_diagnostics_equal_cli_findings_on_the_fixtures(tmp_path):
    folder = tmp_path / "site"
    for part in ("drafts", "careful", "core"):
        shutil.copytree(FIXTURES / part, folder / part, ignore=shutil.ignore_patterns("*.json"))
    (folder / ".healthlint.toml").write_text(CONFIG)
    expected = expected_diagnostics(folder)
    documents = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".txt"))
    excluded = folder / "careful" / "immune-boosters.md"
    assert excluded in documents and str(excluded) not in expected
    assert any(rule == "healthlint/unused-suppression" for items in expected.values() for rule, *_ in items)
    declared = expected[str(folder / "drafts" / "glp1-telehealth.md")]  # its offers need a promotional page
    assert declared and not any(rule.startswith("commercial-conflict/") for rule, *_ in declared)

    async def scenario() -> dict[str, list[tuple]]:
        client = LanguageClient("test-client", "1")
        published: asyncio.Queue = asyncio.Queue()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            published.put_nowait(params)

        await client.start_io(sys.executable, "-m", "healthlint", "server")
        try:
            await client.initialize_async(types.InitializeParams(
                capabilities=types.ClientCapabilities(), root_uri=folder.as_uri()))
            client.initialized(types.InitializedParams())
            received: dict[str, list[tuple]] = {}
            for path in documents:
                client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
                    uri=path.as_uri(), language_id="markdown", version=1, text=path.read_text(encoding="utf-8"))))
                params = await published.get()
                while params.uri != path.as_uri():  # a late one for an earlier document
                    params = await published.get()
                received[str(path)] = [
                    (d.code, SEVERITY[d.severity], d.range.start.line, d.range.start.character,
                     d.range.end.line, d.range.end.character) for d in params.diagnostics]
            return received
        finally:
            await client.shutdown_async(None)
            client.exit(None)
            await client.stop()

    received = asyncio.run(asyncio.wait_for(scenario(), timeout=120))
    assert received[str(excluded)] == []
    assert {path: items for path, items in received.items() if items} == expected
