"""Odd and extreme inputs: each is linted correctly or refused with one clear line, never a traceback."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli, run_json

from owabilint.engine import lint_text
from owabilint.model import FileReport
from owabilint.ruleset.loader import builtin_rules


def test_empty_and_whitespace_only_files_are_linted(tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.md"
    blank.write_text(" \n\t\r\n\u3000\n", encoding="utf-8")
    code, data = run_json(str(empty), str(blank))
    assert code == 1  # the required elements are missing
    for entry in data["files"]:
        assert entry["error"] is None
        assert entry["checklist"] and not any(item["found"] for item in entry["checklist"])


def test_nul_bytes_are_refused_as_binary(tmp_path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes("お詫び".encode() + b"\x00\x00" + "です。".encode())
    proc = run_cli(str(path))
    assert proc.returncode == 2
    (line,) = proc.stderr.decode().strip().splitlines()
    assert str(path) in line and "NUL" in line
    assert "Traceback" not in proc.stderr.decode()


def test_a_50_mb_file_is_refused_quickly_with_the_limit_named(tmp_path) -> None:
    big = tmp_path / "big.txt"
    chunk = "件名：お詫び\n個人情報が流出しました！\n".encode()
    with big.open("wb") as out:
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            out.write(chunk)
    small = tmp_path / "small.txt"
    small.write_text("流出しました！\n", encoding="utf-8")
    proc = run_cli("--format", "json", str(big), str(small))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert str(big) in err and "2,000,000" in err and "--max-bytes" in err
    data = json.loads(proc.stdout)
    assert data["files"][0]["error"] and data["files"][1]["diagnostics"]


def test_max_bytes_applies_to_stdin_and_can_be_raised() -> None:
    text = "流出しました！\n" * 200
    proc = run_cli("--max-bytes", "1000", "-", stdin=text)
    assert proc.returncode == 2 and "<stdin>" in proc.stderr.decode() and "1,000" in proc.stderr.decode()
    assert run_cli("--max-bytes", "0", "--select", "emotional-expression", "-", stdin=text).returncode == 1
    bad = run_cli("--max-bytes", "-5", "-", stdin=text)
    assert bad.returncode == 2 and "--max-bytes" in bad.stderr.decode()


def test_an_extremely_long_line_is_linted(tmp_path) -> None:
    line = "個人情報の流出について" * 20_000 + "！"  # 220,001 characters, no line break
    path = tmp_path / "long.txt"
    path.write_text(line, encoding="utf-8")
    code, data = run_json("--select", "emotional-expression", str(path))
    (d,) = data["files"][0]["diagnostics"]
    assert (d["line"], d["column"], d["offset"]) == (1, len(line), len(line) - 1)
    assert code == 1


def test_unusual_unicode_keeps_code_point_columns() -> None:
    rules = builtin_rules()
    for prefix in ("が\u3099", "👨\u200d👩\u200d👧", "葛\U000e0100", "ｵﾜﾋﾞ", "\ud800", "\ufeff"):
        text = f"{prefix}流出しました！\n"
        report = lint_text(text, rules=rules)
        bang = [d for d in report.diagnostics if text[d.offset : d.end_offset] == "！"]
        assert [(d.offset, d.column) for d in bang] == [(len(prefix) + 6, len(prefix) + 7)], prefix


def test_a_crash_in_one_file_becomes_its_error_and_the_others_are_linted(tmp_path, monkeypatch) -> None:
    from owabilint import runner
    from owabilint.engine import Settings

    broken = tmp_path / "a.txt"
    broken.write_text("流出しました！\n", encoding="utf-8")
    fine = tmp_path / "b.txt"
    fine.write_text("流出しました！\n", encoding="utf-8")
    real = runner.lint_text

    def flaky(text, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs["path"].endswith("a.txt"):
            raise ValueError("boom")
        return real(text, **kwargs)

    monkeypatch.setattr(runner, "lint_text", flaky)
    report = runner.lint_paths([str(tmp_path)], builtin_rules(), Settings())
    first, second = report.files
    assert isinstance(first, FileReport) and "ValueError: boom" in (first.error or "") and report.has_errors
    assert second.error is None and second.diagnostics


def test_lone_surrogates_in_a_file_are_an_input_error(tmp_path) -> None:
    utf16 = tmp_path / "lone16.txt"
    utf16.write_bytes(b"\xff\xfe" + "お詫び".encode("utf-16-le") + b"\x00\xd8" + "です".encode("utf-16-le"))
    cesu = tmp_path / "lone8.txt"
    cesu.write_bytes("お詫び".encode() + b"\xed\xa0\x80")
    proc = run_cli(str(utf16), str(cesu))
    assert proc.returncode == 2
    first, second = proc.stderr.decode().strip().splitlines()
    assert str(utf16) in first and "utf-16" in first and "バイト目" in first
    assert str(cesu) in second and "--encoding" in second


def test_worker_processes_report_inputs_like_the_serial_run(tmp_path) -> None:
    body = "会員サイトの設定に誤りがあり、閲覧できる状態でした！\n" * 400  # ~30 KB per draft: enough for workers
    (tmp_path / "a.txt").write_bytes(("件名：お詫び\n\n" + body).encode("cp932"))
    (tmp_path / "b.md").write_text("# お詫び\n\n```\nコード！\n```\n\n" + body, encoding="utf-8")
    (tmp_path / "c.eml").write_bytes(("Subject: お知らせ\n\n" + body).encode("utf-8"))
    _, serial = run_json("--jobs", "1", str(tmp_path))
    _, parallel = run_json("--jobs", "2", str(tmp_path))
    assert parallel == serial
    assert [(f["encoding"], f["position_base"]) for f in serial["files"]] == [
        ("cp932", "file"),
        ("utf-8", "file"),
        ("utf-8", "body"),
    ]


def test_the_command_line_default_limit_is_the_library_default() -> None:
    from owabilint import cli_common
    from owabilint.inputs import source

    assert cli_common.DEFAULT_MAX_BYTES == source.DEFAULT_MAX_BYTES


@pytest.mark.parametrize(
    ("prefix", "codec", "args"),
    [(b"", "utf-8", []), (b"\xef\xbb\xbf", "utf-8", []), (b"", "cp932", ["--encoding", "cp932"])],
    ids=["detected", "utf-8 BOM", "forced cp932"],
)
def test_a_nul_byte_deep_inside_a_file_is_refused_too(tmp_path, prefix: bytes, codec: str, args: list) -> None:
    body = ("お詫び申し上げます。\n" * 3000).encode(codec)  # far beyond the first and last 8 KB
    middle = len(body) // 2 - (len(body) // 2) % len("お詫び申し上げます。\n".encode(codec))
    path = tmp_path / "deep-nul.txt"
    path.write_bytes(prefix + body[:middle] + b"\x00" + body[middle:])
    proc = run_cli(*args, str(path))
    assert proc.returncode == 2
    (line,) = proc.stderr.decode().strip().splitlines()
    assert str(path) in line and "NUL" in line
