"""Where users read about owabilint and its rules (SARIF helpUri, LSP codeDescription)."""

from __future__ import annotations

HOMEPAGE = "https://github.com/owabilint/owabilint"
RULES_DOC = f"{HOMEPAGE}/blob/main/README.md#rules"  # every rule's link (``owabilint rule ID`` has the details)
