"""The gitignore-style path patterns of ``exclude`` and ``per-file-ignores``."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from owabilint.errors import ConfigError


def path_spec(pattern: str, where: str) -> Any:
    """One pattern compiled, or a ConfigError naming ``where``."""
    try:
        return path_spec_lines((pattern,))
    except Exception as exc:  # noqa: BLE001 - pathspec raises several kinds for a bad pattern
        raise ConfigError(f"{where}: パターン {pattern!r} を読めません: {exc}") from None


@lru_cache(maxsize=64)
def path_spec_lines(patterns: tuple[str, ...]) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))
