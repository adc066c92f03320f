"""Hostile or just very large configuration: jargon spellings and lexicons stay bounded and linear."""

from __future__ import annotations

import re
import time

from owabilint.matchers import patterns
from owabilint.matchers.jargon import JargonMatcher, _caseless, _literal_forms, _term_regex

LONG_VOWELS = "ア" + "ー" * 22 + "イ"  # each 「ー」 may be written or left out


def test_a_term_with_many_long_vowel_marks_lists_few_spellings_and_still_matches_them_all() -> None:
    started = time.process_time()
    assert _literal_forms(LONG_VOWELS) == ()  # no fixed stretch of two: found by its regex instead
    assert time.process_time() - started < 1.0  # 2²² spellings took 5 s and 2 GB
    term = "セキュア" + "ー" * 22
    forms = _literal_forms(term)
    assert 0 < len(forms) <= 32
    rx = re.compile(_term_regex(term))
    for marks in (0, 1, 11, 22):
        spelled = "セキュア" + "ー" * marks
        assert rx.fullmatch(spelled)
        assert any(form in _caseless(spelled) for form in forms)  # the pre-check never misses a use
    assert re.compile(_term_regex(LONG_VOWELS)).fullmatch("ア" + "ー" * 22 + "イ")
    assert not re.compile(_term_regex(LONG_VOWELS)).fullmatch("ア" + "ー" * 23 + "イ")


def test_many_optional_marks_in_a_row_are_one_bounded_repeat() -> None:
    source = _term_regex(LONG_VOWELS)
    assert "ー?ー?" not in source and "ー{0,22}" in source
    matcher = JargonMatcher({"terms": [LONG_VOWELS, "ーア" * 22]}, "test", {})
    hostile = ("ア" + "ー" * 40 + "ウ") * 400  # every start fails late
    started = time.process_time()
    assert list(matcher.pattern.finditer(hostile)) == []
    assert time.process_time() - started < 2.0


def test_folding_a_large_lexicon_is_linear(monkeypatch) -> None:
    monkeypatch.setattr(patterns, "fold_term", lambda term: term + "・")  # every fold is new

    def prepare(n: int) -> float:
        pattern = patterns.Pattern(terms=[f"項目{i}" for i in range(n)])
        started = time.process_time()
        pattern.prepare()
        return time.process_time() - started

    small, large = prepare(10_000), prepare(40_000)
    assert large < 8 * small + 0.5  # a list membership test made this 16× (and 100,000 terms 169 s)
