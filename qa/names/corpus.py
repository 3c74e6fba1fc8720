"""Corpus-level name consistency: a reduce over the per-document summaries (`DocNames`).

Spellings of names the glossary does not know are counted over every document of a run and
grouped into entities (`clusters.cluster`). A spelling that the run writes another way much more
often is reported in each document where the document pass could not see it (the document used
that spelling only); documents that mixed spellings were already reported by N002 there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Union

from qa.names.analysis import INCONSISTENT, DocNames, Issue, analyse
from qa.names.clusters import FULL, NAME, FormUse, cluster, majority
from qa.names.translit import other_orthographies

if TYPE_CHECKING:
    from qa.documents import Document
    from qa.glossary import Glossary
    from qa.model import Finding

Source = Union["Document", DocNames, str]
MIN_MAJORITY = 3  # the run's spelling is used at least this often…
MIN_RATIO = 2  # …and at least twice as often as the other one


@dataclass
class CorpusForm:
    """A spelling summed over the documents of a run."""

    use: FormUse
    docs: list[tuple[DocNames, FormUse]] = field(default_factory=list)


def summaries(sources: Iterable[Source], glossary: Glossary | None = None, examples: bool = True) -> Iterator[DocNames]:
    """`DocNames` for documents, paths or ready summaries (analysed with `glossary`)."""
    from qa.checkers import Context
    from qa.documents import read_document
    from qa.glossary import Glossary

    context = Context(glossary if glossary is not None else Glossary())
    for source in sources:
        if isinstance(source, DocNames):
            yield source
        else:
            doc = read_document(source) if isinstance(source, str) else source
            yield analyse(doc, context, examples=examples)[1]


def corpus_forms(docs: Iterable[DocNames]) -> dict[tuple[str, str], CorpusForm]:
    merged: dict[tuple[str, str], CorpusForm] = {}
    for doc in docs:
        for key, use in doc.forms.items():
            entry = merged.get(key)
            if entry is None:
                entry = merged[key] = CorpusForm(FormUse(use.key, use.level))
            total = entry.use
            for surface, example in use.examples.items():
                if example and (
                    surface not in total.examples or (surface in use.surfaces and surface not in total.surfaces)
                ):
                    total.examples[surface] = f"{example} ({_name(doc.path)})"
            for mine, theirs in ((total.surfaces, use.surfaces), (total.headlines, use.headlines)):
                for surface, count in theirs.items():
                    mine[surface] = mine.get(surface, 0) + count
            total.spans.extend(use.spans[:1])
            entry.docs.append((doc, use))
    return merged


def corpus_groups(merged: dict[tuple[str, str], CorpusForm]) -> list[tuple[str, list[CorpusForm]]]:
    """Entities with several spellings over the run, majority spelling first."""
    groups = []
    for level in (NAME, FULL):
        forms = {entry.use.key: entry for (lvl, _), entry in merged.items() if lvl == level}
        counts = {key: entry.use.count for key, entry in forms.items()}
        for group in cluster((entry.use for entry in forms.values()), level, counts):
            groups.append((level, [forms[use.key] for use in group]))
    return groups


def corpus_name_findings(sources: Iterable[Source], glossary: Glossary | None = None) -> dict[str, list[Finding]]:
    """N002 findings across the documents of a run, by document path, in view offsets.

    `sources` are Documents, paths, or the `DocNames` summaries of `qa.names.analysis.analyse`
    (which lets a process pool compute them per document). Findings carry view offsets like a
    checker's; locate them with the engine (`locate(finding, doc)`) before reporting.
    """
    from qa.checkers.names import IN_RUN, to_finding

    docs = list(summaries(sources, glossary, examples=False))
    findings: dict[str, list[Finding]] = {doc.path: [] for doc in docs}
    for _, group in corpus_groups(corpus_forms(docs)):
        head = group[0]
        for minor in group[1:]:
            head_count, minor_count = head.use.count, minor.use.count
            if head_count < MIN_MAJORITY or head_count < MIN_RATIO * minor_count:
                continue
            if not majority(head.use, minor.use, head_count, minor_count):
                continue
            if other_orthographies(head.use.display, minor.use.display):
                continue  # within one article N002 still compares them: there it is one person
            for doc, use in minor.docs:
                if use.settled:
                    continue  # this document mixed spellings: N002 already spoke there
                for start, end in use.spans:
                    issue = Issue(
                        INCONSISTENT, start, end, use.display, head.use.display, 0.6, (minor_count, head_count)
                    )
                    findings[doc.path].append(to_finding(issue, IN_RUN))
    return {path: found for path, found in findings.items() if found}


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
