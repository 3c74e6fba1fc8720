"""JSON output: the contract of DESIGN §2 (field names fixed; fields may be added)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from qa import __version__

if TYPE_CHECKING:
    from qa.engine import Report


def report_dict(report: Report) -> dict[str, object]:
    return {
        "tool": {
            "name": "qa",
            "version": __version__,
            "glossaries": list(report.glossary.paths) if report.glossary else [],
            "model": report.model,
        },
        "files": [
            {"path": result.path, "findings": len(result.findings), **({"error": result.error} if result.error else {})}
            for result in report.files
        ],
        "findings": [finding.to_dict() for finding in report.findings],
        "errors": report.errors,
        "unused_suppressions": [
            {"path": r.path, "line": s.line, "column": s.column, "text": s.text}
            for r in report.files
            for s in r.unused_suppressions
        ],
    }


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    """One key of the report per line and one finding (file, error) per line: readable, and made
    by json's compact encoder, which is written in C (its indenting one is Python, 10x slower)."""
    fields = []
    for key, value in report_dict(report).items():
        if isinstance(value, list) and value:
            value_text = "[\n" + ",\n".join("  " + _compact(item) for item in value) + "\n ]"
        else:
            value_text = _compact(value)
        fields.append(f" {_compact(key)}: {value_text}")
    stream.write("{\n" + ",\n".join(fields) + "\n}\n")


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
