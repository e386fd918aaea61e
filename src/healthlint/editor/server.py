"""`healthlint server`: live diagnostics over the Language Server Protocol (stdio), using pygls.

On open, change and save of a Markdown or text document the editor's text is queued for linting
(with the project's configuration and suppressions, as `healthlint check` lints the file); a
child process lints the latest version of each document (see lintqueue and lintworker), so the
event loop only stores texts and answers requests. Diagnostics carry the rule id as code and a
link to the rule's page. Code actions, for every finding the selection touches: the rule's
rewrite as an edit (preferred when the rule declares it safe), the suggestion, and a comment that
disables the rule there without changing the rendered Markdown. Hover shows the rule's
explanation.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from cattrs import Converter
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import default_converter
from pygls.uris import to_fs_path

from healthlint import __version__
from healthlint.output.docs import help_url
from healthlint.output.explain import explain_text
from healthlint.output.findings import Finding
from healthlint.rules import RuleInfo
from healthlint.running.config import resolve
from healthlint.running.disable import disable_comment
from healthlint.running.lintqueue import Job, LintQueue
from healthlint.running.lintworker import LintWorker, Outcome, Range, Started
from healthlint.running.trust import check_config_plugins
from healthlint.text.lines import LineTable

SEVERITY = {"error": 1, "warning": 2, "info": 3}  # DiagnosticSeverity
SHOW_SUGGESTION = "healthlint.showSuggestion"


@dataclass
class Published:
    """The diagnostics last published for one version of a document, with what they came from."""

    version: int | None
    text: str
    findings: list[Finding] = field(default_factory=list)
    ranges: list[Range] = field(default_factory=list)
    diagnostics: list[dict[str, object]] = field(default_factory=list)  # as sent (JSON)


def converter() -> Converter:
    """pygls' converter, except that publishDiagnostics params built as plain JSON (dicts) pass
    as they are: converting 15,000 typed diagnostics takes longer than linting the document."""
    converter = default_converter()
    typed = converter.get_unstructure_hook(types.PublishDiagnosticsParams)
    converter.register_unstructure_hook(types.PublishDiagnosticsParams,
                                        lambda params: params if isinstance(params, dict) else typed(params))
    return converter


class HealthlintServer(LanguageServer):
    """A language server that queues the texts of open documents for linting and publishes
    the findings of each document's latest version."""

    def __init__(self, plugins: tuple[str, ...] = ()) -> None:
        self.converter = converter()
        super().__init__("healthlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full,
                         converter_factory=lambda: self.converter)
        self.extra_plugins = plugins
        self.queue: LintQueue | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.rules: dict[str, RuleInfo] = {}
        self.versions: dict[str, int | None] = {}  # open documents: uri -> latest version
        self.published: dict[str, Published] = {}

    def start_linting(self, root: Path) -> None:
        """Start the queue (and, on its thread, the worker process) for the workspace at `root`.
        A configuration that cannot be read, or that names plugins the user has not allowed, raises
        here, so `initialize` fails with its message; the worker applies the same gate again."""
        config = resolve(None, False, root)
        check_config_plugins(config.path, config.plugins)
        self.loop = asyncio.get_running_loop()
        self.queue = LintQueue(LintWorker(root, self.extra_plugins), self._from_queue, self._started_from_queue)

    def submit(self, uri: str, version: int | None, text: str) -> None:
        if self.queue is None:
            self.start_linting(Path.cwd())
        assert self.queue is not None
        self.versions[uri] = version
        self.queue.submit(Job(uri, version, to_fs_path(uri) or uri, text))

    def close(self, uri: str) -> None:
        self.versions.pop(uri, None)
        self.published.pop(uri, None)
        if self.queue is not None:
            self.queue.forget(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def stop_linting(self) -> None:
        if self.queue is not None:
            self.queue.close()

    def _from_queue(self, job: Job, outcome: Outcome) -> None:
        assert self.loop is not None
        self.loop.call_soon_threadsafe(self.publish, job, outcome)

    def _started_from_queue(self, started: Started) -> None:
        assert self.loop is not None
        self.loop.call_soon_threadsafe(self._started, started)

    def _started(self, started: Started) -> None:
        self.rules = started.rules
        for error in started.errors:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                             message=f"healthlint: {error}"))

    def publish(self, job: Job, outcome: Outcome) -> None:
        """Publish the diagnostics of `job`, unless its document has since changed or closed."""
        if job.uri not in self.versions or self.versions[job.uri] != job.version:
            return  # a later version is queued; its diagnostics will follow
        diagnostics = [_diagnostic(finding, span, self.rules.get(finding.rule))
                       for finding, span in zip(outcome.findings, outcome.ranges)]
        diagnostics += [{"range": _range((0, 0, 0, 0)), "message": error, "severity": SEVERITY["error"],
                         "source": "healthlint"} for error in outcome.errors]
        self.published[job.uri] = Published(job.version, job.text, outcome.findings, outcome.ranges, diagnostics)
        self.protocol.notify(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
                             {"uri": job.uri, "version": job.version, "diagnostics": diagnostics})

    def current(self, uri: str) -> Published | None:
        """The published findings of `uri` when they are of its latest version (else positions
        would point into a text the editor no longer shows)."""
        published = self.published.get(uri)
        if published is None or published.version != self.versions.get(uri):
            return None
        return published


def _diagnostic(finding: Finding, span: Range, info: RuleInfo | None) -> dict[str, object]:
    suggestion = f"\nSuggestion: {finding.suggestion}" if finding.suggestion else ""
    diagnostic = {"range": _range(span), "message": finding.message + suggestion,
                  "severity": SEVERITY[finding.severity], "code": finding.rule, "source": "healthlint"}
    if info is not None and (url := help_url(info)) is not None:  # rules of the packs healthlint documents
        diagnostic["codeDescription"] = {"href": url}
    return diagnostic


def _range(span: Range) -> dict[str, dict[str, int]]:
    return {"start": {"line": span[0], "character": span[1]}, "end": {"line": span[2], "character": span[3]}}


def _overlaps(span: Range, selection: types.Range) -> bool:
    """True when a finding's range and the selection (a cursor is an empty one) share a position."""
    return (span[0], span[1]) <= (selection.end.line, selection.end.character) and \
        (selection.start.line, selection.start.character) <= (span[2], span[3])


def code_actions(uri: str, published: Published, selection: types.Range, converter: Converter) -> list[types.CodeAction]:
    """The quick fixes of every finding the selection overlaps, in document order."""
    actions: list[types.CodeAction] = []
    table: LineTable | None = None
    for finding, span, sent in zip(published.findings, published.ranges, published.diagnostics):
        if not _overlaps(span, selection):
            continue
        diagnostic = converter.structure(sent, types.Diagnostic)
        if finding.replacement is not None:
            flagged = published.text[finding.offset:finding.end_offset]
            title = f"Replace '{flagged}' with '{finding.replacement}'" if finding.replacement else f"Delete '{flagged}'"
            actions.append(types.CodeAction(
                title=title + ("" if finding.safe else " (check that it still says what you mean)"),
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=finding.safe,
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=diagnostic.range,
                                                                       new_text=finding.replacement)]})))
        elif finding.suggestion:
            actions.append(types.CodeAction(
                title=f"healthlint [{finding.rule}]: {finding.suggestion}", kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                command=types.Command(title="Show the suggestion", command=SHOW_SUGGESTION,
                                      arguments=[finding.rule, finding.suggestion])))
        table = table or LineTable.of(published.text)
        insertions = disable_comment(published.text, table.line_starts, finding.offset, finding.end_offset,
                                     finding.rule, markdown=not uri.lower().endswith(".txt"))
        if insertions:
            edits = [types.TextEdit(range=converter.structure(_range(table.position(i.offset) * 2), types.Range),
                                    new_text=i.text) for i in insertions]
            actions.append(types.CodeAction(
                title=f"Disable {finding.rule} for this line" if len(edits) == 1 else f"Disable {finding.rule} here",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={uri: edits})))
    return actions


def build(plugins: tuple[str, ...] = ()) -> HealthlintServer:
    server = HealthlintServer(plugins)

    @server.feature(types.INITIALIZE)
    def initialize(ls: HealthlintServer, params: types.InitializeParams) -> None:
        root = to_fs_path(params.root_uri) if params.root_uri else None
        ls.start_linting(Path(root) if root else Path.cwd())

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: HealthlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.submit(params.text_document.uri, params.text_document.version, params.text_document.text)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: HealthlintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.submit(uri, params.text_document.version, ls.workspace.get_text_document(uri).source)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: HealthlintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        ls.submit(uri, document.version, document.source)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HealthlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: HealthlintServer, params: None) -> None:
        ls.stop_linting()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: HealthlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        published = ls.current(params.text_document.uri)
        return code_actions(params.text_document.uri, published, params.range, ls.converter) \
            if published else []

    @server.command(SHOW_SUGGESTION)
    def show_suggestion(ls: HealthlintServer, rule: str, suggestion: str) -> None:
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=f"{rule}: {suggestion}"))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: HealthlintServer, params: types.HoverParams) -> types.Hover | None:
        published = ls.current(params.text_document.uri)
        point = types.Range(start=params.position, end=params.position)
        texts = [explain_text(ls.rules[f.rule]) for f, span in zip(published.findings, published.ranges)
                 if _overlaps(span, point) and f.rule in ls.rules] if published else []
        if not texts:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n---\n".join(texts)))

    return server


def serve(plugins: tuple[str, ...] = ()) -> None:
    """Run the server over standard input and output until the client exits."""
    build(plugins).start_io()
