"""Directory arguments: drafts under a folder, .gitignore from the repository root down, exclude patterns."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_json

from owabilint.discovery import expand_paths


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("old/\n*.bak.txt\n", encoding="utf-8")
    files = {
        "drafts/a.txt": "〇〇様\n",
        "drafts/old/b.txt": "〇〇様\n",
        "drafts/c.bak.txt": "〇〇様\n",
        "drafts/sub/.gitignore": "!keep.bak.txt\nignored.md\n",
        "drafts/sub/keep.bak.txt": "〇〇様\n",
        "drafts/sub/ignored.md": "〇〇様\n",
        "drafts/sub/d.eml": "Subject: test\n\n〇〇様\n",
        "drafts/sub/e.MD": "〇〇様\n",
        "drafts/notes.pdf": "%PDF",
        "drafts/.hidden/f.txt": "〇〇様\n",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def _names(items, root: Path) -> list[str]:
    return [Path(str(i)).relative_to(root).as_posix() for i in items]


def test_gitignore_from_the_repository_root_and_nested_files(repo: Path) -> None:
    found = expand_paths([str(repo / "drafts")])
    assert _names(found, repo) == ["drafts/a.txt", "drafts/sub/d.eml", "drafts/sub/e.MD", "drafts/sub/keep.bak.txt"]


def test_exclude_patterns_are_gitignore_style_relative_to_the_argument(repo: Path) -> None:
    found = expand_paths([str(repo / "drafts")], exclude=["sub/*.eml", "*.MD"])
    assert _names(found, repo) == ["drafts/a.txt", "drafts/sub/keep.bak.txt"]
    found = expand_paths([str(repo / "drafts")], exclude=["drafts/sub/"], exclude_base=repo)
    assert _names(found, repo) == ["drafts/a.txt"]


def test_explicit_files_are_linted_even_when_ignored(repo: Path) -> None:
    ignored = str(repo / "drafts" / "c.bak.txt")
    assert expand_paths([ignored], exclude=["*.txt"]) == [ignored]


def test_paths_are_shown_as_typed(repo: Path) -> None:
    code, data = run_json("--select", "unfilled-placeholder", "drafts/sub", cwd=repo)
    assert [f["path"] for f in data["files"]] == ["drafts/sub/d.eml", "drafts/sub/e.MD", "drafts/sub/keep.bak.txt"]
    assert [f["position_base"] for f in data["files"]] == ["body", "file", "file"]
    assert code == 1


def test_outside_a_repository_only_gitignores_inside_the_walk_count(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.txt\n", encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "a.txt").write_text("本文\n", encoding="utf-8")
    (inner / "b.txt").write_text("本文\n", encoding="utf-8")
    (inner / ".gitignore").write_text("b.txt\n", encoding="utf-8")
    assert _names(expand_paths([str(inner)]), tmp_path) == ["inner/a.txt"]


def test_a_named_folder_is_walked_even_when_an_outer_gitignore_ignores_it(repo: Path) -> None:
    found = expand_paths([str(repo / "drafts" / "old")])
    assert _names(found, repo) == ["drafts/old/b.txt"]
