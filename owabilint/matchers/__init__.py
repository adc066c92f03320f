"""Matcher kinds: how a rule file's ``[matcher]`` table finds text (``registry.MATCHERS``).

This package's ``__init__`` stays empty: the consistency checks use the matchers' building
blocks (base, facts, detectors), and the registry imports the consistency matcher, so the
registry lives in a module of its own instead of here.
"""
