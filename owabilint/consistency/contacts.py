"""Contact details that cannot work: phone numbers off the numbering plan, malformed
e-mail addresses and URLs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from owabilint.consistency.base import Check, Problem
from owabilint.errors import RuleError
from owabilint.matchers.base import optional_patterns, take
from owabilint.matchers.detectors import _FULLWIDTH, _URL, ascii_text, may_hold_address
from owabilint.matchers.facts import phones
from owabilint.matchers.patterns import Pattern

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document, Sentence
    from owabilint.matchers.base import LintContext, Part


class PhoneCheck(Check):
    """A phone number whose digits do not fit the numbering plan.

    ``plan`` lists prefixes and their lengths (``{prefix = "0120", digits = 10, label =
    "フリーダイヤル"}``); the longest prefix that fits decides, and a number no prefix
    fits must have ``default_digits`` (fixed lines).
    """

    name = "phone"
    MESSAGES = ("length",)
    KEYS = frozenset({"plan", "default_digits", "default_label"})

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        plan = take(params, "plan", list, where, [])
        self.plan: list[tuple[str, int, str]] = []
        for i, row in enumerate(plan):
            if not (
                isinstance(row, dict)
                and isinstance(row.get("prefix"), str)
                and row["prefix"].isdigit()
                and isinstance(row.get("digits"), int)
                and isinstance(row.get("label"), str)
            ):
                raise RuleError(f"{where}.plan[{i}]: needs prefix (digits), digits (a number) and label")
            self.plan.append((row["prefix"], row["digits"], row["label"]))
        self.plan.sort(key=lambda r: -len(r[0]))
        self.default_digits = take(params, "default_digits", int, where, 10)
        self.default_label = take(params, "default_label", str, where, "固定電話")

    def may_report(self, sentence: Sentence) -> bool:
        return bool(phones(sentence))

    def find(self, ctx: LintContext, sentences: list[Sentence], options: dict[str, Any]) -> Iterator[Problem]:
        doc = ctx.doc
        for sentence in sentences:
            for phone in phones(sentence):
                if doc.in_url_or_email(phone.start, phone.end):
                    continue
                digits = phone.digits
                if digits.startswith("00"):
                    continue  # an international call prefix: another plan
                expected, label = self.default_digits, self.default_label
                for prefix, length, name in self.plan:
                    if digits.startswith(prefix):
                        expected, label = length, name
                        break
                if len(digits) != expected:
                    yield Problem(
                        phone.start,
                        phone.end,
                        "length",
                        {
                            "written": doc.text[phone.start : phone.end],
                            "digits": len(digits),
                            "expected": expected,
                            "label": label,
                        },
                    )


# An at sign with what stands around it, in the sentence's ASCII text (full-width
# translated): local part, optional spaces, @, optional spaces, domain labels.
_AT = re.compile(
    r"(?P<local>[A-Za-z0-9._%+\-]{1,64})(?P<s1>[ ]{0,2})@(?P<s2>[ ]{0,2})"
    r"(?P<domain>[A-Za-z0-9\-]{1,63}(?:[ ]?\.[ ]?[A-Za-z0-9\-]{1,63}){0,8})"
)
_FULLWIDTH_ASCII = re.compile("[\uff01-\uff5e\u3000]")
# A character of a host name as typed, full-width mistakes included (not Japanese text
# or punctuation that follows the URL).
_HOST_CHAR = re.compile("[A-Za-z0-9.\\-Ａ-Ｚａ-ｚ０-９．－]")


class AddressCheck(Check):
    """E-mail addresses and URLs that a reader cannot use as written: full-width
    characters, spaces inside, no dot in the domain; ``http://`` for a contact form."""

    name = "address"
    MESSAGES = ("email-fullwidth", "email-space", "email-domain", "url-fullwidth", "url-http")
    KEYS = frozenset({"contact"})
    OPTIONS = ("suggest-https",)
    FIXABLE = True

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        self.contact: list[Pattern] = optional_patterns(params.get("contact"), f"{where}.contact", lexicons)

    def parts(self) -> list[Part]:
        return [*super().parts(), *((f"contact[{i}]", p) for i, p in enumerate(self.contact))]

    def may_report(self, sentence: Sentence) -> bool:
        return may_hold_address(sentence)

    def find(self, ctx: LintContext, sentences: list[Sentence], options: dict[str, Any]) -> Iterator[Problem]:
        doc = ctx.doc
        suggest_https = options.get("suggest-https", True) is not False
        for sentence in sentences:
            text = ascii_text(sentence)
            if "@" in text:
                yield from self._emails(doc, sentence, text)
            if "://" in text:
                yield from self._urls(ctx, sentence, text, suggest_https)

    def _emails(self, doc: Document, sentence: Sentence, text: str) -> Iterator[Problem]:
        for m in _AT.finditer(text):
            domain = m.group("domain").rstrip(".-")
            end = m.start("domain") + len(domain)
            start, stop = sentence.span(m.start(), end)
            if doc.in_spans(doc.url_spans, start, stop):
                continue  # user@host inside a URL
            raw = doc.text[start:stop]
            values = {"written": raw.strip()}
            if m.group("s1") or m.group("s2") or " " in domain:
                yield Problem(start, stop, "email-space", values)
            elif "." not in domain:
                yield Problem(start, stop, "email-domain", values)
            elif _FULLWIDTH_ASCII.search(sentence.text[m.start() : end]):
                yield Problem(start, stop, "email-fullwidth", values, raw.translate(_FULLWIDTH))

    def _urls(self, ctx: LintContext, sentence: Sentence, text: str, suggest_https: bool) -> Iterator[Problem]:
        doc = ctx.doc
        for m in _URL.finditer(text):
            host_end = m.start() + m.group().index("://") + 3
            raw = sentence.text
            while host_end < m.end() and _HOST_CHAR.match(raw, host_end):
                host_end += 1
            while host_end > m.start() and raw[host_end - 1] in "．.－-":
                host_end -= 1  # https://example.jp． : the dot ends the sentence
            raw_head = sentence.text[m.start() : host_end]
            start, stop = sentence.span(m.start(), host_end)
            if _FULLWIDTH_ASCII.search(raw_head):
                yield Problem(
                    start, stop, "url-fullwidth", {"written": raw_head}, doc.text[start:stop].translate(_FULLWIDTH)
                )
            elif suggest_https and m.group().startswith("http://") and self._about_contact(sentence, ctx):
                yield Problem(start, stop, "url-http", {"written": raw_head})

    def _about_contact(self, sentence: Sentence, ctx: LintContext) -> bool:
        around = [sentence, *sentence.context_sentences]
        return bool(self.contact) and all(any(p.matches(s, ctx) for s in around) for p in self.contact)
