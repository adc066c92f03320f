"""The terminal report: layout at 60/80/120 columns, with and without colour.

The snapshots (tests/__snapshots__/test_rich_report.ambr) show every layout change in
review. When a rule change alters the findings of a sample, regenerate them with
``python -m pytest tests/test_rich_report.py --snapshot-update`` and read the diff.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from owabilint.config import ConfigResolver, ResolverOptions
from owabilint.engine import lint_text
from owabilint.inputs.registry import format_of
from owabilint.model import Diagnostic, FileReport, Report
from owabilint.reporters import rich_report
from owabilint.textwidth import NO_LINE_START, text_width

SNAPSHOT_SAMPLES = ["samples/ng/emotional.txt", "samples/ng/placeholders-left.txt", "samples/ng/technical-jargon.txt"]
WIDTHS = [60, 80, 120]
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# A hand-written draft: a tab, a line far wider than any terminal with a slot in the
# middle, a full-width span near the end of a long line, and a sentence-final ！.
WIDE_DRAFT = (
    "件名：会員情報の流出に関するお詫び\n"
    "\n"
    "\t会員の皆様へ。このたび、当社の会員向けサイトにおいて、設定の誤りにより、"
    "会員の皆様のお名前、ご住所、電話番号、メールアドレスが第三者から閲覧できる状態になっていたことが判明いたしました。"
    "対象は［件数］名の会員の皆様で、現在、詳しい経緯と影響の範囲を調べております。\n"
    "深くお詫び申し上げます！\n"
)


def _rules_and_settings():
    resolved = ConfigResolver(ResolverOptions(no_config=True)).for_run()
    return resolved.rules, resolved.settings


def lint_sample(relative: str) -> FileReport:
    rules, settings = _rules_and_settings()
    text = (ROOT / relative).read_text(encoding="utf-8")
    return lint_text(text, path=relative, format=format_of(relative), rules=rules, settings=settings)


def lint_draft(text: str, path: str = "draft.txt") -> FileReport:
    rules, settings = _rules_and_settings()
    return lint_text(text, path=path, format="text", rules=rules, settings=settings)


def render(files: list[FileReport], width: int, color: bool = False, **options) -> str:
    return rich_report.render(Report(files=files), width=width, color=color, **options)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("sample", SNAPSHOT_SAMPLES)
def test_sample_report_snapshot(sample: str, width: int, snapshot) -> None:
    assert render([lint_sample(sample)], width) == snapshot


@pytest.mark.parametrize("width", WIDTHS)
def test_colour_report_snapshot(width: int, snapshot) -> None:
    report = [lint_sample("samples/ng/emotional.txt"), lint_sample("samples/good/formal-mail.txt")]
    coloured = render(report, width, color=True)
    assert "\x1b[" in coloured
    # Colour changes nothing but the colour.
    assert ANSI.sub("", coloured) == render(report, width)
    assert coloured == snapshot


@pytest.mark.parametrize("width", WIDTHS)
def test_wide_draft_snapshot(width: int, snapshot) -> None:
    assert render([lint_draft(WIDE_DRAFT)], width) == snapshot


def _is_excerpt(line: str) -> bool:
    return len(line) > 6 and line[6] == "│"


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_every_sample_fits_the_width_and_keeps_line_breaking_rules(width: int) -> None:
    reports = [lint_sample(str(p.relative_to(ROOT))) for p in sorted((ROOT / "samples").rglob("*.*"))]
    reports.append(lint_draft(WIDE_DRAFT))
    out = render(reports, width, verbose=True)
    for line in out.splitlines():
        assert text_width(line) <= width, line
        if _is_excerpt(line) or not line.strip():
            continue
        # Only headers, clean-file lines and the summary start at column 0.
        assert line.startswith((" ", "──", "✔", "[*]")) or re.match(r"\d+ ファイル（", line), line
        assert line.lstrip()[0] not in NO_LINE_START, line
        assert "(--fix で" not in line or "(--fix で自動修正可)" in line, line


def test_emotional_sample_at_80_columns_shows_each_missing_element_once() -> None:
    report = lint_sample("samples/ng/emotional.txt")
    missing = {item.rule for item in report.checklist if not item.found}
    assert missing  # the sample lacks some elements
    out = render([report], 80)
    lines = out.splitlines()
    checklist_end = next(i for i, line in enumerate(lines) if line.startswith("  ✔ 差出人"))
    for rule in missing:
        rows = [i for i, line in enumerate(lines) if rule in line]
        assert len(rows) == 1 and rows[0] < checklist_end, rule
        # No source excerpt follows the element's message.
        assert not _is_excerpt(lines[rows[0] + 1])
    # The info-level gap is a recommendation, not a red cross.
    assert "  △ お客様へのお願い  推奨 missing-customer-guidance" in lines
    assert "  ✘ 影響              警告 missing-impact" in lines
    # Findings that point at text follow in reading order.
    positions = [tuple(map(int, m.groups())) for m in re.finditer(r"^  \S+ (\d+):(\d+) \[", out, re.MULTILINE)]
    assert positions == sorted(positions) and len(positions) == 6


def test_long_line_is_trimmed_around_the_span_with_the_underline_aligned() -> None:
    report = lint_draft(WIDE_DRAFT)
    for width in (40, 60, 80, 120):
        lines = render([report], width).splitlines()
        i = next(i for i, line in enumerate(lines) if "［件数］" in line and _is_excerpt(line))
        source, marker = lines[i], lines[i + 1]
        assert source[8] == "…" and source.endswith("…")
        # The carets sit exactly under ［件数］ (4 full-width characters = 8 columns).
        before = source[: source.index("［件数］")]
        assert marker.index("^") == text_width(before)
        assert marker.count("^") == 8


def test_tabs_are_expanded_before_underlining() -> None:
    report = lint_draft("件名：お知らせ\n\n\t［氏名］様\n")
    lines = render([report], 80).splitlines()
    i = next(i for i, line in enumerate(lines) if "［氏名］" in line)
    assert lines[i] == "    3 │     ［氏名］様"
    assert lines[i + 1] == "      │     ^^^^^^^^"


def test_clean_files_are_one_line_unless_verbose_and_the_summary_counts_the_run() -> None:
    files = [lint_sample("samples/good/formal-mail.txt"), lint_sample("samples/ng/emotional.txt")]
    out = render(files, 80)
    assert out.splitlines()[0] == "✔ samples/good/formal-mail.txt: 問題なし"
    assert out.splitlines()[-2:] == [
        "2 ファイル（問題なし 1、指摘あり 1）: エラー 0 件、警告 8 件、情報 1 件",
        "[*] 2 件は --fix で自動修正できます。",
    ]
    header = next(line for line in out.splitlines() if line.startswith("── samples/ng/emotional.txt"))
    assert header.startswith("── samples/ng/emotional.txt ── 警告 8 件、情報 1 件 ─")
    verbose = render(files, 80, verbose=True)
    assert "── samples/good/formal-mail.txt ── 問題なし ─" in verbose and "指摘はありません。" in verbose
    quiet = render(files, 80, quiet=True)
    assert "formal-mail" not in quiet and "ファイル（" not in quiet and "[emotional-expression]" in quiet


def test_report_is_linear_in_text_size_and_findings(monkeypatch) -> None:
    """1 MB with thousands of findings: the text is scanned once, not once per finding."""
    line = "お客様の情報が流出しました！" * 3 + "\n"
    text = line * (1_000_000 // len(line))
    diagnostics = [
        Diagnostic("emotional-expression", "warning", "「！」は使いません。", 0, 0, n, 14 * k, n, 14 * k + 1)
        for n in range(1, text.count("\n") + 1, 7)
        for k in (1, 2, 3)
    ]
    long_line = "あ" * 200_000
    long_diagnostics = [
        Diagnostic("emotional-expression", "warning", "「！」は使いません。", 0, 0, 1, c, 1, c + 1)
        for c in range(1, 200_000, 200)
    ]
    scanned = {"chars": 0, "widths": 0}
    real_pattern, real_width = rich_report.LINE_BREAK, rich_report.char_width

    class CountingPattern:
        def finditer(self, s: str):
            scanned["chars"] += len(s)
            return real_pattern.finditer(s)

    def counting_width(ch: str) -> int:
        scanned["widths"] += 1
        return real_width(ch)

    monkeypatch.setattr(rich_report, "LINE_BREAK", CountingPattern())
    monkeypatch.setattr(rich_report, "char_width", counting_width)
    files = [
        FileReport(path="big.txt", text=text, diagnostics=diagnostics),
        FileReport(path="one-line.txt", text=long_line, diagnostics=long_diagnostics),
    ]
    out = render(files, 80, quiet=True)
    assert len(diagnostics) > 9_000 and out.count("^") >= len(diagnostics) + len(long_diagnostics)
    assert scanned["chars"] == len(text) + len(long_line)
    # Each line's display columns are computed once, however many findings it has.
    assert scanned["widths"] <= len(text) + len(long_line)
