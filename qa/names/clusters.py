"""Grouping spellings into entities when no glossary entry vouches for either spelling.

Precision comes first. Two spellings are grouped only when every part aligns, no differing part is
an ordinary English word, and each difference is a transliteration fold (equal skeletons, or one
Korean surname romanised two ways), a single vowel respelling ("Zelinsky"/"Zelensky"), or an
unattested spelling (absent from wordfreq) one consonant-class edit away. Different people with
shared or similar surnames stay apart: given names are only compared inside a full name with the
same surname, feminine and derived forms ("Zelenska", "Korean") never join, and parts of three
letters or fewer must fold to the same skeleton.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from qa.names.index import DeletionIndex, deletions
from qa.names.lexicon import attestation, is_common, memo, same_korean_surname
from qa.names.translit import compare, name_form, vowel_respelling

NAME, FULL = "name", "full"  # a single name or surname; a multi-part full name
MIN_SIMILARITY = 0.8
TIE_MARGIN = 0.5  # Zipf difference that settles a tie of counts
ESTABLISHED_ZIPF = 2.0  # both spellings this common in English text: two names, unless they fold


@dataclass
class FormUse:
    """One spelling (by strict key) of a name in a document or a corpus."""

    key: str
    level: str
    surfaces: dict[str, int] = field(default_factory=dict)  # plain dicts: Counter() is slow to make
    spans: list[tuple[int, int]] = field(default_factory=list)
    examples: dict[str, str] = field(default_factory=dict)  # one sentence per spelling
    settled: bool = False  # the document pass saw other spellings of it and decided
    headlines: dict[str, int] = field(default_factory=dict)  # counted for `suggest` only

    @property
    def count(self) -> int:
        return sum(self.surfaces.values())

    @property
    def display(self) -> str:
        counts = self.surfaces or self.headlines
        return max(counts, key=counts.__getitem__)

    @property
    def example(self) -> str:
        return self.examples.get(self.display, "")

    def add(self, surface: str, start: int, end: int, example: str, headline: bool = False) -> None:
        if headline:
            self.headlines[surface] = self.headlines.get(surface, 0) + 1
            if example:
                self.examples.setdefault(surface, example)
            return
        if example and surface not in self.surfaces:
            self.examples[surface] = example  # a sentence beats a headline as an example
        self.surfaces[surface] = self.surfaces.get(surface, 0) + 1
        self.spans.append((start, end))


@lru_cache(maxsize=65536)  # called rarely: only for spellings whose coarse keys collide
def related(minor: str, head: str, level: str = NAME) -> float | None:
    """Similarity when `minor` reads as another spelling of `head`, else None (no glossary)."""
    a, b = name_form(minor), name_form(head)
    result = compare(a, b)
    if result is None:
        return None
    similarity, differing = result
    if not differing or similarity < MIN_SIMILARITY:
        return None
    if level == FULL:
        first, other = a.parts[a.surname_index], b.parts[b.surname_index]
        if first != other and not same_korean_surname(first, other):
            return None  # a full name only joins another with the same surname
    for part, other, skel, other_skel in differing:
        if same_korean_surname(part, other):
            continue  # "Moon"/"Mun": one family name in two romanisations (the given names agree)
        if is_common(part) or is_common(other):
            return None
        if skel != other_skel and min(attestation(part), attestation(other)) >= ESTABLISHED_ZIPF:
            return None  # two established names ("Rhine"/"Rhône", "Thomson"/"Thompson"), not one misspelt
        if skel == other_skel:
            continue
        if min(len(part), len(other)) < 4:
            return None
        if vowel_respelling(skel, other_skel) or attestation(part) == 0.0:
            continue
        return None
    return similarity


def cluster(forms: Iterable[FormUse], level: str, counts: dict[str, int] | None = None) -> list[list[FormUse]]:
    """Star clustering: the most frequent spelling heads a group; each other spelling joins the
    first head it reads as a respelling of. Returns the groups with more than one spelling."""

    def weight(form: FormUse) -> int:
        return counts[form.key] if counts is not None else form.count

    forms = [f for f in forms if weight(f) > 0]
    if not displays_may_collide([f.display for f in forms]):
        return []
    ordered = sorted(forms, key=lambda f: (-weight(f), f.spans[0] if f.spans else (0, 0)))
    groups: list[list[FormUse]] = []
    heads: DeletionIndex[int] = DeletionIndex()
    for form in ordered:
        coarse = coarse_key(form.display)[0]
        for number in sorted(heads.find(coarse)):
            if related(form.display, groups[number][0].display, level) is not None:
                groups[number].append(form)
                break
        else:
            heads.add(coarse, len(groups))
            groups.append([form])
    return [group for group in groups if len(group) > 1]


def displays_may_collide(displays: list[str]) -> bool:
    """Cheap necessary condition for any grouping of these spellings: two coarse keys equal, or (a
    consonant added in a long name) one key a deletion of another."""
    return coarse_keys_may_collide([coarse_key(display) for display in displays])


def coarse_keys_may_collide(keys: list[tuple[str, bool]]) -> bool:
    """`displays_may_collide` on the spellings' `coarse_key`s."""
    unique = {key for key, _ in keys}
    if len(unique) < len(keys):
        return True
    lengths = {len(key) for key in unique}
    for key, long_name in keys:
        if long_name and len(key) - 1 in lengths and not unique.isdisjoint(deletions(key)):
            return True
    return False


@memo(100_000)
def coarse_key(display: str) -> tuple[str, bool]:
    """A spelling's coarse key, and whether its skeleton is long enough to lose a consonant."""
    form = name_form(display)
    return form.coarse, len(form.skeleton) >= 8


def majority(head: FormUse, minor: FormUse, head_count: int, minor_count: int) -> bool | None:
    """True: `head` is the form to keep; False: `minor` is; None: undecidable (skip)."""
    if head_count != minor_count:
        return head_count > minor_count
    difference = attestation(head.display) - attestation(minor.display)
    if abs(difference) < TIE_MARGIN:
        return None
    return difference > 0


@memo(100_000)
def eligible(form_text: str) -> bool:
    """Worth comparing at all: long enough and not an ordinary word."""
    form = name_form(form_text)
    if len(form.strict) < 4:
        return False
    return form.east_asian or any(not is_common(part) for part in form.parts)
