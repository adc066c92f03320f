"""The language server caps document size: a huge buffer gets one error, the other drafts stay linted."""

from __future__ import annotations

import asyncio
import time

from lsprotocol import types
from test_lsp import TIMEOUT, open_draft, start, stop

from owabilint.inputs.source import DEFAULT_MAX_BYTES
from owabilint.lsp.server import LARGE_CHARS, _lint

SMALL = "お客様各位\n\nお詫び申し上げます！\n"


def test_a_buffer_over_the_size_limit_is_refused_at_once() -> None:
    huge = "a" * (DEFAULT_MAX_BYTES + 1)
    started = time.process_time()
    report = _lint(huge, "/tmp/huge.txt", "text")
    assert time.process_time() - started < 1.0  # 5 MB used to take 24 s and 1.3 GB
    assert report.diagnostics == [] and report.error is not None
    assert "大きすぎる" in report.error and f"{DEFAULT_MAX_BYTES:,}" in report.error
    assert _lint("あ" * (DEFAULT_MAX_BYTES // 3), None, "text").error is None  # exactly at the limit: linted


def test_a_huge_document_does_not_starve_the_others(tmp_path) -> None:
    big_uri, small_uri = (tmp_path / "big.txt").as_uri(), (tmp_path / "small.txt").as_uri()

    async def scenario() -> None:
        session, _ = await start(root=tmp_path)
        open_draft(session, big_uri, "漏えい" * 1_000_000)  # 9 MB of UTF-8
        open_draft(session, small_uri, SMALL)
        big = await session.diagnostics(big_uri)
        small = await session.diagnostics(small_uri)
        assert [d.severity for d in big.diagnostics] == [types.DiagnosticSeverity.Error]
        assert "大きすぎる" in big.diagnostics[0].message
        assert any(d.code == "emotional-expression" for d in small.diagnostics)
        await stop(session)

    asyncio.run(asyncio.wait_for(scenario(), TIMEOUT * 2))


def test_a_large_document_is_linted_beside_the_drafts_being_typed(tmp_path) -> None:
    """A large buffer under the cap goes to a worker process: a small draft opened after
    it gets its diagnostics first, instead of waiting for the large lint to finish."""
    big_uri, small_uri = (tmp_path / "big.txt").as_uri(), (tmp_path / "small.txt").as_uri()
    big_text = "お客様の氏名と住所が記載された書類を紛失しました。\n" * (LARGE_CHARS // 20)

    async def scenario() -> None:
        session, _ = await start(root=tmp_path)
        open_draft(session, big_uri, big_text)
        await asyncio.sleep(0.5)  # the large lint has started
        open_draft(session, small_uri, SMALL)
        first = await asyncio.wait_for(session.published.get(), TIMEOUT)
        assert first.uri == small_uri
        assert any(d.code == "emotional-expression" for d in first.diagnostics)
        big = await session.diagnostics(big_uri)
        assert any(d.code == "missing-contact" for d in big.diagnostics)
        await stop(session)

    asyncio.run(asyncio.wait_for(scenario(), TIMEOUT * 4))
