"""CI formats (SARIF 2.1.0, GitHub workflow commands) and the JSON report schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SAMPLES, run_cli, run_json

from owabilint.model import Diagnostic, FileReport, Report
from owabilint.reporters import github_report
from owabilint.reporters.json_report import schema as report_schema

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
NG = str(SAMPLES / "ng" / "emotional.txt")
GOOD = str(SAMPLES / "good" / "formal-mail.txt")


def sarif(*args: str, stdin: str | None = None) -> tuple[int, dict]:
    proc = run_cli("--format", "sarif", *args, stdin=stdin)
    return proc.returncode, json.loads(proc.stdout.decode("utf-8"))


def test_sarif_validates_against_the_sarif_2_1_0_schema(tmp_path) -> None:
    missing = str(tmp_path / "missing.txt")
    code, log = sarif(*sorted(str(p) for p in (SAMPLES / "ng").glob("*.txt")), GOOD, missing)
    assert code == 2  # the missing file is an input error
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    assert run["results"], "the ng samples must produce results"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == [Path(missing).as_uri()]


def test_sarif_driver_describes_every_rule() -> None:
    _, log = sarif(GOOD)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    proc = run_cli("rules", env={"COLUMNS": "200"})
    ids = [r["id"] for r in rules]
    assert ids and len(ids) == len(set(ids))
    from owabilint.suppression import DIRECTIVE_RULES

    rule_files = sorted(p.stem for p in (ROOT / "rules").glob("*.toml"))
    assert sorted(ids) == sorted(rule_files + list(DIRECTIVE_RULES))
    listed = proc.stdout.decode()
    assert all(rule_id in listed for rule_id in rule_files)
    for r in rules:
        assert r["name"] and r["shortDescription"]["text"] and r["help"]["text"]
        assert r["helpUri"].startswith("https://") and r["helpUri"].endswith("README.md#rules")
        assert f"owabilint rule {r['id']}" in r["help"]["text"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")


def test_sarif_result_regions_match_the_json_positions() -> None:
    text = "件名：お詫び\n\n𠮷全角の説明です！\n"
    _, log = sarif("--select", "emotional-expression", "-", stdin=text)
    _, data = run_json("--select", "emotional-expression", "-", stdin=text)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    (result,) = run["results"]
    (d,) = data["files"][0]["diagnostics"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (3, 9, 3, 10)
    assert (region["startLine"], region["startColumn"]) == (d["line"], d["column"])
    assert region["charOffset"] == text.index("！") and region["charLength"] == 1
    assert result["ruleId"] == "emotional-expression" and result["level"] == "warning"
    driver_rules = run["tool"]["driver"]["rules"]
    assert driver_rules[result["ruleIndex"]]["id"] == "emotional-expression"
    replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["deletedRegion"] == {"charOffset": text.index("！"), "charLength": 1}
    assert replacement["insertedContent"] == {"text": "。"}


def test_github_commands_for_a_draft() -> None:
    proc = run_cli("--format", "github", "--select", "emotional-expression", NG)
    assert proc.returncode == 1
    _, data = run_json("--select", "emotional-expression", NG)
    lines = proc.stdout.decode().splitlines()
    diagnostics = data["files"][0]["diagnostics"]
    assert len(lines) == len(diagnostics)
    for line, d in zip(lines, diagnostics, strict=True):
        head, message = line[2:].split("::", 1)
        name, props = head.split(" ", 1)
        assert name == "warning"
        fields = dict(p.split("=", 1) for p in props.split(","))
        assert fields == {
            "file": NG,
            "line": str(d["line"]),
            "col": str(d["column"]),
            "endLine": str(d["end_line"]),
            "endColumn": str(d["end_column"]),
            "title": "owabilint [emotional-expression]",
        }
        assert message == d["message"]


def test_github_escaping_follows_the_workflow_command_rules() -> None:
    d = Diagnostic("emotional-expression", "info", "100% 確認\r\n次の行: a,b", 0, 1, 1, 1, 1, 2)
    report = Report([FileReport(path="dir,1/a:b%.txt", diagnostics=[d]), FileReport(path="x.txt", error="読めません")])
    out = github_report.render(report).splitlines()
    assert out[0] == (
        "::notice file=dir%2C1/a%3Ab%25.txt,line=1,col=1,endLine=1,endColumn=2,"
        "title=owabilint [emotional-expression]::100%25 確認%0D%0A次の行: a,b"
    )
    assert out[1] == "::error file=x.txt,title=owabilint::読めません"


@pytest.mark.parametrize("extra", [[], ["--select", "emotional-expression"]])
def test_json_output_validates_against_the_shipped_schema(tmp_path, extra) -> None:
    missing = str(tmp_path / "missing.txt")
    drafts = sorted(str(p) for p in SAMPLES.rglob("*") if p.is_file())
    code, data = run_json(*extra, *drafts, missing)
    assert code == 2
    validator = jsonschema.Draft202012Validator(report_schema())
    validator.validate(data)
    assert any(d["fix"] for f in data["files"] for d in f["diagnostics"]), "a fix must be validated too"


def test_the_schema_rejects_output_that_breaks_the_contract() -> None:
    validator = jsonschema.Draft202012Validator(report_schema())
    jsonschema.Draft202012Validator.check_schema(report_schema())
    _, data = run_json(NG)
    good = json.loads(json.dumps(data))
    validator.validate(good)
    broken = json.loads(json.dumps(data))
    broken["files"][0]["diagnostics"][0]["column"] = 0
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(data))
    broken["files"][0]["diagnostics"][0]["severity"] = "fatal"
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(data))
    del broken["files"][0]["diagnostics"][0]["fix"]
    assert not validator.is_valid(broken)
    extended = json.loads(json.dumps(data))
    extended["files"][0]["encoding"] = "utf-8"
    assert validator.is_valid(extended)


def test_sarif_describes_the_rule_of_every_result_including_directive_problems(tmp_path) -> None:
    draft = tmp_path / "notice.md"
    draft.write_text("# お詫び\n\n<!-- owabilint-disable no-such-rule -->\n流出しました！\n", encoding="utf-8")
    _, log = sarif(str(draft))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert "invalid-directive" in {r["ruleId"] for r in run["results"]}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
