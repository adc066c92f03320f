"""The rules a configuration asks for, and checks of what it says about them.

Built-in rules, extended by the configuration's lexicon, placeholder and bracket keys,
plus the rule packs of ``rule-paths``; and the per-rule options of ``[rules.<id>]``,
checked against the options each rule declares.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from owabilint.config.files import ConfigFile
from owabilint.config.keys import LEXICON_KEYS, did_you_mean, type_name
from owabilint.errors import ConfigError


def rule_path(config: ConfigFile, value: str, index: int) -> Path:
    """A rule pack path; a discovered file may only name packs inside its own project."""
    from owabilint.config.trust import inside, repository_root

    where = f"{config.where('rule-paths')}[{index}]"
    if config.named:
        path = Path(value).expanduser()
        path = path if path.is_absolute() else config.root / path
    else:
        project = repository_root(config.root) or config.root
        path = config.root / value
        if value.startswith("~") or Path(value).is_absolute() or not inside(path, project):
            raise ConfigError(
                f"{where}: {value} はプロジェクト（{project}）の外を指しています。"
                "外部のルールパックは --config で指定した設定ファイルからのみ読み込めます"
            )
    if not path.exists():
        raise ConfigError(f"{where}: {value} が見つかりません")
    if path.is_file() and path.suffix != ".toml":
        raise ConfigError(f"{where}: {value} はルールファイル（.toml）でもフォルダーでもありません")
    return path.resolve()


def load_rules_for(config: ConfigFile | None, rule_paths: list[Path]) -> list[Any]:
    """Built-in rules, or a rule set extended by ``config`` and its rule packs."""
    from owabilint.ruleset.loader import builtin_rules
    from owabilint.ruleset.packs import builtin_lexicon_names, load_ruleset, pack_signature

    values = config.values if config else {}
    lexicon_extensions = tuple((LEXICON_KEYS[k], tuple(values[k])) for k in LEXICON_KEYS if values.get(k))
    placeholders = tuple(values.get("extend-placeholders", ()))
    brackets = tuple(values.get("allow-brackets", ()))
    if not (lexicon_extensions or placeholders or brackets or rule_paths):
        return builtin_rules()
    if lexicon_extensions and config is not None:
        available = builtin_lexicon_names()
        for key, lexicon in LEXICON_KEYS.items():
            if values.get(key) and lexicon not in available:
                raise ConfigError(
                    f"{config.where(key)}: 拡張する辞書 rules/lexicons/{lexicon}.txt が組み込みルールにありません"
                )
    return load_ruleset(lexicon_extensions, placeholders, brackets, tuple(rule_paths), pack_signature(rule_paths))


def check_options(rule: Any, opts: dict[str, Any], where: str) -> None:
    """``[rules.<id>]``: known option names, and values of the kind of each default."""
    known = sorted(set(rule.options) | set(rule.matcher.option_keys))
    for option, value in opts.items():
        if option not in known:
            listing = (
                f"（使えるオプション: {', '.join(known)}）" if known else "（このルールにはオプションがありません）"
            )
            hint = did_you_mean(option, known)
            raise ConfigError(f"{where}.{option}: 不明なオプションです{hint or listing}")
        if isinstance(value, (dict, list)):
            raise ConfigError(f"{where}.{option}: 値には文字列・数値・真偽値を指定してください")
        default = rule.options.get(option)
        if default is not None and not _same_kind(default, value):
            raise ConfigError(
                f"{where}.{option}: {type_name(default)}を指定してください（{type_name(value)} が指定されています）"
            )
        if isinstance(value, int) and not isinstance(value, bool) and isinstance(default, int) and value <= 0:
            raise ConfigError(f"{where}.{option}: 1 以上の整数を指定してください")


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and (isinstance(default, float) or isinstance(value, int))
    return isinstance(value, type(default))
