"""``json``: the editor interface, schema version 1 (documented in README)."""

from __future__ import annotations

import json

from owabilint.model import Report

SCHEMA_VERSION = 1


def as_dict(report: Report) -> dict:
    return {
        "version": SCHEMA_VERSION,
        "files": [
            {
                "path": f.path,
                "encoding": f.encoding,
                "position_base": f.position_base,
                "diagnostics": [d.as_dict() for d in f.diagnostics],
                "checklist": [c.as_dict() for c in f.checklist],
                "error": f.error,
            }
            for f in report.files
        ],
        "summary": {
            "files": len(report.files),
            "errors": report.count("error"),
            "warnings": report.count("warning"),
            "infos": report.count("info"),
        },
    }


def render(report: Report, **_: object) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"


SCHEMA_RESOURCE = "schemas/report-v1.schema.json"


def schema() -> dict:
    """The JSON Schema (draft 2020-12) of this format, shipped inside the package."""
    from importlib.resources import files

    return json.loads(files("owabilint").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8"))
