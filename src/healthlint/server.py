"""`healthlint server`: live diagnostics over the Language Server Protocol (stdio), using pygls.

On open, change and save of a Markdown or text document it lints the editor's text with the
project's configuration and suppressions and publishes diagnostics (rule id as code). Each
suggestion is offered as a code action; hovering a finding shows the rule's explanation.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from healthlint import __version__
from healthlint.api import Linter
from healthlint.explain import explain_text
from healthlint.findings import Finding

SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}
SHOW_SUGGESTION = "healthlint.showSuggestion"


class HealthlintServer(LanguageServer):
    """A language server holding one healthlint session and the last findings of each document."""

    def __init__(self, plugins: tuple[str, ...] = ()) -> None:
        super().__init__("healthlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.extra_plugins = plugins
        self.linter: Linter | None = None
        self.findings: dict[str, list[tuple[Finding, types.Diagnostic]]] = {}

    def start_session(self, root: Path) -> None:
        self.linter = Linter.load(root=root, plugins=self.extra_plugins, fingerprints=False)

    def lint(self, document: TextDocument) -> None:
        """Lint the editor's text of `document` and publish its diagnostics."""
        if self.linter is None:
            self.start_session(Path.cwd())
        assert self.linter is not None
        path = to_fs_path(document.uri) or document.uri
        diagnostics: list[types.Diagnostic] = []
        pairs: list[tuple[Finding, types.Diagnostic]] = []
        if self.linter.lints(path):  # the same pipeline and settings as `healthlint check`
            result = self.linter.lint_text(document.source, path)
            for finding in result.findings:
                diagnostic = types.Diagnostic(
                    range=types.Range(start=document.client_position_at_offset(finding.offset),
                                      end=document.client_position_at_offset(finding.end_offset)),
                    message=finding.message + (f"\nSuggestion: {finding.suggestion}" if finding.suggestion else ""),
                    severity=SEVERITY[finding.severity], code=finding.rule, source="healthlint",
                    data={"suggestion": finding.suggestion},
                )
                diagnostics.append(diagnostic)
                pairs.append((finding, diagnostic))
        self.findings[document.uri] = pairs
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=document.uri, version=document.version, diagnostics=diagnostics))


def _inside(position: types.Position, span: types.Range) -> bool:
    start, end = (span.start.line, span.start.character), (span.end.line, span.end.character)
    return start <= (position.line, position.character) <= end


def build(plugins: tuple[str, ...] = ()) -> HealthlintServer:
    server = HealthlintServer(plugins)

    @server.feature(types.INITIALIZE)
    def initialize(ls: HealthlintServer, params: types.InitializeParams) -> None:
        root = to_fs_path(params.root_uri) if params.root_uri else None
        ls.start_session(Path(root) if root else Path.cwd())

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: HealthlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint(ls.workspace.get_text_document(params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: HealthlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.lint(ls.workspace.get_text_document(params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: HealthlintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.lint(ls.workspace.get_text_document(params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HealthlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.findings.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: HealthlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        actions = []
        uri = params.text_document.uri
        for finding, diagnostic in ls.findings.get(uri, []):
            if not (_inside(params.range.start, diagnostic.range) or _inside(params.range.end, diagnostic.range)):
                continue
            if finding.suggestion:
                actions.append(types.CodeAction(
                    title=f"healthlint [{finding.rule}]: {finding.suggestion}",
                    kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=True,
                    command=types.Command(title="Show the suggestion", command=SHOW_SUGGESTION,
                                          arguments=[finding.rule, finding.suggestion])))
            line_start = types.Position(line=diagnostic.range.start.line, character=0)
            comment = f"<!-- healthlint-disable-next-line {finding.rule} -- reason -->\n"
            actions.append(types.CodeAction(
                title=f"Disable {finding.rule} for this line", kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(
                    range=types.Range(start=line_start, end=line_start), new_text=comment)]})))
        return actions

    @server.command(SHOW_SUGGESTION)
    def show_suggestion(ls: HealthlintServer, arguments: list[str]) -> None:
        rule, suggestion = arguments
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=f"{rule}: {suggestion}"))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: HealthlintServer, params: types.HoverParams) -> types.Hover | None:
        assert ls.linter is not None
        rules = ls.linter.rules
        texts = [explain_text(rules[f.rule]) for f, d in ls.findings.get(params.text_document.uri, [])
                 if _inside(params.position, d.range) and f.rule in rules]
        if not texts:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n---\n".join(texts)))

    return server


def serve(plugins: tuple[str, ...] = ()) -> None:
    """Run the server over standard input and output until the client exits."""
    build(plugins).start_io()
