"""The document model: lines, sentences and positions."""

from __future__ import annotations

from owabilint.document import Document


def texts(doc: Document) -> list[str]:
    return [s.text for s in doc.sentences]


def test_sentences_split_on_terminal_punctuation_and_keep_closing_quotes() -> None:
    doc = Document("お詫び申し上げます。「確認しました。」とのことです！次です")
    assert texts(doc) == ["お詫び申し上げます。", "「確認しました。」とのことです！", "次です"]


def test_hard_wrapped_lines_join_into_one_sentence() -> None:
    doc = Document("2024年8月27日に弊社から発送した\n書類の一部で、\n誤送付が発生いたしました。\n")
    assert texts(doc) == ["2024年8月27日に弊社から発送した書類の一部で、誤送付が発生いたしました。"]
    sentence = doc.sentences[0]
    assert sentence.line == 1
    # the character after the first wrap maps back to line 2, column 1
    i = sentence.text.index("書類")
    assert doc.position(sentence.offsets[i]) == (2, 1)


def test_list_items_headings_and_fields_end_at_line_end() -> None:
    doc = Document("■原因\n・氏名\n・住所\n電話：03-0000-1111\n受付時間：9時〜17時")
    assert [(s.text, s.role) for s in doc.sentences] == [
        ("■原因", "heading"),
        ("・氏名", "list"),
        ("・住所", "list"),
        ("電話：03-0000-1111", "field"),
        ("受付時間：9時〜17時", "field"),
    ]
    assert doc.sentences[1].heading is doc.sentences[0]


def test_salutation_line_is_not_joined_with_the_next_sentence() -> None:
    doc = Document("お客様各位\nいつもご利用いただき、ありがとうございます。")
    assert texts(doc) == ["お客様各位", "いつもご利用いただき、ありがとうございます。"]


def test_subject_line_kind() -> None:
    doc = Document("件名：お詫び\n\n本文です。")
    assert doc.sentences[0].role == "subject"


def test_positions_count_code_points_and_handle_crlf() -> None:
    text = "件名：お詫び\r\n\r\n全角の文です。\r\n"
    doc = Document(text)
    offset = text.index("文")
    assert doc.position(offset) == (3, 4)
    assert doc.line_text(3) == "全角の文です。"
    # the CR of a CRLF belongs to the end of its line
    assert doc.position(text.index("\r")) == (1, 7)


def test_tokens_carry_document_offsets_across_wrapped_lines() -> None:
    text = "弊社の名簿を\n紛失いたしました。"
    doc = Document(text)
    tokens = doc.sentences[0].tokens
    funshitsu = next(t for t in tokens if t.surface == "紛失")
    assert text[funshitsu.begin : funshitsu.end] == "紛失"
    assert funshitsu.begin == text.index("紛失")


def test_folded_text_unifies_variants() -> None:
    doc = Document("個人情報の漏えいについて、御詫びいたします。")
    folded = doc.sentences[0].folded.text
    assert "漏洩" in folded


def test_long_input_is_tokenized_in_chunks() -> None:
    text = "あ" * 30000 + "。"
    doc = Document(text)
    tokens = doc.sentences[0].tokens
    assert tokens[0].begin == 0
    assert tokens[-1].end == len(text)


def test_signature_block_starts_after_the_last_sentence_of_prose() -> None:
    text = "深くお詫び申し上げます。\n今後ともよろしくお願いいたします。\n\n株式会社サンプル\n情報管理室 担当 山田\n"
    doc = Document(text)
    assert doc.signature_start == text.index("株式会社")
    assert doc.in_signature(text.index("山田")) and not doc.in_signature(0)
    # a draft that ends in prose has no sender block
    assert Document("深くお詫び申し上げます。\n").signature_start is None


def test_bare_section_lines_are_headings() -> None:
    doc = Document(
        "経緯\n6月9日に誤って送信しました。\n\n送信された書類に記載されていた情報\n氏名、生年月日\n\nお客様各位\n\n株式会社みなと\n代表 港"
    )
    kinds = {s.text: s.role for s in doc.sentences}
    assert kinds["経緯"] == "heading"
    assert kinds["送信された書類に記載されていた情報"] == "heading"
    assert doc.sentences[3].heading is doc.sentences[2]
    # a salutation and a company line are not section headings
    line_roles = {doc.line_text(ln.number): ln.role for ln in doc.lines}
    assert line_roles["お客様各位"] != "heading"
    assert line_roles["株式会社みなと"] != "heading"


def test_a_bare_line_in_running_text_is_not_a_heading() -> None:
    doc = Document("平素よりご愛顧いただき誠にありがとうございます。\n今後の対応\nについてご説明いたします。")
    assert all(s.role != "heading" for s in doc.sentences)


def test_timeline_rows_are_not_joined_as_a_hard_wrapped_sentence() -> None:
    doc = Document("4月3日　不審な通信を検知した\n4月4日　サーバーを停止した\n")
    assert texts(doc) == ["4月3日\u3000不審な通信を検知した", "4月4日\u3000サーバーを停止した"]
    # a wrapped sentence whose next line happens to start with a date still joins
    doc = Document("弊社は\n2025年4月3日に判明した事実をお知らせいたします。\n")
    assert texts(doc) == ["弊社は2025年4月3日に判明した事実をお知らせいたします。"]


def test_quotes_span_lines_until_a_blank_line_with_lf_and_crlf() -> None:
    for nl in ("\n", "\r\n"):
        text = f"お客様から「届いた{nl}書類が違う」とのご連絡。{nl}{nl}「閉じない引用{nl}{nl}次の段落」です。"
        doc = Document(text)
        first = (text.index("「"), text.index("」") + 1)
        assert doc.quote_spans == [first], nl
        assert doc.in_quote(text.index("書類"), text.index("書類") + 2)
        assert not doc.in_quote(text.index("次の段落"), text.index("次の段落") + 4)


def test_folded_text_maps_each_character_back_to_the_document() -> None:
    # A wrap inside the sentence, a fold shorter than its word (漏えい → 漏洩) and one
    # character read as two words (㍿ → 株式 + 会社, the second with an empty surface).
    text = "個人情報の漏えいを\n確認した㍿です。"
    doc = Document(text)
    sentence = doc.sentences[0]
    folded = sentence.folded
    assert folded.text == "個人情報の漏洩を確認した株式会社です。"
    # Word for word, each folded character maps to its token, or character by character
    # when the fold is as long as the token.
    begins: list[int] = []
    ends: list[int] = []
    for t in sentence.tokens:
        exact = len(t.fold) == t.end - t.begin
        begins += list(range(t.begin, t.end)) if exact else [t.begin] * len(t.fold)
        ends += list(range(t.begin + 1, t.end + 1)) if exact else [t.end] * len(t.fold)
    assert (folded.begins, folded.ends) == (begins, ends)
    leak = folded.text.index("漏洩")
    assert text[slice(*folded.span(leak, leak + 2))] == "漏えい"
    confirmed = folded.text.index("確認")
    assert folded.span(confirmed, confirmed + 2) == (text.index("確認"), text.index("確認") + 2)
    company = folded.text.index("株式会社")
    assert folded.span(company, company + 4) == (text.index("㍿"), text.index("㍿") + 1)
    assert folded.span(company + 4, company + 4) == (text.index("で"), text.index("で"))


def test_what_the_document_model_reads_is_computed_once_and_kept() -> None:
    doc = Document("弊社の名簿を\n紛失いたしました。次の文です。")
    sentences = doc.sentences
    assert doc.sentences is sentences
    first = sentences[0]
    assert first.tokens is first.tokens
    assert first.folded is first.folded
    assert first.text == "弊社の名簿を紛失いたしました。" and first.text is first.text
    assert vars(first)["tokens"] is first.tokens  # kept on the sentence itself
