"""E-mail buffers in the language server: findings land in the raw .eml the editor shows."""

from __future__ import annotations

import quopri

from owabilint.lsp.server import _lint

HEADERS = (
    "From: support@example.jp\r\n"
    "To: customer@example.com\r\n"
    "Subject: {subject}\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: {cte}\r\n"
    "\r\n"
)
BODY = "お客様各位\r\n\r\n🙇全角の説明です！\r\nご迷惑をおかけしました！！\r\n"


def test_a_plain_body_maps_character_for_character(tmp_path) -> None:
    buffer = HEADERS.format(subject="個人情報の流出について！", cte="8bit") + BODY
    report = _lint(buffer, str(tmp_path / "mail.eml"), "email")
    assert report.error is None and report.text == buffer
    bangs = [d for d in report.diagnostics if buffer[d.offset : d.end_offset] in ("！", "！！")]
    body_bangs = [d for d in bangs if d.offset > buffer.index("\r\n\r\n")]
    assert [d.offset for d in body_bangs] == [buffer.index("です！") + 2, buffer.index("！！")]
    assert all(d.fix is not None and (d.fix.offset, d.fix.end_offset) == (d.offset, d.end_offset) for d in body_bangs)
    subject_bang = next(d for d in bangs if d.offset < buffer.index("\r\n\r\n"))
    assert subject_bang.offset == buffer.index("について！") + 4
    # Document-level findings (missing elements) are placed on the Subject header line.
    subject_line = (buffer.index("Subject:"), buffer.index("\r\n", buffer.index("Subject:")))
    missing = [d for d in report.diagnostics if d.rule == "missing-contact"]
    assert [(d.offset, d.end_offset) for d in missing] == [subject_line]


def test_an_encoded_body_is_placed_on_the_subject_line_without_fixes(tmp_path) -> None:
    body = quopri.encodestring(BODY.encode("utf-8")).decode("ascii")
    buffer = HEADERS.format(subject="=?UTF-8?B?5YCL5Lq65oOF5aCx?=", cte="quoted-printable") + body
    report = _lint(buffer, str(tmp_path / "mail.eml"), "email")
    assert report.error is None
    subject_line = (buffer.index("Subject:"), buffer.index("\r\n", buffer.index("Subject:")))
    assert report.diagnostics
    assert {(d.offset, d.end_offset) for d in report.diagnostics} == {subject_line}
    assert all(d.fix is None for d in report.diagnostics)


def test_an_email_without_text_body_is_an_error(tmp_path) -> None:
    buffer = "Subject: test\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>本文</p>\r\n"
    report = _lint(buffer, str(tmp_path / "mail.eml"), "email")
    assert report.error is not None and "text/plain" in report.error
    assert report.diagnostics == []
