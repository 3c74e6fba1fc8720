"""GitHub Actions workflow commands: one annotation per finding on the pull request diff."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from qa.model import Severity

if TYPE_CHECKING:
    from qa.engine import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    for result in report.files:
        if result.error:
            stream.write(f"::error file={_property(result.path)},title=qa::{_data(result.error)}\n")
        for f in result.findings:
            end_column = f.column + len(f.text) if "\n" not in f.text else None
            location = f"file={_property(f.path)},line={f.line},col={f.column}"
            if end_column is not None:
                location += f",endColumn={end_column}"
            title = _property(f"{f.rule} {f.name}")
            hint = f" (→ {f.suggestion})" if f.suggestion is not None else ""
            stream.write(f"::{COMMANDS[f.severity]} {location},title={title}::{_data(f.message + hint)}\n")
