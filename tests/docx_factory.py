"""Word drafts for tests, built with python-docx (our own wording, no real notice)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx


def make_docx(blocks: Sequence[tuple[str, object]]) -> bytes:
    """Build a .docx from ``(kind, content)`` blocks.

    kinds: ``p`` (paragraph text), ``h1``/``h2`` (heading), ``bullet`` (List Bullet),
    ``number`` (List Number), ``table`` (rows of cell texts), ``br`` (a paragraph whose
    text pieces are separated by manual line breaks).
    """
    document = docx.Document()
    for kind, content in blocks:
        if kind == "p":
            document.add_paragraph(str(content))
        elif kind in ("h1", "h2"):
            document.add_heading(str(content), level=int(kind[1]))
        elif kind == "bullet":
            document.add_paragraph(str(content), style="List Bullet")
        elif kind == "number":
            document.add_paragraph(str(content), style="List Number")
        elif kind == "br":
            paragraph = document.add_paragraph()
            pieces = list(content)  # type: ignore[call-overload]
            for i, piece in enumerate(pieces):
                run = paragraph.add_run(piece)
                if i < len(pieces) - 1:
                    run.add_break()
        elif kind == "table":
            rows = list(content)  # type: ignore[call-overload]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        else:
            raise ValueError(kind)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# A complete notice written for these tests: the page and the CLI should have little to say about it.
NOTICE = [
    ("p", "件名：会員情報の流出に関するお詫びとご報告"),
    ("p", ""),
    ("p", "会員の皆様"),
    ("p", ""),
    (
        "p",
        "このたび、当社の会員サイトにおいて、お客様の氏名とメールアドレスが外部から閲覧できる状態になっておりました！",
    ),
    ("p", "お客様には多大なご迷惑とご心配をおかけし、深くお詫び申し上げます。"),
    ("h1", "経緯"),
    ("p", "2026年5月12日午前10時頃、設定の誤りにより、会員ページが誰でも閲覧できる状態となりました。"),
    ("p", "原因は、公開範囲の設定を変更した際の確認漏れです。"),
    ("h1", "対象"),
    ("bullet", "対象となるお客様：2,318名"),
    ("bullet", "流出した項目：氏名、メールアドレス"),
    ("h1", "今後の対策"),
    ("p", "設定の変更には二名による確認を義務付け、変更の履歴を毎日点検する手順に改めました。"),
    ("p", "現時点で二次被害は確認されておりませんが、不審なメールにご注意ください。"),
    ("p", "新たな事実が判明した場合は、当社ウェブサイトにて改めてご報告いたします。"),
    ("table", [["お問い合わせ窓口", "会員サポート係"], ["電話", "0120-111-222（受付時間：平日9時〜17時）"]]),
    ("p", ""),
    ("p", "株式会社みどり書房"),
]
