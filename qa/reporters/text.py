"""Human-readable output: `path:line:col: CODE message (suggestion)`, then a summary."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

import click

from qa.model import Severity

if TYPE_CHECKING:
    from qa.engine import Report


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 'es' if noun.endswith(('s', 'x')) else 's'}"


SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]

    for result in report.files:
        for f in result.findings:
            location = style(f"{f.path}:{f.line}:{f.column}:", bold=True)
            code = style(f.rule, fg=SEVERITY_COLOURS[f.severity], bold=True)
            hint = f" (→ {f.suggestion})" if f.suggestion is not None else ""
            stream.write(f"{location} {code} {f.message}{hint}\n")
    for result in report.files:
        for s in result.unused_suppressions:
            location = style(f"{result.path}:{s.line}:{s.column}:", bold=True)
            stream.write(f"{location} unused suppression '{s.text}' (nothing to suppress)\n")
    findings = report.findings
    by_severity = Counter(f.severity for f in findings)
    files_with = sum(1 for r in report.files if r.findings)
    parts = [f"{by_severity[s]} {s}" for s in sorted(by_severity, reverse=True)]
    summary = plural(len(findings), "finding")
    if parts:
        summary += f" ({', '.join(parts)})"
    summary += f" in {files_with} of {plural(len(report.files), 'file')}"
    fixable = sum(1 for f in findings if str(f.fix) == "safe")
    if fixable:
        summary += f"; {fixable} fixable with `qa fix`"
    if report.errors:
        summary += f"; {plural(len(report.errors), 'file')} not checked"
    stream.write(style(summary, bold=True) + "\n")
