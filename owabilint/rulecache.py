"""A persistent cache of the built-in rule set, ready to run.

Loading the rules means parsing the TOML files, validating them, compiling a few hundred
regular expressions and folding lexicon terms through Sudachi: more time than linting a
draft, in every process. The prepared rules are pickled once per combination of rule
files, owabilint's code, Python and Sudachi, next to the folded-terms cache (see
foldcache.cache_dir; ``OWABILINT_CACHE_DIR=""`` disables both).

Compiled regular expressions are stored with their compiled code, so loading them skips
the (pure Python) regex parser and compiler; the result is the same pattern object that
``re.compile`` builds. Anything unexpected (no cache, a stale or corrupt file, another
Python) falls back to loading the rules from their files.
"""

from __future__ import annotations

import copyreg
import os
import pickle
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 1


def _regex_from_code(pattern: str, flags: int, code: list[int], groups: int, groupindex: dict, indexgroup: tuple) -> Any:
    import _sre

    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def _reduce_regex(rx: re.Pattern) -> tuple:
    """Pickle a compiled regex as its compiled code (what re.compile hands to _sre)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(rx.pattern, rx.flags)
    code = [int(op) for op in _compiler._code(parsed, rx.flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    args = (rx.pattern, rx.flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    rebuilt = _regex_from_code(*args)
    if (rebuilt.pattern, rebuilt.flags, rebuilt.groups, dict(rebuilt.groupindex)) != (
        rx.pattern, rx.flags, rx.groups, dict(rx.groupindex)
    ):
        raise pickle.PicklingError(f"regex {rx.pattern!r} does not rebuild identically")
    return _regex_from_code, args


def _files_state(folder: Path) -> list[tuple[str, int, int]]:
    out = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".pyc"):
                continue
            st = os.stat(os.path.join(root, name))
            out.append((os.path.relpath(os.path.join(root, name), folder), st.st_size, st.st_mtime_ns))
    return out


def cache_key(folder: Path) -> str:
    """Everything the loaded rules depend on, as one string."""
    import _sre

    from owabilint import __version__, foldcache

    package = Path(__file__).resolve().parent
    parts = [
        f"format={FORMAT}",
        f"owabilint={__version__}",
        f"python={sys.version}",
        f"sre={_sre.MAGIC}",
        f"folds={foldcache.cache_key()}",
        f"rules={folder.resolve()}:{_files_state(folder)}",
        f"code={_files_state(package)}",
    ]
    return "\n".join(parts)


def load_cached(folder: Path, loader: Callable[[Path], list]) -> list:
    """``loader(folder)``'s rules, from the cache when it holds them for this exact state."""
    from owabilint.foldcache import cache_dir

    where = cache_dir()
    if where is None:
        return loader(folder)
    try:
        key = cache_key(folder)
    except OSError:
        return loader(folder)
    path = where / f"rules-{zlib.crc32(key.encode('utf-8')):08x}.pickle"
    try:
        with open(path, "rb") as fh:
            stored_key, rules = pickle.load(fh)
        if stored_key == key:
            return rules
    except Exception:  # noqa: BLE001 - any unreadable cache means: load from the files
        pass
    rules = loader(folder)
    _store(path, key, rules)
    return rules


def _store(path: Path, key: str, rules: list) -> None:
    from owabilint.ruleset import prepare_rules

    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        prepare_rules(rules)  # fold lexicon terms now, so the cache holds them
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = {**copyreg.dispatch_table, re.Pattern: _reduce_regex}
            pickler.dump((key, rules))
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache
        try:
            tmp.unlink()
        except OSError:
            pass
        return
    from owabilint.foldcache import prune

    prune(path.parent, "rules-")
