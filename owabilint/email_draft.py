"""E-mail drafts (.eml): the Subject header and the text/plain body, decoded.

The text the rules see is a synthesized message: ``件名：<Subject>``, a blank line, then
the decoded body (quoted-printable/base64 undone, charset decoded). Positions of
findings therefore refer to this decoded message, not to the bytes of the .eml file:
line 1 is the subject line and body line N is reported as line N + 2 (without a Subject
header the body starts at line 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from owabilint.encoding import Decoded, check_codec, decode, refuse_nul
from owabilint.errors import InputError

SUBJECT_PREFIX = "件名："
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Mailers label CP932 text as Shift_JIS and ISO-2022-JP with Microsoft extensions as ISO-2022-JP.
_WIDER = {"shift_jis": ("cp932",), "iso-2022-jp": ("iso2022_jp_ext", "iso2022_jp_2", "iso2022_jp_2004")}


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


def _subject(message, path: str) -> str | None:  # type: ignore[no-untyped-def]
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
