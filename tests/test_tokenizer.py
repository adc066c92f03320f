"""Tokens are what Sudachi says, whether read from Sudachi or from the per-process word cache."""

from __future__ import annotations

import pytest

from owabilint.document import tokenizer
from owabilint.document.tokenizer import get_tokenizer, tokenize

# Dictionary words, joined numbers (１２３,４５６ / 百二十), out-of-vocabulary words
# (ｘｙｚＡＢＣ, テストーーー), a half-width kana word with a stray voicing mark, one
# character split into two words (㍿: the second has an empty surface), a reading in
# parentheses, spaces, an emoji and inflected verbs.
TRICKY = (
    "令和７年１２３,４５６件の個人情報が漏洩し、百二十名の方にご迷惑をおかけしました。"
    "ｸﾞｸﾞﾞﾌﾟﾌﾟほげｘｙｚＡＢＣ株式会社 ㍿ 徳島（とくしま）の窓口ｗｗｗテストーーー😀　"
    "お詫び申し上げます。御詫びいたします。漏えいを確認できませんでした。"
)


def sudachi_readings(text: str) -> list[tuple[str, str, str, tuple[str, ...], int, int]]:
    return [
        (m.surface(), m.normalized_form(), m.dictionary_form(), tuple(m.part_of_speech()), m.begin(), m.end())
        for m in get_tokenizer().tokenize(text)
    ]


def token_readings(text: str) -> list[tuple[str, str, str, tuple[str, ...], int, int]]:
    return [(t.surface, t.normalized, t.dictionary, t.pos, t.begin, t.end) for t in tokenize(text)]


def test_tokens_match_sudachi_before_and_after_the_word_cache_is_warm() -> None:
    tokenizer.reset()
    expected = sudachi_readings(TRICKY)
    after = TRICKY.index("㍿") + 1
    assert ("", "会社", "会社", ("名詞", "普通名詞", "一般", "*", "*", "*"), after, after) in expected
    assert token_readings(TRICKY) == expected  # read from Sudachi
    assert token_readings(TRICKY) == expected  # dictionary words read from the cache


def test_fold_is_the_normalized_form_except_for_inflecting_words_symbols_and_spaces() -> None:
    folds = {t.surface: t.fold for t in tokenize("個人情報の漏えいを確認できませんでした。　")}
    assert folds["漏えい"] == "漏洩"
    assert folds["でき"] == "でき"  # a verb keeps its surface (its normalized form is 出来る)
    assert folds["。"] == "。"
    assert folds["\u3000"] == "\u3000"


def test_the_word_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    tokenizer.reset()
    monkeypatch.setattr(tokenizer, "_WORDS_LIMIT", 5)
    expected = sudachi_readings(TRICKY)
    for _ in range(2):
        assert token_readings(TRICKY) == expected
        assert 0 < len(tokenizer._words) <= 5


def test_reset_forgets_the_word_cache() -> None:
    tokenize("お詫び申し上げます。")
    assert tokenizer._words
    tokenizer.reset()
    assert not tokenizer._words


def test_offsets_map_tokens_onto_the_document() -> None:
    # "紛失" is split by a line break in the document: its span covers the break.
    text = "名簿を紛失"
    offsets = [10, 11, 12, 13, 15]
    tokens = tokenize(text, offsets=offsets)
    assert [(t.surface, t.begin, t.end) for t in tokens] == [("名簿", 10, 12), ("を", 12, 13), ("紛失", 13, 16)]


def test_a_word_written_alike_shares_one_surface_string_and_other_spellings_keep_theirs() -> None:
    tokenizer.reset()
    tokens = tokenize("PCとPCとＰＣとｐｃ")  # one dictionary word in three spellings
    pcs = [t for t in tokens if t.surface != "と"]
    assert [t.surface for t in pcs] == ["PC", "PC", "ＰＣ", "ｐｃ"]
    assert pcs[0].surface is pcs[1].surface  # the spelling first read is shared
    assert [t.surface for t in tokenize("ｐｃ")] == ["ｐｃ"]  # not the spelling kept for the word


def test_consecutive_offsets_give_the_same_tokens_as_a_list_of_them() -> None:
    text = "名簿を紛失しました。"
    as_list = tokenize(text, offsets=list(range(40, 40 + len(text))))
    as_range = tokenize(text, offsets=range(40, 40 + len(text)))
    assert [(t.surface, t.begin, t.end) for t in as_range] == [(t.surface, t.begin, t.end) for t in as_list]
    assert as_range[0].begin == 40 and as_range[-1].end == 40 + len(text)
