"""The effective configuration of one file or folder, as resolution leaves it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from owabilint.config.files import ConfigFile
from owabilint.config.patterns import path_spec_lines


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
        return bool(path_spec_lines(tuple(self.exclude)).match_file(relative))

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
