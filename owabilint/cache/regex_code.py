"""Compiled regular expressions as data: the one part of the caches that uses CPython internals.

Compiling the rules' few hundred regexes with :mod:`re` runs its pure-Python compiler,
a large share of start-up. The rule-set cache stores each regex as the code that
compiler produces (``re._parser.parse`` then ``re._compiler._code``) and rebuilds it with
``_sre.compile``, which verifies the code before it builds a pattern: a malformed
program is refused with an exception, never executed. (Well-formed code that does not
belong to its pattern text cannot be told apart here; only the user's own files are
read, see owabilint.cache.files.)

These are private interfaces of CPython (3.11 and later keep this shape). Encoding
checks that the pattern rebuilds identically, and the cache key includes
``sys.version`` and ``_sre.MAGIC``, so a Python whose internals differ never reads a
cache written by another. Anything unexpected raises :class:`CacheFormatError`, and the
caller compiles the rules from their files instead.
"""

from __future__ import annotations

import base64
import binascii
import re
from array import array
from typing import Any

from owabilint.cache.files import CacheFormatError


def _rebuild(
    pattern: str, flags: int, code: list[int], groups: int, groupindex: dict[str, int], indexgroup: tuple
) -> re.Pattern[str]:
    import _sre  # the C half of re: no type stubs

    try:
        return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    except (RuntimeError, TypeError, ValueError, OverflowError) as exc:  # _sre refuses invalid code
        raise CacheFormatError(f"regex {pattern!r}: {exc}") from None


def encode_regex(rx: re.Pattern[str]) -> list[Any]:
    """``rx`` as JSON-ready data: pattern, flags, compiled code (base64), groups.

    Raises CacheFormatError when the code does not rebuild to the same pattern.
    """
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(rx.pattern, rx.flags)
    code = [int(op) for op in _compiler._code(parsed, rx.flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    flags, groups = rx.flags | parsed.state.flags, parsed.state.groups - 1
    rebuilt = _rebuild(rx.pattern, flags, code, groups, groupindex, tuple(indexgroup))
    if (rebuilt.pattern, rebuilt.flags, rebuilt.groups, dict(rebuilt.groupindex)) != (
        rx.pattern,
        rx.flags,
        rx.groups,
        dict(rx.groupindex),
    ):
        raise CacheFormatError(f"regex {rx.pattern!r} does not rebuild identically")
    packed = base64.b64encode(array("I", code).tobytes()).decode("ascii")
    return [rx.pattern, flags, packed, groups, sorted(groupindex.items()), indexgroup]


def decode_regex(data: Any) -> re.Pattern[str]:
    """The regex :func:`encode_regex` stored in ``data``; CacheFormatError for anything else."""
    if not (isinstance(data, list) and len(data) == 6):
        raise CacheFormatError("regex entry")
    pattern, flags, packed, groups, groupindex, indexgroup = data
    if not (
        isinstance(pattern, str) and isinstance(flags, int) and isinstance(packed, str) and isinstance(groups, int)
    ):
        raise CacheFormatError("regex entry")
    if not isinstance(groupindex, list) or not all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], int) for p in groupindex
    ):
        raise CacheFormatError("regex groups")
    if not isinstance(indexgroup, list) or not all(g is None or isinstance(g, str) for g in indexgroup):
        raise CacheFormatError("regex groups")
    if (
        groups < 0
        or len(indexgroup) != groups + 1
        or any(indexgroup[i] != name for name, i in groupindex if 0 < i <= groups)
    ):
        raise CacheFormatError("regex groups")
    if any(not 0 < i <= groups for _name, i in groupindex):
        raise CacheFormatError("regex groups")
    try:
        raw = base64.b64decode(packed, validate=True)
    except (binascii.Error, ValueError):
        raise CacheFormatError("regex code") from None
    if len(raw) % array("I").itemsize:
        raise CacheFormatError("regex code")
    code = array("I")
    code.frombytes(raw)
    return _rebuild(pattern, flags, code.tolist(), groups, dict(groupindex), tuple(indexgroup))
