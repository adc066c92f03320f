"""The pre-commit hook, run by the real pre-commit (``try-repo`` against this checkout).

try-repo builds the hook's own virtualenv and installs owabilint into it from this
checkout (tracked and staged files), so each run takes a while: two runs in all.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SAMPLES

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs git and a git checkout of owabilint"
)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "owabilint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "owabilint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def repo_with_staged_draft(tmp_path: Path, name: str, data: bytes) -> Path:
    repo = tmp_path / "drafts-repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README.txt").write_text("お詫び文の下書き置き場です。\n", encoding="utf-8")
    git(repo, "add", "README.txt")
    git(repo, "commit", "-q", "--no-verify", "-m", "init")
    (repo / name).write_bytes(data)
    git(repo, "add", name)
    return repo


def try_repo(repo: Path) -> subprocess.CompletedProcess[str]:
    """Run the hook on the staged files, as a commit would."""
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "owabilint", "--color", "never"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **GIT_ENV, "NO_COLOR": "1"},
        check=False,
    )


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "owabilint" and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("a.txt", "dir/b.md", "c.eml", "d.markdown", "e.docx"))
    assert not any(files.search(p) for p in ("e.py", "f.txt.bak", "g.json", "h.doc"))
    assert "text" in hook["types_or"] and "binary" in hook["types_or"]


def test_bad_draft_fails_the_commit_with_its_findings(tmp_path) -> None:
    from docx_factory import NOTICE, make_docx

    repo = repo_with_staged_draft(tmp_path, "oshirase.txt", (SAMPLES / "ng" / "emotional.txt").read_bytes())
    (repo / "notice.docx").write_bytes(make_docx(NOTICE))  # a Word draft is checked too
    git(repo, "add", "notice.docx")
    proc = try_repo(repo)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "owabilint" in out and "Failed" in out
    assert "oshirase.txt:6:13: warning[emotional-expression]" in out
    assert "notice.docx:5:54: warning[emotional-expression]" in out


def test_good_draft_passes(tmp_path) -> None:
    repo = repo_with_staged_draft(tmp_path, "notice.md", (SAMPLES / "good" / "web-notice.md").read_bytes())
    proc = try_repo(repo)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "Passed" in out
