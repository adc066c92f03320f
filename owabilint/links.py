"""Where users read about owabilint and its rules (SARIF helpUri, LSP codeDescription)."""

from __future__ import annotations

HOMEPAGE = "https://github.com/owabilint/owabilint"
RULES_DOC = f"{HOMEPAGE}/blob/main/README.md#rules"


def rule_doc_url(rule_id: str) -> str:
    """The documentation of a rule: README's rules section (``owabilint rule ID`` has the details)."""
    return RULES_DOC
