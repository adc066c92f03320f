"""Counts against each other: the same count stated twice, and totals against their parts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from owabilint.consistency.base import Check, Problem
from owabilint.matchers.facts import CountFact, counts

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document, Sentence
    from owabilint.matchers.base import LintContext

# Where the noun phrase a count belongs to begins (before it) or ends (after it).
# \A: used with match(); anchored, a search from every position would be quadratic.
_BEFORE_BOUNDARY = re.compile(
    r"\A.*(?:[、。，,．「」『』（）()【】：:;；\s]|(?<=[^\u3041-\u309f])(?:は|が|を|に|で|も|と|へ|や|から|より|など|等))"
)
_AFTER_PHRASE = re.compile(
    r"の\s{0,2}(?P<noun>[^、。，,．「」『』（）()【】：:;；\s]{1,20}?)(?=[、。，,．「」『』（）()【】：:;；\s]|(?:は|が|を|に|で|も|と|へ|や|から|より|など|等|の)|$)"
)
_APPROXIMATE = ("約", "最大", "およそ", "延べ")
_TOTAL_PREFIX = ("計", "合計")


def _typo_like(a: float, b: float) -> bool:
    """Whether two figures differ the way a mistyped restatement does: one digit changed,
    two neighbouring digits swapped, or one digit dropped or doubled (1,234 / 1,243)."""
    if a != int(a) or b != int(b) or min(a, b) < 10:
        return False
    x, y = str(int(a)), str(int(b))
    if len(x) == len(y):
        diff = [i for i in range(len(x)) if x[i] != y[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]
    short, long_ = sorted((x, y), key=len)
    return len(long_) == len(short) + 1 and any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _plain(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


class CountCheck(Check):
    """The same count (same counter, same subject) stated with different numbers; a stated
    total that is not the sum of the parts listed with it.

    The subject is the noun phrase written right before the count (対象のお客様 1,234名)
    or right after it with の (1,243名のお客様), without the generic determiners the rule
    lists (``generic``). Two figures count as the same count stated twice when a
    determiner marks either as the affected group (対象の…) or when they differ like a
    typing slip (1,234 / 1,243); otherwise they may well be two groups (メール1,000件を
    送信 / 988件が届いた). A sentence that reports a change (``change_words``: 訂正, 当初 …), a
    count with 約/最大 or after うち, and a count followed by ``not_after`` (1名から) are
    left alone.
    """

    name = "counts"
    MESSAGES = ("differs", "total")
    KEYS = frozenset({"generic", "change_words", "not_after", "total_words", "part_unless"})
    OPTIONS = ("check-totals",)

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        self.generic = self.regexes(params, "generic", where, lexicons)
        self.change_words = self.regexes(params, "change_words", where, lexicons)
        self.not_after = self.regexes(params, "not_after", where, lexicons)
        self.total_words = self.regexes(params, "total_words", where, lexicons)
        self.part_unless = self.regexes(params, "part_unless", where, lexicons)

    def find(self, ctx: LintContext, sentences: list[Sentence], options: dict[str, Any]) -> Iterator[Problem]:
        doc = ctx.doc
        yield from self._restated(doc, sentences)
        if options.get("check-totals", True) is not False:
            yield from self._totals(doc, sentences)

    # ------------------------------------------------------------------ restated
    def _restated(self, doc: Document, sentences: list[Sentence]) -> Iterator[Problem]:
        first: dict[tuple[str, str], tuple[CountFact, Sentence, str, bool]] = {}
        for sentence in sentences:
            if any(rx.search(sentence.text) for rx in self.change_words):
                continue
            for fact in counts(sentence):
                if fact.prefix is not None:
                    continue  # 約/最大: not exact; 計/合計: a total, checked against its parts
                after = sentence.folded.text[fact.folded_end : fact.folded_end + 4]
                if any(rx.match(after) for rx in self.not_after):
                    continue  # お客様1名から (who called), 1名ずつ: not the size of a group
                subject, shown, scoped = self._subject(sentence, fact)
                if not subject:
                    continue
                key = (fact.counter, subject)
                seen = first.get(key)
                if seen is None:
                    first[key] = (fact, sentence, doc.text[fact.start : fact.end], scoped)
                elif (
                    seen[0].value != fact.value
                    and seen[1] is not sentence
                    and (scoped or seen[3] or _typo_like(seen[0].value, fact.value))
                ):
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

    def _subject(self, sentence: Sentence, fact: CountFact) -> tuple[str, str, bool]:
        """The subject as a key (folded spelling), as written, and whether a determiner
        said it is the affected group (対象の, 該当する)."""
        folded = sentence.folded
        text = folded.text
        begin = max(0, fact.folded_start - 30)
        before = text[begin : fact.folded_start].rstrip()
        if before.endswith(("うち", "内")):
            return "", "", False
        cut = _BEFORE_BOUNDARY.match(before)
        start, end = begin + (cut.end() if cut else 0), begin + len(before)
        if start == end:
            after = _AFTER_PHRASE.match(text, fact.folded_end)
            if after is None:
                return "", "", False
            start, end = after.span("noun")
        phrase = text[start:end]
        scoped = False
        for rx in self.generic:
            m = rx.search(phrase)
            if m and m.start() == 0 and m.end():
                start += m.end()
                phrase = phrase[m.end() :]
                scoped = True
        phrase = phrase.strip()
        if not phrase or start >= end:
            return "", "", False
        assert sentence._doc is not None
        raw_start, raw_end = folded.span(start, end)
        return phrase, sentence._doc.text[raw_start:raw_end].strip(), scoped

    # ------------------------------------------------------------------ totals
    def _totals(self, doc: Document, sentences: list[Sentence]) -> Iterator[Problem]:
        for k, sentence in enumerate(sentences):
            facts = counts(sentence)
            for fact in facts:
                if not self._is_total(sentence, fact):
                    continue
                parts = [f for f in facts if f is not fact and f.counter == fact.counter and self._is_part(sentence, f)]
                if not parts and sentence.role in ("list", "field"):
                    parts = self._parts_above(sentences, k, fact)
                if len(parts) < 2:
                    continue
                total = sum(p.value for p in parts)
                if total != fact.value:
                    yield Problem(
                        fact.start,
                        fact.end,
                        "total",
                        {
                            "written": doc.text[fact.start : fact.end],
                            "sum": _plain(total) + fact.counter,
                            "parts": len(parts),
                        },
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
        while i >= 0 and sentences[i].role == sentences[k].role and sentences[k].line - sentences[i].line == k - i:
            facts = [f for f in counts(sentences[i]) if f.counter == total.counter]
            if len(facts) != 1 or not self._is_part(sentences[i], facts[0]):
                return []
            parts.append(facts[0])
            i -= 1
        return parts
