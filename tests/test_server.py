"""The language server, started as a subprocess and driven by a real LSP client over stdio."""

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra (pygls)")

from lsprotocol import types
from pygls.lsp.client import LanguageClient

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
    (tmp_path / ".healthlint.toml").write_text('ignore = ["commercial-conflict", "missing-harms"]\n')
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
            # Appended to the line before, an HTML block already: no new block, no '-- reason' to edit.
            (edit,) = disable.edit.changes[uri]
            assert (edit.range.start.line, edit.range.start.character) == (2, 42)
            assert edit.new_text == " <!-- healthlint-disable-next-line cure-claim/absolute-cure -->"

            hover = await client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=3, character=12)))
            assert hover.contents.value.startswith("# cure-claim/absolute-cure")
            assert "## Why it matters" in hover.contents.value
        finally:
            await client.shutdown_async(None)
            client.exit(None)
            await client.stop()

    run(scenario())


# --- a raw JSON-RPC client: bytes on a pipe, as an editor sends them ---------------------------

from rawlsp import RawClient  # noqa: E402

HOSTILE = str(Path(__file__).parent / "plugins" / "hostile_rules.py")


@pytest.fixture
def raw(tmp_path):
    clients = []

    def start(*args: str) -> RawClient:
        config = tmp_path / ".healthlint.toml"
        if not config.exists():  # the rules these tests exercise, whatever the packs add
            config.write_text('select = ["cure-claim", "hype"]\n')
        client = RawClient(tmp_path, *args)
        clients.append(client)
        assert "result" in client.initialize(tmp_path)
        return client

    yield start
    for client in clients:
        if client.process.poll() is None:
            client.process.kill()
        client.process.wait()


def ranges(diagnostics):
    return [(d.get("code"), d["range"]["start"]["line"], d["range"]["start"]["character"],
             d["range"]["end"]["line"], d["range"]["end"]["character"]) for d in diagnostics]


def actions_for(client, uri, start, end):
    response = client.call("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "context": {"diagnostics": []},
        "range": {"start": {"line": start[0], "character": start[1]}, "end": {"line": end[0], "character": end[1]}}})
    return response["result"]


def apply_edits(text, edits):
    """Apply LSP TextEdits (ASCII text: characters are code units) from last to first."""
    lines = text.split("\n")
    starts = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    for edit in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                       reverse=True):
        start = starts[edit["range"]["start"]["line"]] + edit["range"]["start"]["character"]
        end = starts[edit["range"]["end"]["line"]] + edit["range"]["end"]["character"]
        text = text[:start] + edit["newText"] + text[end:]
    return text


def test_quick_fixes_edit_the_text_and_the_suggestion_command_runs(tmp_path, raw):
    client = raw()
    uri = (tmp_path / "draft.md").as_uri()
    text = "Try our revolutionary new treatment.\n\nOur therapy works well and\nwill cure your arthritis.\n"
    client.open(uri, text)
    opened = client.diagnostics(uri)
    assert ranges(opened["diagnostics"]) == [("hype/hype-adjective", 0, 8, 0, 22),
                                             ("cure-claim/absolute-cure", 3, 5, 3, 9)]
    assert opened["diagnostics"][1]["codeDescription"] == {
        "href": "https://github.com/healthlint/healthlint/blob/main/docs/rules/cure-claim/absolute-cure.md"}

    # A selection that holds both findings (and starts and ends outside them) gets the actions of both.
    actions = actions_for(client, uri, (0, 0), (4, 0))
    assert [(a["title"], a.get("isPreferred", False)) for a in actions] == [
        ("Delete 'revolutionary '", True),
        ("Disable hype/hype-adjective for this line", False),
        ("healthlint [cure-claim/absolute-cure]: Say what was measured and for whom: 'in a small trial, symptoms "
         "improved for some patients [cite]'. If there is no cure, say so.", False),
        ("Disable cure-claim/absolute-cure for this line", False),
    ]
    fix, _, suggestion, disable = actions
    assert fix["edit"]["changes"][uri] == [{"range": {"start": {"line": 0, "character": 8},
                                                      "end": {"line": 0, "character": 22}}, "newText": ""}]
    # Inside the paragraph: at the end of the line before, where the parser keeps it inline.
    assert disable["edit"]["changes"][uri] == [{"range": {"start": {"line": 2, "character": 26},
                                                          "end": {"line": 2, "character": 26}},
                                                "newText": " <!-- healthlint-disable-next-line cure-claim/absolute-cure -->"}]
    # A cursor touches only its own finding.
    assert [a["title"] for a in actions_for(client, uri, (3, 6), (3, 6))] == [suggestion["title"], disable["title"]]
    assert actions_for(client, uri, (1, 0), (1, 0)) == []

    # The suggestion's command runs (it once failed with -32602 'Expected 1 arguments, got 2').
    response = client.call("workspace/executeCommand", suggestion["command"])
    assert response == {"id": response["id"], "jsonrpc": "2.0", "result": None}
    shown = client.wait_for(lambda m: m.get("method") == "window/showMessage")
    assert shown["params"]["message"].startswith("cure-claim/absolute-cure: Say what was measured")

    edited = apply_edits(text, fix["edit"]["changes"][uri] + disable["edit"]["changes"][uri])
    assert edited == ("Try our new treatment.\n\nOur therapy works well and "
                      "<!-- healthlint-disable-next-line cure-claim/absolute-cure -->\nwill cure your arthritis.\n")
    client.change(uri, edited, 2)
    assert client.diagnostics(uri) == {"uri": uri, "version": 2, "diagnostics": []}
    assert client.close() == 0


def test_positions_are_utf16_on_lsp_lines_and_agree_with_the_cli(tmp_path, raw):
    # U+2028 and U+0085 are not line breaks in the LSP; CR LF and a lone CR are.
    text = "Our \u2028therapy will cure arthritis.\r\n\r\n\U0001f389 It will\x85cure gout.\rIt will cure gout!\n"
    (tmp_path / "draft.md").write_text(text, encoding="utf-8", newline="")
    client = raw()  # writes the configuration both use
    cli = json.loads(subprocess.run([sys.executable, "-m", "healthlint", "check", "--no-cache", "--format", "json",
                                     "draft.md"], cwd=tmp_path, capture_output=True, text=True).stdout)
    uri = (tmp_path / "draft.md").as_uri()
    client.open(uri, text)
    got = ranges(client.diagnostics(uri)["diagnostics"])
    assert got == [("cure-claim/absolute-cure", 0, 18, 0, 22), ("cure-claim/absolute-cure", 2, 11, 2, 15),
                   ("cure-claim/absolute-cure", 3, 8, 3, 12)]
    # The CLI counts code points from 1: the same lines, and the same columns but for the emoji's second unit.
    assert [(f["rule"], f["line"] - 1, f["column"] - 1) for f in cli] == [
        ("cure-claim/absolute-cure", 0, 18), ("cure-claim/absolute-cure", 2, 10), ("cure-claim/absolute-cure", 3, 8)]
    assert client.close() == 0


def test_a_lone_surrogate_is_bad_input_not_a_traceback(tmp_path, raw):
    client = raw()
    uri = (tmp_path / "draft.md").as_uri()
    client.open(uri, "# Title\n\nIt will \ud800 cure gout.\n")
    assert client.diagnostics(uri)["diagnostics"] == [{
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "severity": 1,
        "source": "healthlint",
        "message": f"{tmp_path / 'draft.md'}:3:9: holds a lone surrogate (U+D800), which is not text; not linted"}]
    client.change(uri, "# Title\n\nIt will cure gout.\n", 2)
    assert ranges(client.diagnostics(uri)["diagnostics"]) == [("cure-claim/absolute-cure", 2, 8, 2, 12)]
    assert client.close() == 0
    assert b"Traceback" not in client.process.stderr.read()


def test_a_burst_of_edits_is_linted_at_its_latest_version(tmp_path, raw):
    client = raw()
    uri = (tmp_path / "draft.md").as_uri()
    base = "The clinic's therapy will cure knee pain. " * 2500  # 100 KB of findings
    client.open(uri, base)
    for version in range(2, 302):
        client.change(uri, base + "x" * version, version)
    client.change(uri, "Nothing to see.\n\nIt will cure gout.\n", 302)
    versions = []
    while not versions or versions[-1] != 302:
        versions.append(client.diagnostics(uri)["version"])
    assert len(versions) < 30, versions  # not one lint per edit
    assert versions == sorted(versions)
    assert client.close() == 0


def test_a_looping_rule_blocks_neither_hover_nor_other_documents_nor_shutdown(tmp_path, raw):
    (tmp_path / ".healthlint.toml").write_text('rule-time-limit = 3\nselect = ["cure-claim", "hostile"]\n')
    client = raw("--plugin", HOSTILE)
    stuck, other = (tmp_path / "stuck.md").as_uri(), (tmp_path / "other.md").as_uri()
    client.open(stuck, "This loopforever page.\n")
    client.open(other, "It will cure gout.\n")
    started = time.monotonic()
    hover = client.call("textDocument/hover", {"textDocument": {"uri": other}, "position": {"line": 0, "character": 3}},
                        timeout=5)
    assert hover["result"] is None and time.monotonic() - started < 3  # answered while the rule loops
    # The engine stops the rule at its limit; the other document is linted next.
    (error,) = client.diagnostics(stuck, timeout=60)["diagnostics"]
    assert error["message"] == (f"{tmp_path / 'stuck.md'}: rule hostile/loops took longer than 3 s "
                                "(rule-time-limit) and was stopped; the rule was skipped for this file")
    assert ranges(client.diagnostics(other, timeout=60)["diagnostics"]) == [("cure-claim/absolute-cure", 0, 8, 0, 12)]
    # Looping again: shutdown is answered and the server and its worker end.
    client.change(stuck, "Still loopforever.\n", 2)
    time.sleep(1)
    children = _children(client.process.pid)
    assert children
    assert client.close(timeout=5) == 0
    time.sleep(0.5)
    assert [pid for pid in children if _running(pid)] == []


def test_a_printing_or_exiting_rule_leaves_the_protocol_intact(tmp_path, raw):
    client = raw("--plugin", HOSTILE)
    printing, exiting = (tmp_path / "printing.md").as_uri(), (tmp_path / "exiting.md").as_uri()
    client.open(printing, "Please printme now.\n")
    assert ranges(client.diagnostics(printing)["diagnostics"]) == [("hostile/prints", 0, 7, 0, 14)]
    client.open(exiting, "Please exitnow.\n")
    (error,) = client.diagnostics(exiting)["diagnostics"]
    assert error["message"] == (f"{tmp_path / 'exiting.md'}: the linting process ended (exit code 3) "
                                f"while linting {tmp_path / 'exiting.md'}")
    client.change(printing, "Please printme again.\n", 2)  # a new worker takes over
    assert ranges(client.diagnostics(printing)["diagnostics"]) == [("hostile/prints", 0, 7, 0, 14)]
    assert client.close() == 0


def _running(pid: int) -> bool:
    """True while a process exists and is not a zombie (ended, waiting to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_a_subfolders_broken_configuration_is_reported_on_its_documents(tmp_path, raw):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / ".healthlint.toml").write_text('select = ["no-such-rule"]\n')
    client = raw()
    broken, fine = (tmp_path / "site" / "page.md").as_uri(), (tmp_path / "page.md").as_uri()
    client.open(broken, "It will cure gout.\n")
    (error,) = client.diagnostics(broken)["diagnostics"]
    assert error["message"].startswith(f"{tmp_path / 'site' / '.healthlint.toml'}: 'select' names 'no-such-rule'")
    client.open(fine, "It will cure gout.\n")
    assert ranges(client.diagnostics(fine)["diagnostics"]) == [("cure-claim/absolute-cure", 0, 8, 0, 12)]
    assert client.close() == 0


def test_a_rewrite_the_rule_does_not_call_safe_is_offered_but_not_preferred(tmp_path, raw):
    (tmp_path / ".healthlint.toml").write_text('''select = ["local"]
[[rules]]
name = "guaranteed-results"
category = "commercial-conflict"
severity = "error"
message = "Nobody can guarantee the outcome of a treatment."
patterns = ['\\bguaranteed\\s+results\\b']
fix = "results that vary from person to person"
''')
    client = raw()
    uri = (tmp_path / "draft.md").as_uri()
    client.open(uri, "Our injections give guaranteed results.\n")
    (diagnostic,) = client.diagnostics(uri)["diagnostics"]
    assert "codeDescription" not in diagnostic  # a configuration's rule has no page
    fix, disable = actions_for(client, uri, (0, 25), (0, 25))
    assert (fix["title"], fix.get("isPreferred")) == (
        "Replace 'guaranteed results' with 'results that vary from person to person' "
        "(check that it still says what you mean)", False)
    assert fix["edit"]["changes"][uri] == [{"range": {"start": {"line": 0, "character": 20},
                                                      "end": {"line": 0, "character": 38}},
                                            "newText": "results that vary from person to person"}]
    assert disable["title"] == "Disable local/guaranteed-results for this line"
    assert client.close() == 0
