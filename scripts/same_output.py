"""Show that two revisions of owabilint report the same findings, byte for byte.

A refactor or a speed-up must not change what a user sees. This script lints every draft
under the given folders with a base revision (checked out with ``git archive`` into a
temporary folder) and with the working tree, both as ``--format json``
in one process per folder (``--jobs 1``, so state kept from one draft to the next would
show), and compares the outputs byte for byte::

    python scripts/same_output.py --base main samples tests/regression ../drafts

It prints one line per draft whose output differs, with the first differing lines, and
exits 1 if any differ (0 if all are the same, 2 on a usage error). Both runs use their own
empty cache folder, so neither reads what the other wrote.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path

SUFFIXES = {".txt", ".md", ".markdown", ".eml", ".docx"}
ROOT = Path(__file__).resolve().parent.parent


def drafts_under(folders: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        if folder.is_file():
            found.append(folder.resolve())
            continue
        found.extend(p.resolve() for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in SUFFIXES)
    return found


def export_revision(revision: str, into: Path) -> Path:
    """The package and rules of ``revision``, unpacked into ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "owabilint", "rules"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def lint_all(source_root: Path, batches: list[list[Path]], cache: Path, extra: list[str]) -> dict[Path, bytes]:
    """Each draft's JSON entry (and the batch's stderr and exit status), linted one batch per process."""
    env = dict(os.environ, PYTHONPATH=str(source_root), OWABILINT_CACHE_DIR=str(cache), NO_COLOR="1")
    outputs: dict[Path, bytes] = {}
    for batch in batches:
        run = subprocess.run(
            [sys.executable, "-m", "owabilint", "--format", "json", "--no-config", "--jobs", "1", *extra]
            + [str(d) for d in batch],
            capture_output=True,
            env=env,
            check=False,
            cwd=cache.parent,  # not the checkout: ``python -m`` puts the working folder first on sys.path, check=False
        )
        # stderr lines naming a draft belong to that draft; others to every draft of the batch
        general = b"".join(
            ln for ln in run.stderr.splitlines(keepends=True) if not any(str(d).encode() in ln for d in batch)
        )
        exit_line = f"\n--- exit {run.returncode}".encode()
        try:
            entries = {Path(f["path"]): f for f in json.loads(run.stdout)["files"]}
        except (ValueError, KeyError):
            entries = {}
        for draft in batch:
            entry = entries.get(draft)
            body = json.dumps(entry, ensure_ascii=False, indent=2).encode() if entry else run.stdout
            own = b"".join(ln for ln in run.stderr.splitlines(keepends=True) if str(draft).encode() in ln)
            outputs[draft] = body + b"\n--- stderr ---\n" + own + general + exit_line
    return outputs


def first_difference(before: bytes, after: bytes, lines: int = 6) -> str:
    diff = difflib.unified_diff(
        before.decode("utf-8", "replace").splitlines(),
        after.decode("utf-8", "replace").splitlines(),
        "base",
        "tree",
        n=0,
        lineterm="",
    )
    return "\n".join(list(diff)[2 : 2 + lines])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="git revision to compare against (default: main)")
    parser.add_argument("--arg", action="append", default=[], help="extra option for both runs (repeatable)")
    parser.add_argument("folders", nargs="+", type=Path, help="folders (or files) of drafts")
    args = parser.parse_args(argv)
    missing = [str(f) for f in args.folders if not f.exists()]
    if missing:
        parser.error("not found: " + ", ".join(missing))
    batches = [drafts_under([folder]) for folder in args.folders]
    drafts = [d for batch in batches for d in batch]
    with tempfile.TemporaryDirectory(prefix="owabilint-same-") as tmp:
        base = export_revision(args.base, Path(tmp) / "base")
        before = lint_all(base, batches, Path(tmp) / "cache-base", args.arg)
        after = lint_all(ROOT, batches, Path(tmp) / "cache-tree", args.arg)
    differing = [d for d in drafts if before[d] != after[d]]
    for draft in differing:
        print(f"DIFFERS {draft}\n{first_difference(before[draft], after[draft])}")
    print(f"{len(drafts) - len(differing)} of {len(drafts)} drafts give the same output as {args.base}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
