"""What every consistency check shares: the problem it reports and its interface."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Sentence
    from owabilint.matchers.base import LintContext, Part


@dataclass(slots=True)
class Problem:
    start: int
    end: int
    key: str  # which message template
    values: dict[str, Any] = field(default_factory=dict)
    fix: str | None = None


class Check:
    """Base class: ``MESSAGES`` the rule file must give, ``KEYS`` it may add, ``OPTIONS``."""

    name = ""  # what rule files write in ``check = ...``
    MESSAGES: tuple[str, ...] = ()
    KEYS: frozenset[str] = frozenset()
    OPTIONS: tuple[str, ...] = ()
    FIXABLE = False

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        self.where = where
        self.regex_lists: dict[str, list[re.Pattern[str]]] = {}  # key → the check's regexes (see parts)

    def regexes(
        self, params: dict[str, Any], key: str, where: str, lexicons: dict[str, list[str]]
    ) -> list[re.Pattern[str]]:
        """The optional regex list ``key`` of a rule file's matcher table, compiled."""
        from owabilint.matchers.base import regex_list, take  # matchers import the checks: no cycle at load

        compiled = regex_list(take(params, key, (str, list), where), f"{where}.{key}", lexicons)
        self.regex_lists[key] = compiled
        return compiled

    def parts(self) -> list[Part]:
        """The check's patterns and regex lists by key (see Matcher.parts)."""
        return list(self.regex_lists.items())

    def may_report(self, sentence: Sentence) -> bool:
        """False when the check cannot report anything in ``sentence`` whatever the others
        say (no date for a weekday to contradict): the rule's sentence filter, which costs
        more, is then not asked. A check that reads sentences together keeps the default."""
        return True

    def find(self, ctx: LintContext, sentences: list[Sentence], options: dict[str, Any]) -> Iterator[Problem]:
        raise NotImplementedError
