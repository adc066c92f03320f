"""Property tests over random Unicode and random bytes: owabilint never crashes and its positions hold.

The example count is modest so the suite stays quick; a longer campaign runs the same
properties with ``OWABILINT_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import bisect
import os
import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from owabilint.engine import lint_text
from owabilint.errors import InputError
from owabilint.fixer import fix_text
from owabilint.inputs.encoding import decode, encode_text
from owabilint.inputs.markdown import mask_markdown
from owabilint.inputs.source import source_from_bytes
from owabilint.ruleset.loader import builtin_rules

EXAMPLES = int(os.environ.get("OWABILINT_FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
RULES = builtin_rules()
_BREAK = re.compile(r"\r\n|\r|\n")

# Pieces that exercise the rules, the sentence splitter and the Markdown masker, mixed
# with arbitrary code points (lone surrogates, combining marks, emoji, half-width kana…).
_PIECES = st.sampled_from(
    [
        "件名：",
        "お詫び",
        "申し上げます",
        "個人情報",
        "漏えい",
        "流出しました",
        "2026年3月2日",
        "１２３件",
        "お問い合わせ",
        "！",
        "。",
        "、",
        "「",
        "」",
        "（",
        "）",
        "［顧客名］",
        "〇〇",
        "[x]",
        "(y)",
        "`",
        "```",
        "#",
        "- ",
        "* ",
        "> ",
        "---",
        "<!--",
        "-->",
        "<br>",
        "](http://a.example/!)",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "    ",
        "\t",
        "\u3000",
        "ｵﾜﾋﾞ",
        "が\u3099",
        "🙇\u200d♂️",
        "葛\U000e0100",
        "\ud800",
        "\x00",
        "\ufeff",
    ]
)
DRAFTS = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join)


def _expected_position(text: str, offset: int) -> tuple[int, int]:
    """(line, column) computed from scratch: line breaks before ``offset``; inside CRLF → end of line."""
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    ends = [m.start() for m in _BREAK.finditer(text)] + [len(text)]
    i = bisect.bisect_right(starts, offset) - 1
    return i + 1, min(offset, ends[i]) - starts[i] + 1


def _check_report(text: str, report) -> None:  # type: ignore[no-untyped-def]
    for d in report.diagnostics:
        assert 0 <= d.offset <= d.end_offset <= len(text), d
        assert (d.line, d.column) == _expected_position(text, d.offset), d
        assert (d.end_line, d.end_column) == _expected_position(text, d.end_offset), d
        if d.fix is not None:
            assert 0 <= d.fix.offset <= d.fix.end_offset <= len(text)


def _as_tuples(report) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(d.rule, d.severity, d.offset, d.end_offset, d.message) for d in report.diagnostics]


@FUZZ
@given(text=DRAFTS, kind=st.sampled_from(["text", "markdown", "email"]))
def test_lint_never_crashes_and_positions_are_consistent(text: str, kind: str) -> None:
    first = lint_text(text, format=kind, rules=RULES)
    _check_report(text, first)
    assert _as_tuples(lint_text(text, format=kind, rules=RULES)) == _as_tuples(first)  # deterministic


@FUZZ
@given(text=DRAFTS, kind=st.sampled_from(["text", "markdown"]))
def test_fix_is_idempotent(text: str, kind: str) -> None:
    def lint(t: str):  # type: ignore[no-untyped-def]
        return lint_text(t, format=kind, rules=RULES)

    once = fix_text(text, lint)
    again = fix_text(once.text, lint)
    assert again.applied == 0 and again.text == once.text


@FUZZ
@given(text=DRAFTS)
def test_markdown_masking_only_blanks(text: str) -> None:
    masked = mask_markdown(text)
    assert len(masked.prose) == len(text)
    for original, kept in zip(text, masked.prose, strict=True):
        assert kept == original or (kept == " " and original not in "\r\n")
    for start, end in masked.code:  # code is never prose
        assert masked.prose[start:end].strip() == ""


@FUZZ
@given(data=st.binary(max_size=2000), kind=st.sampled_from(["text", "markdown", "email"]))
def test_random_bytes_are_read_or_refused_clearly(data: bytes, kind: str) -> None:
    try:
        source = source_from_bytes(data, "fuzz", kind)
    except InputError as exc:
        assert exc.path.startswith("fuzz") and exc.problem
        return
    report = lint_text(source.text, format=source.format, rules=RULES)
    _check_report(source.text, report)


JAPANESE = st.text(
    alphabet=st.sampled_from(
        list(
            "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞ"
        )
        + list("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー")
        + list("個人情報流出漏洩会員氏名住所電話番号件数日時原因対策窓口弊社当社皆様誠申訳御詫")
        + list("、。「」（）・：\n 0123456789ABCabc")
    ),
    min_size=1,
    max_size=200,
)


@FUZZ
@given(text=JAPANESE, codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp932", "euc_jp", "iso2022_jp"]))
def test_detection_returns_the_text_or_refuses(text: str, codec: str) -> None:
    # A draft has kana. Without any, a few EUC-JP kanji can be valid UTF-8 by accident
    # (流 is CE AE in EUC-JP, which UTF-8 reads as ή): found by a long campaign, documented.
    assume(any("\u3041" <= ch <= "\u30ff" for ch in text))
    data = text.encode(codec)
    try:
        decoded = decode(data, "x")
    except InputError:
        return  # too little to go on is fine; a wrong decode is not
    assert decoded.text == text
    assert encode_text(decoded.text, decoded.encoding, decoded.bom) == data
