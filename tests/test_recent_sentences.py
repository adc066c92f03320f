"""The tokens of recent sentences (owabilint.document.recent): what the language server and
the review page keep between two lints of a draft being typed. With it, only the
sentences that changed go through Sudachi, and every report is the same as without it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import SAMPLES

from owabilint.document import Document, recent
from owabilint.document.tokenizer import tokenize
from owabilint.engine import lint_text
from owabilint.model import Report
from owabilint.reporters import render

DRAFTS = sorted(p for p in SAMPLES.rglob("*.txt") if p.is_file())


@pytest.fixture
def kept() -> Iterator[None]:
    recent.keep_recent(True)
    yield
    recent.keep_recent(False)


@pytest.fixture
def tokenized(monkeypatch) -> list[str]:
    """The texts handed to Sudachi (through tokenize) while the test runs."""
    seen: list[str] = []

    def counting(text: str, base: int = 0, offsets=None):
        seen.append(text)
        return tokenize(text, base, offsets)

    monkeypatch.setattr(recent, "tokenize", counting)
    return seen


def read(text: str) -> list:
    """The tokens of the first sentence of ``text``, read as a draft."""
    return Document(text).sentences[0].tokens


def json_report(text: str) -> str:
    return render(Report([lint_text(text, path="draft.txt")]), "json")


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_reports_are_the_same_with_recent_sentences_kept(draft) -> None:
    text = draft.read_text(encoding="utf-8")
    fresh = json_report(text)
    recent.keep_recent(True)
    try:
        assert json_report(text) == fresh  # sentences read for the first time
        assert json_report(text) == fresh  # every sentence taken from the kept ones
        moved = "追記：本文の前に一行を加えました。\n" + text  # the same sentences, further down
        recent.keep_recent(False)
        moved_fresh = json_report(moved)
        recent.keep_recent(True)
        json_report(text)
        assert json_report(moved) == moved_fresh
    finally:
        recent.keep_recent(False)


def test_a_kept_sentence_gets_the_offsets_of_where_it_stands_now(kept) -> None:
    sentence = "弊社の不手際により、お客様にご迷惑をおかけしましたことをお詫び申し上げます。"
    first = Document(sentence + "\n")
    # Further down and hard-wrapped: the same sentence text over two lines.
    second = Document(
        "件名：ご報告\n\n弊社の不手際により、お客様にご迷惑を\nおかけしましたことをお詫び申し上げます。\n"
    )
    assert first.sentences[0].text == second.sentences[-1].text == sentence
    _ = first.sentences[0].tokens
    tokens = second.sentences[-1].tokens
    direct = tokenize(sentence, offsets=second.sentences[-1].offsets)
    assert tokens == direct  # every form, the part of speech and the offsets
    assert [t.fold for t in tokens] == [t.fold for t in direct]
    opening = [(t.surface, t.begin) for t in tokens if second.text[t.begin - 1] == "\n"]  # tokens opening a line
    assert opening == [("弊社", second.text.index("弊社")), ("お", second.text.index("おかけ"))]


def test_a_relint_after_an_edit_tokenizes_only_the_edited_sentence(kept, tokenized) -> None:
    draft = "お詫び申し上げます。\n流出したのは氏名です。\n原因を調査しております。\n"
    lint_text(draft)
    assert len(tokenized) == 3
    tokenized.clear()
    lint_text(draft.replace("氏名です", "氏名と住所です"))
    assert tokenized == ["流出したのは氏名と住所です。"]


def test_a_sentence_where_it_stood_reuses_its_placed_tokens(kept) -> None:
    before = "お詫び申し上げます。\n流出したのは氏名です。\n"
    old = Document(before).sentences
    new = Document(before.replace("氏名", "氏名と住所")).sentences
    assert new[0].tokens == old[0].tokens and new[0].tokens[0] is old[0].tokens[0]  # same place: reused
    moved = Document("追記です。\n" + before).sentences
    assert [t.begin for t in moved[1].tokens] == [t.begin + len("追記です。\n") for t in old[0].tokens]


def test_a_sentence_written_twice_reuses_the_tokens_placed_at_each_place(kept) -> None:
    draft = "■経緯\n発送時に確認を怠りました。\n■対策\n発送時に確認を怠りました。\n"
    first = Document(draft).sentences
    again = Document(draft).sentences
    assert first[1].text == first[3].text
    for i in (1, 3):
        assert again[i].tokens == first[i].tokens and again[i].tokens[0] is first[i].tokens[0]
    assert again[3].tokens[0].begin == draft.rindex("発送")
    # Written at more places than are kept: placed anew, never at a wrong place.
    many = "発送時に確認を怠りました。\n" * (recent.PLACES_KEPT + 2)
    for _ in range(2):
        sentences = Document(many).sentences
        assert [s.tokens[0].begin for s in sentences] == [s.start for s in sentences]


def test_nothing_is_kept_unless_a_process_asks(tokenized) -> None:
    draft = "お詫び申し上げます。\n"
    lint_text(draft)
    lint_text(draft)
    assert tokenized == ["お詫び申し上げます。", "お詫び申し上げます。"]


def test_kept_sentences_are_bounded_by_their_characters(tokenized) -> None:
    recent.keep_recent(True, max_chars=25)
    try:
        for n in range(10):
            read(f"第{n}報として、お詫び申し上げます。\n")  # 17 characters each
        kept = recent._recent
        assert kept is not None
        assert kept.chars <= 25 and list(kept.kept) == ["第9報として、お詫び申し上げます。"]
        tokenized.clear()
        read("第9報として、お詫び申し上げます。\n")
        read("第0報として、お詫び申し上げます。\n")  # forgotten: read again
        assert tokenized == ["第0報として、お詫び申し上げます。"]
    finally:
        recent.keep_recent(False)


def test_a_very_long_sentence_is_not_kept(kept, tokenized) -> None:
    long = "あ" * (recent.LONGEST_KEPT + 1) + "。"
    read(long + "\n")
    read(long + "\n")
    assert len(tokenized) == 2
    assert recent._recent is not None and recent._recent.chars == 0
