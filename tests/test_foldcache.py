"""The persistent cache of folded terms gives exactly what folding through Sudachi gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

TERMS = ["漏えい", "お問い合わせ", "御詫び", "１２件", "三十八名"]

PROBE = (
    "import json, sys\n"
    "from owabilint.cache.caches import Caches\n"
    "from owabilint.document.tokenizer import tokenize\n"
    "terms = json.loads(sys.argv[1])\n"
    "caches = Caches.open()\n"
    "cached = [caches.folds.fold(t) for t in terms]\n"
    "caches.save()\n"
    "direct = [''.join(t.fold for t in tokenize(term)) for term in terms]\n"
    "print(json.dumps({'cached': cached, 'direct': direct, 'path': str(caches.folds.path)}))\n"
)


def probe(cache_dir: str, terms: list[str] = TERMS) -> dict:
    env = {**os.environ, "OWABILINT_CACHE_DIR": cache_dir}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(terms)], capture_output=True, text=True, cwd=ROOT, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_cache_is_written_then_used_with_identical_results(tmp_path) -> None:
    first = probe(str(tmp_path))
    assert first["cached"] == first["direct"]
    assert "漏洩" in first["cached"][0]
    files = list(tmp_path.glob("folds-*.json"))
    assert len(files) == 1
    data = json.loads(files[0].read_text(encoding="utf-8"))
    stored = data["folds"]
    assert [stored[t] for t in TERMS] == first["direct"]
    # A second process reads the file; a planted value proves it is really used.
    stored["漏えい"] = "PLANTED"
    files[0].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    second = probe(str(tmp_path))
    assert second["cached"][0] == "PLANTED"
    assert second["cached"][1:] == first["direct"][1:]


def test_corrupt_cache_file_is_ignored_and_rewritten(tmp_path) -> None:
    path = probe(str(tmp_path))["path"]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("{not json")
    again = probe(str(tmp_path))
    assert again["cached"] == again["direct"]
    assert json.loads(Path(path).read_text(encoding="utf-8"))["folds"]["御詫び"] == again["direct"][2]


def test_a_file_written_for_another_key_is_not_used(tmp_path) -> None:
    path = probe(str(tmp_path))["path"]
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    data["key"] = "another sudachi"
    data["folds"]["漏えい"] = "PLANTED"
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
    again = probe(str(tmp_path))
    assert again["cached"] == again["direct"]


def test_empty_cache_dir_disables_the_cache() -> None:
    result = probe("")
    assert result["cached"] == result["direct"]
    assert result["path"] == "None"


def test_unwritable_cache_dir_still_folds(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = probe(str(blocker / "cache"))
    assert result["cached"] == result["direct"]
