"""What every consistency check shares: the problem it reports and its interface."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document, Sentence


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

    @staticmethod
    def regexes(params: dict[str, Any], key: str, where: str, lexicons: dict[str, list[str]]) -> list[re.Pattern[str]]:
        """The optional regex list ``key`` of a rule file's matcher table, compiled."""
        from owabilint.matchers.base import regex_list, take  # matchers import the checks: no cycle at load

        return regex_list(take(params, key, (str, list), where), f"{where}.{key}", lexicons)

    def find(self, doc: Document, sentences: list[Sentence], options: dict[str, Any]) -> Iterator[Problem]:
        raise NotImplementedError
