"""`qa glossary stats`: how often each entry and each variant fired on a corpus.

The counts are those of the term rules that `qa check` runs (T001 variant, T002 case, T003 mixed
forms, T004 place in the wrong country, and pattern hits), attributed back to the entries that
raised them; `uses` counts the correct forms (the term or an accepted form) seen. Each document
gives a small summary and a run is their sum, so the counting maps over documents like `qa check`
does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from qa.checkers import Context, terms
from qa.documents import DEFAULT_INCLUDE, InputError, discover, read_document
from qa.glossary import Glossary
from qa.matcher import ACCEPTED, CANONICAL, EXCEPTION, IMPLICIT, VARIANT, normalise

USE, VARIANT_HIT, CASE, PATTERN, MIXED, COUNTRY = "use", "variant", "case", "pattern", "mixed", "country"


@dataclass
class EntryStats:
    term: str
    kind: str
    source: str
    uses: int = 0
    documents: int = 0  # documents where the entry fired
    variants: Counter[str] = field(default_factory=Counter)  # variant as listed -> times it fired
    case: int = 0
    patterns: int = 0
    mixed: int = 0
    country: int = 0  # T004: named in a country the entry is not in

    @property
    def fired(self) -> int:
        return sum(self.variants.values()) + self.case + self.patterns + self.mixed + self.country

    def to_dict(self) -> dict[str, object]:
        return {"term": self.term, "kind": self.kind, "source": self.source, "fired": self.fired,
                "uses": self.uses, "documents": self.documents, "variants": dict(self.variants.most_common()),
                "case": self.case, "patterns": self.patterns, "mixed": self.mixed,
                "country": self.country}  # fmt: skip


@dataclass
class CorpusStats:
    entries: list[EntryStats]
    documents: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def never_fired(self) -> list[EntryStats]:
        return [e for e in self.entries if not e.fired]

    def unseen_variants(self, glossary: Glossary) -> list[tuple[str, str]]:
        """(term, variant) pairs that never fired."""
        return [(t.term, v) for t, e in zip(glossary.terms, self.entries, strict=True) for v in t.variants
                if not e.variants[v]]  # fmt: skip

    def to_dict(self, glossary: Glossary) -> dict[str, object]:
        ranked = sorted(self.entries, key=lambda e: (-e.fired, -e.uses, e.term))
        return {
            "documents": self.documents,
            "entries": [e.to_dict() for e in ranked],
            "fired": sum(1 for e in self.entries if e.fired),
            "never_fired": [e.term for e in self.never_fired],
            "unseen_variants": [{"term": t, "variant": v} for t, v in self.unseen_variants(glossary)],
            "errors": self.errors,
        }


def document_counts(text_path: str, context: Context) -> Counter[tuple[int, str, str]]:
    """One document's summary: (entry index, what, form) -> count."""
    doc = read_document(text_path)
    counts: Counter[tuple[int, str, str]] = Counter()
    matches = {(m.start, m.end): m for m in context.matcher.find(doc.view)}
    by_start = {start: match for (start, _), match in matches.items()}
    for (start, end), match in matches.items():
        found = doc.view[start:end]
        for entry in match.entries:
            if entry.role in (CANONICAL, ACCEPTED) and entry.form == found:
                counts[(entry.term_index, USE, found)] += 1
    by_term: dict[str, list[int]] = {}
    for index, term in enumerate(context.glossary.terms):
        by_term.setdefault(normalise(term.term), []).append(index)
    for finding in terms.check(doc, context):
        match = matches.get((finding.start, finding.end))
        if finding.rule == "T001" and match is not None:
            for entry in match.entries:
                if entry.role in (VARIANT, IMPLICIT):
                    counts[(entry.term_index, VARIANT_HIT, entry.form)] += 1
        elif finding.rule == "T001":  # a pattern hit: attributed through its suggestion
            for index in by_term.get(normalise(finding.suggestion or ""), []):
                counts[(index, PATTERN, finding.text)] += 1
        elif finding.rule in ("T002", "T003") and match is not None:
            owners = [e for e in match.entries if e.role in (CANONICAL, ACCEPTED)]
            if finding.rule == "T003":  # the minority form names its entry
                owners = [e for e in owners if e.form == finding.text] or owners
            if owners:
                counts[(owners[0].term_index, CASE if finding.rule == "T002" else MIXED, finding.text)] += 1
        elif finding.rule == "T004" and finding.start in by_start:  # the span runs on to the country
            glossary_terms = context.glossary.terms
            placed = [e for e in by_start[finding.start].entries
                      if e.role != EXCEPTION and glossary_terms[e.term_index].country]  # fmt: skip
            if placed:
                counts[(placed[0].term_index, COUNTRY, finding.text)] += 1
    return counts


def corpus_stats(
    paths: list[str], glossary: Glossary, include: tuple[str, ...] = DEFAULT_INCLUDE, exclude: tuple[str, ...] = ()
) -> CorpusStats:
    context = Context(glossary)
    result = CorpusStats([EntryStats(t.term, t.kind, t.source) for t in glossary.terms])
    for path in discover(paths, include, exclude):
        try:
            counts = document_counts(path, context)
        except InputError as exc:
            result.errors.append(str(exc))
            continue
        result.documents += 1
        fired_here: set[int] = set()
        for (index, what, form), count in counts.items():
            entry = result.entries[index]
            if what == USE:
                entry.uses += count
                continue
            fired_here.add(index)
            if what == VARIANT_HIT:
                entry.variants[form] += count
            elif what == CASE:
                entry.case += count
            elif what == PATTERN:
                entry.patterns += count
            elif what == COUNTRY:
                entry.country += count
            else:
                entry.mixed += count
        for index in fired_here:
            result.entries[index].documents += 1
    return result
