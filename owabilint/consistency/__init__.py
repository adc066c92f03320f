"""The checks behind the ``consistency`` matcher kind, one per kind of contradiction.

A check reads facts (owabilint.matchers.facts) from the sentences the rule lets it see
and reports problems: a span, the name of the message template to use, the values to
fill it with and, only when the correction is certain, a replacement.
"""

from __future__ import annotations

from owabilint.consistency.base import Check, Problem
from owabilint.consistency.contacts import AddressCheck, PhoneCheck
from owabilint.consistency.counts import CountCheck
from owabilint.consistency.dates import DateOrderCheck, EraCheck, ImpossibleDateCheck, WeekdayCheck
from owabilint.consistency.hours import HoursCheck

CHECKS: dict[str, type[Check]] = {
    c.name: c
    for c in (
        WeekdayCheck,
        EraCheck,
        ImpossibleDateCheck,
        DateOrderCheck,
        CountCheck,
        PhoneCheck,
        AddressCheck,
        HoursCheck,
    )
}

__all__ = ["CHECKS", "Check", "Problem"]
