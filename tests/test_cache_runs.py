"""Caches across runs of the command line: written by one run, read by the next, saved explicitly."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES, run_cli

DRAFT = "件名：お詫び\n\nこのたびは、お客様の個人情報が漏えいしたおそれがあり、深くお詫び申し上げます。\n"


def _run(cache: Path, *args: str, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    return run_cli("--format", "json", *args, "-", stdin=DRAFT, cwd=cwd, env={"OWABILINT_CACHE_DIR": str(cache)})


def test_a_run_writes_the_caches_and_a_broken_one_is_logged_only_with_verbose(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(cache)
    assert first.returncode in (0, 1), first.stderr
    [rules_file] = cache.glob("rules-*.json")
    assert list(cache.glob("folds-*.json"))  # the terms folded while preparing the rules
    again = _run(cache)
    assert again.stdout == first.stdout and again.stderr == b""
    rules_file.write_bytes(b'{"owabilint-cache": broken')
    quiet = _run(cache)
    assert quiet.stdout == first.stdout and quiet.stderr == b""  # no traceback, no noise
    rules_file.write_bytes(b'{"owabilint-cache": broken')
    verbose = _run(cache, "-v")
    assert verbose.stdout == first.stdout
    lines = verbose.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("owabilint: ルールのキャッシュ ") and str(rules_file) in lines[0]
    assert "Traceback" not in verbose.stderr.decode("utf-8")
    assert json.loads(rules_file.read_bytes())["owabilint-cache"] == "rules"  # rewritten by that run


def test_terms_of_an_extended_lexicon_are_saved_at_the_end_of_the_run(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    project = tmp_path / "project"
    project.mkdir()
    (project / "owabilint.toml").write_text('extend-data-items = ["ゼータ会員番号"]\n', encoding="utf-8")
    first = _run(cache, cwd=project)
    assert first.returncode in (0, 1), first.stderr
    [folds_file] = cache.glob("folds-*.json")
    assert "ゼータ会員番号" in json.loads(folds_file.read_text(encoding="utf-8"))["folds"]
    assert _run(cache, cwd=project).stdout == first.stdout


def test_linting_the_samples_twice_reads_the_rule_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {"OWABILINT_CACHE_DIR": str(cache)}
    first = run_cli("--format", "json", str(SAMPLES), env=env)
    [rules_file] = cache.glob("rules-*.json")
    written = rules_file.stat().st_mtime_ns
    second = run_cli("--format", "json", str(SAMPLES), env=env)
    assert second.stdout == first.stdout
    assert rules_file.stat().st_mtime_ns == written  # read, not rebuilt
