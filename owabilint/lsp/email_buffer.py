"""E-mail buffers: lint the message as the CLI does, place the findings in the raw .eml.

The CLI lints an .eml file as ``件名：<Subject>`` + blank line + decoded body, and
reports positions in that text. An editor shows the raw file (headers, MIME encoding),
so the server maps each finding back: a body written as is (7bit/8bit UTF-8) and a
Subject header written without MIME encoded-words map character for character; what
cannot be mapped (a quoted-printable or base64 body, an encoded subject, the synthesized
``件名：`` prefix) is placed on the Subject header line, and its fix is not offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from owabilint.email_draft import SUBJECT_PREFIX, read_email
from owabilint.model import Diagnostic, FileReport

_HEADER_END = re.compile(r"\r\n\r\n|\n\n|\r\r")
_SUBJECT = re.compile(r"^subject:[ \t]*(?P<value>[^\r\n]*)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class EmailView:
    """The text the rules see, and how its offsets map into the editor's buffer."""

    text: str
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
