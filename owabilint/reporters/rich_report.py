"""``rich``: the terminal report (header, checklist, findings with underlined spans)."""

from __future__ import annotations

import io
import shutil

from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.rule import Rule as HRule
from rich.table import Table
from rich.text import Text

from owabilint.document import LINE_BREAK
from owabilint.model import Diagnostic, FileReport, Report

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
LABEL = {"error": "エラー", "warning": "警告", "info": "情報"}


def _source_excerpt(f: FileReport, d: Diagnostic) -> Text:
    lines = LINE_BREAK.split(f.text) if f.text else []
    out = Text()
    if not lines or d.line > len(lines):
        return out
    line = lines[d.line - 1].expandtabs(4)
    gutter = f"{d.line:>5} │ "
    out.append(gutter, style="dim")
    out.append(line + "\n")
    start_col = d.column - 1
    end_col = d.end_column - 1 if d.end_line == d.line else len(line)
    pad = cell_len(line[:start_col])
    width = max(1, cell_len(line[start_col:end_col]))
    out.append(" " * (len(gutter) - 2) + "│ ", style="dim")
    out.append(" " * pad + "^" * width, style=STYLE[d.severity])
    return out


def _checklist(f: FileReport) -> Table | None:
    if not f.checklist:
        return None
    table = Table(title="必須要素チェックリスト", title_justify="left", show_edge=False, pad_edge=False, box=None)
    table.add_column("要素")
    table.add_column("状態")
    table.add_column("行", justify="right")
    for item in f.checklist:
        if item.found:
            table.add_row(item.element, Text("✔ あり", style="green"), str(item.line))
        else:
            table.add_row(item.element, Text("✘ なし", style="bold red"), "-")
    return table


def _file_block(f: FileReport) -> Group:
    title = Text(f.path, style="bold")
    if f.encoding and f.encoding not in ("utf-8", "ascii"):
        title.append(f" ({f.encoding})", style="dim")
    parts: list = [HRule(title, align="left")]
    if f.position_base == "body" and not f.error:
        parts.append(Text("  行番号はデコードしたメール（件名の行、空行、本文）での位置です", style="dim"))
    if f.position_base == "docx-paragraph" and not f.error:
        parts.append(Text("  行番号は Word 文書の段落（表のセルは「項目：内容」の 1 行）の位置です", style="dim"))
    if f.error:
        parts.append(Text(f"入力エラー: {f.error}", style="bold red"))
        return Group(*parts)
    table = _checklist(f)
    if table is not None:
        parts.append(Padding(table, (0, 0, 1, 2)))
    if not f.diagnostics:
        parts.append(Text("  指摘はありません。", style="green"))
    for d in f.diagnostics:
        head = Text("  ")
        label = LABEL[d.severity]
        head.append(label + " " * (6 - cell_len(label)), style=STYLE[d.severity])
        head.append(f" {d.line}:{d.column} ", style="dim")
        head.append(f"[{d.rule}] ", style="bold")
        head.append(d.message)
        if d.fix is not None:
            head.append("  (自動修正可: --fix)", style="dim")
        if d.related:
            places = "、".join(f"{r.line}行目" for r in d.related)
            head.append(f"  (同じ指摘の別の箇所: {places})", style="dim")
        parts.append(head)
        parts.append(_source_excerpt(f, d))
    return Group(*parts)


def _summary(report: Report) -> Text:
    errors, warnings, infos = report.count("error"), report.count("warning"), report.count("info")
    broken = sum(1 for f in report.files if f.error)
    text = Text()
    text.append(f"{len(report.files)} ファイル: ")
    text.append(f"エラー {errors} 件", style=STYLE["error"] if errors else "green")
    text.append("、")
    text.append(f"警告 {warnings} 件", style=STYLE["warning"] if warnings else "green")
    text.append(f"、情報 {infos} 件")
    if broken:
        text.append(f"、読み込めないファイル {broken} 件", style="bold red")
    return text


def render(report: Report, *, color: bool | None = None, width: int | None = None, **_: object) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=bool(color),
        no_color=not color,
        width=width or shutil.get_terminal_size((100, 24)).columns,
        highlight=False,
        soft_wrap=True,
    )
    for f in report.files:
        console.print(_file_block(f))
        console.print()
    console.print(_summary(report))
    return buffer.getvalue()
