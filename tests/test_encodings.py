"""Drafts saved by Outlook, Notepad and mail tools: UTF-8/16 with BOM, CP932, EUC-JP, ISO-2022-JP."""

from __future__ import annotations

import pytest
from conftest import run_cli, run_json

from owabilint.errors import InputError
from owabilint.inputs.encoding import check_codec, decode, encode_text

DRAFT = (
    "件名：会員情報の流出に関するお詫び\n"
    "\n"
    "会員の皆様\n"
    "\n"
    "二月の会員サイト改修の際、設定に誤りがあったことが分かりました！\n"
    "ご不便をおかけし、深くお詫び申し上げます。\n"
)
BANG_LINE, BANG_COLUMN = 5, DRAFT.splitlines()[4].index("！") + 1

# (codec used to write the file, encoding the report must name)
WRITTEN = [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),
    ("cp932", "cp932"),
    ("shift_jis", "cp932"),
    ("euc_jp", "euc-jp"),
    ("iso2022_jp", "iso-2022-jp"),
]


@pytest.mark.parametrize(("codec", "label"), WRITTEN)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_each_encoding_is_detected_and_positions_match_utf8(tmp_path, codec: str, label: str, newline: str) -> None:
    path = tmp_path / f"draft-{codec}.txt"
    path.write_bytes(DRAFT.replace("\n", newline).encode(codec))
    code, data = run_json("--select", "emotional-expression", str(path))
    entry = data["files"][0]
    assert entry["error"] is None
    assert entry["encoding"] == label
    assert entry["position_base"] == "file"
    (d,) = entry["diagnostics"]
    assert (d["line"], d["column"]) == (BANG_LINE, BANG_COLUMN)
    text = DRAFT.replace("\n", newline)
    assert d["offset"] == text.index("！")
    assert code == 1


def test_utf16_without_bom_is_refused_with_a_hint(tmp_path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes(DRAFT.encode("utf-16-le"))
    proc = run_cli(str(path))
    assert proc.returncode == 2
    assert str(path) in proc.stderr.decode() and "--encoding utf-16-le" in proc.stderr.decode()
    forced = run_cli("--format", "json", "--encoding", "utf-16-le", str(path))
    assert forced.returncode == 1
    assert '"encoding": "utf-16-le"' in forced.stdout.decode()


def test_undecodable_file_names_the_file_and_suggests_encoding(tmp_path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café crème — déjà vu\n".encode("cp1252"))
    chinese = tmp_path / "gb.txt"
    chinese.write_bytes("我们的客户信息被泄露了。".encode("gb2312"))
    good = tmp_path / "good.txt"
    good.write_text(DRAFT, encoding="utf-8")
    proc = run_cli(str(latin), str(chinese), str(good))
    assert proc.returncode == 2
    errors = proc.stderr.decode().strip().splitlines()
    assert len(errors) == 2
    assert str(latin) in errors[0] and "--encoding" in errors[0]
    assert str(chinese) in errors[1] and "--encoding" in errors[1]
    assert "emotional-expression" in proc.stdout.decode()  # the good file was still linted


def test_forced_encoding(tmp_path) -> None:
    path = tmp_path / "sjis.txt"
    path.write_bytes(DRAFT.encode("cp932"))
    code, data = run_json("--encoding", "Shift_JIS", str(path))
    assert data["files"][0]["encoding"] == "shift_jis" and code == 1
    proc = run_cli("--encoding", "euc-jp", str(path))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert str(path) in err and "euc-jp" in err


def test_unknown_encoding_name_is_a_usage_error(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DRAFT, encoding="utf-8")
    proc = run_cli("--encoding", "klingon-8", str(path))
    assert proc.returncode == 2
    assert "--encoding" in proc.stderr.decode() and "klingon-8" in proc.stderr.decode()
    assert proc.stdout == b""


def test_stdin_is_detected_too() -> None:
    proc = run_cli("--format", "json", "-", stdin=DRAFT.encode("euc_jp"))
    assert '"encoding": "euc-jp"' in proc.stdout.decode()
    assert proc.returncode == 1


@pytest.mark.parametrize(
    "data",
    [
        DRAFT.encode("utf-8"),
        b"\xef\xbb\xbf" + DRAFT.encode("utf-8"),
        DRAFT.replace("\n", "\r\n").encode("utf-16"),
        b"\xfe\xff" + DRAFT.encode("utf-16-be"),
        DRAFT.replace("\n", "\r\n").encode("cp932"),
        DRAFT.encode("euc_jp"),
        DRAFT.encode("iso2022_jp"),
        "①髙﨑様の件\n".encode("cp932"),  # NEC and IBM extension characters of CP932
    ],
)
def test_decode_then_encode_gives_the_same_bytes(data: bytes) -> None:
    decoded = decode(data, "x")
    assert encode_text(decoded.text, decoded.encoding, decoded.bom) == data


def test_euc_jp_half_width_katakana_and_jis_x_0213() -> None:
    text = "ｶﾀｶﾅのお知らせです。\n"
    assert decode(text.encode("euc_jp"), "x").text == text
    rare = "𠮟責ではなく、お詫びです。\n"  # a JIS X 0213 kanji that plain EUC-JP lacks
    decoded = decode(rare.encode("euc_jis_2004"), "x")
    assert decoded.text == rare and decoded.encoding == "euc-jis-2004"


def test_decoding_never_replaces_characters() -> None:
    with pytest.raises(InputError) as info:
        decode(DRAFT.encode("cp932")[:-3] + b"\x81", "draft.txt")
    assert info.value.path == "draft.txt"


def test_codec_names() -> None:
    assert check_codec("SJIS") == "shift_jis"
    assert check_codec("Windows-31J") == "cp932"
    assert check_codec("EUC-JP") == "euc-jp"
    assert check_codec("ISO-2022-JP") == "iso-2022-jp"
    with pytest.raises(ValueError):
        check_codec("no-such-codec")
