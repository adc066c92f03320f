"""A Language Server Protocol server over stdio, built on pygls.

- Diagnostics are published when a draft is opened or saved, and after a short pause
  when it is edited (debounced, so typing does not lint on every keystroke). A result
  for an outdated version of the buffer is dropped.
- Positions are sent in the encoding the client negotiated (UTF-16 unless the client
  offers UTF-8 or UTF-32 in ``general.positionEncodings``).
- Each diagnostic carries the rule id as its code and a link to the rule's docs.
- Findings with a safe fix offer a quick fix; ``source.fixAll.owabilint`` applies all.
- Settings are resolved per file the same way the CLI resolves them.

The input is framed by owabilint (:mod:`owabilint.lsp.framing`) and every request is
answered, even a broken one or one after ``shutdown`` (:mod:`owabilint.lsp.protocol`).

Linting runs on one worker thread: the Sudachi tokenizer must not be shared between
threads, and the event loop stays free to receive edits meanwhile. A large buffer
(over LARGE_CHARS) is linted in a worker process of its own instead, so one big
document never keeps the drafts being typed from their diagnostics.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import sys
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import BinaryIO, cast

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from owabilint import __version__
from owabilint.cache.caches import Caches
from owabilint.config.files import CONFIG_NAMES  # files whose change can change the settings of open drafts
from owabilint.document.recent import keep_recent
from owabilint.engine import Settings, lint_text
from owabilint.errors import InputError, OwabilintError
from owabilint.fixer import non_overlapping
from owabilint.inputs.formats import InputFormat
from owabilint.inputs.registry import format_module, format_of
from owabilint.inputs.source import DEFAULT_MAX_BYTES
from owabilint.links import RULES_DOC
from owabilint.lsp.framing import FramedInput
from owabilint.lsp.positions import LineIndex
from owabilint.lsp.protocol import OwabilintProtocol
from owabilint.model import Diagnostic, FileReport, Fix
from owabilint.ruleset.loader import Rule

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.3
# Buffers longer than this are linted in a separate process (a notice is a few thousand
# characters; a 200,000-character buffer takes about a second to lint).
LARGE_CHARS = 200_000
SOURCE = "owabilint"
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.owabilint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
_MARKDOWN_LANGUAGES = {"markdown"}


def settings_for(path: str | None) -> tuple[list[Rule], Settings]:
    """The rules and settings that apply to ``path``: what the CLI uses for that file.

    Configuration files are re-read when they change (owabilint.config caches them by
    modification time), so an edited owabilint.toml applies to the next lint. A buffer
    without a path uses the configuration of the server's working folder.
    """
    from owabilint.config import resolve_settings

    resolved = resolve_settings(path or "-")
    return resolved.rules, resolved.settings


def document_format(path: str | None, language_id: str | None) -> InputFormat:
    """The format of an editor's buffer: by its file's suffix, else by the editor's language."""
    if path and format_of(path) != InputFormat.TEXT:
        return format_of(path)
    return InputFormat.MARKDOWN if language_id in _MARKDOWN_LANGUAGES else InputFormat.TEXT


@dataclass
class Linted:
    """The last result published for a buffer, kept to answer code-action requests."""

    text: str
    version: int | None
    report: FileReport
    encoding: str

    def index(self) -> LineIndex:
        return LineIndex(self.text, self.encoding)


def lsp_range(index: LineIndex, start: int, end: int) -> types.Range:
    (line, char), (end_line, end_char) = index.position(start), index.position(end)
    return types.Range(types.Position(line, char), types.Position(end_line, end_char))


def to_lsp_diagnostic(d: Diagnostic, index: LineIndex, uri: str | None = None) -> types.Diagnostic:
    related = None
    if d.related and uri is not None:
        related = [
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=lsp_range(index, r.offset, r.end_offset)),
                message="同じ指摘の別の箇所",
            )
            for r in d.related
        ]
    return types.Diagnostic(
        range=lsp_range(index, d.offset, d.end_offset),
        severity=SEVERITY[d.severity],
        code=d.rule,
        code_description=types.CodeDescription(href=RULES_DOC),
        source=SOURCE,
        message=d.message,
        data={"fix": d.fix.as_dict()} if d.fix else None,
        related_information=related,
    )


def _edit(index: LineIndex, fix: Fix) -> types.TextEdit:
    return types.TextEdit(range=lsp_range(index, fix.offset, fix.end_offset), new_text=fix.replacement)


def _touches(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def code_actions(uri: str, linted: Linted, wanted: types.Range, only: Sequence[str] | None) -> list[types.CodeAction]:
    """Quick fixes for the fixable findings at ``wanted``, and one fix-all action."""
    index = linted.index()
    fixable = [d for d in linted.report.diagnostics if d.fix is not None]
    actions: list[types.CodeAction] = []
    if not only or any(types.CodeActionKind.QuickFix.value.startswith(k) for k in only):
        for d in fixable:
            diagnostic = to_lsp_diagnostic(d, index, uri)
            if not _touches(diagnostic.range, wanted):
                continue
            assert d.fix is not None
            before = linted.text[d.fix.offset : d.fix.end_offset]
            actions.append(
                types.CodeAction(
                    title=f"「{before}」を「{d.fix.replacement}」に置き換える（{d.rule}）",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=True,
                    edit=types.WorkspaceEdit(changes={uri: [_edit(index, d.fix)]}),
                )
            )
    if fixable and (not only or any(FIX_ALL.startswith(k) for k in only)):
        edits = [_edit(index, fix) for fix in non_overlapping(d.fix for d in fixable if d.fix)]
        actions.append(
            types.CodeAction(
                title="owabilint: 自動修正できる指摘をすべて修正する",
                kind=FIX_ALL,
                edit=types.WorkspaceEdit(changes={uri: edits}),
            )
        )
    return actions


class OwabilintServer(LanguageServer):
    def __init__(self) -> None:
        # Full sync: every change carries the whole buffer, so the server's copy cannot
        # drift from the editor's (an incremental change it could not apply, or a missed
        # version, would leave it linting text the user does not see). Drafts are small.
        super().__init__(
            SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full, protocol_cls=OwabilintProtocol
        )
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="owabilint-lint")
        self._large_executor: ProcessPoolExecutor | None = None
        self.debounce = DEBOUNCE_SECONDS
        self.last_error: str | None = None
        self.caches = Caches.open()  # saved when the server ends (main)

    @property
    def encoding(self) -> str:
        negotiated = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return str(getattr(negotiated, "value", negotiated))

    def executor_for(self, text: str) -> Executor:
        """The lint thread for ordinary drafts; a separate process for a large buffer."""
        if len(text) <= LARGE_CHARS or _too_large(text) is not None:  # refusing a huge one is instant
            return self.executor
        if self._large_executor is None:
            self._large_executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return self._large_executor

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing a lint already waiting."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        text, version, path = document.source, document.version, document.path
        fmt = document_format(path, document.language_id)
        executor = self.executor_for(text)
        caches = self.caches if executor is self.executor else None  # a process of its own caches nothing
        try:
            report = await asyncio.get_running_loop().run_in_executor(executor, _lint, text, path, fmt, caches)
        except OwabilintError as exc:  # a broken configuration or rule pack: say so once, not per keystroke
            message = f"owabilint: {exc}"
            if message != self.last_error:
                self.last_error = message
                self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))
            return
        except BrokenProcessPool:  # the large-buffer worker died (e.g. out of memory): start a new one next time
            log.error("linting %s failed: the worker process ended", uri)
            self._large_executor = None
            return
        except Exception:  # a bug must not take the server down: log it and keep serving
            log.exception("linting %s failed", uri)
            return
        self.last_error = None
        if uri not in self.workspace.text_documents:
            return  # closed meanwhile
        current = self.workspace.get_text_document(uri)
        if current.version != version or current.source != text:
            return  # edited meanwhile: a newer lint is on its way
        linted = Linted(text, version, report, self.encoding)
        self.linted[uri] = linted
        index = linted.index()
        diagnostics = [to_lsp_diagnostic(d, index, uri) for d in report.diagnostics]
        if report.error:  # the buffer cannot be read as a draft (e.g. an e-mail without a text body)
            diagnostics.append(
                types.Diagnostic(
                    range=lsp_range(index, 0, 0),
                    severity=types.DiagnosticSeverity.Error,
                    source=SOURCE,
                    message=report.error,
                )
            )
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    def relint_all(self) -> None:
        """Lint every open draft again (the configuration changed)."""
        for uri in list(self.workspace.text_documents):
            if not is_config_uri(uri):
                self.schedule(uri, 0)

    async def watch_config_files(self) -> None:
        """Ask the client to report changes to configuration files, if it can."""
        dynamic = self.client_capabilities.workspace
        watched = dynamic.did_change_watched_files if dynamic else None
        if not (watched and watched.dynamic_registration):
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
        )
        registration = types.Registration(
            id="owabilint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
        )
        try:
            await self.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
        except Exception as exc:  # noqa: BLE001 - a client that refuses still gets lint on save
            log.warning("could not watch configuration files: %s", exc)

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.linted.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def is_config_uri(uri: str) -> bool:
    return uri.rsplit("/", 1)[-1] in CONFIG_NAMES


def _too_large(text: str) -> int | None:
    """The buffer's UTF-8 size when it is over the CLI's default --max-bytes, else None."""
    if len(text) * 4 <= DEFAULT_MAX_BYTES:  # cannot be over: no need to encode it
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    return size if size > DEFAULT_MAX_BYTES else None


def _lint(text: str, path: str | None, fmt: InputFormat, caches: Caches | None = None) -> FileReport:
    """Lint a buffer as the CLI lints the file; positions are offsets into the buffer.

    With ``caches`` (the lint thread; not a process for a large buffer) the rules'
    lexicon terms are folded through the server's fold cache.

    A buffer larger than the CLI's size limit gets one error instead of findings: one
    huge document must not hold the (single) lint thread for minutes while every other
    open draft waits.
    """
    shown = path or "<buffer>"
    size = _too_large(text)
    if size is not None:
        problem = (
            f"文書が大きすぎるため検査しません（{size:,} バイト、上限 {DEFAULT_MAX_BYTES:,} バイト）。"
            "お詫び文の下書きであれば、分割してください"
        )
        return FileReport(path=shown, text="", error=problem)
    rules, settings = settings_for(path)
    if caches is not None:
        caches.prepare(rules)
    try:
        view = format_module(fmt).buffer_view(text, shown)  # the text the CLI would lint, and the way back
    except InputError as exc:
        return FileReport(path=shown, text=text, error=exc.problem)
    return view.remap(lint_text(view.text, path=shown, format=fmt, rules=rules, settings=settings))


def build_server() -> OwabilintServer:
    server = OwabilintServer()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: OwabilintServer, params: types.InitializedParams) -> None:
        await ls.watch_config_files()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: OwabilintServer, params: types.DidOpenTextDocumentParams) -> None:
        if not is_config_uri(params.text_document.uri):
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: OwabilintServer, params: types.DidChangeTextDocumentParams) -> None:
        if not is_config_uri(params.text_document.uri):
            ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: OwabilintServer, params: types.DidSaveTextDocumentParams) -> None:
        if is_config_uri(params.text_document.uri):
            ls.relint_all()
        else:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched_files(ls: OwabilintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_config_uri(change.uri) for change in params.changes):
            ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: OwabilintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(ls: OwabilintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        linted = ls.linted.get(uri)
        if linted is None or uri not in ls.workspace.text_documents:
            return None
        if ls.workspace.get_text_document(uri).source != linted.text:
            return None  # the buffer changed since the last lint: offsets would be stale
        return code_actions(uri, linted, params.range, params.context.only) or None

    return server


def main() -> None:
    """Serve over stdio until the client asks to exit.

    The exit code is 0 when ``shutdown`` came before ``exit`` (or the end of the input),
    1 otherwise, as the protocol asks.
    """
    logging.basicConfig(level=logging.WARNING, format="owabilint lsp: %(levelname)s %(message)s")
    keep_recent()  # re-linting as someone types: only the edited sentences are tokenized again
    server = build_server()
    try:
        server.start_io(cast(BinaryIO, FramedInput(sys.stdin.buffer)))  # pygls only reads from it
    finally:
        if server._large_executor is not None:
            server._large_executor.shutdown(wait=False, cancel_futures=True)
        server.executor.shutdown(wait=True, cancel_futures=True)  # no lint still folding terms
        server.caches.save()
    protocol = server.protocol
    raise SystemExit(0 if isinstance(protocol, OwabilintProtocol) and protocol.shut_down else 1)
