"""Dates against the calendar: weekdays, eras, impossible days and times, their order."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from owabilint.consistency.base import Check, Problem
from owabilint.eras import era_named, era_year
from owabilint.matchers.facts import (
    ERA_YEAR,
    WEEKDAYS,
    YEAR_PAIR,
    DateFact,
    dates,
    days_in_month,
    document_dates,
    notice_date,
    text_span,
    times,
)
from owabilint.matchers.filters import clause_bounds

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document, Sentence
    from owabilint.matchers.base import LintContext


def _text(doc: Document, start: int, end: int) -> str:
    return doc.text[start:end]


class WeekdayCheck(Check):
    """A written weekday that is not the calendar's.

    The year comes from the date itself; else (option ``infer-year``) from the nearest
    date of the draft that states its year, taking the year that puts the date closest
    to it. When the weekday would be right in the year before or after that one, the
    year is not known well enough and nothing is reported. An inferred year must be
    certain: when the written weekday fits any year the draft mentions (or the year of
    the notice's own date, or one next to either), nothing is reported either, since a
    draft that covers several years may take its events from another one. Nor when
    every weekday that seems wrong (two or more) is right together in one other year
    near it: the writer followed that year's calendar. Only a date that states its own
    year gets a fix.
    """

    name = "weekday"
    MESSAGES = ("certain", "inferred")
    OPTIONS = ("infer-year",)
    FIXABLE = True

    def may_report(self, sentence: Sentence) -> bool:
        return bool(dates(sentence))

    def find(self, ctx: LintContext, sentences: list[Sentence], options: dict[str, Any]) -> Iterator[Problem]:
        doc = ctx.doc
        infer = options.get("infer-year", True) is not False
        dated = [d for d in document_dates(doc) if d.certain_year is not None and d.as_date(d.certain_year)]
        plausible: set[int] | None = None
        inferred: list[tuple[DateFact, dt.date]] = []
        for sentence in sentences:
            for fact in dates(sentence):
                if fact.weekday is None:
                    continue
                end = fact.weekday_end
                year = fact.certain_year
                if year is not None:
                    day = fact.as_date(year)
                    if day is None or day.weekday() == fact.weekday:
                        continue
                    fixed = _with_weekday(doc, fact, day.weekday())
                    values = _values(doc, fact, year, day)
                    yield Problem(fact.start, end, "certain", values, fixed)
                    continue
                if fact.year is not None or not infer:
                    continue  # the two calendars disagree: era-mismatch says so
                day = _nearest_year_day(fact, dated)
                if day is None or day.weekday() == fact.weekday:
                    continue
                others = (fact.as_date(day.year + k) for k in (-1, 1))
                if any(o is not None and o.weekday() == fact.weekday for o in others):
                    continue  # right in a neighbouring year: the year is not certain
                if plausible is None:
                    plausible = _plausible_years(doc, dated)
                fits = (fact.as_date(y) for y in plausible)
                if any(o is not None and o.weekday() == fact.weekday for o in fits):
                    continue  # right in another year the draft speaks of
                inferred.append((fact, day))
        if not _one_other_calendar(inferred):
            for fact, day in inferred:
                yield Problem(fact.start, fact.weekday_end, "inferred", _values(doc, fact, day.year, day))


def _values(doc: Document, fact: DateFact, year: int, day: dt.date) -> dict[str, Any]:
    return {
        "date": fact.label(year),
        "written": _text(doc, fact.start, fact.weekday_end).strip(),
        "weekday": WEEKDAYS[day.weekday()],
        "written_weekday": WEEKDAYS[fact.weekday or 0],
        "year": year,
    }


def _with_weekday(doc: Document, fact: DateFact, weekday: int) -> str:
    original = doc.text[fact.start : fact.weekday_end]
    i = fact.weekday_start - fact.start
    return original[:i] + WEEKDAYS[weekday] + original[i + 1 :]


def _one_other_calendar(inferred: list[tuple[DateFact, dt.date]], reach: int = 10) -> bool:
    """Two or more weekdays that are all right in one year within ``reach`` of the
    inferred one."""
    if len(inferred) < 2:
        return False
    base = inferred[0][1].year
    for year in range(base - reach, base + reach + 1):
        days = [fact.as_date(year) for fact, _ in inferred]
        if all(d is not None and d.weekday() == fact.weekday for d, (fact, _) in zip(days, inferred)):
            return True
    return False


def _plausible_years(doc: Document, dated: list[DateFact]) -> set[int]:
    """Every year the draft mentions (in a full date or alone, 西暦 or 和暦) and the year
    of the notice's own date, each with its neighbours."""
    years = {d.certain_year for d in dated if d.certain_year is not None}
    for sentence in doc.sentences:
        folded = sentence.folded.text
        years.update(int(m.group(1)) for m in _WESTERN_YEAR.finditer(folded))
        for m in ERA_YEAR.finditer(folded):
            era = era_named(m.group("era"))
            if era is not None:
                years.add(era.western(era_year(m.group("ey"))))
    notice = notice_date(doc)
    if notice is not None and notice.certain_year is not None:
        years.add(notice.certain_year)
    return {y + k for y in years for k in (-1, 0, 1) if 1 <= y + k <= 9999}


_WESTERN_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s{0,2}年")


def _nearest_year_day(fact: DateFact, dated: list[DateFact]) -> dt.date | None:
    """The date in the year that puts it nearest to the closest dated mention (before it,
    else after it)."""
    before = [d for d in dated if d.start < fact.start]
    anchor = before[-1] if before else next((d for d in dated if d.start > fact.start), None)
    if anchor is None:
        return None
    anchor_day = anchor.as_date(anchor.certain_year)  # type: ignore[arg-type]
    assert anchor_day is not None
    candidates = [c for c in (fact.as_date(anchor_day.year + k) for k in (-1, 0, 1)) if c is not None]
    if not candidates:
        return None
    return min(candidates, key=lambda c: abs((c - anchor_day).days))


class EraCheck(Check):
    """和暦 and 西暦 that disagree; a 和暦 year or date outside its era."""

    name = "era"
    MESSAGES = ("mismatch", "past-end", "outside")

    def find(self, ctx: LintContext, sentences: list[Sentence], options: dict[str, Any]) -> Iterator[Problem]:
        doc = ctx.doc
        for sentence in sentences:
            folded = sentence.folded
            reported: list[tuple[int, int]] = []
            for m in YEAR_PAIR.finditer(folded.text):
                g = m.groupdict()
                name, ey, year = (g["era"], g["ey"], g["y"]) if g["era"] else (g["era_"], g["ey_"], g["y_"])
                era = era_named(name)
                if era is None:
                    continue
                start, end = folded.span(*m.span())
                reported.append((m.start(), m.end()))
                right = era.western(era_year(ey))
                if right != int(year):
                    yield Problem(
                        start,
                        end,
                        "mismatch",
                        {
                            "written": _text(doc, start, end),
                            "era_year": f"{era.name}{ey}年",
                            "western": right,
                            "year": int(year),
                        },
                    )
            for m in ERA_YEAR.finditer(folded.text):
                if any(s <= m.start() < e for s, e in reported):
                    continue
                era = era_named(m.group("era"))
                year = era_year(m.group("ey"))
                if era is None or era.last_year is None or year <= era.last_year:
                    continue
                start, end = folded.span(*m.span())
                reported.append((m.start(), m.end()))
                western = era.western(year)
                yield Problem(
                    start,
                    end,
                    "past-end",
                    {
                        "written": _text(doc, start, end),
                        "era": era.name,
                        "last_year": era.last_year,
                        "western": western,
                        "right": _era_label(dt.date(western, 12, 31)),
                    },
                )
            for fact in dates(sentence):
                if fact.era is None or fact.era_year is None or fact.year is None:
                    continue
                era = era_named(fact.era)
                day = fact.as_date(fact.year)
                if era is None or day is None or (era.last_year is not None and fact.era_year > era.last_year):
                    continue
                if day < era.start or (era.end is not None and day > era.end):
                    yield Problem(
                        fact.start,
                        fact.end,
                        "outside",
                        {
                            "written": _text(doc, fact.start, fact.end),
                            "era": era.name,
                            "right": _era_label(day) + f"{day.month}月{day.day}日",
                        },
                    )


def _era_label(day: dt.date) -> str:
    from owabilint.matchers.facts import era_of

    era = era_of(day.year, day.month, day.day)
    if era is None:
        return f"{day.year}年"
    n = day.year - era.start.year + 1
    return f"{era.name}{'元' if n == 1 else n}年"


_MONTH_ONLY = re.compile(
    r"(?<!\d)(?:\d{4}|(?:令和|平成|昭和)(?:\d{1,2}|元))年\s{0,2}(?P<m>1[3-9]|[2-9]\d|0{1,2})月(?!\s{0,2}\d{1,2}日)"
)


class ImpossibleDateCheck(Check):
    """Days and times that do not exist: 2月30日, 13月, 2月29日 of a common year, 25時, 60分."""

    name = "impossible"
    MESSAGES = ("month", "day", "leap", "time", "meridiem")

    def find(self, ctx: LintContext, sentences: list[Sentence], options: dict[str, Any]) -> Iterator[Problem]:
        doc = ctx.doc
        for sentence in sentences:
            for fact in dates(sentence):
                written = _text(doc, fact.start, fact.end)
                if not 1 <= fact.month <= 12:
                    yield Problem(fact.start, fact.end, "month", {"written": written, "month": fact.month})
                    continue
                year = fact.certain_year
                days = days_in_month(year, fact.month)
                if 1 <= fact.day <= days:
                    continue
                if fact.month == 2 and fact.day == 29 and year is not None:
                    yield Problem(fact.start, fact.end, "leap", {"written": written, "year": year})
                else:
                    yield Problem(fact.start, fact.end, "day", {"written": written, "month": fact.month, "days": days})
            folded = sentence.folded
            for m in _MONTH_ONLY.finditer(folded.text):
                start, end = folded.span(*m.span())
                yield Problem(start, end, "month", {"written": _text(doc, start, end), "month": int(m.group("m"))})
            for t in times(sentence):
                written = _text(doc, t.start, t.end)
                if t.minute >= 60 or t.hour > 24 or (t.hour == 24 and t.minute > 0):
                    yield Problem(t.start, t.end, "time", {"written": written})
                elif t.meridiem in ("午前", "午後") and t.hour > 12:
                    yield Problem(t.start, t.end, "meridiem", {"written": written, "meridiem": t.meridiem})


class DateOrderCheck(Check):
    """A past event dated after the notice's own date; a discovery dated before the
    occurrence when both are labelled."""

    name = "order"
    MESSAGES = ("after-notice", "discovery-first")
    KEYS = frozenset({"past", "not_after_date", "not_between", "occurrence", "discovery"})

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        self.past = self.regexes(params, "past", where, lexicons)
        self.not_after_date = self.regexes(params, "not_after_date", where, lexicons)
        self.not_between = self.regexes(params, "not_between", where, lexicons)
        self.occurrence = self.regexes(params, "occurrence", where, lexicons)
        self.discovery = self.regexes(params, "discovery", where, lexicons)

    def may_report(self, sentence: Sentence) -> bool:
        return bool(dates(sentence))  # both orders read dated sentences alone

    def find(self, ctx: LintContext, sentences: list[Sentence], options: dict[str, Any]) -> Iterator[Problem]:
        doc = ctx.doc
        notice = notice_date(doc)
        if notice is not None:
            notice_day = notice.as_date(notice.certain_year)  # type: ignore[arg-type]
            yield from self._after_notice(doc, sentences, notice, notice_day)
        yield from self._discovery_first(doc, sentences)

    def _after_notice(
        self, doc: Document, sentences: list[Sentence], notice: DateFact, notice_day
    ) -> Iterator[Problem]:
        for sentence in sentences:
            text = sentence.text
            for fact in dates(sentence):
                if fact is notice or fact.certain_year is None:
                    continue
                day = fact.as_date(fact.certain_year)
                if day is None or day <= notice_day:
                    continue
                i, j = text_span(sentence, fact.start, max(fact.end, fact.weekday_end))
                if any(rx.match(text, j) for rx in self.not_after_date):
                    continue
                _begin, stop = clause_bounds(text, i, j)
                verb = next((m for rx in self.past if (m := rx.search(text, j, stop))), None)
                if verb is None or any(rx.search(text, j, verb.start()) for rx in self.not_between):
                    continue
                yield Problem(
                    fact.start,
                    fact.end,
                    "after-notice",
                    {"date": fact.label(fact.certain_year), "notice": notice.label(notice.certain_year)},
                )

    def _discovery_first(self, doc: Document, sentences: list[Sentence]) -> Iterator[Problem]:
        occurred: DateFact | None = None
        found: DateFact | None = None
        for sentence in sentences:
            labelled = [d for d in dates(sentence) if d.certain_year is not None and d.as_date(d.certain_year)]
            if not labelled:
                continue
            if occurred is None and any(rx.match(sentence.text) for rx in self.occurrence):
                occurred = labelled[0]
            elif found is None and any(rx.match(sentence.text) for rx in self.discovery):
                found = labelled[0]
        if occurred is None or found is None:
            return
        if found.as_date(found.certain_year) < occurred.as_date(occurred.certain_year):  # type: ignore[arg-type, operator]
            yield Problem(
                found.start,
                found.end,
                "discovery-first",
                {"found": found.label(found.certain_year), "occurred": occurred.label(occurred.certain_year)},
            )
