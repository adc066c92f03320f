"""The configuration of each linted file: found, read, resolved and cached per folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from owabilint.config.files import ConfigFile, find_config, read_config_file
from owabilint.config.layers import Overrides, resolve
from owabilint.config.resolved import Resolved
from owabilint.errors import ConfigError


@dataclass(frozen=True)
class ResolverOptions:
    """How to find configuration: picklable, so parallel workers can rebuild a resolver."""

    config: str | None = None  # --config PATH
    no_config: bool = False  # --no-config
    overrides: Overrides = field(default_factory=Overrides)
    cwd: str | None = None  # folder for stdin and run-wide settings (default: the process's)


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


def resolve_settings(path: str | Path, overrides: Overrides | None = None, **options: Any) -> Resolved:
    """One-call shortcut: the :class:`Resolved` configuration of ``path``."""
    resolver = ConfigResolver(ResolverOptions(overrides=overrides or Overrides(), **options))
    return resolver.for_path(path)
