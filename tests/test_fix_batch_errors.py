"""--fix handles each file on its own: bad input costs one error line, never the rest of the batch."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from owabilint import fix_runner
from owabilint.engine import Settings
from owabilint.ruleset.loader import builtin_rules

DRAFT = "お詫び申し上げます！\n"
FIXED = "お詫び申し上げます。\n"


def _bogus_mail(charset: str) -> bytes:
    return f"Subject: test\nContent-Type: text/plain; charset={charset}\n\n{DRAFT}".encode()


@pytest.mark.parametrize("charset", ["base64", "hex", "zlib"])
def test_a_mail_with_a_bytes_codec_as_charset_does_not_stop_the_batch(tmp_path: Path, charset: str) -> None:
    (tmp_path / "a.eml").write_bytes(_bogus_mail(charset))
    (tmp_path / "b.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "c.txt").write_text(DRAFT, encoding="utf-8")
    proc = run_cli("--fix", "--format", "text", "a.eml", "b.txt", "c.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert "Traceback" not in err and "内部エラー" not in err
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == FIXED
    assert proc.returncode == 1  # findings are left; nothing failed
    lint = run_cli("--format", "text", "a.eml", cwd=tmp_path)
    assert lint.returncode == 1 and "内部エラー" not in lint.stderr.decode()


def test_a_bytes_codec_as_forced_encoding_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(DRAFT, encoding="utf-8")
    for args in (["--fix"], []):
        proc = run_cli(*args, "--encoding", "hex", "b.txt", cwd=tmp_path)
        err = proc.stderr.decode()
        assert proc.returncode == 2 and "Traceback" not in err
        assert err.count("\n") == 1 and "--encoding" in err and "hex" in err
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == DRAFT


def test_an_unexpected_failure_in_one_file_is_reported_and_the_others_are_fixed(tmp_path, monkeypatch) -> None:
    paths = []
    for name in ("a.txt", "b.txt", "c.txt"):
        path = tmp_path / name
        path.write_text(DRAFT, encoding="utf-8")
        paths.append(str(path))
    real = fix_runner.fix_one

    def failing(path: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if path.endswith("b.txt"):
            raise RuntimeError("simulated defect")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(fix_runner, "fix_one", failing)
    rules = builtin_rules()
    outcome = fix_runner.fix_jobs([(p, rules, Settings()) for p in paths], write=True)
    errors = [(i.report.path, i.report.error) for i in outcome.inputs if i.report.error]
    assert len(errors) == 1 and errors[0][0] == paths[1] and "RuntimeError: simulated defect" in errors[0][1]
    assert [Path(p).read_text(encoding="utf-8") for p in paths] == [FIXED, DRAFT, FIXED]
    assert outcome.applied == 2
