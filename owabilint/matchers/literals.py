"""Cheap tests that rule a regular expression out before it runs.

``required_literals``: the literal text a regex cannot match without.

A rule regex such as ``(?:氏名|住所)(?:等|など)?が流出`` can only match a sentence that
contains 流出. ``required_literals`` finds such a requirement: a set of strings at least
one of which is in every text the regex matches. The term index looks for these strings
in the same pass as the terms, so a regex runs only on the sentences that hold one of
them (see termindex.py).

The answer must never be wrong, only sometimes missing: anything the analysis does not
understand (case-insensitive matching, lookarounds, back references, another regex
engine) gives ``None``, and the regex then runs on every sentence as before.
"""

from __future__ import annotations

import re
from typing import Any


def required_literals(rx: Any) -> tuple[str, ...] | None:
    """Strings one of which occurs in every match of ``rx`` (sorted), or None."""
    # The parser and its opcodes are CPython's own (what re.compile uses). Literals are
    # computed when a rule set is prepared and kept in the rule cache.
    if not isinstance(rx, re.Pattern) or not isinstance(rx.pattern, str):
        return None  # another engine (RE2 for user rule packs): no analysis
    if rx.flags & (re.IGNORECASE | re.LOCALE):
        return None
    from re import _parser  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(rx.pattern, rx.flags)
    except re.error:  # pragma: no cover - rx compiled, so it parses
        return None
    best = _sequence(list(parsed))
    return None if best is None else tuple(sorted(best))


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective requirement: longer shortest string, then fewer alternatives."""
    if a is None:
        return b
    if b is None:
        return a
    ka, kb = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return b if kb > ka else a


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The best requirement of a sequence of parsed items (all of which must match)."""
    from re import _constants as c  # type: ignore[attr-defined]

    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        if op is c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not add_flags & (re.IGNORECASE | re.LOCALE):
                best = _better(best, _sequence(list(sub)))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _high, sub = av
            if low >= 1:
                best = _better(best, _sequence(list(sub)))
        elif op is c.ATOMIC_GROUP:
            best = _better(best, _sequence(list(av)))
        elif op is c.IN:
            best = _better(best, _characters(av))
        elif op is c.BRANCH:
            alternatives = [_sequence(list(sub)) for sub in av[1]]
            if alternatives and all(a is not None for a in alternatives):
                union: set[str] = set()
                for a in alternatives:
                    union |= a  # type: ignore[arg-type]
                best = _better(best, frozenset(union))
        # Anything else (any character, anchors, lookarounds, back references,
        # conditionals) requires no particular literal: it only ends the current run.
    if run:
        best = _better(best, frozenset({"".join(run)}))
    return best


_MAX_CLASS = 16  # a character class with more characters than this is no useful requirement


def _characters(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The characters of a class such as ``[(（]`` or ``[0-9]``; None for a negated class,
    a category (``\\d``) or a large range."""
    from re import _constants as c  # type: ignore[attr-defined]

    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(chars) if 0 < len(chars) <= _MAX_CLASS else None


# ``prefilter``: for a regex without a literal, the same regex run once on the whole draft.
_LOOKAROUND_SYNTAX = ("\\A", "\\Z", "\\b", "\\B", "(?=", "(?!", "(?<=", "(?<!")
_PREFILTERS: dict[tuple[str, int], re.Pattern[str] | None] = {}


def prefilter(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """A regex to run on a draft's sentences joined by line breaks, or None.

    A match of ``rx`` inside one sentence is then also a match in the joined text, so
    finding nothing there rules the pattern out for the whole draft. Sentence texts have
    no line breaks, so ``^``/``$`` become line anchors (MULTILINE); a regex that looks
    around its match (lookarounds, ``\\b``, ``\\A``, ``\\Z``) gets no prefilter.
    """
    if not isinstance(rx, re.Pattern):
        return None  # another engine (e.g. re2 for user rule packs): always run it
    key = (rx.pattern, rx.flags)
    if key not in _PREFILTERS:
        source = rx.pattern.replace("[^", "[")
        if any(syntax in source for syntax in _LOOKAROUND_SYNTAX):
            _PREFILTERS[key] = None
        elif "^" in source or "$" in source:
            _PREFILTERS[key] = re.compile(rx.pattern, rx.flags | re.MULTILINE)
        else:
            _PREFILTERS[key] = rx
    return _PREFILTERS[key]


def may_match(pre: re.Pattern[str] | None, joined: str) -> bool:
    return pre is None or pre.search(joined) is not None
