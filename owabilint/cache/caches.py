"""The caches of one run, owned explicitly: opened at start, saved at the end.

Whoever runs owabilint (the CLI, the language server, the review page) creates one
:class:`Caches`, passes it to what loads and prepares rules, and calls :meth:`Caches.save`
when the run ends. Worker processes only lint rules their parent prepared, so they
write nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from owabilint.cache import files
from owabilint.cache.folds import FoldCache
from owabilint.cache.module_regexes import ModuleRegexes

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.ruleset.loader import Rule


class Caches:
    """The fold cache, the rule-set cache and the module-regex cache of one cache folder
    (``None``: no files)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.folds = FoldCache(folder)
        self.regexes = ModuleRegexes(folder)

    @classmethod
    def open(cls) -> Caches:
        """The caches of the configured folder (see owabilint.cache.files.cache_dir)."""
        return cls(files.cache_dir())

    def load_rules(self, folder: Path, loader: Callable[[Path], list[Rule]]) -> list[Rule]:
        """``loader(folder)``'s rules, prepared, from the rule-set cache when it holds them."""
        from owabilint.cache.rules import load_cached

        return load_cached(folder, loader, self.folder, self.folds.fold)

    def prepare(self, rules: list[Rule]) -> None:
        """Fold the rules' lexicon terms now, through the fold cache."""
        from owabilint.ruleset.loader import prepare_rules

        prepare_rules(rules, self.folds.fold)

    def preload_regexes(self) -> None:
        """Before the engine's modules are imported: give ``re`` the patterns they compile
        (owabilint.cache.module_regexes); :meth:`save` then stores the ones it lacked."""
        self.regexes.preload()

    def save(self) -> None:
        """Write what changed during the run (a failure to write only costs speed next time)."""
        self.folds.save()
        self.regexes.save()
