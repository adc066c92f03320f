"""Plain data passed from the engine to the reporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from owabilint.names import printable_name


class Severity(StrEnum):
    """How serious a finding is; ``off`` (a rule that does not run) only where a setting allows it.

    Members are strings, so they compare equal to, and serialise as, "error" etc.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"


# The levels a finding can have, most serious first (also the choices of ``fail-on``).
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# Choices of a rule's configured severity.
SEVERITY_SETTINGS = (*SEVERITIES, Severity.OFF)
SEVERITY_RANK: dict[str, int] = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


def _span_fields(place: Related | Diagnostic) -> dict[str, int]:
    """Where a finding (or another place of it) is, in the order of the JSON report."""
    return {
        "line": place.line,
        "column": place.column,
        "end_line": place.end_line,
        "end_column": place.end_column,
        "offset": place.offset,
        "end_offset": place.end_offset,
    }


@dataclass(frozen=True, slots=True)
class Fix:
    offset: int
    end_offset: int
    replacement: str

    def as_dict(self) -> dict:
        return {"offset": self.offset, "end_offset": self.end_offset, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Related:
    """Another place of the same finding (a gap that shows in several sentences)."""

    offset: int
    end_offset: int
    line: int
    column: int
    end_line: int
    end_column: int

    def as_dict(self) -> dict:
        return _span_fields(self)


@dataclass(slots=True)
class Diagnostic:
    rule: str
    severity: str
    message: str
    offset: int
    end_offset: int
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    fix: Fix | None = None
    related: tuple[Related, ...] = ()

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            **_span_fields(self),
            "fix": self.fix.as_dict() if self.fix else None,
            "related": [r.as_dict() for r in self.related],
        }


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    element: str
    found: bool
    line: int | None
    rule: str

    def as_dict(self) -> dict:
        return {"element": self.element, "found": self.found, "line": self.line}


@dataclass(slots=True)
class FileReport:
    """Result for one input: findings and checklist, or an input error."""

    path: str
    text: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    error: str | None = None
    fail_on: str = "warning"  # from this file's configuration
    encoding: str | None = None  # as detected or forced, e.g. "utf-8", "utf-8-sig", "cp932"
    position_base: str = "file"  # file: positions in the file; body: in the decoded e-mail message

    def __post_init__(self) -> None:
        # Every format prints this path: escaped once here (see owabilint.names).
        self.path = printable_name(self.path)

    def count(self, severity: str) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)

    def fails(self, fail_on: str | None = None) -> bool:
        threshold = SEVERITY_RANK[fail_on or self.fail_on]
        return any(SEVERITY_RANK[d.severity] >= threshold for d in self.diagnostics)


@dataclass(slots=True)
class Report:
    files: list[FileReport] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(f.count(severity) for f in self.files)

    @property
    def has_errors(self) -> bool:
        return any(f.error for f in self.files)

    def fails(self, fail_on: str | None = None) -> bool:
        """True when a finding at or above ``fail_on`` exists (default: each file's own level)."""
        return any(f.fails(fail_on) for f in self.files)
