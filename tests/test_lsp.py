"""The language server driven by a real LSP client over stdio (pygls' LanguageClient)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
from conftest import ROOT, modules_loaded_by_cli
from lsprotocol import types
from pygls.lsp.client import LanguageClient

from owabilint.lsp.positions import LineIndex, units

# Full-width text and an astral-plane emoji (two UTF-16 code units) before the span.
DRAFT = "件名：お詫び\n\n𠮷全角の説明です！\n本当に申し訳ございません！！\n"
TIMEOUT = 60


def utf16_col(line: str, prefix_end: int) -> int:
    return len(line[:prefix_end].encode("utf-16-le")) // 2


class Session:
    """One server process and the notifications it sent."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
        self.messages: asyncio.Queue[types.ShowMessageParams] = asyncio.Queue()

    async def diagnostics(self, uri: str, version: int | None = None) -> types.PublishDiagnosticsParams:
        while True:
            params = await asyncio.wait_for(self.published.get(), TIMEOUT)
            if params.uri == uri and (version is None or params.version == version):
                return params


async def start(encodings: list[str] | None = None, root: Path | None = None) -> tuple[Session, types.InitializeResult]:
    client = LanguageClient("owabilint-tests", "1")
    session = Session(client)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(_client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        session.published.put_nowait(params)

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def on_message(_client: LanguageClient, params: types.ShowMessageParams) -> None:
        session.messages.put_nowait(params)

    await client.start_io(sys.executable, "-m", "owabilint", "lsp", cwd=str(ROOT))
    general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
    result = await asyncio.wait_for(
        client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(general=general),
                root_uri=(root or ROOT).as_uri(),
            )
        ),
        TIMEOUT,
    )
    client.initialized(types.InitializedParams())
    return session, result


async def stop(session: Session) -> None:
    await asyncio.wait_for(session.client.shutdown_async(None), TIMEOUT)
    session.client.exit(None)
    await session.client.stop()


def open_draft(session: Session, uri: str, text: str, version: int = 1) -> None:
    session.client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="plaintext", version=version, text=text)
        )
    )


def test_session_diagnostics_at_utf16_positions_and_code_actions(tmp_path) -> None:
    uri = (tmp_path / "draft.txt").as_uri()

    async def scenario() -> None:
        session, init = await start(root=tmp_path)
        caps = init.capabilities
        assert caps.position_encoding in (None, types.PositionEncodingKind.Utf16)
        assert init.server_info is not None and init.server_info.name == "owabilint"
        open_draft(session, uri, DRAFT)
        published = await session.diagnostics(uri, version=1)
        by_rule: dict[str, list[types.Diagnostic]] = {}
        for d in published.diagnostics:
            by_rule.setdefault(str(d.code), []).append(d)
            assert d.source == "owabilint"
            assert d.code_description is not None and d.code_description.href.startswith("https://")
        bangs = [d for d in by_rule["emotional-expression"] if d.message.startswith("お詫びの文書に「！」")]
        line2 = DRAFT.splitlines()[2]
        # The emoji is one code point but two UTF-16 code units.
        assert [(b.range.start.line, b.range.start.character, b.range.end.character) for b in bangs] == [
            (2, utf16_col(line2, line2.index("！")), utf16_col(line2, line2.index("！") + 1)),
            (3, 12, 14),
        ]
        assert bangs[0].range.start.character == 9 and line2.index("！") == 8
        assert bangs[0].severity == types.DiagnosticSeverity.Warning

        actions = await asyncio.wait_for(
            session.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri),
                    range=bangs[0].range,
                    context=types.CodeActionContext(diagnostics=[bangs[0]]),
                )
            ),
            TIMEOUT,
        )
        quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
        assert len(quick) == 1
        (edit,) = quick[0].edit.changes[uri]
        assert edit.new_text == "。" and edit.range == bangs[0].range
        assert quick[0].diagnostics[0].code == "emotional-expression"
        fix_all = [a for a in actions if a.kind == "source.fixAll.owabilint"]
        assert len(fix_all) == 1
        assert sorted(
            (e.range.start.line, e.range.start.character, e.new_text) for e in fix_all[0].edit.changes[uri]
        ) == [
            (2, 9, "。"),
            (3, 12, "。"),
        ]

        # An edit (the whole buffer: the server asks for full sync) is linted after the debounce.
        assert init.capabilities.text_document_sync.change == types.TextDocumentSyncKind.Full
        edited = DRAFT.replace("明です！", "明です。", 1)
        session.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
            )
        )
        after = await session.diagnostics(uri, version=2)
        lines = {d.range.start.line for d in after.diagnostics if str(d.code) == "emotional-expression"}
        assert 2 not in lines and 3 in lines

        # Quick successive edits are linted once, for the last version.
        for version, text in ((3, "件名：お詫び\n\n途中！"), (4, "件名：お詫び\n\n途中です！！"), (5, DRAFT)):
            session.client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
        latest = await session.diagnostics(uri)
        assert latest.version == 5
        assert [d.range for d in latest.diagnostics] == [d.range for d in published.diagnostics]
        assert session.published.empty()

        # Saving lints again (editors that do not send changes still get fresh results).
        session.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
        saved = await session.diagnostics(uri, version=5)
        assert [d.range for d in saved.diagnostics] == [d.range for d in published.diagnostics]

        session.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
        cleared = await session.diagnostics(uri)
        assert len(cleared.diagnostics) == 0
        await stop(session)

    asyncio.run(scenario())


def test_negotiated_utf32_positions_count_code_points(tmp_path) -> None:
    uri = (tmp_path / "draft.txt").as_uri()

    async def scenario() -> None:
        session, init = await start(encodings=["utf-32", "utf-16"], root=tmp_path)
        assert init.capabilities.position_encoding == types.PositionEncodingKind.Utf32
        open_draft(session, uri, DRAFT)
        published = await session.diagnostics(uri, version=1)
        starts = sorted(
            (d.range.start.line, d.range.start.character)
            for d in published.diagnostics
            if d.message.startswith("お詫びの文書に「！」")
        )
        assert starts == [(2, 8), (3, 12)]
        await stop(session)

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-16", [(0, 0), (0, 2), (1, 0), (1, 3), (2, 2)]),
        ("utf-8", [(0, 0), (0, 4), (1, 0), (1, 7), (2, 2)]),
        ("utf-32", [(0, 0), (0, 1), (1, 0), (1, 3), (2, 2)]),
    ],
)
def test_line_index_counts_code_units_per_line(encoding, expected) -> None:
    text = "😀a\r\n全角x\rab"
    index = LineIndex(text, encoding)
    offsets = [0, 1, 4, 7, 10]
    assert [index.position(o) for o in offsets] == expected
    assert units("😀", encoding) == {"utf-16": 2, "utf-8": 4, "utf-32": 1}[encoding]


def test_cli_imports_pygls_only_for_the_lsp_command() -> None:
    out, loaded = modules_loaded_by_cli([["--help"], ["lsp", "--help"]], ("pygls", "lsprotocol"))
    assert loaded == []
    assert "lsp" in out and "言語サーバー" in out


def test_configuration_is_discovered_and_reloaded_when_it_changes(tmp_path) -> None:
    folder = tmp_path / "notices"
    folder.mkdir()
    config = folder / "owabilint.toml"
    config.write_text('ignore = ["emotional-expression"]\n', encoding="utf-8")
    uri = (folder / "draft.txt").as_uri()

    async def scenario() -> None:
        session, _ = await start(root=tmp_path)
        open_draft(session, uri, DRAFT)
        first = await session.diagnostics(uri, version=1)
        codes = {str(d.code) for d in first.diagnostics}
        assert codes and "emotional-expression" not in codes and "missing-contact" in codes

        config.write_text('ignore = ["missing-contact"]\n', encoding="utf-8")
        os.utime(config, ns=(1, 1))  # a different modification time even on coarse clocks
        session.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
            )
        )
        second = await session.diagnostics(uri, version=1)
        codes = {str(d.code) for d in second.diagnostics}
        assert "emotional-expression" in codes and "missing-contact" not in codes
        await stop(session)

    asyncio.run(scenario())


def test_a_broken_configuration_is_shown_once_and_the_server_keeps_serving(tmp_path) -> None:
    (tmp_path / "owabilint.toml").write_text('ignore = "emotional-expression"\n', encoding="utf-8")
    uri = (tmp_path / "draft.txt").as_uri()

    async def scenario() -> None:
        session, _ = await start(root=tmp_path)
        open_draft(session, uri, DRAFT)
        message = await asyncio.wait_for(session.messages.get(), TIMEOUT)
        assert message.type == types.MessageType.Error
        assert "owabilint.toml" in message.message and "ignore" in message.message
        session.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
        (tmp_path / "owabilint.toml").write_text('ignore = ["emotional-expression"]\n', encoding="utf-8")
        os.utime(tmp_path / "owabilint.toml", ns=(1, 1))
        session.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
        published = await session.diagnostics(uri, version=1)
        assert "emotional-expression" not in {str(d.code) for d in published.diagnostics}
        assert session.messages.empty()  # the same error was not shown a second time
        await stop(session)

    asyncio.run(scenario())


def test_a_buffer_that_is_not_a_draft_gets_one_error_diagnostic(tmp_path) -> None:
    uri = (tmp_path / "mail.eml").as_uri()
    buffer = "Subject: test\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>本文</p>\r\n"

    async def scenario() -> None:
        session, _ = await start(root=tmp_path)
        open_draft(session, uri, buffer)
        published = await session.diagnostics(uri, version=1)
        (d,) = published.diagnostics
        assert d.severity == types.DiagnosticSeverity.Error and "text/plain" in d.message
        assert (d.range.start.line, d.range.start.character) == (0, 0)
        await stop(session)

    asyncio.run(scenario())
