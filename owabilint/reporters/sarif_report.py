"""``sarif``: SARIF 2.1.0 for code-scanning services (GitHub, Azure DevOps, …).

Columns are Unicode code points (``run.columnKind`` says so), like everywhere else in
owabilint. Every rule is described in ``tool.driver.rules``; a finding with a safe fix
carries it as a SARIF ``fix``; a file that could not be read becomes a tool execution
notification.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from urllib.parse import quote

from owabilint import __version__
from owabilint.links import HOMEPAGE, RULES_DOC
from owabilint.model import Diagnostic, FileReport, Report
from owabilint.ruleset.loader import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for a path as the user gave it (relative paths stay relative)."""
    if path == "<stdin>":
        return "stdin"
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix())


def rule_name(rule_id: str) -> str:
    """``missing-incident-date`` → ``MissingIncidentDate`` (SARIF's friendly name)."""
    return "".join(part.capitalize() for part in rule_id.split("-"))


def descriptor(rule: Rule) -> dict:
    help_text = (
        f"{rule.message}\n\n{rule.rationale.strip()}\n\n詳しくは `owabilint rule {rule.id}` を参照してください。"
    )
    return {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale.strip() or rule.summary},
        "help": {"text": help_text, "markdown": help_text},
        "helpUri": RULES_DOC,
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def directive_descriptors(known: set[str]) -> list[dict]:
    """The pseudo-rules that report problems with Markdown directive comments."""
    from owabilint.suppression import DIRECTIVE_RULES

    out = []
    for rule_id, (severity, summary) in DIRECTIVE_RULES.items():
        if rule_id in known:
            continue
        help_text = f"{summary}\n\n詳しくは `owabilint rule {rule_id}` を参照してください。"
        out.append(
            {
                "id": rule_id,
                "name": rule_name(rule_id),
                "shortDescription": {"text": summary},
                "help": {"text": help_text, "markdown": help_text},
                "helpUri": RULES_DOC,
                "defaultConfiguration": {"level": LEVELS[severity]},
            }
        )
    return out


def _result(f: FileReport, d: Diagnostic, rule_index: dict[str, int]) -> dict:
    uri = artifact_uri(f.path)
    region = {
        "startLine": d.line,
        "startColumn": d.column,
        "endLine": d.end_line,
        "endColumn": d.end_column,
        "charOffset": d.offset,
        "charLength": d.end_offset - d.offset,
    }
    result: dict = {
        "ruleId": d.rule,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
    }
    if d.rule in rule_index:
        result["ruleIndex"] = rule_index[d.rule]
    if d.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {
                        "startLine": r.line,
                        "startColumn": r.column,
                        "endLine": r.end_line,
                        "endColumn": r.end_column,
                        "charOffset": r.offset,
                        "charLength": r.end_offset - r.offset,
                    },
                },
                "message": {"text": "同じ指摘の別の箇所"},
            }
            for i, r in enumerate(d.related, start=1)
        ]
    if d.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": f"「{d.fix.replacement}」に置き換える"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "charOffset": d.fix.offset,
                                    "charLength": d.fix.end_offset - d.fix.offset,
                                },
                                "insertedContent": {"text": d.fix.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def as_dict(report: Report, rules: list[Rule]) -> dict:
    descriptors = [descriptor(r) for r in rules]
    descriptors += directive_descriptors({r.id for r in rules})
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = [_result(f, d, rule_index) for f in report.files for d in f.diagnostics]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{f.path}: {f.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)}}}],
        }
        for f in report.files
        if f.error
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "owabilint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": HOMEPAGE,
                        "rules": descriptors,
                    }
                },
                "invocations": [
                    {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: Report, *, rules: list[Rule] | None = None, **_: object) -> str:
    if rules is None:
        from owabilint.ruleset.loader import builtin_rules

        rules = builtin_rules()
    return json.dumps(as_dict(report, rules), ensure_ascii=False, indent=2) + "\n"
