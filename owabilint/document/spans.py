"""Spans of a draft's text that rules read differently: quotations, web and mail addresses."""

from __future__ import annotations

import bisect
import re

_QUOTED_TERM = re.compile(r"「[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\u30a1-\u30fa\u30fc\u4e00-\u9fff・＆&\-ー]{1,20}」")
# What changes the quotation depth: brackets, and a blank line (two line breaks in a row).
# A list of items in brackets (「番号、氏名、住所、電話番号(使用者)」) names things, like a
# single term: short nouns (each may carry a parenthetical note) joined by 、.
_LIST_TERM = r"[^「」、。，,\s（()）]{0,14}[^「」、。，,\s（()）\u3041-\u309f](?:[（(][^「」（()）。]{1,15}[）)])?"
_QUOTED_LIST = re.compile(rf"「(?:{_LIST_TERM}[、，,]){{1,15}}{_LIST_TERM}」")
_QUOTE_EVENT = re.compile(r"[「」]|(?:\r\n|\r(?!\n)|\n){2}")
URL = re.compile(r"https?://[^\s<>\"'「」（）()、。]+|www\.[^\s<>\"'「」（）()、。]+")
# Starts only where a run of address characters starts: linear on a long run without "@".
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quotations: 「…」 that holds someone's words (nested quotes included).

    A single term in brackets inside a sentence (「Bcc」機能, 「東玉ショップ」の会員)
    names a thing: it is part of the sentence, not a quotation; so does a list of
    items in brackets (「会員番号、氏名、住所」です).
    """
    return [
        (s, e)
        for s, e in bracket_spans(text)
        if not (_QUOTED_TERM.fullmatch(text, s, e) or _QUOTED_LIST.fullmatch(text, s, e))
    ]


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside 「…」 (nested quotes included in the outer span)."""
    spans = []
    depth = 0
    start = 0
    for m in _QUOTE_EVENT.finditer(text):
        mark = m.group()
        if mark == "「":
            if depth == 0:
                start = m.start()
            depth += 1
        elif mark == "」":
            if depth:
                depth -= 1
                if depth == 0:
                    spans.append((start, m.end()))
        else:
            depth = 0  # a blank line closes a runaway quote
    return spans


def url_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in URL.finditer(text)]


def email_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in EMAIL.finditer(text)]


def in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]
