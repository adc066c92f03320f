"""Configuration comes only from places the user controls, and rule packs only from the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_cli

DRAFT = "お客様各位\n\n個人情報が流出しました！\n"
SILENCE_ALL = 'select = ["missing-signature"]\nseverity = { missing-signature = "off" }\n'


def _rules_found(path: Path, *args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    proc = run_cli("--format", "text", *args, str(path), cwd=cwd or path.parent)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def test_a_world_writable_parent_folder_cannot_configure_someone_elses_draft(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # anyone may drop an owabilint.toml here
    (shared / "owabilint.toml").write_text(SILENCE_ALL, encoding="utf-8")
    mine = shared / "alice"
    mine.mkdir(mode=0o755)
    draft = mine / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, _err = _rules_found(draft)
    assert code == 1 and "emotional-expression" in out


def test_a_configuration_file_anyone_may_write_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "owabilint.toml").write_text(SILENCE_ALL, encoding="utf-8")
    (tmp_path / "owabilint.toml").chmod(0o666)
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, _err = _rules_found(draft)
    assert code == 1 and "emotional-expression" in out


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to hand a folder to another user"
)
def test_discovery_stops_at_a_folder_another_user_owns(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o755)
    (theirs / "owabilint.toml").write_text(SILENCE_ALL, encoding="utf-8")
    os.chown(theirs / "owabilint.toml", 4242, 4242)
    os.chown(theirs, 4242, 4242)
    mine = theirs / "mine"
    mine.mkdir(mode=0o755)
    draft = mine / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, _err = _rules_found(draft)
    assert code == 1 and "emotional-expression" in out


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "owabilint.toml").write_text(SILENCE_ALL, encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "drafts").mkdir()
    draft = repo / "drafts" / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, _err = _rules_found(draft)
    assert code == 1 and "emotional-expression" in out
    (repo / ".owabilint.toml").write_text(SILENCE_ALL, encoding="utf-8")  # the repository's own file applies
    code, out, _err = _rules_found(draft)
    assert code == 0 and out == ""


@pytest.mark.parametrize(
    "value", ["../outside/secrets.toml", "{outside}/secrets.toml", "~/secrets.toml", "link/secrets.toml"]
)
def test_discovered_rule_paths_stay_inside_the_project(tmp_path: Path, value: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secrets.toml").write_text('aws_secret_access_key = "AKIAEXAMPLE"\n', encoding="utf-8")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "link").symlink_to(outside)
    value = value.format(outside=outside)
    (project / "owabilint.toml").write_text(f"rule-paths = [{value!r}]\n".replace("'", '"'), encoding="utf-8")
    draft = project / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, err = _rules_found(draft)
    assert code == 2, (out, err)
    assert "aws_secret_access_key" not in err and "AKIAEXAMPLE" not in err
    assert "rule-paths[0]" in err and "プロジェクト" in err and "--config" in err


def test_a_named_configuration_may_use_a_pack_anywhere(tmp_path: Path) -> None:
    pack = tmp_path / "shared-rules"
    pack.mkdir()
    (pack / "codename.toml").write_text(
        'id = "codename"\nseverity = "warning"\ncategory = "wording"\nsummary = "社内の呼び名"\n'
        'message = "社内の呼び名は使いません。"\nrationale = "読み手に通じません。"\n\n'
        '[matcher]\nkind = "phrase"\n\n[[matcher.patterns]]\nregex = ["案件X"]\n\n'
        '[examples]\nvalid = ["新しいサービスについてお知らせします。"]\ninvalid = ["案件Xについてお知らせします。"]\n',
        encoding="utf-8",
    )
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    config = project / "owabilint.toml"
    config.write_text(f'rule-paths = ["{pack}"]\n', encoding="utf-8")
    draft = project / "draft.txt"
    draft.write_text("案件Xについてお知らせします。\n", encoding="utf-8")
    code, _out, err = _rules_found(draft)
    assert code == 2 and "プロジェクト" in err
    code, out, err = _rules_found(draft, "--config", str(config))
    assert code == 1 and "[codename]" in out, err
