"""Counts against each other: the same count stated twice, and totals against their parts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from owabilint.consistency.base import Check, Problem
from owabilint.matchers.base import regex_list, take
from owabilint.matchers.facts import CountFact, counts

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document, Sentence

# Where the noun phrase a count belongs to begins (before it) or ends (after it).
_BEFORE_BOUNDARY = re.compile(r".*(?:[、。，,．「」『』（）()【】：:;；\s]|(?<=[^\u3041-\u309f])(?:は|が|を|に|で|も|と|へ|や|から|より|など|等))")
_AFTER_PHRASE = re.compile(r"の\s{0,2}(?P<noun>[^、。，,．「」『』（）()【】：:;；\s]{1,20}?)(?=[、。，,．「」『』（）()【】：:;；\s]|(?:は|が|を|に|で|も|と|へ|や|から|より|など|等|の)|$)")
_APPROXIMATE = ("約", "最大", "およそ", "延べ")
_TOTAL_PREFIX = ("計", "合計")


def _plain(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


class CountCheck(Check):
    """The same count (same counter, same subject) stated with different numbers; a stated
    total that is not the sum of the parts listed with it.

    The subject is the noun phrase written right before the count (対象のお客様 1,234名)
    or right after it with の (1,243名のお客様), without the generic determiners the rule
    lists (``generic``). A sentence that reports a change (``unless``: 訂正, 当初 …) and a
    count with 約/最大 or after うち are left alone.
    """

    name = "counts"
    MESSAGES = ("differs", "total")
    KEYS = frozenset({"generic", "unless", "total_words", "part_unless"})
    OPTIONS = ("check-totals",)

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        self.generic = regex_list(take(params, "generic", (str, list), where), f"{where}.generic", lexicons)
        self.unless = regex_list(take(params, "unless", (str, list), where), f"{where}.unless", lexicons)
        self.total_words = regex_list(take(params, "total_words", (str, list), where), f"{where}.total_words", lexicons)
        self.part_unless = regex_list(take(params, "part_unless", (str, list), where), f"{where}.part_unless", lexicons)

    def find(self, doc: Document, sentences: list[Sentence], options: dict[str, Any]) -> Iterator[Problem]:
        yield from self._restated(doc, sentences)
        if options.get("check-totals", True) is not False:
            yield from self._totals(doc, sentences)

    # ------------------------------------------------------------------ restated
    def _restated(self, doc: Document, sentences: list[Sentence]) -> Iterator[Problem]:
        first: dict[tuple[str, str], tuple[CountFact, Sentence, str]] = {}
        for sentence in sentences:
            if any(rx.search(sentence.text) for rx in self.unless):
                continue
            for fact in counts(sentence):
                if fact.prefix is not None:
                    continue  # 約/最大: not exact; 計/合計: a total, checked against its parts
                subject, shown = self._subject(sentence, fact)
                if not subject:
                    continue
                key = (fact.counter, subject)
                seen = first.get(key)
                if seen is None:
                    first[key] = (fact, sentence, doc.text[fact.start : fact.end])
                elif seen[0].value != fact.value and seen[1] is not sentence:
                    yield Problem(
                        fact.start,
                        fact.end,
                        "differs",
                        {
                            "written": doc.text[fact.start : fact.end],
                            "first": seen[2],
                            "line": seen[1].line,
                            "subject": shown,
                        },
                    )

    def _subject(self, sentence: Sentence, fact: CountFact) -> tuple[str, str]:
        """The subject as a key (folded spelling) and as written."""
        folded = sentence.folded
        text = folded.text
        begin = max(0, fact.folded_start - 30)
        before = text[begin : fact.folded_start].rstrip()
        if before.endswith(("うち", "内")):
            return "", ""
        cut = _BEFORE_BOUNDARY.match(before)
        start, end = begin + (cut.end() if cut else 0), begin + len(before)
        if start == end:
            after = _AFTER_PHRASE.match(text, fact.folded_end)
            if after is None:
                return "", ""
            start, end = after.span("noun")
        phrase = text[start:end]
        for rx in self.generic:
            m = rx.search(phrase)
            if m and m.start() == 0:
                start += m.end()
                phrase = phrase[m.end() :]
        phrase = phrase.strip()
        if not phrase or start >= end:
            return "", ""
        assert sentence._doc is not None
        raw_start, raw_end = folded.span(start, end)
        return phrase, sentence._doc.text[raw_start:raw_end].strip()

    # ------------------------------------------------------------------ totals
    def _totals(self, doc: Document, sentences: list[Sentence]) -> Iterator[Problem]:
        for k, sentence in enumerate(sentences):
            facts = counts(sentence)
            for fact in facts:
                if not self._is_total(sentence, fact):
                    continue
                parts = [f for f in facts if f is not fact and f.counter == fact.counter and self._is_part(sentence, f)]
                if not parts and sentence.kind in ("list", "field"):
                    parts = self._parts_above(sentences, k, fact)
                if len(parts) < 2:
                    continue
                total = sum(p.value for p in parts)
                if total != fact.value:
                    yield Problem(
                        fact.start,
                        fact.end,
                        "total",
                        {"written": doc.text[fact.start : fact.end], "sum": _plain(total) + fact.counter, "parts": len(parts)},
                    )

    def _is_total(self, sentence: Sentence, fact: CountFact) -> bool:
        if fact.prefix in _TOTAL_PREFIX:
            return True
        before = sentence.folded.text[max(0, fact.folded_start - 8) : fact.folded_start]
        return any(rx.search(before) for rx in self.total_words)

    def _is_part(self, sentence: Sentence, fact: CountFact) -> bool:
        if fact.prefix is not None:
            return False
        before = sentence.folded.text[max(0, fact.folded_start - 12) : fact.folded_start]
        return not any(rx.search(before) for rx in self.part_unless)

    def _parts_above(self, sentences: list[Sentence], k: int, total: CountFact) -> list[CountFact]:
        """Counts of the list items or fields right above a total line, one per line."""
        parts: list[CountFact] = []
        i = k - 1
        while i >= 0 and sentences[i].kind == sentences[k].kind and sentences[k].line - sentences[i].line == k - i:
            facts = [f for f in counts(sentences[i]) if f.counter == total.counter]
            if len(facts) != 1 or not self._is_part(sentences[i], facts[0]):
                return []
            parts.append(facts[0])
            i -= 1
        return parts
