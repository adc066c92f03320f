"""The cached rule set behaves exactly like rules loaded from their files."""

from __future__ import annotations

import shutil

from conftest import SAMPLES

from owabilint.cache.caches import Caches
from owabilint.engine import Settings, lint_text
from owabilint.ruleset.loader import builtin_rules_dir, load_rules


def copy_rules(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), folder)
    return folder


def findings(rules, text: str):
    report = lint_text(text, rules=rules, settings=Settings())
    return [(d.rule, d.offset, d.end_offset, d.message, d.fix) for d in report.diagnostics], report.checklist


def test_cached_rules_lint_exactly_like_fresh_ones(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("OWABILINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = copy_rules(tmp_path)
    fresh = load_rules(folder)
    first = Caches.open().load_rules(folder, load_rules)  # loads and writes the cache
    assert list((tmp_path / "cache").glob("rules-*.json"))
    calls = []
    cached = Caches.open().load_rules(folder, lambda f: calls.append(f) or load_rules(f))
    assert calls == []  # really came from the cache
    assert [r.id for r in cached] == [r.id for r in fresh] == [r.id for r in first]
    for path in sorted(SAMPLES.rglob("*.*")):
        text = path.read_text(encoding="utf-8")
        assert findings(cached, text) == findings(fresh, text), path.name


def test_editing_a_rule_file_invalidates_the_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("OWABILINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = copy_rules(tmp_path)
    before = {r.id: r.message for r in Caches.open().load_rules(folder, load_rules)}
    target = folder / "emotional-expression.toml"
    text = target.read_text(encoding="utf-8")
    old_message = before["emotional-expression"]
    target.write_text(text.replace(old_message, "書き換えたメッセージ（emotional-expression）", 1), encoding="utf-8")
    after = {r.id: r.message for r in Caches.open().load_rules(folder, load_rules)}
    assert after["emotional-expression"] == "書き換えたメッセージ（emotional-expression）"


def test_corrupt_or_disabled_cache_falls_back_to_the_files(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("OWABILINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = copy_rules(tmp_path)
    Caches.open().load_rules(folder, load_rules)
    for path in (tmp_path / "cache").glob("rules-*.json"):
        path.write_bytes(b'{"owabilint-cache": not json')
    assert [r.id for r in Caches.open().load_rules(folder, load_rules)] == [r.id for r in load_rules(folder)]
    monkeypatch.setenv("OWABILINT_CACHE_DIR", "")
    calls = []
    Caches.open().load_rules(folder, lambda f: calls.append(f) or load_rules(f))
    assert calls == [folder]
