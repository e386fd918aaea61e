"""The language server, started as a subprocess and driven by a real LSP client over stdio."""

import asyncio
import sys

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra (pygls)")

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

pytestmark = pytest.mark.slow

DRAFT = "# Knee pain\n\nOur 🎉 therapy is a miracle cure.\n"


async def session(tmp_path):
    client = LanguageClient("test-client", "1")
    published: asyncio.Queue = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params):
        published.put_nowait(params)

    await client.start_io(sys.executable, "-m", "healthlint", "server")
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="t")]))
    client.initialized(types.InitializedParams())
    return client, published


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, timeout=60))


def spans(params):
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.severity)
            for d in params.diagnostics]


def test_diagnostics_code_actions_and_hover_over_the_protocol(tmp_path):
    (tmp_path / ".healthlint.toml").write_text('ignore = ["commercial-conflict"]\n')
    uri = (tmp_path / "draft.md").as_uri()

    async def scenario():
        client, published = await session(tmp_path)
        try:
            client.text_document_did_open(types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=DRAFT)))
            opened = await published.get()
            # UTF-16 columns: the emoji counts two code units.
            assert spans(opened) == [
                ("hype/hype-phrase", 2, 20, 27, types.DiagnosticSeverity.Warning),  # code points: 19
                ("cure-claim/absolute-cure", 2, 28, 32, types.DiagnosticSeverity.Error),
            ]
            assert opened.diagnostics[0].source == "healthlint"

            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(
                    text="# Knee pain\n\n<!-- healthlint-disable-next-line hype -->\nA miracle cure.\n")]))
            changed = await published.get()
            assert spans(changed) == [("cure-claim/absolute-cure", 3, 10, 14, types.DiagnosticSeverity.Error)]

            actions = await client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(start=types.Position(line=3, character=11), end=types.Position(line=3, character=11)),
                context=types.CodeActionContext(diagnostics=changed.diagnostics)))
            suggestion, disable = actions
            assert suggestion.title.startswith("healthlint [cure-claim/absolute-cure]: Say what was measured")
            # pygls' client folds a code action carrying a command into a Command; the wire holds both.
            assert "healthlint.showSuggestion" in str(suggestion.command)
            assert (disable.title, disable.kind) == ("Disable cure-claim/absolute-cure for this line",
                                                     types.CodeActionKind.QuickFix)
            (edit,) = disable.edit.changes[uri]
            assert (edit.range.start.line, edit.range.start.character) == (3, 0)
            assert edit.new_text == "<!-- healthlint-disable-next-line cure-claim/absolute-cure -- reason -->\n"

            hover = await client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=3, character=12)))
            assert hover.contents.value.startswith("# cure-claim/absolute-cure")
            assert "## Why it matters" in hover.contents.value
        finally:
            await client.shutdown_async(None)
            client.exit(None)
            await client.stop()

    run(scenario())
