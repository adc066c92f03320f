"""Nothing is skipped in silence: an unreadable sub-folder or a looping link gets its own line and exit 2."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import run_cli

from owabilint.discovery import expand_paths
from owabilint.errors import InputError

DRAFT = "お客様各位\n\n個人情報が流出しました！\n"


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "drafts"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "hidden.txt").write_text(DRAFT, encoding="utf-8")
    (root / "open").mkdir()
    (root / "open" / "note.txt").write_text(DRAFT, encoding="utf-8")
    return root


def test_an_unreadable_sub_folder_is_reported(tmp_path: Path, monkeypatch) -> None:
    root = _tree(tmp_path)
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "locked":  # as chmod 000 does for anyone but root
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = expand_paths([str(root)])
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.path for e in errors] == [str(root / "locked")]
    assert "フォルダーを読み込めません" in errors[0].problem
    assert [i for i in items if isinstance(i, str)] == [str(root / "open" / "note.txt")]


def test_a_looping_link_is_reported_and_the_rest_is_linted(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    (root / "open" / "again").symlink_to(root)  # points back up
    (root / "self").symlink_to("self")  # a link to itself
    proc = run_cli("--format", "text", "drafts", cwd=tmp_path)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert proc.returncode == 2
    lines = err.strip().splitlines()
    assert len(lines) == 2, err
    assert any("error: drafts/open/again:" in line and "循環" in line for line in lines)
    assert any("error: drafts/self:" in line for line in lines)
    assert "drafts/open/note.txt:3:" in out and "drafts/locked/hidden.txt:3:" in out


def test_a_link_to_another_folder_is_not_followed_and_not_an_error(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "private.txt").write_text(DRAFT, encoding="utf-8")
    (root / "linked").symlink_to(elsewhere)
    proc = run_cli("--format", "text", "drafts", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr.decode()
    assert "private.txt" not in proc.stdout.decode()
