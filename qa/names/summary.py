"""The results of the name pass over one document: issues, and the summary corpus passes reduce over."""

from __future__ import annotations

from dataclasses import dataclass, field

from qa.names.clusters import FormUse

NEAR, INCONSISTENT = "N001", "N002"


@dataclass(frozen=True)
class Issue:
    """What a name check found, before it becomes a Finding."""

    rule: str
    start: int
    end: int
    text: str
    suggestion: str
    confidence: float
    counts: tuple[int, int] = (0, 0)  # N002: (this spelling, the majority spelling)


@dataclass
class TermUse:
    """How a glossary entry was written in one document (for `qa glossary suggest`)."""

    surfaces: dict[str, int] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)
    near: set[str] = field(default_factory=set)  # unlisted near-variants found by N001


@dataclass
class DocNames:
    """The per-document summary that corpus passes reduce over (plain, picklable data)."""

    path: str
    forms: dict[tuple[str, str], FormUse] = field(default_factory=dict)  # (level, key) -> spelling
    terms: dict[int, TermUse] = field(default_factory=dict)  # glossary term index -> use
