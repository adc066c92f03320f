#!/usr/bin/env python3
"""Hostile inputs: how long owabilint takes on each (see the table in benchmarks/README.md).

    python3 benchmarks/adversarial.py                       # this checkout
    python3 benchmarks/adversarial.py --source /tmp/old     # another checkout (e.g. git archive of an older commit)

Each case is one whole ``python -m owabilint`` process on a generated input, timed by
wall clock (one run each, with a time-out: these are orders of magnitude, not medians).
Runs with the interpreter running this script, which must have owabilint's
dependencies; ``--source`` puts another owabilint package first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES: list[tuple[str, str]] = [
    ("one line of 'a', 20,000 chars", "line-a-20k"),
    ("one line of 'a', 160,000 chars", "line-a-160k"),
    ("one line of digits, 40,000 chars", "digits-40k"),
    ("one line of '？', 40,000 chars", "question-40k"),
    ("one line of '<', 40,000 chars", "angle-40k"),
    (".eml with a 1 MB Subject of 'a'", "eml-subject-1mb"),
    ("extend-jargon term with 22 「ー」", "jargon-22-marks"),
    ("extend-data-items with 20,000 terms", "lexicon-20k"),
    ("zero.txt -> /dev/zero in a walked folder", "dev-zero"),
]


def build(case: str, folder: Path) -> list[str]:
    """Write the input of ``case`` into ``folder``; the command-line arguments."""
    draft = folder / "draft.txt"
    if case.startswith("line-a-"):
        draft.write_text("a" * (160_000 if case.endswith("160k") else 20_000) + "\n", encoding="utf-8")
        return [str(draft)]
    if case == "digits-40k":
        draft.write_text("1" * 40_000 + "\n", encoding="utf-8")
        return [str(draft)]
    if case == "question-40k":
        draft.write_text("？" * 40_000 + "\n", encoding="utf-8")
        return [str(draft)]
    if case == "angle-40k":
        draft.write_text("<" * 40_000 + "\n", encoding="utf-8")
        return [str(draft)]
    if case == "eml-subject-1mb":
        mail = folder / "mail.eml"
        mail.write_bytes(b"Subject: " + b"a" * 1_000_000 + b"\nContent-Type: text/plain; charset=utf-8\n\nbody\n")
        return [str(mail)]
    draft.write_text("お客様各位\n\n個人情報が流出しました。氏名と住所が含まれます。\n", encoding="utf-8")
    config = folder / "owabilint.toml"
    if case == "jargon-22-marks":
        config.write_text('extend-jargon = ["ア' + "ー" * 22 + 'イ"]\n', encoding="utf-8")
        return ["--config", str(config), str(draft)]
    if case == "lexicon-20k":
        terms = ", ".join(f'"保有項目{i:05d}"' for i in range(20_000))
        config.write_text(f"extend-data-items = [{terms}]\n", encoding="utf-8")
        return ["--config", str(config), str(draft)]
    if case == "dev-zero":
        walked = folder / "drafts"
        walked.mkdir()
        (walked / "zero.txt").symlink_to("/dev/zero")
        (walked / "ok.txt").write_text("お詫び申し上げます。\n", encoding="utf-8")
        return [str(walked)]
    raise ValueError(case)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="folder holding the owabilint package to time (default: this checkout)")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    env = {**os.environ, "NO_COLOR": "1"}
    env.setdefault("OWABILINT_CACHE_DIR", str(Path(tempfile.gettempdir()) / "owabilint-adversarial-cache"))
    if args.source:
        env["PYTHONPATH"] = args.source
    command = [sys.executable, "-m", "owabilint", "--format", "text"]
    subprocess.run([*command, "--version"], env=env, capture_output=True, check=False)  # warm the caches
    print("| case | seconds | exit |\n|---|---:|---:|")
    for label, case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            arguments = build(case, Path(tmp))
            started = time.perf_counter()
            try:
                proc = subprocess.run(
                    [*command, *arguments], env=env, capture_output=True, timeout=args.timeout, check=False
                )
                seconds, code = f"{time.perf_counter() - started:.2f}", str(proc.returncode)
            except subprocess.TimeoutExpired:
                seconds, code = f"> {args.timeout:.0f} (killed)", "—"
        print(f"| {label} | {seconds} | {code} |", flush=True)


if __name__ == "__main__":
    main()
