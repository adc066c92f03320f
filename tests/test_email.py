"""E-mail drafts (.eml): decoded Subject as the subject line, the text/plain body, positions in the decoded message."""

from __future__ import annotations

from email.header import Header
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest
from conftest import run_cli, run_json

from owabilint.errors import InputError
from owabilint.inputs.email import read_email

SUBJECT = "会員情報の流出に関するお詫び！"
BODY = (
    "会員の皆様\n\n会員サイトの設定に誤りがあり、[顧客名]様の情報が閲覧できる状態でした！\n深くお詫び申し上げます。\n"
)
BODY_LINE = 3  # the line of BODY with the findings


def _iso2022jp_mail() -> bytes:
    msg = EmailMessage()
    msg["From"] = "support@example.jp"
    msg["To"] = "members@example.jp"
    msg["Subject"] = Header(SUBJECT, "iso-2022-jp").encode()
    msg.set_content(BODY, charset="iso-2022-jp", cte="7bit")
    return msg.as_bytes()


def _multipart_mail(charset: str, cte: str) -> bytes:
    msg = MIMEMultipart("alternative")
    msg["Subject"] = Header(SUBJECT, "utf-8").encode()
    plain = MIMEText(BODY, "plain", charset)
    if cte == "quoted-printable":
        from email import charset as cs

        c = cs.Charset(charset)
        c.body_encoding = cs.QP
        plain = MIMEText(BODY, "plain", c)
    msg.attach(plain)
    msg.attach(MIMEText("<p>HTML の本文です！！！</p>", "html", "utf-8"))
    return msg.as_bytes()


def _shift_jis_mail() -> bytes:
    """As old Windows mailers send it: 8-bit CP932 labelled Shift_JIS, CRLF line ends."""
    head = "Subject: {}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\n"
    head += "Content-Transfer-Encoding: 8bit\r\n\r\n"
    subject = Header(SUBJECT, "iso-2022-jp").encode()
    body = (BODY + "①の件は追ってご連絡します。\n").replace("\n", "\r\n")
    return head.format(subject).encode("ascii") + body.encode("cp932")


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("iso2022jp.eml", _iso2022jp_mail(), "iso-2022-jp"),
        ("multipart-base64.eml", _multipart_mail("utf-8", "base64"), "utf-8"),
        ("multipart-qp.eml", _multipart_mail("utf-8", "quoted-printable"), "utf-8"),
        ("shift-jis.eml", _shift_jis_mail(), "cp932"),
    ],
)
def test_subject_and_body_are_decoded_and_positioned(tmp_path, name: str, data: bytes, encoding: str) -> None:
    path = _write(tmp_path, name, data)
    code, result = run_json("--select", "emotional-expression,unfilled-placeholder", str(path))
    entry = result["files"][0]
    assert entry["error"] is None, entry["error"]
    assert entry["position_base"] == "body"
    assert entry["encoding"] == encoding
    message = f"件名：{SUBJECT}\n\n{BODY}"
    if name.startswith("shift-jis"):
        message = message.replace("\n", "\r\n")
    found = [(d["rule"], d["line"], d["column"], message[d["offset"] : d["end_offset"]]) for d in entry["diagnostics"]]
    body_line = BODY.splitlines()[BODY_LINE - 1]
    assert found == [
        ("emotional-expression", 1, len("件名：") + SUBJECT.index("！") + 1, "！"),
        ("unfilled-placeholder", BODY_LINE + 2, body_line.index("[") + 1, "[顧客名]"),
        ("emotional-expression", BODY_LINE + 2, body_line.index("！") + 1, "！"),
    ]
    assert code == 1


def test_html_alternative_is_not_linted(tmp_path) -> None:
    path = _write(tmp_path, "m.eml", _multipart_mail("utf-8", "base64"))
    _, result = run_json("--select", "emotional-expression", str(path))
    diagnostics = result["files"][0]["diagnostics"]
    assert [d["line"] for d in diagnostics] == [1, BODY_LINE + 2]  # the HTML part's ！！！ is not there


def test_rich_report_shows_the_decoded_lines(tmp_path) -> None:
    path = _write(tmp_path, "m.eml", _iso2022jp_mail())
    proc = run_cli("--format", "rich", "--select", "unfilled-placeholder", str(path))
    out = proc.stdout.decode()
    assert BODY.splitlines()[BODY_LINE - 1] in out
    assert "(iso-2022-jp)" in out and "デコードしたメール" in out


def test_html_only_mail_is_an_input_error(tmp_path) -> None:
    msg = EmailMessage()
    msg["Subject"] = "お知らせ"
    msg.set_content("<p>本文</p>", subtype="html")
    path = _write(tmp_path, "html.eml", msg.as_bytes())
    proc = run_cli(str(path))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert str(path) in err and "text/plain" in err


def test_raw_8bit_subject_and_missing_charset() -> None:
    raw = "Subject: 会員情報についてのお詫び\n\n本文です。\n".encode("cp932")
    mail = read_email(raw, "x.eml")
    assert mail.subject == "会員情報についてのお詫び"
    assert mail.body == "本文です。\n"
    assert mail.encoding == "cp932"


def test_mail_without_subject_starts_with_the_body() -> None:
    mail = read_email(b"From: a@example.jp\n\nhello\n", "x.eml")
    assert mail.subject is None and mail.text == "hello\n" and mail.body_offset == 0


def test_undecodable_body_names_the_declared_charset() -> None:
    raw = b"Subject: x\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n\xe3\x81\x8a\xe8\xa9\xab\xff\n"
    with pytest.raises(InputError) as info:
        read_email(raw, "bad.eml")
    assert "utf-8" in info.value.problem and "--encoding" in info.value.problem
