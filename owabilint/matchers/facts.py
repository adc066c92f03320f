"""Facts: the values behind the detectors' spans (which day, which hour, how many).

The detectors (detectors.py) find where a date, time, count or phone number is; this
module reads what it says, so that rules can check a draft against the calendar and
against itself. Values are read from the same matches the detectors make, in the folded
text (dates, times, counts: 漢数字 and full-width digits are ASCII there) or in the raw
text with full-width ASCII translated (phones, addresses).

Every regular expression here runs in linear time: bounded repetitions, no nested
quantifiers over the same characters.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from owabilint.eras import era_named, era_year, eras
from owabilint.matchers import detectors

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document, Sentence

WEEKDAYS = "月火水木金土日"  # datetime.weekday() order

_ERA_NAMES = "令和|平成|昭和|大正|明治"
_YMD = re.compile(
    rf"(?:(?P<y>\d{{4}})|(?P<era>{_ERA_NAMES})(?P<ey>\d{{1,2}}|元))年\s{{0,2}}(?P<m>\d{{1,2}})月\s{{0,2}}(?P<d>\d{{1,2}})日"
)
_MD = re.compile(r"(?P<m>\d{1,2})月\s{0,2}(?P<d>\d{1,2})日")
_SLASH_YMD = re.compile(r"(?P<y>\d{4})[/\-.](?P<m>\d{1,2})[/\-.](?P<d>\d{1,2})")
_SLASH_ERA = re.compile(rf"(?P<era>[A-Za-z]|{_ERA_NAMES})(?P<ey>\d{{1,2}})[/.](?P<m>\d{{1,2}})[/.](?P<d>\d{{1,2}})")
_SLASH_MD = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})")
_DATE_FORMS = (_YMD, _MD, _SLASH_YMD, _SLASH_ERA, _SLASH_MD)
# A year written before a month-day date in both calendars: 令和3年(2021年)4月13日.
_YEAR_PAIR_BEFORE = re.compile(
    rf"(?:(?P<y1>\d{{4}})|(?P<era1>{_ERA_NAMES})(?P<ey1>\d{{1,2}}|元))\s{{0,2}}年?\s{{0,2}}[（(]\s{{0,2}}"
    rf"(?:(?P<y2>\d{{4}})|(?P<era2>{_ERA_NAMES})(?P<ey2>\d{{1,2}}|元))\s{{0,2}}年?\s{{0,2}}[)）]\s{{0,2}}年?\s{{0,2}}$"
)
# A written weekday right after the date: （火） (火曜日) （火・祝） 火曜日 火曜.
_WEEKDAY_AFTER = re.compile(
    r"[ \u3000]{0,2}(?:[（(][ \u3000]?(?P<p>[月火水木金土日])(?:曜日?)?(?:[・･、,]?(?:祝日?|休日?|祭日))?[ \u3000]?[)）]"
    r"|(?P<b>[月火水木金土日])曜日?)"
)
# Both calendars side by side: 令和3年（2021年）, 2021年（令和3年）, 令和3(2021)年, 令和2年度（2020年度）.
YEAR_PAIR = re.compile(
    rf"(?P<era>{_ERA_NAMES})(?P<ey>\d{{1,2}}|元)\s{{0,2}}(?:年度?)?\s{{0,2}}[（(]\s{{0,2}}(?P<y>\d{{4}})\s{{0,2}}(?:年度?)?\s{{0,2}}[)）]"
    rf"|(?<!\d)(?P<y_>\d{{4}})\s{{0,2}}(?:年度?)?\s{{0,2}}[（(]\s{{0,2}}(?P<era_>{_ERA_NAMES})(?P<ey_>\d{{1,2}}|元)\s{{0,2}}(?:年度?)?\s{{0,2}}[)）]"
)
# A day of the month of the date before it: 同月15日, 翌10日 (not 翌月10日, 翌年), and
# the end of a range right after a date: 〜15日.
_RANGE_MARKS = "〜～~－―ー–-"
_RELATIVE_DAY = re.compile(rf"(?P<rel>同月|翌|[{re.escape(_RANGE_MARKS)}])\s{{0,2}}(?P<d>\d{{1,2}})日(?![\d月間])")
ERA_YEAR = re.compile(rf"(?P<era>{_ERA_NAMES})(?P<ey>\d{{1,2}}|元)\s{{0,2}}年")
_TIME_PARTS = re.compile(
    r"(?P<mer>午前|午後|朝|夜)?(?P<h>\d{1,2})時(?:(?P<min>\d{1,2})分|(?P<half>半))?"
    r"|(?P<h2>\d{1,2}):(?P<min2>\d{2})"
    r"|(?P<mer3>午前|午後)(?P<h3>\d{1,2})"
)
_NUMBER = re.compile(
    r"(?P<prefix>約|最大|およそ|計|合計|延べ)?(?P<n>\d{1,12}(?:\.\d{1,6})?)(?P<unit>万|千|百)?(?P<rest>\d{0,4})(?P<counter>.{1,5})"
)
_UNITS = {"万": 10_000, "千": 1_000, "百": 100, None: 1}


@dataclass(frozen=True, slots=True)
class DateFact:
    """A calendar date as written: ``year`` when the draft states it (西暦 or 和暦)."""

    start: int  # document span of the date (with a year written before it in both calendars)
    end: int
    month: int
    day: int
    year: int | None = None  # the western year the date states
    era: str | None = None  # 令和 … when written in 和暦
    era_year: int | None = None
    western: int | None = None  # the western year written beside a 和暦 year (or the reverse)
    weekday: int | None = None  # written weekday, 0 = Monday
    weekday_start: int = 0  # document offset of the weekday character
    weekday_end: int = 0  # end of the written weekday, brackets included

    @property
    def certain_year(self) -> int | None:
        """The year the date states, unless the two calendars written with it disagree."""
        if self.year is None or (self.western is not None and self.western != self.year):
            return None
        return self.year

    def as_date(self, year: int) -> dt.date | None:
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None

    def label(self, year: int | None = None) -> str:
        if year is None:
            return f"{self.month}月{self.day}日"
        return f"{year}年{self.month}月{self.day}日"


@dataclass(frozen=True, slots=True)
class TimeFact:
    start: int
    end: int
    hour: int  # as written
    minute: int
    meridiem: str | None  # 午前 / 午後 / 朝 / 夜 / None
    folded_start: int  # span in the sentence's folded text
    folded_end: int

    @property
    def hour24(self) -> int:
        if self.meridiem in ("午後", "夜") and self.hour < 12:
            return self.hour + 12
        if self.meridiem == "午前" and self.hour == 12:
            return 0
        return self.hour

    @property
    def minutes(self) -> int:
        return self.hour24 * 60 + self.minute


@dataclass(frozen=True, slots=True)
class CountFact:
    start: int
    end: int
    value: float
    counter: str
    prefix: str | None  # 約 / 最大 / 計 / 合計 …
    folded_start: int
    folded_end: int


@dataclass(frozen=True, slots=True)
class PhoneFact:
    start: int
    end: int
    text: str  # as matched, full-width ASCII translated

    @property
    def digits(self) -> str:
        return "".join(c for c in self.text if c.isdigit())


def _western(era: str | None, year_text: str | None) -> int | None:
    if era is None or year_text is None:
        return None
    found = era_named(era)
    return None if found is None else found.western(era_year(year_text))


def _year_pair(groups: dict[str, str | None], n: str) -> tuple[int | None, str | None, int | None]:
    """(western year, era name, era year) of one side of a year pair."""
    western = groups[f"y{n}"]
    if western:
        return int(western), None, None
    era, ey = groups[f"era{n}"], groups[f"ey{n}"]
    return _western(era, ey), era, None if ey is None else era_year(ey)


def dates(sentence: Sentence) -> list[DateFact]:
    """The dates of a sentence (the ``date`` detector's matches), with their values."""
    cached = sentence.memo.get("facts-dates")
    if cached is not None:
        return cached
    out: list[DateFact] = []
    if not detectors.holds_folded_digit(sentence):  # most sentences: no number at all
        sentence.memo["facts-dates"] = out
        return out
    doc = sentence._doc
    assert doc is not None
    folded = sentence.folded
    for m in detectors._DATE.finditer(folded.text):
        start, end = folded.span(*m.span())
        if doc.in_url_or_email(start, end):
            continue
        fact = _read_date(m.group(), folded.text[max(0, m.start() - 24) : m.start()], m.start(), folded)
        if fact is None:
            continue
        start = fact[0] if fact[0] is not None else start
        values = fact[1]
        values.update(_weekday_after(doc.text, end))
        out.append(DateFact(start, end, **values))
    out.extend(_relative_dates(sentence, out))
    out.sort(key=lambda d: d.start)
    sentence.memo["facts-dates"] = out
    return out


def _weekday_after(text: str, end: int) -> dict[str, int]:
    """The weekday written right after a date ending at ``end`` (「（月）」), as DateFact fields; {} if none."""
    weekday = _WEEKDAY_AFTER.match(text, end, min(len(text), end + 12))
    if not weekday:
        return {}
    group = "p" if weekday.group("p") else "b"
    return {
        "weekday": WEEKDAYS.index(weekday.group(group)),
        "weekday_start": weekday.start(group),
        "weekday_end": weekday.end(),
    }


def _relative_dates(sentence: Sentence, found: list[DateFact]) -> list[DateFact]:
    """同月15日 / 翌10日 / 〜15日: a day of the month of the date written before it (in
    this sentence or the ones just before; right before it for 〜15日); the year is that
    date's."""
    folded = sentence.folded
    doc = sentence._doc
    assert doc is not None
    out: list[DateFact] = []
    for m in _RELATIVE_DAY.finditer(folded.text):
        start, end = folded.span(m.start("rel"), m.end())
        anchor = _date_before(sentence, start, found + out)
        if m.group("rel") in _RANGE_MARKS:
            # 8月10日(金)〜15日(水): the end of a range written without its month.
            if anchor is None or doc.text[max(anchor.end, anchor.weekday_end) : start].strip(" \u3000"):
                continue
            start = folded.span(m.start("d"), m.end())[0]
        if anchor is None or not 1 <= anchor.month <= 12:
            continue
        month, year, day = anchor.month, anchor.certain_year, int(m.group("d"))
        if m.group("rel") != "同月" and day < anchor.day:  # 翌1日 after 31日: the next month
            month, year = (1, year + 1 if year else None) if month == 12 else (month + 1, year)
        values: dict = {"month": month, "day": day, "year": year, **_weekday_after(doc.text, end)}
        out.append(DateFact(start, end, **values))
    return out


def _date_before(sentence: Sentence, offset: int, found: list[DateFact]) -> DateFact | None:
    before = [d for d in found if d.end <= offset]
    if before:
        return max(before, key=lambda d: d.end)
    doc = sentence._doc
    assert doc is not None
    for k in range(sentence.index - 1, max(-1, sentence.index - 6), -1):
        earlier = dates(doc.sentences[k])
        if earlier:
            return earlier[-1]
    return None


def _read_date(text: str, before: str, folded_start: int, folded) -> tuple[int | None, dict] | None:
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if m is None:
            continue
        groups = m.groupdict()
        values: dict = {"month": int(groups["m"]), "day": int(groups["d"])}
        if groups.get("y"):
            values["year"] = int(groups["y"])
        elif groups.get("era"):
            values["year"] = _western(groups["era"], groups["ey"])
            era = era_named(groups["era"])
            values["era"] = era.name if era else groups["era"]
            values["era_year"] = era_year(groups["ey"])
        start = None
        if "year" not in values:
            pair = _YEAR_PAIR_BEFORE.search(before)
            if pair:
                g = pair.groupdict()
                first, era1, ey1 = _year_pair(g, "1")
                second, era2, ey2 = _year_pair(g, "2")
                values["year"], values["western"] = first, second
                if era1 or era2:
                    values["era"], values["era_year"] = (era1, ey1) if era1 else (era2, ey2)
                start = folded.begins[folded_start - len(before) + pair.start()]
        return start, values
    return None


def document_dates(doc: Document) -> list[DateFact]:
    key = "facts-document-dates"
    cached = doc.cache.get(key)
    if cached is None:
        cached = [d for s in doc.sentences for d in dates(s)]
        doc.cache[key] = cached
    return cached  # type: ignore[return-value]


def times(sentence: Sentence) -> list[TimeFact]:
    """The times of day of a sentence (the ``time`` detector's matches)."""
    cached = sentence.memo.get("facts-times")
    if cached is not None:
        return cached
    folded = sentence.folded
    out: list[TimeFact] = []
    if not detectors.holds_folded_digit(sentence):
        sentence.memo["facts-times"] = out
        return out
    for m in detectors._TIME.finditer(folded.text):
        parts = _TIME_PARTS.fullmatch(m.group())
        if parts is None:
            continue
        g = parts.groupdict()
        hour = int(g["h"] or g["h2"] or g["h3"])
        minute = 30 if g["half"] else int(g["min"] or g["min2"] or 0)
        start, end = folded.span(*m.span())
        out.append(TimeFact(start, end, hour, minute, g["mer"] or g["mer3"], m.start(), m.end()))
    sentence.memo["facts-times"] = out
    return out


def counts(sentence: Sentence) -> list[CountFact]:
    """The counts of a sentence (the ``count`` detector's matches), with their numbers."""
    cached = sentence.memo.get("facts-counts")
    if cached is not None:
        return cached
    folded = sentence.folded
    out: list[CountFact] = []
    for m, folded_start, folded_end in detectors.count_matches(sentence):
        parts = _NUMBER.fullmatch(m.group())
        if parts is None:
            continue  # 一人 / 二人: words, not figures
        g = parts.groupdict()
        value = float(g["n"]) * _UNITS[g["unit"]] + (int(g["rest"]) if g["rest"] else 0)
        start, end = folded.span(folded_start, folded_end)
        out.append(CountFact(start, end, value, g["counter"], g["prefix"], folded_start, folded_end))
    sentence.memo["facts-counts"] = out
    return out


def phones(sentence: Sentence) -> list[PhoneFact]:
    """The phone numbers of a sentence (the ``phone`` detector's matches)."""
    cached = sentence.memo.get("facts-phones")
    if cached is None and not detectors.may_hold_phone(sentence):
        cached = sentence.memo["facts-phones"] = []
    if cached is None:  # the phone check asks which sentences hold one, then reads them
        text = detectors.ascii_text(sentence)
        found = detectors.raw_matches(sentence, detectors._PHONE)
        cached = sentence.memo["facts-phones"] = [PhoneFact(s, e, text[i:j]) for s, e, i, j in found]
    return cached


def notice_date(doc: Document, top_lines: int = 6, bottom_lines: int = 10) -> DateFact | None:
    """The date the notice itself carries: a line at the top or the bottom that is a date
    with its year and nothing else but a label (発行日：…) or 更新/現在. The latest one
    when there are several (公開日 and 更新日)."""
    key = "facts-notice-date"
    if key in doc.cache:
        return doc.cache[key]  # type: ignore[return-value]
    lines = doc.content_lines
    wanted = set(lines[:top_lines]) | set(lines[-bottom_lines:])
    best: DateFact | None = None
    for sentence in doc.sentences:
        if sentence.line not in wanted or len(sentence.text) > 40:
            continue
        for fact in dates(sentence):
            if fact.certain_year is None or fact.as_date(fact.certain_year) is None:
                continue
            i, j = text_span(sentence, fact.start, max(fact.end, fact.weekday_end))
            if not (_NOTICE_DATE_LABEL.fullmatch(sentence.text[:i]) and _NOTICE_DATE_TAIL.fullmatch(sentence.text[j:])):
                continue
            if best is None or fact.as_date(fact.certain_year) > best.as_date(best.certain_year):  # type: ignore[operator, arg-type]
                best = fact
    doc.cache[key] = best
    return best


def text_span(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The span of ``sentence.text`` that covers document span [start, end) (clipped to
    the sentence)."""
    offsets = sentence.offsets
    return bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)


_NOTICE_DATE_LABEL = re.compile(
    r"[\s　]{0,4}(?:(?:発行|公表|公開|掲載|更新|最終更新|作成|発信|配信|通知|報告|発表)(?:日|日時)?[\s　]{0,2}[：:]?[\s　]{0,2})?"
)
_NOTICE_DATE_TAIL = re.compile(r"[\s　]{0,4}(?:(?:更新|発表|公表|掲載|現在|発行)[\s　]{0,2})?")


def era_of(year: int, month: int, day: int):
    """The era a day belongs to (None before the first era of the table)."""
    try:
        day_ = dt.date(year, month, day)
    except ValueError:
        return None
    found = None
    for era in eras():
        if era.start <= day_:
            found = era
    return found


def days_in_month(year: int | None, month: int) -> int:
    """Days of ``month``; with the year unknown, February has 29."""
    if year is None:
        return 29 if month == 2 else calendar.monthrange(2001, month)[1]
    return calendar.monthrange(year, month)[1]
