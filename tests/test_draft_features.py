"""What a draft offers every pattern, worked out once per lint: the sentences holding a
word, each detector's spans, and answers shared by patterns that look for the same."""

from __future__ import annotations

from owabilint.document import Document
from owabilint.inputs.registry import format_module
from owabilint.matchers import detectors, facts
from owabilint.matchers.base import LintContext
from owabilint.matchers.features import detector_spans, word_sentences
from owabilint.matchers.patterns import Pattern
from owabilint.matchers.termindex import index_patterns

DRAFT = "お詫び申し上げます。\n2024年5月1日に判明しました。\n対象は120件です。\nお電話は03-1234-5678まで。\n"


def pattern(spec: dict) -> Pattern:
    return Pattern.from_spec(spec, "test", {})


def test_each_detector_runs_once_per_draft_and_gives_spans_by_sentence() -> None:
    doc = Document(DRAFT)
    ctx = LintContext(doc)
    dates = detector_spans(ctx, detectors.date)
    assert {i: [doc.text[s:e] for s, e in spans] for i, spans in dates.items()} == {1: ["2024年5月1日"]}
    counts = detector_spans(ctx, detectors.count)
    assert {i: [doc.text[s:e] for s, e in spans] for i, spans in counts.items()} == {2: ["120件"]}
    assert detector_spans(ctx, detectors.date) is dates  # kept for the lint
    assert detector_spans(LintContext(doc), detectors.date) is not dates  # never for another


# Every spelling a detector reads: full-width digits and marks, 漢数字, 二人, spaced digits,
# a full-width address and URL, a Markdown link (its target masked).
SPELLINGS = (
    "令和七年八月二十日に判明。\n２０２４年１０月３日（木）午後３時に連絡。\n"
    "対象は 1,048 件、うち二人は学生。\n電話：０３－１２３４－５６７８\n"
    "窓口：ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｃｏｍ\nｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ/ をご覧ください。\n"
    "お詫び申し上げます。\n"
)


def test_the_check_before_a_detector_never_hides_what_it_finds() -> None:
    link = "[案内ページ](https://example.jp/notice) をご覧ください。\n"
    markdown = format_module("markdown").document(SPELLINGS + link, "draft.md", None)
    assert markdown.links  # the link's target is masked: the link text stands for it
    for doc in (Document(SPELLINGS), markdown):
        for name, detector in detectors.DETECTORS.items():
            every_sentence = {s.index: list(detector(s)) for s in doc.sentences}
            expected = {i: spans for i, spans in every_sentence.items() if spans}
            assert detector_spans(LintContext(doc), detector) == expected, name
    # Each detector finds something above, and is not run where it cannot.
    assert all(detector_spans(LintContext(Document(SPELLINGS)), d) for d in detectors.DETECTORS.values())
    apology = Document(SPELLINGS).sentences[-1]
    assert not any(may_find(apology) for may_find in detectors.MAY_FIND.values())


def test_the_digit_check_before_reading_facts_never_hides_one(monkeypatch) -> None:
    def read(doc: Document) -> list:
        return [
            (
                facts.dates(s),
                facts.times(s),
                facts.counts(s),
                [(m.group(), *span) for m, *span in detectors.count_matches(s)],
            )
            for s in doc.sentences
        ]

    text = SPELLINGS + "8月10日に判明し、同月15日に公表。8月10日〜15日は休業。\n"
    checked = read(Document(text))
    found = [text[f.start : f.end] for sentence in checked for kind in sentence[:3] for f in kind]
    assert found == [
        *("令和七年八月二十日", "２０２４年１０月３日", "午後３時", "1,048 件"),
        *("8月10日", "同月15日", "8月10日", "15日"),
    ]
    monkeypatch.setattr(detectors, "holds_folded_digit", lambda sentence: True)
    monkeypatch.setattr(detectors, "_may_hold_count", lambda sentence: True)
    assert read(Document(text)) == checked


def test_a_detector_pattern_visits_only_the_sentences_it_detects_something_in() -> None:
    doc = Document(DRAFT)
    phone = pattern({"detectors": ["phone"]})
    index_patterns([phone])
    ctx = LintContext(doc)
    assert [s.index for s in phone.sentences(ctx)] == [3]
    assert [phone.matches(s, ctx) for s in doc.sentences] == [False, False, False, True]
    assert [doc.text[s:e] for s, e in phone.spans(doc.sentences[3], ctx)] == ["03-1234-5678"]


def test_a_detector_pattern_that_finds_nothing_cannot_match() -> None:
    doc = Document("お詫び申し上げます。\n")
    phone = pattern({"detectors": ["phone"]})
    index_patterns([phone])
    ctx = LintContext(doc)
    assert not phone.possible(ctx)
    assert phone.sentences(ctx) == []


def test_a_token_sequence_visits_only_sentences_holding_its_first_word() -> None:
    doc = Document("確認しましたけど、不明です。\n対応いたします。\nやけどの恐れはありません。\n")
    casual = pattern({"tokens": [[{"surface": "けど", "pos": "助詞"}]]})
    index_patterns([casual])
    ctx = LintContext(doc)
    # The noun やけど is one token: its sentence holds no token spelled けど.
    assert [s.index for s in casual.sentences(ctx)] == [0]
    assert [doc.text[s:e] for s, e in casual.spans(doc.sentences[0], ctx)] == ["けど"]


def test_a_token_sequence_without_a_word_may_match_anywhere() -> None:
    doc = Document("確認しました。\n対応いたします。\n")
    verbs = pattern({"tokens": [[{"pos": "動詞"}]]})
    index_patterns([verbs])
    ctx = LintContext(doc)
    assert [s.index for s in verbs.sentences(ctx)] == [0, 1]


def test_word_sentences_lists_every_form_of_every_token() -> None:
    doc = Document("個人情報が漏洩しました。\n調査します。\n")
    words = word_sentences(LintContext(doc))
    assert {"漏洩", "し", "する", "為る", "まし", "ます"} <= words[0]  # surface, dictionary, normalized
    assert "漏洩" not in words[1]
    assert "調査" in words[1]


def test_patterns_that_look_for_the_same_share_their_answers() -> None:
    doc = Document("再発防止に努めます。\n以上です。\n")
    first, second, other = (
        pattern({"terms": ["再発防止"]}),
        pattern({"terms": ["再発防止"]}),
        pattern({"terms": ["以上"]}),
    )
    index_patterns([first, second, other])
    assert second.canonical is first and first.canonical is first and other.canonical is other
    ctx = LintContext(doc)
    assert [s.index for s in second.sentences(ctx)] == [0]
    assert first._live(ctx) is second._live(ctx)
    assert [s.index for s in other.sentences(ctx)] == [1]


def test_patterns_with_the_same_terms_but_another_regex_do_not_share() -> None:
    first = pattern({"terms": ["対策"]})
    second = pattern({"terms": ["対策"], "regex": ["防止"]})
    index_patterns([first, second])
    assert second.canonical is second


def test_count_and_time_facts_are_read_once_per_sentence() -> None:
    doc = Document("受付は9時から17時まで、対象は120件です。\n")
    sentence = doc.sentences[0]
    assert facts.counts(sentence) is facts.counts(sentence)
    assert [(t.hour, t.minute) for t in facts.times(sentence)] == [(9, 0), (17, 0)]
    assert facts.times(sentence) is facts.times(sentence)
    assert [f.value for f in facts.counts(sentence)] == [120]
