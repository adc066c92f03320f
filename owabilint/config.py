"""Configuration: discovery, validation, profiles and the settings for each linted file.

Where configuration comes from, lowest precedence first:

1. the rule files' own defaults;
2. the profile (``recommended``, ``strict``, ``concise``: rules/profiles/*.toml);
3. the nearest configuration file, looked for from the linted file's folder upwards
   (in each folder: ``owabilint.toml``, ``.owabilint.toml``, then ``pyproject.toml``
   with a ``[tool.owabilint]`` table), or the file given with ``--config``;
4. the command line (:class:`Overrides`).

The one entry point for every front end (CLI, language server, parallel workers) is
:class:`ConfigResolver`::

    resolver = ConfigResolver(ResolverOptions(config=None, no_config=False, overrides=Overrides()))
    resolved = resolver.for_path("drafts/notice.md")     # raises ConfigError / RuleError
    report = lint_text(text, path=..., kind=..., rules=resolved.rules, settings=resolved.settings)

:class:`ResolverOptions` is a small frozen, picklable value: a worker process builds its
own resolver from it. :func:`settings_for` is the one-call shortcut. A configuration is
read completely and validated (keys, types, rule ids, options, rule packs) before any
of its settings are returned, so nothing is linted with a half-read configuration.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from owabilint.errors import ConfigError
from owabilint.safe_read import FileTooLarge, NotRegularFile, read_settings_text

CONFIG_NAMES = ("owabilint.toml", ".owabilint.toml", "pyproject.toml")
PROFILES = ("recommended", "strict", "concise")
DEFAULT_PROFILE = "recommended"
FAIL_LEVELS = ("error", "warning", "info")
SEVERITY_VALUES = ("error", "warning", "info", "off")

# Configuration keys and what their value must be (for messages).
KEYS: dict[str, str] = {
    "profile": "プロファイル名（" + " | ".join(PROFILES) + "）",
    "select": "ルール ID または分類名のリスト",
    "extend-select": "ルール ID または分類名のリスト",
    "ignore": "ルール ID または分類名のリスト",
    "severity": 'ルール ID = "error" | "warning" | "info" | "off" の表',
    "rules": "ルール ID ごとのオプションの表",
    "per-file-ignores": "パターン = [ルール ID, ...] の表",
    "fail-on": '"error" | "warning" | "info"',
    "format": "出力形式の名前",
    "rule-paths": "ルールファイル（.toml）またはフォルダーのパスのリスト",
    "exclude": "除外するパスのパターン（gitignore 形式）のリスト",
    "force-exclude": "真偽値",
    "extend-data-items": "文字列のリスト",
    "extend-jargon": "文字列のリスト",
    "extend-placeholders": "正規表現（RE2）のリスト",
    "allow-brackets": '文字列のリスト（例: "【速報】"）',
}
PROFILE_KEYS = ("description", "checklist-severity", "severity", "rules")
# Lexicon extension keys → the lexicon (rules/lexicons/<name>.txt) they extend.
LEXICON_KEYS = {"extend-data-items": "data-items", "extend-jargon": "jargon"}
_ID_LIST_KEYS = ("select", "extend-select", "ignore")
_STRING_LIST_KEYS = (
    "exclude",
    "rule-paths",
    "extend-data-items",
    "extend-jargon",
    "extend-placeholders",
    "allow-brackets",
)

DEFAULT_SOURCE = "既定"


def _did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"（もしかして: {close[0]}）" if close else ""


# ------------------------------------------------------------------ config files
@dataclass(frozen=True)
class ConfigFile:
    """One configuration file, read and type-checked (rule ids are checked later)."""

    path: Path  # absolute
    values: dict[str, Any]
    prefix: str = ""  # "tool.owabilint." inside pyproject.toml
    named: bool = False  # given with --config: its rule-paths may point anywhere

    @property
    def root(self) -> Path:
        """Relative paths in the file (rule-paths, per-file-ignores) start here."""
        return self.path.parent

    def where(self, key: str) -> str:
        return f"{self.path}: {self.prefix}{key}"


def read_config_file(path: Path, *, required: bool = False) -> ConfigFile | None:
    """Read and type-check one configuration file.

    A ``pyproject.toml`` without ``[tool.owabilint]`` gives None (discovery goes on
    upwards) unless ``required`` (it was named with ``--config``).
    """
    path = path.resolve()
    try:
        stat = path.stat()
    except OSError:
        raise ConfigError(f"{path}: 設定ファイルが見つかりません") from None
    return _read_config_cached(path, stat.st_mtime_ns, stat.st_size, required)


@lru_cache(maxsize=256)
def _read_config_cached(path: Path, _mtime: int, _size: int, required: bool) -> ConfigFile | None:
    try:
        data = tomllib.loads(read_settings_text(path))
    except tomllib.TOMLDecodeError as exc:
        from owabilint.toml_errors import explain

        raise ConfigError(f"{path}: {explain(exc)}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: UTF-8 として読み込めません") from None
    except NotRegularFile:
        raise ConfigError(f"{path}: 通常のファイルではありません（デバイス、FIFO などは読み込みません）") from None
    except FileTooLarge as exc:
        raise ConfigError(f"{path}: 設定ファイルが大きすぎます（上限 {exc.limit:,} バイト）") from None
    except OSError as exc:
        raise ConfigError(f"{path}: 設定ファイルを読み込めません: {exc.strerror or exc}") from None
    prefix = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "owabilint" not in tool:
            if required:
                raise ConfigError(f"{path}: [tool.owabilint] の表がありません")
            return None
        data = tool["owabilint"]
        prefix = "tool.owabilint."
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: tool.owabilint は表（[tool.owabilint]）にしてください")
    config = ConfigFile(path, data, prefix, named=required)
    _check_types(config, KEYS)
    return config


def _check_types(config: ConfigFile, allowed: dict[str, str] | tuple[str, ...]) -> None:
    """Unknown keys and wrong types, with the file and the key in the message."""
    names = list(allowed)
    for key, value in config.values.items():
        where = config.where(key)
        if key not in allowed:
            raise ConfigError(f"{where}: 不明なキーです{_did_you_mean(key, names)}")
        if key in ("profile", "fail-on", "format", "description", "checklist-severity") and not isinstance(value, str):
            raise ConfigError(f"{where}: 文字列を指定してください（{_type_name(value)} が指定されています）")
        if key == "profile" and value not in PROFILES:
            raise ConfigError(
                f"{where}: '{value}' というプロファイルはありません（{' | '.join(PROFILES)}）{_did_you_mean(value, list(PROFILES))}"
            )
        if key == "fail-on" and value not in FAIL_LEVELS:
            raise ConfigError(f"{where}: '{value}' は使えません（{' | '.join(FAIL_LEVELS)}）")
        if key == "checklist-severity" and value not in SEVERITY_VALUES:
            raise ConfigError(f"{where}: '{value}' は使えません（{' | '.join(SEVERITY_VALUES)}）")
        if key == "format":
            from owabilint.reporters import FORMATS

            if value not in FORMATS:
                raise ConfigError(f"{where}: '{value}' は使えません（{' | '.join(FORMATS)}）")
        if key in _ID_LIST_KEYS or key in _STRING_LIST_KEYS:
            _string_list(value, where, KEYS[key])
        if key == "force-exclude" and not isinstance(value, bool):
            raise ConfigError(
                f"{where}: 真偽値（true / false）を指定してください（{_type_name(value)} が指定されています）"
            )
        if key == "exclude":
            for pattern in value:
                _path_spec(pattern, where)
        if key == "severity":
            _table(value, where, KEYS[key])
            for rule_id, level in value.items():
                if level not in SEVERITY_VALUES:
                    raise ConfigError(
                        f"{where}.{rule_id}: {json.dumps(level, ensure_ascii=False)} は使えません（{' | '.join(SEVERITY_VALUES)}）"
                    )
        if key == "rules":
            _table(value, where, KEYS[key])
            for rule_id, options in value.items():
                if not isinstance(options, dict):
                    raise ConfigError(
                        f"{where}.{rule_id}: オプションの表を指定してください（例: [{config.prefix}rules.{rule_id}]）"
                    )
        if key == "per-file-ignores":
            _table(value, where, KEYS[key])
            for pattern, ids in value.items():
                _string_list(ids, f'{where}."{pattern}"', "ルール ID のリスト")
        if key == "extend-placeholders":
            from owabilint.matchers.regex import RegexSyntaxError, compile_re2

            for i, source in enumerate(value):
                try:
                    compile_re2(source)
                except RegexSyntaxError as exc:
                    raise ConfigError(f"{where}[{i}]: 正規表現 {source!r} を使えません: {exc}") from None
        if key == "allow-brackets":
            for label in value:
                if not label.strip():
                    raise ConfigError(f"{where}: 空の文字列は指定できません")


def _type_name(value: Any) -> str:
    return {str: "文字列", int: "整数", float: "小数", bool: "真偽値", list: "リスト", dict: "表"}.get(
        type(value), type(value).__name__
    )


def _string_list(value: Any, where: str, expected: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        got = _type_name(value) if not isinstance(value, list) else "文字列以外を含むリスト"
        raise ConfigError(f"{where}: {expected}を指定してください（{got} が指定されています）")
    return value


def _table(value: Any, where: str, expected: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {expected}を指定してください（{_type_name(value)} が指定されています）")
    return value


def find_config(folder: Path) -> ConfigFile | None:
    """The nearest configuration file from ``folder`` upwards, or None.

    Only folders up to the repository root, and only those the user controls, are
    looked in (see owabilint.trust).
    """
    from owabilint.trust import config_folders, trusted_config_file

    for candidate_dir in config_folders(folder):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if trusted_config_file(candidate):
                config = read_config_file(candidate)
                if config is not None:
                    return config
    return None


# ---------------------------------------------------------------------- profiles
def profiles_dir() -> Path:
    from owabilint.ruleset.loader import builtin_rules_dir

    return builtin_rules_dir() / "profiles"


@cache
def load_profile(name: str) -> ConfigFile:
    path = profiles_dir() / f"{name}.toml"
    try:
        data = tomllib.loads(read_settings_text(path))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: プロファイルを読み込めません: {exc}") from None
    profile = ConfigFile(path, data)
    _check_types(profile, PROFILE_KEYS)
    return profile


# ----------------------------------------------------------------- command line
@dataclass(frozen=True)
class Overrides:
    """Settings given on the command line; they win over every file."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    profile: str | None = None
    fail_on: str | None = None
    output_format: str | None = None
    force_exclude: bool = False


@dataclass(frozen=True)
class ResolverOptions:
    """How to find configuration: picklable, so parallel workers can rebuild a resolver."""

    config: str | None = None  # --config PATH
    no_config: bool = False  # --no-config
    overrides: Overrides = field(default_factory=Overrides)
    cwd: str | None = None  # folder for stdin and run-wide settings (default: the process's)


# ------------------------------------------------------------------- resolution
@dataclass
class Resolved:
    """The effective configuration for one file (or folder)."""

    settings: Any  # owabilint.engine.Settings
    rules: list[Any]  # owabilint.ruleset.loader.Rule, built-in + rule packs, lexicons extended
    config: ConfigFile | None
    profile: str
    output_format: str | None
    # "key" or "severity.<id>" / "rules.<id>.<option>" → where its value came from.
    origins: dict[str, str] = field(default_factory=dict)
    per_file_ignores: list[tuple[str, Any, list[str]]] = field(default_factory=list)  # (pattern, spec, ids)
    rule_paths: list[Path] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)  # gitignore patterns, relative to the config's folder
    force_exclude: bool = False

    def excludes(self, path: str | Path) -> bool:
        """True when ``exclude`` matches ``path`` (relative to the configuration's folder)."""
        if not self.exclude or self.config is None:
            return False
        try:
            relative = Path(path).resolve().relative_to(self.config.root).as_posix()
        except ValueError:
            return False
        return bool(_path_spec_lines(tuple(self.exclude)).match_file(relative))

    def for_file(self, path: str | Path) -> Resolved:
        """This configuration with the ``per-file-ignores`` that match ``path`` applied."""
        if not self.per_file_ignores or self.config is None:
            return self
        candidate = Path(path).resolve()
        try:
            relative = candidate.relative_to(self.config.root).as_posix()
        except ValueError:
            relative = candidate.as_posix()
        extra: list[str] = []
        origins = dict(self.origins)
        for pattern, spec, ids in self.per_file_ignores:
            if spec.match_file(relative):
                extra.extend(ids)
                for rule_id in ids:
                    origins[f"ignore.{rule_id}"] = f'{self.config.where("per-file-ignores")}."{pattern}"'
        if not extra:
            return self
        settings = replace(self.settings, ignore=set(self.settings.ignore) | set(extra))
        return replace(self, settings=settings, origins=origins)


class ConfigResolver:
    """Finds, reads, validates and caches configuration for the files being linted.

    ``for_path(path)`` gives the :class:`Resolved` configuration of a draft (its
    folder's nearest configuration file, plus command-line overrides, plus its
    per-file ignores); ``for_folder`` the same for a folder; ``for_run()`` the
    configuration of the current folder, used for run-wide choices such as the
    output format and for stdin. Errors are :class:`ConfigError` or, for a broken
    rule pack, :class:`RuleError`, each one line naming the file and the key.
    """

    def __init__(self, options: ResolverOptions | None = None) -> None:
        self.options = options or ResolverOptions()
        self._by_folder: dict[Path, Resolved] = {}
        self._by_config: dict[Path | None, Resolved] = {}
        self._explicit: ConfigFile | None = None
        if self.options.config is not None and not self.options.no_config:
            explicit = Path(self.options.config)
            if not explicit.exists():
                raise ConfigError(f"--config: 設定ファイル {self.options.config} が見つかりません")
            self._explicit = read_config_file(explicit, required=True)

    @property
    def cwd(self) -> Path:
        return Path(self.options.cwd) if self.options.cwd else Path.cwd()

    def for_run(self) -> Resolved:
        return self.for_folder(self.cwd)

    def for_path(self, path: str | Path) -> Resolved:
        if str(path) == "-":
            return self.for_run()
        p = Path(path)
        if not p.is_absolute():
            p = self.cwd / p
        folder = p if p.is_dir() else p.parent
        return self.for_folder(folder).for_file(p)

    def for_folder(self, folder: str | Path) -> Resolved:
        folder = Path(folder)
        folder = (folder if folder.is_absolute() else self.cwd / folder).resolve()
        cached = self._by_folder.get(folder)
        if cached is None:
            if self.options.no_config:
                config = None
            elif self._explicit is not None:
                config = self._explicit
            else:
                config = find_config(folder)
            key = config.path if config else None
            cached = self._by_config.get(key)
            if cached is None:
                cached = resolve(config, self.options.overrides)
                self._by_config[key] = cached
            self._by_folder[folder] = cached
        return cached


def settings_for(path: str | Path, overrides: Overrides | None = None, **options: Any) -> Resolved:
    """One-call shortcut: the :class:`Resolved` configuration of ``path``."""
    resolver = ConfigResolver(ResolverOptions(overrides=overrides or Overrides(), **options))
    return resolver.for_path(path)


def resolve(config: ConfigFile | None, overrides: Overrides) -> Resolved:
    """Merge defaults, profile, one configuration file and the command line."""
    from owabilint.engine import Settings
    from owabilint.ruleset.loader import CATEGORIES
    from owabilint.suppression import DIRECTIVE_RULES

    values = config.values if config else {}
    origins: dict[str, str] = {}

    def origin(key: str) -> str:
        return config.where(key) if config else DEFAULT_SOURCE

    rule_paths = [_rule_path(config, p, i) for i, p in enumerate(values.get("rule-paths", []))] if config else []
    if rule_paths:
        origins["rule-paths"] = origin("rule-paths")
    rules = _load_rules_for(config, rule_paths)
    by_id = {r.id: r for r in rules}
    known = sorted([*by_id, *DIRECTIVE_RULES])

    def check_ids(ids: list[str], where: str) -> None:
        for rule_id in ids:
            if rule_id not in known:
                raise ConfigError(f"{where}: 不明なルール ID '{rule_id}' です{_did_you_mean(rule_id, known)}")

    # select / ignore / per-file-ignores also take a category name: every rule in it.
    categories = {name: [r.id for r in rules if r.category == name] for name in CATEGORIES}

    def check_selectors(names: list[str], where: str) -> None:
        for name in names:
            if name not in known and name not in categories:
                close = _did_you_mean(name, [*known, *categories])
                raise ConfigError(f"{where}: 不明なルール ID '{name}' です{close}")

    def expand(names) -> list[str]:  # type: ignore[no-untyped-def]
        return [rule_id for name in names for rule_id in categories.get(name, [name])]

    # profile
    profile_name = overrides.profile or values.get("profile", DEFAULT_PROFILE)
    origins["profile"] = (
        "コマンドライン --profile"
        if overrides.profile
        else (origin("profile") if "profile" in values else DEFAULT_SOURCE)
    )
    profile = load_profile(profile_name)
    profile_source = f"プロファイル {profile_name}"

    severity: dict[str, str] = {}
    options: dict[str, dict[str, Any]] = {}
    for rule in rules:
        origins[f"severity.{rule.id}"] = "ルールの既定"
        for option in rule.options:
            origins[f"rules.{rule.id}.{option}"] = "ルールの既定"
    checklist_level = profile.values.get("checklist-severity")
    if checklist_level:
        for rule in rules:
            if rule.checklist:
                severity[rule.id] = checklist_level
                origins[f"severity.{rule.id}"] = profile_source
    for rule_id, level in profile.values.get("severity", {}).items():
        if rule_id in by_id or rule_id in DIRECTIVE_RULES:  # a profile may name rules a pack leaves out
            severity[rule_id] = level
            origins[f"severity.{rule_id}"] = profile_source
    for rule_id, opts in profile.values.get("rules", {}).items():
        if rule_id in by_id:
            options.setdefault(rule_id, {}).update(opts)
            for option in opts:
                origins[f"rules.{rule_id}.{option}"] = profile_source

    # the configuration file
    for key in _ID_LIST_KEYS:
        check_selectors(values.get(key, []), origin(key))
    for rule_id, level in values.get("severity", {}).items():
        check_ids([rule_id], f"{origin('severity')}.{rule_id}")
        severity[rule_id] = level
        origins[f"severity.{rule_id}"] = origin("severity")
    for rule_id, opts in values.get("rules", {}).items():
        where = f"{origin('rules')}.{rule_id}"
        check_ids([rule_id], where)
        if rule_id not in by_id:
            raise ConfigError(f"{where}: このルールにはオプションがありません")
        _check_options(by_id[rule_id], opts, where)
        options.setdefault(rule_id, {}).update(opts)
        for option in opts:
            origins[f"rules.{rule_id}.{option}"] = origin("rules")
    per_file = []
    if config is not None:
        for pattern, ids in values.get("per-file-ignores", {}).items():
            where = f'{origin("per-file-ignores")}."{pattern}"'
            check_selectors(ids, where)
            per_file.append((pattern, _path_spec(pattern, where), expand(ids)))

    # selection: the command line's --select replaces the file's select and extend-select
    if overrides.select is not None:
        check_selectors(list(overrides.select), "--select")
        select: set[str] | None = set(expand(overrides.select))
        origins["select"] = "コマンドライン --select"
    elif "select" in values:
        select = set(expand(values["select"])) | set(expand(values.get("extend-select", [])))
        origins["select"] = origin("select")
    else:
        select = None
        origins["select"] = DEFAULT_SOURCE
    check_selectors(list(overrides.extend_select), "--extend-select")
    if select is not None:
        if overrides.select is None and "extend-select" in values:
            origins["extend-select"] = origin("extend-select")
        select |= set(expand(overrides.extend_select))
    ignore = set(expand(values.get("ignore", [])))
    origins["ignore"] = origin("ignore") if "ignore" in values else DEFAULT_SOURCE
    for rule_id in expand(values.get("ignore", [])):
        origins[f"ignore.{rule_id}"] = origin("ignore")
    check_selectors(list(overrides.ignore), "--ignore")
    for rule_id in expand(overrides.ignore):
        ignore.add(rule_id)
        origins[f"ignore.{rule_id}"] = "コマンドライン --ignore"

    fail_on = overrides.fail_on or values.get("fail-on", "warning")
    origins["fail-on"] = (
        "コマンドライン --fail-on"
        if overrides.fail_on
        else origin("fail-on")
        if "fail-on" in values
        else DEFAULT_SOURCE
    )
    output_format = overrides.output_format or values.get("format")
    origins["format"] = (
        "コマンドライン --format"
        if overrides.output_format
        else origin("format")
        if "format" in values
        else DEFAULT_SOURCE
    )
    for key in (*LEXICON_KEYS, "extend-placeholders", "allow-brackets"):
        if key in values:
            origins[key] = origin(key)

    exclude = list(values.get("exclude", []))
    if exclude:
        origins["exclude"] = origin("exclude")
    force_exclude = overrides.force_exclude or bool(values.get("force-exclude", False))
    origins["force-exclude"] = (
        "コマンドライン --force-exclude"
        if overrides.force_exclude
        else origin("force-exclude")
        if "force-exclude" in values
        else DEFAULT_SOURCE
    )

    settings = Settings(select=select, ignore=ignore, severity=severity, options=options, fail_on=fail_on)
    return Resolved(
        settings, rules, config, profile_name, output_format, origins, per_file, rule_paths, exclude, force_exclude
    )


def _rule_path(config: ConfigFile, value: str, index: int) -> Path:
    """A rule pack path; a discovered file may only name packs inside its own project."""
    from owabilint.trust import inside, repository_root

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


def _path_spec(pattern: str, where: str) -> Any:
    try:
        return _path_spec_lines((pattern,))
    except Exception as exc:  # noqa: BLE001 - pathspec raises several kinds for a bad pattern
        raise ConfigError(f"{where}: パターン {pattern!r} を読めません: {exc}") from None


@lru_cache(maxsize=64)
def _path_spec_lines(patterns: tuple[str, ...]) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def _check_options(rule: Any, opts: dict[str, Any], where: str) -> None:
    known = sorted(set(rule.options) | set(rule.matcher.option_keys))
    for option, value in opts.items():
        if option not in known:
            listing = (
                f"（使えるオプション: {', '.join(known)}）" if known else "（このルールにはオプションがありません）"
            )
            hint = _did_you_mean(option, known)
            raise ConfigError(f"{where}.{option}: 不明なオプションです{hint or listing}")
        if isinstance(value, (dict, list)):
            raise ConfigError(f"{where}.{option}: 値には文字列・数値・真偽値を指定してください")
        default = rule.options.get(option)
        if default is not None and not _same_kind(default, value):
            raise ConfigError(
                f"{where}.{option}: {_type_name(default)}を指定してください（{_type_name(value)} が指定されています）"
            )
        if isinstance(value, int) and not isinstance(value, bool) and isinstance(default, int) and value <= 0:
            raise ConfigError(f"{where}.{option}: 1 以上の整数を指定してください")


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and (isinstance(default, float) or isinstance(value, int))
    return isinstance(value, type(default))


# -------------------------------------------------------------------- rule sets
def _load_rules_for(config: ConfigFile | None, rule_paths: list[Path]) -> list[Any]:
    from owabilint.ruleset.loader import builtin_rules
    from owabilint.ruleset.packs import builtin_lexicon_names, load_ruleset, pack_signature

    values = config.values if config else {}
    lexicon_extensions = tuple((LEXICON_KEYS[k], tuple(values[k])) for k in LEXICON_KEYS if values.get(k))
    placeholders = tuple(values.get("extend-placeholders", ()))
    brackets = tuple(values.get("allow-brackets", ()))
    if not (lexicon_extensions or placeholders or brackets or rule_paths):
        return builtin_rules()
    if lexicon_extensions:
        available = builtin_lexicon_names()
        for key, lexicon in LEXICON_KEYS.items():
            if values.get(key) and lexicon not in available:
                raise ConfigError(
                    f"{config.where(key)}: 拡張する辞書 rules/lexicons/{lexicon}.txt が組み込みルールにありません"
                )
    return load_ruleset(lexicon_extensions, placeholders, brackets, tuple(rule_paths), pack_signature(rule_paths))
