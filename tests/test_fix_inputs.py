"""--fix on other input kinds: legacy encodings and UTF-16 are written back byte for byte, Markdown code is untouched, e-mail is never rewritten."""

from __future__ import annotations

import pytest

from conftest import run_cli

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
    data = "Subject: =?utf-8?b?44GK6Kmr44Gz?=\n\n閲覧できる状態でした！\n".encode("utf-8")
    path = tmp_path / "draft.eml"
    path.write_bytes(data)
    proc = run_cli("--fix", "--select", "emotional-expression", str(path))
    assert path.read_bytes() == data
    assert proc.returncode == 1
    assert "emotional-expression" in proc.stdout.decode()
