"""``html``: a self-contained review report (one file, no outside assets) to mail to a reviewer.

Per draft: the checklist of required elements, the draft with each finding marked where
it is (the message on hover, and a number linking to the list), and the list of findings.
Everything the draft contains is escaped; a Content-Security-Policy in the page forbids
scripts and every outside request, so the report is inert wherever it is opened.
"""

from __future__ import annotations

from html import escape

from owabilint import __version__
from owabilint.model import SEVERITIES, SEVERITY_RANK, Diagnostic, FileReport, Report

SEVERITY_LABELS = {"error": "エラー", "warning": "警告", "info": "情報"}
POSITION_BASES = {
    "file": "行・列はファイルの本文の位置です。",
    "body": "行・列はメールの件名行（1 行目）と本文をつなげた位置です。",
    "docx-paragraph": "行は Word 文書の段落（表のセルは「項目：内容」の 1 行）、列はその中の文字の位置です。",
}

_STYLE = """
:root { color-scheme: light; --error: #b3261e; --warning: #8a5a00; --info: #1f5fa8; }
body { font-family: "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", "Meiryo", sans-serif;
       margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1b1b1b; line-height: 1.7; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.2rem; border-bottom: 2px solid #ccc; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
.summary { font-weight: bold; }
.checklist { list-style: none; padding: 0; }
.checklist li { margin: .2rem 0; }
.found::before { content: "✓ "; color: #1e7b34; font-weight: bold; }
.missing::before { content: "✗ "; color: var(--error); font-weight: bold; }
.missing .note { display: block; margin-left: 1.4rem; color: #444; font-size: .92rem; }
pre.draft { white-space: pre-wrap; overflow-wrap: anywhere; background: #fafafa; border: 1px solid #ddd;
            padding: 1rem; font-family: inherit; font-size: 1rem; line-height: 1.9; }
mark { background: none; color: inherit; border-bottom: 3px solid; }
mark.error { border-color: var(--error); background: #fdecea; }
mark.warning { border-color: var(--warning); background: #fff4d6; }
mark.info { border-color: var(--info); border-bottom-style: dotted; }
mark sup { font-size: .7rem; color: #555; }
ol.findings li { margin: .5rem 0; }
.sev { font-weight: bold; }
ol.findings .sev { display: inline-block; min-width: 3.2rem; }
.sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
.rule { font-family: ui-monospace, monospace; font-size: .85rem; color: #555; }
.fix { color: #1e7b34; }
.error-line { color: var(--error); font-weight: bold; }
footer { margin-top: 3rem; color: #666; font-size: .85rem; }
"""


def render(report: Report, **_: object) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ja">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>お詫び文の下書きチェック結果（owabilint）</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>お詫び文の下書きチェック結果</h1>",
        f'<p class="summary">{_summary(report)}</p>',
    ]
    for index, file_report in enumerate(report.files, start=1):
        parts.append(_file_section(file_report, index))
    parts.append(f"<footer>owabilint {escape(__version__)} で作成しました。</footer>")
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def _summary(report: Report) -> str:
    counts = "、".join(f"{SEVERITY_LABELS[s]} {report.count(s)} 件" for s in SEVERITIES)
    return f"{len(report.files)} ファイル：{counts}"


def _file_section(f: FileReport, index: int) -> str:
    out = [f'<section id="file-{index}">', f"<h2>{escape(f.path)}</h2>"]
    if f.error:
        out.append(f'<p class="error-line">読み込めませんでした：{escape(f.error)}</p></section>')
        return "\n".join(out)
    if f.checklist:
        findings = {d.rule: d for d in f.diagnostics}
        out.append("<h3>必要な項目</h3>")
        out.append('<ul class="checklist">')
        for item in f.checklist:
            if item.found:
                out.append(f'<li class="found">{escape(item.element)}（{item.line} 行目）</li>')
            elif item.rule in findings:
                d = findings[item.rule]
                out.append(
                    f'<li class="missing">{escape(item.element)}：足りません'
                    f'（<span class="sev {d.severity}">{SEVERITY_LABELS[d.severity]}</span>）'
                    f'<span class="note">{escape(d.message)}</span></li>'
                )
            else:
                out.append(f'<li class="missing">{escape(item.element)}：足りません</li>')
        out.append("</ul>")
    out.append("<h3>下書き</h3>")
    out.append(f"<p>{escape(POSITION_BASES.get(f.position_base, ''))}</p>")
    placed = {item.rule for item in f.checklist}
    out.append(f'<pre class="draft">{marked_text(f.text, f.diagnostics, index, placed)}</pre>')
    out.append(f"<h3>指摘（{len(f.diagnostics)} 件）</h3>")
    if f.diagnostics:
        out.append('<ol class="findings">')
        for n, d in enumerate(f.diagnostics, start=1):
            fix = ""
            if d.fix is not None:
                fix = f'<br><span class="fix">自動修正：「{escape(f.text[d.fix.offset : d.fix.end_offset])}」→「{escape(d.fix.replacement)}」</span>'
            out.append(
                f'<li id="f{index}-{n}"><span class="sev {d.severity}">{SEVERITY_LABELS[d.severity]}</span>'
                f' {d.line} 行 {d.column} 列 <span class="rule">[{escape(d.rule)}]</span><br>'
                f"{escape(d.message)}{fix}</li>"
            )
        out.append("</ol>")
    else:
        out.append("<p>指摘はありません。</p>")
    out.append("</section>")
    return "\n".join(out)


def marked_text(text: str, diagnostics: list[Diagnostic], index: int = 1, placed: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """The escaped draft with each finding's span in a ``<mark>`` (overlaps: the most severe wins).

    Every finding's number stands where it starts, linking to the list. A finding of the
    ``placed`` rules (missing elements) at the start of a line says where the element would
    go, not that the text is wrong: it gets only the number.
    """
    marked = [d for d in diagnostics if not (d.rule in placed and d.column == 1) and d.offset < d.end_offset]
    cuts = {0, len(text)}
    for d in marked:
        cuts.update((max(0, min(d.offset, len(text))), max(0, min(d.end_offset, len(text)))))
    points = sorted(cuts)
    numbered = {n: d for n, d in enumerate(diagnostics, start=1)}
    starts: dict[int, list[int]] = {}
    for n, d in numbered.items():
        starts.setdefault(min(d.offset, len(text)), []).append(n)
    out: list[str] = []
    for start, end in zip(points, points[1:] + [None]):
        for n in starts.get(start, []):
            out.append(f'<a href="#f{index}-{n}"><sup>[{n}]</sup></a>')
        if end is None:
            break
        covering = [d for d in marked if d.offset <= start and end <= d.end_offset]
        piece = escape(text[start:end])
        if not covering:
            out.append(piece)
            continue
        worst = max(covering, key=lambda d: SEVERITY_RANK[d.severity])
        title = escape(" / ".join(f"{SEVERITY_LABELS[d.severity]} [{d.rule}] {d.message}" for d in covering))
        out.append(f'<mark class="{worst.severity}" title="{title}">{piece}</mark>')
    return "".join(out)
