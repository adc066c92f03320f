"""The wheel carries rules/ and the installed package finds them without a checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return next(out.glob("owabilint-*.whl"))


def test_wheel_contains_every_rule_and_lexicon(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for rule in (ROOT / "rules").glob("*.toml"):
        assert f"owabilint/rules/{rule.name}" in names
    for lexicon in (ROOT / "rules" / "lexicons").glob("*.txt"):
        assert f"owabilint/rules/lexicons/{lexicon.name}" in names
    profiles = list((ROOT / "rules" / "profiles").glob("*.toml"))
    assert profiles
    for profile in profiles:
        assert f"owabilint/rules/profiles/{profile.name}" in names
    assert "owabilint/rules/calendar/eras.toml" in names  # the era table of the consistency rules


def test_unpacked_wheel_lints_from_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    draft = elsewhere / "draft.txt"
    draft.write_bytes((SAMPLES / "ng" / "emotional.txt").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    code = "import owabilint.ruleset.loader as r; print(r.builtin_rules_dir())"
    where = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env, check=False
    )
    assert where.stdout.strip() == str(site / "owabilint" / "rules")
    proc = subprocess.run(
        [sys.executable, "-m", "owabilint", "--format", "text", "draft.txt"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert "emotional-expression" in proc.stdout


def test_wheel_ships_the_json_report_schema(wheel: Path, tmp_path: Path) -> None:
    assert "owabilint/schemas/report-v1.schema.json" in set(zipfile.ZipFile(wheel).namelist())
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = "from owabilint.reporters.json_report import schema; print(schema()['title'])"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "owabilint JSON report, version 1"
