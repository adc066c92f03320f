"""``rich``: the terminal report, laid out for the width of the terminal.

Per file: a header with the file's counts, the checklist of required elements (each
missing element once, with its severity, rule id and message, and no source excerpt),
then the findings that point at text, in reading order, each with its source line and
the span underlined. A clean file is one line unless ``verbose``. Messages wrap with a
hanging indent and Japanese line-breaking rules (:mod:`owabilint.textwidth`); a source
line wider than the terminal is trimmed around the span. Then a summary of the run.

Lines are laid out here and only coloured by rich (rich does no wrapping), so the same
layout is printed with and without colour. Each file's text is indexed once, so the
report stays linear in the size of the file plus the number of findings.
"""

from __future__ import annotations

import io
import shutil
from bisect import bisect_right

from rich.console import Console
from rich.text import Text

from owabilint.document.layout import LINE_BREAK
from owabilint.model import SEVERITIES, Diagnostic, FileReport, Report
from owabilint.textwidth import char_width, hanging, text_width, wrap

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
LABEL = {"error": "エラー", "warning": "警告", "info": "情報"}
FIX_HINT = "(--fix で自動修正可)"
# Missing elements: an info-level gap is a recommendation, not a defect.
MISSING_MARK = {"error": "✘", "warning": "✘", "info": "△"}
MISSING_LABEL = {"error": "エラー", "warning": "警告", "info": "推奨"}
FOUND_MARK = "✔"
ELLIPSIS = "…"
TAB_SIZE = 4
MIN_WIDTH = 40
GUTTER = 8  # "  123 │ "


class LineIndex:
    """The lines of one text, found once: line N's text without its line break."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.ends: list[int] = []
        for m in LINE_BREAK.finditer(text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(text))
        self._columns: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def line(self, number: int) -> str:
        return self.text[self.starts[number - 1] : self.ends[number - 1]]

    def display_columns(self, number: int) -> list[int]:
        """Display column where each character of line ``number`` starts (tabs expanded), plus the end."""
        cached = self._columns.get(number)
        if cached is None:
            cached = [0]
            for ch in self.line(number):
                col = cached[-1]
                cached.append(col + (TAB_SIZE - col % TAB_SIZE if ch == "\t" else char_width(ch)))
            self._columns[number] = cached
        return cached


def line_index(text: str) -> LineIndex:
    return LineIndex(text)


class _Out:
    """Collects styled lines."""

    def __init__(self) -> None:
        self.lines: list[Text] = []

    def add(self, *parts: tuple[str, str] | str) -> None:
        text = Text()
        for part in parts:
            if isinstance(part, tuple):
                text.append(part[0], style=part[1] or None)
            else:
                text.append(part)
        self.lines.append(text)


def _counts(diagnostics: list[Diagnostic]) -> str:
    parts = [f"{LABEL[s]} {n} 件" for s in SEVERITIES if (n := sum(d.severity == s for d in diagnostics))]
    return "、".join(parts)


def _header(out: _Out, f: FileReport, width: int) -> None:
    title = f.path + (f" ({f.encoding})" if f.encoding and f.encoding not in ("utf-8", "ascii") else "")
    summary = "入力エラー" if f.error else (_counts(f.diagnostics) or "問題なし")
    used = text_width(f"── {title} ── {summary} ")
    if used < width:
        out.add(("── ", "dim"), (title, "bold"), (" ── ", "dim"), summary + " ", ("─" * (width - used), "dim"))
        return
    # Too narrow for one line: the counts go on the next line.
    fill = width - text_width(f"── {title} ")
    out.add(("── ", "dim"), (title, "bold"), (" " + "─" * fill if fill > 0 else "", "dim"))
    out.add("  " + summary)


def _message_text(d: Diagnostic) -> str:
    """The message, the other places of the same finding, and the fix hint."""
    text = d.message
    if d.related:
        text += f" (同じ指摘の別の箇所: {'、'.join(f'{r.line}行目' for r in d.related)})"
    return f"{text} {FIX_HINT}" if d.fix is not None else text


def _message_lines(d: Diagnostic, width: int, indent: int) -> list[str]:
    return [" " * indent + line for line in wrap(_message_text(d), width - indent, (FIX_HINT,))]


def _checklist(out: _Out, f: FileReport, missing: dict[str, Diagnostic], width: int) -> None:
    out.add("  ", ("必須要素チェックリスト", "bold"))
    name_width = max(text_width(i.element) for i in f.checklist) + 2
    number_width = max(len(str(i.line)) for i in f.checklist if i.found) if any(i.found for i in f.checklist) else 1
    for item in f.checklist:
        pad = " " * (name_width - text_width(item.element))
        if item.found:
            out.add("  ", (FOUND_MARK, "green"), " ", item.element, pad, (f"{item.line:>{number_width}} 行目", "dim"))
            continue
        d = missing.get(item.rule)
        if d is None:  # the finding is suppressed or turned off
            out.add("  ", ("✘", "dim"), " ", item.element, pad, ("なし", "dim"))
            continue
        style = STYLE[d.severity]
        label = (MISSING_LABEL[d.severity], style)
        if text_width(f"  ✘ {item.element}{pad}{MISSING_LABEL[d.severity]} {d.rule}") <= width:
            out.add("  ", (MISSING_MARK[d.severity], style), " ", item.element, pad, label, " ", (d.rule, "bold"))
        else:  # narrow terminal: severity and rule id on a line of their own
            out.add("  ", (MISSING_MARK[d.severity], style), " ", item.element)
            out.add(" " * 6, label, " ", (d.rule, "bold"))
        for line in _message_lines(d, width, 6):
            out.add(line)


def _finding(out: _Out, lines: LineIndex, d: Diagnostic, width: int) -> None:
    style = STYLE[d.severity]
    position = f"{d.line}:{d.column}"
    prefix = f"  {LABEL[d.severity]} {position} [{d.rule}] "
    text = _message_text(d)
    indent = text_width(prefix)
    if indent <= width // 2:
        wrapped = hanging(text, width, prefix, indent, (FIX_HINT,))
        first = wrapped[0][len(prefix) :]
        rest = wrapped[1:]
    else:  # a long rule id: the message starts on the next line
        first, rest = "", _message_lines(d, width, 6)
    out.add(
        "  ",
        (LABEL[d.severity], style),
        " ",
        (position, "dim"),
        " ",
        (f"[{d.rule}]", "bold"),
        f" {first}" if first else "",
    )
    for line in rest:
        out.add(line)
    _excerpt(out, lines, d, width)


def _excerpt(out: _Out, lines: LineIndex, d: Diagnostic, width: int) -> None:
    """The source line, trimmed around the span if too wide, and the span underlined."""
    if not (1 <= d.line <= len(lines)):
        return
    raw = lines.line(d.line)
    cols = lines.display_columns(d.line)
    start = min(max(d.column - 1, 0), len(raw))
    end = min(max(d.end_column - 1, start), len(raw)) if d.end_line == d.line else len(raw)
    span_start, span_end = cols[start], cols[end]
    room = max(width - GUTTER, 10)
    total = cols[-1]
    lo, hi = 0, total
    if total > room:  # trim to a window around the span, with … on the cut sides
        inner = room - 2
        if span_end - span_start >= inner:
            lo = span_start
        else:
            lo = max(0, span_start - (inner - (span_end - span_start)) // 2)
        lo = min(lo, max(0, total - inner))
        hi = lo + inner
        if lo <= 1:  # no room is saved by an ellipsis at the start
            lo, hi = 0, room - 1
        if hi >= total:
            hi = total
            lo = max(0, total - (room - 1))
    # Characters fully inside [lo, hi).
    first = bisect_right(cols, lo) - 1
    if cols[first] < lo:
        first += 1
    last = bisect_right(cols, hi) - 1
    shown = _expand(raw[first:last], cols[first])
    left = ELLIPSIS if first > 0 else ""
    right = ELLIPSIS if last < len(raw) else ""
    origin = cols[first] - len(left)
    gutter = f"{d.line:>5} │ "
    out.add((gutter, "dim"), left + shown + right)
    mark_start = max(span_start, cols[first]) - origin
    mark_end = min(span_end, cols[last]) - origin
    out.add(
        (" " * (GUTTER - 2) + "│ ", "dim"), " " * mark_start, ("^" * max(1, mark_end - mark_start), STYLE[d.severity])
    )


def _expand(text: str, column: int) -> str:
    """Expand tabs as they fall when the text starts at display ``column``."""
    if "\t" not in text:
        return text
    out = []
    for ch in text:
        if ch == "\t":
            n = TAB_SIZE - column % TAB_SIZE
            out.append(" " * n)
            column += n
        else:
            out.append(ch)
            column += char_width(ch)
    return "".join(out)


def _file_block(out: _Out, f: FileReport, width: int) -> None:
    _header(out, f, width)
    if f.error:
        out.add("  ", (f"入力エラー: {f.error}", "bold red"))
        return
    if f.position_base == "body":
        for line in wrap("行番号はデコードしたメール（件名の行、空行、本文）での位置です", width - 2):
            out.add(("  " + line, "dim"))
    if f.position_base == "docx-paragraph":
        for line in wrap("行番号は Word 文書の段落（表のセルは「項目：内容」の 1 行）の位置です", width - 2):
            out.add(("  " + line, "dim"))
    unfound = {item.rule for item in f.checklist if not item.found}
    missing = {d.rule: d for d in f.diagnostics if d.rule in unfound}
    if f.checklist:
        _checklist(out, f, missing, width)
    located = sorted(
        (d for d in f.diagnostics if d.rule not in missing or missing[d.rule] is not d),
        key=lambda d: (d.line, d.column, d.rule),
    )
    if located:
        lines = line_index(f.text)
        for d in located:
            out.add("")
            _finding(out, lines, d, width)
    elif not missing:
        out.add("  ", ("指摘はありません。", "green"))


def _summary(out: _Out, report: Report, width: int) -> None:
    files = len(report.files)
    broken = sum(1 for f in report.files if f.error)
    clean = sum(1 for f in report.files if not f.error and not f.diagnostics)
    flagged = files - broken - clean
    detail = [f"問題なし {clean}", f"指摘あり {flagged}"] + ([f"読み込めない {broken}"] if broken else [])
    head = f"{files} ファイル（{'、'.join(detail)}）:"
    parts: list[tuple[str, str] | str] = []
    if not any(f.diagnostics for f in report.files):
        parts.append(("指摘はありません", "green"))
    else:
        for i, severity in enumerate(SEVERITIES):
            n = report.count(severity)
            parts.append("、" if i else "")
            parts.append((f"{LABEL[severity]} {n} 件", STYLE[severity] if n else ""))
    counts = "".join(p if isinstance(p, str) else p[0] for p in parts)
    if text_width(f"{head} {counts}") <= width:
        out.add(head + " ", *parts)
    else:
        out.add(head)
        out.add("  ", *parts)
    fixable = sum(1 for f in report.files for d in f.diagnostics if d.fix is not None)
    if fixable:
        out.add(("[*]", "bold"), f" {fixable} 件は --fix で自動修正できます。")


def render(
    report: Report,
    *,
    color: bool | None = None,
    width: int | None = None,
    verbose: bool = False,
    quiet: bool = False,
    **_: object,
) -> str:
    width = max(width or shutil.get_terminal_size((100, 24)).columns, MIN_WIDTH)
    out = _Out()
    for f in report.files:
        if not f.error and not f.diagnostics and not verbose:
            if not quiet:
                out.add(("✔", "green"), f" {f.path}: 問題なし")
            continue
        _file_block(out, f, width)
        out.add("")
    if not quiet:
        if out.lines and out.lines[-1].plain:
            out.add("")
        _summary(out, report, width)
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=bool(color), no_color=not color, width=width, highlight=False, soft_wrap=True
    )
    for line in out.lines:
        console.print(line, soft_wrap=True)
    return buffer.getvalue()
