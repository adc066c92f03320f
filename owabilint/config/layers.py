"""Resolution: the layers of configuration merged, remembering where each value came from.

Layers, lowest precedence first:

1. the defaults, and the rules' own severities and options;
2. the profile (``recommended``, ``strict``, ``concise``: rules/profiles/*.toml);
3. the configuration file (owabilint.config.files);
4. the command line (:class:`Overrides`).

How a key's values combine is declared in its :class:`~owabilint.config.keys.Key`
(``merge``): the last layer wins, a table merges entry by entry, or a rule selection
expands categories and adds up. Every value set records its layer's origin under the
key (``fail-on``) or the entry (``severity.<id>``, ``rules.<id>.<option>``,
``ignore.<id>``); ``owabilint config`` shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from owabilint.config.files import ConfigFile, load_profile
from owabilint.config.keys import CONFIG_KEYS, DEFAULT_PROFILE, RULE_EXTENSION_KEYS, Merge, RuleRefs, did_you_mean
from owabilint.config.patterns import path_spec
from owabilint.config.resolved import Resolved
from owabilint.config.rule_sets import check_options, load_rules_for, rule_path
from owabilint.errors import ConfigError
from owabilint.model import Severity

DEFAULT_SOURCE = "既定"
RULE_DEFAULT_SOURCE = "ルールの既定"
DEFAULTS: dict[str, Any] = {
    "profile": DEFAULT_PROFILE,
    "fail-on": Severity.WARNING,
    "format": None,
    "force-exclude": False,
}


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
class Layer:
    """One source of settings: its values by key, and how each key's source is named."""

    values: Mapping[str, Any]
    origin: Callable[[str], str]  # key → where ``owabilint config`` says its value came from
    where: Callable[[str], str]  # key → where an error message points
    written: bool = False  # a configuration file's list, named by additive keys (extend-select, ignore)
    implicit: bool = False  # what lint uses anyway (the rules' defaults): origins only, not copied


def _same(text: str) -> Callable[[str], str]:
    return lambda _key: text


def defaults_layer() -> Layer:
    return Layer(DEFAULTS, _same(DEFAULT_SOURCE), _same(DEFAULT_SOURCE))


def rule_defaults_layer(rules: list[Any]) -> Layer:
    """Each rule's own severity and options: Settings falls back to them, so only their origins are kept."""
    values = {
        "severity": {rule.id: rule.severity for rule in rules},
        "rules": {rule.id: rule.options for rule in rules},
    }
    return Layer(values, _same(RULE_DEFAULT_SOURCE), _same(RULE_DEFAULT_SOURCE), implicit=True)


def profile_layer(name: str, profile: ConfigFile, rules: list[Any]) -> Layer:
    """The profile's severities and options for the rules in use (a pack may leave some out)."""
    from owabilint.suppression import DIRECTIVE_RULES

    by_id = {rule.id: rule for rule in rules}
    severity: dict[str, str] = {}
    checklist_level = profile.values.get("checklist-severity")
    if checklist_level:
        severity.update((rule.id, checklist_level) for rule in rules if rule.checklist)
    severity.update(
        (rule_id, level)
        for rule_id, level in profile.values.get("severity", {}).items()
        if rule_id in by_id or rule_id in DIRECTIVE_RULES
    )
    options = {rule_id: opts for rule_id, opts in profile.values.get("rules", {}).items() if rule_id in by_id}
    return Layer({"severity": severity, "rules": options}, _same(f"プロファイル {name}"), profile.where)


def file_layer(config: ConfigFile | None) -> Layer:
    if config is None:
        return Layer({}, _same(DEFAULT_SOURCE), _same(DEFAULT_SOURCE))
    return Layer(config.values, config.where, config.where, written=True)


def command_line_layer(overrides: Overrides) -> Layer:
    given = {
        "select": overrides.select,
        "extend-select": overrides.extend_select,
        "ignore": overrides.ignore,
        "profile": overrides.profile,
        "fail-on": overrides.fail_on,
        "format": overrides.output_format,
        "force-exclude": overrides.force_exclude,
    }
    values = {key: value for key, value in given.items() if value or (key == "select" and value is not None)}
    return Layer(values, lambda key: f"コマンドライン --{key}", lambda key: f"--{key}")


class _RuleNames:
    """Rule ids and category names as a configuration may write them."""

    def __init__(self, rules: list[Any]) -> None:
        from owabilint.ruleset.loader import CATEGORIES
        from owabilint.suppression import DIRECTIVE_RULES

        self.by_id = {rule.id: rule for rule in rules}
        self.known = sorted([*self.by_id, *DIRECTIVE_RULES])
        self.categories = {name: [r.id for r in rules if r.category == name] for name in CATEGORIES}

    def check_ids(self, ids: Iterable[str], where: str) -> None:
        for rule_id in ids:
            if rule_id not in self.known:
                raise ConfigError(f"{where}: 不明なルール ID '{rule_id}' です{did_you_mean(rule_id, self.known)}")

    def check_selectors(self, names: Iterable[str], where: str) -> None:
        for name in names:
            if name not in self.known and name not in self.categories:
                close = did_you_mean(name, [*self.known, *self.categories])
                raise ConfigError(f"{where}: 不明なルール ID '{name}' です{close}")

    def expand(self, names: Iterable[str]) -> list[str]:
        """Rule ids, a category name standing for every rule in it."""
        return [rule_id for name in names for rule_id in self.categories.get(name, [name])]

    def check_layer(self, layer: Layer) -> None:
        """The rule ids and category names a layer writes, in the order of the keys table."""
        for key in CONFIG_KEYS.values():
            value = layer.values.get(key.name)
            if key.rule_refs is None or not value:
                continue
            where = layer.where(key.name)
            if key.rule_refs is RuleRefs.SELECTORS:
                self.check_selectors(value, where)
            elif key.rule_refs is RuleRefs.IDS:
                for rule_id in value:
                    self.check_ids([rule_id], f"{where}.{rule_id}")
            elif key.rule_refs is RuleRefs.OPTIONS:
                for rule_id, opts in value.items():
                    self.check_ids([rule_id], f"{where}.{rule_id}")
                    if rule_id not in self.by_id:
                        raise ConfigError(f"{where}.{rule_id}: このルールにはオプションがありません")
                    check_options(self.by_id[rule_id], opts, f"{where}.{rule_id}")
            elif key.rule_refs is RuleRefs.PATTERN_SELECTORS:
                for pattern, ids in value.items():
                    self.check_selectors(ids, f'{where}."{pattern}"')
                    path_spec(pattern, f'{where}."{pattern}"')


def resolve(config: ConfigFile | None, overrides: Overrides) -> Resolved:
    """Merge defaults, profile, one configuration file and the command line."""
    from owabilint.engine import Settings

    values = config.values if config else {}
    rule_paths = [rule_path(config, p, i) for i, p in enumerate(values.get("rule-paths", []))] if config else []
    rules = load_rules_for(config, rule_paths)
    names = _RuleNames(rules)
    file, command_line = file_layer(config), command_line_layer(overrides)
    for layer in (file, command_line):
        names.check_layer(layer)
    origins: dict[str, str] = {}

    chosen = {
        key.name: _last(key.name, (defaults_layer(), file, command_line), origins)
        for key in CONFIG_KEYS.values()
        if key.merge is Merge.LAST
    }
    profile_name = chosen["profile"]
    layers = (rule_defaults_layer(rules), profile_layer(profile_name, load_profile(profile_name), rules), file)
    severity = _merge_entries("severity", layers, origins)
    options = _merge_entries("rules", layers, origins)
    select, ignore = _merge_selection((file, command_line), names, origins)

    for key in CONFIG_KEYS.values():
        if key.merge is Merge.FILE and _in_effect(key.name, values):
            origins[key.name] = file.origin(key.name)
    per_file = [
        (pattern, path_spec(pattern, f'{file.where("per-file-ignores")}."{pattern}"'), names.expand(ids))
        for pattern, ids in values.get("per-file-ignores", {}).items()
    ]
    settings = Settings(select=select, ignore=ignore, severity=severity, options=options, fail_on=chosen["fail-on"])
    return Resolved(
        settings,
        rules,
        config,
        profile_name,
        chosen["format"],
        origins,
        per_file,
        rule_paths,
        list(values.get("exclude", [])),
        chosen["force-exclude"],
    )


def _last(key: str, layers: Iterable[Layer], origins: dict[str, str]) -> Any:
    """The value of the last layer that sets ``key`` (the defaults layer sets every such key)."""
    value = None
    for layer in layers:
        if key in layer.values:
            value = layer.values[key]
            origins[key] = layer.origin(key)
    return value


def _merge_entries(key: str, layers: Iterable[Layer], origins: dict[str, str]) -> dict[str, Any]:
    """A table merged entry by entry (``severity.<id>``), or option by option (``rules.<id>.<option>``)."""
    merged: dict[str, Any] = {}
    for layer in layers:
        for entry, value in layer.values.get(key, {}).items():
            if isinstance(value, dict):
                if not layer.implicit:
                    merged.setdefault(entry, {}).update(value)
                for option in value:
                    origins[f"{key}.{entry}.{option}"] = layer.origin(key)
            else:
                if not layer.implicit:
                    merged[entry] = value
                origins[f"{key}.{entry}"] = layer.origin(key)
    return merged


def _merge_selection(
    layers: Iterable[Layer], names: _RuleNames, origins: dict[str, str]
) -> tuple[set[str] | None, set[str]]:
    """``select`` replaces the selection (and a lower layer's ``extend-select``); ``extend-select``
    adds to a selection; ``ignore`` adds up. The ``extend-select`` and ``ignore`` lines of
    ``owabilint config`` name the configuration file's list; each ignored rule names its own layer."""
    select: set[str] | None = None
    ignore: set[str] = set()
    origins["select"] = origins["ignore"] = DEFAULT_SOURCE
    for layer in layers:
        if "select" in layer.values:
            select = set(names.expand(layer.values["select"]))
            origins["select"] = layer.origin("select")
            origins.pop("extend-select", None)
        if select is not None and "extend-select" in layer.values:
            select |= set(names.expand(layer.values["extend-select"]))
            if layer.written:
                origins["extend-select"] = layer.origin("extend-select")
        if "ignore" in layer.values:
            added = names.expand(layer.values["ignore"])
            ignore.update(added)
            if layer.written:
                origins["ignore"] = layer.origin("ignore")
            origins.update((f"ignore.{rule_id}", layer.origin("ignore")) for rule_id in added)
    return select, ignore


def _in_effect(key: str, values: Mapping[str, Any]) -> bool:
    """Whether a file-only key gets an origin: rule-paths and exclude when not empty, the rule
    extension keys whenever written (``owabilint config`` shows them as written); per-file
    ignores get theirs rule by rule when a file matches (:meth:`Resolved.for_file`)."""
    if key in RULE_EXTENSION_KEYS:
        return key in values
    return key != "per-file-ignores" and bool(values.get(key))
