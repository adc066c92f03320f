"""--fix on other input kinds: legacy encodings and UTF-16 are written back byte for byte, Markdown code is untouched, e-mail is never rewritten."""

from __future__ import annotations

import pytest
from conftest import run_cli, run_json

DRAFT = "件名：お詫び\r\n\r\n会員サイトで情報が閲覧できる状態でした！\r\n"


@pytest.mark.parametrize("codec", ["cp932", "euc_jp", "utf-16", "utf-8-sig"])
def test_fix_keeps_encoding_bom_and_line_endings(tmp_path, codec: str) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(DRAFT.encode(codec))
    run_cli("--fix", "--select", "emotional-expression", str(path))
    assert path.read_bytes() == DRAFT.replace("でした！", "でした。").encode(codec)


def test_fix_in_markdown_leaves_code_alone(tmp_path) -> None:
    text = "本文でした！\n\n```\nprint('でした！')\n```\n"
    path = tmp_path / "draft.md"
    path.write_text(text, encoding="utf-8")
    run_cli("--fix", "--select", "emotional-expression", str(path))
    assert path.read_text(encoding="utf-8") == text.replace("本文でした！", "本文でした。")


def test_fix_never_rewrites_an_email(tmp_path) -> None:
    data = "Subject: =?utf-8?b?44GK6Kmr44Gz?=\n\n閲覧できる状態でした！\n".encode()
    path = tmp_path / "draft.eml"
    path.write_bytes(data)
    proc = run_cli("--fix", "--select", "emotional-expression", str(path))
    assert path.read_bytes() == data
    assert proc.returncode == 1
    assert "emotional-expression" in proc.stdout.decode()


def test_email_fix_and_diff_say_in_one_line_why_the_file_is_left_alone(tmp_path) -> None:
    data = "Subject: =?utf-8?b?44GK6Kmr44Gz?=\n\n閲覧できる状態でした！\n".encode()
    path = tmp_path / "draft.eml"
    path.write_bytes(data)
    note = (
        f"owabilint: {path}: メールファイルは書き換えません（指摘の位置はデコードした本文のもので、"
        "元のファイルの符号化に戻せないため）。本文を直してから送り直してください\n"
    )
    fixed = run_cli("--fix", "--format", "text", "--select", "emotional-expression", str(path))
    assert fixed.stderr.decode() == note and fixed.returncode == 1
    diff = run_cli("--diff", "--select", "emotional-expression", str(path))
    # --diff prints no diff for the e-mail, so it exits 0 as it would with nothing to fix.
    assert diff.stdout == b"" and diff.stderr.decode() == note and diff.returncode == 0
    assert path.read_bytes() == data


EXCLAMATIONS = [
    # (draft, the 「！」 findings' fixes in order: the replacement, or None for no fix)
    ("詳しくはこちら！をご覧ください。\n", [None]),  # inside a sentence
    ("本文でした！\n", ["。"]),  # ends the line's sentence
    ("本文でした！　\n", ["。"]),  # trailing full-width space
    ("本文でした！！", ["。"]),  # end of the text, doubled
    ("大変でした！次の文です。\n", [None]),  # another sentence follows on the line
]


@pytest.mark.parametrize(("draft", "fixes"), EXCLAMATIONS, ids=[e[0].strip() for e in EXCLAMATIONS])
def test_exclamation_fix_only_where_it_ends_a_sentence(draft: str, fixes: list) -> None:
    _, data = run_json("--select", "emotional-expression", "-", stdin="件名：お知らせ\n\n" + draft)
    found = [d["fix"] for d in data["files"][0]["diagnostics"] if "「！」" in d["message"]]
    assert [f and f["replacement"] for f in found] == fixes


def test_exclamation_in_markdown_link_text_is_reported_but_never_fixed(tmp_path) -> None:
    text = "# お知らせ\n\n詳しくは[こちら！](https://example.com/)をご覧ください。\n本文でした！\n"
    path = tmp_path / "draft.md"
    path.write_text(text, encoding="utf-8")
    proc = run_cli("--diff", "--select", "emotional-expression", str(path))
    assert proc.returncode == 1
    assert "-本文でした！\n+本文でした。\n" in proc.stdout.decode()
    assert "+詳しくは" not in proc.stdout.decode()
    run_cli("--fix", "--select", "emotional-expression", str(path))
    assert path.read_text(encoding="utf-8") == text.replace("本文でした！", "本文でした。")
