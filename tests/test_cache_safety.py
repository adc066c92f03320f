"""The cache folder may be shared with others: nothing in it can run code, and owabilint deletes only its own files."""

from __future__ import annotations

import errno
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from owabilint.cache import files
from owabilint.cache import rules as rule_cache
from owabilint.cache.caches import Caches
from owabilint.cache.files import CacheFormatError
from owabilint.cache.folds import FoldCache
from owabilint.ruleset.loader import builtin_rules_dir, load_rules

RULE_IDS = None


def _rules_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), folder)
    return folder


def _load(folder: Path) -> tuple[list, list]:
    calls: list[Path] = []
    rules = Caches.open().load_rules(folder, lambda f: calls.append(f) or load_rules(f))
    return rules, calls


class _Plant:
    """A pickle payload that leaves a file behind when it is unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("OWABILINT_CACHE_DIR", str(folder))
    return folder


def test_a_planted_cache_file_cannot_run_code(tmp_path: Path, cache: Path) -> None:
    folder = _rules_folder(tmp_path)
    _load(folder)
    [written] = [p for p in cache.iterdir() if p.name.startswith("rules-")]
    marker = tmp_path / "code-ran"
    # A pickle, as the old format was: it must never be unpickled.
    written.write_bytes(pickle.dumps((rule_cache.cache_key(folder), _Plant(marker))))
    rules, calls = _load(folder)
    assert calls == [folder] and not marker.exists()
    assert [r.id for r in rules] == [r.id for r in load_rules(folder)]
    # The JSON format names classes and functions: only owabilint's own are accepted.
    key = rule_cache.cache_key(folder)
    for hostile in ({"fn": "os:system"}, {"o": "subprocess:Popen", "a": []}, {"fn": "owabilint.x:__import__"}):
        body = {"owabilint-cache": "rules", "format": rule_cache.FORMAT, "key": key, "rules": [hostile]}
        with pytest.raises(CacheFormatError):
            rule_cache.decode_rules(json.dumps(body).encode(), key)


def test_cache_files_others_could_have_written_are_ignored(tmp_path: Path, cache: Path) -> None:
    folder = _rules_folder(tmp_path)
    _load(folder)
    assert _load(folder)[1] == []  # served from the cache
    [written] = [p for p in cache.iterdir() if p.name.startswith("rules-")]
    written.chmod(0o666)  # writable by anyone: not trusted
    assert _load(folder)[1] == [folder]
    written.chmod(0o600)
    assert _load(folder)[1] == []
    cache.chmod(0o777)  # a folder anyone can write to: neither read nor written
    before = sorted(p.name for p in cache.iterdir())
    assert _load(folder)[1] == [folder]
    assert sorted(p.name for p in cache.iterdir()) == before
    cache.chmod(0o700)
    if os.geteuid() == 0:  # root can give the file away: a file of another user is not read
        os.chown(written, 4242, 4242)
        assert _load(folder)[1] == [folder]


def test_a_symlinked_cache_file_is_not_followed(tmp_path: Path, cache: Path) -> None:
    folder = _rules_folder(tmp_path)
    _load(folder)
    [written] = [p for p in cache.iterdir() if p.name.startswith("rules-")]
    elsewhere = tmp_path / "elsewhere.json"
    written.rename(elsewhere)
    written.symlink_to(elsewhere)
    assert _load(folder)[1] == [folder]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"XDG_CACHE_HOME": "", "HOME": ""}, None),
        ({"XDG_CACHE_HOME": "relative/cache", "HOME": "relative-home"}, None),
        ({"XDG_CACHE_HOME": "relative/cache", "HOME": "/home/someone"}, "/home/someone/.cache/owabilint"),
        ({"HOME": "/"}, None),
        ({"XDG_CACHE_HOME": "/var/cache/me"}, "/var/cache/me/owabilint"),
    ],
)
def test_relative_or_empty_homes_never_put_the_cache_in_the_project(monkeypatch, env, expected) -> None:
    monkeypatch.delenv("OWABILINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    where = files.cache_dir()
    assert (None if where is None else str(where)) == expected


def test_pruning_deletes_only_what_owabilint_wrote(tmp_path: Path, cache: Path) -> None:
    cache.mkdir(mode=0o700)
    users = {
        "rules-notes.txt": b"my notes",
        "rules-deadbeef.json": b'{"mine": true}',  # owabilint's name, not owabilint's content
        "folds-backup.json": b"{}",
        "rules-1.pickle": b"old",
    }
    for name, data in users.items():
        (cache / name).write_bytes(data)
    old = []
    for i in range(5):  # older rule-set caches of owabilint itself
        path = cache / f"rules-0000000{i}.json"
        path.write_bytes(b'{"owabilint-cache":"rules","format":2,"key":"old","rules":[]}')
        os.utime(path, ns=(10**18 + i, 10**18 + i))
        old.append(path)
    _load(_rules_folder(tmp_path))
    for name, data in users.items():
        assert (cache / name).read_bytes() == data, name
    kept = sorted(p.name for p in cache.glob("rules-*.json") if p.name != "rules-deadbeef.json")
    assert len(kept) == rule_cache.KEEP_FILES
    assert old[-1].name in kept and old[0].name not in kept


def test_a_valid_key_with_a_wrong_payload_falls_back_to_the_files(tmp_path: Path, cache: Path) -> None:
    folder = _rules_folder(tmp_path)
    _load(folder)
    [written] = [p for p in cache.iterdir() if p.name.startswith("rules-")]
    key = rule_cache.cache_key(folder)
    payloads = [
        [],  # no rules
        [{"o": "owabilint.ruleset.loader:Rule", "a": []}],  # a rule without its fields
        [{"o": "owabilint.ruleset.loader:Rule", "a": [["id", {"r": 7}]]}],  # a dangling reference
        [{"re": ["a", 0, "!!!", 0, [], []]}],  # a regex that is not compiled code
    ]
    for rules in payloads:
        body = {"owabilint-cache": "rules", "format": rule_cache.FORMAT, "key": key, "rules": rules}
        written.write_bytes(json.dumps(body).encode())
        loaded, calls = _load(folder)
        assert calls == [folder], rules
        assert [r.id for r in loaded] == [r.id for r in load_rules(folder)]


def test_a_full_disk_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("OWABILINT_CACHE_DIR", str(folder))
    folder.mkdir(mode=0o700)

    def disk_full(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    folds = FoldCache(folder)
    folds.path = folder / ("folds-" + "0" * 16 + ".json")
    folds._folds, folds._dirty = {"漏えい": "漏えい"}, True
    monkeypatch.setattr(os, "replace", disk_full)
    folds.save()
    assert list(folder.iterdir()) == []
    monkeypatch.undo()
    monkeypatch.setenv("OWABILINT_CACHE_DIR", str(folder))
    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, fd: int, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            self.fh = real_fdopen(fd, *args, **kwargs)

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc) -> None:  # type: ignore[no-untyped-def]
            self.fh.close()

        def write(self, _data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullFile)
    assert not files.write_atomic(folder / "rules-00000000.json", b'{"owabilint-cache":"rules"}')
    assert list(folder.iterdir()) == []
