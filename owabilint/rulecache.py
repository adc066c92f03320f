"""A persistent cache of the built-in rule set, ready to run.

Loading the rules means parsing the TOML files, validating them, compiling a few hundred
regular expressions and folding lexicon terms through Sudachi: more time than linting a
draft, in every process. The prepared rules are stored once per combination of rule
files, owabilint's code, Python and Sudachi, next to the folded-terms cache (see
cachefiles.cache_dir; ``OWABILINT_CACHE_DIR=""`` disables both).

The file is plain JSON, never pickle: the cache folder may be shared, and reading it must
not be able to run code. The rule objects are written as their class name (only
owabilint's own classes and functions are accepted back) and their attributes; compiled
regular expressions as their compiled code, which ``_sre`` validates when it rebuilds
them, so loading skips the (pure Python) regex compiler. Anything unexpected (no cache,
a stale, corrupt or foreign file, a payload that is not a rule set) falls back to
loading the rules from their files.
"""

from __future__ import annotations

import base64
import importlib
import json
import os
import re
import sys
import types
import zlib
from array import array
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

from owabilint import cachefiles

FORMAT = 2
KEEP_FILES = 3  # rule-set caches kept per cache folder: the newest (other installs, older rules)
_NAME = re.compile(r"rules-[0-9a-f]{8}\.json")
_OWN_NAME = re.compile(r"owabilint(?:\.[a-z_][a-z0-9_]*)+")


class CacheFormatError(ValueError):
    """A cache payload that is not a rule set this code wrote."""


# ----------------------------------------------------------------- regexes
def _regex_from_code(
    pattern: str, flags: int, code: list[int], groups: int, groupindex: dict, indexgroup: tuple
) -> Any:
    import _sre

    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def _reduce_regex(rx: re.Pattern) -> tuple:
    """A compiled regex as its compiled code (what re.compile hands to _sre)."""
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
        rx.pattern,
        rx.flags,
        rx.groups,
        dict(rx.groupindex),
    ):
        raise CacheFormatError(f"regex {rx.pattern!r} does not rebuild identically")
    return _regex_from_code, args


def _encode_regex(rx: re.Pattern) -> list:
    _fn, (pattern, flags, code, groups, groupindex, indexgroup) = _reduce_regex(rx)
    packed = base64.b64encode(array("I", code).tobytes()).decode("ascii")
    return [pattern, flags, packed, groups, sorted(groupindex.items()), list(indexgroup)]


def _decode_regex(data: Any) -> re.Pattern:
    if not (isinstance(data, list) and len(data) == 6):
        raise CacheFormatError("regex entry")
    pattern, flags, packed, groups, groupindex, indexgroup = data
    if not (
        isinstance(pattern, str) and isinstance(flags, int) and isinstance(packed, str) and isinstance(groups, int)
    ):
        raise CacheFormatError("regex entry")
    if not all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], int) for p in groupindex
    ):
        raise CacheFormatError("regex groups")
    if not all(g is None or isinstance(g, str) for g in indexgroup):
        raise CacheFormatError("regex groups")
    code = array("I")
    code.frombytes(base64.b64decode(packed, validate=True))
    # _sre checks the code before it builds the pattern (a malformed program is refused).
    return _regex_from_code(pattern, flags, code.tolist(), groups, dict(groupindex), tuple(indexgroup))


# ----------------------------------------------------------------- object graph
def _own(obj: Any) -> str:
    """``module:qualname`` of an owabilint class or function, or CacheFormatError."""
    module, qualname = getattr(obj, "__module__", ""), getattr(obj, "__qualname__", "")
    if not _OWN_NAME.fullmatch(module or "") or "<" in qualname:
        raise CacheFormatError(f"not owabilint's own: {obj!r}")
    return f"{module}:{qualname}"


def _resolve(name: Any) -> Any:
    """The owabilint class or function named ``module:qualname`` (only owabilint's modules are imported)."""
    if not isinstance(name, str) or name.count(":") != 1:
        raise CacheFormatError("name")
    module_name, qualname = name.split(":")
    if not _OWN_NAME.fullmatch(module_name) or not re.fullmatch(
        r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*", qualname
    ):
        raise CacheFormatError(f"not owabilint's own: {name}")
    try:
        obj: Any = sys.modules.get(module_name) or importlib.import_module(module_name)
        for part in qualname.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError):
        raise CacheFormatError(f"{name} does not exist") from None
    if getattr(obj, "__module__", None) != module_name or getattr(obj, "__qualname__", None) != qualname:
        raise CacheFormatError(f"{name} is not defined there")
    return obj


class _Encoder:
    def __init__(self) -> None:
        self.memo: dict[int, int] = {}
        self.keep: list[Any] = []  # keeps encoded objects alive so their ids stay unique

    def encode(self, obj: Any) -> Any:
        if obj is None or isinstance(obj, (bool, str)):
            return obj
        if type(obj) is int or type(obj) is float:
            return obj
        if type(obj) is list:
            return [self.encode(v) for v in obj]
        if type(obj) is tuple:
            return {"t": [self.encode(v) for v in obj]}
        if type(obj) in (set, frozenset):
            tag = "s" if type(obj) is set else "f"
            return {tag: [self.encode(v) for v in obj]}
        if type(obj) is dict:
            return {"d": [[self.encode(k), self.encode(v)] for k, v in obj.items()]}
        if isinstance(obj, PurePath):
            return {"p": str(obj)}
        if id(obj) in self.memo:
            return {"r": self.memo[id(obj)]}
        if isinstance(obj, re.Pattern):
            if not isinstance(obj.pattern, str):
                raise CacheFormatError("bytes pattern")
            self._remember(obj)
            return {"re": _encode_regex(obj)}
        if isinstance(obj, types.FunctionType):
            return {"fn": _own(obj)}
        cls = type(obj)
        if cls.__new__ is not object.__new__ or not hasattr(obj, "__dict__") or hasattr(cls, "__slots__"):
            raise CacheFormatError(f"cannot store {cls.__name__}")
        name = _own(cls)
        self._remember(obj)
        return {"o": name, "a": [[k, self.encode(v)] for k, v in vars(obj).items()]}

    def _remember(self, obj: Any) -> None:
        self.memo[id(obj)] = len(self.keep)
        self.keep.append(obj)


class _Decoder:
    def __init__(self) -> None:
        self.memo: list[Any] = []

    def decode(self, data: Any) -> Any:
        kind = type(data)  # exact types: json.loads makes nothing else
        if kind is str or data is None or kind is int or kind is bool or kind is float:
            return data
        if kind is list:
            return [self.decode(v) for v in data]
        if kind is not dict or not data:
            raise CacheFormatError("entry")
        tag = next(iter(data))
        value = data[tag]
        if tag == "t":
            return tuple(self._items(value))
        if tag == "s":
            return set(self._items(value))
        if tag == "f":
            return frozenset(self._items(value))
        if tag == "d":
            return {self.decode(k): self.decode(v) for k, v in self._pairs(value)}
        if tag == "p":
            if not isinstance(value, str):
                raise CacheFormatError("path")
            return Path(value)
        if tag == "r":
            if not isinstance(value, int) or not 0 <= value < len(self.memo):
                raise CacheFormatError("reference")
            return self.memo[value]
        if tag == "re":
            rx = _decode_regex(value)
            self.memo.append(rx)
            return rx
        if tag == "fn":
            fn = _resolve(value)
            if not isinstance(fn, types.FunctionType):
                raise CacheFormatError("function")
            return fn
        if tag == "o":
            cls = _resolve(value)
            if not isinstance(cls, type) or cls.__new__ is not object.__new__ or hasattr(cls, "__slots__"):
                raise CacheFormatError("class")
            obj = object.__new__(cls)  # no __init__, no __setstate__: attributes only
            self.memo.append(obj)
            attrs = {}
            for key, item in self._pairs(data.get("a")):
                if not isinstance(key, str):
                    raise CacheFormatError("attribute")
                attrs[key] = self.decode(item)
            vars(obj).update(attrs)
            return obj
        raise CacheFormatError(f"tag {tag!r}")

    def _items(self, value: Any) -> list:
        if not isinstance(value, list):
            raise CacheFormatError("items")
        return [self.decode(v) for v in value]

    @staticmethod
    def _pairs(value: Any) -> list:
        if not isinstance(value, list) or not all(isinstance(p, list) and len(p) == 2 for p in value):
            raise CacheFormatError("pairs")
        return value


def encode_rules(key: str, rules: list) -> bytes:
    body = {"owabilint-cache": "rules", "format": FORMAT, "key": key, "rules": _Encoder().encode(rules)}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_rules(data: bytes, key: str) -> list | None:
    """The rule set stored in ``data`` for ``key``; ``None`` for another key.

    Raises CacheFormatError (or ValueError) when the payload is not a rule set.
    """
    from dataclasses import fields

    from owabilint.matchers.base import Matcher
    from owabilint.ruleset.loader import Rule

    body = json.loads(data)
    if not isinstance(body, dict) or body.get("owabilint-cache") != "rules" or body.get("format") != FORMAT:
        raise CacheFormatError("not a rule-set cache")
    if body.get("key") != key:
        return None
    rules = _Decoder().decode(body.get("rules"))
    if not isinstance(rules, list) or not rules or not all(isinstance(r, Rule) for r in rules):
        raise CacheFormatError("no rules")
    names = {f.name for f in fields(Rule)}
    for rule in rules:
        if set(vars(rule)) != names or not isinstance(rule.matcher, Matcher) or not isinstance(rule.id, str):
            raise CacheFormatError("not a complete rule")
    return rules


# ----------------------------------------------------------------- the cache file
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
    where = cachefiles.cache_dir()
    if where is None or not cachefiles.ensure_folder(where):
        return loader(folder)
    try:
        key = cache_key(folder)
    except OSError:
        return loader(folder)
    path = where / f"rules-{zlib.crc32(key.encode('utf-8')):08x}.json"
    data = cachefiles.read_trusted(path)
    if data is not None:
        try:
            rules = decode_rules(data, key)
        except Exception:  # noqa: BLE001 - any unreadable payload means: load from the files
            rules = None
        if rules is not None:
            return rules
    rules = loader(folder)
    _store(path, key, rules)
    return rules


def _store(path: Path, key: str, rules: list) -> None:
    from owabilint.ruleset.loader import prepare_rules

    try:
        prepare_rules(rules)  # fold lexicon terms now, so the cache holds them
        data = encode_rules(key, rules)
    except Exception:  # noqa: BLE001 - rules that cannot be stored are simply not cached
        return
    if cachefiles.write_atomic(path, data):
        cachefiles.prune(path.parent, _NAME, KEEP_FILES)
