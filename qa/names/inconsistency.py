"""N002 within one document: one name spelled two ways, neither spelling in the glossary.

The unlisted mentions are first reduced to records (level, key, spelling, span). Most documents
spell every name one way and no two of their names could be grouped (`clusters.displays_may_collide`
says so from the coarse keys alone); for them nothing is reported, and the per-spelling counts of
the document's summary (`FormUse`) are only made if the summary is asked for (`count`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.matcher import normalise
from qa.names.clusters import FULL, NAME, FormUse, cluster, displays_may_collide, majority
from qa.names.summary import INCONSISTENT, Issue

if TYPE_CHECKING:
    from qa.names.analysis import _State
    from qa.names.mentions import Mention
    from qa.names.runs import MentionPlan

Record = tuple[str, str, str, int, int, "Mention"]  # (level, key, spelling as written, start, end, mention)


def inconsistencies(state: _State, mentions: list[tuple[Mention, MentionPlan]]) -> list[Record] | None:
    """Report N002 issues; returns the records when the summary's counts were not made yet."""
    records: list[Record] = []
    view, covered = state.view, state.covered
    for mention, plan in mentions:
        if covered and state.any_covered(mention):
            continue
        full, surname_at, surname_key = plan[4], plan[5], plan[6]
        if full is not None:
            start, end = mention.tokens[0].start, mention.tokens[-1].end
            records.append((FULL, full, view[start:end], start, end, mention))
        if surname_key is not None:
            surname = mention.tokens[surname_at]
            records.append((NAME, surname_key, surname.text, surname.start, surname.end, mention))
    if not state.examples and not _may_differ(records):
        return records
    count(state, records)
    _report(state, state.summary.forms)
    return None


def _may_differ(records: list[Record]) -> bool:
    """Could `_report` find anything? Only where a key is written two ways (respacing, or the
    display spelling to weigh) or two keys of one level may be grouped."""
    written: dict[tuple[str, str], str] = {}
    displays: dict[str, list[str]] = {NAME: [], FULL: []}
    for level, key, surface, _, _, mention in records:
        if mention.headline:
            continue  # headlines are not counted
        known = written.get((level, key))
        if known is None:
            written[level, key] = surface
            displays[level].append(surface)
        elif known != surface:
            return True
    return any(len(found) > 1 and displays_may_collide(found) for found in displays.values())


def count(state: _State, records: list[Record]) -> None:
    """The per-spelling counts of the document's summary."""
    forms = state.summary.forms
    examples = state.examples
    for level, key, surface, start, end, mention in records:
        use = forms.get((level, key))
        if use is None:
            use = forms[level, key] = FormUse(key, level)
        fresh = examples and (surface not in use.examples or (not mention.headline and surface not in use.surfaces))
        use.add(surface, start, end, state.example(mention) if fresh else "", mention.headline)


def _report(state: _State, forms: dict[tuple[str, str], FormUse]) -> None:
    for level in (NAME, FULL):
        candidates = [f for (lvl, _), f in forms.items() if lvl == level and f.count]
        if len(candidates) < 2:
            continue
        for group in cluster(candidates, level):
            head = group[0]
            for minor in group:
                minor.settled = True
            for minor in group[1:]:
                keep = majority(head, minor, head.count, minor.count)
                if keep is None or (not keep and len(group) > 2):
                    continue
                winner, loser = (head, minor) if keep else (minor, head)
                confidence = 0.7 if winner.count > loser.count else 0.55
                for start, end in loser.spans:
                    _inconsistent(state, start, end, winner.display, confidence, (loser.count, winner.count))
    for use in forms.values():
        if len(use.surfaces) > 1:
            _respaced(state, use)


def _respaced(state: _State, use: FormUse) -> None:
    """One spelling hyphenated or spaced two ways ("Kim Jong-un", "Kim Jong Un"); case is T002's."""
    counts: dict[str, int] = {}
    for surface, count in use.surfaces.items():
        counts[normalise(surface)] = counts.get(normalise(surface), 0) + count
    if len(counts) < 2:
        return
    (best, best_count), (_, second_count) = sorted(counts.items(), key=lambda item: -item[1])[:2]
    if best_count == second_count:
        return
    target = max((s for s in use.surfaces if normalise(s) == best), key=use.surfaces.__getitem__)
    for start, end in use.spans:
        key = normalise(state.view[start:end])
        if key != best:
            _inconsistent(state, start, end, target, 0.6, (counts[key], best_count))


def _inconsistent(state: _State, start: int, end: int, target: str, confidence: float, counts: tuple[int, int]) -> None:
    if any(i.start == start and i.end == end for i in state.issues[-8:]):
        return
    state.issues.append(Issue(INCONSISTENT, start, end, state.view[start:end], target, confidence, counts))
