"""Reception hours against the clock: reversed ranges, and 24時間 beside a range."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from owabilint.consistency.base import Check, Problem
from owabilint.matchers.facts import TimeFact, times

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Sentence
    from owabilint.matchers.base import LintContext

# Between the two ends of a range, in the folded text: 〜, -, から; 翌/翌日/翌朝 marks
# an end on the next day.
_RANGE_MARK = re.compile(r"\s{0,3}(?:[〜～~\-－―ー–]|から)\s{0,3}(?P<next>翌日?の?|翌朝|深夜)?\s{0,2}")
# "24時間" as a promise of round-the-clock service (not 24時間以内, a duration).
_ROUND_THE_CLOCK = re.compile(r"24時間(?!以内|以上|後|前|経過|ほど|程度|を|分)")
# What may stand between 24時間 and a range that qualifies it: no clause break.
_SAME_PHRASE = re.compile(r"[^、。，,；;は]{0,12}")


def time_ranges(sentence: Sentence) -> list[tuple[TimeFact, TimeFact, bool]]:
    """(start, end, ends the next day) of each range of two times."""
    folded = sentence.folded.text
    found = times(sentence)
    out = []
    for a, b in pairwise(found):
        mark = _RANGE_MARK.fullmatch(folded, a.folded_end, b.folded_start)
        if mark:
            out.append((a, b, bool(mark.group("next"))))
    return out


def _impossible(t: TimeFact) -> bool:
    return (
        t.minute >= 60
        or t.hour > 24
        or (t.hour == 24 and t.minute > 0)
        or (t.meridiem in ("午前", "午後") and t.hour > 12)
    )


def _clock(minutes: int) -> str:
    return f"{minutes // 60}時" + (f"{minutes % 60}分" if minutes % 60 else "")


class HoursCheck(Check):
    """A reception-hours range that ends before it starts (18:00〜9:00 without 翌), and
    24時間 qualified by a range that is not the whole day. An end that does not exist
    (25時) is impossible-date's finding."""

    name = "hours"
    MESSAGES = ("reversed", "round-the-clock")

    def may_report(self, sentence: Sentence) -> bool:
        return len(times(sentence)) >= 2  # a range needs two times

    def find(self, ctx: LintContext, sentences: list[Sentence], options: dict[str, Any]) -> Iterator[Problem]:
        doc = ctx.doc
        for sentence in sentences:
            ranges = time_ranges(sentence)
            for a, b, next_day in ranges:
                if next_day or _impossible(a) or _impossible(b):
                    continue
                if b.minutes > a.minutes or (b.minutes == 0 and b.hour == 0 and a.minutes > 0):
                    continue  # 〜0時 closes at midnight
                if b.hour == 24:
                    continue
                values = {"written": doc.text[a.start : b.end], "start": _clock(a.minutes), "end": _clock(b.minutes)}
                if b.meridiem is None and b.hour < 12 and a.minutes < 12 * 60 < b.minutes + 12 * 60:
                    values["hint"] = f"午後{b.hour}時（{b.hour + 12}時）"
                else:
                    values["hint"] = "翌" + _clock(b.minutes)
                yield Problem(a.start, b.end, "reversed", values)
            folded = sentence.folded.text
            for m in _ROUND_THE_CLOCK.finditer(folded):
                for a, b, next_day in ranges:
                    if a.folded_start < m.end():
                        continue
                    if not _SAME_PHRASE.fullmatch(folded, m.end(), a.folded_start):
                        break
                    if (a.minutes, b.minutes) in ((0, 24 * 60), (0, 0)):
                        break
                    yield Problem(a.start, b.end, "round-the-clock", {"written": doc.text[a.start : b.end]})
                    break
