"""Markdown drafts: prose is linted, code/comments/link targets/front matter are not; positions stay exact."""

from __future__ import annotations

from conftest import run_json

from owabilint.inputs.markdown import mask_markdown

NOTICE = """---
title: 会員情報の流出についてのお詫び！
---
# 会員情報の流出についてのお詫び

会員サイトの設定に誤りがあり、会員情報が閲覧できる状態でした！

- 対象：[顧客名]様のご登録情報
- 期間は`2026-02-01！`からです。

```text
設定値：enabled！
```

    インデントしたコード！

<!-- 社内メモ：[担当者名] に確認！ -->

詳しくは[お知らせ！](https://example.jp/news?q=x! "タイトル！")をご覧ください。
参考：![図！](img/leak!.png)、[窓口][desk]、<span class="note">注記</span>

> 引用した本文です！

[desk]: https://example.jp/desk!
"""


def _lint(tmp_path, text: str, *rules: str) -> dict:
    path = tmp_path / "notice.md"
    path.write_text(text, encoding="utf-8")
    _, data = run_json(*(["--select", ",".join(rules)] if rules else []), str(path))
    return data["files"][0]


def test_only_prose_is_linted_and_positions_point_into_the_file(tmp_path) -> None:
    entry = _lint(tmp_path, NOTICE, "emotional-expression", "unfilled-placeholder")
    found = [(d["rule"], NOTICE[d["offset"] : d["end_offset"]], d["line"], d["column"]) for d in entry["diagnostics"]]
    lines = NOTICE.splitlines()

    def at(line: int, needle: str) -> tuple[int, int]:
        return line, lines[line - 1].index(needle) + 1

    assert found == [
        ("emotional-expression", "！", *at(6, "！")),
        ("unfilled-placeholder", "[顧客名]", *at(8, "[顧客名]")),
        ("emotional-expression", "！", *at(19, "！]")),  # link text is prose
        ("emotional-expression", "！", *at(20, "！]")),  # image alt text too
        ("emotional-expression", "！", *at(22, "！")),  # quoted prose
    ]


def test_reporters_show_the_original_lines(tmp_path) -> None:
    path = tmp_path / "n.md"
    path.write_text("本文です`コード`、流出しました！\n", encoding="utf-8")
    from conftest import run_cli

    proc = run_cli("--format", "rich", "--select", "emotional-expression", str(path))
    assert "本文です`コード`、流出しました！" in proc.stdout.decode()


def test_masked_text_keeps_length_and_line_breaks() -> None:
    text = NOTICE.replace("\n", "\r\n")
    masked = mask_markdown(text)
    assert len(masked.prose) == len(text)
    assert [i for i, c in enumerate(masked.prose) if c in "\r\n"] == [i for i, c in enumerate(text) if c in "\r\n"]
    assert "enabled" not in masked.prose and "title" not in masked.prose
    assert "https://" not in masked.prose and "img/leak" not in masked.prose
    assert "お知らせ！" in masked.prose and "窓口" in masked.prose and "注記" in masked.prose
    assert "span" not in masked.prose and "desk" not in masked.prose


def test_code_blocks_and_spans_are_reported_as_code() -> None:
    text = "本文の `code` です。\n\n    indented <!-- x -->\n\n```\n<!-- fenced -->\n```\n<!-- comment -->\n"
    masked = mask_markdown(text)
    assert [text[s:e] for s, e in masked.code] == ["`code`", "    indented <!-- x -->", "```\n<!-- fenced -->\n```"]


def test_template_slots_in_brackets_stay_visible() -> None:
    text = "[顧客名]様、[x]印は[ここ]です。[リンク](http://a.example)\n"
    masked = mask_markdown(text).prose
    assert masked.startswith("[顧客名]様、[x]印は[ここ]です。 リンク ")


def test_code_spans_follow_commonmark_backtick_runs() -> None:
    text = "a ``code ` inside`` b `unclosed c\n"
    masked = mask_markdown(text).prose
    assert masked == "a " + " " * len("``code ` inside``") + " b `unclosed c\n"


def test_front_matter_only_at_the_top_and_setext_underline() -> None:
    text = "本文\n---\n\n見出し\n=====\n"
    masked = mask_markdown(text).prose
    assert masked == "本文\n   \n\n見出し\n     \n"


def test_table_delimiter_row_is_not_prose() -> None:
    text = "| 項目 | 内容 |\n|:---|---:|\n| 氏名 | あり |\n"
    masked = mask_markdown(text).prose
    assert masked.splitlines() == ["| 項目 | 内容 |", " " * len("|:---|---:|"), "| 氏名 | あり |"]


def test_setext_headings_are_headings() -> None:
    from owabilint.engine import lint_text

    text = "お詫びとご報告！\n=====\n\n本文です。\n\n再発防止策\n---\n"
    assert mask_markdown(text).setext_headings == [1, 6]
    (d,) = [d for d in lint_text(text, format="markdown").diagnostics if d.rule == "emotional-expression"]
    assert d.line == 1 and d.fix is None and "見出し" in d.message  # the heading variant, not the sentence one
    (plain,) = [d for d in lint_text(text, format="text").diagnostics if d.rule == "emotional-expression"]
    assert plain.fix is not None
