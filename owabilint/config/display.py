"""``owabilint config`` / ``--show-config``: the effective configuration and where each value came from."""

from __future__ import annotations

import json
from typing import Any

from owabilint.config.keys import RULE_EXTENSION_KEYS
from owabilint.config.layers import DEFAULT_SOURCE, RULE_DEFAULT_SOURCE
from owabilint.config.resolved import Resolved
from owabilint.model import Severity


def describe(resolved: Resolved) -> str:
    """The effective configuration as TOML, each value followed by where it came from."""
    lines: list[str] = []
    source = str(resolved.config.path) if resolved.config else "なし（既定値で動作）"
    lines.append(f"# owabilint の実効設定　設定ファイル: {source}")
    settings = resolved.settings
    origins = resolved.origins

    def add(key: str, value: Any, origin_key: str | None = None) -> None:
        lines.append(_commented(f"{key} = {toml_value(value)}", origins.get(origin_key or key, DEFAULT_SOURCE)))

    add("profile", resolved.profile)
    if settings.select is None:
        lines.append(_commented("# select: すべてのルール", origins.get("select", DEFAULT_SOURCE)))
    else:
        add("select", sorted(settings.select))
    add("ignore", sorted(settings.ignore))
    add("fail-on", settings.fail_on)
    if resolved.output_format:
        add("format", resolved.output_format)
    else:
        lines.append(_commented("# format: 端末では rich、それ以外は text", DEFAULT_SOURCE))
    if resolved.exclude:
        add("exclude", resolved.exclude)
    add("force-exclude", resolved.force_exclude)
    if resolved.rule_paths:
        add("rule-paths", [str(p) for p in resolved.rule_paths])
    values = resolved.config.values if resolved.config else {}
    for key in RULE_EXTENSION_KEYS:
        if key in values:
            add(key, values[key])
    if resolved.per_file_ignores:
        lines.append("")
        lines.append("[per-file-ignores]")
        for pattern, _spec, ids in resolved.per_file_ignores:
            where = resolved.config.where("per-file-ignores") if resolved.config else ""
            lines.append(_commented(f"{toml_value(pattern)} = {toml_value(ids)}", where))
    lines.append("")
    lines.append("[severity]  # 実際に使われる重要度（off は実行されないルール）")
    for rule in sorted(resolved.rules, key=lambda r: r.id):
        level = settings.severity_of(rule)
        origin_key = f"severity.{rule.id}"
        if not settings.enabled(rule):
            if rule.id in settings.ignore:
                level, origin_key = Severity.OFF, f"ignore.{rule.id}"
            elif settings.select is not None and rule.id not in settings.select:
                level, origin_key = Severity.OFF, "select"
        add(rule.id, level, origin_key)
    from owabilint.suppression import DIRECTIVE_RULES

    for rule_id, (default, _summary) in DIRECTIVE_RULES.items():
        level = settings.severity.get(rule_id, default) if settings.enabled(rule_id) else Severity.OFF
        origin = origins.get(f"severity.{rule_id}", RULE_DEFAULT_SOURCE)
        if rule_id in settings.ignore:
            origin = origins.get(f"ignore.{rule_id}", origin)
        elif settings.select is not None and rule_id not in settings.select:
            origin = origins.get("select", origin)
        lines.append(_commented(f"{rule_id} = {toml_value(level)}", f"{origin}（Markdown の指示コメント）"))
    for rule in sorted(resolved.rules, key=lambda r: r.id):
        opts = settings.options_of(rule)
        if opts:
            lines.append("")
            lines.append(f"[rules.{rule.id}]")
            for option, value in opts.items():
                add(option, value, f"rules.{rule.id}.{option}")
    return "\n".join(lines) + "\n"


def as_dict(resolved: Resolved) -> dict[str, Any]:
    """The effective configuration as plain data (for editors and ``--format json``)."""
    settings = resolved.settings
    return {
        "config": str(resolved.config.path) if resolved.config else None,
        "profile": resolved.profile,
        "select": sorted(settings.select) if settings.select is not None else None,
        "ignore": sorted(settings.ignore),
        "fail-on": settings.fail_on,
        "format": resolved.output_format,
        "rule-paths": [str(p) for p in resolved.rule_paths],
        "exclude": resolved.exclude,
        "force-exclude": resolved.force_exclude,
        "severity": {
            r.id: (settings.severity_of(r) if settings.enabled(r) else Severity.OFF)
            for r in sorted(resolved.rules, key=lambda r: r.id)
        },
        "rules": {
            r.id: settings.options_of(r) for r in sorted(resolved.rules, key=lambda r: r.id) if settings.options_of(r)
        },
        "per-file-ignores": {pattern: ids for pattern, _spec, ids in resolved.per_file_ignores},
        "origins": dict(sorted(resolved.origins.items())),
    }


def _commented(text: str, origin: str, width: int = 48) -> str:
    """``text`` padded to ``width`` terminal columns (wide characters count two), then the origin."""
    import unicodedata

    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return f"{text}{' ' * max(1, width - columns)} # {origin}"


def toml_value(value: Any) -> str:
    """``value`` spelt as TOML (``true``, not ``True``), ready to paste into owabilint.toml."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
