"""The input-format registry: suffixes select a format module, which builds the Document the rules read."""

from __future__ import annotations

import pytest

from owabilint.engine import lint_text
from owabilint.inputs.formats import InputFormat, PositionBase
from owabilint.inputs.registry import DRAFT_SUFFIXES, format_module, format_of
from owabilint.inputs.source import source_from_bytes


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("notice.txt", InputFormat.TEXT),
        ("drafts/notice.MD", InputFormat.MARKDOWN),
        ("notice.markdown", InputFormat.MARKDOWN),
        ("mail.eml", InputFormat.EMAIL),
        ("notice.docx", InputFormat.DOCX),
        ("notice.html", InputFormat.TEXT),  # no module claims it: read as plain text
        ("-", InputFormat.TEXT),
    ],
)
def test_suffix_selects_the_format(path: str, expected: InputFormat) -> None:
    assert format_of(path) is expected


def test_every_draft_suffix_belongs_to_exactly_one_module() -> None:
    assert DRAFT_SUFFIXES == (".txt", ".md", ".markdown", ".eml", ".docx")
    for suffix in DRAFT_SUFFIXES:
        module = format_module(format_of(f"a{suffix}"))
        assert module.format is format_of(f"a{suffix}")
        assert set(module.suffixes) == {s for s in DRAFT_SUFFIXES if format_of(f"a{s}") is module.format}


def test_format_names_are_the_strings_shown_in_reports() -> None:
    assert [str(f) for f in InputFormat] == ["text", "markdown", "email", "docx"]
    text = "# お詫び\n\n申し訳ございません！\n"
    by_name = lint_text(text, format="markdown").diagnostics
    assert by_name == lint_text(text, format=InputFormat.MARKDOWN).diagnostics
    with pytest.raises(ValueError, match="html"):
        lint_text(text, format="html")


def test_markdown_module_builds_the_document_with_its_headings_links_and_code() -> None:
    text = "お知らせ\n========\n\n[窓口](https://example.jp/form) まで。\n\n    code\n"
    doc = format_module(InputFormat.MARKDOWN).document(text, "a.md")
    assert doc.format == "markdown" and len(doc.text) == len(text)
    assert [ln.role for ln in doc.lines][:2] == ["heading", "blank"]  # the setext underline is blanked
    assert doc.links == [(text.index("窓口"), text.index("窓口") + 2, "https://example.jp/form")]
    assert [text[s:e] for s, e in doc.code] == ["    code"]


def test_line_roles_from_the_input_override_the_text_reading_except_on_blank_lines() -> None:
    text = "ご報告\n\n本文です。\n"
    doc = format_module(InputFormat.DOCX).document(text, "a.docx", {1: "list", 2: "heading"})
    assert [ln.role for ln in doc.lines][:3] == ["list", "blank", "plain"]


def test_each_format_reads_bytes_into_a_source_with_its_position_base() -> None:
    plain = source_from_bytes("お詫び\r\n".encode("cp932"), "a.txt", InputFormat.TEXT)
    assert (plain.format, plain.encoding, plain.position_base) == ("text", "cp932", PositionBase.FILE)
    mail = source_from_bytes(
        "Subject: =?utf-8?b?44GK6Kmr44Gz?=\nContent-Type: text/plain; charset=utf-8\n\n本文\n".encode(),
        "a.eml",
        InputFormat.EMAIL,
    )
    assert (mail.text, mail.position_base) == ("件名：お詫び\n\n本文\n", "body")
