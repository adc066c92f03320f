"""Detectors: patterns that need a little code (dates, counts, contacts).

Each detector takes a sentence and yields document spans. Dates, times and counts are
found in the folded text, where Sudachi has already turned full-width digits, 漢数字 and
comma-grouped numbers into ASCII digits (１，０４８ → 1048, 三十八 → 38).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Sentence

# Full-width ASCII → ASCII, length-preserving, so raw offsets stay valid.
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({ord("（"): ord("("), ord("）"): ord(")"), ord("\u3000"): ord(" ")})
_FULLWIDTH.update(
    {ord("ー"): ord("-"), ord("－"): ord("-"), ord("‐"): ord("-"), ord("−"): ord("-"), ord("―"): ord("-")}
)
# The same as a regex and a character map: most sentences hold only a few such characters,
# and replacing those is several times cheaper than str.translate visiting every one.
_FULLWIDTH_CHAR = re.compile("[" + re.escape("".join(sorted(map(chr, _FULLWIDTH)))) + "]")
_FULLWIDTH_STR = {chr(k): chr(v) for k, v in _FULLWIDTH.items()}


def to_ascii(text: str) -> str:
    """``text`` with full-width ASCII (and 全角 spaces, dashes) as ASCII: same length."""
    return _FULLWIDTH_CHAR.sub(lambda m: _FULLWIDTH_STR[m.group()], text)


_DATE = re.compile(
    r"(?:(?:(?:19|20)\d{2}|(?:令和|平成|昭和)(?:\d{1,2}|元))年\s*)?(?<!\d)\d{1,2}月\s*\d{1,2}日"
    r"|(?<![\d/])(?:19|20)\d{2}[/\-.]\d{1,2}[/\-.]\d{1,2}(?![\d/])"
    r"|(?<![A-Za-z\d])(?:[RHrh]|令和|平成)\d{1,2}[/.]\d{1,2}[/.]\d{1,2}(?![\d/.])"
    r"|(?<![\d/.:])(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?![\d/])"
)
# 時 followed by 間 is a duration (48時間, 24時間受付), not a time of day.
_TIME = re.compile(
    r"(?:午前|午後|朝|夜)?\d{1,2}時(?!間)(?:\d{1,2}分|半)?|(?<![\d:])\d{1,2}:\d{2}(?![\d:])|(?:午前|午後)\d{1,2}"
)
_COUNTER = r"(?:件|名様|名|人|アカウント|世帯|(?:ご|御)?家庭|社|団体|事業者|口座|枚|通|組|ID)"
# 一人/二人 are words of their own (Sudachi does not fold them to digits); お客様一人ひとり
# ("each customer") is not a count.
_COUNT = re.compile(
    rf"(?:約|最大|およそ|計|合計|延べ)?(?<![\d.\-/])(?<!\d[:：])\d+(?:\.\d+)?(?:(?:万|千|百)\d*)?{_COUNTER}"
    r"|(?<![一二三四五六七八九十百千万第人り御お])(?:お|御)?[一二]人(?:様)?(?!ひとり|一人|御一人|おひとり|ずつ|で|体制)"
)
# Staff and work arrangements are not the number of affected people.
_STAFF_BEFORE = re.compile(
    r"(?:担当者?|従業員|社員|スタッフ|職員|講師|作業員|添乗員|係員|当社員|弊社員|委員)(?:の|を|が|は|も)?\s*$"
)
_STAFF_AFTER = re.compile(
    r"^(?:体制|で(?:作業|行|対応|実施|確認|担当|管理|照合|封入)|による(?:確認|チェック)|以上で|に限(?:定|り|って))"
)
# "1名分ずつずれて", "1件目", "2件分ずれた": an offset or an ordinal, not how many were affected.
_NOT_A_TOTAL_AFTER = re.compile(r"^(?:分)?(?:ずつ|ずれ|目|おき|ごと)")
_PHONE = re.compile(
    r"(?<![\d\-])(?:0\d{1,4}-\d{1,4}-\d{3,4}|0120-?\d{2,3}-?\d{3}|(?:0120|0800|0570)-\d{2,4}-\d{2,4}|0[5789]0-?\d{4}-?\d{4}|0\d{9,10}"
    r"|0\d{1,4}\(\d{1,4}\)\d{3,4}|\(0\d{1,4}\)\s?\d{1,4}-\d{3,4})(?![\d\-])"
)
# Every pattern here must run in linear time on any input (tests/test_linear_time.py):
# an address starts where a run of address characters starts, so a long run of them
# without "@" is scanned once, not once per starting position.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_URL = re.compile(r"https?://[^\s<>\"'「」（）()、。]+")


# Spaces a typesetter puts around numbers ("令和 5 年 10 月 20 日", "合計 13,434 件").
# Spaces between two numbers ("2024/9/3 10:15") stay, and so does the space after a
# hyphen list marker ("- 38,313件"), which would otherwise read as a minus sign.
_SPACE_BY_DIGIT = re.compile(r"(?<![\d \t\u3000\-])[ \t\u3000]+(?=\d)|(?<=\d)[ \t\u3000]+(?![\d \t\u3000])")


def _compact(sentence: Sentence) -> tuple[str, Sequence[int]]:
    """The folded text without spaces next to digits, and the folded index of each char."""
    cached = sentence.memo.get("compact-folded")
    if cached is None and _SPACE_BY_DIGIT.search(sentence.folded.text) is None:
        text = sentence.folded.text  # nothing to take out (most sentences)
        cached = sentence.memo["compact-folded"] = (text, range(len(text)))
    if cached is None:
        text = sentence.folded.text
        keep = [True] * len(text)
        for m in _SPACE_BY_DIGIT.finditer(text):
            for i in range(*m.span()):
                keep[i] = False
        index = [i for i, k in enumerate(keep) if k]
        cached = sentence.memo["compact-folded"] = ("".join(text[i] for i in index), index)
    return cached


def _folded(sentence: Sentence, rx: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    text, index = _compact(sentence)
    for m in rx.finditer(text):
        if m.end() > m.start():
            yield sentence.folded.span(index[m.start()], index[m.end() - 1] + 1)


def ascii_text(sentence: Sentence) -> str:
    """The sentence with full-width ASCII translated (same length, same offsets)."""
    text = sentence.memo.get("ascii-text")
    if text is None:  # several detectors and rules read it: translate once per sentence
        text = sentence.memo["ascii-text"] = to_ascii(sentence.text)
    return text


def raw_matches(sentence: Sentence, rx: re.Pattern[str]) -> Iterator[tuple[int, int, int, int]]:
    """Document span and sentence-text span of each match of ``rx`` in the ASCII text."""
    for m in rx.finditer(ascii_text(sentence)):
        yield (*sentence.span(*m.span()), *m.span())


def _raw(sentence: Sentence, rx: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    for start, end, _i, _j in raw_matches(sentence, rx):
        yield start, end


def date(sentence: Sentence) -> Iterator[tuple[int, int]]:
    doc = sentence._doc
    for start, end in _folded(sentence, _DATE):
        if doc is not None and doc.in_url_or_email(start, end):
            continue
        yield start, end


def time_of_day(sentence: Sentence) -> Iterator[tuple[int, int]]:
    yield from _folded(sentence, _TIME)


def count_matches(sentence: Sentence) -> list[tuple[re.Match[str], int, int]]:
    """Affected-record counts (staff and offsets left out): each match, read on the folded
    text without the spaces around digits, with its span in the folded text."""
    found = sentence.memo.get("count-matches")
    if found is not None:  # the count detector and the count facts both read them
        return found
    found = []
    if not _may_hold_count(sentence):
        sentence.memo["count-matches"] = found
        return found
    text, index = _compact(sentence)
    for m in _COUNT.finditer(text):
        before = text[max(0, m.start() - 10) : m.start()]
        after = text[m.end() : m.end() + 6]
        if _STAFF_BEFORE.search(before) or _STAFF_AFTER.match(after) or _NOT_A_TOTAL_AFTER.match(after):
            continue
        found.append((m, index[m.start()], index[m.end() - 1] + 1))
    sentence.memo["count-matches"] = found
    return found


def count(sentence: Sentence) -> Iterator[tuple[int, int]]:
    folded = sentence.folded
    for _, start, end in count_matches(sentence):
        yield folded.span(start, end)


def phone(sentence: Sentence) -> Iterator[tuple[int, int]]:
    yield from _raw(sentence, _PHONE)


def email(sentence: Sentence) -> Iterator[tuple[int, int]]:
    yield from _raw(sentence, _EMAIL)


def url(sentence: Sentence) -> Iterator[tuple[int, int]]:
    yield from _raw(sentence, _URL)
    doc = sentence._doc
    if doc is not None:
        # A Markdown link offers its (masked) target: the link text stands for the URL.
        for start, end, _target in doc.links:
            if sentence.start <= start and end <= sentence.end:
                yield start, end


DETECTORS = {
    "date": date,
    "time": time_of_day,
    "count": count,
    "phone": phone,
    "email": email,
    "url": url,
}

# What a sentence must hold for each detector to find anything: one cheap search instead
# of the detector's own work on the many sentences without a number or an address. Each
# is implied by every alternative of the detector's regex (Unicode ``\d`` takes
# full-width digits too; spaces taken out next to digits never join 二 and 人).
_DIGIT = re.compile(r"\d")
_DIGIT_OR_PEOPLE = re.compile(r"\d|[一二]人")
_AT_MARK = re.compile("[@＠]")
_SCHEME_END = re.compile("[:：][/／][/／]")


def holds_folded_digit(sentence: Sentence) -> bool:
    """Whether the folded sentence holds a digit (every date, time and count does)."""
    found = sentence.memo.get("folded-digit")
    if found is None:
        found = sentence.memo["folded-digit"] = _DIGIT.search(sentence.folded.text) is not None
    return found


def _may_hold_count(sentence: Sentence) -> bool:
    return _DIGIT_OR_PEOPLE.search(sentence.folded.text) is not None


def may_hold_address(sentence: Sentence) -> bool:
    """Whether the sentence may hold an e-mail address or a URL written out (an @ mark or a
    scheme's ://, in either width)."""
    text = sentence.text
    return _AT_MARK.search(text) is not None or _SCHEME_END.search(text) is not None


def may_hold_phone(sentence: Sentence) -> bool:
    return _DIGIT.search(sentence.text) is not None


def _may_hold_email(sentence: Sentence) -> bool:
    return _AT_MARK.search(sentence.text) is not None


def _may_hold_url(sentence: Sentence) -> bool:
    doc = sentence._doc
    return _SCHEME_END.search(sentence.text) is not None or bool(doc is not None and doc.links)


MAY_FIND: dict[Callable[[Sentence], Iterator[tuple[int, int]]], Callable[[Sentence], bool]] = {
    date: holds_folded_digit,
    time_of_day: holds_folded_digit,
    count: _may_hold_count,
    phone: may_hold_phone,
    email: _may_hold_email,
    url: _may_hold_url,
}
