"""SARIF 2.1.0 output, for GitHub code scanning and other static-analysis dashboards."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import TYPE_CHECKING, TextIO

from qa import __version__
from qa.model import Finding, Severity

if TYPE_CHECKING:
    from qa.engine import Report

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    return PurePath(path).as_posix() if path != "-" else "stdin"


def _region(finding: Finding) -> dict[str, object]:
    lines = finding.text.split("\n")
    end_line = finding.line + len(lines) - 1
    end_column = (finding.column if len(lines) == 1 else 1) + len(lines[-1])
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": finding.start,
        "charLength": finding.end - finding.start,
        "snippet": {"text": finding.text},
    }


def _result(finding: Finding, rule_index: dict[str, int]) -> dict[str, object]:
    location = {"physicalLocation": {"artifactLocation": {"uri": _uri(finding.path)}, "region": _region(finding)}}
    result: dict[str, object] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "properties": {"category": str(finding.category), "confidence": finding.confidence, "fix": str(finding.fix)},
    }
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    if finding.fingerprint:
        result["partialFingerprints"] = {"qaFinding/v1": finding.fingerprint}
    if finding.suggestion is not None and str(finding.fix) != "none":
        result["fixes"] = [
            {
                "description": {"text": f"Replace with '{finding.suggestion}' ({finding.fix} fix)"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": _uri(finding.path)},
                        "replacements": [
                            {"deletedRegion": _region(finding), "insertedContent": {"text": finding.suggestion}}
                        ],
                    }
                ],
            }
        ]
    return result


def sarif_dict(report: Report) -> dict[str, object]:
    from qa.checkers import all_rules

    rules = all_rules()
    rule_index = {rule.code: index for index, rule in enumerate(rules)}
    descriptors = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.name.replace("-", " ")},
            "fullDescription": {"text": rule.why},
            "help": {"text": f"{rule.why}\nScope: {rule.scope}"},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"category": str(rule.category), "fix": str(rule.fix)},
        }
        for rule in rules
    ]
    notifications = [
        {"level": "error", "message": {"text": result.error}, "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": _uri(result.path)}}}
        ]}
        for result in report.files
        if result.error
    ]  # fmt: skip
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "qa", "version": __version__, "semanticVersion": __version__,
                                    "informationUri": "https://example.invalid/qa", "rules": descriptors}},
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
                ],
                "results": [_result(f, rule_index) for f in report.findings],
            }
        ],
    }  # fmt: skip


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    json.dump(sarif_dict(report), stream, ensure_ascii=False, indent=1)
    stream.write("\n")
