"""Reporters: pure functions from a Report to the text printed for the user.

Each format lives in its own module and is imported only when chosen, so that the
plain formats never pay for importing rich.
"""

from __future__ import annotations

from importlib import import_module

from owabilint.model import Report

FORMATS = ("rich", "text", "json", "sarif", "github", "html")


def render(report: Report, fmt: str, **options: object) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = import_module(f"owabilint.reporters.{fmt}_report")
    return module.render(report, **options)
