"""Configuration: discovery, validation, profiles and the settings for each linted file.

Where configuration comes from, lowest precedence first:

1. the rule files' own defaults;
2. the profile (``recommended``, ``strict``, ``concise``: rules/profiles/*.toml);
3. the nearest configuration file, looked for from the linted file's folder upwards
   (in each folder: ``owabilint.toml``, ``.owabilint.toml``, then ``pyproject.toml``
   with a ``[tool.owabilint]`` table), or the file given with ``--config``;
4. the command line (:class:`Overrides`).

The one entry point for every front end (CLI, language server, parallel workers) is
:class:`ConfigResolver`::

    resolver = ConfigResolver(ResolverOptions(config=None, no_config=False, overrides=Overrides()))
    resolved = resolver.for_path("drafts/notice.md")     # raises ConfigError / RuleError
    report = lint_text(text, path=..., kind=..., rules=resolved.rules, settings=resolved.settings)

:class:`ResolverOptions` is a small frozen, picklable value: a worker process builds its
own resolver from it. :func:`resolve_settings` is the one-call shortcut. A configuration
is read completely and validated (keys, types, rule ids, options, rule packs) before any
of its settings are returned, so nothing is linted with a half-read configuration.

Modules: ``keys`` (the table of keys and its validation), ``files`` (configuration file
names, discovery, reading; profiles), ``trust`` (which folders and files may configure),
``layers`` (the merge of defaults, profile, file and command line), ``resolved`` (its
result), ``resolver`` (per-folder caching), ``rule_sets`` (rules and rule options a
configuration asks for), ``patterns``, ``display`` (``owabilint config``), ``template``
(``owabilint init``). This package exports the public API documented in README.md.
"""

from owabilint.config.keys import PROFILES
from owabilint.config.layers import Overrides
from owabilint.config.resolved import Resolved
from owabilint.config.resolver import ConfigResolver, ResolverOptions, resolve_settings

__all__ = ["PROFILES", "ConfigResolver", "Overrides", "Resolved", "ResolverOptions", "resolve_settings"]
