"""Inline suppressions: `qa: ignore[CODES]` for the next line, `qa: off` ... `qa: on` for a block.

In Markdown and HTML the directive sits in a comment (`<!-- qa: ignore[T001] -->`); in plain
text on a line of its own, optionally behind `#` or `//`. A directive at the end of a line of
text applies to that line. Without `[CODES]` every rule is suppressed; codes are prefixes.
Directives that suppress nothing are reported, so stale ones do not pile up.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from qa.model import Finding

DIRECTIVE = regex.compile(r"qa:\s*(ignore|off|on)(?:\[([A-Za-z0-9,\s]*)\])?")
# A plain-text line that holds only a directive (it is blanked before checking).
DIRECTIVE_LINE = regex.compile(r"(?m)^[ \t]*(?:#|//|<!--)?[ \t]*qa:\s*(?:ignore|off|on)\b[^\n]*$")


@dataclass
class Suppression:
    first_line: int
    last_line: int
    codes: tuple[str, ...]  # empty: every rule
    line: int  # where the directive is written
    column: int
    text: str
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        in_range = self.first_line <= finding.line <= self.last_line
        return in_range and (not self.codes or any(finding.rule.startswith(c) for c in self.codes))


def blank_directive_lines(text: str) -> str:
    """Plain text: replace directive-only lines by spaces, keeping every offset."""
    if "qa:" not in text:
        return text
    return DIRECTIVE_LINE.sub(lambda m: " " * len(m.group()), text)


def parse_suppressions(text: str) -> list[Suppression]:
    if "qa:" not in text:
        return []
    lines = text.split("\n")
    total = len(lines)
    found: list[Suppression] = []
    open_block: Suppression | None = None
    for number, line in enumerate(lines, 1):
        for match in DIRECTIVE.finditer(line):
            kind = match.group(1)
            codes = tuple(c.strip().upper() for c in (match.group(2) or "").split(",") if c.strip())
            column = match.start() + 1
            if kind == "off":
                open_block = Suppression(number, total, codes, number, column, match.group())
                found.append(open_block)
            elif kind == "on":
                if open_block is not None:
                    open_block.last_line = number
                    open_block = None
            else:
                alone = not _has_prose(line[: match.start()])
                target = _next_content_line(lines, number) if alone else number
                found.append(Suppression(target, target, codes, number, column, match.group()))
    return found


def _has_prose(before: str) -> bool:
    stripped = before.strip().removesuffix("<!--").strip().lstrip("#/").strip()
    return bool(stripped)


def _next_content_line(lines: list[str], number: int) -> int:
    for index in range(number, len(lines)):
        if lines[index].strip() and not DIRECTIVE.search(lines[index]):
            return index + 1
    return number


def apply_suppressions(findings: list[Finding], suppressions: list[Suppression]) -> list[Finding]:
    if not suppressions:
        return findings
    kept = []
    for finding in findings:
        covering = [s for s in suppressions if s.covers(finding)]
        for suppression in covering:
            suppression.used = True
        if not covering:
            kept.append(finding)
    return kept
