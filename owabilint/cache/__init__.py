"""Caches that halve start-up: prepared rule sets and folded lexicon terms.

- ``caches``: :class:`~owabilint.cache.caches.Caches`, what a run owns and saves at its end;
- ``files``: where cache files live and how they are read and written safely (the
  folder may be shared: nothing in it is trusted);
- ``folds``: folded lexicon terms;
- ``rules``: prepared rule sets as JSON (never pickle);
- ``module_regexes``: the regexes owabilint's modules compile at import, handed to ``re``;
- ``regex_code``: compiled regexes as data, the one part relying on CPython internals.
"""

import logging

# A cache that cannot be used costs speed, not results: its log lines are shown only
# where a handler is set up (``owabilint check --verbose``, the language server's log),
# never by Python's last-resort handler on every run.
logging.getLogger(__name__).addHandler(logging.NullHandler())
