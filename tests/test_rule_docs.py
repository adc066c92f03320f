"""`owabilint rules` and `owabilint rule ID`: the catalogue a user reads."""

from __future__ import annotations

import tomllib

from conftest import ROOT, run_cli

from owabilint.ruleset.docs import category_label

RULE_FILES = {p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "rules").glob("*.toml"))}


def table_rows(out: str) -> dict[str, list[str]]:
    rows = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if cells and cells[0] in RULE_FILES:
            rows[cells[0]] = cells
    return rows


def test_rules_table_lists_every_rule_with_severity_category_and_summary() -> None:
    proc = run_cli("rules", env={"COLUMNS": "200"})
    assert proc.returncode == 0
    out = proc.stdout.decode()
    rows = table_rows(out)
    assert set(rows) == set(RULE_FILES)
    for rule_id, data in RULE_FILES.items():
        _id, severity, category, _fix, summary = rows[rule_id]
        labels = {"error": "エラー", "warning": "警告", "info": "情報"}
        assert (severity, summary) == (labels[data["severity"]], data["summary"])
        assert category.endswith(f"（{data['category']}）") and category == category_label(data["category"])
    assert f"{len(RULE_FILES)} ルール: エラー " in out


def test_rules_table_marks_fixable_rules_and_lists_required_elements_first() -> None:
    out = run_cli("rules", env={"COLUMNS": "200"}).stdout.decode()
    rows = table_rows(out)
    assert rows["emotional-expression"][3] == "✓"
    assert rows["missing-apology"][3] == "" and rows["mixed-style"][3] == ""
    order = list(rows)
    content = [i for i, rule_id in enumerate(order) if RULE_FILES[rule_id]["category"] == "content"]
    assert content == list(range(len(content)))


def test_piped_rules_table_keeps_each_rule_on_one_line() -> None:
    out = run_cli("rules").stdout.decode()  # not a terminal, no COLUMNS from the test
    rows = table_rows(out)
    assert rows["double-honorific"][4] == RULE_FILES["double-honorific"]["summary"]


def test_rule_page_shows_explanation_options_and_examples() -> None:
    proc = run_cli("rule", "long-sentence", env={"COLUMNS": "200"})
    assert proc.returncode == 0
    out = proc.stdout.decode()
    data = RULE_FILES["long-sentence"]
    assert data["summary"] in out
    assert "max-chars = 120" in out
    # the rationale is reflowed: its hard-wrapped lines are joined
    first, second = data["rationale"].strip().splitlines()[:2]
    assert first + second in out
    assert "良い例（指摘なし: 4 件）" in out and "悪い例（指摘あり: 4 件" in out


def test_rule_page_points_at_the_span_in_each_invalid_example() -> None:
    out = run_cli("rule", "double-honorific", env={"COLUMNS": "200"}).stdout.decode()
    assert "→ 1行10列「ご覧になられ」" in out
    assert "→ 1行5列「おっしゃられ」" in out
    assert out.count("→ ") == len(RULE_FILES["double-honorific"]["examples"]["invalid"])
    for example in RULE_FILES["double-honorific"]["examples"]["valid"]:
        assert example in out


def test_rule_page_says_whether_a_fix_exists() -> None:
    assert "あり（owabilint --fix" in run_cli("rule", "emotional-expression").stdout.decode()
    assert "自動修正\n  なし" in run_cli("rule", "mixed-style").stdout.decode()


def test_unknown_rule_id_exits_2_with_a_suggestion() -> None:
    proc = run_cli("rule", "double-honorfic")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "double-honorfic" in err and "もしかして: double-honorific" in err
    assert "Traceback" not in err and proc.stdout == b""


def test_unknown_rule_id_without_a_close_match_points_at_the_list() -> None:
    proc = run_cli("rule", "zzz")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "もしかして" not in err and "owabilint rules" in err


def test_rule_page_spells_options_in_toml_so_they_can_be_pasted() -> None:
    out = run_cli("rule", "missing-incident-date", env={"COLUMNS": "200"}).stdout.decode()
    lines = [line.strip() for line in out.splitlines() if line.strip().startswith("require-time =")]
    assert lines == ["require-time = false"]
    pasted = tomllib.loads(f"[rules.missing-incident-date]\n{lines[0]}\n")
    assert (
        pasted["rules"]["missing-incident-date"]["require-time"]
        is RULE_FILES["missing-incident-date"]["options"]["require-time"]
    )
