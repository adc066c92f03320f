"""--jobs: worker processes give exactly the serial results, in input order."""

from __future__ import annotations

import json
import shutil

from conftest import SAMPLES, run_cli

from owabilint.engine import Settings
from owabilint.ruleset.loader import builtin_rules
from owabilint.runner import PARALLEL_MIN_BYTES, _workers_for, run_plan


def make_batch(folder, copies: int = 6) -> list[str]:
    """Sample drafts copied until the batch is large enough to be linted in parallel."""
    drafts = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".md"))
    paths = []
    for i in range(copies):
        for src in drafts:
            dst = folder / f"{i:02d}-{src.name}"
            shutil.copy(src, dst)
            paths.append(str(dst))
    assert sum((folder / p).stat().st_size for p in paths) >= PARALLEL_MIN_BYTES
    return paths


def test_small_batches_and_single_files_stay_in_process(tmp_path) -> None:
    rules, settings = builtin_rules(), Settings()
    jobs = [(p, rules, settings) for p in make_batch(tmp_path)]
    assert _workers_for(jobs, 2) == 2
    assert _workers_for(jobs[:3], 2) == 1  # too little text to pay for starting workers
    assert _workers_for(jobs[:1], 8) == 1
    assert _workers_for(jobs, 1) == 1


def test_jobs_2_gives_byte_identical_json_to_jobs_1(tmp_path) -> None:
    paths = make_batch(tmp_path)
    serial = run_cli("--format", "json", "--jobs", "1", *paths)
    parallel = run_cli("--format", "json", "--jobs", "2", *paths)
    default = run_cli("--format", "json", *paths)
    assert serial.returncode == 1
    assert parallel.returncode == serial.returncode == default.returncode
    assert parallel.stdout == serial.stdout == default.stdout
    files = json.loads(parallel.stdout)["files"]
    assert [f["path"] for f in files] == paths
    assert any(f["diagnostics"] for f in files)


def test_input_errors_are_reported_in_place_with_workers(tmp_path) -> None:
    paths = make_batch(tmp_path)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    missing = str(tmp_path / "missing.txt")
    args = [paths[0], str(binary), *paths[1:20], missing, *paths[20:]]
    serial = run_cli("--format", "json", "--jobs", "1", *args)
    parallel = run_cli("--format", "json", "--jobs", "2", *args)
    assert serial.returncode == parallel.returncode == 2
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    err = parallel.stderr.decode().splitlines()
    assert len(err) == 2 and str(binary) in err[0] and missing in err[1]
    files = json.loads(parallel.stdout)["files"]
    assert files[1]["error"] and files[21]["error"] and files[21]["path"] == missing


def test_stdin_among_files_with_workers(tmp_path) -> None:
    paths = make_batch(tmp_path)
    text = "お客様の個人情報が流出しました！\n"
    serial = run_cli("--format", "json", "--jobs", "1", paths[0], "-", *paths[1:], stdin=text)
    parallel = run_cli("--format", "json", "--jobs", "2", paths[0], "-", *paths[1:], stdin=text)
    assert parallel.stdout == serial.stdout
    assert json.loads(parallel.stdout)["files"][1]["path"] == "<stdin>"


def test_run_plan_in_process_matches_serial_with_per_file_settings(tmp_path) -> None:
    paths = make_batch(tmp_path)
    rules = builtin_rules()
    strict, lax = Settings(), Settings(ignore={"long-sentence", "emotional-expression"})
    jobs = [(p, rules, strict if i % 2 else lax) for i, p in enumerate(paths)]
    one = run_plan(jobs, workers=1)
    two = run_plan(jobs, workers=2)
    assert [f.path for f in two.files] == paths
    assert [(f.path, f.diagnostics, f.checklist, f.fail_on) for f in two.files] == [
        (f.path, f.diagnostics, f.checklist, f.fail_on) for f in one.files
    ]
    assert all(d.rule not in lax.ignore for f in two.files[::2] for d in f.diagnostics)


def test_jobs_must_be_positive() -> None:
    proc = run_cli("--jobs", "0", str(SAMPLES / "good" / "formal-mail.txt"))
    assert proc.returncode == 2
    assert "--jobs" in proc.stderr.decode()
