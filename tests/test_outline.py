"""The outline: which label each sentence of a draft is written under."""

from __future__ import annotations

from owabilint.document import Document
from owabilint.document.outline import label_of, labels


class _Chains:
    """The label texts a sentence is under (outermost first), found by how it starts."""

    def __init__(self, text: str) -> None:
        self.doc = Document(text)

    def __getitem__(self, start: str) -> list[str]:
        [sentence] = [s for s in self.doc.sentences if s.text.startswith(start)]
        label = label_of(sentence)
        return [lab.text for lab in label.chain] if label else []


def _chains(text: str) -> _Chains:
    return _Chains(text)


def test_marked_and_bullet_labels_open_sections() -> None:
    text = "件名：お詫び\n\n■経緯\n担当者が送信しました。\n• 発生原因\n宛先欄を取り違えました。\n(2)侵入の手口\n管理画面の鍵を推測されました。\n"
    chains = _chains(text)
    assert chains["担当者が"] == ["経緯"]
    # a label of another style nests under the open one
    assert chains["宛先欄を"] == ["経緯", "発生原因"]
    assert chains["管理画面"] == ["経緯", "発生原因", "侵入の手口"]


def test_nested_labels_keep_their_parents_and_a_same_style_label_closes_the_level() -> None:
    text = "＜概要＞\n名簿を送りました。\n＜再発防止策＞\n○ 送信先の限定\n通知は学内の宛先のみに送ります。\n○ 確認の手順\n二人で確かめます。\n＜お問い合わせ＞\n総務課まで。\n"
    chains = _chains(text)
    assert chains["名簿を送りました。"] == ["概要"]
    assert chains["通知は学内"] == ["再発防止策", "送信先の限定"]
    assert chains["二人で確かめます。"] == ["再発防止策", "確認の手順"]
    assert chains["総務課まで。"] == ["お問い合わせ"]


def test_inline_bracket_labels_and_fields() -> None:
    text = "【概要】理事が名簿を誤って添付しました。その後すぐに削除しました。\n原因：宛先の確認を省いたこと\n"
    doc = Document(text)
    found = labels(doc)
    assert [(lab.text, lab.inline) if lab else None for lab in found] == [
        ("概要", True),
        ("概要", True),
        ("原因", True),
    ]


def test_an_organisation_or_date_line_is_not_a_label() -> None:
    text = "令和7年4月4日\n北辰工科大学\nこのたび、メールを誤って送信しました。\n"
    assert all(lab is None for lab in labels(Document(text)))


def test_a_bare_label_line_names_a_part_of_the_notice() -> None:
    text = "お詫び申し上げます。\n概要\n名簿を紛失しました。\n"
    assert _chains(text)["名簿を紛失"] == ["概要"]
