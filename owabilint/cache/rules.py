"""A persistent cache of the built-in rule set, ready to run.

Loading the rules means parsing the TOML files, validating them, compiling a few hundred
regular expressions and folding lexicon terms through Sudachi: more time than linting a
draft, in every process. The prepared rules are stored once per combination of rule
files, owabilint's code, Python and Sudachi, next to the folded-terms cache (see
owabilint.cache.files.cache_dir; ``OWABILINT_CACHE_DIR=""`` disables both).

The file is plain JSON, never pickle: the cache folder may be shared, and reading it must
not be able to run code. The rule objects are written as their class name (only
owabilint's own classes and functions are accepted back) and their attributes; compiled
regular expressions as their compiled code (owabilint.cache.regex_code), so loading
skips the (pure Python) regex compiler. Anything unexpected (no cache, a stale, corrupt
or foreign file, a payload that is not a rule set) falls back to loading the rules from
their files, and is logged.
"""

from __future__ import annotations

import importlib
import json
import logging
import re
import sys
import types
import zlib
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

from owabilint.cache import files
from owabilint.cache.files import CacheFormatError
from owabilint.cache.regex_code import decode_regex, encode_regex

FORMAT = 2
KEEP_FILES = 3  # rule-set caches kept per cache folder: the newest (other installs, older rules)
_NAME = re.compile(r"rules-[0-9a-f]{8}\.json")
_OWN_NAME = re.compile(r"owabilint(?:\.[a-z_][a-z0-9_]*)+")

log = logging.getLogger(__name__)


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
            return {"re": encode_regex(obj)}
        if isinstance(obj, types.FunctionType):
            return {"fn": _own(obj)}
        cls = type(obj)
        if cls.__new__ is not object.__new__ or not hasattr(obj, "__dict__") or hasattr(cls, "__slots__"):
            raise CacheFormatError(f"cannot store {cls.__name__}")
        name = _own(cls)
        self._remember(obj)
        # Attributes a class marks as per process (a term index, compiled lazily) are
        # left out: the class default stands in for them when the rules are read back.
        skip = getattr(cls, "_runtime_only", ())
        return {"o": name, "a": [[k, self.encode(v)] for k, v in vars(obj).items() if k not in skip]}

    def _remember(self, obj: Any) -> None:
        self.memo[id(obj)] = len(self.keep)
        self.keep.append(obj)


class _Decoder:
    def __init__(self) -> None:
        self.memo: list[Any] = []
        self.resolved: dict[str, Any] = {}  # name → class or function: each is checked once

    def resolve(self, name: Any) -> Any:
        if isinstance(name, str) and name in self.resolved:
            return self.resolved[name]
        obj = self.resolved[name] = _resolve(name)
        return obj

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
            rx = decode_regex(value)
            self.memo.append(rx)
            return rx
        if tag == "fn":
            fn = self.resolve(value)
            if not isinstance(fn, types.FunctionType):
                raise CacheFormatError("function")
            return fn
        if tag == "o":
            cls = self.resolve(value)
            if not isinstance(cls, type) or cls.__new__ is not object.__new__ or hasattr(cls, "__slots__"):
                raise CacheFormatError("class")
            obj: Any = object.__new__(cls)  # no __init__, no __setstate__: attributes only
            self.memo.append(obj)
            attrs: dict[str, Any] = {}
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
def cache_key(folder: Path) -> str:
    """Everything the loaded rules depend on, as one string."""
    import _sre

    from owabilint import __version__
    from owabilint.cache import folds

    parts = [
        f"format={FORMAT}",
        f"owabilint={__version__}",
        f"python={sys.version}",
        f"sre={_sre.MAGIC}",
        f"folds={folds.cache_key()}",
        f"rules={folder.resolve()}:{files.files_state(folder)}",
        f"code={files.package_state()}",
    ]
    return "\n".join(parts)


def load_cached(
    folder: Path, loader: Callable[[Path], list], cache_folder: Path | None, fold: Callable[[str], str]
) -> list:
    """``loader(folder)``'s rules, from ``cache_folder`` when it holds them for this exact state.

    On a miss the rules are loaded, prepared with ``fold`` and written to the cache at once.
    """
    if cache_folder is None or not files.ensure_folder(cache_folder):
        if cache_folder is not None:
            log.debug("rule cache not used: %s is not a private folder", cache_folder)
        return loader(folder)
    try:
        key = cache_key(folder)
    except OSError as exc:
        log.debug("rule cache not used: %s", exc)
        return loader(folder)
    path = cache_folder / f"rules-{zlib.crc32(key.encode('utf-8')):08x}.json"
    data = files.read_trusted(path)
    if data is not None:
        try:
            rules = decode_rules(data, key)
        except Exception as exc:  # noqa: BLE001 - any unreadable payload means: load from the files
            log.warning("ルールのキャッシュ %s を読み込めないため、ルールファイルから読み込みます（%s）", path, exc)
            rules = None
        if rules is not None:
            return rules
    rules = loader(folder)
    _store(path, key, rules, fold)
    return rules


def _store(path: Path, key: str, rules: list, fold: Callable[[str], str]) -> None:
    from owabilint.ruleset.loader import prepare_rules

    try:
        prepare_rules(rules, fold)  # fold lexicon terms now, so the cache holds them
        data = encode_rules(key, rules)
    except Exception as exc:  # noqa: BLE001 - rules that cannot be stored are simply not cached
        log.warning("ルールのキャッシュを作れませんでした（%s）", exc)
        return
    if files.write_atomic(path, data):
        files.prune(path.parent, _NAME, KEEP_FILES)
    else:
        log.debug("rule cache %s could not be written", path)
