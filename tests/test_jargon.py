"""technical-jargon: explained before/after, later uses, glossary lines, exact spans."""

from __future__ import annotations

import pytest

from owabilint.engine import Settings, lint_text


def spans(text: str) -> list[str]:
    report = lint_text(text, settings=Settings(select={"technical-jargon"}))
    return [text[d.offset : d.end_offset] for d in report.diagnostics]


def test_unexplained_term_is_reported_at_its_exact_span() -> None:
    text = "再発防止策として、WAFを導入しました。"
    report = lint_text(text, settings=Settings(select={"technical-jargon"}))
    (d,) = report.diagnostics
    assert (d.offset, d.end_offset) == (text.index("WAF"), text.index("WAF") + 3)
    assert "「WAF」" in d.message


def test_explanation_after_the_term_covers_later_uses_only() -> None:
    text = (
        "端末がランサムウェアに感染しました。\n"
        "このランサムウェア（データを暗号化して使えなくするウイルス）は駆除しました。\n"
        "ランサムウェアの再感染は確認されておりません。"
    )
    # the first use comes before the explanation; the last comes after it
    assert spans(text) == ["ランサムウェア"]
    assert lint_text(text, settings=Settings(select={"technical-jargon"})).diagnostics[0].line == 1


def test_explanation_before_the_term_in_parentheses() -> None:
    assert spans("元の文字列に戻せない形に変換（ハッシュ化）して保存しました。") == []
    assert spans("社外から安全に接続する仕組み（いわゆるVPN）を使っています。") == []


def test_a_term_in_parentheses_after_another_term_is_not_explained() -> None:
    assert spans("クロスサイトスクリプティング（XSS）が悪用されました。") == ["クロスサイトスクリプティング", "XSS"]


def test_an_english_expansion_is_not_a_plain_explanation() -> None:
    assert spans("WAF（Web Application Firewall）を導入しました。") == ["WAF"]


def test_glossary_line_explains_every_use() -> None:
    text = "WAFを導入いたしました。\n\n※WAF：不正な通信を自動で遮断する仕組みです。\n"
    assert spans(text) == []


@pytest.mark.parametrize("text", ["waf を導入", "ランサムウエアに感染", "DDoS攻撃を受けました"])
def test_case_and_spelling_variants_are_found(text: str) -> None:
    assert spans(text)


def test_terms_inside_words_urls_and_quotes_are_not_reported() -> None:
    assert spans("詳細は https://example.jp/waf/notice をご覧ください。") == []
    assert spans("SOFTWAFFLE というサービス名です。") == []
    assert spans("お客様から「WAFって何？」と聞かれました。") == []


def test_known_words_are_not_jargon() -> None:
    assert spans("サーバーの脆弱性を突かれ、ウイルスに感染しました。多要素認証とパスワードの変更をお願いします。") == []


def test_full_width_letters_are_read_like_ascii() -> None:
    assert spans("ＷＡＦを導入いたしました。") == ["ＷＡＦ"]
    assert spans("不正な通信を遮断する仕組み（ＷＡＦ）を導入いたしました。") == []


def test_a_term_in_the_subject_is_fine_when_the_body_explains_it() -> None:
    body = "\n\n端末がランサムウェア（データを暗号化して使えなくするウイルス）に感染しました。\n"
    assert spans("件名：ランサムウェア感染に関するお詫び" + body) == []
    assert spans("件名：ランサムウェア感染に関するお詫び\n\n端末が感染しました。\n") == ["ランサムウェア"]


def test_numbered_footnote_glossary_explains_the_term() -> None:
    text = "WAF※1を導入いたしました。\n\n※1 WAF：不正な通信を自動で遮断する仕組みです。\n"
    assert spans(text) == []


def _spellings(term: str) -> list[str]:
    """Spellings the jargon pattern accepts for ``term``: other case, the letters
    IGNORECASE also reads as Latin (ſ, ı, K), full-width letters, エ for ェ, no long vowel."""
    swapped = term.swapcase()
    odd = term.replace("s", "ſ").replace("S", "ſ").replace("i", "ı").replace("k", "\u212a").replace("K", "\u212a")
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in term)
    kana = term.replace("ェ", "エ").replace("ィ", "イ").replace("ォ", "オ").replace("ー", "")
    return [term, swapped, odd, wide, kana]


def test_every_listed_term_is_found_in_every_spelling_the_pattern_accepts() -> None:
    # A draft is searched line by line only after a quick whole-text test: that test must
    # let through every spelling the full pattern matches.
    from pathlib import Path

    from owabilint.ruleset.loader import builtin_rules

    (rule,) = [r for r in builtin_rules() if r.id == "technical-jargon"]
    lexicon = Path(__file__).parent.parent / "rules" / "lexicons" / "jargon.txt"
    terms = [t.strip() for t in lexicon.read_text(encoding="utf-8").splitlines() if t.strip() and not t.startswith("#")]
    assert len(terms) > 50
    checked = 0
    for term in terms:
        for spelling in _spellings(term):
            text = f"当社では、{spelling}について確認しております。"
            if rule.matcher.pattern.search(text.translate({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)})):
                checked += 1
                assert spans(text), f"{spelling!r} matches the pattern but was not reported"
    assert checked >= len(terms)
