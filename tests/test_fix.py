"""--fix, --diff and the fix machinery: what is rewritten, how, and what is refused."""

from __future__ import annotations

import os
import stat

import pytest
from conftest import run_cli, run_json

from owabilint.fixer import FixError, apply_fixes, fix_text, non_overlapping, write_back
from owabilint.model import FileReport, Fix

BAD = "件名：お詫び\n\n個人情報が流出しました！\n今後は再発防止に努めます！！\n"
FIXED = "件名：お詫び\n\n個人情報が流出しました。\n今後は再発防止に努めます。\n"
SELECT = ("--select", "emotional-expression")


def test_fixes_are_in_the_json_output() -> None:
    _, data = run_json(*SELECT, "-", stdin=BAD)
    fixes = [d["fix"] for d in data["files"][0]["diagnostics"]]
    first, double = BAD.index("！"), BAD.index("！！")
    assert fixes == [
        {"offset": first, "end_offset": first + 1, "replacement": "。"},
        {"offset": double, "end_offset": double + 2, "replacement": "。"},
    ]


def test_fix_rewrites_the_file_and_a_second_fix_finds_nothing(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(BAD, encoding="utf-8")
    proc = run_cli("--fix", *SELECT, str(draft))
    assert proc.returncode == 0, proc.stderr
    assert draft.read_text(encoding="utf-8") == FIXED
    assert "2 件を自動修正しました" in proc.stderr.decode()
    again = run_cli("--fix", *SELECT, str(draft))
    assert again.returncode == 0
    assert "自動修正しました" not in again.stderr.decode()
    assert draft.read_text(encoding="utf-8") == FIXED
    assert run_cli("--diff", *SELECT, str(draft)).stdout == b""


def test_fix_keeps_bom_crlf_and_permissions(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(b"\xef\xbb\xbf" + BAD.replace("\n", "\r\n").encode("utf-8"))
    os.chmod(draft, 0o640)
    proc = run_cli("--fix", *SELECT, str(draft))
    assert proc.returncode == 0, proc.stderr
    assert draft.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode("utf-8")
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]  # no temporary file left


def test_fix_reports_what_is_left(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("件名：お詫び\n\n本当に申し訳ございません！\n", encoding="utf-8")
    proc = run_cli("--fix", "--format", "text", *SELECT, str(draft))
    assert proc.returncode == 1
    assert draft.read_text(encoding="utf-8") == "件名：お詫び\n\n本当に申し訳ございません。\n"
    out = proc.stdout.decode().splitlines()
    assert len(out) == 1 and out[0].startswith(f"{draft}:3:1: warning[emotional-expression] ")


def test_fix_on_stdin_prints_the_fixed_text() -> None:
    proc = run_cli("--fix", *SELECT, "-", stdin=BAD)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == FIXED
    clean = run_cli("--fix", *SELECT, "-", stdin=FIXED)
    assert clean.returncode == 0 and clean.stdout.decode("utf-8") == FIXED


def test_fix_on_stdin_cannot_be_mixed_with_files(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(BAD, encoding="utf-8")
    proc = run_cli("--fix", "-", str(draft), stdin=BAD)
    assert proc.returncode == 2
    assert "--fix" in proc.stderr.decode() and "標準入力" in proc.stderr.decode()
    assert draft.read_text(encoding="utf-8") == BAD


def test_diff_prints_a_unified_diff_and_changes_nothing(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(BAD, encoding="utf-8")
    proc = run_cli("--diff", *SELECT, str(draft))
    assert proc.returncode == 1
    assert draft.read_text(encoding="utf-8") == BAD
    assert proc.stdout.decode("utf-8") == (
        f"--- {draft}\n+++ {draft}\n@@ -1,4 +1,4 @@\n 件名：お詫び\n \n"
        "-個人情報が流出しました！\n-今後は再発防止に努めます！！\n"
        "+個人情報が流出しました。\n+今後は再発防止に努めます。\n"
    )
    clean = tmp_path / "clean.txt"
    clean.write_text(FIXED, encoding="utf-8")
    nothing = run_cli("--diff", *SELECT, str(clean))
    assert nothing.returncode == 0 and nothing.stdout == b""


def test_bad_input_is_reported_and_other_files_are_fixed(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(BAD, encoding="utf-8")
    proc = run_cli("--fix", *SELECT, str(tmp_path / "missing.txt"), str(draft))
    assert proc.returncode == 2
    assert f"{tmp_path / 'missing.txt'}: ファイルが見つかりません" in proc.stderr.decode()
    assert draft.read_text(encoding="utf-8") == FIXED


def test_a_file_that_changed_on_disk_is_not_overwritten(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("元の文章\n", encoding="utf-8")
    original = draft.read_bytes()
    draft.write_text("別の人が書き換えた文章\n", encoding="utf-8")
    with pytest.raises(FixError, match="変更されたため"):
        write_back(str(draft), "修正後\n".encode(), original)
    assert draft.read_text(encoding="utf-8") == "別の人が書き換えた文章\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]
    write_back(str(draft), "修正後\n".encode(), draft.read_bytes())
    assert draft.read_text(encoding="utf-8") == "修正後\n"


def test_overlapping_fixes_are_applied_once_right_to_left() -> None:
    text = "abcdef"
    fixes = [Fix(1, 3, "X"), Fix(2, 4, "Y"), Fix(4, 5, "Z"), Fix(1, 3, "X")]
    assert non_overlapping(fixes) == [Fix(1, 3, "X"), Fix(4, 5, "Z")]
    assert apply_fixes(text, fixes) == ("aXdZf", 2)


def test_fix_text_loops_until_no_fix_is_left() -> None:
    # A toy linter whose fixes overlap: each pass can only take one of them.
    def lint(text: str) -> FileReport:
        from owabilint.model import Diagnostic

        report = FileReport(path="t")
        for i in range(len(text) - 1):
            if text[i : i + 2] == "!!":
                report.diagnostics.append(Diagnostic("r", "warning", "m", i, i + 2, fix=Fix(i, i + 2, "!")))
        return report

    result = fix_text("!!!!", lint)
    assert result.text == "!"
    assert result.applied == 3
    assert result.report.diagnostics == []


def test_every_rule_fix_converges_on_the_rule_examples() -> None:
    """Whatever fix a rule defines, fixing its examples leaves nothing more to fix."""
    from owabilint.engine import Settings, lint_text
    from owabilint.ruleset.loader import builtin_rules

    rules = builtin_rules()
    settings = Settings()
    fixed_any = False
    for rule in rules:
        for example in [e.text for e in rule.invalid] + rule.valid:

            def lint(text: str) -> FileReport:
                return lint_text(text, rules=rules, settings=settings)

            result = fix_text(example, lint)
            assert not [d for d in result.report.diagnostics if d.fix], (rule.id, example, result.text)
            fixed_any |= result.applied > 0
            again = fix_text(result.text, lint)
            assert again.applied == 0 and again.text == result.text
    assert fixed_any


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_fix_keeps_the_owner(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(BAD, encoding="utf-8")
    os.chown(draft, 1234, 5678)
    proc = run_cli("--fix", *SELECT, str(draft))
    assert proc.returncode == 0, proc.stderr
    assert draft.read_text(encoding="utf-8") == FIXED
    assert (draft.stat().st_uid, draft.stat().st_gid) == (1234, 5678)
