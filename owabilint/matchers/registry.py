"""The matcher kinds that rule files name in ``[matcher] kind = ...``."""

from __future__ import annotations

from owabilint.matchers.base import Matcher
from owabilint.matchers.consistency import ConsistencyMatcher
from owabilint.matchers.honorific import HonorificMatcher
from owabilint.matchers.jargon import JargonMatcher
from owabilint.matchers.phrase import PhraseMatcher
from owabilint.matchers.require import RequireMatcher
from owabilint.matchers.sentence import SentenceLengthMatcher
from owabilint.matchers.style import StyleMatcher

MATCHERS: dict[str, type[Matcher]] = {
    m.kind: m
    for m in (
        PhraseMatcher,
        RequireMatcher,
        SentenceLengthMatcher,
        StyleMatcher,
        HonorificMatcher,
        JargonMatcher,
        ConsistencyMatcher,
    )
}
