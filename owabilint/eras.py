"""Japanese eras (和暦), read from rules/calendar/eras.toml.

The table is data: an era's name, its one-letter abbreviation and its first day. An
era's last day is the day before the next era begins.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from owabilint.errors import RuleError


@dataclass(frozen=True, slots=True)
class Era:
    name: str
    letter: str
    start: dt.date
    end: dt.date | None  # last day; None for the current era

    def western(self, year: int) -> int:
        """The western year of this era's ``year`` (元年 is 1)."""
        return self.start.year + year - 1

    @property
    def last_year(self) -> int | None:
        """The last era year, e.g. 31 for 平成."""
        return None if self.end is None else self.end.year - self.start.year + 1


def eras_file() -> Path:
    from owabilint.ruleset.loader import builtin_rules_dir

    return builtin_rules_dir() / "calendar" / "eras.toml"


@cache
def eras() -> tuple[Era, ...]:
    """The eras, oldest first."""
    path = eras_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: cannot read the era table: {exc}") from None
    rows = data.get("era")
    if not isinstance(rows, list) or not rows:
        raise RuleError(f"{path}: expected [[era]] tables")
    parsed = []
    for i, row in enumerate(rows):
        name, letter, start = row.get("name"), row.get("letter"), row.get("start")
        if not isinstance(name, str) or not isinstance(letter, str) or not isinstance(start, dt.date):
            raise RuleError(f"{path}: era[{i}]: needs name, letter and start (a date)")
        parsed.append((start, name, letter))
    parsed.sort()
    out = []
    for i, (start, name, letter) in enumerate(parsed):
        end = parsed[i + 1][0] - dt.timedelta(days=1) if i + 1 < len(parsed) else None
        out.append(Era(name, letter, start, end))
    return tuple(out)


def era_named(name: str) -> Era | None:
    """The era called ``name`` (令和) or abbreviated ``name`` (R)."""
    for era in eras():
        if name in (era.name, era.letter, era.letter.lower()):  # folded text spells R6 as r6
            return era
    return None


def era_year(text: str) -> int:
    """元 → 1, digits → int."""
    return 1 if text == "元" else int(text)
