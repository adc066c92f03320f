"""Compiling the regular expressions that rule files contain.

Built-in rules are shipped and reviewed, so they use Python's ``re`` (lookarounds
allowed). Rules from a user's rule pack, and placeholder styles from a user's
configuration, are compiled with RE2 instead: RE2 matches in linear time, so a pattern
such as ``(a+)+$`` cannot hang the linter. RE2 has no lookarounds and no
backreferences; such patterns are rejected when the pack is loaded.

Matchers must compile rule-file regexes through :func:`compile_regex` (which
calls :func:`compile_with_engine`), never ``re.compile`` directly, so that
:func:`untrusted_patterns` takes effect.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from owabilint.errors import RuleError
from owabilint.matchers.termindex import PUNCTUATION_PAIRS

_untrusted: ContextVar[bool] = ContextVar("owabilint_untrusted_patterns", default=False)


class RegexSyntaxError(ValueError):
    """A pattern the active engine cannot compile; the message says why."""


@contextmanager
def untrusted_patterns() -> Iterator[None]:
    """While active, :func:`compile_regex` compiles with RE2 (linear-time matching)."""
    token = _untrusted.set(True)
    try:
        yield
    finally:
        _untrusted.reset(token)


def patterns_untrusted() -> bool:
    """True while a user's rule pack is being loaded (see :func:`untrusted_patterns`)."""
    return _untrusted.get()


def compile_with_engine(source: str) -> Any:
    """A compiled pattern with ``search``/``finditer``/``fullmatch`` (``re`` or RE2)."""
    if _untrusted.get():
        return compile_re2(source)
    try:
        return re.compile(source)
    except re.error as exc:
        raise RegexSyntaxError(str(exc)) from None


def compile_re2(source: str) -> Any:
    import re2  # google-re2; imported only when a user pattern is compiled

    options = re2.Options()
    options.log_errors = False  # the error goes into our message, not onto stderr
    try:
        return re2.compile(source, options=options)
    except re2.error as exc:
        problem = exc.args[0] if exc.args else str(exc)
        if isinstance(problem, bytes):
            problem = problem.decode("utf-8", "replace")
        hint = ""
        if re.search(r"\(\?<?[=!]|\\[1-9]", source):
            hint = (
                "（ルールパックでは先読み・後読み（lookarounds）と後方参照（backreferences）は使えません: RE2 の構文）"
            )
        raise RegexSyntaxError(f"{problem}{hint}") from None


_PUNCTUATION_CLASS = {c: "[" + re.escape(pair) + "]" for pair in PUNCTUATION_PAIRS for c in pair}


def _term_source(term: str) -> str:
    return "".join(_PUNCTUATION_CLASS.get(c) or re.escape(c) for c in term)


def alternation(items: list[str]) -> str:
    """The terms as one regex alternation, punctuation pairs either way."""
    # Longest first so that the regex engine prefers the most specific term.
    return "|".join(_term_source(t) for t in sorted(set(items), key=len, reverse=True))


_LEXICON_REF = re.compile(r"\{lexicon:([A-Za-z0-9_\-]+)\}")


def compile_regex(source: str, where: str, lexicons: dict[str, list[str]]) -> re.Pattern[str]:
    """Compile a rule-file regex, expanding ``{lexicon:NAME}`` to the lexicon's terms.

    Built-in rules compile with ``re``; inside ``untrusted_patterns()`` (user rule
    packs) with RE2, which cannot backtrack catastrophically (see above).
    """

    def expand(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in lexicons:
            raise RuleError(f"{where}: 正規表現 {source!r} の語彙 {name!r} がありません")
        return f"(?:{alternation(lexicons[name])})"

    try:
        return compile_with_engine(_LEXICON_REF.sub(expand, source))
    except RegexSyntaxError as exc:
        raise RuleError(f"{where}: 正規表現 {source!r} を使えません: {exc}") from None
