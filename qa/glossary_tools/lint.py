"""`qa glossary lint`: problems in glossary data, each with a code, a severity and a file:line.

Codes (the table `CODES` is the documentation; `qa glossary lint --list-codes` prints it):

    G001 duplicate-term            error    the same term twice in one file
    G002 variant-is-term           error    a variant is another entry's term or accepted form
    G003 variant-listed-twice      error    a variant under two entries (or twice under one)
    G004 variant-equals-term       error    a variant equal to its own term, or differing only in case
    G005 exception-without-variant warning  an exception that contains none of the entry's forms to flag
    G006 pattern-invalid           error    a pattern that does not compile
    G007 pattern-backtracking      error    a pattern that can backtrack catastrophically
    G008 missing-kind              warning  an entry without `kind`
    G009 near-duplicate-terms      warning  two terms that differ only by transliteration
    G010 term-overridden           info     a later glossary replaces an entry of an earlier one
    G011 unknown-country           warning  a `country` that is not in qa/data/countries.txt

Several files are linted as they are used together: each file on its own (G001, G004-G008) and
then the merged glossary, where a later file wins per term (G002, G003, G009, G010).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import regex

from qa.glossary import countries
from qa.glossary_tools import backtracking, merge
from qa.glossary_tools.source import Located, RawEntry, RawGlossary
from qa.matcher import normalise
from qa.model import Severity


class Code(NamedTuple):
    code: str
    name: str
    severity: Severity
    why: str


CODES = {
    c.code: c
    for c in (
        Code("G001", "duplicate-term", Severity.ERROR,
             "The loader refuses a file that lists a term twice; merge the two entries."),
        Code("G002", "variant-is-term", Severity.ERROR,
             "A form cannot be both correct (a term or accepted form) and wrong (a variant)."),
        Code("G003", "variant-listed-twice", Severity.ERROR,
             "A variant under two entries makes its fix ambiguous, so it is never applied safely."),
        Code("G004", "variant-equals-term", Severity.ERROR,
             "Matching ignores case, so such a variant would flag the term itself; casing slips are T002's job."),
        Code("G005", "exception-without-variant", Severity.WARNING,
             "An exception only protects a variant inside a fixed phrase; one without a variant does nothing."),
        Code("G006", "pattern-invalid", Severity.ERROR,
             "The loader refuses a pattern that does not compile."),
        Code("G007", "pattern-backtracking", Severity.ERROR,
             "A pattern that backtracks catastrophically stalls `qa check` until its timeout drops it."),
        Code("G008", "missing-kind", Severity.WARNING,
             "Every entry says what it names (person, place, org or term); reports and exports use it."),
        Code("G009", "near-duplicate-terms", Severity.WARNING,
             "Two entries whose terms differ only by transliteration name one thing twice; keep one."),
        Code("G010", "term-overridden", Severity.INFO,
             "A later glossary replaces the whole entry of an earlier one (later wins per term)."),
        Code("G011", "unknown-country", Severity.WARNING,
             "T004 compares countries through the country list; a name it does not know matches only itself."),
    )
}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    code: str
    message: str

    @property
    def name(self) -> str:
        return CODES[self.code].name

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "code": self.code, "name": self.name,
                "severity": str(self.severity), "message": self.message}  # fmt: skip

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} [{self.severity}] {self.message}"


def lint(glossaries: list[RawGlossary]) -> list[Problem]:
    """Every problem in `glossaries` (in command-line order), sorted by file and line."""
    problems: list[Problem] = []
    for glossary in glossaries:
        problems.extend(_lint_file(glossary))
    problems.extend(_lint_merged(glossaries))
    order = {g.path: i for i, g in enumerate(glossaries)}
    return sorted(set(problems), key=lambda p: (order.get(p.path, 0), p.line, p.code, p.message))


def _lint_file(glossary: RawGlossary) -> Iterable[Problem]:
    path = glossary.path
    first: dict[str, RawEntry] = {}
    for entry in glossary.entries:
        term = entry.term.text
        if term in first:
            yield Problem(path, entry.line, "G001", f"duplicate term {term!r} (first at {first[term].source})")
        else:
            first[term] = entry
        if entry.kind is None:
            yield Problem(path, entry.line, "G008", f"entry {term!r} has no kind (person, place, org or term)")
        for variant in entry.variants:
            if normalise(variant.text) == normalise(term):
                what = "is the term itself" if variant.text == term else "differs from the term only in case"
                yield Problem(path, variant.line, "G004", f"variant {variant.text!r} of {term!r} {what}")
        flagged = [normalise(f) for f in _flagged_forms(entry)]
        for exception in entry.exceptions:
            if not any(_contains_word(normalise(exception.text), form) for form in flagged):
                yield Problem(path, exception.line, "G005",
                              f"exception {exception.text!r} of {term!r} contains none of its variants")  # fmt: skip
        yield from _lint_patterns(path, entry)
        yield from _lint_countries(path, entry)


def _lint_countries(path: str, entry: RawEntry) -> Iterable[Problem]:
    table = countries()
    for country in entry.country:
        if table.resolve(country.text):
            continue
        close = difflib.get_close_matches(country.text, list(table.owners), n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        yield Problem(path, country.line, "G011",
                      f"country {country.text!r} of {entry.term.text!r} is not in the country list{hint}")  # fmt: skip


def _flagged_forms(entry: RawEntry) -> list[str]:
    forms = [v.text for v in (*entry.variants, *entry.accepted)]
    if "-" in entry.term.text:  # the loader's implicit hyphenation variant
        forms.append(entry.term.text.replace("-", " "))
    return forms


def _contains_word(text: str, form: str) -> bool:
    start = text.find(form)
    while start >= 0:
        end = start + len(form)
        before = start == 0 or not (text[start - 1].isalnum() and text[start].isalnum())
        after = end == len(text) or not (text[end].isalnum() and text[end - 1].isalnum())
        if before and after:
            return True
        start = text.find(form, start + 1)
    return False


def _lint_patterns(path: str, entry: RawEntry) -> Iterable[Problem]:
    for pattern in entry.patterns:
        try:
            compiled = regex.compile(pattern.text, regex.VERSION1)
        except regex.error as exc:
            yield Problem(path, pattern.line, "G006", f"pattern {pattern.text!r} does not compile: {exc}")
            continue
        for shape in backtracking.static_problems(pattern.text):
            yield Problem(path, pattern.line, "G007", f"pattern {pattern.text!r} has {shape}")
        slow = backtracking.timed_out(compiled)
        if slow is not None:
            limit = backtracking.PATTERN_TIMEOUT
            yield Problem(path, pattern.line, "G007", f"pattern {pattern.text!r} takes over {limit}s on {slow!r}")


def merged_entries(glossaries: list[RawGlossary]) -> tuple[list[RawEntry], list[tuple[RawEntry, RawEntry]]]:
    """The entries in force after merging (later wins per term), and the (replaced, replacement) pairs."""
    entries: list[RawEntry] = []
    index: dict[str, int] = {}
    overrides: list[tuple[RawEntry, RawEntry]] = []
    for glossary in glossaries:
        seen_here: set[str] = set()
        for entry in glossary.entries:
            term = entry.term.text
            if term in seen_here:  # a duplicate inside one file is G001; both are checked
                entries.append(entry)
            elif term in index:
                overrides.append((entries[index[term]], entry))
                entries[index[term]] = entry
            else:
                index[term] = len(entries)
                entries.append(entry)
            seen_here.add(term)
    return entries, overrides


def _lint_merged(glossaries: list[RawGlossary]) -> Iterable[Problem]:
    entries, overrides = merged_entries(glossaries)
    for replaced, replacement in overrides:
        yield Problem(replacement.path, replacement.line, "G010", describe_override(replaced, replacement))
    correct: dict[str, tuple[RawEntry, Located]] = {}
    for entry in entries:
        for form in (entry.term, *entry.accepted):
            correct.setdefault(normalise(form.text), (entry, form))
    listed: dict[str, tuple[RawEntry, Located]] = {}
    for entry in entries:
        for variant in entry.variants:
            key = normalise(variant.text)
            owner = correct.get(key)
            if owner is not None and owner[0] is not entry:
                what = "the term" if owner[1] is owner[0].term else "an accepted form"
                yield Problem(entry.path, variant.line, "G002",
                              f"variant {variant.text!r} of {entry.term.text!r} is {what} of "
                              f"{owner[0].term.text!r} ({owner[0].source})")  # fmt: skip
            if key in listed:
                first_entry, first_form = listed[key]
                where = (
                    "twice under the same entry"
                    if first_entry is entry
                    else (f"also under {first_entry.term.text!r} ({first_entry.path}:{first_form.line})")
                )
                yield Problem(entry.path, variant.line, "G003", f"variant {variant.text!r} is listed {where}")
            else:
                listed[key] = (entry, variant)
    by_skeleton: dict[str, RawEntry] = {}
    for entry in entries:
        key = skeleton(entry.term.text)
        other = by_skeleton.setdefault(key, entry)
        if other is not entry and other.term.text != entry.term.text:
            yield Problem(entry.path, entry.line, "G009",
                          f"term {entry.term.text!r} differs from {other.term.text!r} ({other.source}) "
                          "only by transliteration")  # fmt: skip


def describe_override(replaced: RawEntry, replacement: RawEntry) -> str:
    """One line for a merge conflict: what the later entry drops and adds."""
    return merge.describe(
        replacement.term.text,
        replaced.source,
        (v.text for v in replaced.variants),
        (v.text for v in replacement.variants),
        tuple(c.text for c in replaced.country),
        tuple(c.text for c in replacement.country),
    )


# Spelling pairs that transliteration systems disagree on, folded to one form (longest first).
FOLDS = (
    ("tsch", "ch"), ("sch", "sh"), ("dzh", "j"), ("kh", "h"), ("gh", "g"), ("zh", "j"), ("dj", "j"),
    ("ph", "f"), ("ck", "k"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ts", "c"), ("tz", "c"),
    ("w", "v"), ("q", "k"), ("y", "i"), ("x", "ks"),
)  # fmt: skip


def skeleton(term: str) -> str:
    """A spelling key under which transliterations of one name collide: 'Zelenskyy' -> 'zelenski'."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", term.casefold()) if not unicodedata.combining(c))
    key = "".join(c for c in plain if c.isalnum())
    for old, new in FOLDS:
        key = key.replace(old, new)
    collapsed = []
    for char in key:
        if not collapsed or collapsed[-1] != char:
            collapsed.append(char)
    return "".join(collapsed)
