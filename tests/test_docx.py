"""Word drafts (.docx): paragraphs as lines, styles as headings and list items, tables as fields."""

from __future__ import annotations

import io
import zipfile

import jsonschema
import pytest
from conftest import SAMPLES, run_cli, run_json
from docx_factory import NOTICE, make_docx

from owabilint.errors import InputError
from owabilint.inputs import docx as docx_input
from owabilint.inputs.docx import read_docx
from owabilint.inputs.source import read_source
from owabilint.reporters.json_report import schema as report_schema


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_paragraphs_headings_lists_and_line_breaks_become_lines() -> None:
    data = make_docx(
        [
            ("p", "会員の皆様"),
            ("p", ""),
            ("h1", "経緯"),
            ("bullet", "氏名"),
            ("number", "メールアドレス"),
            ("br", ["株式会社みどり書房", "会員サポート係"]),
        ]
    )
    draft = read_docx(data, "a.docx")
    assert draft.text == "会員の皆様\n\n経緯\n氏名\nメールアドレス\n株式会社みどり書房\n会員サポート係\n"
    assert draft.line_roles == {3: "heading", 4: "list", 5: "list"}


def test_tracked_changes_are_read_as_accepted() -> None:
    """Reviewers' insertions are part of the draft, their deletions are not."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:author="a" w:date="2026-01-01T00:00:00Z"'
    document = docx.Document()
    paragraph = document.add_paragraph("お客様の")
    paragraph._p.append(parse_xml(f'<w:ins {w} w:id="1"><w:r><w:t>氏名と住所が</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del {w} w:id="2"><w:r><w:delText>情報が</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:moveFrom {w} w:id="3"><w:r><w:t>移動前</w:t></w:r></w:moveFrom>'))
    paragraph.add_run("外部に")
    paragraph.add_run().add_tab()
    paragraph.add_run("流出しました。")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_docx(buffer.getvalue(), "t.docx").text == "お客様の氏名と住所が外部に 流出しました。\n"


def test_tables_become_labelled_fields() -> None:
    two_columns = [["窓口", "会員サポート係"], ["電話", "0120-111-222"]]
    wide = [["項目", "件数", "備考"], ["氏名", "2,318件", "全員分"], ["住所", "12件", ""]]
    draft = read_docx(make_docx([("table", two_columns), ("table", wide)]), "t.docx")
    assert draft.text.splitlines() == [
        "窓口：会員サポート係",
        "電話：0120-111-222",
        "項目：氏名",
        "件数：2,318件",
        "備考：全員分",
        "",
        "項目：住所",
        "件数：12件",
    ]


def test_a_heading_style_is_read_as_a_heading(tmp_path) -> None:
    """The same words are a heading with Word's heading style and a sentence without it."""
    styled = _write(
        tmp_path,
        "styled.docx",
        make_docx([("p", "会員の皆様"), ("h1", "流出の経緯！"), ("p", "深くお詫び申し上げます。")]),
    )
    plain = _write(
        tmp_path,
        "plain.docx",
        make_docx([("p", "会員の皆様"), ("p", "流出の経緯！"), ("p", "深くお詫び申し上げます。")]),
    )
    messages = {}
    for path in (styled, plain):
        _, report = run_json("--select", "emotional-expression", str(path))
        (diagnostic,) = report["files"][0]["diagnostics"]
        assert (diagnostic["line"], diagnostic["column"]) == (2, 6)
        messages[path.name] = diagnostic["message"]
    assert messages["styled.docx"].startswith("件名や見出しに「！」は使いません")
    assert messages["plain.docx"].startswith("お詫びの文書に「！」は使いません")


def test_cli_reports_paragraph_and_character_with_the_docx_position_base(tmp_path) -> None:
    path = _write(tmp_path, "notice.docx", make_docx(NOTICE))
    code, report = run_json(str(path))
    assert code == 1
    jsonschema.validate(report, report_schema())
    (entry,) = report["files"]
    assert entry["position_base"] == "docx-paragraph" and entry["encoding"] == "utf-8" and entry["error"] is None
    (diagnostic,) = entry["diagnostics"]
    assert diagnostic["rule"] == "emotional-expression"
    assert (diagnostic["line"], diagnostic["column"], diagnostic["end_column"]) == (5, 54, 55)
    assert all(item["found"] for item in entry["checklist"])
    proc = run_cli("--format", "text", str(path))
    assert proc.stdout.decode().startswith(f"{path}:5:54: warning[emotional-expression] ")
    rich = run_cli("--format", "rich", str(path)).stdout.decode()
    assert "行番号は Word 文書の段落（表のセルは「項目：内容」の 1 行）の位置です" in rich


def test_folders_include_word_drafts(tmp_path) -> None:
    _write(tmp_path, "notice.docx", make_docx(NOTICE))
    _write(tmp_path, "notes.doc", b"not a draft")
    _write(tmp_path, "~$notice.docx", b"\x08owner\x00" * 20)  # Word's lock file while the document is open
    _, report = run_json(str(tmp_path))
    assert [f["path"].rsplit("/", 1)[-1] for f in report["files"]] == ["notice.docx"]


def test_fix_never_rewrites_a_word_draft_and_says_so_in_one_line(tmp_path) -> None:
    data = make_docx(NOTICE)
    path = _write(tmp_path, "notice.docx", data)
    proc = run_cli("--fix", "--format", "text", str(path))
    assert proc.returncode == 1  # the finding is still there
    assert path.read_bytes() == data
    notices = [line for line in proc.stderr.decode().splitlines() if "書き換えません" in line]
    assert notices == [
        f"owabilint: {path}: Word 文書（.docx）は自動修正で書き換えません。指摘の箇所は Word で直してください"
    ]
    assert "5:54: warning[emotional-expression]" in proc.stdout.decode()


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        (
            "broken.docx",
            b"PK\x03\x04 this zip ends here",
            "Word 文書（.docx）として読み込めません。ファイルが壊れているか、.docx ではありません",
        ),
        (
            "locked.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
            "パスワードで保護された Word 文書か、古い形式（.doc）の文書のため読み込めません。保護を解除し、.docx 形式で保存し直してください",
        ),
    ],
)
def test_corrupt_or_protected_word_draft_is_one_error_line_and_others_are_linted(tmp_path, name, data, problem) -> None:
    bad = _write(tmp_path, name, data)
    good = SAMPLES / "ng" / "emotional.txt"
    proc = run_cli("--format", "text", str(bad), str(good))
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [f"owabilint: error: {bad}: {problem}"]
    assert "emotional.txt:6:13: warning[emotional-expression]" in proc.stdout.decode()


def test_a_zip_without_a_word_body_is_refused(tmp_path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="本文 word/document.xml がありません"):
        read_docx(buffer.getvalue(), "x.docx")


def test_a_damaged_document_part_is_an_input_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx(NOTICE))) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            target.writestr(info, body[: len(body) // 2] if info.filename == "word/document.xml" else body)
    with pytest.raises(InputError, match=r"ファイルが壊れている可能性があります（"):
        read_docx(buffer.getvalue(), "x.docx")


def test_an_oversized_package_is_refused_before_it_is_unpacked(monkeypatch) -> None:
    monkeypatch.setattr(docx_input, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(InputError, match="展開後のサイズが大きすぎます"):
        read_docx(make_docx(NOTICE), "big.docx")


def test_read_source_gives_the_line_roles_to_the_engine(tmp_path) -> None:
    path = _write(tmp_path, "n.docx", make_docx(NOTICE))
    source = read_source(str(path))
    assert source.format == "docx" and source.position_base == "docx-paragraph"
    assert source.line_roles == {7: "heading", 10: "heading", 11: "list", 12: "list", 13: "heading"}
