"""One finding per gap: the other places of the gap travel as related locations
(JSON ``related``, SARIF ``relatedLocations``, LSP ``relatedInformation``)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from conftest import run_json

from owabilint.engine import Settings, lint_text
from owabilint.lsp.positions import LineIndex
from owabilint.lsp.server import to_lsp_diagnostic
from owabilint.reporters import sarif_report
from owabilint.reporters.json_report import schema as report_schema
from owabilint.ruleset.loader import builtin_rules

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

# Three sentences name the leaked data only as 「会員情報」/「お客様情報」: one gap.
DRAFT = (
    "件名：会員情報の流出についてのお詫び\n\n"
    "2025年2月3日、当店の会員情報が外部に流出したことが判明いたしました。\n"
    "流出したお客様情報は約300件です。\n"
    "深くお詫び申し上げます。\n"
    "なお、流出した会員情報の範囲は現在確認しております。\n"
)


def _vague(report):
    return [d for d in report.diagnostics if d.rule == "vague-leaked-data"]


def test_a_gap_in_several_sentences_is_one_finding_with_the_other_places_related() -> None:
    report = lint_text(DRAFT, settings=Settings(select={"vague-leaked-data"}))
    [d] = _vague(report)
    assert (d.line, DRAFT[d.offset : d.end_offset]) == (3, "会員情報")
    assert [(r.line, DRAFT[r.offset : r.end_offset]) for r in d.related] == [(4, "お客様情報"), (6, "会員情報")]
    assert d.related[0].column == 5 and d.related[0].end_column == 10


def test_json_carries_related_places_and_the_schema_requires_them(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    _, data = run_json("--select", "vague-leaked-data,emotional-expression", str(draft))
    [d] = data["files"][0]["diagnostics"]
    assert d["related"] == [
        {
            "line": 4,
            "column": 5,
            "end_line": 4,
            "end_column": 10,
            "offset": DRAFT.index("お客様情報"),
            "end_offset": DRAFT.index("お客様情報") + 5,
        },
        {
            "line": 6,
            "column": 8,
            "end_line": 6,
            "end_column": 12,
            "offset": DRAFT.rindex("会員情報"),
            "end_offset": DRAFT.rindex("会員情報") + 4,
        },
    ]
    validator = jsonschema.Draft202012Validator(report_schema())
    validator.validate(data)
    broken = json.loads(json.dumps(data))
    del broken["files"][0]["diagnostics"][0]["related"]
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(data))
    broken["files"][0]["diagnostics"][0]["related"][0]["column"] = 0
    assert not validator.is_valid(broken)


def test_sarif_lists_related_locations() -> None:
    report = lint_text(DRAFT, path="draft.txt", settings=Settings(select={"vague-leaked-data"}))
    from owabilint.model import Report

    log = json.loads(sarif_report.render(Report([report]), rules=builtin_rules()))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    [result] = log["runs"][0]["results"]
    related = result["relatedLocations"]
    assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [4, 6]
    assert [r["id"] for r in related] == [1, 2]
    assert related[0]["physicalLocation"]["region"]["charLength"] == 5


def test_lsp_diagnostic_has_related_information() -> None:
    report = lint_text(DRAFT, settings=Settings(select={"vague-leaked-data"}))
    [d] = _vague(report)
    diag = to_lsp_diagnostic(d, LineIndex(DRAFT, "utf-16"), "file:///draft.txt")
    info = diag.related_information
    assert [(i.location.uri, i.location.range.start.line, i.location.range.start.character) for i in info] == [
        ("file:///draft.txt", 3, 4),
        ("file:///draft.txt", 5, 7),
    ]
    assert all(i.message for i in info)


def test_a_finding_without_other_places_has_an_empty_related_list() -> None:
    report = lint_text("お客様各位\n\n流出しました！\n", settings=Settings(select={"emotional-expression"}))
    assert [d.related for d in report.diagnostics] == [()]


def test_the_terminal_report_names_the_other_places() -> None:
    from owabilint.model import Report
    from owabilint.reporters import rich_report

    report = lint_text(DRAFT, path="draft.txt", settings=Settings(select={"vague-leaked-data"}))
    out = rich_report.render(Report([report]), width=200)
    assert "同じ指摘の別の箇所: 4行目、6行目" in out
