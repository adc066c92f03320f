"""Only regular files are read, and never more than the size limit: no endless read, no blocked open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero")

DRAFT = "お客様各位\n\n個人情報が流出しました！\n"


def _folder_with_traps(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a-good.txt").write_text(DRAFT, encoding="utf-8")
    (folder / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.txt")
    return folder


def test_a_walked_folder_with_a_device_link_and_a_fifo_reports_them_and_lints_the_rest(tmp_path: Path) -> None:
    _folder_with_traps(tmp_path)
    proc = run_cli("--format", "text", "drafts", cwd=tmp_path)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "a-good.txt:3:" in out and "emotional-expression" in out
    error_lines = err.strip().splitlines()
    assert len(error_lines) == 2, err
    assert any("pipe.txt" in line and "通常のファイルではありません" in line for line in error_lines)
    assert any("zero.txt" in line and "通常のファイルではありません" in line for line in error_lines)


def test_named_fifo_and_device_are_refused(tmp_path: Path) -> None:
    folder = _folder_with_traps(tmp_path)
    for name in ("pipe.txt", "zero.txt"):
        proc = run_cli("--format", "json", str(folder / name), cwd=tmp_path)
        assert proc.returncode == 2
        assert "通常のファイルではありません" in proc.stdout.decode("utf-8")
    proc = run_cli("--fix", str(folder / "pipe.txt"), cwd=tmp_path)
    assert proc.returncode == 2 and "通常のファイルではありません" in proc.stderr.decode()


def test_a_fifo_as_configuration_or_rule_file_is_an_error_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    os.mkfifo(tmp_path / "config.toml")
    proc = run_cli("--config", "config.toml", "draft.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "config.toml" in proc.stderr.decode() and "通常のファイルではありません" in proc.stderr.decode()
    pack = tmp_path / "pack"
    (pack / "lexicons").mkdir(parents=True)
    os.mkfifo(pack / "rule.toml")
    (tmp_path / "owabilint.toml").write_text('rule-paths = ["pack"]\n', encoding="utf-8")
    proc = run_cli("draft.txt", cwd=tmp_path)
    assert (
        proc.returncode == 2
        and "rule.toml" in proc.stderr.decode()
        and "通常のファイルではありません" in proc.stderr.decode()
    )


def test_the_size_limit_applies_to_what_is_read_not_to_what_stat_says(tmp_path: Path) -> None:
    link = tmp_path / "big.txt"
    link.symlink_to("/dev/zero")
    proc = run_cli("--max-bytes", "0", str(link), cwd=tmp_path)  # no limit, still no endless read
    assert proc.returncode == 2 and "通常のファイルではありません" in proc.stderr.decode()
