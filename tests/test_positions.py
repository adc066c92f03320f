"""Exact positions in the JSON output: full-width text, emoji, CRLF, BOM."""

from __future__ import annotations

from conftest import run_json


def diag(data: dict, rule: str) -> dict:
    return next(d for d in data["files"][0]["diagnostics"] if d["rule"] == rule)


def test_full_width_positions_are_code_points() -> None:
    text = "件名：お詫び\n\n全角テキスト［顧客名］様へ。\n"
    code, data = run_json("--select", "unfilled-placeholder", "-", stdin=text)
    assert code == 1
    d = diag(data, "unfilled-placeholder")
    start = text.index("［")
    assert (d["line"], d["column"], d["end_line"], d["end_column"]) == (3, 7, 3, 12)
    assert (d["offset"], d["end_offset"]) == (start, start + len("［顧客名］"))


def test_crlf_positions() -> None:
    text = "件名：お詫び\r\n\r\n先日、流出しました！\r\n"
    _code, data = run_json("--select", "emotional-expression", "-", stdin=text)
    d = diag(data, "emotional-expression")
    offset = text.index("！")
    assert (d["line"], d["column"], d["end_line"], d["end_column"]) == (3, 10, 3, 11)
    assert (d["offset"], d["end_offset"]) == (offset, offset + 1)
    assert d["fix"] == {"offset": offset, "end_offset": offset + 1, "replacement": "。"}


def test_emoji_before_span_counts_as_one_code_point() -> None:
    text = "🙇 [担当者名] です。\n"
    _, data = run_json("--select", "unfilled-placeholder", "-", stdin=text)
    d = diag(data, "unfilled-placeholder")
    assert (d["column"], d["end_column"]) == (3, 9)
    assert d["offset"] == 2


def test_bom_is_not_counted(tmp_path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff〇〇様\n".encode("utf-8"))
    _, data = run_json("--select", "unfilled-placeholder", str(path))
    d = diag(data, "unfilled-placeholder")
    assert (d["line"], d["column"], d["offset"], d["end_offset"]) == (1, 1, 0, 2)


def test_anchor_points_at_the_vague_phrase() -> None:
    text = "件名：お詫び\n\n先日、お客様の氏名が流出しました。\n"
    _, data = run_json("--select", "missing-incident-date", "-", stdin=text)
    d = diag(data, "missing-incident-date")
    assert (d["line"], d["column"], d["end_column"]) == (3, 1, 3)
