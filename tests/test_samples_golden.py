"""Golden JSON reports of the shipped samples: any change in what a rule reports, or where,
shows up in review as a changed snapshot file.

After a deliberate change, rewrite the snapshots and read their diff before committing::

    python -m pytest tests/test_samples_golden.py --snapshot-update
"""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES, run_cli
from syrupy.extensions.json import JSONSnapshotExtension

DRAFTS = sorted(p for p in SAMPLES.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def reports() -> dict[str, dict]:
    """The JSON report of every sample, linted in one run as a user would."""
    names = [str(p.relative_to(SAMPLES.parent)) for p in DRAFTS]
    proc = run_cli("--format", "json", "--no-config", "--jobs", "1", *names)
    assert proc.returncode == 1, proc.stderr.decode()  # the NG samples have findings
    return {entry["path"]: entry for entry in json.loads(proc.stdout)["files"]}


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_sample_report_matches_its_snapshot(draft, reports, snapshot) -> None:
    entry = reports[str(draft.relative_to(SAMPLES.parent))]
    assert entry == snapshot(extension_class=JSONSnapshotExtension)
