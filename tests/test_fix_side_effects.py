"""--fix changes the fixed spans and nothing else: bytes, modes, links; read-only files are left alone."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "chown"), reason="POSIX modes and owners")

BANG, STOP = "！".encode("cp932"), "。".encode("cp932")


def _cp932_draft() -> bytes:
    # 87 90 (NEC ≒) and FA 40 (IBM ⅰ) decode to characters whose CP932 encoding is
    # another code (81 E0, EE EF): re-encoding the whole text would change them.
    return (
        "お客様各位\r\n\r\n".encode("cp932")
        + "このたびはご迷惑をおかけし、誠に申し訳ございません！\r\n".encode("cp932")
        + "対象は約".encode("cp932")
        + b"\x87\x90"
        + "千件、区分は".encode("cp932")
        + b"\xfa\x40"
        + "です。\r\n".encode("cp932")
        + b"\xfa\x40"
        + b"\x87\x90"
        + "深くお詫び申し上げます！\r\n".encode("cp932")
    )


def test_cp932_bytes_outside_the_fixed_spans_stay_identical(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    original = _cp932_draft()
    draft.write_bytes(original)
    proc = run_cli("--fix", "--encoding", "cp932", "--select", "emotional-expression", str(draft))
    assert proc.returncode == 0, proc.stderr.decode()
    assert draft.read_bytes() == original.replace(BANG, STOP)


def test_a_read_only_draft_is_not_rewritten(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("お詫び申し上げます！\n", encoding="utf-8")
    draft.chmod(0o444)
    proc = run_cli("--fix", str(draft))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "読み取り専用" in err and str(draft) in err
    assert draft.read_text(encoding="utf-8") == "お詫び申し上げます！\n"
    assert stat.S_IMODE(draft.stat().st_mode) == 0o444


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the draft to another owner")
def test_owner_and_setuid_setgid_bits_are_kept(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("お詫び申し上げます！\n", encoding="utf-8")
    os.chown(draft, 4242, 4243)
    draft.chmod(0o6754)
    proc = run_cli("--fix", "--select", "emotional-expression", str(draft))
    assert proc.returncode == 0, proc.stderr.decode()
    info = draft.stat()
    assert draft.read_text(encoding="utf-8") == "お詫び申し上げます。\n"
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4242, 4243, 0o6754)


def test_links_behave_as_documented(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("お詫び申し上げます！\n", encoding="utf-8")
    hard = tmp_path / "hard.txt"
    os.link(draft, hard)
    soft = tmp_path / "soft.txt"
    soft.symlink_to(draft.name)
    proc = run_cli("--fix", "--select", "emotional-expression", str(soft))
    assert proc.returncode == 0, proc.stderr.decode()
    assert soft.is_symlink() and draft.read_text(encoding="utf-8") == "お詫び申し上げます。\n"
    assert hard.read_text(encoding="utf-8") == "お詫び申し上げます！\n"  # a hard link becomes a file of its own
