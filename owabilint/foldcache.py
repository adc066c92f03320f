"""A persistent cache of folded lexicon terms (term → its spelling in normalized forms).

Folding a term means tokenizing it with Sudachi; the rule set has hundreds of terms and
every process needs all of them, which costs more than linting a draft. The result only
depends on the term, the Sudachi version, the dictionary file and the folding code, so it
is kept in one JSON file per such combination under the user's cache directory
(``$OWABILINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/owabilint``, else ``~/.cache/owabilint``).
Set ``OWABILINT_CACHE_DIR`` to an empty string to disable it. A cache that cannot be read
or written is ignored: folding then happens in memory, with the same results.
"""

from __future__ import annotations

import atexit
import json
import os
import zlib
from pathlib import Path

_folds: dict[str, str] | None = None
_dirty = False
_path: Path | None = None
_key = ""


def cache_dir() -> Path | None:
    configured = os.environ.get("OWABILINT_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "owabilint"


def cache_key() -> str:
    """Identifies what a fold depends on: Sudachi, its dictionary file, the folding code."""
    import sudachidict_core
    import sudachipy

    from owabilint import __version__, tokenizer

    dic = Path(sudachidict_core.__file__).parent / "resources" / "system.dic"
    try:
        st = dic.stat()
        dic_id = f"{dic}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        dic_id = str(dic)
    code = Path(tokenizer.__file__).read_bytes()
    return f"{__version__}|{sudachipy.__version__}|{dic_id}|{len(code)}:{zlib.crc32(code):08x}"


def _load() -> dict[str, str]:
    global _folds, _path
    if _folds is not None:
        return _folds
    _folds = {}
    folder = cache_dir()
    if folder is None:
        return _folds
    global _key
    _key = cache_key()
    _path = folder / f"folds-{zlib.crc32(_key.encode('utf-8')):08x}{zlib.adler32(_key.encode('utf-8')):08x}.json"
    try:
        data = json.loads(_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return _folds
    if isinstance(data, dict) and data.get("key") == _key and isinstance(data.get("folds"), dict):
        _folds.update((k, v) for k, v in data["folds"].items() if isinstance(k, str) and isinstance(v, str))
    return _folds


KEEP_FILES = 8  # per kind of cache file: other installs, older rule sets


def prune(folder: Path, prefix: str, keep: int = KEEP_FILES) -> None:
    """Delete all but the ``keep`` most recently written ``prefix*`` files of ``folder``."""
    try:
        files = sorted(folder.glob(f"{prefix}*"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in files[keep:]:
            old.unlink()
    except OSError:
        pass


def _save() -> None:
    global _dirty
    if not _dirty or _path is None or _folds is None:
        return
    _dirty = False
    try:
        _path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _path.with_name(f"{_path.name}.{os.getpid()}.tmp")
        data = {"key": _key, "folds": _folds}
        tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, _path)
    except OSError:
        return
    prune(_path.parent, "folds-")


def fold_term(term: str) -> str:
    """``term`` spelled with the fold of each of its tokens (see tokenizer.Token.fold)."""
    global _dirty
    folds = _load()
    folded = folds.get(term)
    if folded is None:
        from owabilint.tokenizer import tokenize

        folded = "".join(t.fold for t in tokenize(term))
        folds[term] = folded
        if not _dirty and _path is not None:
            atexit.register(_save)
        _dirty = True
    return folded
