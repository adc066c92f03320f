"""``github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``. The message is
escaped as GitHub documents (``%``, CR, LF); property values also escape ``:`` and ``,``.
"""

from __future__ import annotations

from owabilint.model import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def render(report: Report, **_: object) -> str:
    lines = []
    for f in report.files:
        if f.error:
            lines.append(command("error", f.error, file=f.path, title="owabilint"))
            continue
        for d in f.diagnostics:
            lines.append(
                command(
                    COMMANDS[d.severity],
                    d.message,
                    file=f.path,
                    line=d.line,
                    col=d.column,
                    endLine=d.end_line,
                    endColumn=d.end_column,
                    title=f"owabilint [{d.rule}]",
                )
            )
    return "\n".join(lines) + ("\n" if lines else "")
