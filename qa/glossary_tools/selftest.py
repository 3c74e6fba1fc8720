"""`qa glossary test`: every entry's `examples` are specs, as in prh.

A `bad` text must raise at least one term finding, and applying every suggested fix must give
exactly `good` (when given); a `good` text must raise no term finding at all. The examples run
against the merged glossary, so an entry's specs also catch a clash with another file's entry.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from qa.checkers import Context, terms
from qa.documents import load_text
from qa.glossary import Glossary
from qa.glossary_tools.source import RawGlossary

NO_FINDING = "bad example raised no finding"
WRONG_FIX = "bad example was not fixed to the good one"
FLAGGED_GOOD = "good example raised findings"


@dataclass(frozen=True)
class Failure:
    location: str  # file:line of the example
    term: str
    text: str  # the example text that was checked
    expected: str  # what the spec wants: the corrected text, or "no finding"
    got: str  # what qa produced
    reason: str

    def diff(self) -> str:
        """Inline diff from expected to got, 'Zel[-e-]{+i+}nsky said'; '' when no fix was compared."""
        if self.reason != WRONG_FIX:
            return ""
        matcher = difflib.SequenceMatcher(None, self.expected, self.got, autojunk=False)
        parts = []
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                parts.append(self.expected[a1:a2])
                continue
            if a2 > a1:
                parts.append(f"[-{self.expected[a1:a2]}-]")
            if b2 > b1:
                parts.append(f"{{+{self.got[b1:b2]}+}}")
        return "".join(parts)

    def to_dict(self) -> dict[str, str]:
        return {"location": self.location, "term": self.term, "text": self.text, "expected": self.expected,
                "got": self.got, "reason": self.reason, "diff": self.diff()}  # fmt: skip


@dataclass
class Outcome:
    examples: int
    failures: list[Failure]


def fix_text(text: str, context: Context) -> tuple[str, list[str]]:
    """`text` with every suggested term fix applied, and the texts that were flagged."""
    findings = sorted(terms.check(load_text("example.txt", text), context), key=lambda f: (f.start, f.end))
    edits = []
    for finding in (f for f in findings if f.suggestion is not None):
        if not edits or finding.start >= edits[-1].end:  # as `qa fix`: of overlapping fixes the first wins
            edits.append(finding)
    fixed = text
    for finding in reversed(edits):
        fixed = fixed[: finding.start] + finding.suggestion + fixed[finding.end :]  # type: ignore[operator]
    return fixed, [f"{f.rule} {f.text!r}" for f in findings]


def run_examples(glossary: Glossary, sources: list[RawGlossary]) -> Outcome:
    """Run every example of every entry in force in `glossary`; `sources` give each example's line."""
    lines = {entry.source: [e.line for e in entry.examples] for raw in sources for entry in raw.entries}
    context = Context(glossary)
    failures: list[Failure] = []
    count = 0
    for term in glossary.terms:
        example_lines = lines.get(term.source, [])
        for index, example in enumerate(term.examples):
            count += 1
            path = term.source.rsplit(":", 1)[0]
            location = f"{path}:{example_lines[index]}" if index < len(example_lines) else term.source
            if example.bad is not None:
                fixed, flagged = fix_text(example.bad, context)
                if not flagged:
                    failures.append(Failure(location, term.term, example.bad, example.good or "a finding",
                                            example.bad, NO_FINDING))  # fmt: skip
                elif example.good is not None and fixed != example.good:
                    failures.append(Failure(location, term.term, example.bad, example.good, fixed, WRONG_FIX))
            if example.good is not None:
                _, flagged = fix_text(example.good, context)
                if flagged:
                    failures.append(Failure(location, term.term, example.good, "no finding", "; ".join(flagged),
                                            FLAGGED_GOOD))  # fmt: skip
    return Outcome(count, failures)
