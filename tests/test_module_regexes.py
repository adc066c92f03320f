"""The module-regex cache: what owabilint's modules compile at import comes back from the
cache as the same patterns, nothing else is stored, and a bad file only costs speed.

Each case runs in a fresh interpreter, since the modules must be imported after the preload.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Preload, import the engine, count what re's compiler still had to compile, save.
_RUN = """
import json, re, sys
from re import _compiler
from owabilint.cache.caches import Caches

compiled = []
original = _compiler.compile
_compiler.compile = lambda p, flags=0: compiled.append(p) or original(p, flags)
caches = Caches.open()
caches.preload_regexes()
re.compile("runtime-only-pattern-(?:x|y)")  # compiled later at run time: never stored
import owabilint.runner
from owabilint.document import layout, splitting

caches.save()
print(json.dumps({
    "compiled": compiled,
    "layout": [p.pattern for p in vars(layout).values() if isinstance(p, re.Pattern)],
    "same": [p is re.compile(p.pattern, p.flags & ~re.UNICODE) for p in vars(splitting).values()
             if isinstance(p, re.Pattern)],
}))
"""


def _run(cache: Path) -> dict:
    env = {"OWABILINT_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", _RUN], capture_output=True, text=True, env=env, check=True)
    return json.loads(proc.stdout)


def _stored(cache: Path) -> list:
    [path] = cache.glob("regexes-*.json")
    return json.loads(path.read_text())["patterns"]


@pytest.fixture()
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_module_regexes_are_compiled_once_then_read_from_the_cache(cache: Path) -> None:
    first = _run(cache)
    assert first["layout"] and all(p in first["compiled"] for p in first["layout"])
    stored = {code[0] for _flags, code in _stored(cache)}
    assert set(first["layout"]) <= stored
    second = _run(cache)
    assert not set(second["layout"]) & set(second["compiled"])  # found in re's cache, not compiled
    assert second["layout"] == first["layout"]
    assert second["same"] and all(second["same"])  # re.compile answers with the preloaded pattern
    assert "runtime-only-pattern-(?:x|y)" not in stored


@pytest.mark.parametrize(
    "damage",
    [
        lambda body: body.update(patterns="nonsense"),
        lambda body: body["patterns"][0][1].__setitem__(2, "AAAA"),  # code _sre refuses
        lambda body: body["patterns"][0].__setitem__(0, 1 << 20),  # flags the pattern lacks
        lambda body: body.update(key="another python"),
    ],
)
def test_a_bad_file_means_the_modules_compile_as_usual(cache: Path, damage) -> None:  # type: ignore[no-untyped-def]
    first = _run(cache)
    [path] = cache.glob("regexes-*.json")
    body = json.loads(path.read_text())
    damage(body)
    path.write_text(json.dumps(body))
    again = _run(cache)
    assert set(again["layout"]) <= set(again["compiled"])  # nothing was taken from the file
    assert again["layout"] == first["layout"]
