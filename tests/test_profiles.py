"""Profiles: the same drafts under recommended, strict and concise."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from owabilint.config import PROFILES, Overrides, resolve_settings
from owabilint.config.files import profiles_dir
from owabilint.engine import lint_text
from owabilint.ruleset.loader import builtin_rules

# A short first notice that links to a details page: apology, leaked items and contact
# are there; date, count, prevention measures are left to the details page.
FIRST_NOTICE = """件名：会員情報の流出に関するお詫び（第一報）

会員の皆様

当社の会員サイトにおいて、会員様の氏名とメールアドレスが外部から閲覧できる状態になっていたことが判明いたしました。
ご心配とご迷惑をおかけしておりますことを、深くお詫び申し上げます。
経緯と今後の対応は、次のページでご説明しております。
https://example.jp/news/0601

お問い合わせ窓口：0120-000-555

株式会社さくら通販
"""

# A short notice that also forgets to apologise and has a slot left in.
BROKEN_NOTICE = """件名：会員情報の流出について

[会員名]様

当社の会員サイトにおいて、会員様の氏名が外部から閲覧できる状態になっていたことが判明いたしました。
詳細は次のページをご覧ください。
https://example.jp/news/0601

お問い合わせ窓口：0120-000-555
"""

# A complete notice whose date has no time of day.
COMPLETE = (ROOT / "samples" / "good" / "formal-mail.txt").read_text(encoding="utf-8")

CHECKLIST = [r for r in builtin_rules() if r.checklist]


def findings(text: str, profile: str) -> dict[str, str]:
    resolved = resolve_settings("-", overrides=Overrides(profile=profile), no_config=True)
    report = lint_text(text, rules=resolved.rules, settings=resolved.settings)
    return {d.rule: d.severity for d in report.diagnostics}


def test_recommended_is_the_default_and_keeps_rule_severities() -> None:
    resolved = resolve_settings("-", no_config=True)
    assert resolved.profile == "recommended"
    for rule in builtin_rules():
        assert resolved.settings.severity_of(rule) == rule.severity
    defaults = {r.id: r.severity for r in builtin_rules()}
    found = findings(FIRST_NOTICE, "recommended")
    assert {"missing-incident-date", "missing-record-count", "missing-prevention"} <= set(found)
    for rule, severity in found.items():
        assert severity == defaults[rule], rule


def test_strict_makes_every_missing_element_an_error() -> None:
    found = findings(FIRST_NOTICE, "strict")
    missing = {rule for rule in found if rule in {r.id for r in CHECKLIST}}
    assert {"missing-incident-date", "missing-record-count", "missing-prevention"} <= missing
    for rule in missing:
        expected = "warning" if rule == "missing-customer-guidance" else "error"
        assert found[rule] == expected, rule
    resolved = resolve_settings("-", overrides=Overrides(profile="strict"), no_config=True)
    for rule in CHECKLIST:
        expected = "warning" if rule.id == "missing-customer-guidance" else "error"
        assert resolved.settings.severity_of(rule) == expected


def test_strict_asks_for_the_time_of_day() -> None:
    assert "missing-incident-date" not in findings(COMPLETE, "recommended")
    assert findings(COMPLETE, "strict")["missing-incident-date"] == "error"


def test_concise_accepts_a_first_notice_that_links_to_details() -> None:
    found = findings(FIRST_NOTICE, "concise")
    assert found, "the details-page elements are still reported, as info"
    assert set(found.values()) == {"info"}
    assert run_cli("--profile", "concise", "-", stdin=FIRST_NOTICE).returncode == 0
    assert run_cli("--profile", "recommended", "-", stdin=FIRST_NOTICE).returncode == 1


def test_concise_keeps_apology_leaked_items_contact_and_placeholders_as_errors() -> None:
    found = findings(BROKEN_NOTICE, "concise")
    assert found["missing-apology"] == "error"
    assert found["unfilled-placeholder"] == "error"
    assert findings("件名：お知らせ\n\nお客様の個人情報が流出しました。\n", "concise")["vague-leaked-data"] == "error"
    assert (
        findings("件名：お知らせ\n\n氏名が流出しました。深くお詫び申し上げます。\n", "concise")["missing-contact"]
        == "error"
    )
    assert found["missing-record-count"] == "info"
    assert run_cli("--profile", "concise", "-", stdin=BROKEN_NOTICE).returncode == 1


def test_configuration_overrides_the_profile(tmp_path: Path) -> None:
    (tmp_path / "owabilint.toml").write_text(
        'profile = "strict"\n[severity]\nmissing-record-count = "warning"\n'
        "[rules.missing-incident-date]\nrequire-time = false\n",
        encoding="utf-8",
    )
    draft = tmp_path / "a.txt"
    draft.write_text(FIRST_NOTICE, encoding="utf-8")
    resolved = resolve_settings(draft)
    report = lint_text(FIRST_NOTICE, rules=resolved.rules, settings=resolved.settings)
    found = {d.rule: d.severity for d in report.diagnostics}
    assert found["missing-record-count"] == "warning"
    assert found["missing-prevention"] == "error"
    assert resolved.settings.options["missing-incident-date"]["require-time"] is False


@pytest.mark.parametrize("name", PROFILES)
def test_profile_files_are_valid_and_documented(name: str) -> None:
    data = tomllib.loads((profiles_dir() / f"{name}.toml").read_text(encoding="utf-8"))
    assert data["description"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`{name}`" in readme


def test_readme_profile_table_matches_the_profiles() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| rule | `recommended` | `strict` | `concise` |") :].split("\n\n")[0]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines()[2:]]
    documented = {row[0]: row[1:] for row in rows}
    resolved = {name: resolve_settings("-", overrides=Overrides(profile=name), no_config=True) for name in PROFILES}
    for rule in builtin_rules():
        if rule.id not in documented:
            assert not rule.checklist, f"{rule.id} is a required element missing from the README table"
            continue
        for name, cell in zip(PROFILES, documented[rule.id], strict=True):
            assert cell.split(",")[0] == resolved[name].settings.severity_of(rule), (rule.id, name)
