"""TOML syntax errors explained in Japanese, keeping the line and column.

tomllib reports e.g. ``Unclosed array (at line 2, column 1)``; configuration files and
rule packs are written by people who read Japanese, so the CLI says what is wrong and
where: 「2 行 1 列: 配列の ] がありません」.
"""

from __future__ import annotations

import re
import tomllib

_WHERE = re.compile(r"(?<!\s)\s*\(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$")

_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Unclosed array"), "配列を閉じる ] がありません"),
    (re.compile(r"Unclosed inline table"), "インラインテーブルを閉じる } がありません"),
    (re.compile(r"Unterminated string"), "文字列を閉じる引用符がありません"),
    (re.compile(r"Expected '=' after a key in a key/value pair"), "キーの後に = がありません"),
    (re.compile(r"Expected ']' at the end of a table declaration"), "テーブル名を閉じる ] がありません"),
    (re.compile(r"Expected ']]' at the end of an array declaration"), "配列テーブル名を閉じる ]] がありません"),
    (re.compile(r"Invalid value"), '値として読めません（文字列は "…" で囲みます）'),
    (re.compile(r"Invalid statement"), "TOML の文として読めません"),
    (re.compile(r"Invalid initial character for a key part"), "キーに使えない文字で始まっています"),
    (re.compile(r"Invalid date or datetime"), "日付・日時として読めません"),
    (re.compile(r"Invalid hex value"), "16 進数の値として読めません"),
    (
        re.compile(r"Unescaped '\\' in a string"),
        "文字列の中の \\ はエスケープが必要です（\\\\ と書くか '…' で囲みます）",
    ),
    (
        re.compile(r"Escaped character is not a Unicode scalar value"),
        "エスケープした文字が Unicode の文字ではありません",
    ),
    (re.compile(r"Cannot overwrite a value"), "同じキーに値を二度設定しています"),
    (re.compile(r"Cannot declare (?P<key>.+) twice"), "{key} を二度宣言しています"),
    (re.compile(r"Cannot redefine namespace (?P<key>.+)"), "{key} を別の種類で定義し直しています"),
    (
        re.compile(r"Cannot mutate immutable namespace (?P<key>.+)"),
        "{key} はインラインテーブルなので後から変更できません",
    ),
    (re.compile(r"Duplicate inline table key (?P<key>.+)"), "インラインテーブルのキー {key} が重複しています"),
    (re.compile(r"Found invalid character (?P<char>.+)"), "使えない文字 {char} があります"),
    (re.compile(r"Illegal character '\\n'"), "文字列が行末で終わっています（閉じる引用符がありません）"),
    (re.compile(r"Illegal character (?P<char>.+)"), "使えない文字 {char} があります"),
    (re.compile(r"Expected (?P<char>.+)"), "{char} が必要です"),
]


def explain(exc: tomllib.TOMLDecodeError) -> str:
    """「TOML の書き方に誤りがあります（2 行 1 列: 配列を閉じる ] がありません）」."""
    message = str(exc)
    where = _WHERE.search(message)
    what = message[: where.start()] if where else message
    for pattern, japanese in _MESSAGES:
        m = pattern.fullmatch(what)
        if m:
            what = japanese.format(**m.groupdict())
            break
    if where is None:
        position = ""
    elif where.group("line"):
        position = f"{where.group('line')} 行 {where.group('column')} 列: "
    else:
        position = "ファイルの末尾: "
    return f"TOML の書き方に誤りがあります（{position}{what}）"
