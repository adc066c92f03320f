"""File names that are not UTF-8, or hold control characters, are printed escaped in every format."""

from __future__ import annotations

import json
import os
import sys

import pytest
from conftest import run_cli

from owabilint.names import printable_name

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")

DRAFT = "お詫び申し上げます！\n".encode()


def _folder(tmp_path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "drafts"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bad-\xff\xfe.txt"), "wb") as fh:
        fh.write(DRAFT)
    (folder / "ctl-\x1b[31m-\nfake.txt:9:9: error[x] forged.txt").write_bytes(DRAFT)
    return folder


def test_printable_name_escapes_only_what_cannot_be_shown() -> None:
    assert printable_name("drafts/お詫び 2026.txt") == "drafts/お詫び 2026.txt"
    assert printable_name(os.fsdecode(b"bad-\xff.txt")) == "bad-\\xff.txt"
    assert printable_name("a\nb\x1b[0m\u202ec.txt") == "a\\x0ab\\x1b[0m\\u202ec.txt"


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif"])
def test_every_format_survives_a_strict_utf8_stdout_and_escapes_names(tmp_path, fmt: str) -> None:
    _folder(tmp_path)
    proc = run_cli(
        "--format",
        fmt,
        "--select",
        "emotional-expression",
        "drafts",
        cwd=tmp_path,
        env={"PYTHONIOENCODING": "utf-8:strict"},
    )
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8")  # valid UTF-8: no raw bytes of the name
    assert "\x1b" not in out
    if fmt == "text":
        lines = out.splitlines()
        assert len(lines) == 2 and all(":1:10: warning[emotional-expression]" in line for line in lines)
        assert lines[0].startswith("drafts/bad-\\xff\\xfe.txt:1:10:")
    elif fmt == "github":
        assert len([line for line in out.splitlines() if line.startswith("::")]) == 2
    elif fmt == "json":
        paths = sorted(f["path"] for f in json.loads(out)["files"])
        assert paths == ["drafts/bad-\\xff\\xfe.txt", "drafts/ctl-\\x1b[31m-\\x0afake.txt:9:9: error[x] forged.txt"]
    else:
        uris = [
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(out)["runs"][0]["results"]
        ]
        assert len(uris) == 2 and all("\n" not in u for u in uris)


def test_an_error_line_escapes_the_name_too(tmp_path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "bin\x1b]0;title\x07.txt").write_bytes(b"\x00\x01binary")
    proc = run_cli("--format", "text", "drafts", cwd=tmp_path, env={"PYTHONIOENCODING": "utf-8:strict"})
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and "\x1b" not in err and "\x07" not in err
    assert "drafts/bin\\x1b]0;title\\x07.txt: " in err
