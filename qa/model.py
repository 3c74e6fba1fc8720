"""The plain data every part of `qa` shares: severities, categories, rules and findings.

A rule is declared once, as data (code, name, message, why, examples); a checker creates findings
through `Rule.finding`, so every finding carries its rule's metadata and reporters need no registry.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Ordered so that `severity >= fail_on` decides the exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            choices = ", ".join(str(s) for s in cls)
            raise ValueError(f"unknown severity {value!r} (choose from {choices})") from None


class Category(str, enum.Enum):
    TERM = "term"
    SENTENCE = "sentence"
    BOILERPLATE = "boilerplate"
    PUNCTUATION = "punctuation"
    SCRIPT = "script"

    def __str__(self) -> str:
        return self.value


class FixSafety(str, enum.Enum):
    """`safe` fixes are applied by `qa fix`; `unsafe` ones need `--unsafe-fixes`."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Example:
    """A rule example: `bad` must raise the rule; `good` is the corrected text (or clean text)."""

    bad: str | None
    good: str | None


@dataclass(frozen=True)
class Rule:
    """One rule: a code, a self-explaining name, the message template, and the documentation."""

    code: str
    name: str
    category: Category
    severity: Severity
    fix: FixSafety
    message: str  # str.format template filled by checkers
    why: str
    examples: tuple[Example, ...]
    # What the rule does inside direct quotations and headlines (documented per rule).
    scope: str = "Everywhere, including quotations and headlines."

    def finding(
        self,
        start: int,
        end: int,
        text: str,
        *,
        suggestion: str | None = None,
        confidence: float = 1.0,
        fix: FixSafety | None = None,
        severity: Severity | None = None,
        **message_args: object,
    ) -> Finding:
        fix_safety = fix or self.fix
        if suggestion is None:
            fix_safety = FixSafety.NONE
        return Finding(
            rule=self.code,
            name=self.name,
            category=self.category,
            severity=severity or self.severity,
            confidence=round(confidence, 3),
            message=self.message.format(text=text, suggestion=suggestion, **message_args),
            start=start,
            end=end,
            text=text,
            suggestion=suggestion,
            fix=fix_safety,
        )


@dataclass(frozen=True)
class Finding:
    """One problem at one span of a document. Offsets are code points into `Document.text`."""

    rule: str
    name: str
    category: Category
    severity: Severity
    confidence: float
    message: str
    start: int
    end: int
    text: str
    suggestion: str | None = None
    fix: FixSafety = FixSafety.NONE
    path: str = ""
    line: int = 0
    column: int = 0
    # Stable identity for baselines and SARIF: rule, text and surrounding words, not the line.
    fingerprint: str = ""

    def placed(self, path: str, start: int, end: int, text: str, line: int, column: int, fingerprint: str) -> Finding:
        """A copy in file coordinates: where the engine puts every finding a checker made."""
        changed = {"path": path, "start": start, "end": end, "text": text, "line": line, "column": column}
        return Finding(**{**self.__dict__, **changed, "fingerprint": fingerprint})

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start, self.end, self.rule)

    def to_dict(self) -> dict[str, object]:
        """The JSON contract of DESIGN §2 (field names are fixed; fields may be added)."""
        return {
            "path": self.path,
            "rule": self.rule,
            "name": self.name,
            "category": str(self.category),
            "severity": str(self.severity),
            "confidence": self.confidence,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "suggestion": self.suggestion,
            "fix": str(self.fix),
            "fingerprint": self.fingerprint,
        }


@dataclass
class FileResult:
    """What checking one file produced: findings, or the one-line error that stopped it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    text: str | None = None  # kept for reporters that show the article (HTML)
    suppressions: list = field(default_factory=list)  # qa.suppressions.Suppression, applied after all passes
    names: object | None = None  # the document's name summary for the cross-document pass (qa.names)

    @property
    def unused_suppressions(self) -> list:
        return [s for s in self.suppressions if not s.used]
