"""The configuration keys, declared once, and the validation that walks them.

Each :class:`Key` says what its value must be (a Japanese line used in error messages),
its type, its choices and any further check; :func:`check_keys` walks a configuration
file's values against a table of keys (:data:`CONFIG_KEYS` for owabilint.toml,
:data:`PROFILE_KEYS` for rules/profiles/*.toml). Rule ids are checked later, against the
rules the configuration loads, where a key's ``rule_refs`` says (owabilint.config.layers).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from owabilint.errors import ConfigError
from owabilint.model import SEVERITIES, SEVERITY_SETTINGS

if TYPE_CHECKING:
    from owabilint.config.files import ConfigFile

PROFILES = ("recommended", "strict", "concise")
DEFAULT_PROFILE = "recommended"


class Kind(Enum):
    """The TOML type a key's value must have."""

    STRING = "string"
    BOOL = "bool"
    STRING_LIST = "string-list"
    TABLE = "table"


class Merge(Enum):
    """How a key's values from several layers combine (owabilint.config.layers)."""

    LAST = "last"  # the last layer that sets it wins: profile, fail-on, format, force-exclude
    ENTRIES = "entries"  # a table merged entry by entry: severity, rules
    SELECTION = "selection"  # select / extend-select / ignore, with category names expanded
    FILE = "file"  # read from the configuration file only


class RuleRefs(Enum):
    """How a key's value names rules; checked against the rules the configuration loads."""

    SELECTORS = "selectors"  # a list of rule ids or category names
    IDS = "ids"  # a table keyed by rule id
    OPTIONS = "options"  # a table keyed by rule id, of that rule's options
    PATTERN_SELECTORS = "pattern-selectors"  # a table of path pattern → rule ids or category names


Validator = Callable[[Any, str, "ConfigFile"], None]


@dataclass(frozen=True)
class Key:
    """One configuration key: what its value must be, and how it is checked."""

    name: str
    doc: str  # what the value must be, in the user's words (used in error messages)
    kind: Kind
    merge: Merge = Merge.FILE
    rule_refs: RuleRefs | None = None
    choices: Callable[[], Sequence[str]] | None = None  # a callable: some are only known late
    unknown_choice: str = "'{value}' は使えません（{choices}）"
    suggest_choice: bool = False  # add "did you mean" to an unknown choice
    validate: Validator | None = None  # after the type and the choices


def did_you_mean(name: str, known: Sequence[str]) -> str:
    """「（もしかして: X）」 by difflib's ratio, as configuration messages have always said
    (owabilint.suggest ranks by edit distance and may name another candidate)."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"（もしかして: {close[0]}）" if close else ""


def type_name(value: Any) -> str:
    return {str: "文字列", int: "整数", float: "小数", bool: "真偽値", list: "リスト", dict: "表"}.get(
        type(value), type(value).__name__
    )


def string_list(value: Any, where: str, expected: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        got = type_name(value) if not isinstance(value, list) else "文字列以外を含むリスト"
        raise ConfigError(f"{where}: {expected}を指定してください（{got} が指定されています）")
    return value


# ------------------------------------------------------------------ validators
def _severity_levels(value: dict[str, Any], where: str, _config: ConfigFile) -> None:
    for rule_id, level in value.items():
        if level not in SEVERITY_SETTINGS:
            raise ConfigError(
                f"{where}.{rule_id}: {json.dumps(level, ensure_ascii=False)} は使えません（{' | '.join(SEVERITY_SETTINGS)}）"
            )


def _option_tables(value: dict[str, Any], where: str, config: ConfigFile) -> None:
    for rule_id, options in value.items():
        if not isinstance(options, dict):
            raise ConfigError(
                f"{where}.{rule_id}: オプションの表を指定してください（例: [{config.prefix}rules.{rule_id}]）"
            )


def _pattern_id_lists(value: dict[str, Any], where: str, _config: ConfigFile) -> None:
    for pattern, ids in value.items():
        string_list(ids, f'{where}."{pattern}"', "ルール ID のリスト")


def _gitignore_patterns(value: list[str], where: str, _config: ConfigFile) -> None:
    from owabilint.config.patterns import path_spec

    for pattern in value:
        path_spec(pattern, where)


def _re2_patterns(value: list[str], where: str, _config: ConfigFile) -> None:
    from owabilint.matchers.regex import RegexSyntaxError, compile_re2

    for i, source in enumerate(value):
        try:
            compile_re2(source)
        except RegexSyntaxError as exc:
            raise ConfigError(f"{where}[{i}]: 正規表現 {source!r} を使えません: {exc}") from None


def _no_blank(value: list[str], where: str, _config: ConfigFile) -> None:
    for label in value:
        if not label.strip():
            raise ConfigError(f"{where}: 空の文字列は指定できません")


def _formats() -> Sequence[str]:
    from owabilint.reporters import FORMATS

    return FORMATS


# ----------------------------------------------------------------------- tables
_ID_LIST = "ルール ID または分類名のリスト"
_SEVERITY = Key(
    "severity",
    "ルール ID = " + " | ".join(f'"{s}"' for s in SEVERITY_SETTINGS) + " の表",
    Kind.TABLE,
    Merge.ENTRIES,
    RuleRefs.IDS,
    validate=_severity_levels,
)
_RULES = Key(
    "rules", "ルール ID ごとのオプションの表", Kind.TABLE, Merge.ENTRIES, RuleRefs.OPTIONS, validate=_option_tables
)

CONFIG_KEYS: dict[str, Key] = {
    key.name: key
    for key in (
        Key(
            "profile",
            "プロファイル名（" + " | ".join(PROFILES) + "）",
            Kind.STRING,
            Merge.LAST,
            choices=lambda: PROFILES,
            unknown_choice="'{value}' というプロファイルはありません（{choices}）",
            suggest_choice=True,
        ),
        Key("select", _ID_LIST, Kind.STRING_LIST, Merge.SELECTION, RuleRefs.SELECTORS),
        Key("extend-select", _ID_LIST, Kind.STRING_LIST, Merge.SELECTION, RuleRefs.SELECTORS),
        Key("ignore", _ID_LIST, Kind.STRING_LIST, Merge.SELECTION, RuleRefs.SELECTORS),
        _SEVERITY,
        _RULES,
        Key(
            "per-file-ignores",
            "パターン = [ルール ID, ...] の表",
            Kind.TABLE,
            rule_refs=RuleRefs.PATTERN_SELECTORS,
            validate=_pattern_id_lists,
        ),
        Key("fail-on", " | ".join(f'"{s}"' for s in SEVERITIES), Kind.STRING, Merge.LAST, choices=lambda: SEVERITIES),
        Key("format", "出力形式の名前", Kind.STRING, Merge.LAST, choices=_formats),
        Key("rule-paths", "ルールファイル（.toml）またはフォルダーのパスのリスト", Kind.STRING_LIST),
        Key(
            "exclude",
            "除外するパスのパターン（gitignore 形式）のリスト",
            Kind.STRING_LIST,
            validate=_gitignore_patterns,
        ),
        Key("force-exclude", "真偽値", Kind.BOOL, Merge.LAST),
        Key("extend-data-items", "文字列のリスト", Kind.STRING_LIST),
        Key("extend-jargon", "文字列のリスト", Kind.STRING_LIST),
        Key("extend-placeholders", "正規表現（RE2）のリスト", Kind.STRING_LIST, validate=_re2_patterns),
        Key("allow-brackets", '文字列のリスト（例: "【速報】"）', Kind.STRING_LIST, validate=_no_blank),
    )
}

# Keys of a profile file (rules/profiles/<name>.toml).
PROFILE_KEYS: dict[str, Key] = {
    key.name: key
    for key in (
        Key("description", "プロファイルの説明", Kind.STRING),
        Key("checklist-severity", "チェックリストのルールの重大度", Kind.STRING, choices=lambda: SEVERITY_SETTINGS),
        _SEVERITY,
        _RULES,
    )
}

# Lexicon extension keys → the lexicon (rules/lexicons/<name>.txt) they extend.
LEXICON_KEYS = {"extend-data-items": "data-items", "extend-jargon": "jargon"}
# Keys that change the rules themselves (owabilint.config.rule_sets), shown as read.
RULE_EXTENSION_KEYS = (*LEXICON_KEYS, "extend-placeholders", "allow-brackets")


# ------------------------------------------------------------------------- walk
def check_keys(config: ConfigFile, table: dict[str, Key]) -> None:
    """Unknown keys and wrong values, with the file and the key in the message."""
    for name, value in config.values.items():
        where = config.where(name)
        key = table.get(name)
        if key is None:
            raise ConfigError(f"{where}: 不明なキーです{did_you_mean(name, list(table))}")
        _check_kind(key, value, where)
        if key.choices is not None:
            choices = key.choices()
            if value not in choices:
                message = key.unknown_choice.format(value=value, choices=" | ".join(choices))
                hint = did_you_mean(value, choices) if key.suggest_choice else ""
                raise ConfigError(f"{where}: {message}{hint}")
        if key.validate is not None:
            key.validate(value, where, config)


def _check_kind(key: Key, value: Any, where: str) -> None:
    if key.kind is Kind.STRING and not isinstance(value, str):
        raise ConfigError(f"{where}: 文字列を指定してください（{type_name(value)} が指定されています）")
    if key.kind is Kind.BOOL and not isinstance(value, bool):
        raise ConfigError(f"{where}: 真偽値（true / false）を指定してください（{type_name(value)} が指定されています）")
    if key.kind is Kind.STRING_LIST:
        string_list(value, where, key.doc)
    if key.kind is Kind.TABLE and not isinstance(value, dict):
        raise ConfigError(f"{where}: {key.doc}を指定してください（{type_name(value)} が指定されています）")
