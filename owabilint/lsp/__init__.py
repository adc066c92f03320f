"""The language server (``owabilint lsp``): diagnostics and quick fixes in editors.

pygls is imported only here, so the CLI never pays for it.
"""
