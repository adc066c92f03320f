"""The shipped samples: good drafts are clean, NG drafts show their defects."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from owabilint.engine import lint_text
from owabilint.inputs.registry import format_of

GOOD = sorted((SAMPLES / "good").iterdir())
NG_EXPECT = {
    "placeholders-left.txt": {
        "unfilled-placeholder",
        "missing-incident-date",
        "missing-record-count",
        "missing-contact",
    },
    "emotional.txt": {"emotional-expression"},
    "vague-investigating.txt": {
        "vague-leaked-data",
        "missing-incident-date",
        "missing-record-count",
        "missing-prevention",
        "missing-contact",
    },
    "abstract-promise.txt": {"missing-prevention", "missing-contact", "vague-leaked-data", "missing-record-count"},
    "no-contact.txt": {"missing-contact"},
    "no-count-no-date.txt": {"missing-incident-date", "missing-record-count"},
    "no-subject-letter.txt": {"missing-subject", "missing-contact-hours"},
    "no-apology.txt": {"missing-apology", "missing-followup"},
    "cause-pending.txt": {"missing-cause"},
    "no-impact-no-advice.txt": {"missing-impact", "missing-customer-guidance"},
    "unsigned.txt": {"missing-signature"},
    "casual-register.txt": {"casual-register"},
    "blame-shifting.txt": {"blame-shifting"},
    "conditional-apology.txt": {"conditional-apology", "missing-apology"},
    "technical-jargon.txt": {"technical-jargon"},
    "mixed-style.txt": {"mixed-style"},
    "double-honorific.txt": {"double-honorific"},
    "long-sentence.txt": {"long-sentence"},
    "weekday-mismatch.txt": {"weekday-mismatch"},
    "era-mismatch.txt": {"era-mismatch"},
    "impossible-date.txt": {"impossible-date"},
    "date-order.txt": {"date-order"},
    "count-mismatch.txt": {"count-mismatch"},
    "phone-number-format.txt": {"phone-number-format"},
    "contact-address-format.txt": {"contact-address-format"},
    "hours-range.txt": {"hours-range"},
}
# Drafts that are complete notices with one kind of wording defect: nothing else fires.
SINGLE_DEFECT = {
    "casual-register.txt",
    "blame-shifting.txt",
    "technical-jargon.txt",
    "mixed-style.txt",
    "double-honorific.txt",
    "long-sentence.txt",
    "weekday-mismatch.txt",
    "era-mismatch.txt",
    "impossible-date.txt",
    "date-order.txt",
    "count-mismatch.txt",
    "phone-number-format.txt",
    "contact-address-format.txt",
    "hours-range.txt",
}


def lint_file(path):
    return lint_text(path.read_text(encoding="utf-8"), path=str(path), format=format_of(str(path)))


@pytest.mark.parametrize("path", GOOD, ids=[p.name for p in GOOD])
def test_good_samples_have_no_error_or_warning(path) -> None:
    report = lint_file(path)
    serious = [(d.rule, d.line, d.message) for d in report.diagnostics if d.severity in ("error", "warning")]
    assert serious == []
    assert all(item.found for item in report.checklist)


@pytest.mark.parametrize("name", sorted(NG_EXPECT))
def test_ng_samples_fire_their_rules(name: str) -> None:
    report = lint_file(SAMPLES / "ng" / name)
    fired = {d.rule for d in report.diagnostics}
    assert NG_EXPECT[name] <= fired, f"missing: {NG_EXPECT[name] - fired}"


@pytest.mark.parametrize("name", sorted(SINGLE_DEFECT))
def test_single_defect_samples_fire_nothing_else(name: str) -> None:
    report = lint_file(SAMPLES / "ng" / name)
    assert {d.rule for d in report.diagnostics} == NG_EXPECT[name]
    assert all(item.found for item in report.checklist)


def test_every_ng_sample_is_covered() -> None:
    assert {p.name for p in (SAMPLES / "ng").iterdir()} == set(NG_EXPECT)
