"""`qa eval`: score findings against gold span annotations (DESIGN §4).

The matching is the reference scorer's (`shared/tools/score_gold.py`): a finding hits a gold span
when the ranges overlap and the span accepts the finding's category; findings that overlap a
`neutral` span count neither way; every other finding is a false positive.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field

from qa.model import Finding

TIERS = ("core", "medium", "hard")


class GoldError(Exception):
    """A gold file that cannot be read; the message names file:line."""


@dataclass(frozen=True)
class GoldSpan:
    doc: str
    start: int
    end: int
    accept: tuple[str, ...]
    tier: str
    quote: str = ""
    fix: str | None = None

    @property
    def neutral(self) -> bool:
        return "neutral" in self.accept


@dataclass
class Score:
    hits: Counter[str] = field(default_factory=Counter)  # by tier
    totals: Counter[str] = field(default_factory=Counter)
    category_hits: Counter[str] = field(default_factory=Counter)
    category_totals: Counter[str] = field(default_factory=Counter)
    true_positives: int = 0
    false_positives: list[Finding] = field(default_factory=list)
    misses: list[GoldSpan] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + len(self.false_positives)
        return self.true_positives / found if found else 0.0

    def recall(self, tier: str | None = None) -> float:
        if tier is None:
            return sum(self.hits.values()) / max(1, sum(self.totals.values()))
        return self.hits[tier] / self.totals[tier] if self.totals[tier] else 0.0

    def summary_line(self) -> str:
        parts = [f"{t} {self.hits[t]}/{self.totals[t]}" for t in TIERS if self.totals[t]]
        return (
            f"recall {' '.join(parts)} (all {self.recall():.2f}); precision {self.precision:.2f} "
            f"({self.true_positives} tp, {len(self.false_positives)} fp)"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "recall": {t: {"hit": self.hits[t], "total": self.totals[t]} for t in TIERS if self.totals[t]},
            "recall_by_category": {
                c: {"hit": self.category_hits[c], "total": self.category_totals[c]}
                for c in sorted(self.category_totals)
            },
            "precision": round(self.precision, 4),
            "true_positives": self.true_positives,
            "false_positives": [f.to_dict() for f in self.false_positives],
            "misses": [{"doc": g.doc, "quote": g.quote, "tier": g.tier, "accept": list(g.accept)} for g in self.misses],
        }


def load_gold(path: str) -> list[GoldSpan]:
    spans = []
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.readlines()
    except OSError as exc:
        raise GoldError(f"{path}: cannot read gold file ({exc.strerror or exc})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            spans.append(
                GoldSpan(
                    doc=record["doc"],
                    start=int(record["start"]),
                    end=int(record["end"]),
                    accept=tuple(record["accept"]),
                    tier=record.get("tier", "core"),
                    quote=record.get("quote", ""),
                    fix=record.get("fix"),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}:{number}: not a gold span ({exc.__class__.__name__}: {exc})") from None
    return spans


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return (a_start < b_end and b_start < a_end) or (a_start == a_end and b_start <= a_start <= b_end)


def score(gold: list[GoldSpan], findings: list[Finding], docs: set[str] | None = None) -> Score:
    """Score findings of the documents `docs` (file names); default: every document in gold."""
    docs = docs if docs is not None else {g.doc for g in gold}
    gold = [g for g in gold if g.doc in docs]
    findings = [f for f in findings if os.path.basename(f.path) in docs]
    result = Score()
    for span in gold:
        if span.neutral:
            continue
        result.totals[span.tier] += 1
        result.category_totals[span.accept[0]] += 1  # the span's main category
        hit = next(
            (f for f in findings if os.path.basename(f.path) == span.doc and str(f.category) in span.accept
             and overlaps(f.start, f.end, span.start, span.end)),
            None,
        )  # fmt: skip
        if hit is not None:
            result.hits[span.tier] += 1
            result.category_hits[span.accept[0]] += 1
        else:
            result.misses.append(span)
    for finding in findings:
        near = [
            g
            for g in gold
            if g.doc == os.path.basename(finding.path) and overlaps(finding.start, finding.end, g.start, g.end)
        ]
        if any(str(finding.category) in g.accept for g in near):
            result.true_positives += 1
        elif not any(g.neutral for g in near):
            result.false_positives.append(finding)
    return result
