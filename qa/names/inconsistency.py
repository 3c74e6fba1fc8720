"""N002 within one document: one name spelled two ways, neither spelling in the glossary.

The unlisted mentions reduce to records (level, key, spelling, span), which their plans hold
relative to their runs (`runs.Keyed`). Most documents spell every name one way and no two of their
names could be grouped (`clusters.coarse_keys_may_collide` says so from the coarse keys alone); for
them nothing is reported, and neither the records nor the per-spelling counts of the document's
summary (`FormUse`) are made unless the summary is asked for (`count`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.matcher import normalise
from qa.names.clusters import FULL, NAME, FormUse, cluster, coarse_keys_may_collide, majority
from qa.names.runs import KEYED
from qa.names.summary import INCONSISTENT, Issue

if TYPE_CHECKING:
    from qa.names.analysis import Occurrence, _State

# ((level, key), spelling as written, start, end, the occurrence it is part of)
Record = tuple[tuple[str, str], str, int, int, "Occurrence"]


def inconsistencies(state: _State, unlisted: list[Occurrence]) -> list[Occurrence] | None:
    """Report N002 issues; returns the mentions to count when the summary's counts were not made yet."""
    counted = [o for o in unlisted if not state.occurrence_covered(o)] if state.covered else unlisted
    if not state.examples and not _may_differ(counted, state.headlines):
        return counted
    count(state, records_of(counted))
    _report(state, state.summary.forms)
    return None


def records_of(counted: list[Occurrence]) -> list[Record]:
    """The records of these mentions, in the view's offsets."""
    records: list[Record] = []
    for occurrence in counted:
        start = occurrence[0]
        for level_key, surface, first, last, _ in occurrence[2][KEYED]:
            records.append((level_key, surface, start + first, start + last, occurrence))
    return records


def _may_differ(counted: list[Occurrence], headlines: list[bool]) -> bool:
    """Could `_report` find anything? Only where a key is written two ways (respacing, or the
    display spelling to weigh) or two keys of one level may be grouped."""
    written: dict[tuple[str, str], str] = {}
    coarse: dict[str, list[tuple[str, bool]]] = {NAME: [], FULL: []}
    for _, number, plan in counted:
        if headlines[number]:
            continue  # headlines are not counted
        for level_key, surface, _, _, coarse_key in plan[KEYED]:
            known = written.get(level_key)
            if known is None:
                written[level_key] = surface
                coarse[level_key[0]].append(coarse_key)
            elif known != surface:
                return True
    return any(len(keys) > 1 and coarse_keys_may_collide(keys) for keys in coarse.values())


def count(state: _State, records: list[Record]) -> None:
    """The per-spelling counts of the document's summary."""
    forms = state.summary.forms
    examples, headlines = state.examples, state.headlines
    for level_key, surface, start, end, occurrence in records:
        use = forms.get(level_key)
        if use is None:
            use = forms[level_key] = FormUse(level_key[1], level_key[0])
        headline = headlines[occurrence[1]]
        fresh = examples and (surface not in use.examples or (not headline and surface not in use.surfaces))
        use.add(surface, start, end, state.example(state.mention(occurrence)) if fresh else "", headline)


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
