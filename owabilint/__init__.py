"""owabilint: a linter for Japanese apology drafts after a personal-data leak.

Library use::

    from owabilint import lint_text
    report = lint_text("件名：…")
    for d in report.diagnostics:
        print(d.line, d.column, d.rule, d.message)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["__version__", "lint_text"]

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.engine import lint_text


def __getattr__(name: str):  # lazy: keep `import owabilint` (and --version) light
    if name == "lint_text":
        from owabilint.engine import lint_text

        return lint_text
    raise AttributeError(name)
