"""Detectors: dates, times, counts, phone numbers and e-mail addresses, with exact spans."""

from __future__ import annotations

import pytest

from owabilint.document import Document
from owabilint.matchers.detectors import DETECTORS


def found(name: str, text: str) -> list[str]:
    doc = Document(text)
    return [text[a:b] for s in doc.sentences for a, b in DETECTORS[name](s)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年4月3日（木）に判明", "2025年4月3日"),
        ("令和7年4月3日に判明", "令和7年4月3日"),
        ("令和元年5月1日に判明", "令和元年5月1日"),
        ("二〇二五年四月三日に判明", "二〇二五年四月三日"),
        ("令和七年八月二十日に発送", "令和七年八月二十日"),
        ("２０２４年１０月３日（木）午後", "２０２４年１０月３日"),
        ("4月3日（木）に判明", "4月3日"),
        ("2025/04/03に判明", "2025/04/03"),
        ("2024-05-01に判明", "2024-05-01"),
        ("9/4 14:20頃に確認", "9/4"),
    ],
)
def test_dates_in_every_written_form(text: str, expected: str) -> None:
    assert found("date", text) == [expected]


@pytest.mark.parametrize(
    "text", ["2025年4月に判明", "5月上旬に判明", "第2報", "バージョン4.2.0で発生", "電話 03-0000-1234"]
)
def test_not_a_calendar_date(text: str) -> None:
    assert found("date", text) == []


def test_date_inside_a_url_is_not_a_date() -> None:
    assert found("date", "詳細は https://example.jp/news/2025/4/3 をご覧ください。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234件の情報", "1,234件"),
        ("約3万件の情報", "約3万件"),
        ("最大12名の方", "最大12名"),
        ("千二百人が対象", "千二百人"),
        ("12,345名様が対象", "12,345名様"),
        ("４，２１０アカウントが対象", "４，２１０アカウント"),
        ("1万2,406人が対象", "1万2,406人"),
        ("計1,316人が対象", "計1,316人"),
        ("対象は1件です", "1件"),
        ("お客様三十八名様分", "三十八名様"),
    ],
)
def test_counts_with_commas_approximations_and_kanji(text: str, expected: str) -> None:
    assert found("count", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "価格は1,980円です",
        "バージョン4.2.0で発生",
        "電話：03-0000-1234",
        "口座番号の下4桁",
        "3か月分を無償",
        "担当者2名で作業しておりました",
        "スタッフ2名で確認します",
        "閲覧できる担当者を4名に限定しました",
        "従業員1,200名を対象に研修を実施します",
        "午後2時に判明",
        "年2回実施します",
        "宛名が1名分ずつずれていました",
        "1件目の送信で",
    ],
)
def test_prices_versions_phones_staff_and_offsets_are_not_counts(text: str) -> None:
    assert found("count", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("電話：0120-000-123（受付）", "0120-000-123"),
        ("TEL 03-1234-5678", "03-1234-5678"),
        ("ナビダイヤル 0570-000-000", "0570-000-000"),
        ("050-0000-1234 まで", "050-0000-1234"),
        ("電話：０１２０－０００－１２３", "０１２０－０００－１２３"),
        ("電話 03(1234)5678", "03(1234)5678"),
        ("電話（03）1234-5678", "（03）1234-5678"),
    ],
)
def test_phone_numbers(text: str, expected: str) -> None:
    assert found("phone", text) == [expected]


@pytest.mark.parametrize("text", ["1,234件", "2025-04-03", "バージョン4.2.0"])
def test_not_phone_numbers(text: str) -> None:
    assert found("phone", text) == []


def test_email_address_span() -> None:
    assert found("email", "メール：support@example.co.jp（24時間）") == ["support@example.co.jp"]


@pytest.mark.parametrize(
    ("text", "expected"), [("午後7時頃", "午後7時"), ("14:30頃", "14:30"), ("10時15分頃", "10時15分")]
)
def test_times_of_day(text: str, expected: str) -> None:
    assert found("time", text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("患者様お一人分の氏名が記載されていました。", "お一人"),
        ("対象はお二人様分です。", "お二人様"),
        ("対象は一人の会員様です。", "一人"),
    ],
)
def test_one_and_two_people_written_as_words(text: str, expected: str) -> None:
    assert found("count", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "お客様一人ひとりにご連絡いたします。",
        "お客様お一人おひとりに確認しました。",
        "二人で確認しました。",
        "業界の第一人者です。",
    ],
)
def test_each_customer_and_staff_pairs_are_not_counts(text: str) -> None:
    assert found("count", text) == []


def test_to_ascii_turns_every_full_width_mark_into_ascii_and_keeps_the_rest() -> None:
    from owabilint.matchers.detectors import _FULLWIDTH, to_ascii

    every = "".join(chr(c) for c in range(0x3000, 0x3010)) + "".join(chr(c) for c in range(0xFF00, 0xFF70))
    text = every + "お問い合わせ：０１２０－１２３－４５６（受付　９時〜１８時）ー‐−―"
    assert to_ascii(text) == text.translate(_FULLWIDTH)
    assert to_ascii("０３ー１２３４") == "03-1234"
    assert len(to_ascii(text)) == len(text)
