"""Fast glossary matching: one Aho-Corasick automaton over every form of every term.

Text is normalised without changing its length (lower case, curly apostrophes and Unicode
hyphens folded), so automaton offsets are offsets into the original text. Matches must sit on
Unicode word boundaries; overlapping matches resolve leftmost-longest, and matches inside a
listed exception ("Chicken Kiev") are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

if TYPE_CHECKING:
    from qa.glossary import Glossary, Term

# Look-alikes folded for matching; each is one code point replaced by one code point.
FOLD = (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("\u2010", "-"), ("\u2011", "-"), ("\u00a0", " "), ("\u202f", " "))

CANONICAL, VARIANT, ACCEPTED, IMPLICIT, EXCEPTION = "canonical", "variant", "accepted", "implicit", "exception"


def normalise(text: str) -> str:
    """Lower-case and fold look-alike punctuation, keeping every character at its offset."""
    lowered = text.lower()
    if len(lowered) != len(text):  # e.g. "İ" lower-cases to two code points
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for char, replacement in FOLD:
        if char in lowered:  # str.replace runs in C; str.translate with a table is 10x slower
            lowered = lowered.replace(char, replacement)
    return lowered


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


@dataclass(frozen=True)
class FormEntry:
    term_index: int
    role: str  # canonical | variant | accepted | implicit | exception
    form: str  # as written in the glossary


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    entries: tuple[FormEntry, ...]  # every glossary form with this normalised spelling


class TermMatcher:
    def __init__(self, glossary: Glossary) -> None:
        self.terms: list[Term] = glossary.terms
        self.patterned_terms = [term for term in self.terms if term.patterns]
        forms: dict[str, list[FormEntry]] = {}
        for index, term in enumerate(self.terms):
            roles = [(CANONICAL, (term.term,)), (VARIANT, term.variants), (ACCEPTED, term.accepted),
                     (IMPLICIT, term.implicit_variants()), (EXCEPTION, term.exceptions)]  # fmt: skip
            for role, values in roles:
                for form in values:
                    key = normalise(form)
                    entry = FormEntry(index, role, form)
                    if entry not in forms.setdefault(key, []):
                        forms[key].append(entry)
        self.automaton = ahocorasick.Automaton()
        for key, entries in forms.items():
            self.automaton.add_word(key, (len(key), tuple(entries)))
        self.empty = not forms
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[TermMatch]:
        """All term matches in `text`, leftmost-longest, outside exception phrases."""
        if self.empty:
            return []
        candidates: list[TermMatch] = []
        for last, (length, entries) in self.automaton.iter(normalise(text)):
            start, end = last - length + 1, last + 1
            if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
                continue
            if end < len(text) and is_word_char(text[end]) and is_word_char(text[end - 1]):
                continue
            candidates.append(TermMatch(start, end, entries))
        candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[TermMatch] = []
        covered_until = -1
        exceptions: list[TermMatch] = []
        for match in candidates:
            if all(e.role == EXCEPTION for e in match.entries):
                exceptions.append(match)
                continue
            if match.start >= covered_until:
                chosen.append(match)
                covered_until = match.end
        if exceptions:
            chosen = [m for m in chosen if not any(x.start <= m.start and m.end <= x.end for x in exceptions)]
        return chosen
