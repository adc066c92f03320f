"""Configuration files: their names, finding the nearest one, reading and checking it, profiles."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from owabilint.config.keys import CONFIG_KEYS, PROFILE_KEYS, check_keys
from owabilint.errors import ConfigError
from owabilint.safe_read import FileTooLarge, NotRegularFile, read_settings_text

CONFIG_FILE_NAME = "owabilint.toml"  # the one ``owabilint init`` writes
PYPROJECT = "pyproject.toml"  # read only when it has a [tool.owabilint] table
PYPROJECT_PREFIX = "tool.owabilint."
# Looked for in this order in each folder.
CONFIG_NAMES = (CONFIG_FILE_NAME, ".owabilint.toml", PYPROJECT)


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
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "owabilint" not in tool:
            if required:
                raise ConfigError(f"{path}: [tool.owabilint] の表がありません")
            return None
        data = tool["owabilint"]
        prefix = PYPROJECT_PREFIX
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: tool.owabilint は表（[tool.owabilint]）にしてください")
    config = ConfigFile(path, data, prefix, named=required)
    check_keys(config, CONFIG_KEYS)
    return config


def find_config(folder: Path) -> ConfigFile | None:
    """The nearest configuration file from ``folder`` upwards, or None.

    Only folders up to the repository root, and only those the user controls, are
    looked in (see owabilint.config.trust).
    """
    from owabilint.config.trust import config_folders, trusted_config_file

    for candidate_dir in config_folders(folder):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if trusted_config_file(candidate):
                config = read_config_file(candidate)
                if config is not None:
                    return config
    return None


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
    check_keys(profile, PROFILE_KEYS)
    return profile
