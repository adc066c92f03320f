"""E-mail drafts (.eml): the Subject header and the text/plain body, decoded.

The text the rules see is a synthesized message: ``件名：<Subject>``, a blank line, then
the decoded body (quoted-printable/base64 undone, charset decoded). Positions of
findings therefore refer to this decoded message, not to the bytes of the .eml file:
line 1 is the subject line and body line N is reported as line N + 2 (without a Subject
header the body starts at line 1).

An editor shows the raw file (headers, MIME encoding), so the language server maps each
finding back (:class:`EmailView`): a body written as is (7bit/8bit UTF-8) and a Subject
header written without MIME encoded-words map character for character; what cannot be
mapped (a quoted-printable or base64 body, an encoded subject, the synthesized ``件名：``
prefix) is placed on the Subject header line, and its fix is not offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from owabilint.errors import InputError
from owabilint.inputs.encoding import Decoded, check_codec, decode, refuse_nul
from owabilint.inputs.formats import BufferView, FormatModule, InputFormat, PositionBase
from owabilint.model import Diagnostic, FileReport

if TYPE_CHECKING:
    from email.message import EmailMessage

    from owabilint.inputs.source import Source

SUBJECT_PREFIX = "件名："
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Mailers label CP932 text as Shift_JIS and ISO-2022-JP with Microsoft extensions as ISO-2022-JP.
_WIDER = {"shift_jis": ("cp932",), "iso-2022-jp": ("iso2022_jp_ext", "iso2022_jp_2", "iso2022_jp_2004")}
_HEADER_END = re.compile(r"\r\n\r\n|\n\n|\r\r")
_SUBJECT = re.compile(r"^subject:[ \t]*(?P<value>[^\r\n]*)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True, slots=True)
class EmailDraft:
    subject: str | None
    body: str
    encoding: str  # the body's charset (a codec name), e.g. "iso-2022-jp"

    @property
    def text(self) -> str:
        """Subject line, blank line, body: the text the rules lint."""
        if self.subject is None:
            return self.body
        match = _LINE_BREAK.search(self.body)
        newline = match.group() if match else "\n"
        return f"{SUBJECT_PREFIX}{self.subject}{newline}{newline}{self.body}"

    @property
    def body_offset(self) -> int:
        """Offset of the body's first character in :attr:`text`."""
        return len(self.text) - len(self.body)


def read_email(data: bytes, path: str, forced: str | None = None) -> EmailDraft:
    """Parse an .eml file; ``forced`` overrides the body's declared charset."""
    from email import message_from_bytes, policy

    try:
        message = message_from_bytes(data, policy=policy.default)
        part = message.get_body(preferencelist=("plain",))
        subject = _subject(message, path)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - the email package raises many kinds of errors on malformed input
        raise InputError(path, f"メールとして解析できません（{type(exc).__name__}）") from None
    if part is None:
        raise InputError(path, "text/plain の本文がありません（HTML だけのメールは検査できません）")
    try:
        payload = part.get_payload(decode=True)
    except Exception as exc:  # noqa: BLE001 - as above, for the transfer encoding
        raise InputError(path, f"本文の転送エンコーディングを解読できません（{type(exc).__name__}）") from None
    if not isinstance(payload, bytes):
        raise InputError(path, "text/plain の本文がありません")
    decoded = _decode_body(payload, part.get_content_charset(), path, forced)
    return EmailDraft(subject, decoded.text, decoded.label)


def _subject(message: EmailMessage, path: str) -> str | None:
    value = message.get("Subject")
    if value is None:
        return None
    raw = next((v for k, v in message.raw_items() if k.lower() == "subject"), "")
    if isinstance(raw, str) and any("\udc80" <= ch <= "\udcff" for ch in raw):
        # Raw 8-bit bytes in the header (no MIME encoded-word): detect their encoding.
        subject = decode(raw.encode("ascii", "surrogateescape"), f"{path}（件名）").text
    else:
        subject = str(value)
    return " ".join(_LINE_BREAK.split(subject)).strip()


def _decode_body(payload: bytes, declared: str | None, path: str, forced: str | None) -> Decoded:
    if forced is not None:
        return decode(payload, path, forced)
    if declared and declared not in ("us-ascii", "ascii"):
        try:
            name = check_codec(declared)
        except ValueError:
            name = None
        if name is not None:
            for codec in (name, *_WIDER.get(name, ())):
                try:
                    return refuse_nul(Decoded(payload.decode(codec), check_codec(codec), False), path)
                except (UnicodeError, LookupError, ValueError):  # ValueError: e.g. a codec refusing the data
                    continue
        try:
            return decode(payload, path)
        except InputError:
            raise InputError(
                path,
                f"本文を宣言された文字コード {declared} として読み込めません。--encoding で文字コードを指定してください",
            ) from None
    return decode(payload, path)


class EmailFormat(FormatModule):
    format = InputFormat.EMAIL
    suffixes = (".eml",)
    position_base = PositionBase.BODY

    def read(self, data: bytes, path: str, shown: str, encoding: str | None) -> Source:
        from owabilint.inputs.source import Source

        mail = read_email(data, shown, encoding)
        return Source(path, mail.text, self.format, mail.encoding, False, self.position_base)

    def buffer_view(self, buffer: str, shown: str) -> EmailView:
        return email_view(buffer, shown)


@dataclass(frozen=True)
class EmailView(BufferView):
    """The text the rules see, and how its offsets map into the editor's buffer."""

    buffer: str
    body_in_text: int  # where the body starts in ``text``
    body_in_buffer: int | None  # where it starts in the buffer, when written as is
    subject_in_buffer: int | None  # where the Subject value starts, when written as is
    subject_length: int
    anchor: tuple[int, int]  # the Subject header line (or the first line): for what cannot be mapped

    def to_buffer(self, offset: int) -> int | None:
        if self.body_in_buffer is not None and offset >= self.body_in_text:
            return self.body_in_buffer + offset - self.body_in_text
        start = len(SUBJECT_PREFIX)
        if self.subject_in_buffer is not None and start <= offset <= start + self.subject_length:
            return self.subject_in_buffer + offset - start
        return None

    def place(self, d: Diagnostic) -> Diagnostic:
        start, end = self.to_buffer(d.offset), self.to_buffer(d.end_offset)
        if start is None or end is None or end - start != d.end_offset - d.offset:
            return replace(d, offset=self.anchor[0], end_offset=self.anchor[1], fix=None)
        fix = None
        if d.fix is not None:
            fix_start, fix_end = self.to_buffer(d.fix.offset), self.to_buffer(d.fix.end_offset)
            if fix_start is not None and fix_end is not None and fix_end - fix_start == d.fix.end_offset - d.fix.offset:
                fix = replace(d.fix, offset=fix_start, end_offset=fix_end)
        return replace(d, offset=start, end_offset=end, fix=fix)

    def remap(self, report: FileReport) -> FileReport:
        """The report with every position in buffer coordinates."""
        report.diagnostics = [self.place(d) for d in report.diagnostics]
        report.text = self.buffer
        return report


def email_view(buffer: str, path: str) -> EmailView:
    """Decode the buffer as an e-mail (raises InputError as the CLI would)."""
    mail = read_email(buffer.encode("utf-8", "surrogateescape"), path)
    text = mail.text
    body_in_text = len(text) - len(mail.body)
    split = _HEADER_END.search(buffer)
    header_end = split.start() if split else len(buffer)
    raw_body_start = split.end() if split else len(buffer)
    body_in_buffer = raw_body_start if buffer[raw_body_start:].startswith(mail.body) else None

    subject_in_buffer = None
    anchor = (0, len(buffer.splitlines()[0]) if buffer else 0)
    match = _SUBJECT.search(buffer, 0, header_end)
    if match:
        anchor = (match.start(), match.end())
        if mail.subject is not None and match.group("value").strip() == mail.subject:
            subject_in_buffer = match.start("value") + (len(match.group("value")) - len(match.group("value").lstrip()))
    return EmailView(
        text=text,
        buffer=buffer,
        body_in_text=body_in_text,
        body_in_buffer=body_in_buffer,
        subject_in_buffer=subject_in_buffer,
        subject_length=len(mail.subject or ""),
        anchor=anchor,
    )
