"""The table of configuration keys: each kind of wrong value gives its exact one-line message."""

from __future__ import annotations

from pathlib import Path

import pytest

from owabilint.config.files import read_config_file
from owabilint.errors import ConfigError

# (TOML, the message after "<path>: ")
WRONG = [
    ('profle = "strict"\n', "profle: 不明なキーです（もしかして: profile）"),
    ('checklist-severity = "info"\n', "checklist-severity: 不明なキーです（もしかして: severity）"),
    (
        'profile = "strictt"\n',
        "profile: 'strictt' というプロファイルはありません（recommended | strict | concise）（もしかして: strict）",
    ),
    ("profile = 3\n", "profile: 文字列を指定してください（整数 が指定されています）"),
    ('fail-on = "eror"\n', "fail-on: 'eror' は使えません（error | warning | info）"),
    ('format = "jsn"\n', "format: 'jsn' は使えません（rich | text | json | sarif | github | html）"),
    ('force-exclude = "yes"\n', "force-exclude: 真偽値（true / false）を指定してください（文字列 が指定されています）"),
    (
        'ignore = ["content", 3]\n',
        "ignore: ルール ID または分類名のリストを指定してください（文字列以外を含むリスト が指定されています）",
    ),
    ("extend-jargon = 3\n", "extend-jargon: 文字列のリストを指定してください（整数 が指定されています）"),
    (
        "severity = 3\n",
        'severity: ルール ID = "error" | "warning" | "info" | "off" の表を指定してください（整数 が指定されています）',
    ),
    (
        '[severity]\nmissing-cause = "fatal"\n',
        'severity.missing-cause: "fatal" は使えません（error | warning | info | off）',
    ),
    (
        "[rules]\nlong-sentence = 3\n",
        "rules.long-sentence: オプションの表を指定してください（例: [rules.long-sentence]）",
    ),
    (
        '[per-file-ignores]\n"a/*" = "x"\n',
        'per-file-ignores."a/*": ルール ID のリストを指定してください（文字列 が指定されています）',
    ),
    ('allow-brackets = [" "]\n', "allow-brackets: 空の文字列は指定できません"),
]


@pytest.mark.parametrize(("toml", "message"), WRONG, ids=[w[0].split("=")[0].strip() for w in WRONG])
def test_each_wrong_value_names_the_file_and_the_key(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "owabilint.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config_file(path)
    assert str(caught.value) == f"{path.resolve()}: {message}"


def test_in_pyproject_the_key_is_named_under_tool_owabilint(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.owabilint]\nfail-on = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config_file(path)
    assert str(caught.value) == f"{path.resolve()}: tool.owabilint.fail-on: 'x' は使えません（error | warning | info）"


def test_a_file_with_every_kind_of_key_reads_as_written(tmp_path: Path) -> None:
    path = tmp_path / "owabilint.toml"
    path.write_text(
        'profile = "concise"\nfail-on = "info"\nforce-exclude = true\nselect = ["content"]\n'
        'allow-brackets = ["【速報】"]\n[severity]\nmissing-cause = "off"\n[rules.long-sentence]\nmax-chars = 90\n'
        '[per-file-ignores]\n"old/*" = ["tone"]\n',
        encoding="utf-8",
    )
    config = read_config_file(path)
    assert config is not None and config.values["severity"] == {"missing-cause": "off"}
    assert config.values["per-file-ignores"] == {"old/*": ["tone"]}
