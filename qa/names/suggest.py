"""`qa glossary suggest`: glossary entries mined from a corpus, as ready-to-paste YAML.

Three kinds of entry, each with the count of every spelling and one example sentence per spelling
in comments:
  - glossary names seen spelled several ways, with the unlisted near-variants (N001) added to their
    variants; the entry repeats the existing fields, so pasting it into a later glossary (later wins
    per term) extends the entry instead of duplicating it;
  - names the glossary does not know, spelled several ways over the corpus (canonical: the most
    frequent spelling);
  - frequent names missing from the glossary.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable

import yaml

from qa.matcher import normalise
from qa.names.analysis import DocNames, TermUse
from qa.names.clusters import FULL, FormUse, eligible
from qa.names.corpus import CorpusForm, Source, corpus_forms, corpus_groups, summaries
from qa.names.index import glossary_names
from qa.names.translit import name_form

MIN_COUNT = 3  # a missing name is suggested from this many mentions on
LIMIT = 40  # at most this many missing names


def suggest(sources: Iterable[Source], glossary: object | None = None, *, min_count: int = MIN_COUNT) -> str:
    """The YAML text printed by `qa glossary suggest PATHS` (sources: paths, Documents or DocNames)."""
    from qa.glossary import Glossary

    gloss = glossary if isinstance(glossary, Glossary) else Glossary()
    docs = list(summaries(sources, gloss))
    lines = [
        f"# qa glossary suggest: {len(docs)} documents; glossary: {gloss.name or 'none'} ({len(gloss.terms)} terms)",
        "# Review each entry before pasting it into a glossary. Counts are mentions; one example per spelling.",
        "terms:",
    ]
    merged = corpus_forms(docs)
    groups = _groups(merged)
    blocks = _glossary_entries(docs, gloss) + [_cluster_block(group) for group in groups]
    missing = _missing_entries(merged, {use.key for group in groups for use in group}, gloss, min_count)
    if blocks:
        lines += ["", "  # ---- names spelled several ways ----", *blocks]
    if missing:
        lines += ["", "  # ---- frequent names missing from the glossary ----", *missing]
    if not blocks and not missing:
        lines[-1] = "terms: []"
    return "\n".join(lines) + "\n"


def _glossary_entries(docs: list[DocNames], glossary: object) -> list[str]:
    uses: dict[int, TermUse] = {}
    for doc in docs:
        for term, use in doc.terms.items():
            total = uses.setdefault(term, TermUse(Counter()))
            total.surfaces.update(use.surfaces)  # type: ignore[attr-defined]
            total.near.update(use.near)
            for surface, example in use.examples.items():
                total.examples.setdefault(surface, f"{example} ({os.path.basename(doc.path)})")
    names = glossary_names(glossary)  # type: ignore[arg-type]
    blocks = []
    for number, use in sorted(uses.items(), key=lambda item: -sum(item[1].surfaces.values())):
        if len(use.surfaces) < 2 and not use.near:
            continue
        term = names.terms[number]
        listed = {normalise(v) for v in (*term.variants, *term.accepted, term.term)}
        width = len(name_form(term.term).parts)
        new = sorted(s for s in use.near if normalise(s) not in listed and len(name_form(s).parts) == width
                     and len(name_form(s).strict) > 3)  # fmt: skip
        header = f"{term.term} (in the glossary{'; new: ' + ', '.join(new) if new else ''})"
        fields: list[tuple[str, object]] = [("term", term.term), ("kind", term.kind)]
        if term.full:
            fields.append(("full", term.full))
        variants = [*term.variants, *new]
        for name, value in (("variants", variants), ("accepted", list(term.accepted)),
                            ("exceptions", list(term.exceptions))):  # fmt: skip
            if value:
                fields.append((name, value))
        if term.note:
            fields.append(("note", term.note))
        blocks.append(_block(header, Counter(use.surfaces), use.examples, fields))
    return blocks


def _groups(merged: dict[tuple[str, str], CorpusForm]) -> list[list[FormUse]]:
    """Names spelled several ways: clusters, and one name hyphenated or spaced two ways."""
    groups = [[form.use for form in group] for _, group in corpus_groups(merged)]
    grouped = {use.key for group in groups for use in group}
    for form in merged.values():
        spellings = {normalise(s) for s in (*form.use.surfaces, *form.use.headlines)}
        if form.use.key not in grouped and len(spellings) > 1 and form.use.count > 0:
            groups.append([form.use])
    return sorted(groups, key=lambda g: -sum(u.count for u in g))


def _cluster_block(group: list[FormUse]) -> str:
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for use in group:
        counts.update(use.surfaces)
        counts.update(use.headlines)
        for surface, example in use.examples.items():
            examples.setdefault(surface, example)
    canonical = group[0].display
    seen = {normalise(canonical)}
    variants = []
    for surface, _ in counts.most_common():
        if normalise(surface) not in seen:
            seen.add(normalise(surface))
            variants.append(surface)
    fields: list[tuple[str, object]] = [("term", canonical), ("variants", variants)]
    return _block(f"{canonical} (not in the glossary)", counts, examples, fields)


def _missing_entries(
    merged: dict[tuple[str, str], CorpusForm], grouped: set[str], glossary: object, min_count: int
) -> list[str]:
    vocabulary = glossary_names(glossary).vocabulary  # type: ignore[arg-type]
    candidates = []
    for (level, key), form in merged.items():
        display = form.use.display
        words = {w.lower() for w in display.replace("-", " ").split()}
        if key in grouped or form.use.count < min_count or not eligible(display) or words <= vocabulary:
            continue
        candidates.append((form.use.count, len(form.docs), level, display, form.use.example))
    full_names = {display for _, _, level, display, _ in candidates if level == FULL}
    blocks = []
    for count, in_docs, level, display, example in sorted(candidates, key=lambda c: (-c[0], c[3]))[:LIMIT]:
        if level != FULL and any(display in full.split() for full in full_names):
            continue  # the full name is suggested
        header = f"{display}: {count} mentions in {in_docs} document{'s' if in_docs > 1 else ''}"
        blocks.append(_block(header, Counter(), {display: example}, [("term", display)]))
    return blocks


def _block(header: str, counts: Counter[str], examples: dict[str, str], fields: list[tuple[str, object]]) -> str:
    lines = ["", f"  # {header}" + (": " + ", ".join(f"{s} {n}" for s, n in counts.most_common()) if counts else "")]
    for surface in counts or examples:
        if examples.get(surface):
            lines.append(f"  #   {surface}: {examples[surface]}")
    first, *rest = fields
    lines.append(f"  - {first[0]}: {_yaml(first[1])}")
    lines += [f"    {name}: {_yaml(value)}" for name, value in rest]
    return "\n".join(lines)


def _yaml(value: object) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=100_000)
    return text.strip().removesuffix("...").strip()
